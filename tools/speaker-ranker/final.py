"""One-shot blind-14 run with the pre-registered configuration (PREREGISTRATION.txt)."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, os, sys, collections
L = X + "/results/final.lock"
if os.path.exists(L): sys.exit("final.py has already run (results/final.lock)")
open(L, "w").write("ran\n")
from ranker import *
from cv import D, ALL, FILES
import cands
T = cands.build_file("blind-14")
json.dump(T, open(X + "/results/b14_cands.json", "w"), ensure_ascii=False)
out = open(X + "/results/final.txt", "w")
def P(*a):
    print(*a); print(*a, file=out)
n = len(T)
ce = sum(any(c["ok_eval"] for c in r["cands"]) for r in T); cs = sum(any(c["ok_strict"] for c in r["cands"]) for r in T)
P(f"blind-14: {n} matched quotes with a named gold speaker; oracle coverage eval {ce/n:.3f} strict {cs/n:.3f}")
re_ = sum(r["rules_eval"] for r in T); rs = sum(r["rules_strict"] for r in T); rp = sum(1 for r in T if r["rules"])
P(f"rules: eval {re_}/{n}={re_/n:.3f}  strict {rs/n:.3f}  precision {re_}/{rp}={re_/max(rp,1):.3f}")
PRIMARY = next(c for c in CONFIGS if c["name"] == "lr01|w1|eval|keep")
V = Vec(ALL, 1, True)
wt = train(ALL, PRIMARY, V)
preds = [predict(wt, r, V, PRIMARY) for r in T]
e, s = score(T, preds); pp = sum(1 for p in preds if p is not None)
P(f"ranker {PRIMARY['name']}: eval {e}/{n}={e/n:.3f}  strict {s/n:.3f}  precision {e}/{pp}={e/max(pp,1):.3f}")
class V0(Vec):
    def fd(self, c):
        f = {k: v for k, v in c["f"].items() if not (k == "kind=rules" or "rules" in k) and "&" not in k}
        f["bias"] = 1; return f
cfg0 = {"model": "ap", "w": 0, "conj": False, "epochs": 10}
V0_ = V0(ALL, 0, False); w0 = train(ALL, cfg0, V0_)
p0 = [predict(w0, r, V0_, cfg0) for r in T]
e0, s0 = score(T, p0)
P(f"secondary no-rules ap: eval {e0}/{n}={e0/n:.3f}  strict {s0/n:.3f}")
for name, pr in (("primary", preds), ("no-rules", p0)):
    cnt = collections.Counter()
    for r, p in zip(T, pr):
        cd = r["cands"][p] if p is not None else None
        if cd is None or "kind=rules" in cd["f"]: continue
        if r["rules"] is None: cnt["fill_right" if cd["ok_eval"] else "fill_wrong"] += 1; continue
        k = {(1, 0): "right", (0, 1): "wrong", (0, 0): "both_wrong", (1, 1): "both_right(other form)"}[(int(cd["ok_eval"]), int(r["rules_eval"]))]
        cnt[k] += 1
    P(f"{name} overrules/fills: {dict(cnt)}")
P("\nper quote where rules or primary ranker is wrong (eval rule):")
for r, p, q0 in zip(T, preds, p0):
    cd = r["cands"][p] if p is not None else None
    ok = bool(cd and cd["ok_eval"])
    if not (ok and r["rules_eval"]):
        cov = any(c["ok_eval"] for c in r["cands"])
        P(f"  {r['art'][:24]} | gold={r['gold']} | rules={r['rules']} ({'R' if r['rules_eval'] else 'W'}) | ranker={cd['text'] if cd else None} ({'R' if ok else 'W'}) | norules={r['cands'][q0]['text'] if q0 is not None else None} | in-cands={cov}")
