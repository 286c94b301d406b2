"""POST-HOC (after the blind-14 run; not a test): overrule the rules only when their pick looks like
junk (pronoun-bearing word, verb form, ل-prefixed word) or is missing, using the no-rules ranker's pick."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json
from ranker import *
from cv import D, FILES, ALL
class V0(Vec):
    def fd(self, c):
        f = {k: v for k, v in c["f"].items() if not (k == "kind=rules" or "rules" in k) and "&" not in k}
        f["bias"] = 1; return f
cfg = {"model": "ap", "w": 0, "conj": False, "epochs": 10}
V = V0(ALL, 0, False)
JUNK = ("pron", "pron_suffix1", "verbish", "starts_la")
def policy(r, p):
    ri = next((i for i, c in enumerate(r["cands"]) if "kind=rules" in c["f"]), None)
    if ri is None: return p
    if any(k in r["cands"][ri]["f"] for k in JUNK): return p
    return ri
def tally(recs, preds, tag):
    n = len(recs); c = {"right": 0, "wrong": 0, "both_wrong": 0, "fill_right": 0, "fill_wrong": 0}; e = 0
    for r, p in zip(recs, preds):
        q = policy(r, p)
        if q is None: continue
        cd = r["cands"][q]; e += cd["ok_eval"]
        if "kind=rules" in cd["f"]: continue
        if r["rules"] is None: c["fill_right" if cd["ok_eval"] else "fill_wrong"] += 1
        elif cd["ok_eval"] and not r["rules_eval"]: c["right"] += 1
        elif not cd["ok_eval"] and r["rules_eval"]: c["wrong"] += 1
        elif not cd["ok_eval"]: c["both_wrong"] += 1
    print(f"{tag}: rules {sum(x['rules_eval'] for x in recs)}/{n}  junk-overrule {e}/{n}={e/n:.3f}  {c}")
allp = []
for f in FILES:
    wt = train([r for g in FILES if g != f for r in D[g]], cfg, V)
    allp += [predict(wt, r, V, cfg) for r in D[f]]
tally(ALL, allp, "dev LOFO (rules in-sample)")
T = json.load(open(X + "/results/b14_cands.json"))
wt = train(ALL, cfg, V)
tally(T, [predict(wt, r, V, cfg) for r in T], "blind-14 POST-HOC")
