#!/usr/bin/env python3
"""Reproduce the candidate list of blind-2.jsonl (see GUIDELINES.md, "Blind set 2").

Candidates: ANT articles whose title or first text line has a token naming Iraq or an
Iraqi city/governorate (a token = a maximal run of Arabic letters; an optional proclitic
و/ف then ب/ل/ك may precede, with ل+ال written لل), minus the ids of facts.jsonl and
events-heldout.jsonl, sorted by id; every 11th is taken starting from the 5th (0-based
positions 4, 15, 26, …). Prints `position id title` for every candidate, `*` on the
regular picks.

The functions are shared with select_blind3.py (other offset, more excluded files).
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, "../../../shared/data/corpus/ant-middleeast.jsonl")
NAMES = ["العراق", "العراقي", "العراقية", "العراقيون", "العراقيين", "العراقيات",
         "بغداد", "الموصل", "البصرة", "كركوك", "الأنبار", "ديالى", "نينوى", "صلاح الدين",
         "أربيل", "الفلوجة", "الرمادي", "تكريت", "سامراء", "النجف", "كربلاء", "السليمانية",
         "دهوك", "بابل", "الحلة", "واسط", "الكوت", "ميسان", "ذي قار", "الناصرية", "السماوة",
         "الديوانية", "حديثة", "القائم", "تلعفر", "بعقوبة", "سنجار"]

def forms(name):
    out = {name}
    for p in ["ب", "ك"]:
        out.add(p + name)
    out.add(("لل" + name[2:]) if name.startswith("ال") else "ل" + name)
    for w in ["و", "ف"]:
        out |= {w + f for f in list(out)}
    return out

def pattern(names=NAMES):
    alts = sorted({f for n in names for f in forms(n)}, key=len, reverse=True)
    return re.compile(r"(?<![\u0621-\u064A])(?:" + "|".join(map(re.escape, alts)) + r")(?![\u0621-\u064A])")

def gold_path(name):
    """A gold file by name: a reserved set sits in reserved/ until scored, then moves up."""
    return name if os.path.exists(os.path.join(HERE, name)) else os.path.join("reserved", name)

def gold_ids(files):
    taken = set()
    for f in files:
        for line in open(os.path.join(HERE, f), encoding="utf-8"):
            if line.strip():
                taken.add(json.loads(line)["id"])
    return taken

def candidates(corpus, exclude_files, names=NAMES):
    """Corpus articles matching `names` in title or first line, minus the excluded ids, by id."""
    pat = pattern(names)
    taken = gold_ids(exclude_files)
    cands = []
    for line in open(corpus, encoding="utf-8"):
        a = json.loads(line)
        first = a["text"].split("\n", 1)[0]
        if (pat.search(a["title"]) or pat.search(first)) and a["docno"] not in taken:
            cands.append(a)
    cands.sort(key=lambda a: a["docno"])
    return cands

def print_picks(cands, start, step):
    for i, a in enumerate(cands):
        mark = "*" if i >= start and (i - start) % step == 0 else " "
        print(f"{mark}{i}\t{a['docno']}\t{a['title']}")

def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CORPUS
    print_picks(candidates(corpus, ["facts.jsonl", "events-heldout.jsonl"]), 4, 11)

if __name__ == "__main__":
    main()
