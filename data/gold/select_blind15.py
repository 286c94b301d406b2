#!/usr/bin/env python3
"""Reproduce the candidate list of blind-15.jsonl (see GUIDELINES.md, "Blind set 15").

Same rule as blind-12, blind-13 and blind-14 (select_blind12.py: the blind-3 name list and the blind-2
functions), with the ids of blind-14.jsonl excluded too. Every 4th candidate is taken starting from the
3rd (0-based positions 2, 6, 10, …); start and step were fixed on 2026-12-05 at 21:18 UTC (this file's commit)
before any article was read, and the first 30 regular picks are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind15.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 15)]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
