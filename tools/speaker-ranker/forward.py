"""Forward check: train on facts .. blind-11, test on blind-12 and blind-13 (rules feature from the
current /work/main binary, which read these files: not out-of-sample for the rules)."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, sys
from ranker import *
from cv import D, VS
TR = ["facts", "blind-2", "blind-3", "blind-4", "blind-5", "blind-6", "blind-7", "blind-8", "blind-9", "blind-10", "blind-11"]
TE = ["blind-12", "blind-13"]
names = sys.argv[1:] or [c["name"] for c in CONFIGS]
for nm in names:
    cfg = next(c for c in CONFIGS if c["name"] == nm); V = VS[(cfg["w"], cfg["conj"])]
    wt = train([r for f in TR for r in D[f]], cfg, V)
    te = [r for f in TE for r in D[f]]
    preds = [predict(wt, r, V, cfg) for r in te]
    e, s = score(te, preds)
    re_ = sum(r["rules_eval"] for r in te); rs = sum(r["rules_strict"] for r in te)
    ov = [(r, p) for r, p in zip(te, preds) if p is not None and "kind=rules" not in r["cands"][p]["f"]]
    right = sum(1 for r, p in ov if r["cands"][p]["ok_eval"] and not r["rules_eval"])
    wrong = sum(1 for r, p in ov if not r["cands"][p]["ok_eval"] and r["rules_eval"])
    both = sum(1 for r, p in ov if not r["cands"][p]["ok_eval"] and not r["rules_eval"])
    same = len(ov) - right - wrong - both
    print(f"{nm:18s} n={len(te)} rules eval {re_}/{len(te)}={re_/len(te):.3f} strict {rs/len(te):.3f} | ranker eval {e}/{len(te)}={e/len(te):.3f} strict {s/len(te):.3f} | overrules {len(ov)}: right {right} wrong {wrong} both-wrong {both} both-right {same}")
