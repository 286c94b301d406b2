#!/usr/bin/env python3
"""Reproduce the candidate list of blind-12.jsonl (see GUIDELINES.md, "Blind set 12").

Same rule as blind-11 (select_blind11.py: the blind-3 name list and the blind-2 functions),
with the ids of blind-11.jsonl excluded too. Every 7th candidate is taken starting from the
4th (0-based positions 3, 10, 17, …); start and step were fixed on 2026-12-05 at 16:24 UTC (this file's commit)
before any article was read, and the 30 regular picks (positions 3 … 206; there are 214
candidates) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind12.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 12)]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
