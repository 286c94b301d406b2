#!/usr/bin/env python3
"""Reproduce the candidate list of blind-13.jsonl (see GUIDELINES.md, "Blind set 13").

Same rule as blind-12 (select_blind12.py: the blind-3 name list and the blind-2 functions),
with the ids of blind-12.jsonl excluded too. Every 6th candidate is taken starting from the
3rd (0-based positions 2, 8, 14, …); start and step were fixed on 2026-12-05 at 17:42 UTC (this file's commit)
before any article was read, and the first 30 regular picks (positions 2 … 176; there are
184 candidates) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind13.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 13)]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 6
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
