#!/usr/bin/env python3
"""Reproduce the candidate list of blind-16.jsonl (see GUIDELINES.md, "Blind set 16").

The corpus's Iraq articles are nearly all labelled or skipped (blind-15), so blind-16 measures
how the extractors carry over to the rest of the Middle-East news they will meet: ANT articles
whose title or first line names Syria, Yemen, Libya, Lebanon or Palestine (or one of their
cities, below; the blind-2 token rule) and names no Iraqi place there (the blind-2 list), minus
the ids of every gold file up to blind-15, sorted by id. Every 130th candidate is taken
starting from the 8th (0-based positions 7, 137, 267, …). Rule fixed on 2026-12-05 at 22:26 UTC (this
file's commit), before any article of the list was read.
Prints `position id title` for every candidate, `*` on the regular picks.
Usage: select_blind16.py [CORPUS] [START] [STEP]
"""
import json
import sys
import select_blind2 as b2

NAMES = ["سوريا", "سورية", "السوري", "السورية", "دمشق", "حلب", "إدلب", "حمص", "درعا", "الغوطة",
         "الرقة", "دير الزور", "عفرين", "منبج", "اليمن", "اليمني", "اليمنية", "صنعاء", "عدن",
         "الحديدة", "تعز", "مأرب", "الحوثي", "الحوثيين", "ليبيا", "الليبي", "الليبية", "طرابلس",
         "بنغازي", "لبنان", "اللبناني", "بيروت", "غزة", "القدس", "الضفة"]
# fixed, so that adding blind-16 itself does not move the list
EXCLUDE = ["facts.jsonl", "events-heldout.jsonl", "blind-15.jsonl"] + [f"blind-{i}.jsonl" for i in range(2, 15)]

def candidates(corpus, exclude_files):
    """Corpus articles naming NAMES and no Iraqi place in title or first line, minus the excluded ids, by id."""
    pat, iraq = b2.pattern(NAMES), b2.pattern(b2.NAMES)
    taken = b2.gold_ids(exclude_files)
    cands = []
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        first = a["text"].split("\n", 1)[0]
        head = [a["title"], first]
        if a["docno"] in taken or any(iraq.search(h) for h in head):
            continue
        if any(pat.search(h) for h in head):
            cands.append(a)
    cands.sort(key=lambda a: a["docno"])
    return cands

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else b2.DEFAULT_CORPUS
    start = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    step = int(sys.argv[3]) if len(sys.argv) > 3 else 130
    b2.print_picks(candidates(corpus, EXCLUDE), start, step)

if __name__ == "__main__":
    main()
