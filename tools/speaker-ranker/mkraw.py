"""Build raw articles (as tools/events-stacking/rules_preds.py) and run `marsad enrich`.
Keeps the full enriched JSON per article in enr/NAME.jsonl (same order as the gold file)."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, re, subprocess, sys, pathlib
M = os.environ.get("MARSAD", str(pathlib.Path(__file__).resolve().parents[2] / "target" / "release" / "marsad"))
G = pathlib.Path(__file__).resolve().parents[2] / "data" / "gold"
OUT = pathlib.Path(X + "")
def rid(i): return re.sub(r"[^A-Za-z0-9\-_.:]", "-", i)
for name in sys.argv[1:]:
    assert not name.startswith("blind-15")
    arts = [json.loads(l) for l in open(G / f"{name}.jsonl") if l.strip()]
    raw = OUT / "raw" / f"{name}.jsonl"
    with open(raw, "w") as f:
        for a in arts:
            r = {"id": rid(a["id"]), "body": a["text"], "published_at": a.get("published_at")}
            if a.get("title"): r["title"] = a["title"]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run(["nice", "-n", "19", M, "enrich", str(raw)], capture_output=True, text=True).stdout
    res = [l for l in out.splitlines() if l.strip()]
    assert len(res) == len(arts), (name, len(res), len(arts))
    with open(OUT / "enr" / f"{name}.jsonl", "w") as f:
        for l in res: f.write(l + "\n")
    print(name, len(arts), "done", flush=True)
