//! Casualty and other counts.
//!
//! A count is a quantity in the slot of a trigger: مقتل 18 شخصاً (KILLED 18), إصابة
//! ثلاثة مدنيين (WOUNDED 3), ثلاثين هجوماً (ATTACKS 30), صاروخان (MISSILES 2). The
//! quantity is read from digits, number words (every gender and case form), vague
//! words coded by ACLED's rules (عشرات = 12, مئات = 100, approximate) and the dual:
//! Arabic marks "two" on the noun itself, متعاقدَين "two contractors" (the fatha
//! before ين distinguishes it from the plural متعاقدِين) and صاروخان "two
//! rockets". Quantities joined by و in one slot are summed: مقتل متعاقدَين أجنبيين
//! وتسعة عراقيين = 2 + 9 = 11 killed. A trigger after a negation (لم، دون، عدم) is
//! not a count.

use marsad_messages::Count;

use super::numbers::{digits_value, word_value};
use super::{slice_chars, weekday_index, words, Word};

/// Trigger nouns and verbs before the quantity, by kind (normalized forms).
const BEFORE: &[(&str, &str)] = &[
    ("مقتل", "KILLED"),
    ("قتل", "KILLED"),
    ("مصرع", "KILLED"),
    ("استشهاد", "KILLED"),
    ("اعدام", "KILLED"),
    ("اصابه", "WOUNDED"),
    ("جرح", "WOUNDED"),
    ("اصيب", "WOUNDED"),
    ("اختطاف", "KIDNAPPED"),
    ("خطف", "KIDNAPPED"),
    ("اعتقال", "ARRESTED"),
    ("توقيف", "ARRESTED"),
    ("القبض", "ARRESTED"),
    ("نزوح", "DISPLACED"),
    ("قتلوا", "KILLED"),
    // لقي 16 شخصاً حتفهم: "met their death".
    ("لقي", "KILLED"),
    ("لقوا", "KILLED"),
    ("اعتقل", "ARRESTED"),
    // أصاب "hit, wounded": الشرطة أطلقت النار على المحتجين وأصابت أربعة منهم.
    ("اصاب", "WOUNDED"),
    ("اصابت", "WOUNDED"),
];

/// Verbs after the quantity (and its noun) that give the kind: 16 شخصاً قتلوا،
/// أربعة أشخاص أصيبوا.
const VERBS_AFTER: &[(&str, &str)] = &[
    ("قتلوا", "KILLED"),
    ("قتل", "KILLED"),
    ("لقوا", "KILLED"),
    ("اصيبوا", "WOUNDED"),
    ("جرحوا", "WOUNDED"),
    ("اعتقلوا", "ARRESTED"),
    ("خطفوا", "KIDNAPPED"),
    ("اختطفوا", "KIDNAPPED"),
];

/// Duals of nouns whose plural is broken (جنود، أشخاص، عناصر، ضباط): their ين/ان
/// ending can only be the dual, unlike مدنيين (plural and dual alike).
const DUAL_NOUNS: &[&str] = &[
    "جنديان",
    "جنديين",
    "شخصان",
    "شخصين",
    "عنصران",
    "عنصرين",
    "ضابطان",
    "ضابطين",
    "طفلان",
    "طفلين",
    "مقاتلان",
    "صاروخان",
    "صاروخين",
    "عبوتان",
    "عبوتين",
    "تفجيران",
    "تفجيرين",
    "هجومان",
    "هجومين",
];

/// Nouns after the quantity that give the kind by themselves.
const AFTER: &[(&str, &str)] = &[
    ("قتلي", "KILLED"),
    ("قتيلا", "KILLED"),
    ("قتيل", "KILLED"),
    ("شهيدا", "KILLED"),
    ("شهداء", "KILLED"),
    ("جرحي", "WOUNDED"),
    ("جريحا", "WOUNDED"),
    ("مصابا", "WOUNDED"),
    ("مصابين", "WOUNDED"),
    ("المصابين", "WOUNDED"),
    ("القتلي", "KILLED"),
    ("هجوما", "ATTACKS"),
    ("هجوم", "ATTACKS"),
    ("هجمات", "ATTACKS"),
    ("الهجمات", "ATTACKS"),
    ("هجمه", "ATTACKS"),
    ("صاروخا", "MISSILES"),
    ("صواريخ", "MISSILES"),
    ("صاروخ", "MISSILES"),
    ("عسكري", "TROOPS"),
    ("جندي", "TROOPS"),
    ("جنود", "TROOPS"),
    ("مقاتل", "TROOPS"),
    ("مقاتلا", "TROOPS"),
    ("معتقلا", "ARRESTED"),
    ("مخطوفا", "KIDNAPPED"),
    // عثرت قوات الأمن على 8 جثث.
    ("جثث", "BODIES"),
    ("جثه", "BODIES"),
    // After a number the plural is unambiguous: 5 مسلحين، 20 مسلحا.
    ("مسلحا", "MILITANTS"),
    ("مسلحين", "MILITANTS"),
    // Crowds: مئات من المتظاهرين، آلاف المحتجين.
    ("متظاهر", "PROTESTERS"),
    ("متظاهرا", "PROTESTERS"),
    ("متظاهرين", "PROTESTERS"),
    ("المتظاهرين", "PROTESTERS"),
    ("محتج", "PROTESTERS"),
    ("محتجا", "PROTESTERS"),
    ("محتجين", "PROTESTERS"),
    ("المحتجين", "PROTESTERS"),
];

/// Dual nouns that carry their own kind: صاروخان "two rockets".
const DUAL_AFTER: &[(&str, &str)] = &[
    ("صاروخان", "MISSILES"),
    ("صاروخين", "MISSILES"),
    // عبوتان ناسفتان "two roadside bombs"; تفجيران "two bombings".
    ("عبوتان", "EXPLOSIVES"),
    ("عبوتين", "EXPLOSIVES"),
    ("تفجيران", "ATTACKS"),
    ("تفجيرين", "ATTACKS"),
    ("هجومان", "ATTACKS"),
    ("هجومين", "ATTACKS"),
    // ومسلحان أحدهما ملثم "two gunmen" (مسلحين is dual or plural: not here).
    ("مسلحان", "MILITANTS"),
];

/// Nouns that give a kind only with the adjective after them: 10 عمليات انتحارية
/// (attacks, not any "operations"), عشرات من العناصر الأمنية (troops, not any "elements").
const NOUN_ADJECTIVE: &[(&str, &[&str], &str)] = &[
    ("عمليات", &["انتحاريه", "ارهابيه", "مسلحه"], "ATTACKS"),
    ("عمليه", &["انتحاريه", "ارهابيه", "مسلحه"], "ATTACKS"),
    (
        "عناصر",
        &["الامن", "الامنيه", "الشرطه", "الجيش", "امنيه"],
        "TROOPS",
    ),
    ("العناصر", &["الامنيه"], "TROOPS"),
];

fn noun_adjective_kind(ws: &[Word], at: usize) -> Option<&'static str> {
    let noun = ws.get(at)?;
    let adjective = ws.get(at + 1)?;
    NOUN_ADJECTIVE
        .iter()
        .find(|(n, adjectives, _)| *n == noun.norm && adjectives.contains(&adjective.norm.as_str()))
        .map(|(_, _, k)| *k)
}

/// Verbs of a gathering crowd: تجمع المئات في ساحة التحرير، شارك في كل منها عشرات
/// الأشخاص، اقتحم عشرات … — a vague quantity right after them is the protesters.
const CROWD_VERBS: &[&str] = &["تجمع", "احتشد", "شارك", "اقتحم", "خرج", "تظاهر"];

/// Words that may stand between a crowd verb and its quantity: شارك في كل منها عشرات.
const CROWD_FILLERS: &[&str] = &["في", "كل", "منها", "فيها"];

/// Verbs that make what follows a threat, not an event: يهدد فيه عناصر من التنظيم
/// بإعدام 6 أشخاص.
const THREATS: &[&str] = &["يهدد", "تهدد", "هدد", "هددت", "يتوعد", "توعد", "يهددون"];

/// Words before a quantity that make it a breakdown of a figure already given:
/// على 8 جثث قرب طريق بغداد كركوك، بينهم 6 أشخاص خطفوا.
const BREAKDOWNS: &[&str] = &["بينهم", "بينهن", "بينها"];

/// Words between a trigger and its quantity: نحو، قرابة، حوالي، أكثر من …
const FILLERS: &[&str] = &[
    "نحو",
    "قرابه",
    "حوالي",
    "اكثر",
    "من",
    "ما",
    "لا",
    "يقل",
    "عن",
    "زهاء",
    "ما يقارب",
    "يقارب",
];

/// When-words (and the weekdays) that may stand between a trigger and its quantity
/// without making it approximate: قتل ليلة أمس 5 أشخاص.
const TIME_FILLERS: &[&str] = &["ليله", "امس", "اليوم", "صباح", "مساء", "الماضي"];

fn is_time_filler(norm: &str) -> bool {
    TIME_FILLERS.contains(&norm) || weekday_index(norm).is_some()
}

pub(crate) const NEGATIONS: &[&str] = &["لم", "لا", "دون", "عدم", "بدون", "ينفي", "نفي", "نفت"];

/// A quantity read at word `i`: (value, approximate, index of the last word used,
/// index of the counted noun if one was read).
fn quantity(chars: &[char], ws: &[Word], i: usize) -> Option<(u64, bool, usize)> {
    let _ = chars;
    quantity_read_as(&ws.get(i)?.norm, ws, i)
}

/// As [`quantity`], with word `i` read as `norm` (its bare form after a coordinating
/// و), the words after it as they are.
fn quantity_read_as(norm: &str, ws: &[Word], i: usize) -> Option<(u64, bool, usize)> {
    if let Some(v) = digits_value(norm) {
        return Some((v, false, i));
    }
    let (mut value, approximate) = word_value(norm)?;
    let mut last = i;
    // Units and tens: خمسة وعشرون = 5 + 20.
    if let Some(next) = ws.get(i + 1) {
        if let Some(rest) = next.norm.strip_prefix('و') {
            if let Some((tens, false)) = word_value(rest) {
                if (20..=90).contains(&tens) && value < 10 {
                    value += tens;
                    last = i + 1;
                }
            }
        }
    }
    Some((value, approximate, last))
}

/// The dual: a noun whose written form marks "two".
fn is_dual(chars: &[char], w: &Word) -> bool {
    let raw = &chars[w.start..w.end];
    let n = raw.len();
    // …َين: fatha before ين (متعاقدَين), the oblique dual.
    (n >= 4 && raw[n - 1] == 'ن' && raw[n - 2] == 'ي' && raw[n - 3] == '\u{064E}')
        || w.norm == "اثنين"
        || w.norm == "اثنان"
        || DUAL_NOUNS.contains(&w.norm.strip_prefix('و').unwrap_or(&w.norm))
}

/// Tashkeel and tatweel, which sit inside words.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Only spaces between words `a` and `b` (no comma, no full stop).
fn spaced(chars: &[char], a: &Word, b: &Word) -> bool {
    chars[a.end..b.start]
        .iter()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || is_mark(*c))
}

/// People nouns after a crowd's vague quantity: شارك فيها عشرات الأشخاص.
const PEOPLE: &[&str] = &["الاشخاص", "اشخاص", "المواطنين", "الشبان", "الاهالي", "السكان"];

/// The kind of a toll whose rise to the figure at `i` is told: «ارتفع عدد قتلى
/// الاحتجاجات … إلى 11 شخصا»، «ارتفعت حصيلة الجرحى إلى 20».
fn toll_kind(ws: &[Word], i: usize) -> Option<&'static str> {
    if i == 0 || ws[i - 1].norm != "الي" {
        return None;
    }
    let window = &ws[i.saturating_sub(12)..i - 1];
    let rose = window.iter().any(|w| {
        let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
        ["ارتفع", "وصل", "بلغ"].iter().any(|v| bare.starts_with(v))
    });
    if !rose {
        return None;
    }
    window.iter().rev().find_map(|w| match w.norm.as_str() {
        "قتلي" | "القتلي" | "ضحايا" | "الضحايا" => Some("KILLED"),
        "جرحي" | "الجرحي" | "المصابين" | "مصابي" => Some("WOUNDED"),
        _ => None,
    })
}

/// Whether a verb of gathering stands just before the quantity at `i`, with at most
/// three of [`CROWD_FILLERS`] between.
fn after_crowd_verb(ws: &[Word], i: usize) -> bool {
    let mut k = i;
    for _ in 0..4 {
        let Some(p) = k.checked_sub(1) else {
            return false;
        };
        let bare = ws[p].norm.strip_prefix('و').unwrap_or(&ws[p].norm);
        if CROWD_VERBS.contains(&bare) {
            return true;
        }
        if !CROWD_FILLERS.contains(&bare) {
            return false;
        }
        k = p;
    }
    false
}

fn kind_before(norm: &str) -> Option<&'static str> {
    // وقتل، بمقتل، لمقتل: a proclitic on the trigger.
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ب'))
        .or_else(|| norm.strip_prefix('ل'))
        .unwrap_or(norm);
    // Every word is asked: two lookups, the first entry of either winning as in a
    // scan of the table.
    static FIRST: std::sync::OnceLock<
        std::collections::HashMap<&'static str, usize, crate::gazetteer::FnvBuild>,
    > = std::sync::OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let mut first = std::collections::HashMap::with_hasher(crate::gazetteer::FnvBuild);
        for (i, (t, _)) in BEFORE.iter().enumerate() {
            first.entry(*t).or_insert(i);
        }
        first
    });
    let i = match (first.get(norm), first.get(bare)) {
        (Some(&a), Some(&b)) => a.min(b),
        (Some(&a), None) | (None, Some(&a)) => a,
        (None, None) => return None,
    };
    Some(BEFORE[i].1)
}

fn kind_after(norm: &str) -> Option<&'static str> {
    AFTER.iter().find(|(t, _)| *t == norm).map(|(_, k)| *k)
}

pub fn extract(text: &str) -> Vec<Count> {
    let chars: Vec<char> = text.chars().collect();
    let ws = words(&chars, 0, chars.len());
    extract_words(&chars, &ws)
}

/// As [`extract`], over a text's characters and words read once for every extractor.
pub(crate) fn extract_words(chars: &[char], ws: &[Word]) -> Vec<Count> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        // A negation among the four words before: لم يسفر الهجوم عن مقتل …
        let negated = ws[i.saturating_sub(4)..i]
            .iter()
            .any(|p| NEGATIONS.contains(&p.norm.as_str()))
            || ws[i.saturating_sub(6)..i]
                .iter()
                .any(|p| THREATS.contains(&p.norm.strip_prefix('و').unwrap_or(&p.norm)));
        // Pattern 1: trigger, fillers, quantity (+ و quantity …), noun.
        if let Some(kind) = kind_before(&ws[i].norm) {
            if negated {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut approximate = false;
            // «وقتل قبل أيام 45 مسلحا»: a recent-time phrase before the figure.
            if ws.get(j).is_some_and(|w| w.norm == "قبل")
                && ws
                    .get(j + 1)
                    .is_some_and(|w| matches!(w.norm.as_str(), "ايام" | "يومين" | "ساعات"))
            {
                j += 2;
            }
            while j < ws.len()
                && j <= i + 4
                && (FILLERS.contains(&ws[j].norm.as_str()) || is_time_filler(&ws[j].norm))
            {
                if ws[j].norm != "من" && !is_time_filler(&ws[j].norm) {
                    approximate = true;
                }
                j += 1;
            }
            let mut total = 0u64;
            let mut found = false;
            let mut end_word = j;
            let mut object = None;
            let mut k = j;
            while let Some(w) = ws.get(k) {
                let w_norm = if found {
                    w.norm.strip_prefix('و').unwrap_or(&w.norm).to_string()
                } else {
                    w.norm.clone()
                };
                let probe = Word {
                    start: w.start,
                    end: w.end,
                    norm: w_norm,
                };
                if is_dual(chars, w) && word_value(&probe.norm).is_none() {
                    total = total.saturating_add(2);
                    found = true;
                    object.get_or_insert_with(|| slice_chars(chars, w.start, w.end));
                    end_word = k;
                    k += 1;
                    // An adjective agreeing with the dual (أجنبيين) belongs to it.
                    if ws
                        .get(k)
                        .is_some_and(|a| a.norm.ends_with("ين") && !a.norm.starts_with('و'))
                    {
                        end_word = k;
                        k += 1;
                    }
                } else if let Some(v) = digits_value(&probe.norm)
                    .map(|v| (v, false, k))
                    .or_else(|| quantity_read_as(&probe.norm, ws, k))
                {
                    let (value, approx, last) = v;
                    total = total.saturating_add(value);
                    approximate |= approx;
                    found = true;
                    end_word = last;
                    k = last + 1;
                    if let Some(noun) = ws.get(k) {
                        if word_value(&noun.norm).is_none()
                            && digits_value(&noun.norm).is_none()
                            && kind_before(&noun.norm).is_none()
                        {
                            object.get_or_insert_with(|| slice_chars(chars, noun.start, noun.end));
                            end_word = k;
                            k += 1;
                        }
                    }
                } else {
                    break;
                }
                // «إصابة تسعة شرطيين وستة عناصر من قوات مكافحة الإرهاب وأربعة مدنيين»:
                // the noun's من-phrase stands between two coordinated quantities.
                if ws.get(k).is_some_and(|w| w.norm == "من") {
                    let joined = (k + 1..(k + 6).min(ws.len())).find(|&m| {
                        let rest = ws[m].norm.strip_prefix('و').unwrap_or("");
                        ws[m].norm.starts_with('و')
                            && (word_value(rest).is_some() || digits_value(rest).is_some())
                    });
                    let unbroken = |to: usize| {
                        chars[ws[k].start..ws[to].start]
                            .iter()
                            .all(|c| c.is_alphanumeric() || c.is_whitespace() || is_mark(*c))
                    };
                    if let Some(m) = joined.filter(|&m| unbroken(m)) {
                        end_word = m - 1;
                        k = m;
                    }
                }
                // Coordination: another quantity joined by و.
                match ws.get(k) {
                    Some(next) if next.norm.starts_with('و') && next.norm.chars().count() > 1 => {
                        let rest = &next.norm['و'.len_utf8()..];
                        let is_quantity = word_value(rest).is_some()
                            || digits_value(rest).is_some()
                            || (is_dual(chars, next) && word_value(rest).is_none());
                        if !is_quantity {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            if found && total > 0 {
                // على الأقل "at least" after the figure.
                if ws.get(end_word + 1).is_some_and(|x| x.norm == "علي")
                    && ws.get(end_word + 2).is_some_and(|x| x.norm == "الاقل")
                {
                    approximate = true;
                    end_word += 2;
                }
                out.push(Count {
                    start: ws[i].start,
                    end: ws[end_word].end,
                    text: slice_chars(chars, ws[i].start, ws[end_word].end),
                    kind: kind.to_string(),
                    value: total,
                    approximate,
                    object,
                });
                i = end_word + 1;
                continue;
            }
            i += 1;
            continue;
        }
        // A breakdown of a figure already given is not a new count: «بينهم 6 أشخاص».
        if i > 0 && BREAKDOWNS.contains(&ws[i - 1].norm.as_str()) {
            i += 1;
            continue;
        }
        // Pattern 2: quantity, then a noun that names the kind (ثلاثين هجوماً، 2500 عسكري).
        if !negated {
            let bare = ws[i].norm.strip_prefix('و').unwrap_or(&ws[i].norm);
            if let Some(&(_, kind)) = DUAL_AFTER.iter().find(|(t, _)| *t == bare) {
                out.push(Count {
                    start: ws[i].start,
                    end: ws[i].end,
                    text: slice_chars(chars, ws[i].start, ws[i].end),
                    kind: kind.to_string(),
                    value: 2,
                    approximate: false,
                    object: Some(slice_chars(chars, ws[i].start, ws[i].end)),
                });
                i += 1;
                continue;
            }
            if let Some((value, approximate, last)) = quantity(chars, ws, i) {
                // Pattern 3: quantity, an optional noun, then a verb: 16 شخصاً قتلوا.
                let verb_at = |k: usize| {
                    ws.get(k).and_then(|v| {
                        let bare = v.norm.strip_prefix('و').unwrap_or(&v.norm);
                        VERBS_AFTER
                            .iter()
                            .find(|(t, _)| *t == bare)
                            .map(|(_, kind)| *kind)
                    })
                };
                let noun_then_verb = ws
                    .get(last + 1)
                    .filter(|n| word_value(&n.norm).is_none() && digits_value(&n.norm).is_none())
                    .and_then(|_| {
                        // 16 شخصاً قد لقوا مصرعهم: قد before the verb.
                        let verb = if ws.get(last + 2).is_some_and(|x| x.norm == "قد") {
                            last + 3
                        } else {
                            last + 2
                        };
                        verb_at(verb).map(|kind| (kind, verb))
                    });
                if let Some((kind, verb)) =
                    verb_at(last + 1).map(|k| (k, last + 1)).or(noun_then_verb)
                {
                    out.push(Count {
                        start: ws[i].start,
                        end: ws[verb].end,
                        text: slice_chars(chars, ws[i].start, ws[verb].end),
                        kind: kind.to_string(),
                        value,
                        approximate,
                        object: (verb > last + 1)
                            .then(|| slice_chars(chars, ws[last + 1].start, ws[last + 1].end)),
                    });
                    i = verb + 1;
                    continue;
                }
                // "مئات من المتظاهرين": the noun may follow من.
                let noun_at = if ws.get(last + 1).is_some_and(|x| x.norm == "من")
                    && ws.get(last + 2).is_some_and(|x| {
                        kind_after(&x.norm).is_some() || noun_adjective_kind(ws, last + 2).is_some()
                    }) {
                    last + 2
                } else {
                    last + 1
                };
                let mut push = |kind: &str, noun: Option<usize>, end: usize| {
                    out.push(Count {
                        start: ws[i].start,
                        end: ws[end].end,
                        text: slice_chars(chars, ws[i].start, ws[end].end),
                        kind: kind.to_string(),
                        value,
                        approximate,
                        object: noun.map(|n| slice_chars(chars, ws[n].start, ws[n].end)),
                    });
                };
                if let Some(noun) = ws.get(noun_at) {
                    if let Some(kind) = kind_after(&noun.norm) {
                        push(kind, Some(noun_at), noun_at);
                        i = noun_at + 1;
                        continue;
                    }
                    if let Some(kind) = noun_adjective_kind(ws, noun_at) {
                        push(kind, Some(noun_at), noun_at + 1);
                        i = noun_at + 2;
                        continue;
                    }
                }
                // «عشرات العراقيين المحتجين»: the crowd word as the people's adjective.
                if ws.get(last + 1).is_some_and(|n| n.norm.starts_with("ال"))
                    && ws
                        .get(last + 2)
                        .is_some_and(|a| kind_after(&a.norm) == Some("PROTESTERS"))
                    && spaced(chars, &ws[last], &ws[last + 2])
                {
                    push("PROTESTERS", Some(last + 1), last + 2);
                    i = last + 3;
                    continue;
                }
                // A toll that rose to a figure: «ارتفع عدد قتلى الاحتجاجات … إلى 11 شخصا».
                if let Some(kind) = toll_kind(ws, i) {
                    let noun = ws
                        .get(last + 1)
                        .filter(|n| {
                            word_value(&n.norm).is_none() && digits_value(&n.norm).is_none()
                        })
                        .map(|_| last + 1);
                    push(kind, noun, noun.unwrap_or(last));
                    i = noun.unwrap_or(last) + 1;
                    continue;
                }
                // A vague crowd after a verb of gathering: «تجمع المئات في ساحة التحرير».
                if approximate && value < 1000 && after_crowd_verb(ws, i) {
                    let people = ws
                        .get(last + 1)
                        .filter(|n| PEOPLE.contains(&n.norm.as_str()))
                        .map(|_| last + 1);
                    push("PROTESTERS", people, people.unwrap_or(last));
                    i = people.unwrap_or(last) + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(String, u64, bool)> {
        extract(text)
            .into_iter()
            .map(|c| (c.kind, c.value, c.approximate))
            .collect()
    }

    #[test]
    fn seed_002_casualties() {
        // Digits in the slot of مقتل.
        assert_eq!(
            counts("أعلن مسؤولون أمنيون عراقيون، مقتل 18 شخصاً، غالبيتهم من عناصر الأمن"),
            vec![("KILLED".into(), 18, false)]
        );
        // The dual plus a number word, summed across و: 2 + 9 = 11.
        let c = extract(
            "وأدّت هذه الهجمات إلى مقتل متعاقدَين أجنبيين وتسعة عراقيين هم متعاقد وثمانية مدنيين.",
        );
        assert_eq!((c[0].kind.as_str(), c[0].value), ("KILLED", 11));
        assert_eq!(c[0].text, "مقتل متعاقدَين أجنبيين وتسعة عراقيين");
    }

    #[test]
    fn counted_nouns_give_their_kind() {
        // نحو ثلاثين هجوماً: the accusative tens form, then the counted noun.
        assert!(counts("استهدف نحو ثلاثين هجوماً بعبوّات ناسفة").contains(&(
            "ATTACKS".into(),
            30,
            false
        )));
        // صاروخان: the nominative dual, "two rockets".
        assert_eq!(
            counts("وفي تطور جديد، استهدف صاروخان ليلة أمس مطار بغداد"),
            vec![("MISSILES".into(), 2, false)]
        );
        assert_eq!(
            counts("ضد 2500 عسكري أميركي"),
            vec![("TROOPS".into(), 2500, false)]
        );
        // عشرات = 12 by ACLED's rule, approximate.
        assert_eq!(
            counts("بعدما استهدفت بعشرات الهجمات الصاروخية"),
            vec![("ATTACKS".into(), 12, true)]
        );
    }

    #[test]
    fn negations_are_not_counts() {
        assert!(counts("لم يسفر الهجوم عن مقتل أحد").is_empty());
        assert!(counts("لم يسفر الهجوم عن مقتل ثلاثة").is_empty());
        assert!(counts("دون مقتل 3 أشخاص").is_empty());
    }

    #[test]
    fn number_words_and_arabic_indic_digits() {
        assert_eq!(
            counts("أسفر عن مقتل ثلاثة جنود وإصابة خمسة آخرين"),
            vec![("KILLED".into(), 3, false), ("WOUNDED".into(), 5, false)]
        );
        assert_eq!(counts("مقتل ١٨ شخصاً"), vec![("KILLED".into(), 18, false)]);
        assert_eq!(
            counts("مقتل خمسة وعشرين مدنياً"),
            vec![("KILLED".into(), 25, false)]
        );
    }

    #[test]
    fn counts_of_the_ant_gold_articles() {
        // Sentences of ANT articles in data/gold (ANT corpus v2.1, Apache-2.0).
        // The verb after the figure: "إن 16 شخصا قد لقوا مصرعهم".
        assert_eq!(
            counts("إن 16 شخصا قد لقوا مصرعهم"),
            vec![("KILLED".into(), 16, false)]
        );
        // A trigger behind ل, and "على الأقل" making it approximate.
        assert_eq!(
            counts("أدى انفجار إلى لمقتل 16 شخصا على الأقل"),
            vec![("KILLED".into(), 16, true)]
        );
        // Two slots side by side: "مقتل 16 وجرح 14" — the second trigger is no noun.
        assert_eq!(
            counts("مما أدى إلى مقتل 16 وجرح 14"),
            vec![("KILLED".into(), 16, false), ("WOUNDED".into(), 14, false)]
        );
        // A when-word between trigger and figure: "قتل ليلة أمس 5 أشخاص".
        assert_eq!(
            counts("أنه قتل ليلة أمس 5 أشخاص"),
            vec![("KILLED".into(), 5, false)]
        );
        // Duals of nouns with broken plurals, and crowds after من.
        assert_eq!(
            counts("انفجرت عبوتان ناسفتان"),
            vec![("EXPLOSIVES".into(), 2, false)]
        );
        assert_eq!(
            counts("إصابة 3 مدنيين وعنصرين من الشرطة"),
            vec![("WOUNDED".into(), 5, false)]
        );
        assert_eq!(
            counts("تجمع مئات من المتظاهرين"),
            vec![("PROTESTERS".into(), 100, true)]
        );
        assert_eq!(
            counts("وعشرات المصابين"),
            vec![("WOUNDED".into(), 12, true)]
        );
    }

    #[test]
    fn counts_of_the_second_blind_set() {
        // Sentences of BB/SK/CN/FR articles of data/gold/blind-2.jsonl (ANT corpus).
        // A من-phrase after a counted noun does not end the coordination: 9 + 6 + 4.
        assert_eq!(
            counts(
                "وأدى الهجوم إلى إصابة تسعة شرطيين وستة عناصر من قوات مكافحة الإرهاب وأربعة مدنيين"
            ),
            vec![("WOUNDED".into(), 19, false)]
        );
        // Bodies found, and the breakdown after بينهم is not a second count.
        assert_eq!(
            counts("عثرت قوات الأمن العراقية، الأربعاء، على 8 جثث قرب طريق بغداد كركوك، بينهم 6 أشخاص خطفوا على يد داعش"),
            vec![("BODIES".into(), 8, false)]
        );
        // A threat is hypothetical: يهدد … بإعدام 6 أشخاص is no killing.
        assert!(counts("فيديو يهدد فيه عناصر من التنظيم بإعدام 6 أشخاص").is_empty());
        // The nominative dual of مسلح is two gunmen.
        assert_eq!(
            counts("ومسلحان أحدهما ملثم"),
            vec![("MILITANTS".into(), 2, false)]
        );
        // عمليات counts as attacks only with its adjective.
        assert_eq!(
            counts("بعد هجوم تخلله 10 عمليات انتحارية"),
            vec![("ATTACKS".into(), 10, false)]
        );
        assert!(counts("وأجرت 10 عمليات جراحية").is_empty());
        // «قبل أيام» between the trigger and the figure.
        assert_eq!(
            counts("وقتل قبل أيام 45 مسلحا مواليا للنظام"),
            vec![("KILLED".into(), 45, false)]
        );
        // أصاب "wounded" as a trigger verb.
        assert_eq!(
            counts("إن الشرطة أطلقت النار على المحتجين وأصابت أربعة منهم بجراح"),
            vec![("WOUNDED".into(), 4, false)]
        );
        // Security elements are troops; a crowd after a verb of gathering is protesters.
        assert_eq!(
            counts("فيما انتشر عشرات من العناصر الأمنية لحراسة الحقول"),
            vec![("TROOPS".into(), 12, true)]
        );
        assert_eq!(
            counts("حيث تجمع المئات في ساحة التحرير"),
            vec![("PROTESTERS".into(), 100, true)]
        );
        assert_eq!(
            counts("تظاهرات متفرقة شارك في كل منها عشرات الأشخاص"),
            vec![("PROTESTERS".into(), 12, true)]
        );
        assert_eq!(
            counts("اقتحم عشرات العراقيين المحتجين القنصلية"),
            vec![("PROTESTERS".into(), 12, true)]
        );
        // A toll that rose to a figure glued to إلى: the digits are their own word.
        assert_eq!(
            counts("أن عدد قتلى الاحتجاجات التي جابت مدن متفرقة في البلاد قد ارتفع إلى11 شخصا"),
            vec![("KILLED".into(), 11, false)]
        );
    }
}
