#!/usr/bin/env python3
"""Reproduce the candidate list of blind-19.jsonl (see GUIDELINES.md, "Blind set 19").

Blind-16's rule (select_blind16.py: Syria, Yemen, Libya, Lebanon or Palestine named in the title
or first line, no Iraqi place there) with blind-16's, blind-17's and blind-18's ids excluded too,
sorted by id; every 130th candidate from the 41st (0-based positions 40, 170, 300, …). Rule
fixed on 2026-12-06 (this file's commit), before any article of the list was read. The set is
reserved: the held-out test of the revision after revision 14; nobody writing rules may read it
before that.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind19.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2
import select_blind16 as b16
import select_blind17 as b17

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 130
    exclude = b17.EXCLUDE + [b2.gold_path("blind-17.jsonl"), b2.gold_path("blind-18.jsonl")]
    b2.print_picks(b16.candidates(corpus, exclude), start, step)

if __name__ == "__main__":
    main()
