#!/usr/bin/env python3
"""Reproduce the candidate list of blind-3.jsonl (see GUIDELINES.md, "Blind set 3").

Same rule as blind-2 (select_blind2.py, whose functions are reused) with two changes:
the ids of blind-2.jsonl are excluded too, and the ambiguous names القائم (also "the
existing", "chargé d'affaires"), حديثة ("recent") and صلاح الدين (a person's name) are
dropped from the name list — every article that matched only through them was not about
Iraq. Every 11th candidate is taken starting from the 10th (0-based positions 9, 20, 31, …).
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind3.py [CORPUS] [START] [STEP]
"""
import sys
import select_blind2 as b2

AMBIGUOUS = {"القائم", "حديثة", "صلاح الدين"}
NAMES = [n for n in b2.NAMES if n not in AMBIGUOUS]
EXCLUDE = ["facts.jsonl", "events-heldout.jsonl", "blind-2.jsonl"]

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 11
    b2.print_picks(b2.candidates(corpus, EXCLUDE, NAMES), start, step)

if __name__ == "__main__":
    main()
