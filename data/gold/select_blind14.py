#!/usr/bin/env python3
"""Reproduce the candidate list of blind-14.jsonl (see GUIDELINES.md, "Blind set 14").

Same rule as blind-12 and blind-13 (select_blind12.py: the blind-3 name list and the blind-2 functions),
with the ids of blind-12.jsonl and blind-13.jsonl excluded too. Every 5th candidate is taken starting from the
5th (0-based positions 4, 9, 14, …); start and step were fixed on 2026-12-05 at 18:46 UTC (this file's commit)
before any article was read, and the 30 regular picks (positions 4 … 149; there are
154 candidates) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind14.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 14)]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
