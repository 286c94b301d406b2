"""LOFO over development files for every config, nested selection (inner LOFO on the other files)."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, sys, time
from ranker import *
D = json.load(open(X + "/dev_cands.json"))
FILES = [f for f in D if D[f]]
ALL = [r for f in FILES for r in D[f]]
VS = {(w, conj): Vec(ALL, w, conj) for w in (1, 2, 4) for conj in (True,)}
def lofo(files, cfg):
    V = VS[(cfg["w"], cfg["conj"])]; out = {}
    for f in files:
        tr = [r for g in files if g != f for r in D[g]]
        wt = train(tr, cfg, V)
        preds = [predict(wt, r, V, cfg) for r in D[f]]
        out[f] = (len(D[f]),) + score(D[f], preds) + (preds,)
    return out
if __name__ == "__main__":
    t0 = time.time(); res = {}
    for cfg in CONFIGS:
        res[cfg["name"]] = o = lofo(FILES, cfg); n = sum(v[0] for v in o.values())
        print(f"{cfg['name']:20s} eval {sum(v[1] for v in o.values())/n:.3f} strict {sum(v[2] for v in o.values())/n:.3f}  ({time.time()-t0:.0f}s)", flush=True)
    nested = {}
    for f in FILES:
        others = [g for g in FILES if g != f]; best = None
        for cfg in CONFIGS:
            o = lofo(others, cfg)
            acc = sum(v[1] for v in o.values()) / sum(v[0] for v in o.values())
            if best is None or acc > best[0] + 1e-12: best = (acc, cfg["name"])
        nested[f] = best[1]
        print("nested", f, best, f"({time.time()-t0:.0f}s)", flush=True)
    json.dump({"lofo": {k: {f: v[:3] for f, v in o.items()} for k, o in res.items()},
               "preds": {k: {f: v[3] for f, v in o.items()} for k, o in res.items()},
               "nested": nested}, open(X + "/results/cv.json", "w"))
    n = len(ALL)
    ne = sum(res[nested[f]][f][1] for f in FILES); ns = sum(res[nested[f]][f][2] for f in FILES)
    re_ = sum(r["rules_eval"] for r in ALL); rs = sum(r["rules_strict"] for r in ALL)
    print(f"rules pooled eval {re_/n:.3f} strict {rs/n:.3f}; nested ranker eval {ne/n:.3f} strict {ns/n:.3f}")
