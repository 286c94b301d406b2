"""Leave-one-file-out CV over the development gold files (blind-14 is never read here).

python cv.py grid      -> LOFO pooled accuracy of every configuration (results/grid.tsv)
                          and a nested LOFO estimate of choosing the best one (results/nested.txt)
"""
import os, sys, json, itertools, collections, time, pathlib
import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import MultinomialNB, ComplementNB
from feats import DEV, load, featurize

RES = pathlib.Path(os.environ.get("EVX_DIR", "/tmp/evx")) / "results"; RES.mkdir(exist_ok=True)


def make_model(m):
    kind = m[0]
    if kind == "lr":
        return OneVsRestClassifier(LogisticRegression(C=m[1], class_weight=m[2], solver="liblinear", max_iter=1000))
    if kind == "ap":
        return SGDClassifier(loss="perceptron", penalty=None, learning_rate="constant", eta0=1.0,
                             max_iter=m[1], tol=None, average=True, shuffle=True, random_state=0)
    if kind == "nb":
        return MultinomialNB(alpha=m[1])
    if kind == "cnb":
        return ComplementNB(alpha=m[1])
    raise ValueError(m)


_CACHE = {}


def feat(a, fcfg):
    k = (a["file"], a["id"], json.dumps(fcfg, sort_keys=True))
    if k not in _CACHE:
        _CACHE[k] = featurize(a, fcfg)
    return _CACHE[k]


def fit_predict(train, test, fcfg, m):
    v = DictVectorizer()
    Xtr = v.fit_transform([feat(a, fcfg) for a in train])
    Xte = v.transform([feat(a, fcfg) for a in test])
    for X in (Xtr, Xte):
        X.indices = X.indices.astype(np.int32); X.indptr = X.indptr.astype(np.int32)
    clf = make_model(m)
    clf.fit(Xtr, [a["gold"] for a in train])
    return list(clf.predict(Xte))


FEATS = {
    "lead": dict(lead=True, bigrams=False, body=0, rules=0),
    "lead+bi": dict(lead=True, bigrams=True, body=0, rules=0),
    "lead+bi+body": dict(lead=True, bigrams=True, body=3, rules=0),
    "lead+R": dict(lead=True, bigrams=False, body=0, rules=2),
    "lead+bi+R": dict(lead=True, bigrams=True, body=0, rules=2),
    "lead+bi+body+R": dict(lead=True, bigrams=True, body=3, rules=2),
}
MODELS = [("lr", 10.0, None), ("ap", 20), ("nb", 0.3), ("nb", 1.0)]
# Round 2 (chosen after round 1: the perceptron and LR with rules and body words led):
FEATS2 = {
    "lead+bi+body": dict(lead=True, bigrams=True, body=3, rules=0),
    "lead+bi+body6": dict(lead=True, bigrams=True, body=6, rules=0),
    "lead+bi+body+R1": dict(lead=True, bigrams=True, body=3, rules=1),
    "lead+bi+body+R": dict(lead=True, bigrams=True, body=3, rules=2),
    "lead+bi+body+R4": dict(lead=True, bigrams=True, body=3, rules=4),
    "lead+bi+body6+R": dict(lead=True, bigrams=True, body=6, rules=2),
    "lead+body+R": dict(lead=True, bigrams=False, body=3, rules=2),
    "lead+R": dict(lead=True, bigrams=False, body=0, rules=2),
}
MODELS2 = [("ap", 20), ("lr", 10.0, None)]
ROUND = sys.argv[1] if len(sys.argv) > 1 else "grid"
if ROUND == "grid2":
    FEATS, MODELS = FEATS2, MODELS2
    RES = RES / ("round2" + os.environ.get("RES_SUFFIX", "")); RES.mkdir(exist_ok=True)
NESTED_KINDS = set(sys.argv[2].split(",")) if len(sys.argv) > 2 else set()


def configs():
    return [(fn, m) for fn in FEATS for m in MODELS]


def name(c):
    return f"{c[0]}|{'/'.join(map(str, c[1]))}"


def main():
    data = {f: load(f) for f in DEV}
    cfgs = configs()
    t0 = time.time()
    # pair[(i, j)][c] = predictions on file j of a model trained without files i and j
    # (the same fit serves both inner folds (outer i, test j) and (outer j, test i)).
    lofo = {c: {} for c in cfgs}
    pair = {c: {} for c in cfgs}
    for ci, c in enumerate(cfgs):
        fcfg, m = FEATS[c[0]], c[1]
        for f in DEV:
            train = [a for g in DEV if g != f for a in data[g]]
            lofo[c][f] = fit_predict(train, data[f], fcfg, m)
        for i, j in (itertools.combinations(DEV, 2) if m[0] in NESTED_KINDS else []):
            train = [a for g in DEV if g not in (i, j) for a in data[g]]
            p = fit_predict(train, data[i] + data[j], fcfg, m)
            pair[c][(i, j)] = p[len(data[i]):]
            pair[c][(j, i)] = p[:len(data[i])]
        print(f"{ci+1}/{len(cfgs)} {name(c)} {time.time()-t0:.0f}s", file=sys.stderr, flush=True)

    def acc(preds, f):
        return sum(p == a["gold"] for p, a in zip(preds, data[f]))

    n_all = sum(len(data[f]) for f in DEV)
    rows = []
    for c in cfgs:
        right = sum(acc(lofo[c][f], f) for f in DEV)
        rows.append((right / n_all, c))
    rows.sort(key=lambda r: -r[0])
    with open(RES / "grid.tsv", "w") as out:
        out.write("pooled_lofo_acc\tfeatures\tmodel\n")
        for a, c in rows:
            out.write(f"{a:.3f}\t{c[0]}\t{'/'.join(map(str, c[1]))}\n")
    # Nested: for each outer file o, choose the config by inner LOFO over the other 13 files,
    # then score that config's outer-fold predictions on o.
    nested_right, lines = 0, []
    cfgs_all = cfgs
    cfgs = [c for c in cfgs if c[1][0] in NESTED_KINDS]
    for o in (DEV if cfgs else []):
        inner = [f for f in DEV if f != o]
        best = max(cfgs, key=lambda c: (sum(acc(pair[c][(o, i)], i) for i in inner), -cfgs.index(c)))
        r = acc(lofo[best][o], o)
        nested_right += r
        lines.append(f"{o}\t{r}/{len(data[o])}\t{name(best)}")
    lines.append(f"nested pooled\t{nested_right}/{n_all} = {nested_right/n_all:.3f}")
    (RES / "nested.txt").write_text("\n".join(lines) + "\n")
    json.dump({name(c): {f: lofo[c][f] for f in DEV} for c in cfgs_all}, open(RES / "lofo_preds.json", "w"))
    print(open(RES / "grid.tsv").read()); print("\n".join(lines))


if __name__ == "__main__":
    main()
