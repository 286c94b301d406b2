#!/usr/bin/env python3
"""A linear-chain CRF (CRFsuite, L-BFGS, L1/L2) on the NER tagger's own first-pass
features, per cross-validation fold, scored by the rules of `marsad eval ner` (CoNLL
spans: exact span and type; BIOES read as BIO), without label propagation.

Dump the folds first (same folds and features as `marsad eval ner --cv 5`):
  MARSAD_NER_FEATURES=DIR MARSAD_NER_ONE_PASS=1 MARSAD_NER_NO_PROPAGATE=1 \
    ./target/release/marsad eval ner FILE --cv 5 --epochs 10 --no-aux
then (pip install python-crfsuite):
  scripts/ner-crfsuite.py DIR C2 MAX_ITERATIONS [C1 [FOLDS, e.g. 0,2]]
"""
import sys, time, pycrfsuite, collections, os
d, c2, iters = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
c1 = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
folds = [int(x) for x in sys.argv[5].split(',')] if len(sys.argv) > 5 else range(5)
def read(path):
    X, Y, x, y = [], [], [], []
    for line in open(path):
        line = line.rstrip('\n')
        if not line:
            if x: X.append(x); Y.append(y); x, y = [], []
            continue
        parts = line.split('\t'); y.append(parts[0]); x.append(parts[1:])
    if x: X.append(x); Y.append(y)
    return X, Y
def bio(l):
    if l == 'O': return 'O'
    p, k = l.split('-'); return ('B-' if p in 'BS' else 'I-') + k
def spans(tags):
    out, open_ = [], None
    for i, t in enumerate(tags):
        pos, kind = (t.split('-') if t != 'O' else ('O', ''))
        cont = pos == 'I' and open_ is not None and open_[1] == kind
        if not cont:
            if open_: out.append((open_[0], i, open_[1])); open_ = None
            if pos != 'O': open_ = (i, kind)
    if open_: out.append((open_[0], len(tags), open_[1]))
    return out
def prf(tp, p, g):
    P = tp / p if p else 0; R = tp / g if g else 0
    return P, R, (2 * P * R / (P + R) if P + R else 0)
pooled = collections.defaultdict(lambda: [0, 0, 0]); fold_f = []
for fold in folds:
    t0 = time.time()
    X, Y = read(f'{d}/train.{fold}')
    tr = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(X, Y): tr.append(x, y)
    tr.set_params({'c1': c1, 'c2': c2, 'max_iterations': iters, 'feature.possible_transitions': True})
    model = f'/tmp/ner-crfsuite.{os.getpid()}.{fold}'
    tr.train(model)
    tg = pycrfsuite.Tagger(); tg.open(model)
    X, Y = read(f'{d}/test.{fold}')
    sc = collections.defaultdict(lambda: [0, 0, 0])
    for x, y in zip(X, Y):
        pred = [bio(l) for l in tg.tag(x)]; gold = [bio(l) for l in y]
        g = set(spans(gold)); p = set(spans(pred))
        for s in g: sc[s[2]][2] += 1
        for s in p:
            sc[s[2]][1] += 1
            if s in g: sc[s[2]][0] += 1
    tot = [sum(v[i] for v in sc.values()) for i in range(3)]
    fold_f.append(prf(*tot)[2])
    for k, v in sc.items():
        for i in range(3): pooled[k][i] += v[i]
    os.remove(model)
    print(f'fold {fold} F1 {fold_f[-1]:.4f} ({time.time()-t0:.0f}s)', flush=True)
for k in sorted(pooled):
    P, R, F = prf(*pooled[k]); print(f'{k:<6} {P:.4f} {R:.4f} {F:.4f} {pooled[k][2]}')
tot = [sum(v[i] for v in pooled.values()) for i in range(3)]
P, R, F = prf(*tot)
print(f'micro  {P:.4f} {R:.4f} {F:.4f}  c1={c1} c2={c2} iters={iters}')
print('folds ' + ' '.join(f'{f:.4f}' for f in fold_f))
