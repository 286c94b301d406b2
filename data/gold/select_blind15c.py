#!/usr/bin/env python3
"""Reproduce the second candidate list of blind-15.jsonl (parts c and d; see GUIDELINES.md, "Blind set 15").

The first list (select_blind15.py: an Iraqi name in the title or the first line) is nearly used up:
parts a and b found 17 labellable articles in it. This list takes the ANT articles that are NOT in
that pool (no such name in title or first line, by the blind-3 name list) but whose text names Iraq
or an Iraqi place at least three times (the same token rule, counted over the whole text), minus
the ids of every gold file, sorted by id. Every 3rd candidate is taken starting from the 2nd
(0-based positions 1, 4, 7, …); the rule was fixed on 2026-12-05 at 21:24 UTC (this file's commit),
before any article of the list was read.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind15c.py [CORPUS] [START] [STEP]
"""
import json
import sys
import select_blind2 as b2
import select_blind3 as b3

MIN_MENTIONS = 3
# fixed, so that adding blind-15's own files does not move the list
EXCLUDE = ["facts.jsonl", "events-heldout.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 15)]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    first_pool = {a["docno"] for a in b2.candidates(corpus, [], b3.NAMES)}
    taken = b2.gold_ids(EXCLUDE)
    pat = b2.pattern(b3.NAMES)
    cands = []
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        if a["docno"] in first_pool or a["docno"] in taken:
            continue
        if len(pat.findall(a["text"])) >= MIN_MENTIONS:
            cands.append(a)
    cands.sort(key=lambda a: a["docno"])
    b2.print_picks(cands, start, step)

if __name__ == "__main__":
    main()
