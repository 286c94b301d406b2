"""The one touch of blind-14: train on all 14 development files with the chosen configuration,
predict blind-14, score against its gold. Refuses to run twice (results/final.lock).

python final.py 'FEATURES|MODEL' ['FEATURES|MODEL' (secondary, declared before the run)]
The first configuration is the chosen one (primary figure); a second, if given, is reported
for information only and chooses nothing.
"""
import sys, json, os, collections, pathlib
from feats import DEV, TEST, load
import cv
from report import confusion_summary, overrule

LOCK = pathlib.Path(os.environ.get("EVX_DIR", "/tmp/evx")) / "results" / "final.lock"


def parse(c):
    fn, m = c.split("|")
    parts = m.split("/")
    if parts[0] == "lr":
        mm = ("lr", float(parts[1]), None if parts[2] == "None" else parts[2])
    elif parts[0] == "ap":
        mm = ("ap", int(parts[1]))
    else:
        mm = (parts[0], float(parts[1]))
    feats = {**cv.FEATS, **cv.FEATS2}[fn]
    return feats, mm


def main():
    if LOCK.exists():
        sys.exit(f"blind-14 was already touched: {LOCK.read_text()}")
    cfgs = sys.argv[1:]
    LOCK.write_text(" ; ".join(cfgs) + "\n")
    train = [a for f in DEV for a in load(f)]
    test = load(TEST)
    gold = [a["gold"] for a in test]
    rules = [a["rules"] for a in test]
    out = {"ids": [a["id"] for a in test], "gold": gold, "rules": rules}
    r = sum(g == x for g, x in zip(gold, rules))
    print(f"rules on blind-14: {r}/{len(gold)} = {r/len(gold):.3f}")
    print(confusion_summary(gold, rules, "rules on blind-14"))
    for i, c in enumerate(cfgs):
        fcfg, m = parse(c)
        p = cv.fit_predict(train, test, fcfg, m)
        out[c] = p
        k = sum(g == x for g, x in zip(gold, p))
        tag = "PRIMARY (chosen)" if i == 0 else "secondary (information only)"
        print(f"\n{tag} {c}: {k}/{len(gold)} = {k/len(gold):.3f}")
        print(confusion_summary(gold, p, c))
        n, right, wrong, both = overrule(gold, rules, p)
        print(f"disagrees with the rules on {n}: model right {right}, rules right {wrong}, both wrong {both}")
        for a, g, rr, pp in zip(test, gold, rules, p):
            if rr != pp or pp != g:
                print(f"  {a['id']}: gold {g}, rules {rr}, model {pp}")
    json.dump(out, open(os.path.join(os.environ.get("EVX_DIR", "/tmp/evx"), "results", "final_preds.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
