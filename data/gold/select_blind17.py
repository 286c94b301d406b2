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
import sys
import select_blind2 as b2
import select_blind16 as b16

EXCLUDE = b16.EXCLUDE + ["blind-16.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 72
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 130
    b2.print_picks(b16.candidates(corpus, EXCLUDE), start, step)

if __name__ == "__main__":
    main()
