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
];

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
    let w = ws.get(i)?;
    if let Some(v) = digits_value(&w.norm) {
        return Some((v, false, i));
    }
    let (mut value, approximate) = word_value(&w.norm)?;
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
    let _ = chars;
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

fn kind_before(norm: &str) -> Option<&'static str> {
    // وقتل، بمقتل، لمقتل: a proclitic on the trigger.
    let bare = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ب'))
        .or_else(|| norm.strip_prefix('ل'))
        .unwrap_or(norm);
    BEFORE
        .iter()
        .find(|(t, _)| *t == norm || *t == bare)
        .map(|(_, k)| *k)
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
            .any(|p| NEGATIONS.contains(&p.norm.as_str()));
        // Pattern 1: trigger, fillers, quantity (+ و quantity …), noun.
        if let Some(kind) = kind_before(&ws[i].norm) {
            if negated {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut approximate = false;
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
                } else if let Some(v) =
                    digits_value(&probe.norm)
                        .map(|v| (v, false, k))
                        .or_else(|| {
                            let mut tmp = ws.to_vec();
                            tmp[k] = probe.clone();
                            quantity(chars, &tmp, k)
                        })
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
        // Pattern 2: quantity, then a noun that names the kind (ثلاثين هجوماً، 2500 عسكري).
        if !negated {
            if let Some(&(_, kind)) = DUAL_AFTER.iter().find(|(t, _)| *t == ws[i].norm) {
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
                    && ws
                        .get(last + 2)
                        .is_some_and(|x| kind_after(&x.norm).is_some())
                {
                    last + 2
                } else {
                    last + 1
                };
                if let Some(noun) = ws.get(noun_at) {
                    if let Some(kind) = kind_after(&noun.norm) {
                        out.push(Count {
                            start: ws[i].start,
                            end: noun.end,
                            text: slice_chars(chars, ws[i].start, noun.end),
                            kind: kind.to_string(),
                            value,
                            approximate,
                            object: Some(slice_chars(chars, noun.start, noun.end)),
                        });
                        i = noun_at + 1;
                        continue;
                    }
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
}
