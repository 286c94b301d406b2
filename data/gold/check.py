#!/usr/bin/env python3
"""Validate data/gold/facts.jsonl (stdlib only). Exit 0 iff every object is well formed.

Checks: required fields and types, enums (resolution, count kind, main_event_type),
every quote/date/count "text" is an exact substring of the article text (and a span
annotated k times occurs at least k times), date values match their resolution,
count values are positive integers, ids unique, seed requirements from issue 5.
Prints totals per field.
"""
import json, re, sys, os
from collections import Counter

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "facts.jsonl")
# optional argument: another gold file in the same format (e.g. blind-2.jsonl); the seed
# requirements of issue 5 apply only to facts.jsonl
PATH = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
IS_FACTS = os.path.abspath(PATH) == os.path.abspath(DEFAULT)
EVENTS = {"BATTLES", "EXPLOSIONS_REMOTE_VIOLENCE", "VIOLENCE_AGAINST_CIVILIANS", "PROTESTS",
          "RIOTS", "STRATEGIC_DEVELOPMENTS", "STATEMENT", "MEETING", "CONFERENCE"}
RESOLUTIONS = {"day", "month", "year", "relative", "vague"}
KINDS = {"KILLED", "WOUNDED", "KIDNAPPED", "ARRESTED", "SENTENCED", "ATTACKS", "TROOPS",
         "MISSILES", "EXPLOSIVES", "AIRSTRIKES", "PROTESTERS", "MILITANTS", "BODIES", "DISPLACED"}
FIELDS = {"id", "source", "title", "published_at", "text", "quotes", "dates", "counts", "main_event_type"}
VALUE_RE = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}

errors = []
def err(aid, msg):
    errors.append(f"{aid}: {msg}")

def check_value(aid, d):
    v, r = d.get("value"), d.get("resolution")
    if r not in RESOLUTIONS:
        err(aid, f"bad resolution {r!r} for {d.get('text')!r}"); return
    if v is None:
        if r in ("day", "month", "year"):
            err(aid, f"{r} date {d['text']!r} needs a value")
        return
    if not isinstance(v, str) or not any(re.fullmatch(p, v) for p in VALUE_RE.values()):
        err(aid, f"bad date value {v!r}"); return
    if r in VALUE_RE and not re.fullmatch(VALUE_RE[r], v):
        err(aid, f"value {v!r} does not match resolution {r}")
    parts = [int(x) for x in v.split("-")]
    # historical years occur in the texts (blind-4: the Nuri mosque built `عام 1172`)
    if not (1000 <= parts[0] <= 2100): err(aid, f"year out of range {v}")
    if len(parts) > 1 and not 1 <= parts[1] <= 12: err(aid, f"month out of range {v}")
    if len(parts) > 2:
        import datetime
        try: datetime.date(*parts)
        except ValueError: err(aid, f"invalid day {v}")

def main():
    objs, ids = [], set()
    with open(PATH, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                o = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"line {n}", f"invalid JSON: {e}"); continue
            objs.append(o)
    tot = Counter()
    src = Counter()
    for o in objs:
        aid = o.get("id", "?")
        missing = FIELDS - set(o)
        extra = set(o) - FIELDS
        if missing: err(aid, f"missing fields {sorted(missing)}"); continue
        if extra: err(aid, f"unknown fields {sorted(extra)}")
        if aid in ids: err(aid, "duplicate id")
        ids.add(aid)
        text = o["text"]
        if not isinstance(text, str) or not text.strip(): err(aid, "empty text"); continue
        if not isinstance(o["title"], str): err(aid, "title must be a string")
        if o["published_at"] is not None and not isinstance(o["published_at"], str):
            err(aid, "published_at must be string or null")
        if o["main_event_type"] not in EVENTS: err(aid, f"bad main_event_type {o['main_event_type']!r}")
        src[o["source"]] += 1
        used = Counter()
        for key in ("quotes", "dates", "counts"):
            if not isinstance(o[key], list): err(aid, f"{key} must be a list"); continue
            for d in o[key]:
                t = d.get("text")
                if not isinstance(t, str) or not t or t != t.strip():
                    err(aid, f"{key}: empty or untrimmed span {t!r}"); continue
                if t not in text:
                    err(aid, f"{key}: span not in text: {t!r}"); continue
                used[t] += 1
                if key == "quotes":
                    if set(d) != {"text", "speaker"}: err(aid, f"quote keys {sorted(d)}")
                    if d["speaker"] is not None and (not isinstance(d["speaker"], str) or not d["speaker"].strip()):
                        err(aid, f"bad speaker {d['speaker']!r}")
                elif key == "dates":
                    if set(d) != {"text", "value", "resolution"}: err(aid, f"date keys {sorted(d)}")
                    check_value(aid, d)
                    if d["resolution"] == "relative" and o["published_at"] is None and d["value"] is not None:
                        err(aid, f"relative date {t!r} resolved without published_at")
                else:
                    if set(d) != {"text", "kind", "value", "approximate"}: err(aid, f"count keys {sorted(d)}")
                    if d["kind"] not in KINDS: err(aid, f"bad count kind {d['kind']!r}")
                    if not isinstance(d["value"], int) or isinstance(d["value"], bool) or d["value"] <= 0:
                        err(aid, f"bad count value {d['value']!r}")
                    if not isinstance(d["approximate"], bool): err(aid, "approximate must be bool")
                tot[key] += 1
        for t, k in used.items():
            # a span annotated k times (possibly in different fields) must occur k times
            # unless the same span is legitimately a date and a count; only same-field dupes count
            pass
        for key in ("quotes", "dates", "counts"):
            c = Counter(d.get("text") for d in o[key] if isinstance(d, dict))
            for t, k in c.items():
                if isinstance(t, str) and t and text.count(t) < k:
                    err(aid, f"{key}: span {t!r} annotated {k}x but occurs {text.count(t)}x")
        tot["articles"] += 1
        tot["quotes_with_speaker"] += sum(1 for q in o["quotes"] if q.get("speaker"))
        tot["dates_with_value"] += sum(1 for d in o["dates"] if d.get("value"))
        tot["event:" + str(o["main_event_type"])] += 1
    # seed requirements from issue 5
    by = {o.get("id"): o for o in objs}
    s2 = by.get("002_6be975f03497fb3e")
    if s2:
        k = [(c["kind"], c["value"]) for c in s2["counts"]]
        for need in [("KILLED", 18), ("KILLED", 11)]:
            if need not in k: err("002", f"must have {need}")
    s4 = by.get("004_adb80237c80a1eea")
    if s4 and any(q["text"] == "الكاظمي" for q in s4["quotes"]):
        err("004", "«الكاظمي» must not be a quote")
    seeds = sum(1 for o in objs if o.get("source") == "seed")
    corpus = len(objs) - seeds
    print(f"articles: {len(objs)} (seeds {seeds}, corpus {corpus})")
    print("sources:", dict(src))
    for k in ["quotes", "quotes_with_speaker", "dates", "dates_with_value", "counts"]:
        print(f"{k}: {tot[k]}")
    print("main_event_type:", {k[6:]: v for k, v in sorted(tot.items()) if k.startswith("event:")})
    if IS_FACTS and seeds != 5: err("file", f"expected 5 seeds, got {seeds}")
    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors: print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("OK")

if __name__ == "__main__":
    main()
