#!/usr/bin/env python3
"""Reproduce the candidate list of blind-11.jsonl (see GUIDELINES.md, "Blind set 11").

Same rule as blind-10 (select_blind10.py: the blind-3 name list and the blind-2 functions),
with the ids of blind-10.jsonl excluded too. Every 8th candidate is taken starting from the
6th (0-based positions 5, 13, 21, …); start and step were fixed on 2026-12-05 at 09:03 UTC
before any article was read, and the first 30 regular picks (positions 5 … 237; there are 244 candidates) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind11.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl", "blind-2.jsonl", "blind-3.jsonl",
           "blind-4.jsonl", "blind-5.jsonl", "blind-6.jsonl", "blind-7.jsonl", "blind-8.jsonl", "blind-9.jsonl", "blind-10.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
