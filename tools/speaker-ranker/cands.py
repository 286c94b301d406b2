"""Candidates and features for the speaker ranker.
build(name) -> list of quote records: {file, art, gold, rules, cands:[{text, feats:{}, ok_eval, ok_strict}]}
Only predicted quotes matched to a gold quote with a named speaker are kept (as `marsad eval facts`)."""
import os, pathlib  # noqa: E401
X = os.environ.get("SPKX_DIR", "/tmp/spkx")  # scratch: candidates, enrich outputs, results
import json, re, math, pathlib, functools
G = pathlib.Path(__file__).resolve().parents[2] / "data" / "gold"; E = pathlib.Path(X + "/enr")
DIAC = re.compile(r"[\u064B-\u0652\u0670\u0640]")
def key(s):
    s = DIAC.sub("", s or "")
    s = re.sub(r"[أإآٱ]", "ا", s).replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    s = s.replace("_", " ").replace("#", " ")
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split())
def qkey(s):
    return key(s).strip()
# --- correctness, as eval_facts.rs: share a word of >= 3 chars
def ok_eval(cand, gold):
    g = key(gold).split(); c = set(key(cand).split())
    return any(len(w) >= 3 and w in c for w in g)
def strip_cl(w):
    return w[1:] if len(w) > 3 and w[0] in "وف" else w
def ok_strict(cand, gold):
    """a shorter (or fuller) form: one's words all among the other's (leading و/ف stripped)"""
    c = [strip_cl(w) for w in key(cand).split()]; g = [strip_cl(w) for w in key(gold).split()]
    if not c or not g: return False
    cs, gs = set(c), set(g)
    return cs <= gs or (gs <= cs and len(cs) <= len(gs) + 3)
def pair_quotes(gq, pq):
    used = [False]*len(pq); out = []
    for gi, g in enumerate(gq):
        gk = qkey(g["text"])
        for pi, p in enumerate(pq):
            if used[pi]: continue
            pk = qkey(p["text"])
            s, l = sorted([len(gk), len(pk)])
            if gk and pk and (gk in pk or pk in gk) and s*2 >= l:
                used[pi] = True; out.append((gi, pi)); break
    return out
RV = ["قال","وقال","فقال","اكد","واكد","اضاف","واضاف","اوضح","واوضح","تابع","وتابع","ذكر","وذكر","اعلن","واعلن",
      "صرح","وصرح","اشار","واشار","بين","وبين","اعتبر","واعتبر","راي","وراي","شدد","وشدد","لفت","ولفت","كشف","وكشف",
      "قالت","وقالت","اكدت","واكدت","اضافت","واضافت","ذكرت","وذكرت","اعلنت","واعلنت","اوضحت","واوضحت","نقلت","ونقلت",
      "نقل","ونقل","افاد","وافاد","افادت","وافادت","اردف","واردف","دعا","ودعا","طالب","وطالب","حذر","وحذر","نفي","ونفي",
      "نفت","ونفت","اتهم","واتهم","كتب","وكتب","غرد","وغرد","يقول","ويقول","تقول","وتقول","اعرب","واعرب","جاء","وجاء",
      "بحسب","وبحسب","حسب","وحسب","وفق","ووفق","وفقا","نقلا","قائلا","مضيفا","مؤكدا","مشيرا","موضحا","مشددا","لافتا","داعيا","مبينا","اضافه"]
RV = set(key(w) for w in RV)
CARRY = set(key(w) for w in ["اضاف","واضاف","تابع","وتابع","اردف","واردف","اوضح","واوضح","قائلا","مضيفا","مؤكدا","مشيرا","موضحا","مشددا","لافتا","داعيا","مبينا","اضافت","واضافت","تابعت","وتابعت"])
MEDIA = [key(w) for w in ["وكالة","رويترز","فرانس برس","فرانس","سكاي نيوز","سكاي","صحيفة","قناة","تلفزيون","الجزيرة","العربية","بي بي سي","اسوشيتد","الاناضول","اذاعة","موقع","شبكة","نيويورك تايمز","واشنطن بوست","السومرية","رووداو","شفق","الغد","الحرة","سي ان ان","المدى","اي بي سي","التلفزيون","صحيفه"]]
STOP = set(key(w) for w in ["ان","إن","أن","في","على","من","عن","الى","إلى","الي","مع","بعد","قبل","خلال","انه","إنه","أنه","انها","التي","الذي","الذين","لا","ما","كما","هذا","هذه","ذلك","تلك","هو","هي","هم","و","او","أو","ثم","قد","لقد","كان","كانت","امس","اليوم","يوم","السبت","الاحد","الاثنين","الثلاثاء","الاربعاء","الخميس","الجمعة","بيان","بيانا","تصريح","تصريحات","مؤتمر","لقاء","حديث","كلمة","تغريدة","حين","عندما","بان","بأن","لـ","ل","اليوم","ايضا","أيضا","اول","أول","الاول","الأول","مساء","صباح"])
ROLE = set(key(w) for w in ["مصدر","مصادر","مسؤول","مسؤولون","متحدث","المتحدث","وزير","وزارة","رئيس","قائد","ضابط","مكتب","المكتب","النائب","نائب","عضو","محافظ","قيادة","خلية","مجلس","الناطق","ناطق","محللون","شهود","سكان","الشرطة","الجيش","البيان","التقرير","الحكومة","الامم","منظمة","قائمقام","مدير","زعيم","الرئيس","امين","الامين","السفير","سفير","مفوضية","المفوضية","هيئة"])
PRON = set(key(w) for w in ["انه","إنه","أنه","انها","إنها","أنها","انهم","هو","هي","هم","نحن","انا","أنا","الذي","التي","الذين","إنهم","لكنه","ولكنه","بانه","بأنه","له","لها","منه"])
WRE = re.compile(r"[\w\u0600-\u06FF#_]+")
def words(t):
    return [(m.start(), m.end(), m.group()) for m in WRE.finditer(t)]
def np_after(ws, i, maxlen=5):
    """noun phrase starting at word index i: up to maxlen words, stopping at stop words; returns list of prefixes"""
    out = []; cur = []
    for j in range(i, min(i+maxlen, len(ws))):
        k = key(ws[j][2])
        if k in STOP or k in RV or (j > i and ws[j][0] - ws[j-1][1] > 1 and not ws[j-1][1] < ws[j][0] <= ws[j-1][1]+1): break
        cur.append(j)
        out.append((ws[cur[0]][0], ws[j][1]))
    return out
def build_file(name):
    golds = [json.loads(l) for l in open(G/f"{name}.jsonl") if l.strip()]
    enrs = [json.loads(l) for l in open(E/f"{name}.jsonl") if l.strip()]
    recs = []
    for ga, ea in zip(golds, enrs):
        recs += build_article(name, ga, ea)
    return recs
def sent_bounds(t):
    b = [0] + [m.end() for m in re.finditer(r"[.!?؟\n]", t)] + [len(t)]
    return sorted(set(b))
def idx_of(bounds, pos):
    import bisect
    return bisect.bisect_right(bounds, pos) - 1
def build_article(name, ga, ea):
    t = ea["text"]; pq = ea["quotes"]
    ws = words(t)
    sb = sent_bounds(t); pb = [0] + [m.end() for m in re.finditer(r"\n", t)] + [len(t)]
    # rules' speaker strings of all quotes; entity info
    ents = [e for e in ea["entities"] if e["type"] in ("PERSON", "ORG")]
    mcount = {}
    for e in ents: mcount[e["id"]] = len(e["mentions"])
    # NP candidates after reporting verbs, and after عن following نقل/ذكر, and after بحسب/وفق
    nps = []  # (start, end, text, via)
    for i, (s, e, w) in enumerate(ws):
        k = key(w)
        if k in RV:
            for (a, b) in np_after(ws, i+1):
                nps.append((a, b, t[a:b], "rv"))
        if k in ("عن",):
            for (a, b) in np_after(ws, i+1):
                nps.append((a, b, t[a:b], "an"))
        if k in ("لـ",) or (k.startswith("ل") and len(k) > 3 and i > 0 and key(ws[i-1][2]) in RV):
            pass
    # drop NPs starting with obviously junk words (verbs with pronoun object are caught by features)
    rules_sp = [(q.get("speaker") or {}).get("text") for q in pq]
    recs = []
    pairs = pair_quotes(ga["quotes"], pq)
    for gi, pi in pairs:
        gold = ga["quotes"][gi]["speaker"]
        if not gold: continue
        q = pq[pi]; qs, qe = q["start"], q["end"]
        qsent = idx_of(sb, qs); qpar = idx_of(pb, qs); qsent_end = idx_of(sb, max(qe-1, qs))
        cands = {}  # key -> dict(text, positions[], kinds set, ent)
        def add(text, pos, kind, ent=None):
            if not text or not text.strip(): return
            kk = key(text)
            if not kk: return
            c = cands.setdefault(kk, {"text": text.replace("_", " ").replace("#", ""), "pos": [], "kinds": set(), "ent": None})
            if pos is not None: c["pos"].append(pos)
            c["kinds"].add(kind)
            if ent: c["ent"] = ent
        rs = q.get("speaker")
        if rs: add(rs["text"], None, "rules", rs.get("entity_id") and next((e for e in ea["entities"] if e["id"] == rs["entity_id"]), None))
        for k in (1, 2, 3):
            if pi - k >= 0 and rules_sp[pi-k]:
                add(rules_sp[pi-k], None, f"prev{k}")
        for j, s2 in enumerate(rules_sp):
            if s2 and j != pi: add(s2, None, "other_rules")
        for e in ents:
            ms = [m for m in e["mentions"] if m["end"] <= qs or (m["start"] >= qe and idx_of(sb, m["start"]) == qsent_end)]
            if not ms: continue
            for m in ms:
                add(m["text"], (m["start"], m["end"]), "ent_mention", e)
                add(e["name_ar"], (m["start"], m["end"]), "ent_canon", e)
        for (a, b, txt, via) in nps:
            if b <= qs or (a >= qe and idx_of(sb, a) == qsent_end):
                add(txt, (a, b), "np_" + via)
        # locate positions for candidates without any (search raw text by key of the last word)
        for kk, c in cands.items():
            if not c["pos"]:
                if c["ent"]:
                    c["pos"] = [(m["start"], m["end"]) for m in c["ent"]["mentions"]]
                else:
                    lw = c["text"].split()
                    for m in re.finditer(re.escape(c["text"]), t):
                        c["pos"].append((m.start(), m.end()))
                    if not c["pos"] and lw:
                        for m in re.finditer(re.escape(lw[0]), t):
                            c["pos"].append((m.start(), m.end()))
        out = []
        for kk, c in cands.items():
            out.append({"text": c["text"], "f": feats(c, q, pi, pq, rules_sp, t, ws, sb, pb, qsent, qpar, mcount, ea),
                        "ok_eval": ok_eval(c["text"], gold), "ok_strict": ok_strict(c["text"], gold)})
        recs.append({"file": name, "art": ga["id"], "qi": pi, "quote": q["text"][:60], "gold": gold,
                     "rules": rs["text"] if rs else None,
                     "rules_eval": bool(rs) and ok_eval(rs["text"], gold), "rules_strict": bool(rs) and ok_strict(rs["text"], gold),
                     "cands": out})
    return recs
def bucket(x, cuts):
    for i, c in enumerate(cuts):
        if x <= c: return i
    return len(cuts)
def feats(c, q, pi, pq, rules_sp, t, ws, sb, pb, qsent, qpar, mcount, ea):
    f = {}
    qs, qe = q["start"], q["end"]
    kinds = c["kinds"]; text = c["text"]; kk = key(text)
    for k in kinds: f["kind=" + k] = 1
    isr = "rules" in kinds
    rs = q.get("speaker")
    f["rules_none"] = 0 if rs else 1
    if rs and not isr:
        rk = set(key(rs["text"]).split()); ck = set(kk.split())
        if ck & rk: f["shares_word_rules"] = 1
        if ck < rk: f["subset_of_rules"] = 1
        if rk < ck: f["superset_of_rules"] = 1
    # nearest position before quote (or after in same sentence)
    before = [p for p in c["pos"] if p[1] <= qs]
    after = [p for p in c["pos"] if p[0] >= qe]
    if before:
        p = max(before, key=lambda p: p[1]); d = qs - p[1]; f["before"] = 1
    elif after:
        p = min(after, key=lambda p: p[0]); d = p[0] - qe; f["after"] = 1
    else:
        p = None; d = 5000; f["nopos"] = 1
    f["dchar_b%d" % bucket(d, [3, 15, 40, 100, 250, 600, 1500])] = 1
    if p:
        sd = abs(qsent - idx_of(sb, p[0])); pd = abs(qpar - idx_of(pb, p[0]))
        f["dsent_b%d" % bucket(sd, [0, 1, 2, 4])] = 1
        f["dpar_b%d" % bucket(pd, [0, 1, 2, 4])] = 1
        # words around the candidate occurrence
        wi = next((i for i, w in enumerate(ws) if w[0] >= p[0]), None)
        if wi is not None:
            prevw = key(ws[wi-1][2]) if wi > 0 else ""
            prev2 = key(ws[wi-2][2]) if wi > 1 else ""
            first = key(ws[wi][2])
            if prevw in RV: f["after_rv"] = 1
            if prev2 in RV: f["after_rv2"] = 1
            if prevw == "عن": f["after_an"] = 1
            if prevw in ("ل", "لـ"): f["after_la"] = 1
            wj = next((i for i, w in enumerate(ws) if w[1] >= p[1]), None)
            nextw = key(ws[wj+1][2]) if wj is not None and wj + 1 < len(ws) else ""
            if nextw == "عن": f["foll_an"] = 1
            if nextw in RV: f["foll_rv"] = 1
            # told to: the candidate's first word starts with ل and a reporting verb is just before
            if first.startswith("ل") and not first.startswith("لا") and (prevw in RV or prev2 in RV): f["la_prefix_after_rv"] = 1
            # quote's verb right before the candidate
            if q.get("verb") and prevw == key(q["verb"]): f["after_qverb"] = 1
            # punctuation between candidate and quote
            if before:
                between = t[p[1]:qs]
                if ":" in between: f["colon_between"] = 1
                if len(between) < 80 and any(key(w) in RV for w in between.split()): f["rv_between"] = 1
    if kk in (key(rules_sp[pi-1]) if pi >= 1 and rules_sp[pi-1] else "",): f["is_prev_speaker"] = 1
    if any(m in kk for m in MEDIA): f["media"] = 1
    nw = len(kk.split())
    f["len_b%d" % bucket(nw, [1, 2, 3, 5])] = 1
    fw = kk.split()[0] if kk else ""
    fw0 = fw[1:] if fw[:1] in ("و", "ف") and len(fw) > 3 else fw
    if fw0 in ROLE or (fw0.startswith("ال") and fw0[2:] and ("ال"+fw0[2:]) in ROLE): f["role_first"] = 1
    if any(w in PRON for w in kk.split()): f["pron"] = 1
    if nw == 1 and re.search(r"(ه|ها|هم|هما|كم|نا)$", fw) and not c["ent"]: f["pron_suffix1"] = 1
    if re.match(r"^[يتن]", fw0) and not c["ent"] and nw <= 2: f["verbish"] = 1
    if fw0.startswith("ل") and not fw0.startswith("لا"): f["starts_la"] = 1
    if fw0.endswith("ون") or fw0.endswith("ين"): f["plural"] = 1
    e = c["ent"]
    f["etype=" + (e["type"] if e else "none")] = 1
    if e:
        mc = mcount.get(e["id"], 0); f["mcount_b%d" % bucket(mc, [1, 2, 4])] = 1
        if e.get("salience", 0) > 0.5: f["salient"] = 1
    if len(c["pos"]) >= 2: f["occ2"] = 1
    nrules = sum(1 for s in rules_sp if s and key(s) == kk)
    f["nrules_b%d" % bucket(nrules, [0, 1, 3])] = 1
    if q.get("verb") and key(q["verb"]) in CARRY: f["carry_verb"] = 1
    # conjunctions
    for base in ("kind=prev1", "is_prev_speaker"):
        if base in f and "carry_verb" in f: f[base + "&carry"] = 1
    if isr and "rules_none" not in f: pass
    if isr:
        for k2 in ("pron", "pron_suffix1", "verbish", "starts_la", "media", "etype=none"):
            if k2 in f: f["rules&" + k2] = 1
    return f
if __name__ == "__main__":
    import sys
    DEV = ["facts", "events-heldout"] + [f"blind-{i}" for i in range(2, 14)]
    allr = {}
    for n in DEV:
        allr[n] = build_file(n)
    json.dump(allr, open(X + "/dev_cands.json", "w"), ensure_ascii=False)
    tot = [0, 0, 0, 0, 0, 0]
    print("file n rules_eval rules_strict cov_eval cov_strict avg_cands")
    for n, rs in allr.items():
        a = len(rs)
        if not a: print(n, 0); continue
        re_ = sum(r["rules_eval"] for r in rs); rst = sum(r["rules_strict"] for r in rs)
        ce = sum(any(c["ok_eval"] for c in r["cands"]) for r in rs); cs = sum(any(c["ok_strict"] for c in r["cands"]) for r in rs)
        nc = sum(len(r["cands"]) for r in rs)
        for i, v in enumerate([a, re_, rst, ce, cs, nc]): tot[i] += v
        print(f"{n} {a} {re_/a:.3f} {rst/a:.3f} {ce/a:.3f} {cs/a:.3f} {nc/a:.1f}")
    a = tot[0]; print(f"pooled {a} {tot[1]/a:.3f} {tot[2]/a:.3f} {tot[3]/a:.3f} {tot[4]/a:.3f} {tot[5]/a:.1f}")
