"""Per-file table (rules in-sample vs ranker LOFO vs nested) and dev overrules for a config."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, sys
from cv import D, FILES
R = json.load(open(X + "/results/cv.json"))
best = max(R["lofo"], key=lambda k: sum(v[1] for v in R["lofo"][k].values()))
cfgs = sys.argv[1:] or [best]
print("best pooled LOFO (eval):", best)
print("| file | n | cov eval | cov strict | rules eval (in-sample) | rules strict | " + " | ".join(f"{c} eval / strict" for c in cfgs) + " | nested eval / strict |")
tot = {}
def add(k, v): tot[k] = tot.get(k, 0) + v
for f in FILES:
    rs = D[f]; n = len(rs)
    ce = sum(any(c["ok_eval"] for c in r["cands"]) for r in rs); cs = sum(any(c["ok_strict"] for c in r["cands"]) for r in rs)
    re_ = sum(r["rules_eval"] for r in rs); rst = sum(r["rules_strict"] for r in rs)
    cols = []
    for c in cfgs:
        v = R["lofo"][c][f]; cols.append(f"{v[1]/n:.3f} / {v[2]/n:.3f}"); add(c+"e", v[1]); add(c+"s", v[2])
    nv = R["lofo"][R["nested"][f]][f]; add("ne", nv[1]); add("ns", nv[2])
    for k, v in (("n", n), ("ce", ce), ("cs", cs), ("re", re_), ("rs", rst)): add(k, v)
    print(f"| {f} | {n} | {ce/n:.3f} | {cs/n:.3f} | {re_/n:.3f} | {rst/n:.3f} | " + " | ".join(cols) + f" | {nv[1]/n:.3f} / {nv[2]/n:.3f} ({R['nested'][f]}) |")
n = tot["n"]
print(f"| **pooled** | {n} | {tot['ce']/n:.3f} | {tot['cs']/n:.3f} | {tot['re']/n:.3f} | {tot['rs']/n:.3f} | " + " | ".join(f"{tot[c+'e']/n:.3f} / {tot[c+'s']/n:.3f}" for c in cfgs) + f" | {tot['ne']/n:.3f} / {tot['ns']/n:.3f} |")
for c in cfgs:
    cnt = {"right": 0, "wrong": 0, "both_wrong": 0, "both_right": 0, "fill_right": 0, "fill_wrong": 0}
    ex = []
    for f in FILES:
        for r, p in zip(D[f], R["preds"][c][f]):
            if p is None: continue
            cd = r["cands"][p]
            if "kind=rules" in cd["f"]: continue
            if r["rules"] is None:
                cnt["fill_right" if cd["ok_eval"] else "fill_wrong"] += 1; continue
            k = {(1, 0): "right", (0, 1): "wrong", (0, 0): "both_wrong", (1, 1): "both_right"}[(int(cd["ok_eval"]), int(r["rules_eval"]))]
            cnt[k] += 1
            if k in ("right", "wrong"): ex.append((k, f, r["art"][:22], r["gold"], r["rules"], cd["text"]))
    print(c, "dev overrules (eval rule):", cnt)
    for e in ex[:40]: print("  ", e)
