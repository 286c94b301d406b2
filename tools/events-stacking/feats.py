"""Data loading and features for the main-event-type classifier experiment."""
import json, re, math, pathlib, collections

GOLD = pathlib.Path(__file__).resolve().parents[2] / "data" / "gold"
import os
PREDS = pathlib.Path(os.environ.get("EVX_DIR", "/tmp/evx")) / os.environ.get("PREDS_DIR", "preds")
DEV = ["facts", "events-heldout"] + [f"blind-{i}" for i in range(2, 14)]
TEST = "blind-14"
INCIDENT = {"BATTLES", "EXPLOSIONS_REMOTE_VIOLENCE", "VIOLENCE_AGAINST_CIVILIANS",
            "PROTESTS", "RIOTS", "STRATEGIC_DEVELOPMENTS"}
TALK = {"STATEMENT", "MEETING", "CONFERENCE"}

DIAC = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")  # harakat, tatweel
TOK = re.compile(r"[\u0621-\u064A]+|[0-9\u0660-\u0669]+")
SENT = re.compile(r"(?<=[.!؟?])\s+|\n+")


def norm(s):
    s = DIAC.sub("", s)
    s = re.sub("[أإآٱ]", "ا", s)
    s = s.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    return s


def stem(w):
    """Strip the proclitics و ف ب ل ك ال (light: keep at least 2-3 letters)."""
    if w[0].isdigit():
        return "<NUM>"
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 3 and w.startswith("لل"):
        w = w[2:]
    elif len(w) > 3 and w[0] in "بلك":
        w = w[1:]
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


def tokens(s):
    return [stem(t) for t in TOK.findall(norm(s))]


def sentences(text):
    return [x.strip() for x in SENT.split(text) if x and x.strip()]


def load(name, with_labels=True):
    preds = json.load(open(PREDS / f"{name}.json"))
    out = []
    for line in open(GOLD / f"{name}.jsonl"):
        if not line.strip():
            continue
        a = json.loads(line)
        out.append({"id": a["id"], "file": name, "title": a.get("title") or "",
                    "text": a["text"], "rules": preds[a["id"]] or "NONE",
                    "gold": a["main_event_type"] if with_labels else None})
    return out


def featurize(a, cfg):
    """cfg: dict with keys lead (bool), bigrams (bool), body (0 = none, else decay),
    rules (0 = none, else weight of the one-hot rules prediction)."""
    f = collections.Counter()
    sents = sentences(a["text"])
    first = sents[0] if sents else ""
    if cfg.get("lead", True):
        for pre, part in (("T", a["title"]), ("L", first)):
            tk = tokens(part)
            for t in tk:
                f[f"{pre}:{t}"] += 1.0
                f[f"H:{t}"] += 1.0   # headline-or-lead, shared between the two
            if cfg.get("bigrams", True):
                for x, y in zip(tk, tk[1:]):
                    f[f"{pre}2:{x}_{y}"] += 1.0
                    f[f"H2:{x}_{y}"] += 1.0
            if tk and cfg.get("first_words", True):
                f[f"{pre}0:{tk[0]}"] += 1.0   # the lead's first word (often its verb)
    d = cfg.get("body", 0)
    if d:
        for i, s in enumerate(sents[1:], start=1):
            w = math.exp(-(i - 1) / d)
            if w < 0.05:
                break
            for t in tokens(s):
                f[f"B:{t}"] += w
    r = cfg.get("rules", 0)
    if r:
        f[f"R:{a['rules']}"] = r
    if cfg.get("log", True):
        f = {k: math.log1p(v) for k, v in f.items()}
    return dict(f)
