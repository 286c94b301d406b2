#!/usr/bin/env python3
"""Reproduce the candidate list of blind-10.jsonl (see GUIDELINES.md, "Blind set 10").

Same rule as blind-9 (select_blind9.py: the blind-3 name list and the blind-2 functions),
with the ids of blind-9.jsonl excluded too. Every 9th candidate is taken starting from the
4th (0-based positions 3, 12, 21, …); start and step were fixed on 2026-12-05 at 08:00 UTC
before any article was read, and the first 30 regular picks (positions 3 … 264; there are 274 candidates) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind10.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl", "blind-2.jsonl", "blind-3.jsonl",
           "blind-4.jsonl", "blind-5.jsonl", "blind-6.jsonl", "blind-7.jsonl", "blind-8.jsonl", "blind-9.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
