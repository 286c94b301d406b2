#!/usr/bin/env python3
"""Reproduce the candidate list of blind-17.jsonl (see GUIDELINES.md, "Blind set 17").

Blind-16's rule (select_blind16.py: Syria, Yemen, Libya, Lebanon or Palestine named in the title
or first line, no Iraqi place there) with blind-16's ids excluded too, sorted by id; every 130th
candidate from the 73rd (0-based positions 72, 202, 332, …), away from blind-16's picks. Rule
fixed on 2026-12-05 at 23:13 UTC (this file's commit), before any article of the list was read; the
set is labelled for the next revision of the rules to be scored on, and nobody writing rules
may read it before that.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind17.py [CORPUS] [START] [STEP]
"""
import json
import sys
import select_blind2 as b2
import select_blind16 as b16

EXCLUDE = b16.EXCLUDE + ["blind-16.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 72
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 130
    pat, iraq = b2.pattern(b16.NAMES), b2.pattern(b2.NAMES)
    taken = b2.gold_ids(EXCLUDE)
    cands = []
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        first = a["text"].split("\n", 1)[0]
        head = [a["title"], first]
        if a["docno"] in taken or any(iraq.search(h) for h in head):
            continue
        if any(pat.search(h) for h in head):
            cands.append(a)
    cands.sort(key=lambda a: a["docno"])
    b2.print_picks(cands, start, step)

if __name__ == "__main__":
    main()
