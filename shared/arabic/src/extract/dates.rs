//! Dates: day–month–year, month–year, year, vague forms and relative expressions.
//!
//! Arabic news uses two month-name systems side by side: the Gregorian names
//! borrowed from European languages (يناير … ديسمبر), usual in Egypt and the Gulf,
//! and the Syriac names of the Levant and Iraq (كانون الثاني، شباط، آذار … كانون الأول).
//! Iraqi outlets often write both: يوليو/ تموز 2016. Both systems map to the same
//! month numbers, and the combined form is one date.
//!
//! A bare four-digit number is a year only after a date cue (عام، في، منذ، خلال،
//! مطلع …): "ضد 2500 عسكري" is a count, not a year. Relative expressions (اليوم،
//! أمس، قبل يومين، الأسبوع الماضي) resolve against the article's publication date
//! and stay unresolved (value null) when it is unknown.

use marsad_messages::DateMention;

use super::{slice_chars, weekday_index, words, ArticleContext, Word};

/// (normalized first word, optional normalized second word, month).
const MONTHS: &[(&str, Option<&str>, u8)] = &[
    ("يناير", None, 1),
    ("فبراير", None, 2),
    ("مارس", None, 3),
    ("ابريل", None, 4),
    ("مايو", None, 5),
    ("يونيو", None, 6),
    ("يونيه", None, 6),
    ("يوليو", None, 7),
    ("يوليه", None, 7),
    // A common misspelling: «ومنذ مطلع يولي الماضي» (SK-3551, blind-15). يولي is also
    // a verb ("gives"), so it is never taken as a month name alone.
    ("يولي", None, 7),
    ("اغسطس", None, 8),
    ("سبتمبر", None, 9),
    ("اكتوبر", None, 10),
    ("نوفمبر", None, 11),
    ("ديسمبر", None, 12),
    // The Syriac names; كانون and تشرين need their second word.
    ("كانون", Some("الثاني"), 1),
    ("شباط", None, 2),
    ("اذار", None, 3),
    ("نيسان", None, 4),
    ("ايار", None, 5),
    ("حزيران", None, 6),
    ("تموز", None, 7),
    ("اب", None, 8),
    ("ايلول", None, 9),
    ("تشرين", Some("الاول"), 10),
    ("تشرين", Some("الثاني"), 11),
    ("كانون", Some("الاول"), 12),
    // Without the article: «16 أكتوبر/ تشرين أول الماضي» (BB-130, blind-11).
    ("تشرين", Some("اول"), 10),
    ("تشرين", Some("ثاني"), 11),
    ("كانون", Some("اول"), 12),
    ("كانون", Some("ثاني"), 1),
];

/// Words that qualify a period: (normalized, resolution).
const QUALIFIERS: &[(&str, &str)] = &[
    ("مطلع", "part"),
    ("بدايه", "part"),
    // أوائل as normalized (ئ folds to ي): «منذ أوائل 2015» (SK-2236, blind-15).
    ("اوايل", "part"),
    ("اواخر", "part"),
    ("منتصف", "part"),
    ("اواسط", "part"),
    ("نهايه", "part"),
    ("اخر", "part"),
    ("خريف", "season"),
    ("ربيع", "season"),
    ("صيف", "season"),
    ("شتاء", "season"),
];

/// Words after which a four-digit number is a year.
const YEAR_CUES: &[&str] = &[
    "عام",
    "العام",
    "سنه",
    "في",
    "منذ",
    "خلال",
    "حتي",
    "بعد",
    "قبل",
    "لعام",
    "بعام",
];

pub(super) fn month_at(ws: &[Word], i: usize) -> Option<(u8, usize)> {
    let first = ws.get(i)?.norm.as_str();
    let bare = first
        .strip_prefix('ب')
        .filter(|r| r.chars().count() > 2)
        .unwrap_or(first);
    // Every word is asked: most are no month name, which one lookup tells.
    static NAMES: std::sync::OnceLock<
        std::collections::HashSet<&'static str, crate::gazetteer::FnvBuild>,
    > = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| MONTHS.iter().map(|&(name, _, _)| name).collect());
    if !names.contains(bare) && !names.contains(first) {
        return None;
    }
    for &(name, second, month) in MONTHS {
        if bare != name && first != name {
            continue;
        }
        match second {
            None => return Some((month, 1)),
            Some(s) if ws.get(i + 1).is_some_and(|w| w.norm == s) => return Some((month, 2)),
            Some(_) => {}
        }
    }
    None
}

/// Month names that are a date alone (see `date_at`).
fn is_bare_month(norm: &str) -> bool {
    let bare = norm
        .strip_prefix('ب')
        .filter(|r| r.chars().count() > 2)
        .unwrap_or(norm);
    matches!(
        bare,
        "يناير"
            | "فبراير"
            | "ابريل"
            | "مايو"
            | "يونيو"
            | "يونيه"
            | "يوليو"
            | "يوليه"
            | "اغسطس"
            | "سبتمبر"
            | "اكتوبر"
            | "نوفمبر"
            | "ديسمبر"
    )
}

fn number(word: &Word) -> Option<u32> {
    if word.norm.len() <= 4 && word.norm.chars().all(|c| c.is_ascii_digit()) {
        word.norm.parse().ok()
    } else {
        None
    }
}

fn year_of(word: &Word) -> Option<i32> {
    number(word)
        .filter(|n| (1900..=2100).contains(n) && word.norm.len() == 4)
        .map(|n| n as i32)
}

/// Words are adjacent when only spaces, `/` or `-` stand between them.
fn adjacent(chars: &[char], a: &Word, b: &Word) -> bool {
    b.start >= a.end
        && b.start - a.end <= 3
        && chars[a.end..b.start]
            .iter()
            .all(|c| c.is_whitespace() || matches!(c, '/' | '-' | '،' | ','))
}

pub fn extract(text: &str, context: &ArticleContext) -> Vec<DateMention> {
    let chars: Vec<char> = text.chars().collect();
    let ws = words(&chars, 0, chars.len());
    extract_words(&chars, &ws, context)
}

/// As [`extract`], over a text's characters and words read once for every extractor.
pub(crate) fn extract_words(
    chars: &[char],
    ws: &[Word],
    context: &ArticleContext,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if let Some((mention, next)) = date_at(chars, ws, i, context) {
            out.push(mention);
            i = next;
        } else {
            i += 1;
        }
    }
    same_year_as_named_before(&mut out);
    same_month_as_named_before(&mut out);
    out
}

/// «السادس عشر من نفس الشهر» / «من الشهر نفسه»: the day of the month of the date named
/// just before (SK-1073, blind-16: «منذ الرابع من أبريل حتى السادس عشر من نفس الشهر»).
fn same_month_as_named_before(out: &mut [DateMention]) {
    for k in 1..out.len() {
        let key = crate::normalize::normalize_key(&out[k].text);
        if out[k].value.is_some()
            || out[k].resolution != "day"
            || !(key.ends_with("الشهر") || key.ends_with("نفسه") || key.ends_with("ذاته"))
        {
            continue;
        }
        let chars: Vec<char> = out[k].text.chars().collect();
        let ws = words(&chars, 0, chars.len());
        let Some(day) = ws
            .first()
            .and_then(number)
            .or_else(|| ordinal_day(&ws, 0).map(|(d, _)| d))
        else {
            continue;
        };
        let Some((y, m)) = out[..k]
            .last()
            .and_then(|m| year_month(m.value.as_deref()?))
        else {
            continue;
        };
        if valid_day(y, m, day) {
            out[k].value = Some(format!("{y:04}-{m:02}-{day:02}"));
        }
    }
}

/// A month named alone takes the year of the same month named earlier in the article
/// (GUIDELINES.md: "the year the context gives"): SK-1306 (blind-15, published April
/// 2018) tells of «شهر أبريل الماضي» (2017) and then «ووافقت قطر في أبريل»: the same
/// April 2017, not the April of publication.
fn same_year_as_named_before(out: &mut [DateMention]) {
    for k in 1..out.len() {
        let alone = out[k].resolution == "month"
            && is_bare_month(&crate::normalize::normalize_key(out[k].text.trim()));
        let Some(month) = out[k]
            .value
            .as_deref()
            .filter(|v| alone && v.len() == 7)
            .map(|v| v[5..7].to_string())
        else {
            continue;
        };
        let earlier = out[..k].iter().rev().find_map(|m| {
            let v = m.value.as_deref()?;
            (v.len() >= 7 && v[5..7] == month && v.as_bytes()[4] == b'-')
                .then(|| v[..4].to_string())
        });
        if let Some(year) = earlier {
            out[k].value = Some(format!("{year}-{month}"));
        }
    }
}

fn mention(
    chars: &[char],
    start: usize,
    end: usize,
    value: Option<String>,
    resolution: &str,
) -> DateMention {
    DateMention {
        start,
        end,
        text: slice_chars(chars, start, end),
        value,
        resolution: resolution.to_string(),
    }
}

/// A date starting at word `i`, with the index of the word after it.
fn date_at(
    chars: &[char],
    ws: &[Word],
    i: usize,
    ctx: &ArticleContext,
) -> Option<(DateMention, usize)> {
    let w = &ws[i];
    let published_year = ctx.published.map(|(y, _, _)| y);

    // Qualified periods: مطلع 2020، أواخر 2017، خريف عام 2019، منتصف أبريل، نهاية يناير.
    let bare = w.norm.strip_prefix('و').unwrap_or(&w.norm);
    if let Some(&(_, kind)) = QUALIFIERS.iter().find(|(q, _)| *q == bare || *q == w.norm) {
        let mut j = i + 1;
        if ws.get(j).is_some_and(|x| {
            matches!(x.norm.as_str(), "عام" | "العام" | "سنه") && adjacent(chars, &ws[j - 1], x)
        }) {
            j += 1;
        }
        // «مطلع الأسبوع» (SK-1728), «بداية الأسبوع الحالي» (FR-499): a part of a week,
        // which no value represents (GUIDELINES.md: vague, null).
        if ws
            .get(i + 1)
            .is_some_and(|x| x.norm == "الاسبوع" && adjacent(chars, w, x))
        {
            let mut end = i + 1;
            if ws
                .get(i + 2)
                .is_some_and(|x| month_qualifier(x).is_some() && adjacent(chars, &ws[i + 1], x))
            {
                end = i + 2;
            }
            return Some((
                mention(chars, w.start, ws[end].end, None, "part_of_month"),
                end + 1,
            ));
        }
        // «مطلع هذا العام» (SK-2964): the publication's year.
        if ws.get(i + 1).is_some_and(|x| x.norm == "هذا")
            && ws
                .get(i + 2)
                .is_some_and(|x| matches!(x.norm.as_str(), "العام" | "الشهر"))
        {
            let month = ws[i + 2].norm == "الشهر";
            let value = ctx.published.map(|(y, m, _)| {
                if month {
                    format!("{y:04}-{m:02}")
                } else {
                    format!("{y:04}")
                }
            });
            let resolution = if month {
                "part_of_month"
            } else {
                "part_of_year"
            };
            return Some((
                mention(chars, w.start, ws[i + 2].end, value, resolution),
                i + 3,
            ));
        }
        if let Some(year) = ws
            .get(j)
            .filter(|x| adjacent(chars, &ws[j - 1], x))
            .and_then(year_of)
        {
            let resolution = if kind == "season" {
                "season"
            } else {
                "part_of_year"
            };
            return Some((
                mention(
                    chars,
                    w.start,
                    ws[j].end,
                    Some(year.to_string()),
                    resolution,
                ),
                j + 1,
            ));
        }
        if let Some((month, len)) = month_at(ws, i + 1).filter(|_| adjacent(chars, w, &ws[i + 1])) {
            let mut end_word = i + len;
            // منتصف نيسان/أبريل الماضي: the second system's name, then a qualifier.
            if let Some((m2, len2)) = month_at(ws, end_word + 1) {
                if m2 == month && adjacent(chars, &ws[end_word], &ws[end_word + 1]) {
                    end_word += len2;
                }
            }
            let qualifier = ws
                .get(end_word + 1)
                .filter(|x| adjacent(chars, &ws[end_word], x))
                .and_then(month_qualifier);
            if qualifier.is_some() {
                end_word += 1;
            }
            let mut year = match (qualifier, ctx.published) {
                (Some(q), Some(published)) => Some(placed_year(month, Some(q), published)),
                _ => published_year,
            };
            if let Some(y) = ws
                .get(end_word + 1)
                .filter(|x| adjacent(chars, &ws[end_word], x))
                .and_then(year_of)
            {
                year = Some(y);
                end_word += 1;
            }
            let value = year.map(|y| format!("{y:04}-{month:02}"));
            return Some((
                mention(chars, w.start, ws[end_word].end, value, "part_of_month"),
                end_word + 1,
            ));
        }
        return None;
    }

    // A day of a month named after «من», or of the current month: «الثاني من يوليو
    // الحالي», «الثامن من يوليو», «العاشر من الشهر الجاري», «12 من الشهر الماضي», «15
    // الجاري» (GUIDELINES.md: day, the month fixed by publication).
    if let Some(found) = day_of_month_at(chars, ws, i, ctx) {
        return Some(found);
    }

    // Day month [year] and month [/month] year.
    let (day, month_index) = match number(w) {
        Some(d)
            if (1..=31).contains(&d)
                && w.norm.len() <= 2
                && ws.get(i + 1).is_some_and(|x| adjacent(chars, w, x)) =>
        {
            (Some(d), i + 1)
        }
        _ => (None, i),
    };
    if let Some((month, len)) = month_at(ws, month_index) {
        let mut last = month_index + len - 1;
        // يوليو/ تموز: the second system's name for the same month.
        if let Some((m2, len2)) = month_at(ws, last + 1) {
            if m2 == month && adjacent(chars, &ws[last], &ws[last + 1]) {
                last += len2;
            }
        }
        let dual = last > month_index + len - 1;
        // مايو الماضي، يونيو المقبل، الشهر الجاري: the month is placed by publication.
        let qualifier = ws
            .get(last + 1)
            .filter(|x| adjacent(chars, &ws[last], x))
            .and_then(month_qualifier);
        // ديسمبر من العام الماضي: December of the year before publication.
        let of_last_year = qualifier.is_none()
            && ws.get(last + 1).is_some_and(|x| x.norm == "من")
            && ws
                .get(last + 2)
                .is_some_and(|x| matches!(x.norm.as_str(), "العام" | "عام" | "السنه"))
            && ws
                .get(last + 3)
                .is_some_and(|x| matches!(x.norm.as_str(), "الماضي" | "الماضيه"));
        let mut year = None;
        // «في يونيو/حزيران هذا العام» (BB-898, blind-15): this year's month; the span
        // keeps «هذا العام», as it keeps «الماضي».
        let this_year = qualifier.is_none()
            && ws.get(last + 1).is_some_and(|x| x.norm == "هذا")
            && ws.get(last + 2).is_some_and(|x| x.norm == "العام");
        if this_year {
            if let Some((py, _, _)) = ctx.published {
                year = Some(py);
            }
            last += 2;
        }
        let mut k = last + 1;
        // «يوليو/ تموز من عام 2003» (BB-285): the year after من عام.
        if ws.get(k).is_some_and(|x| x.norm == "من")
            && ws
                .get(k + 1)
                .is_some_and(|x| matches!(x.norm.as_str(), "عام" | "العام" | "سنه"))
            && ws.get(k + 2).and_then(year_of).is_some()
        {
            k += 2;
        } else if ws.get(k).is_some_and(|x| {
            matches!(x.norm.as_str(), "عام" | "العام" | "سنه") && adjacent(chars, &ws[last], x)
        }) {
            k += 1;
        }
        if let Some(y) = ws
            .get(k)
            .filter(|x| adjacent(chars, &ws[k - 1], x))
            .and_then(year_of)
        {
            year = Some(y);
            last = k;
        }
        // آب (August) is also "father": only with a day or a year beside it.
        let is_ab = ws[month_index].norm == "اب";
        if is_ab && day.is_none() && year.is_none() {
            return None;
        }
        // A month name alone, with neither day nor year, is too weak a signal; named in
        // both systems (مايو/أيار) or placed (مايو الماضي), it is a date.
        // A Gregorian month name alone is a date too (GUIDELINES.md: month with inferred
        // year): «وأعلن العراق النصر على داعش في ديسمبر» (SK-3822) is December 2017.
        // مارس is also the verb "practised", يولي "gives", and the Syriac names are
        // words or names (آب father, تموز, نيسان): those need a day, a year or a
        // qualifier.
        // Not after شهري, "the two months" («خلال شهري يوليو وأغسطس», SK-2919: a
        // season, not a date), nor after «نهاية شهر», whose longer phrase («نهاية شهر
        // أغسطس من العام نفسه», SK-3218) this rule does not read.
        let before = |k: usize| month_index.checked_sub(k).map(|p| ws[p].norm.as_str());
        let gregorian_alone = len == 1
            && is_bare_month(&ws[month_index].norm)
            && before(1) != Some("شهري")
            && !(before(1) == Some("شهر")
                && before(2).is_some_and(|q| QUALIFIERS.iter().any(|(n, _)| *n == q)));
        if day.is_none()
            && year.is_none()
            && !dual
            && qualifier.is_none()
            && !of_last_year
            && !this_year
            && !gregorian_alone
        {
            return None;
        }
        if year.is_none() {
            if of_last_year {
                year = ctx.published.map(|(py, _, _)| py - 1);
                last += 3;
            } else if let Some(published) = ctx.published {
                // Placed by its qualifier; a month named alone (in both systems) is
                // the latest one up to publication.
                if qualifier.is_none() && day.is_none() && to_take_place(chars, ws, month_index) {
                    // A month alone of what is to come is the next such month:
                    // «الانتخابات البرلمانية العراقية التي تجرى في مايو» in a March 2018
                    // text is May 2018 (SK-332, GUIDELINES.md blind-15), while «وأعلن
                    // العراق النصر على داعش في ديسمبر» in October 2018 is December 2017.
                    let (py, pm, _) = published;
                    year = Some(if month >= pm { py } else { py + 1 });
                } else if qualifier.is_some() || day.is_none() {
                    year = Some(placed_year(month, qualifier, published));
                }
            }
            if qualifier.is_some() {
                last += 1;
            }
        }
        let start = if day.is_some() {
            w.start
        } else {
            ws[month_index].start
        };
        // A day of a month without year or qualifier: the occurrence nearest to
        // publication (see `nearest_year`).
        if let (Some(d), None, None, Some(p)) = (day, year, qualifier, ctx.published) {
            if !of_last_year {
                year = Some(nearest_year(month, d, p));
            }
        }
        let (value, resolution) = match (day, year.or(published_year)) {
            (Some(d), Some(y)) => (
                valid_day(y, month, d).then(|| format!("{y:04}-{month:02}-{d:02}")),
                "day",
            ),
            (Some(_), None) => (None, "day"),
            (None, Some(y)) => (Some(format!("{y:04}-{month:02}")), "month"),
            (None, None) => (None, "month"),
        };
        return Some((
            mention(chars, start, ws[last].end, value, resolution),
            last + 1,
        ));
    }

    // A year after a cue: عام 2021، في 2014، منذ 2003، خلال 2021.
    if let Some(year) = year_of(w) {
        let cue = i
            .checked_sub(1)
            .map(|p| &ws[p])
            .filter(|p| adjacent(chars, p, w));
        if let Some(cue) = cue {
            let bare = cue.norm.strip_prefix('و').unwrap_or(&cue.norm);
            if YEAR_CUES.contains(&bare) || YEAR_CUES.contains(&cue.norm.as_str()) {
                let start = if matches!(bare, "عام" | "العام" | "سنه" | "لعام" | "بعام")
                {
                    cue.start
                } else {
                    w.start
                };
                return Some((
                    mention(chars, start, w.end, Some(year.to_string()), "year"),
                    i + 1,
                ));
            }
        }
        // A span of years, «من 2007 إلى 2017» (BB-314, blind-16: «قطاع غزة: محطات
        // رئيسية من 2007 إلى 2017»): each end is a year, the cue being the range's من
        // or إلى. (حتى is a cue of its own.)
        let is = |k: Option<usize>, word: &str| {
            k.and_then(|k| ws.get(k)).is_some_and(|x| x.norm == word)
        };
        let opens = is(i.checked_sub(1), "من")
            && is(Some(i + 1), "الي")
            && ws.get(i + 2).and_then(year_of).is_some();
        let closes = is(i.checked_sub(1), "الي")
            && i.checked_sub(2).and_then(|p| year_of(&ws[p])).is_some()
            && is(i.checked_sub(3), "من");
        // A year in parentheses after what it dates: «منذ بداية الأزمة السورية (2011)»
        // (FR-307, blind-16).
        let bracketed = chars[..w.start].iter().rev().find(|c| !c.is_whitespace()) == Some(&'(')
            && chars[w.end..].iter().find(|c| !c.is_whitespace()) == Some(&')');
        if opens || closes || bracketed {
            return Some((
                mention(chars, w.start, w.end, Some(year.to_string()), "year"),
                i + 1,
            ));
        }
        return None;
    }

    relative_at(chars, ws, i, ctx)
}

/// The day an ordinal word names (الأول … العاشر, الحادي عشر … التاسع عشر, العشرين,
/// الحادي والعشرين … الحادي والثلاثين), with the index of its last word.
fn ordinal_day(ws: &[Word], i: usize) -> Option<(u32, usize)> {
    const UNITS: &[&str] = &[
        "الاول",
        "الثاني",
        "الثالث",
        "الرابع",
        "الخامس",
        "السادس",
        "السابع",
        "الثامن",
        "التاسع",
        "العاشر",
    ];
    let unit = |norm: &str| -> Option<u32> {
        let norm = if norm == "الحادي" {
            "الاول"
        } else {
            norm
        };
        UNITS.iter().position(|u| *u == norm).map(|p| p as u32 + 1)
    };
    let w = ws.get(i)?.norm.as_str();
    match w {
        "العشرين" => return Some((20, i)),
        "الثلاثين" => return Some((30, i)),
        _ => {}
    }
    let u = unit(w)?;
    let next = ws.get(i + 1).map(|x| x.norm.as_str());
    match next {
        Some("عشر") if u < 10 => Some((10 + u, i + 1)),
        Some("والعشرين") if u < 10 => Some((20 + u, i + 1)),
        Some("والثلاثين") if u == 1 => Some((31, i + 1)),
        _ if w != "الحادي" => Some((u, i)),
        _ => None,
    }
}

/// «الثاني من يوليو الحالي», «الأول من شهر تشرين الثاني / نوفمبر المقبل», «الثامن من
/// يوليو», «العاشر من الشهر الجاري», «12 من الشهر الماضي», «15 الجاري»: a day, written
/// as a figure or an ordinal word, of a month named after «من» or placed by publication.
/// Ordinal days are how Arabic news often writes dates; without this rule only the month
/// was read (or nothing).
fn day_of_month_at(
    chars: &[char],
    ws: &[Word],
    i: usize,
    ctx: &ArticleContext,
) -> Option<(DateMention, usize)> {
    let w = &ws[i];
    // «تشرين الثاني من العام»: the ordinal belongs to the month's name.
    if i > 0
        && matches!(
            ws[i - 1].norm.as_str(),
            "تشرين" | "كانون" | "ربيع" | "جمادي"
        )
    {
        return None;
    }
    let (day, last_day) = match number(w) {
        Some(d) if (1..=31).contains(&d) && w.norm.len() <= 2 => (d, i),
        _ => ordinal_day(ws, i)?,
    };
    let figure = last_day == i && number(w).is_some();
    let published = ctx.published;
    let at = |k: usize| ws.get(k).filter(|x| adjacent(chars, &ws[k - 1], x));
    let placed = |q: i32| published.map(|(y, m, _)| shift_month(y, m, i64::from(q)));
    let day_value = |ym: Option<(i32, u8)>| {
        ym.and_then(|(y, m)| valid_day(y, m, day).then(|| format!("{y:04}-{m:02}-{day:02}")))
    };
    // «15 الجاري»: a figure, then the current month's qualifier.
    if figure {
        if let Some(q) = at(i + 1).filter(|x| matches!(x.norm.as_str(), "الجاري" | "الحالي"))
        {
            let value = day_value(placed(0));
            return Some((mention(chars, w.start, q.end, value, "day"), i + 2));
        }
    }
    // The first day of a range whose month is named once, after the last day: «في
    // الفترة من السابع إلى التاسع من أكتوبر» (SK-3822, blind-15) → the 7th of that
    // October, as «بين 26 فبراير و5 مارس» gives each end its own date (GUIDELINES.md).
    if i > 0
        && ws[i - 1].norm == "من"
        && at(last_day + 1).is_some_and(|x| matches!(x.norm.as_str(), "الي" | "حتي"))
        && at(last_day + 2).is_some()
    {
        if let Some((end, _)) = date_at(chars, ws, last_day + 2, ctx) {
            if end.resolution == "day" {
                let ym = end.value.as_deref().and_then(year_month);
                return Some((
                    mention(chars, w.start, ws[last_day].end, day_value(ym), "day"),
                    last_day + 1,
                ));
            }
        }
    }
    at(last_day + 1).filter(|x| x.norm == "من")?;
    let mut k = last_day + 2;
    // «منذ الرابع من أبريل حتى السادس عشر من نفس الشهر» (SK-1073, blind-16): the month
    // of the date named before, which `same_month_as_named_before` gives it.
    let word = |k: usize, words: &[&str]| at(k).is_some_and(|x| words.contains(&x.norm.as_str()));
    if (word(k, &["نفس", "ذات"]) && word(k + 1, &["الشهر"]))
        || (word(k, &["الشهر"]) && word(k + 1, &["نفسه", "ذاته"]))
    {
        return Some((mention(chars, w.start, ws[k + 1].end, None, "day"), k + 2));
    }
    // «من الشهر الجاري / الماضي / المقبل».
    if at(k).is_some_and(|x| x.norm == "الشهر") {
        let q = at(k + 1).and_then(month_qualifier)?;
        let value = day_value(placed(q));
        return Some((mention(chars, w.start, ws[k + 1].end, value, "day"), k + 2));
    }
    // «من شهر تشرين الثاني»: the word شهر before the month's name.
    if at(k).is_some_and(|x| x.norm == "شهر") {
        k += 1;
    }
    at(k)?;
    let (month, _) = month_at(ws, k)?;
    // The month as its own date (qualifier, second system, year); without one the year
    // is placed below.
    let (ym, end, next) = match date_at(chars, ws, k, ctx) {
        Some((m, next)) if m.resolution == "month" => {
            let ym = m.value.as_deref().and_then(year_month);
            (ym, m.end, next)
        }
        Some(_) => return None,
        None => {
            let (_, len) = month_at(ws, k)?;
            (None, ws[k + len - 1].end, k + len)
        }
    };
    // A day of a month with neither year nor qualifier is the occurrence nearest to
    // publication: «ستبدأ الثلاثاء" في الثالث من تموز/يوليو» on 30 June 2018 is 3 July
    // 2018, not 2017 (FR-715, blind-12; SK-2686, blind-11).
    let placed_by_text = ws[..next]
        .last()
        .is_some_and(|x| month_qualifier(x).is_some() || year_of(x).is_some());
    let ym = match published {
        Some(p) if !placed_by_text => Some((nearest_year(month, day, p), month)),
        _ => ym,
    };
    Some((mention(chars, w.start, end, day_value(ym), "day"), next))
}

/// اليوم، أمس، ليلة أمس، أمس الأول، قبل يومين، قبل N أيام، الأسبوع/الشهر/العام الماضي.
fn relative_at(
    chars: &[char],
    ws: &[Word],
    i: usize,
    ctx: &ArticleContext,
) -> Option<(DateMention, usize)> {
    let w = &ws[i];
    let norm = w.norm.strip_prefix('و').unwrap_or(&w.norm);
    let next = |k: usize| ws.get(i + k).filter(|x| adjacent(chars, &ws[i + k - 1], x));
    // «قبل أسبوعين» (FR-809), «قبل نحو شهرين» (CN-792), «قبل ثلاثة سنوات» (FR-105):
    // counted back from publication in weeks, months or years; not an interval
    // counted from an event («قبل شهرين من انتخابات», GUIDELINES.md).
    if norm == "قبل" {
        if let Some((amount, unit, last)) = before_in_units(ws, i) {
            let value = ctx.published.map(|(y, m, d)| match unit {
                'w' => {
                    let (y, m, d) = civil_from_days(days_from_civil(y, m, d) - 7 * amount);
                    format!("{y:04}-{m:02}-{d:02}")
                }
                'm' => {
                    let (y, m) = shift_month(y, m, -amount);
                    format!("{y:04}-{m:02}")
                }
                _ => format!("{:04}", i64::from(y) - amount),
            });
            return Some((
                mention(chars, w.start, ws[last].end, value, "relative"),
                last + 1,
            ));
        }
    }
    let (offset_days, last): (i64, usize) = match norm {
        "اليوم" => {
            // Not today but a day in a count or a clause: «في اليوم الخامس للاحتجاجات»
            // (BB-975, blind-12), «وهو اليوم الذي اختفى فيه» (CN-1431), «اليوم التالي»,
            // and a rate «لأكثر من 22 ساعة في اليوم» (SK-2775).
            if next(1).is_some_and(|x| {
                matches!(x.norm.as_str(), "الذي" | "التالي" | "السابق" | "نفسه")
                    || ordinal_day(ws, i + 1).is_some()
            }) || (i >= 2
                && ws[i - 1].norm == "في"
                && matches!(
                    ws[i - 2].norm.as_str(),
                    "ساعه" | "ساعات" | "مره" | "مرات" | "وجبات" | "وجبه"
                ))
            {
                return None;
            }
            // اليوم السبت: the weekday names the same day.
            let weekday = next(1).filter(|x| weekday_index(&x.norm).is_some());
            (0, if weekday.is_some() { i + 1 } else { i })
        }
        "امس" => {
            if next(1).is_some_and(|x| x.norm == "الاول") {
                (-2, i + 1)
            } else {
                (-1, i)
            }
        }
        "ليله" if next(1).is_some_and(|x| x.norm == "امس") => (-1, i + 1),
        // البارحة "yesterday", as أمس (GUIDELINES.md, BB-196 in blind-17: «البارحة» in a
        // quote of a March 15 text → 2018-03-14).
        "البارحه" => (-1, i),
        // «قبل يومين من الانتخابات», «قبل يومين على إعادة الفرز»: counted from an
        // event, not from publication (GUIDELINES.md; BB-484, FR-437, SK-2711).
        "قبل"
            if ws
                .get(i + 2)
                .is_some_and(|x| matches!(x.norm.as_str(), "من" | "علي"))
                || (ws.get(i + 2).is_some_and(|x| x.norm == "ايام")
                    && ws
                        .get(i + 3)
                        .is_some_and(|x| matches!(x.norm.as_str(), "من" | "علي"))) =>
        {
            return None
        }
        "قبل" => match next(1).map(|x| x.norm.as_str()) {
            Some("يومين") => (-2, i + 1),
            Some("ساعات") | Some("ساعه") => (0, i + 1),
            Some(n)
                if n.len() <= 2
                    && n.chars().all(|c| c.is_ascii_digit())
                    && next(2).is_some_and(|x| x.norm == "ايام") =>
            {
                (-(n.parse::<i64>().ok()?), i + 2)
            }
            _ => return None,
        },
        // العام الماضي / العام الحالي: the publication's year, or the one before.
        "العام" | "السنه"
            if next(1).is_some_and(|x| {
                matches!(x.norm.as_str(), "الماضي" | "الماضيه" | "الحالي" | "الجاري")
            }) =>
        {
            let back = i32::from(matches!(
                next(1).map(|x| x.norm.as_str()),
                Some("الماضي" | "الماضيه")
            ));
            let value = ctx.published.map(|(y, _, _)| format!("{:04}", y - back));
            return Some((
                mention(chars, w.start, ws[i + 1].end, value, "relative"),
                i + 2,
            ));
        }
        // A weekday, alone or after a part of the day (يوم، صباح، مساء، ليلة، فجر):
        // the latest such day on or before publication (news reports what happened);
        // with الماضي, strictly before. "صلاة الجمعة" is a prayer, not a date.
        _ if weekday(norm).is_some()
            || (DAY_PARTS.contains(&norm)
                && next(1).is_some_and(|x| weekday(&x.norm).is_some())) =>
        {
            let day_word = if weekday(norm).is_some() { i } else { i + 1 };
            if i.checked_sub(1)
                .is_some_and(|p| matches!(ws[p].norm.as_str(), "صلاه" | "خطبه" | "خطيب" | "يومي"))
            {
                return None;
            }
            // "الثلاثاء 3 يوليو": the weekday introduces a calendar date; the date wins.
            if ws
                .get(day_word + 1)
                .is_some_and(|x| number(x).is_some_and(|d| (1..=31).contains(&d)))
                && month_at(ws, day_word + 2).is_some()
            {
                return None;
            }
            let target = weekday(&ws[day_word].norm)?;
            let mut last = day_word;
            let past = ws
                .get(last + 1)
                .filter(|x| adjacent(chars, &ws[last], x))
                .is_some_and(|x| matches!(x.norm.as_str(), "الماضي" | "الماضيه"));
            // «السبت المقبل» (CN-836, SK-1774): the next such day after publication.
            let coming = ws
                .get(last + 1)
                .filter(|x| adjacent(chars, &ws[last], x))
                .is_some_and(|x| matches!(x.norm.as_str(), "المقبل" | "القادم"));
            if past || coming {
                last += 1;
            }
            // «منتصف ليل الجمعة السبت»: the night between two days is named by both; the
            // mention runs to the second, the date is the first (GUIDELINES.md, blind-11).
            if matches!(norm, "ليل" | "ليله")
                && !past
                && !coming
                && ws
                    .get(last + 1)
                    .filter(|x| adjacent(chars, &ws[last], x))
                    .and_then(|x| weekday(&x.norm))
                    .is_some_and(|second| second == (target + 1).rem_euclid(7))
            {
                last += 1;
            }
            let future = !past && !coming && future_before(chars, ws, i);
            let offset = ctx.published.map_or(0, |(y, m, d)| {
                let today = (days_from_civil(y, m, d) + 4).rem_euclid(7);
                let back = (today - target).rem_euclid(7);
                if future {
                    // A day announced for what is to come: the next such day, publication's
                    // own day included (it is still to come when the news is written).
                    (target - today).rem_euclid(7)
                } else if coming {
                    let ahead = (target - today).rem_euclid(7);
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                } else if past && back == 0 {
                    -7
                } else {
                    -back
                }
            });
            (offset, last)
        }
        // A week is not representable as a value (GUIDELINES.md): found, value null.
        // «الأسبوع المقبل» (BB-448, blind-8) and «هذا الأسبوع» (SK-470, blind-12;
        // SK-2519, blind-16: «وقال أحد قادة المعارضة هذا الأسبوع») are weeks too.
        "الاسبوع"
            if next(1)
                .is_some_and(|x| matches!(x.norm.as_str(), "الماضي" | "المقبل" | "القادم")) =>
        {
            return Some((
                mention(chars, w.start, ws[i + 1].end, None, "relative"),
                i + 2,
            ));
        }
        "هذا" if next(1).is_some_and(|x| x.norm == "الاسبوع") => {
            return Some((
                mention(chars, w.start, ws[i + 1].end, None, "relative"),
                i + 2,
            ));
        }
        // «هذا الشهر» (SK-3199, blind-10; SK-2519, blind-16: «وقال الأسد هذا الشهر»)
        // is the publication's month; «الشهر المقبل» (BB-924, blind-16: «وسيقدم خبراء
        // الأمم المتحدة … تقريرهم … الشهر المقبل») the month after it.
        "هذا" | "الشهر"
            if next(1).is_some_and(|x| {
                if norm == "هذا" {
                    x.norm == "الشهر"
                } else {
                    matches!(x.norm.as_str(), "المقبل" | "القادم")
                }
            }) =>
        {
            let ahead = i64::from(norm == "الشهر");
            let value = ctx.published.map(|(y, m, _)| {
                let (y, m) = shift_month(y, m, ahead);
                format!("{y:04}-{m:02}")
            });
            return Some((
                mention(chars, w.start, ws[i + 1].end, value, "relative"),
                i + 2,
            ));
        }
        // «هذا العام» (BB-285, SK-1631): the publication's year.
        "هذا" if next(1).is_some_and(|x| x.norm == "العام") => {
            let value = ctx.published.map(|(y, _, _)| format!("{y:04}"));
            return Some((
                mention(chars, w.start, ws[i + 1].end, value, "relative"),
                i + 2,
            ));
        }
        // «الليلة الماضية» (BB-966): last night.
        "الليله" if next(1).is_some_and(|x| x.norm == "الماضيه") => (-1, i + 1),
        "الشهر" if next(1).is_some_and(|x| x.norm == "الماضي") => (-30, i + 1),
        _ => return None,
    };
    let value = ctx.published.map(|(y, m, d)| {
        let (y, m, d) = civil_from_days(days_from_civil(y, m, d) + offset_days);
        if offset_days == -30 {
            format!("{y:04}-{m:02}")
        } else {
            format!("{y:04}-{m:02}-{d:02}")
        }
    });
    // A leading و is a conjunction, not part of the date: "وقبل يومين" → "قبل يومين".
    let mut start = w.start;
    // «منتصف ليل الجمعة السبت»: midnight of the night between two days belongs to the
    // mention (GUIDELINES.md, blind-2 SK-1593, blind-7 FR-435).
    if matches!(norm, "ليل" | "ليله")
        && last > i + 1
        && i > 0
        && ws[i - 1].norm.strip_prefix('و').unwrap_or(&ws[i - 1].norm) == "منتصف"
        && adjacent(chars, &ws[i - 1], w)
    {
        let before = &ws[i - 1];
        start = before.start + usize::from(before.norm.starts_with('و'));
    }
    if norm.len() < w.norm.len() {
        start += 1;
        while start < w.end && super::is_mark(chars[start]) {
            start += 1;
        }
    }
    Some((
        mention(chars, start, ws[last].end, value, "relative"),
        last + 1,
    ))
}

/// «قبل [نحو] أسبوعين / شهرين / عامين / N أسابيع / N أشهر / N سنوات» at word `i` (قبل):
/// (amount, unit `w`/`m`/`y`, index of the last word). Not when من or على follows:
/// that interval counts from an event (قبل شهرين من انتخابات).
fn before_in_units(ws: &[Word], i: usize) -> Option<(i64, char, usize)> {
    let mut k = i + 1;
    if ws.get(k).is_some_and(|w| w.norm == "نحو") {
        k += 1;
    }
    let unit_of = |norm: &str| match norm {
        "اسبوع" | "اسابيع" => Some('w'),
        "شهر" | "اشهر" | "شهور" => Some('m'),
        "سنه" | "سنوات" | "اعوام" | "سنين" => Some('y'),
        _ => None,
    };
    let (amount, unit, last) = match ws.get(k)?.norm.as_str() {
        "اسبوعين" => (2, 'w', k),
        "شهرين" => (2, 'm', k),
        "عامين" | "سنتين" => (2, 'y', k),
        n => {
            let amount = super::numbers::digits_value(n).or_else(|| {
                super::numbers::word_value(n)
                    .filter(|(_, v)| !v)
                    .map(|(v, _)| v)
            })?;
            let unit = unit_of(&ws.get(k + 1)?.norm)?;
            (i64::try_from(amount).ok()?, unit, k + 1)
        }
    };
    if ws
        .get(last + 1)
        .is_some_and(|w| matches!(w.norm.as_str(), "من" | "علي"))
    {
        return None;
    }
    Some((amount, unit, last))
}

/// The year of a month placed relative to publication: -1 for الماضي (the latest such
/// month before the publication's), 1 for المقبل, 0 for الجاري; without a qualifier,
/// the latest such month up to the publication's (news reports what happened).
fn placed_year(month: u8, qualifier: Option<i32>, published: (i32, u8, u8)) -> i32 {
    let (py, pm, _) = published;
    match qualifier {
        Some(-1) => {
            if month < pm {
                py
            } else {
                py - 1
            }
        }
        Some(1) => {
            if month > pm {
                py
            } else {
                py + 1
            }
        }
        Some(_) => py,
        None => {
            if month <= pm {
                py
            } else {
                py - 1
            }
        }
    }
}

/// The year of a day of a month written without year or qualifier: the occurrence
/// nearest to publication (within about six months either way). News mostly tells what
/// happened, but a yearless date just after publication is an announcement: «في الثالث
/// من تموز/يوليو» on 30 June is the coming 3 July, not last year's.
fn nearest_year(month: u8, day: u32, published: (i32, u8, u8)) -> i32 {
    let (py, pm, pd) = published;
    let today = days_from_civil(py, pm, pd);
    let day = day.clamp(1, 28) as u8;
    (py - 1..=py + 1)
        .min_by_key(|&y| (days_from_civil(y, month, day) - today).abs())
        .unwrap_or(py)
}

/// A qualifier word after a month: الماضي → -1, المقبل → 1, الجاري → 0.
fn month_qualifier(word: &Word) -> Option<i32> {
    match word.norm.as_str() {
        "الماضي" | "المنصرم" => Some(-1),
        "المقبل" | "القادم" => Some(1),
        "الجاري" | "الحالي" => Some(0),
        _ => None,
    }
}

/// Parts of a day that name a weekday after them: صباح الأحد، ليلة الاثنين.
const DAY_PARTS: &[&str] = &[
    "يوم",
    "صباح",
    "مساء",
    "ليله",
    "ليل",
    "فجر",
    "ظهر",
    "عصر",
    "ظهيره",
];

/// Nouns that open like a future verb (س + ي/ت/ن), by their first letters: سيارة،
/// سيطرة، سياسيتان (SK-3483: «وقالت جماعتان سياسيتان عراقيتان، الأحد» is past), ستة،
/// ستين، سنوات.
const NOT_FUTURE: &[&str] = &[
    "سيار", "سيطر", "سياس", "سياد", "سيول", "سينا", "ستين", "ستون", "ستما", "سنو", "سنين",
];
/// The same, whole words.
const NOT_FUTURE_WORDS: &[&str] = &["سته", "سيده", "سيدات", "سنه"];

/// Words of a schedule: «الانتخابات المقررة السبت», «جلسة تقرر عقدها، السبت».
const SCHEDULED: &[&str] = &[
    "المقرر",
    "المقرره",
    "مقرر",
    "مقرره",
    "تقرر",
    "المرتقب",
    "المرتقبه",
];

/// Whether what is said of the day at word `i` is to come: a verb of the future (س and
/// an imperfect: «ستنشر الثلاثاء إحصاءات», «سيعقد البرلمان، السبت، جلسة استثنائية»,
/// «سيغلقان لـ24 ساعة، بدءا من منتصف ليل الجمعة السبت») or a word of a schedule among the
/// eight words before it in its sentence. News reports what happened, so a weekday is
/// otherwise the latest such day; announcements name the next one (blind-2 … blind-11:
/// FR-641, SK-2686, CN-1307, SK-1558).
fn future_before(chars: &[char], ws: &[Word], i: usize) -> bool {
    let mut k = i;
    for _ in 0..8 {
        if k == 0 {
            return false;
        }
        let (prev, here) = (&ws[k - 1], &ws[k]);
        // Not across a sentence's end.
        if chars[prev.end..here.start]
            .iter()
            .any(|&c| super::ends_sentence(c))
        {
            return false;
        }
        k -= 1;
        let bare = prev
            .norm
            .strip_prefix('و')
            .or_else(|| prev.norm.strip_prefix('ف'))
            .filter(|r| r.starts_with('س'))
            .unwrap_or(&prev.norm);
        let mut letters = bare.chars();
        let verb = letters.next() == Some('س')
            && matches!(letters.next(), Some('ي' | 'ت' | 'ن'))
            && bare.chars().count() >= 5
            && !NOT_FUTURE.iter().any(|n| bare.starts_with(n))
            && !NOT_FUTURE_WORDS.contains(&bare);
        if verb || SCHEDULED.contains(&bare) {
            return true;
        }
    }
    false
}

/// Imperfect verbs of an event taking place: «الانتخابات … التي تجرى في مايو» (SK-332,
/// blind-15). Arabic tells what is scheduled with the imperfect, which news otherwise uses
/// little for past events.
const TAKING_PLACE: &[&str] = &[
    "تجري",
    "يجري",
    "تعقد",
    "يعقد",
    "تنعقد",
    "ينعقد",
    "تبدا",
    "يبدا",
    "تنطلق",
    "ينطلق",
];

/// Whether the month at word `i` is told of something to come: a future verb or a
/// schedule before it (`future_before`), or an imperfect of taking place among the three
/// words before it in its sentence.
fn to_take_place(chars: &[char], ws: &[Word], i: usize) -> bool {
    if future_before(chars, ws, i) {
        return true;
    }
    (i.saturating_sub(3)..i).any(|p| {
        let bare = ws[p].norm.strip_prefix('و').unwrap_or(&ws[p].norm);
        TAKING_PLACE.contains(&bare)
            && !chars[ws[p].end..ws[i].start]
                .iter()
                .any(|&c| super::ends_sentence(c))
    })
}

/// The weekday of a normalized word, after a conjunction و if any.
fn weekday(norm: &str) -> Option<i64> {
    weekday_index(norm.strip_prefix('و').unwrap_or(norm))
}

/// The year and month of a date value («2018-04», «2018-04-16»); `None` for a year alone.
fn year_month(value: &str) -> Option<(i32, u8)> {
    let (y, rest) = value.split_once('-')?;
    Some((y.parse().ok()?, rest.get(..2)?.parse().ok()?))
}

/// The month `by` months after (before, when negative) month `m` of year `y`.
fn shift_month(y: i32, m: u8, by: i64) -> (i32, u8) {
    let months = i64::from(y) * 12 + i64::from(m) - 1 + by;
    (
        months.div_euclid(12) as i32,
        (months.rem_euclid(12) + 1) as u8,
    )
}

fn valid_day(y: i32, m: u8, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    };
    d >= 1 && d <= days
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(
        text: &str,
        published: Option<(i32, u8, u8)>,
    ) -> Vec<(String, Option<String>, String)> {
        extract(
            text,
            &ArticleContext {
                published,
                title: None,
            },
        )
        .into_iter()
        .map(|d| (d.text, d.value, d.resolution))
        .collect()
    }

    fn one(text: &str, value: &str, resolution: &str) -> (String, Option<String>, String) {
        (
            text.to_string(),
            Some(value.to_string()),
            resolution.to_string(),
        )
    }

    #[test]
    fn seed_dates_in_both_month_systems() {
        // Seeds 000–003: the victory date and the fall of Mosul.
        assert_eq!(
            dates("حتى أُعلن النصر عليه في (9 ديسمبر 2017).", None),
            vec![one("9 ديسمبر 2017", "2017-12-09", "day")]
        );
        assert_eq!(
            dates("وسيطرَ “داعش” في يونيو 2014 على محافظة", None),
            vec![one("يونيو 2014", "2014-06", "month")]
        );
        // The Levantine/Iraqi names, including the two-word ones.
        assert_eq!(
            dates("في 10 حزيران 2014 سقطت الموصل", None),
            vec![one("10 حزيران 2014", "2014-06-10", "day")]
        );
        assert_eq!(
            dates("جرت الانتخابات في كانون الأول 2021", None),
            vec![one("كانون الأول 2021", "2021-12", "month")]
        );
        assert_eq!(
            dates("في تشرين الأول 2019 خرجت التظاهرات", None),
            vec![one("تشرين الأول 2019", "2019-10", "month")]
        );
        // The combined form is one date.
        assert_eq!(
            dates("في يوليو/ تموز 2016 أعلن", None),
            vec![one("يوليو/ تموز 2016", "2016-07", "month")]
        );
        // Arabic-Indic digits are read like ASCII ones.
        assert_eq!(
            dates("في ٩ ديسمبر ٢٠١٧", None),
            vec![one("٩ ديسمبر ٢٠١٧", "2017-12-09", "day")]
        );
    }

    #[test]
    fn vague_periods() {
        assert_eq!(
            dates("منذ مطلع 2020 وإلى اليوم", None)[0],
            one("مطلع 2020", "2020", "part_of_year")
        );
        assert_eq!(
            dates("منذ هزيمته أواخر 2017 في العراق", None),
            vec![one("أواخر 2017", "2017", "part_of_year")]
        );
        assert_eq!(
            dates("منذ خريف عام 2019 في ظلّ", None),
            vec![one("خريف عام 2019", "2019", "season")]
        );
        assert_eq!(
            dates("مستوى جديداً منتصف أبريل حين", Some((2021, 6, 1))),
            vec![one("منتصف أبريل", "2021-04", "part_of_month")]
        );
        assert_eq!(
            dates("في نهاية يناير، استهدف", None),
            vec![("نهاية يناير".to_string(), None, "part_of_month".to_string())]
        );
    }

    #[test]
    fn years_need_a_cue_and_counts_are_not_dates() {
        assert_eq!(
            dates("وأن عام 2021 سجل تراجعًا", None),
            vec![one("عام 2021", "2021", "year")]
        );
        assert_eq!(
            dates("خلال 2021.. رئيس الحكومة", None),
            vec![one("2021", "2021", "year")]
        );
        // Seed 002: 2500 soldiers, not the year 2500 (and not a year at all).
        assert!(dates("بتصعيد الهجمات ضد 2500 عسكري أميركي", None).is_empty());
        assert!(dates("مقتل 18 شخصاً", None).is_empty());
    }

    #[test]
    fn relative_dates_resolve_against_publication() {
        let published = Some((2021, 1, 23));
        assert_eq!(
            dates("اليوم السبت عن", published),
            vec![one("اليوم السبت", "2021-01-23", "relative")]
        );
        assert_eq!(
            dates("استهدف صاروخان ليلة أمس مطار بغداد", published),
            vec![one("ليلة أمس", "2021-01-22", "relative")]
        );
        // BB-196 (blind-17, published 2018-03-15): البارحة is yesterday, as أمس.
        assert_eq!(
            dates(
                "آخر ما تلقيناه من حمورية البارحة هو نداء استغاثة",
                Some((2018, 3, 15))
            ),
            vec![one("البارحة", "2018-03-14", "relative")]
        );
        assert_eq!(
            dates("وقبل يومين، أعلن مسؤولون", published),
            vec![one("قبل يومين", "2021-01-21", "relative")]
        );
        // Unknown publication date: found, not resolved.
        assert_eq!(
            dates("أمس", None),
            vec![("أمس".to_string(), None, "relative".to_string())]
        );
    }

    #[test]
    fn impossible_days_are_not_given_a_value() {
        assert_eq!(dates("في 31 فبراير 2020", None)[0].1, None);
    }

    #[test]
    fn civil_days_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2021, 1, 1), (2017, 12, 9)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
    }

    #[test]
    fn weekdays_resolve_to_the_latest_such_day() {
        // News reports what happened: "الأحد" in an article of Monday 2018-02-19 is the
        // day before; "ليلة الاثنين" is Monday's night; "الجمعة الماضي" on a Friday is a
        // week back. "صلاة الجمعة" is a prayer, not a date.
        let published = Some((2018, 2, 19)); // a Monday
        assert_eq!(
            dates("وقالت الشرطة يوم الأحد إن", published),
            vec![one("يوم الأحد", "2018-02-18", "relative")]
        );
        assert_eq!(
            dates("وقع الهجوم ليلة الاثنين في", published),
            vec![one("ليلة الاثنين", "2018-02-19", "relative")]
        );
        assert_eq!(
            dates("أعلن الخميس", published),
            vec![one("الخميس", "2018-02-15", "relative")]
        );
        let friday = Some((2018, 9, 7));
        assert_eq!(
            dates("منذ الجمعة الماضي", friday),
            vec![one("الجمعة الماضي", "2018-08-31", "relative")]
        );
        assert!(dates("بعد صلاة الجمعة", friday).is_empty());
    }

    #[test]
    fn months_placed_by_publication() {
        // "مايو/أيار الماضي" in September 2018 is May 2018; "ديسمبر/ كانون الأول الماضي"
        // in 2018 is December 2017; named in both systems, a month alone is a date.
        let published = Some((2018, 9, 25));
        assert_eq!(
            dates("في مايو/أيار الماضي", published),
            vec![one("مايو/أيار الماضي", "2018-05", "month")]
        );
        let early = Some((2018, 3, 1));
        assert_eq!(
            dates("منذ ديسمبر/ كانون الأول الماضي", early),
            vec![one("ديسمبر/ كانون الأول الماضي", "2017-12", "month")]
        );
        assert_eq!(
            dates("في 16 أكتوبر الماضي", early),
            vec![one("16 أكتوبر الماضي", "2017-10-16", "day")]
        );
        assert_eq!(
            dates("خلال مايو/أيار", published),
            vec![one("مايو/أيار", "2018-05", "month")]
        );
        // A month name alone stays out (تموز is also a name).
        assert!(dates("قال تموز", published).is_empty());
        assert_eq!(
            dates("منذ العام الماضي", published),
            vec![one("العام الماضي", "2017", "relative")]
        );
    }

    #[test]
    fn relative_periods_of_the_blind_sets() {
        // Sentences of data/gold/blind-2.jsonl and blind-3.jsonl (ANT corpus).
        // FR-middleEast-809 (Sunday 2018-07-22): two weeks back is a day.
        assert_eq!(
            dates("التي انطلقت في البصرة قبل أسبوعين", Some((2018, 7, 22))),
            vec![one("قبل أسبوعين", "2018-07-08", "relative")]
        );
        // CN-middleEast-792 (May 2018): about two months back is a month.
        assert_eq!(
            dates("وقال الزيدي قبل نحو شهرين", Some((2018, 5, 3))),
            vec![one("قبل نحو شهرين", "2018-03", "relative")]
        );
        // FR-middleEast-105 (March 2018): three years back is a year.
        assert_eq!(
            dates("صدر قبل ثلاثة سنوات", Some((2018, 3, 5))),
            vec![one("قبل ثلاثة سنوات", "2015", "relative")]
        );
        // An interval counted from an event is no date (GUIDELINES.md).
        assert!(dates("قبل شهرين من انتخابات", Some((2018, 3, 5))).is_empty());
        // SK-middleEast-1774 (Thursday 2018-05-17): «السبت المقبل» is the coming one.
        assert_eq!(
            dates("الانتخابات المقررة السبت المقبل", Some((2018, 5, 17))),
            vec![one("السبت المقبل", "2018-05-19", "relative")]
        );
        // SK-middleEast-2909: a week has no value.
        assert_eq!(
            dates("في محافظة البصرة، الأسبوع الماضي، في", Some((2018, 7, 15))),
            vec![("الأسبوع الماضي".to_string(), None, "relative".to_string())]
        );
        // BB-middleEast-285 (April 2018): the year after «من عام», and «هذا العام».
        assert_eq!(
            dates("في يوليو/ تموز من عام 2003 قال", Some((2018, 4, 4))),
            vec![one("يوليو/ تموز من عام 2003", "2003-07", "month")]
        );
        assert_eq!(
            dates("ذكرى الغزو هذا العام", Some((2018, 4, 4))),
            vec![one("هذا العام", "2018", "relative")]
        );
        // SK-middleEast-2964: «مطلع هذا العام» is a vague part of the year.
        assert_eq!(
            dates("منذ مطلع هذا العام", Some((2018, 7, 18))),
            vec![one("مطلع هذا العام", "2018", "part_of_year")]
        );
        // BB-middleEast-966 (2018-09-05): last night.
        assert_eq!(
            dates("قتل متظاهر الليلة الماضية", Some((2018, 9, 5))),
            vec![one("الليلة الماضية", "2018-09-04", "relative")]
        );
    }

    #[test]
    fn weekday_before_a_date_and_months_of_last_year() {
        // FR-middleEast-721 (ANT): "والمقررة الثلاثاء 3 يوليو/تموز الجاري" — one date.
        let published = Some((2018, 7, 1));
        assert_eq!(
            dates("والمقررة الثلاثاء 3 يوليو/تموز الجاري", published),
            vec![one("3 يوليو/تموز الجاري", "2018-07-03", "day")]
        );
        // SK-middleEast-52: "وفي ديسمبر من العام الماضي، أعلن العراق".
        assert_eq!(
            dates(
                "وفي ديسمبر من العام الماضي، أعلن العراق",
                Some((2018, 2, 25))
            ),
            vec![one("ديسمبر من العام الماضي", "2017-12", "month")]
        );
        // SK-middleEast-2267 (June 2018): "النصر على تنظيم داعش في ديسمبر كانون الأول".
        assert_eq!(
            dates(
                "النصر على تنظيم داعش في ديسمبر كانون الأول.",
                Some((2018, 6, 9))
            ),
            vec![one("ديسمبر كانون الأول", "2017-12", "month")]
        );
        // FR-middleEast-533 (May 2018): "في منتصف نيسان/أبريل الماضي".
        let got = dates(
            "الحملة الانتخابية في منتصف نيسان/أبريل الماضي.",
            Some((2018, 5, 20)),
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            (got[0].0.as_str(), got[0].1.as_deref()),
            ("منتصف نيسان/أبريل الماضي", Some("2018-04"))
        );
    }

    #[test]
    fn ordinal_days_and_days_of_the_current_month() {
        // SK-middleEast-2758 (blind-6, 2018-07-04): an ordinal day before a placed month.
        assert_eq!(
            dates(
                "في غارة روسية في الثاني من يوليو الحالي، وهو ما يختلف",
                Some((2018, 7, 4))
            ),
            vec![one("الثاني من يوليو الحالي", "2018-07-02", "day")]
        );
        // SK-middleEast-3193 (blind-6, 2018-07-31): the month alone, the latest July.
        assert_eq!(
            dates(
                "المظاهرت التي بدأت في الجنوب في الثامن من يوليو وامتدت",
                Some((2018, 7, 31))
            ),
            vec![one("الثامن من يوليو", "2018-07-08", "day")]
        );
        // BB-middleEast-1077 (blind-7, 2018-10-09): شهر, two systems, المقبل.
        assert_eq!(
            dates(
                "بحلول الأول من شهر تشرين الثاني / نوفمبر المقبل. ويتيح",
                Some((2018, 10, 9))
            ),
            vec![one(
                "الأول من شهر تشرين الثاني / نوفمبر المقبل",
                "2018-11-01",
                "day"
            )]
        );
        // BB-middleEast-592 (blind-6, 2018-06-06): a figure of last month.
        assert_eq!(
            dates(
                "الانتخابات العراقية التي جرت في 12 من الشهر الماضي. وجاءت",
                Some((2018, 6, 6))
            ),
            vec![one("12 من الشهر الماضي", "2018-05-12", "day")]
        );
        // SK-middleEast-3542 (blind-6, 2018-09-06): a figure of the current month.
        assert_eq!(
            dates(
                "وكان مجلس النواب الجديد أرجأ جلسته إلى 15 الجاري، بعد فشله",
                Some((2018, 9, 6))
            ),
            vec![one("15 الجاري", "2018-09-15", "day")]
        );
        // The ordinal of a month's own name is no day: «تشرين الثاني من العام الماضي».
        assert_eq!(
            dates("في تشرين الثاني من العام الماضي", Some((2018, 9, 6))).len(),
            1
        );
    }

    #[test]
    fn weekdays_announced_for_what_is_to_come_are_the_next_such_day() {
        // FR-641 (Monday 2018-06-18): ستنشر is the future (س + imperfect), so الثلاثاء
        // is the coming Tuesday, not the last one.
        assert_eq!(
            dates(
                "وأكدت أن المفوضية ستنشر الثلاثاء إحصاءات تظهر أن عدد اللاجئين",
                Some((2018, 6, 18))
            ),
            vec![one("الثلاثاء", "2018-06-19", "relative")]
        );
        // CN-1307 (Friday 2018-09-07): سيعقد, two words before the day.
        assert_eq!(
            dates(
                "وسيعقد البرلمان، السبت، جلسة استثنائية لمناقشة أزمة البصرة",
                Some((2018, 9, 7))
            ),
            vec![one("السبت", "2018-09-08", "relative")]
        );
        // SK-1790 (Friday 2018-05-18): a session «تقرر عقدها» is scheduled.
        assert_eq!(
            dates("وهي جلسة تقرر عقدها، السبت", Some((2018, 5, 18))),
            vec![one("السبت", "2018-05-19", "relative")]
        );
        // SK-3483 (Monday 2018-09-03): سياسيتان opens like a future verb but is an
        // adjective; what was said Sunday is past.
        assert_eq!(
            dates(
                "وقالت جماعتان سياسيتان عراقيتان، الأحد، إنهما شكلتا تحالفين",
                Some((2018, 9, 3))
            ),
            vec![one("الأحد", "2018-09-02", "relative")]
        );
        // Without a future word the past rule stands: «انفجرت سيارة مفخخة، الأحد».
        assert_eq!(
            dates("انفجرت سيارة مفخخة، الأحد، في بغداد", Some((2018, 9, 3))),
            vec![one("الأحد", "2018-09-02", "relative")]
        );
    }

    #[test]
    fn a_yearless_day_of_a_month_is_the_occurrence_nearest_to_publication() {
        // FR-715 (blind-12, Saturday 2018-06-30): the recount announced for «الثالث من
        // تموز/يوليو» is three days ahead, not a year back.
        assert_eq!(
            dates(
                "أن \"عملية العد والفرز اليدوي ستبدأ الثلاثاء\" في الثالث من تموز/يوليو.",
                Some((2018, 6, 30))
            )
            .last()
            .cloned(),
            Some(one("الثالث من تموز/يوليو", "2018-07-03", "day"))
        );
        // A figure and one month name: «28 ديسمبر» on 2 January 2018 is five days back,
        // in the year before publication.
        assert_eq!(
            dates("وكان قد أعلن في 28 ديسمبر أن", Some((2018, 1, 2))),
            vec![one("28 ديسمبر", "2017-12-28", "day")]
        );
        // A qualifier still places the month: «16 أكتوبر الماضي» in March 2018.
        assert_eq!(
            dates("في 16 أكتوبر الماضي", Some((2018, 3, 3))),
            vec![one("16 أكتوبر الماضي", "2017-10-16", "day")]
        );
    }

    #[test]
    fn a_day_counted_or_described_is_not_today() {
        let published = Some((2018, 9, 7));
        // BB-975 (blind-12): «في اليوم الخامس للاحتجاجات» is the protests' fifth day.
        assert!(dates(
            "وأضرموا فيها النيران في اليوم الخامس للاحتجاجات ضد الفساد",
            published
        )
        .is_empty());
        // CN-1431 (blind-12): «وهو اليوم الذي اختفى فيه» is the day of the disappearance
        // (dated by «2 أكتوبر» before it), not the publication day.
        assert!(dates("وهو اليوم الذي اختفى فيه الإعلامي السعودي", published).is_empty());
        // SK-2775 (blind-12): «22 ساعة في اليوم» is a rate, per day.
        assert!(dates(
            "بانقطاع المياه الصالحة للشرب لأكثر من 22 ساعة في اليوم، وانقطاع التيار",
            published
        )
        .is_empty());
        // Today is still today: «وإلى اليوم».
        assert_eq!(
            dates("ولا تزال قائمة وإلى اليوم", published),
            vec![one("اليوم", "2018-09-07", "relative")]
        );
    }

    #[test]
    fn two_days_before_an_event_are_no_date() {
        // BB-484 (blind-10, 2018-05-10): «قبل يومين من الانتخابات» counts from the
        // election, not from publication (GUIDELINES.md, "Not dates"); FR-437 (blind-11)
        // writes «قبل يومين على الانتخابات».
        let published = Some((2018, 5, 10));
        assert!(dates(
            "وتأتي عملية الاقتراع الخاصة قبل يومين من الانتخابات التشريعية",
            published
        )
        .is_empty());
        assert!(dates("قبل يومين على الانتخابات التشريعية", published).is_empty());
        // Counted from publication it is a date: «قتل قبل يومين».
        assert_eq!(
            dates("الذي قتل قبل يومين في بغداد", published),
            vec![one("قبل يومين", "2018-05-08", "relative")]
        );
    }

    #[test]
    fn midnight_between_two_days_is_the_first_day() {
        // SK-1558 (Wednesday 2018-05-09): the night Friday-to-Saturday is one mention
        // from منتصف to the second day, dated the Friday (GUIDELINES.md, SK-1593), and
        // سيغلقان makes it the coming Friday.
        assert_eq!(
            dates(
                "أن الحدود البرية والمجال الجوي للبلاد سيغلقان لـ24 ساعة، بدءا من منتصف ليل الجمعة السبت",
                Some((2018, 5, 9))
            ),
            vec![one("منتصف ليل الجمعة السبت", "2018-05-11", "relative")]
        );
        // Blind-2's SK-1593 writes a hyphen between the days.
        assert_eq!(
            dates("منتصف ليل السبت- الأحد", Some((2018, 5, 14)))[0].0,
            "منتصف ليل السبت- الأحد"
        );
    }

    #[test]
    fn syriac_months_without_their_article() {
        // BB-130 (2018-03-03): «تشرين أول» without ال is October, and الماضي after it
        // puts it in 2017.
        assert_eq!(
            dates("في 16 أكتوبر/ تشرين أول الماضي", Some((2018, 3, 3))),
            vec![one("16 أكتوبر/ تشرين أول الماضي", "2017-10-16", "day")]
        );
    }

    #[test]
    fn revision_12_months_alone_weeks_and_misspellings() {
        // SK-3822 (blind-15, published 2018-10-11): a Gregorian month named alone is
        // the latest such month up to publication (GUIDELINES.md, month with inferred
        // year): December 2017.
        let oct = Some((2018, 10, 11));
        assert_eq!(
            dates("وأعلن العراق النصر على داعش في ديسمبر، بعد استعادته", oct),
            vec![one("ديسمبر", "2017-12", "month")]
        );
        // مارس is also the verb "practised": alone it is no date.
        assert!(dates("مارس الضغط على الحكومة", oct).is_empty());
        // SK-2236 (blind-15): أوائل + year is vague, the year (ئ folds to ي in the
        // normalized word, so the qualifier must be listed folded).
        assert_eq!(
            dates(
                "وقتل أكثر من 240 شخصا منذ أوائل 2015 في فرنسا",
                Some((2018, 6, 8))
            ),
            vec![one("أوائل 2015", "2015", "part_of_year")]
        );
        // SK-3551 (blind-15): يولي, a misspelling of يوليو, after مطلع and before الماضي.
        assert_eq!(
            dates("ومنذ مطلع يولي الماضي، تشهد محافظات", Some((2018, 9, 7))),
            vec![one("مطلع يولي الماضي", "2018-07", "part_of_month")]
        );
        // يولي alone is the verb "gives": no date.
        assert!(dates("الذي يولي اهتماما كبيرا", Some((2018, 9, 7))).is_empty());
        // SK-1728 and FR-499: the start of a week is a date no value represents.
        assert_eq!(
            dates("مطلع الأسبوع، قال", Some((2018, 5, 15))),
            vec![("مطلع الأسبوع".to_string(), None, "part_of_month".to_string())]
        );
        assert_eq!(
            dates("منذ بداية الأسبوع الحالي", Some((2018, 5, 19))),
            vec![(
                "بداية الأسبوع الحالي".to_string(),
                None,
                "part_of_month".to_string()
            )]
        );
        // SK-1306 (blind-15): «أبريل» alone after «شهر أبريل الماضي» is that April.
        let apr = Some((2018, 4, 28));
        let found = dates(
            "بعث برسالة في شهر أبريل الماضي. ووافقت قطر في أبريل على دفع",
            apr,
        );
        assert_eq!(found.last(), Some(&one("أبريل", "2017-04", "month")));
        // SK-2919 (blind-6): «شهري يوليو وأغسطس» are the hot months, no date.
        assert!(dates("خلال شهري يوليو وأغسطس.", Some((2018, 7, 16))).is_empty());
        // BB-898 (blind-15): «يونيو/حزيران هذا العام» is one month date, not a month
        // and a separate «هذا العام».
        assert_eq!(
            dates("في يونيو/حزيران هذا العام لمتابعة", Some((2018, 8, 17))),
            vec![one("يونيو/حزيران هذا العام", "2018-06", "month")]
        );
    }

    #[test]
    fn revision_13_ranges_coming_months_and_this_month() {
        // SK-3822 (blind-15, 2018-10-11): the first day of a range takes the month named
        // after the last day (GUIDELINES.md, blind-15: «السابع» → 2018-10-07).
        let oct = Some((2018, 10, 11));
        assert_eq!(
            dates(
                "نفذت مداهمات في الفترة من السابع إلى التاسع من أكتوبر، وألقت",
                oct
            ),
            vec![
                one("السابع", "2018-10-07", "day"),
                one("التاسع من أكتوبر", "2018-10-09", "day")
            ]
        );
        // SK-332 (blind-15, 2018-03-16): a month alone of what is to come (the imperfect
        // تجرى "takes place") is the next such month, May 2018, not May 2017.
        assert_eq!(
            dates(
                "في الانتخابات البرلمانية العراقية التي تجرى في مايو، ويسعى رئيس الوزراء",
                Some((2018, 3, 16))
            ),
            vec![one("مايو", "2018-05", "month")]
        );
        // BB-314 (blind-16): each end of a span of years is a year.
        assert_eq!(
            dates(
                "قطاع غزة: محطات رئيسية من 2007 إلى 2017 ويمثل",
                Some((2018, 4, 8))
            ),
            vec![one("2007", "2007", "year"), one("2017", "2017", "year")]
        );
        // FR-307 (blind-16): a year in parentheses after what it dates.
        assert_eq!(
            dates(
                "كما هو الحال منذ بداية الأزمة السورية (2011)، بشأن",
                Some((2018, 4, 17))
            ),
            vec![one("2011", "2011", "year")]
        );
        // SK-1073 (blind-16, 2018-04-16): «من نفس الشهر» is the month just named.
        assert_eq!(
            dates(
                "بخسارتها 737 موقعا منذ الرابع من أبريل حتى السادس عشر من نفس الشهر، بالإضافة",
                Some((2018, 4, 16))
            ),
            vec![
                one("الرابع من أبريل", "2018-04-04", "day"),
                one("السادس عشر من نفس الشهر", "2018-04-16", "day")
            ]
        );
        // SK-2519 (blind-16, 2018-06-21): «هذا الشهر» is the publication's month, «هذا
        // الأسبوع» a week (no value); BB-924 (2018-08-30): «الشهر المقبل» the next month.
        let june = Some((2018, 6, 21));
        assert_eq!(
            dates("وقال الأسد هذا الشهر إن حكومته", june),
            vec![one("هذا الشهر", "2018-06", "relative")]
        );
        assert_eq!(
            dates("وقال أحد قادة المعارضة هذا الأسبوع إنها", june),
            vec![("هذا الأسبوع".to_string(), None, "relative".to_string())]
        );
        assert_eq!(
            dates(
                "وسيقدم خبراء الأمم المتحدة تقريرهم إلى المجلس، الشهر المقبل.",
                Some((2018, 8, 30))
            ),
            vec![one("الشهر المقبل", "2018-09", "relative")]
        );
    }
}
