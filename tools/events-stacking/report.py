"""Tables from the LOFO predictions of cv.py (development files only).

python report.py RESULTS_DIR CONFIG [CONFIG ...]
  e.g. python report.py results/round2 'lead+bi+body+R|ap/20' 'lead+bi+body|ap/20'
"""
import sys, json, collections
from feats import DEV, load, INCIDENT, TALK


def group(t):
    return "STATEMENT" if t == "STATEMENT" else ("MEETING/CONF" if t in ("MEETING", "CONFERENCE") else
                                                  ("incident" if t in INCIDENT else t))


def confusion_summary(gold, pred, label):
    c = collections.Counter((group(g), group(p)) for g, p in zip(gold, pred))
    gs = ["STATEMENT", "MEETING/CONF", "incident"]
    out = [f"{label}: gold (rows) x predicted (cols), STATEMENT vs MEETING/CONFERENCE vs incident types",
           "| gold \\ pred | " + " | ".join(gs + ["other"]) + " |", "|---|---|---|---|---|"]
    for g in gs:
        other = sum(v for (a, b), v in c.items() if a == g and b not in gs)
        out.append(f"| {g} | " + " | ".join(str(c[(g, p)]) for p in gs) + f" | {other} |")
    wrong_inc = sum(1 for g, p in zip(gold, pred) if g in INCIDENT and p in INCIDENT and g != p)
    out.append(f"incident read as another incident type: {wrong_inc}")
    return "\n".join(out)


def overrule(gold, rules, pred):
    n = sum(r != p for r, p in zip(rules, pred))
    right = sum(r != p and p == g for g, r, p in zip(gold, rules, pred))
    wrong = sum(r != p and r == g for g, r, p in zip(gold, rules, pred))
    both = n - right - wrong
    return n, right, wrong, both


def main():
    d = sys.argv[1]
    cfgs = sys.argv[2:]
    preds = json.load(open(f"{d}/lofo_preds.json"))
    data = {f: load(f) for f in DEV}
    hdr = "| file | n | rules (in-sample) | " + " | ".join(f"`{c}`" for c in cfgs) + " |"
    print(hdr); print("|---" * (3 + len(cfgs)) + "|")
    tot = collections.Counter()
    for f in DEV:
        g = [a["gold"] for a in data[f]]
        r = sum(a["rules"] == a["gold"] for a in data[f])
        row = [f, str(len(g)), f"{r}/{len(g)} = {r/len(g):.3f}"]
        tot["n"] += len(g); tot["rules"] += r
        for c in cfgs:
            m = sum(p == x for p, x in zip(preds[c][f], g))
            tot[c] += m
            row.append(f"{m}/{len(g)} = {m/len(g):.3f}")
        print("| " + " | ".join(row) + " |")
    n = tot["n"]
    print(f"| **pooled** | {n} | **{tot['rules']}/{n} = {tot['rules']/n:.3f}** | " +
          " | ".join(f"**{tot[c]}/{n} = {tot[c]/n:.3f}**" for c in cfgs) + " |")
    gold = [a["gold"] for f in DEV for a in data[f]]
    rules = [a["rules"] for f in DEV for a in data[f]]
    print()
    print(confusion_summary(gold, rules, "rules (in-sample on these files)"))
    for c in cfgs:
        p = [x for f in DEV for x in preds[c][f]]
        print(); print(confusion_summary(gold, p, f"LOFO {c}"))
        n_, right, wrong, both = overrule(gold, rules, p)
        print(f"disagrees with the rules on {n_} of {len(gold)}: model right {right}, rules right {wrong}, both wrong {both}")
        # per-class recall
        rc = collections.Counter(gold)
        print("per-class recall (model / rules): " + ", ".join(
            f"{k} {sum(1 for g, q in zip(gold, p) if g == k and q == k)}/{sum(1 for g, q in zip(gold, rules) if g == k and q == k)}/{v}"
            for k, v in rc.most_common()))


if __name__ == "__main__":
    main()
