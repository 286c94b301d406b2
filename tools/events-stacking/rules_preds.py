"""Rules' main-event prediction for every gold article, via `marsad enrich` on the
articles stripped of their labels (same raw form as `marsad eval facts` builds)."""
import json, re, subprocess, sys, pathlib
import os
M = os.environ.get("MARSAD", str(pathlib.Path(__file__).resolve().parents[2] / "target" / "release" / "marsad"))
G = pathlib.Path(__file__).resolve().parents[2] / "data" / "gold"
OUT = pathlib.Path(os.environ.get("EVX_DIR", "/tmp/evx"))
def rid(i): return re.sub(r"[^A-Za-z0-9\-_.:]", "-", i)
for name in sys.argv[1:]:
    arts = [json.loads(l) for l in open(G / f"{name}.jsonl") if l.strip()]
    raw = OUT / "raw" / f"{name}.jsonl"
    with open(raw, "w") as f:
        for a in arts:
            r = {"id": rid(a["id"]), "body": a["text"], "published_at": a.get("published_at")}
            if a.get("title"): r["title"] = a["title"]
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run(["nice", "-n", "19", M, "enrich", str(raw)], capture_output=True, text=True).stdout
    res = [json.loads(l) for l in out.splitlines() if l.strip()]
    assert len(res) == len(arts), (name, len(res), len(arts))
    with open(OUT / os.environ.get("PREDS_DIR", "preds") / f"{name}.json", "w") as f:
        preds = {}
        for a, e in zip(arts, res):
            ev = e.get("events") or []
            preds[a["id"]] = ev[0]["type"] if ev else None
        json.dump(preds, f, ensure_ascii=False, indent=0)
    print(name, len(arts), "done")
