"""Simulated deployment on development files: the rules of the stale binary (= revision 9,
whose event rules had not read blind-12 and blind-13) are out-of-sample there. Train on
facts .. blind-11, test on blind-12 and blind-13 (no blind-14)."""
import os, sys
os.environ.setdefault("PREDS_DIR", "preds-rev9")
from feats import load, DEV
import cv
from report import overrule
train_files = DEV[:-2]; test_files = DEV[-2:]
train = [a for f in train_files for a in load(f)]
test = [a for f in test_files for a in load(f)]
gold = [a["gold"] for a in test]; rules = [a["rules"] for a in test]
print("rules (rev9, out-of-sample):", sum(g == r for g, r in zip(gold, rules)), "/", len(gold))
for fn, m in [("lead+bi+body+R4", ("ap", 20)), ("lead+bi+body+R", ("ap", 20)), ("lead+bi+body+R4", ("lr", 10.0, None)),
              ("lead+R", ("lr", 10.0, None)), ("lead+bi+body6", ("ap", 20)), ("lead+bi+body", ("lr", 10.0, None))]:
    p = cv.fit_predict(train, test, {**cv.FEATS, **cv.FEATS2}[fn], m)
    k = sum(g == x for g, x in zip(gold, p))
    print(f"{fn}|{'/'.join(map(str, m))}: {k}/{len(gold)} = {k/len(gold):.3f}; overrules (n, right, wrong, both wrong) = {overrule(gold, rules, p)}")
