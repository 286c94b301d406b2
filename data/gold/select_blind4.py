#!/usr/bin/env python3
"""Reproduce the candidate list of blind-4.jsonl (see GUIDELINES.md, "Blind set 4").

Same rule as blind-3 (select_blind3.py: the blind-2 rule of select_blind2.py, whose
functions are reused, without the ambiguous names القائم, حديثة and صلاح الدين), with the
ids of blind-3.jsonl excluded too. Every 17th candidate is taken starting from the 4th
(0-based positions 3, 20, 37, …); start and step were fixed before any article was read,
and only the first 25 regular picks (positions 3 … 411) are labelled.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind4.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind3 as b3

EXCLUDE = ["facts.jsonl", "events-heldout.jsonl", "blind-2.jsonl", "blind-3.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 17
    b2.print_picks(b2.candidates(corpus, EXCLUDE, b3.NAMES), start, step)

if __name__ == "__main__":
    main()
