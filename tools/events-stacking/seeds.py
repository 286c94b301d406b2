"""Seed sensitivity of the chosen configuration (averaged perceptron shuffles) on dev LOFO only."""
import os
os.environ.setdefault("PREDS_DIR", "preds-rev10")
from sklearn.linear_model import SGDClassifier
import cv
from feats import DEV, load
data = {f: load(f) for f in DEV}
fcfg = cv.FEATS2["lead+bi+body+R4"]
for seed in [1, 2, 3]:
    cv.make_model = lambda m, s=seed: SGDClassifier(loss="perceptron", penalty=None, learning_rate="constant", eta0=1.0,
                                                   max_iter=20, tol=None, average=True, shuffle=True, random_state=s)
    right = 0
    for f in DEV:
        p = cv.fit_predict([a for g in DEV if g != f for a in data[g]], data[f], fcfg, ("ap", 20))
        right += sum(x == a["gold"] for x, a in zip(p, data[f]))
    print(f"seed {seed}: pooled LOFO {right}/452 = {right/452:.3f}")
