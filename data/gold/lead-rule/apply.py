#!/usr/bin/env python3
"""Apply re-decided main event types (setA/B/C.tsv) to the gold files, changing only the
`main_event_type` value on the article's line. Prints what changed; `--write` writes.

Usage: apply.py --only ID[,ID…] [--write]
Applied once on 2026-12-05 with the three rule-2 changes (GUIDELINES.md, "Main event types
re-decided under the lead rule"); run again it stops at its check that the current label is
the one the TSV says it replaces."""
import csv, glob, json, os, re, sys, collections
GOLD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ONLY = set(sys.argv[sys.argv.index("--only") + 1].split(","))
changes = collections.defaultdict(dict)
for tsv in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "set*.tsv"))):
    for row in csv.DictReader(open(tsv), delimiter="\t"):
        if row["current"] != row["decided"] and row["id"] in ONLY:
            changes[row["file"]][row["id"]] = (row["current"], row["decided"], row["reason"])
total = 0
for file, byid in changes.items():
    name = file if file.endswith(".jsonl") else file + ".jsonl"
    path = f"{GOLD}/{name}"
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        a = json.loads(line)
        if a["id"] in byid:
            cur, new, why = byid.pop(a["id"])
            assert a["main_event_type"] == cur, (name, a["id"], a["main_event_type"], cur)
            pat = f'"main_event_type": "{cur}"'
            assert line.count(pat) == 1, (name, a["id"])
            lines[i] = line.replace(pat, f'"main_event_type": "{new}"')
            total += 1
            print(f"{name}\t{a['id']}\t{cur} -> {new}\t{why}")
    assert not byid, (name, byid)
    if "--write" in sys.argv:
        open(path, "w", encoding="utf-8").write("\n".join(lines))
print(total, "changed", "(written)" if "--write" in sys.argv else "(dry run)")
