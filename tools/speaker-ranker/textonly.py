"""Information only: the ranker without any rules feature (kind=rules, shares/subset/superset of rules,
rules& conjunctions, rules_none), pooled LOFO, to see what the candidate features alone can do."""
import json
from ranker import *
import ranker
from cv import D, FILES, ALL
RULESF = lambda k: k == "kind=rules" or "rules" in k
class V0(Vec):
    def fd(self, c):
        f = {k: v for k, v in c["f"].items() if not RULESF(k) and (self.conj or "&" not in k)}
        f["bias"] = 1; return f
for model, C in (("ap", None), ("lr", 0.1), ("lr", 1.0)):
    cfg = {"model": model, "w": 0, "conj": False, "C": C, "epochs": 10}
    V = V0(ALL, 0, False); e = s = 0
    for f in FILES:
        wt = train([r for g in FILES if g != f for r in D[g]], cfg, V)
        p = [predict(wt, r, V, cfg) for r in D[f]]
        a, b = score(D[f], p); e += a; s += b
    print(f"no-rules {model} C={C}: LOFO pooled eval {e}/{len(ALL)}={e/len(ALL):.3f} strict {s/len(ALL):.3f}")
# forward check for the no-rules ranker (ap)
TR = ["facts"] + [f"blind-{i}" for i in range(2, 12)]; TE = ["blind-12", "blind-13"]
cfg = {"model": "ap", "w": 0, "conj": False, "C": None, "epochs": 10}
V = V0(ALL, 0, False)
wt = train([r for f in TR for r in D[f]], cfg, V)
te = [r for f in TE for r in D[f]]
e, s = score(te, [predict(wt, r, V, cfg) for r in te])
print(f"no-rules ap forward (train facts..blind-11, test blind-12+13): eval {e}/{len(te)}={e/len(te):.3f} strict {s/len(te):.3f}")
