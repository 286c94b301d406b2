//! Quotes with their speakers.
//!
//! A quote is speech in «…», “…” or "…" (nesting-aware: «تنظيم “داعش” حاول …» is one
//! quote), or unquoted direct speech after a reporting verb and a colon
//! (وأضاف: ما زالت أمامنا تحديات …). A name or a term in quote marks («الكاظمي»،
//! “داعش”، “ولاية دجلة”) is not speech: a quote has at least three words, and a
//! short span after a naming word (عملية، منظومة، ما يسمى) is a name.
//!
//! The speaker is found the way an Arabic reader finds it:
//! - the reporting verb before the quote (قال، أكد، أضاف …) and its subject right
//!   after it (أكّد رئيس الوزراء #مصطفى_الكاظمي أنه: «…»), or a subject that comes
//!   first (“الكاظمي” رأى بكلمته أن: «…»), or a verb after the quote
//!   («…»، أضاف “الكاظمي”);
//! - a group noun as subject is a group speaker (أكد محللون أن: «…» → محللون);
//! - a verb with no subject of its own (وأوضحوا أن، وتابع أن، واختتم بأن), a
//!   participle (قائلاً، مشدداً، لافتاً، مستكملاً …) or a bare title that names the
//!   same office (رئيس الحكومة العراقية) carries the previous speaker forward.

use marsad_messages::{Entity, EntityType, Quote, Speaker};

use crate::normalize::normalize_key;

use super::{slice_chars, weekday_index, words};

/// Past-tense reporting verbs (3rd person masculine singular), matched after و/ف
/// and with the feminine ت, plural وا or dual ا endings.
const VERBS: &[&str] = &[
    "قال",
    "أكد",
    "أضاف",
    "أشار",
    "أوضح",
    "تابع",
    "دعا",
    "شدد",
    "لفت",
    "بين",
    "اختتم",
    "استدرك",
    "رأى",
    "نفى",
    "ذكر",
    "كشف",
    "أعلن",
    "صرح",
    "تحدث",
    "أردف",
    "أفاد",
    "اعتبر",
    "نوه",
    "حذر",
    "طالب",
    "أبلغ",
    "جدد",
    "أكدت",
    "يقول",
    "تقول",
    "يرى",
    "يؤكد",
    "أضافت",
    "قالت",
    "وصف",
    "علق",
    "ختم",
];

/// Participles that continue the previous speaker's words.
const PARTICIPLES: &[&str] = &[
    "قائلا",
    "مشددا",
    "لافتا",
    "داعيا",
    "موضحا",
    "مختتما",
    "مبينا",
    "مؤكدا",
    "مستكملا",
    "مضيفا",
    "مشيرا",
    "معتبرا",
    "منوها",
    "محذرا",
    "متابعا",
    "مستدركا",
    "مطالبا",
    "مردفا",
];

/// Words that attribute without a verb: وفق رئيس الحكومة …، بحسب …
const ATTRIBUTIONS: &[&str] = &["وفق", "وفقا", "بحسب", "حسب"];

/// Plural nouns that make a group speaker.
const GROUPS: &[&str] = &[
    "محللون",
    "محللين",
    "خبراء",
    "مسؤولون",
    "مسؤولين",
    "مصادر",
    "مراقبون",
    "مراقبين",
    "شهود",
    "سكان",
    "ناشطون",
    "ناشطين",
    "نواب",
    "مواطنون",
    "مراقبو",
];

/// Words that end a verb's subject: the complementizers and prepositions that
/// introduce what was said.
const SUBJECT_ENDS: &[&str] = &[
    "أن",
    "إن",
    "بأن",
    "أنه",
    "إنه",
    "بأنه",
    "أنها",
    "إنها",
    "إلى",
    "عن",
    "في",
    "خلال",
    "بكلمة",
    "بكلمته",
    "بالقول",
    "حديثه",
];

/// Titles that name an office rather than a person: as a whole subject they point
/// back to the person who holds it and already spoke.
const OFFICES: &[&str] = &[
    "رئيس الوزراء",
    "رئيس الحكومة",
    "رئيس مجلس الوزراء",
    "رئيس حكومة",
    "رئيس الجمهورية",
    "الأخير",
    "المسؤول",
    "المتحدث",
    "الناطق",
    "الوزير",
    "القائد",
];

/// Words before a short quoted span that make it a name, not speech.
const NAMING: &[&str] = &[
    "عملية",
    "منظومة",
    "يسمى",
    "تسمى",
    "بعنوان",
    "اسم",
    "حملة",
    "وكالة",
    "صحيفة",
    "قناة",
    "برنامج",
    "مؤتمر",
    "تنظيم",
    "جماعة",
    "حركة",
    "مشروع",
    "خطة",
];

struct Lexicon {
    verbs: Vec<String>,
    participles: Vec<String>,
    attributions: Vec<String>,
    groups: Vec<String>,
    subject_ends: Vec<String>,
    offices: Vec<String>,
    naming: Vec<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| {
        let keys = |words: &[&str]| words.iter().map(|w| normalize_key(w)).collect();
        Lexicon {
            verbs: keys(VERBS),
            participles: keys(PARTICIPLES),
            attributions: keys(ATTRIBUTIONS),
            groups: keys(GROUPS),
            subject_ends: keys(SUBJECT_ENDS),
            offices: keys(OFFICES),
            naming: keys(NAMING),
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    /// A verb with its own subject slot; `implicit` when its ending already names
    /// the subject (أوضحوا "they explained").
    Verb {
        implicit_plural: bool,
    },
    Participle,
    Attribution,
}

fn strip_conjunction(word: &str) -> &str {
    word.strip_prefix('و')
        .or_else(|| word.strip_prefix('ف'))
        .filter(|rest| rest.chars().count() >= 2)
        .unwrap_or(word)
}

fn cue_of(norm: &str) -> Option<Cue> {
    let lex = lexicon();
    let bare_forms = [norm, strip_conjunction(norm)];
    for word in bare_forms {
        if lex.participles.iter().any(|p| p == word) {
            return Some(Cue::Participle);
        }
        if lex.attributions.iter().any(|p| p == word) {
            return Some(Cue::Attribution);
        }
        if lex.verbs.iter().any(|v| v == word) {
            return Some(Cue::Verb {
                implicit_plural: false,
            });
        }
        if let Some(stem) = word.strip_suffix("وا") {
            if lex.verbs.iter().any(|v| v == stem) {
                return Some(Cue::Verb {
                    implicit_plural: true,
                });
            }
        }
        if let Some(stem) = word.strip_suffix('ت') {
            if lex.verbs.iter().any(|v| v == stem) {
                return Some(Cue::Verb {
                    implicit_plural: false,
                });
            }
        }
    }
    None
}

/// A candidate span of speech (content only, marks excluded).
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    /// Where the span with its marks starts and ends (for context windows).
    outer_start: usize,
    outer_end: usize,
}

fn closer_for(open: char) -> Option<char> {
    match open {
        '«' => Some('»'),
        '“' | '„' => Some('”'),
        '”' => Some('”'),
        '"' => Some('"'),
        '‹' => Some('›'),
        _ => None,
    }
}

/// Quoted spans, nesting-aware, never crossing a paragraph break.
fn quoted_spans(chars: &[char]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(close) = closer_for(chars[i]) else {
            i += 1;
            continue;
        };
        let open = chars[i];
        let mut depth = 0usize;
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() && chars[j] != '\n' {
            let c = chars[j];
            if c == close && (depth == 0 || open == close) {
                found = Some(j);
                break;
            } else if c == close {
                depth -= 1;
            } else if c == open && open != close {
                depth += 1;
            }
            j += 1;
        }
        match found {
            Some(end) => {
                spans.push(Span {
                    start: i + 1,
                    end,
                    outer_start: i,
                    outer_end: end + 1,
                });
                i = end + 1;
            }
            None => i += 1,
        }
    }
    spans
}

fn paragraph_bounds(chars: &[char], at: usize) -> (usize, usize) {
    let start = chars[..at.min(chars.len())]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |p| p + 1);
    let end = chars[at.min(chars.len())..]
        .iter()
        .position(|&c| c == '\n')
        .map_or(chars.len(), |p| at + p);
    (start, end)
}

/// Trims whitespace and a closing full stop from a span of direct speech.
fn trim_span(chars: &[char], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && (chars[end - 1].is_whitespace() || chars[end - 1] == '.') {
        end -= 1;
    }
    (start, end)
}

/// Unquoted direct speech: a reporting cue among the few words before a colon, and
/// no quote mark right after it.
fn colon_spans(chars: &[char]) -> Vec<Span> {
    let mut spans = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != ':' {
            continue;
        }
        let (para_start, para_end) = paragraph_bounds(chars, i);
        let next = chars[i + 1..para_end].iter().find(|c| !c.is_whitespace());
        if next.is_none_or(|&n| closer_for(n).is_some()) {
            continue;
        }
        let before = words(chars, para_start, i);
        let recent = &before[before.len().saturating_sub(6)..];
        if !recent.iter().any(|w| cue_of(&w.norm).is_some()) {
            continue;
        }
        let (start, end) = trim_span(chars, i + 1, para_end);
        if words(chars, start, end).len() >= 3 {
            spans.push(Span {
                start,
                end,
                outer_start: i,
                outer_end: para_end,
            });
        }
    }
    spans
}

fn is_speech(chars: &[char], span: &Span) -> bool {
    let content = words(chars, span.start, span.end);
    if content.len() < 3 {
        return false;
    }
    if content.len() <= 4 {
        let (para_start, _) = paragraph_bounds(chars, span.outer_start);
        let before = words(chars, para_start, span.outer_start);
        if let Some(last) = before.last() {
            let lex = lexicon();
            let bare = strip_conjunction(&last.norm);
            let bare = bare.strip_prefix('ب').unwrap_or(bare);
            if lex.naming.iter().any(|n| n == bare || n == &last.norm) {
                return false;
            }
        }
    }
    true
}

/// A PERSON or ORG mention, for speaker lookup.
struct Mentioned<'a> {
    start: usize,
    end: usize,
    entity: &'a Entity,
}

fn speakers_index(entities: &[Entity]) -> Vec<Mentioned<'_>> {
    let mut out: Vec<Mentioned> = entities
        .iter()
        .filter(|e| matches!(e.entity_type, EntityType::Person | EntityType::Org))
        .flat_map(|e| {
            e.mentions.iter().map(move |m| Mentioned {
                start: m.start,
                end: m.end,
                entity: e,
            })
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

fn entity_speaker(m: &Mentioned<'_>) -> Speaker {
    Speaker {
        entity_id: Some(m.entity.id.clone()),
        text: m.entity.name_ar.clone(),
    }
}

/// Words of time (and the weekdays) that may stand between a reporting verb and its
/// subject.
const WHEN_WORDS: &[&str] = &[
    "مطلع",
    "اوائل",
    "منتصف",
    "اواخر",
    "نهايه",
    "الشهر",
    "الاسبوع",
    "العام",
    "الجاري",
    "الماضي",
    "الحالي",
    "اليوم",
    "امس",
    "يوم",
    "صباح",
    "مساء",
    "ليله",
];

/// The subject after a verb: a PERSON/ORG mention, a group noun, an office that
/// points back, or the literal words. `CarryForward` when the verb has no subject of its own.
enum Subject {
    Named(Speaker),
    CarryForward,
}

fn subject_after(chars: &[char], from: usize, to: usize, index: &[Mentioned<'_>]) -> Subject {
    let lex = lexicon();
    let ws = words(chars, from, to);
    let cut = ws
        .iter()
        .position(|w| lex.subject_ends.contains(&w.norm))
        .unwrap_or(ws.len());
    // "صرح مطلع الشهر الجاري حيدر العبادي": when-words before the subject are not it.
    let lead = ws[..cut]
        .iter()
        .take_while(|w| {
            let bare = strip_conjunction(&w.norm);
            WHEN_WORDS.contains(&bare) || weekday_index(bare).is_some()
        })
        .count();
    let subject = &ws[lead..cut.min(lead + 8)];
    if subject.is_empty() {
        return Subject::CarryForward;
    }
    let (s, e) = (subject[0].start, subject[subject.len() - 1].end);
    if let Some(m) = index.iter().find(|m| m.start >= s && m.start < e) {
        return Subject::Named(entity_speaker(m));
    }
    if let Some(group) = subject.iter().find(|w| lex.groups.contains(&w.norm)) {
        return Subject::Named(Speaker {
            entity_id: None,
            text: slice_chars(chars, group.start, group.end),
        });
    }
    let phrase = subject
        .iter()
        .map(|w| w.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if lex
        .offices
        .iter()
        .any(|o| phrase == *o || phrase.starts_with(&format!("{o} ")))
        && subject.len() <= 4
    {
        return Subject::CarryForward;
    }
    Subject::Named(Speaker {
        entity_id: None,
        text: slice_chars(chars, s, e),
    })
}

pub fn extract(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let index = speakers_index(entities);
    let mut spans: Vec<Span> = quoted_spans(&chars)
        .into_iter()
        .filter(|s| is_speech(&chars, s))
        .collect();
    spans.extend(colon_spans(&chars));
    spans.sort_by_key(|s| s.start);

    let mut quotes: Vec<Quote> = Vec::new();
    let mut previous: Option<Speaker> = None;
    let mut last_end = 0usize;
    for span in spans {
        let (para_start, para_end) = paragraph_bounds(&chars, span.outer_start);
        let window_start = para_start.max(last_end.min(span.outer_start));
        let before = words(&chars, window_start, span.outer_start);
        let cue = before
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, w)| cue_of(&w.norm).map(|c| (i, c)));
        let mut verb = None;
        let speaker = match cue {
            Some((i, Cue::Participle)) => {
                verb = Some(slice_chars(&chars, before[i].start, before[i].end));
                previous.clone()
            }
            Some((i, cue)) => {
                verb = Some(slice_chars(&chars, before[i].start, before[i].end));
                let implicit = matches!(
                    cue,
                    Cue::Verb {
                        implicit_plural: true
                    }
                );
                let subject = if implicit {
                    Subject::CarryForward
                } else {
                    subject_after(&chars, before[i].end, span.outer_start, &index)
                };
                match subject {
                    Subject::Named(s) => Some(s),
                    Subject::CarryForward => {
                        // A subject before its verb: “الكاظمي” رأى بكلمته أن: «…»
                        let clause_start = before[i.saturating_sub(3)..i]
                            .first()
                            .map_or(before[i].start, |w| w.start)
                            .saturating_sub(1);
                        index
                            .iter()
                            .rev()
                            .find(|m| {
                                m.start >= clause_start.max(window_start)
                                    && m.end <= before[i].start
                            })
                            .map(|m| entity_speaker(m))
                            .or_else(|| previous.clone())
                    }
                }
            }
            None => {
                // A verb after the quote: «…»، أضاف “الكاظمي” بكلمة له …
                let after = words(&chars, span.outer_end, para_end);
                let found = after
                    .iter()
                    .take(3)
                    .enumerate()
                    .find_map(|(i, w)| cue_of(&w.norm).map(|c| (i, c)));
                match found {
                    Some((i, _)) => {
                        verb = Some(slice_chars(&chars, after[i].start, after[i].end));
                        match subject_after(
                            &chars,
                            after[i].end,
                            para_end.min(after[i].end + 60),
                            &index,
                        ) {
                            Subject::Named(s) => Some(s),
                            _ => previous.clone(),
                        }
                    }
                    None => None,
                }
            }
        };
        if speaker.is_some() {
            previous = speaker.clone();
        }
        last_end = span.outer_end;
        quotes.push(Quote {
            start: span.start,
            end: span.end,
            text: slice_chars(&chars, span.start, span.end),
            verb,
            speaker,
        });
    }
    quotes
}
