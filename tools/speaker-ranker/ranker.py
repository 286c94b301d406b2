"""Speaker ranker: listwise averaged perceptron or pointwise logistic regression over
(quote, candidate) feature dicts from cands.py; prediction = argmax per quote (ties -> rules' pick).
The feature vocabulary (names only, no labels) is fixed once per feature setting."""
import numpy as np, random
from cands import key
from sklearn.linear_model import LogisticRegression
def label(r, mode="strict"):
    if mode == "eval": return np.array([bool(c["ok_eval"]) for c in r["cands"]])
    anys = any(c["ok_strict"] for c in r["cands"])
    return np.array([bool(c["ok_strict"]) if anys else bool(c["ok_eval"]) for c in r["cands"]])
class Vec:
    def __init__(self, recs, w, conj):
        self.w, self.conj = w, conj; self.idx = {}
        for r in recs:
            for c in r["cands"]:
                for k in self.fd(c): self.idx.setdefault(k, len(self.idx))
    def fd(self, c):
        f = {k: v for k, v in c["f"].items() if self.conj or "&" not in k}
        if "kind=rules" in f: f["kind=rules"] = self.w
        f["bias"] = 1
        return f
    def mat(self, r):
        X = np.zeros((len(r["cands"]), len(self.idx)))
        for i, c in enumerate(r["cands"]):
            for k, v in self.fd(c).items():
                j = self.idx.get(k)
                if j is not None: X[i, j] = v
        return X
_cache = {}
def mats(recs, w, conj, V):
    out = []
    for r in recs:
        k = (id(r), w, conj, id(V))
        if k not in _cache: _cache[k] = V.mat(r)
        out.append(_cache[k])
    return out
def train(recs, cfg, V, seed=0):
    Xs = mats(recs, cfg["w"], cfg["conj"], V)
    data = [(X, label(r, cfg.get("label", "strict"))) for X, r in zip(Xs, recs) if r["cands"]]
    data = [(X, y) for X, y in data if y.any()]
    if cfg["model"] == "ap":
        w = np.zeros(len(V.idx)); wsum = np.zeros_like(w); n = 0
        rnd = random.Random(seed); order = list(range(len(data)))
        for ep in range(cfg.get("epochs", 10)):
            rnd.shuffle(order)
            for i in order:
                X, y = data[i]; s = X @ w
                p = int(np.argmax(s))
                if not y[p]:
                    g = int(np.argmax(np.where(y, s, -np.inf)))
                    w += X[g] - X[p]
                wsum += w; n += 1
        return wsum / n
    X = np.vstack([d[0] for d in data]); y = np.concatenate([d[1] for d in data])
    m = LogisticRegression(C=cfg["C"], solver="liblinear", max_iter=500, random_state=seed).fit(X, y)
    return m.coef_[0]
def predict(w, r, V, cfg):
    if not r["cands"]: return None
    s = mats([r], cfg["w"], cfg["conj"], V)[0] @ w
    s = s + np.array([1e-6 if "kind=rules" in c["f"] else 0 for c in r["cands"]])
    p = int(np.argmax(s))
    if cfg.get("keep"):
        ri = next((i for i, c in enumerate(r["cands"]) if "kind=rules" in c["f"]), None)
        if ri is not None and ri != p:
            a = set(w for w in key(r["cands"][p]["text"]).split() if len(w) >= 3)
            b = set(key(r["cands"][ri]["text"]).split())
            if a & b: p = ri   # same speaker, another form: keep the rules' form
    return p
def score(recs, preds):
    e = s = 0
    for r, p in zip(recs, preds):
        if p is not None:
            e += r["cands"][p]["ok_eval"]; s += r["cands"][p]["ok_strict"]
    return e, s
CONFIGS = []
for model in ("ap", "lr01"):
    for w in (1, 2, 4):
        for lab in ("strict", "eval"):
            for keep in (False, True):
                c = {"model": "ap" if model == "ap" else "lr", "w": w, "conj": True, "epochs": 10, "C": 0.1,
                     "label": lab, "keep": keep}
                c["name"] = f"{model}|w{w}|{lab}|{'keep' if keep else 'raw'}"
                CONFIGS.append(c)
