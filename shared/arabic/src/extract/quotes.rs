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

use super::{slice_chars, weekday_index, within, words, Word, WordSet};

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
    "يتحدث",
    // The feminine of the weak verbs drops the final alif: دعت، رأت.
    "دعت",
    "رأت",
    // كتب في تغريدة، أعرب عن، عزا … إلى، أصدر: report words too.
    "كتب",
    "أعرب",
    "عزا",
    "أصدر",
    // نقلت وكالة … عن مصادر قولها: the speaker is after عن.
    "نقل",
    // Present tense, as in reports: ويضيف التقرير أن (not يشير/تشير: «تشير التقديرات»).
    "يضيف",
    "تضيف",
    // Feature stories report in the present: «وتؤكد المرشحة عن "سائرون" جبرة الطائي
    // أن "…"» (FR-475, blind-12), «يوضح هذا الشاب لفرانس برس "…"» (FR-96, blind-13);
    // and a question is reported too: «وتساءل علي العبار عن سبب "…"» (FR-291,
    // blind-11). Without them the quote went to the speaker before.
    "تؤكد",
    "يوضح",
    "توضح",
    "تساءل",
    "يتساءل",
    // جاء في بيان …، ورد في رسالة …: only before في and a statement (see `reports`).
    "جاء",
    "ورد",
    // عبّر رئيس الوزراء … عن: only before a title (see `reports`), عبر is also "via".
    "عبر",
    // Decisions and recommendations quote their wording: «وأوصت اللجنة "بتشريع قانون
    // جديد …"» (FR-842), «أن العبادي أمر بـ"إنزال القصاص العادل …"» (SK-2642); أمر
    // only before ب (see `reports`), it is also the noun "matter, order". The feminine
    // of the weak أوصى drops its final ى: أوصت.
    "أوصى",
    "أوصت",
    "أمر",
    "اقترح",
    // Chants and threats: «وردد المتظاهرون هتافات أبرزها "كلا كلا للفساد"» (FR-809),
    // «تهدد فيه عناصر من التنظيم … "المعتقلات من أهل السنة"» (SK-2601).
    "ردد",
    "هدد",
    "يهدد",
    "تهدد",
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
    "مشيدا",
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
    // Crowds and members speak as groups too: «وردد المتظاهرون هتافات …» (FR-809),
    // «يهدد فيه عناصر من التنظيم» (SK-2601).
    "المتظاهرون",
    "متظاهرون",
    "المحتجون",
    "محتجون",
    "عناصر",
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
    // A pronoun on the preposition: وقال فيها: "…" (in it, the tweet).
    "فيه",
    "فيها",
    // نقلت … عن زياد قوله: «his saying» closes the speaker.
    "قوله",
    "قولها",
    "قولهم",
    "بقوله",
    "بقولها",
    // قال الصدر وفقا لما نقله موقع …: the attribution is the channel, not the speaker.
    "وفق",
    "وفقا",
    "بحسب",
    "حسب",
    "لما",
    // A relative clause describes the speaker: رئيس الوزراء العراقي، الذي يرأس …
    "الذي",
    "التي",
    "الذين",
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

/// Definite nouns that point back to a source already named (وقال المصدر إن …،
/// وتابع البيان …، وأضاف المتحدث أن …): as a whole subject they carry the speaker forward.
const BACK_REFERENCES: &[&str] = &[
    "المصدر",
    "المصادر",
    "البيان",
    "المسؤول",
    "المتحدث",
    "الناطق",
    "الضابط",
    "المسؤولون",
];

/// Nouns of a written statement: بيان (صادر) عن X، بيان للحكومة → X is the speaker.
const STATEMENTS: &[&str] = &[
    "بيان",
    "البيان",
    "تصريح",
    "بلاغ",
    "تقرير",
    "التقرير",
    "رسالة",
    "الرسالة",
    "تغريدة",
    "التغريدة",
    "تدوينة",
    "التدوينة",
];

/// Bodies that a definite noun points back to: وأضاف المركز → مركز الإعلام الأمني named
/// before, وذكرت الوكالة → وكالة الأنباء العراقية, وأكد الائتلاف → ائتلاف الوطنية.
/// Indefinite (construct) forms; the back-reference is the same word with ال.
const BODIES: &[&str] = &[
    "مركز",
    "وكالة",
    "ائتلاف",
    "وزارة",
    "منظمة",
    "هيئة",
    "مرجعية",
    "تقرير",
    "مفوضية",
    "لجنة",
    "قيادة",
    "خلية",
    "حركة",
    "تحالف",
    "حزب",
    "تيار",
    "كتلة",
    "جبهة",
    "مجلس",
    "رئاسة",
    "مديرية",
    "جهاز",
    "بعثة",
    "سفارة",
    "محكمة",
    "شركة",
    "نقابة",
    "رابطة",
    "دائرة",
    "صحيفة",
    "قناة",
    "تدوينة",
    "تغريدة",
    "رسالة",
];

/// Person titles that, definite and without a name (ولفت الرئيس التركي، وقال المحلل
/// السياسي العراقي), point back to the person the same title named earlier.
const PERSON_TITLES: &[&str] = &[
    "الرئيس",
    "المبعوث",
    "المحلل",
    "الخبير",
    "المرشد",
    "الوزير",
    "السفير",
    "الزعيم",
    "القائد",
    "النائب",
    "المستشار",
    "الأمين",
    "المتحدث",
    "الناطق",
    "الممثل",
    "الباحث",
    "الكاتب",
    "المرجع",
];

/// Titles that head a subject phrase; the person they name may follow after في …
/// (عضو المكتب السياسي في الحزب الشيوعي العراقي جاسم الحلفي).
const TITLES: &[&str] = &[
    "رئيس",
    "مدير",
    "عضو",
    "وزير",
    "قائد",
    "نائب",
    "محافظ",
    "أمين",
    "المتحدث",
    "متحدث",
    "الناطق",
    "ناطق",
    "مستشار",
    "مكتب",
    "المكتب",
];

/// Nouns of a setting after في (قال في بيان، في مؤتمر صحفي): the subject ends there.
const SETTINGS: &[&str] = &[
    "بيان",
    "تصريح",
    "تصريحات",
    "مؤتمر",
    "كلمة",
    "حديث",
    "لقاء",
    "مقابلة",
    "تغريدة",
    "رسالة",
];

/// Circumstantial words that end a subject: وأشار المسؤول طالبا عدم كشف هويته إلى …
/// Also the verbal nouns used as adverbs after a verb: وكتبت تعليقا عليها "…" (she wrote,
/// commenting on it).
const CIRCUMSTANTIAL: &[&str] = &[
    "طالبا",
    "مفضلا",
    "رافضا",
    "مشترطا",
    "تعليقا",
    "ردا",
    "تعقيبا",
];

/// Words before a short quoted span that make it a name, not speech.
const NAMING: &[&str] = &[
    "عملية",
    "منظومة",
    "يسمى",
    "تسمى",
    "بعنوان",
    "عنوان",
    "عنوانه",
    "سموه",
    "سماه",
    "تعرف",
    "يعرف",
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

/// Words that introduce a title or a label whatever its length: تحت عنوان "جمعة المطالب
/// الاستراتيجية"، الذي كان عنوانه "حياة بلا أب لا معنى لها"، ما تعرف بـ"تنسيقيات …".
const LABELS: &[&str] = &[
    // «بقضية "فض اعتصام رابعة"» (CN-1321): a case's name.
    "قضية",
    "عنوان",
    "عنوانه",
    "بعنوان",
    "سموه",
    "سماه",
    "سمته",
    "يسمى",
    "تسمى",
    "تعرف",
    "يعرف",
];

struct Lexicon {
    verbs: WordSet,
    participles: WordSet,
    /// The participles ending in ا without it: the stems of their feminine (مشيرة for
    /// مشيرا), asked of every word ending in ه without building a string.
    participle_stems: WordSet,
    attributions: WordSet,
    groups: WordSet,
    subject_ends: WordSet,
    /// Phrases matched as prefixes of a subject, so kept as lists.
    offices: Vec<String>,
    naming: WordSet,
    back_references: Vec<String>,
    statements: WordSet,
    titles: WordSet,
    settings: WordSet,
    circumstantial: WordSet,
    bodies: WordSet,
    person_titles: WordSet,
    labels: WordSet,
    organisation_heads: WordSet,
    /// Every word [`cue_of`] answers, with its answer ([`cue_in`] of each form the
    /// lexicon's words can take): one lookup per word.
    cues: std::collections::HashMap<String, Cue, crate::gazetteer::FnvBuild>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| {
        let keys = |words: &[&str]| words.iter().map(|w| normalize_key(w)).collect::<WordSet>();
        let list = |words: &[&str]| words.iter().map(|w| normalize_key(w)).collect();
        let mut lex = Lexicon {
            verbs: keys(VERBS),
            participles: keys(PARTICIPLES),
            participle_stems: keys(PARTICIPLES)
                .into_iter()
                .filter_map(|p| p.strip_suffix('ا').map(str::to_string))
                .collect(),
            attributions: keys(ATTRIBUTIONS),
            groups: keys(GROUPS),
            subject_ends: keys(SUBJECT_ENDS),
            offices: list(OFFICES),
            naming: keys(NAMING),
            back_references: list(BACK_REFERENCES),
            statements: keys(STATEMENTS),
            titles: keys(TITLES),
            settings: keys(SETTINGS),
            circumstantial: keys(CIRCUMSTANTIAL),
            bodies: keys(BODIES),
            person_titles: keys(PERSON_TITLES),
            labels: keys(LABELS),
            organisation_heads: keys(ORGANISATION_HEADS),
            cues: Default::default(),
        };
        lex.cues = cue_table(&lex);
        lex
    })
}

/// [`cue_in`] of every word it answers: a word of the lexicon or one of its forms
/// (the feminine participle in ه, a verb with وا or ت), each also behind و or ف. Any
/// other word is no cue: [`cue_in`] reads only these forms of the word or of the word
/// without its conjunction.
fn cue_table(lex: &Lexicon) -> std::collections::HashMap<String, Cue, crate::gazetteer::FnvBuild> {
    let mut forms: Vec<String> = Vec::new();
    for p in &lex.participles {
        forms.push(p.clone());
        if let Some(stem) = p.strip_suffix('ا') {
            forms.push(format!("{stem}ه"));
        }
    }
    forms.extend(lex.attributions.iter().cloned());
    for v in &lex.verbs {
        forms.push(v.clone());
        forms.push(format!("{v}وا"));
        forms.push(format!("{v}ت"));
    }
    let mut table = std::collections::HashMap::with_hasher(crate::gazetteer::FnvBuild);
    for form in forms {
        for word in [format!("و{form}"), format!("ف{form}"), form] {
            if let Some(cue) = cue_in(lex, &word) {
                table.insert(word, cue);
            }
        }
    }
    table
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
    lexicon().cues.get(norm).copied()
}

/// Whether a word is a reporting verb (not a participle nor an attribution).
pub(super) fn reporting_verb(norm: &str) -> bool {
    matches!(cue_of(norm), Some(Cue::Verb { .. }))
}

/// The cue a word is, read from the lexicon's sets (the table [`cue_of`] looks up is
/// built from it).
fn cue_in(lex: &Lexicon, norm: &str) -> Option<Cue> {
    let bare_forms = [norm, strip_conjunction(norm)];
    for word in bare_forms {
        if lex.participles.contains(word) {
            return Some(Cue::Participle);
        }
        // The feminine participle: مشيرة، معتبرة، مشيدة (a ministry, a body) for مشيرا …
        if let Some(stem) = word.strip_suffix('ه') {
            if lex.participle_stems.contains(stem) {
                return Some(Cue::Participle);
            }
        }
        if lex.attributions.contains(word) {
            return Some(Cue::Attribution);
        }
        if lex.verbs.contains(word) {
            return Some(Cue::Verb {
                implicit_plural: false,
            });
        }
        if let Some(stem) = word.strip_suffix("وا") {
            if lex.verbs.contains(stem) {
                return Some(Cue::Verb {
                    implicit_plural: true,
                });
            }
        }
        if let Some(stem) = word.strip_suffix('ت') {
            if lex.verbs.contains(stem) {
                return Some(Cue::Verb {
                    implicit_plural: false,
                });
            }
        }
    }
    None
}

/// Whether the cue word `ws[i]` reports speech here: «بين» is also the preposition
/// "between" (التنسيق بين الوزارات) and reports only before أن/إن; «تابع لـ» is
/// "affiliated to" (تنظيم مسلح تابع للزعيم الشيعي); a verb's noun after عدم reports
/// nothing (طالبا عدم كشف هويته).
fn reports(ws: &[Word], i: usize) -> bool {
    let bare = strip_conjunction(&ws[i].norm);
    let next = ws.get(i + 1).map(|w| w.norm.as_str());
    if i > 0 && ws[i - 1].norm == "عدم" {
        return false;
    }
    if bare == "بين" && !next.is_some_and(|n| ["ان", "انه", "انها", "بان"].contains(&n))
    {
        return false;
    }
    if bare == "تابع" && next.is_some_and(|n| n.starts_with('ل')) {
        return false;
    }
    let lex = lexicon();
    // The feminine ت is read off as `cue_of` does: وجاءت، وعبرت.
    let bare = match bare.strip_suffix('ت') {
        Some(stem) if matches!(stem, "جاء" | "ورد" | "عبر" | "نقل") => stem,
        _ => bare,
    };
    // «وجاء في بيان وزارة الخارجية» reports; «جاء ذلك في اجتماع» does not. Nor «إن ما
    // جاء في تقرير …» (what the report held, CN-249, blind-7): «ما» makes it the
    // object of another verb, unless an attribution governs it (وفق ما جاء في بيان).
    if matches!(bare, "جاء" | "ورد") {
        let what = i > 0 && ws[i - 1].norm == "ما";
        let attributed = i > 1 && matches!(cue_of(&ws[i - 2].norm), Some(Cue::Attribution));
        if what && !attributed {
            return false;
        }
        return next == Some("في")
            && ws
                .get(i + 2)
                .is_some_and(|w| lex.statements.contains(strip_conjunction(&w.norm)));
    }
    // «نقلت وكالة … عن مصادر» reports; «نقلت الجثث إلى المستشفى» (were taken) does not.
    if bare == "نقل" {
        return ws[i + 1..].iter().take(8).any(|w| w.norm == "عن");
    }
    // «تهدد فيه عناصر من التنظيم» reports a threat; «آفة تهدد البنية الاجتماعية» (seed
    // 004: a plague threatens the social fabric) does not — the threatener must be a
    // group or a title after the verb.
    if matches!(bare, "هدد" | "يهدد" | "تهدد" | "هددت") {
        let lex = lexicon();
        let k = i + 1 + usize::from(next.is_some_and(|n| n.starts_with("في")));
        return ws.get(k).is_some_and(|w| {
            lex.groups.contains(&w.norm)
                || lex.titles.contains(&w.norm)
                || lex.person_titles.contains(&w.norm)
        });
    }
    // «أمر العبادي، بالتحقيق»، «أمر بـ"إنزال القصاص …"» report an order; «أمر ديواني»،
    // «هذا أمر مهم» (the noun) do not.
    if bare == "امر" {
        let with_b = |w: Option<&Word>| w.is_some_and(|w| w.norm.starts_with('ب'));
        // «كان البرلمان قد أمر في بداية حزيران بإلزام …»: بداية after في is no complement.
        let preposition = next.is_some_and(|n| matches!(n, "في" | "خلال" | "منذ" | "قبل" | "بعد"));
        return with_b(ws.get(i + 1)) || (!preposition && with_b(ws.get(i + 2)));
    }
    // «عبر رئيس الوزراء … عن ثقته» reports; «عبر تطبيق تلغرام» is "via".
    if bare == "عبر" {
        return next.is_some_and(|n| lex.titles.contains(n) || lex.groups.contains(n));
    }
    true
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

/// Where a text's line breaks are, found once, so that the paragraph around any
/// position is two binary searches away. (Scanning from each reporting verb to the
/// paragraph's ends made an article of one long paragraph quadratic: a 600 KB body
/// of 2,600 statements took 6 s to read in a debug build, 0.4 s in release.)
struct Paragraphs {
    breaks: Vec<usize>,
    len: usize,
}

impl Paragraphs {
    fn new(chars: &[char]) -> Paragraphs {
        Paragraphs {
            breaks: (0..chars.len()).filter(|&i| chars[i] == '\n').collect(),
            len: chars.len(),
        }
    }

    /// The paragraph holding `at`: from after the line break before it to the next
    /// line break at or after it (or the text's ends).
    fn bounds(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.len);
        let k = self.breaks.partition_point(|&b| b < at);
        let start = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
        let end = self.breaks.get(k).copied().unwrap_or(self.len);
        (start, end)
    }
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
fn colon_spans(chars: &[char], paras: &Paragraphs, ws: &[Word]) -> Vec<Span> {
    let mut spans = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if c != ':' {
            continue;
        }
        let (para_start, para_end) = paras.bounds(i);
        let next = chars[i + 1..para_end].iter().find(|c| !c.is_whitespace());
        if next.is_none_or(|&n| closer_for(n).is_some()) {
            continue;
        }
        let before = within(ws, para_start, i);
        let recent = &before[before.len().saturating_sub(6)..];
        if !recent.iter().any(|w| cue_of(&w.norm).is_some()) {
            continue;
        }
        let (start, end) = trim_span(chars, i + 1, para_end);
        if within(ws, start, end).len() >= 3 {
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

fn is_speech(
    chars: &[char],
    paras: &Paragraphs,
    ws: &[Word],
    span: &Span,
    entities: &[Entity],
) -> bool {
    let content = within(ws, span.start, span.end);
    if content.len() < 3 {
        return false;
    }
    let lex = lexicon();
    // A name in quote marks: «لـ"سكاي نيوز عربية"» is the channel, not speech.
    let (first, last) = (content[0].start, content[content.len() - 1].end);
    if entities
        .iter()
        .flat_map(|e| e.mentions.iter())
        .any(|m| m.start <= first && m.end >= last)
    {
        return false;
    }
    // An organisation's name in quote marks, whatever its length: «"الجيش السوري الحر"»,
    // «ويقول "المرصد السوري لحقوق الإنسان" المعارض» (blind-15, BB-247) — a body's head
    // noun first, no verb of speech, no pronoun on any word and no sentence punctuation.
    if organisation_name(chars, span, content) {
        return false;
    }
    let (para_start, para_end) = paras.bounds(span.outer_start);
    // A related story's headline on its own line (BB-693: «الجيش العراقي "يقتل 45 من
    // عناصر تنظيم الدولة" في غارات جوية شرقي سوريا») is no one's speech: a short line,
    // not the article's first, with no sentence punctuation at its end.
    if headline_line(chars, ws, para_start, para_end) {
        return false;
    }
    // A quoted line on its own is a sub-heading (“غزو تركي لسوريا”), not speech: nothing
    // but spaces and punctuation around it in its paragraph.
    let bare_outside = |from: usize, to: usize| {
        chars[from..to]
            .iter()
            .all(|c| !crate::normalize::is_alphanumeric(*c))
    };
    if bare_outside(para_start, span.outer_start) && bare_outside(span.outer_end, para_end) {
        return false;
    }
    let before = within(ws, para_start, span.outer_start);
    // A label after its naming word, whatever its length: تحت عنوان "…"، ما تعرف بـ"…".
    let n = before.len();
    let label_word = match before.last().map(|w| w.norm.as_str()) {
        Some("ب" | "ل") if n >= 2 => Some(&before[n - 2]),
        _ => before.last(),
    };
    if label_word.is_some_and(|w| {
        let bare = strip_conjunction(&w.norm);
        lex.labels.contains(bare) || lex.labels.contains(bare.strip_prefix('ب').unwrap_or(bare))
    }) && content.len() <= 10
    {
        return false;
    }
    if content.len() <= 4 {
        if let Some(last) = before.last() {
            let bare = strip_conjunction(&last.norm);
            let bare = bare.strip_prefix('ب').unwrap_or(bare);
            if lex.naming.contains(bare) || lex.naming.contains(&last.norm) {
                return false;
            }
        }
    }
    true
}

/// Head nouns of organisations' names: a span that starts with one (after و and ال)
/// names the body («تنسيقيات المحافظات الجنوبية»، «كتلة إنقاذ الوطن»).
const ORGANISATION_HEADS: &[&str] = &[
    "جيش",
    "مرصد",
    "كتلة",
    "تنسيقيات",
    "تنسيقية",
    "حزب",
    "حركة",
    "تيار",
    "جبهة",
    "ائتلاف",
    "مجلس",
    "منظمة",
    "هيئة",
    "تحالف",
    "اتحاد",
    "وحدات",
    "جماعة",
    "تجمع",
    "رابطة",
    "لواء",
    "فيلق",
];

/// Whether a quoted span is an organisation's name: it starts with a head noun of
/// [`ORGANISATION_HEADS`], has at most six words, no sentence punctuation, no word of
/// speech and no word carrying a pronoun (a name says nothing and points at no one).
fn organisation_name(chars: &[char], span: &Span, content: &[Word]) -> bool {
    let head = strip_conjunction(&content[0].norm);
    let head = head.strip_prefix("ال").unwrap_or(head);
    if !lexicon().organisation_heads.contains(head) || content.len() > 6 {
        return false;
    }
    let punctuated = chars[span.start..span.end]
        .iter()
        .any(|c| matches!(c, '.' | '،' | ',' | '؟' | '?' | '!' | ':' | '؛' | ';'));
    let pronoun = content[1..].iter().any(|w| {
        let n = w.norm.as_str();
        ["ها", "هم", "هما", "نا", "كم"]
            .iter()
            .any(|p| n.ends_with(p) && n.chars().count() > 4)
    });
    let speech = content.iter().any(|w| cue_of(&w.norm).is_some());
    !punctuated && !pronoun && !speech
}

/// Whether the paragraph `from..to` is a short headline-like line: not the article's
/// first, at most fourteen words, and ending with no sentence punctuation.
fn headline_line(chars: &[char], ws: &[Word], from: usize, to: usize) -> bool {
    if from == 0 || within(ws, from, to).len() > 14 {
        return false;
    }
    let last = chars[from..to]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace() && **c != '\u{a0}');
    last.is_some_and(|c| crate::normalize::is_alphanumeric(*c))
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
/// points back, or the literal words. `CarryForward` when the verb has no subject of
/// its own, with the words to fall back on when no earlier speaker is known (a bare
/// «المصدر» with nothing before it).
enum Subject {
    Named(Speaker),
    CarryForward(Option<Speaker>),
    /// A definite body noun (وأضاف المركز، وذكرت الوكالة) pointing back to the body
    /// named before in its indefinite form (`noun`, normalized); `literal` if none was.
    BackTo {
        noun: String,
        literal: Speaker,
    },
}

/// The body an «ال»-noun points back to (see [`BODIES`]): the speaker before it when
/// that is the same kind of body, else the last earlier mention of the noun in its
/// construct form with its complement (مركز الإعلام الأمني، وكالة الأنباء العراقية),
/// else the speaker before it.
fn resolve_back(
    chars: &[char],
    ws: &[Word],
    index: &[Mentioned<'_>],
    noun: &str,
    at: usize,
    previous: Option<&Speaker>,
) -> Option<Speaker> {
    if let Some(p) = previous {
        if normalize_key(&p.text).split(' ').any(|w| w == noun) {
            return Some(p.clone());
        }
    }
    let before = &ws[..ws.partition_point(|w| w.start < at)];
    let definite_noun = format!("ال{noun}");
    let bare = |k: usize| -> Option<usize> {
        let w = &before[k];
        // The noun itself or behind one proclitic (لمركز، بوزارة، ووكالة).
        if w.norm == noun {
            return Some(0);
        }
        let mut it = w.norm.chars();
        let first = it.next()?;
        if matches!(first, 'و' | 'ل' | 'ب' | 'ف') && it.as_str() == noun {
            return Some(1);
        }
        // A full name that is itself definite, «وعقد المجلس الوزاري للأمن الوطني …»
        // (SK-2870, blind-7): the noun with ال followed by its complement, not the
        // short form alone (وناقش المجلس تداعيات …).
        // The complement is a لـ phrase or a relative adjective (الوزاري), not the
        // verb's object (ونصح التقرير السعوديين، وطالب المجلس الحكومة).
        let skip = usize::from(strip_conjunction(&w.norm) != w.norm);
        (strip_conjunction(&w.norm) == definite_noun
            && !lexicon().statements.contains(noun)
            && before.get(k + 1).is_some_and(|n| {
                chars[w.end..n.start].iter().all(|c| c.is_whitespace())
                    && ((n.norm.starts_with("ال") && n.norm.ends_with('ي'))
                        || (n.norm.starts_with("لل") && n.norm.chars().count() > 4))
            }))
        .then_some(skip)
    };
    let lex = lexicon();
    if let Some((k, skip)) = (0..before.len())
        .rev()
        .find_map(|k| bare(k).map(|s| (k, s)))
    {
        let start = before[k].start + skip;
        if let Some(m) = index
            .iter()
            .find(|m| m.start >= before[k].start && m.start <= start && m.end > start)
        {
            return Some(entity_speaker(m));
        }
        // A report speaks for its issuer: «تقرير هيومن رايتس ووتش».
        if lex.statements.contains(noun) {
            if let Some(m) = before
                .get(k + 1)
                .and_then(|next| index.iter().find(|m| m.start == next.start))
            {
                return Some(entity_speaker(m));
            }
            if let Some(issuer) = issuer_in_sentence(chars, before, index, k) {
                return Some(issuer);
            }
            // «بيان المجلس»: the genitive is a body's short name, the body named before.
            if let Some(next) = before.get(k + 1) {
                if let Some(body) = next
                    .norm
                    .strip_prefix("ال")
                    .filter(|b| lex.bodies.contains(*b) && !lex.statements.contains(*b))
                {
                    if let Some(full) = resolve_back(chars, ws, index, body, at, None) {
                        return Some(full);
                    }
                }
            }
        }
        let mut end = before[k].end;
        for j in k + 1..before.len().min(k + 5) {
            let w = &before[j];
            let gap_is_space = chars[before[j - 1].end..w.start]
                .iter()
                .all(|c| c.is_whitespace());
            if !gap_is_space
                || !w.norm.starts_with("ال")
                || lex.subject_ends.contains(&w.norm)
                || is_when(&w.norm)
            {
                break;
            }
            end = w.end;
        }
        if end > before[k].end {
            return Some(Speaker {
                entity_id: None,
                text: slice_chars(chars, start, end),
            });
        }
    }
    // Else the body that spoke before, if it was one (a person is not «الوزارة»).
    previous
        .filter(|p| {
            p.entity_id
                .as_deref()
                .is_some_and(|id| id.starts_with("org:"))
                || p.text
                    .split(' ')
                    .next()
                    .is_some_and(|w| lex.bodies.contains(&normalize_key(w)))
        })
        .cloned()
}

/// «دعت "مجموعة الأزمات الدولية" في تقرير الثلاثاء …» (FR-511, blind-7): a statement
/// or report introduced by «في» is the vehicle of its sentence's verb, so its issuer is
/// that verb's subject — the first person or body named in the sentence before «في»,
/// else the words between the sentence's first word (its verb) and «في».
fn issuer_in_sentence(
    chars: &[char],
    before: &[Word],
    index: &[Mentioned<'_>],
    k: usize,
) -> Option<Speaker> {
    let fi = k.checked_sub(1)?;
    if strip_conjunction(&before[fi].norm) != "في" {
        return None;
    }
    let breaks = |a: &Word, b: &Word| {
        chars[a.end..b.start]
            .iter()
            .any(|c| matches!(c, '.' | '\n' | '؛' | ':' | '!' | '؟' | '،' | ','))
    };
    let mut start = fi;
    while start > 0 && !breaks(&before[start - 1], &before[start]) {
        if fi - start >= 8 {
            return None;
        }
        start -= 1;
    }
    let (from, to) = (before[start].start, before[fi].start);
    if let Some(m) = index.iter().find(|m| m.start >= from && m.end <= to) {
        return Some(entity_speaker(m));
    }
    // The verb, then one to four words of its subject, none a preposition's phrase.
    // A sentence that begins with «في» (وفي تقرير …) has neither.
    let subject = before.get(start + 1..fi).unwrap_or_default();
    if subject.is_empty()
        || subject.len() > 4
        || before[start].norm.starts_with("ال")
        || !subject[0].norm.starts_with(|c: char| c != 'ل' && c != 'ب')
        || subject.iter().any(|w| is_when(&w.norm))
    {
        return None;
    }
    Some(Speaker {
        entity_id: None,
        text: slice_chars(chars, subject[0].start, subject[subject.len() - 1].end),
    })
}

/// A sentence break between two words (a full stop, a line, a colon …).
fn sentence_gap(chars: &[char], a: &Word, b: &Word) -> bool {
    chars[a.end.min(b.start)..b.start]
        .iter()
        .any(|c| matches!(c, '.' | '\n' | '؛' | ':' | '!' | '؟'))
}

/// Whether the word at `at` opens its sentence (quote marks aside).
fn opens_sentence(chars: &[char], at: usize) -> bool {
    chars[..at]
        .iter()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '«' | '»' | '“' | '”'))
        .is_none_or(|c| matches!(c, '.' | '\n' | '؛' | ':' | '!' | '؟'))
}

/// Whether a place (a location mention) starts at `at`.
fn located_at(entities: &[Entity], at: usize) -> bool {
    entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Loc)
        .any(|e| e.mentions.iter().any(|m| m.start == at))
}

/// «وأضاف المصدر» (the source): the last speaker whose description has the same noun
/// without ال («مصدر في التحالف الدولي»), when the back-reference is a source's noun.
fn same_noun_before(back: &Speaker, known: &[Speaker]) -> Option<Speaker> {
    let first = normalize_key(back.text.split_whitespace().next()?);
    let noun = strip_conjunction(&first).strip_prefix("ال")?;
    if !matches!(
        noun,
        "مصدر" | "مصادر" | "مسؤول" | "مسؤولون" | "متحدث" | "ناطق" | "ضابط"
    ) {
        return None;
    }
    known
        .iter()
        .rev()
        .find(|s| {
            s.entity_id.is_none()
                && s.text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| normalize_key(w) == noun)
        })
        .cloned()
}

/// «وأشار البيان إلى أن …» with no speaker before (CN-1036, blind-7): the statement
/// named before speaks for its issuer («ونقلت الوكالة بيان المجلس …»).
fn statement_back(
    chars: &[char],
    ws: &[Word],
    index: &[Mentioned<'_>],
    back: Option<&Speaker>,
    at: usize,
) -> Option<Speaker> {
    let first = normalize_key(back?.text.split_whitespace().next()?);
    let noun = strip_conjunction(&first).strip_prefix("ال")?;
    if !matches!(noun, "بيان" | "تقرير") {
        return None;
    }
    resolve_back(chars, ws, index, noun, at, None)
}

/// The person a definite title without a name points back to: the same title written
/// next to a person's name earlier (الرئيس التركي رجب طيب أردوغان … ولفت الرئيس التركي).
fn person_of_title(ws: &[Word], index: &[Mentioned<'_>], title: &[Word]) -> Option<Speaker> {
    let n = title.len();
    let want: Vec<&str> = title.iter().map(|w| strip_conjunction(&w.norm)).collect();
    let before = &ws[..ws.partition_point(|w| w.start < title[0].start)];
    (0..before.len().saturating_sub(n - 1)).rev().find_map(|k| {
        let same = (0..n).all(|j| strip_conjunction(&before[k + j].norm) == want[j]);
        if !same {
            return None;
        }
        let after = before.get(k + n).map(|w| w.start);
        let previous_word = k.checked_sub(1).map(|p| before[p].start);
        index
            .iter()
            .find(|m| {
                m.entity.entity_type == EntityType::Person
                    && (Some(m.start) == after
                        || (previous_word.is_some_and(|p| m.start >= p)
                            && m.end <= before[k].start))
            })
            .map(entity_speaker)
    })
}

fn is_when(word: &str) -> bool {
    let bare = strip_conjunction(word);
    WHEN_WORDS.contains(&bare) || weekday_index(bare).is_some()
}

/// Words that end a subject once it has begun: a weekday or a time of day
/// (أفاد مصدر أمني عراقي صباح الأحد أن …). Not الماضي/العام, which end titles
/// (الأمين العام).
fn ends_subject_as_time(word: &str) -> bool {
    let bare = strip_conjunction(word);
    matches!(bare, "يوم" | "صباح" | "مساء" | "ليله" | "امس" | "اليوم")
        || weekday_index(bare).is_some()
}

fn comma_between(chars: &[char], a: &Word, b: &Word) -> bool {
    chars[a.end..b.start].iter().any(|&c| c == '،' || c == ',')
}

fn subject_after(
    chars: &[char],
    text_words: &[Word],
    from: usize,
    to: usize,
    index: &[Mentioned<'_>],
) -> Subject {
    let lex = lexicon();
    let all = within(text_words, from, to);
    // "صرح مطلع الشهر الجاري حيدر العبادي": when-words before the subject are not it.
    let lead = all.iter().take_while(|w| is_when(&w.norm)).count();
    let mut ws = &all[lead..];
    // «تهدد فيه عناصر من التنظيم …» (SK-2601): a pronoun on في (in it, the video) stands
    // between the verb and its subject; «وقال فيها: "…"» has no subject after it.
    if ws.len() >= 2 && matches!(ws[0].norm.as_str(), "فيه" | "فيها" | "فيهما") {
        ws = &ws[1..];
    }
    // «وجاء في بيان وزارة الخارجية العراقية أنه …»: the statement is the subject.
    let in_statement = ws.len() >= 2
        && ws[0].norm == "في"
        && lex.statements.contains(strip_conjunction(&ws[1].norm));
    if in_statement {
        ws = &ws[1..];
        // «وقال في بيان "…"», «وقال في بيان له»: a statement with no issuer of its own
        // is the verb's hidden subject's — the speaker before it (FR-615: «ودعا رئيس
        // مجلس النواب … سليم الجبوري … وقال في بيان "جريمة إحراق المخازن …"»).
        if ws
            .get(1)
            .is_none_or(|w| matches!(w.norm.as_str(), "له" | "لها" | "لهم"))
        {
            return Subject::CarryForward(None);
        }
    }
    // «بحسب ما ذكره التقرير»، «وفقا لما نقلته الوكالة»: the verb's subject is the source.
    if ws.len() >= 3
        && matches!(ws[0].norm.as_str(), "ما" | "لما")
        && (ws[1].norm.ends_with('ه') || ws[1].norm.ends_with("ته"))
    {
        ws = &ws[2..];
    }
    let Some(first) = ws.first() else {
        return Subject::CarryForward(None);
    };
    // «ونقلت وكالة فرانس برس عن زياد، نجل طارق عزيز قوله»: words passed on by a
    // channel are the words of whoever comes after عن.
    let verb = &text_words[..text_words.partition_point(|w| w.end <= from)];
    let passed_on = verb
        .last()
        .is_some_and(|v| matches!(strip_conjunction(&v.norm), "نقل" | "نقلت"));
    let saying = ws
        .iter()
        .take(14)
        .position(|w| matches!(w.norm.as_str(), "قوله" | "قولها" | "قولهم" | "قولهما"));
    if passed_on || saying.is_some() {
        let limit = saying.unwrap_or(8).min(ws.len());
        if let Some(k) = ws[..limit].iter().position(|w| w.norm == "عن") {
            return subject_after(chars, all, ws[k].end, to, index);
        }
    }
    // A complement in ب is not a subject: «أن العبادي أمر بـ"إنزال القصاص …"» (SK-2642),
    // «وأمر العبادي بالتحقيق» once the subject is read; the speaker is before the verb.
    if (first.norm == "ب" || first.norm.starts_with("بال"))
        && !index.iter().any(|m| m.start == first.start)
    {
        return Subject::CarryForward(None);
    }
    // An object marked accusative is not a subject: «وأوضح دورًا كبيرًا …» (he
    // explained a great role) has the speaker before it.
    let raw_first: String = chars[first.start..first.end].iter().collect();
    if raw_first.ends_with("ًا") || raw_first.ends_with("اً") {
        return Subject::CarryForward(None);
    }
    // Unvocalised, a statement noun in ـا is the accusative object too: «وكان مسعود
    // البارزاني … قد أصدر بيانا انتقد فيه …» (BB-1052) — the issuer came before.
    if first
        .norm
        .strip_suffix('ا')
        .is_some_and(|b| lex.statements.contains(b))
    {
        return Subject::CarryForward(None);
    }
    // A word of the lexicon keeps its first letter: وزير، وزارة، وكالة are not و + زير.
    let head = if lex.titles.contains(&first.norm)
        || lex.bodies.contains(&first.norm)
        || lex.statements.contains(&first.norm)
    {
        first.norm.as_str()
    } else {
        strip_conjunction(&first.norm)
    };
    // After a verb that calls on someone, a sound masculine plural in ـين is its object
    // (accusative), never the subject: «ودعت العراقيين "…"» (she called on the Iraqis)
    // has its speaker before it.
    let calls_on = verb.last().is_some_and(|v| {
        matches!(
            strip_conjunction(&v.norm),
            "دعا" | "دعت" | "طالب" | "طالبت" | "ناشد" | "ناشدت"
        )
    });
    if calls_on
        && head.starts_with("ال")
        && head.ends_with("ين")
        && !matches!(head, "البحرين" | "الحسين")
        && !index.iter().any(|m| m.start == first.start)
    {
        return Subject::CarryForward(None);
    }
    // A statement speaks for whoever issued it: «وأضاف البيان الصادر عن المكتب
    // الإعلامي لرئيس الوزراء: …», «أفاد بيان للحكومة العراقية …».
    if lex.statements.contains(head) {
        // «وقال بيان مقتضب، صادر عن مكتب العبادي» (SK-3173): its adjectives before صادر عن.
        if let Some(m) = ws
            .iter()
            .take(5)
            .position(|w| w.norm == "صادر" || w.norm == "الصادر")
            .filter(|&m| m >= 2 && ws.get(m + 1).is_some_and(|w| w.norm == "عن"))
        {
            return subject_after(chars, all, ws[m + 1].end, to, index);
        }
        let k = if ws
            .get(1)
            .is_some_and(|w| w.norm == "الصادر" || w.norm == "صادر")
        {
            2
        } else {
            1
        };
        if let Some(w) = ws.get(k) {
            if w.norm == "عن" {
                return subject_after(chars, all, w.end, to, index);
            }
            // The issuer as the statement's genitive: «بيان وزارة الخارجية العراقية»،
            // «رسالة السيستاني».
            if k == 1 && (index.iter().any(|m| m.start == w.start) || lex.bodies.contains(&w.norm))
            {
                return subject_after(chars, all, w.start, to, index);
            }
            if k == 1 && w.norm.starts_with('ل') && w.norm.chars().count() > 3 {
                // The issuer is the word without its ل (بيان للحكومة): read it anew.
                // ل before ال drops the alif: للمتحدث is ل + المتحدث.
                let (skip, norm) = match w.norm.strip_prefix("لل") {
                    Some(rest) => (2, format!("ال{rest}")),
                    None => (1, normalize_key(&slice_chars(chars, w.start + 1, w.end))),
                };
                let mut rest = vec![Word {
                    start: w.start + skip,
                    end: w.end,
                    norm,
                }];
                rest.extend(within(all, w.end, to).iter().cloned());
                return subject_after(chars, &rest, w.start + skip, to, index);
            }
        }
    }
    // Words passed on: «وقالت وكالة الأنباء … نقلا عن قيادة الجيش العراقي إنه …».
    if let Some(k) = ws
        .windows(2)
        .take(8)
        .position(|p| p[0].norm == "نقلا" && p[1].norm == "عن")
    {
        return subject_after(chars, all, ws[k + 1].end, to, index);
    }
    // «على» folds to «علي» (the name), so it is told apart on the written word:
    // «وشدد على ضرورة …».
    let ends = |w: &Word| {
        chars[w.start..w.end]
            .iter()
            .eq("على".chars().collect::<Vec<_>>().iter())
            || lex.subject_ends.contains(&w.norm)
            || lex.circumstantial.contains(&w.norm)
            || lex.participles.contains(&w.norm)
    };
    let mut cut = ws
        .iter()
        .enumerate()
        .position(|(i, w)| ends(w) || (i > 0 && ends_subject_as_time(&w.norm)))
        .unwrap_or(ws.len());
    // A title's person may come after a place or a body in في:
    // «وقال عضو المكتب السياسي في الحزب الشيوعي العراقي جاسم الحلفي إن …»;
    // not a setting («قال وزير الدفاع في بيان …»).
    let titled = lex.titles.contains(head) || lex.person_titles.contains(head);
    let mut limit = 8;
    let setting = |w: &Word| {
        lex.settings.contains(&w.norm)
            || w.norm
                .strip_suffix('ه')
                .is_some_and(|b| lex.settings.contains(b))
    };
    if titled
        && ws.get(cut).is_some_and(|w| w.norm == "في")
        && ws
            .get(cut + 1)
            .is_some_and(|w| !setting(w) && !is_when(&w.norm))
    {
        limit = 12;
        let mut commas = 0;
        let mut end = ws.len();
        for i in cut + 1..ws.len() {
            if ends(&ws[i]) || ends_subject_as_time(&ws[i].norm) {
                end = i;
                break;
            }
            if comma_between(chars, &ws[i - 1], &ws[i]) {
                commas += 1;
                if commas == 2 {
                    end = i;
                    break;
                }
            }
        }
        cut = end;
        // Only a name makes the longer phrase worth it: stop at في when no comma
        // introduces one and nothing follows the body.
    }
    let mut subject = &ws[..cut.min(limit)];
    if subject.is_empty() {
        return Subject::CarryForward(None);
    }
    // An office speaks for itself, not for the person it serves: «أعلن المكتب الإعلامي
    // لرئيس مجلس الوزراء العراقي، الدكتور حيدر العبادي، أن …».
    let heads_entity = index.iter().any(|m| m.start == subject[0].start);
    // So does a body for its leader: «وأعرب ائتلاف علاوي عن …» is the coalition.
    if matches!(head, "مكتب" | "المكتب") || (lex.bodies.contains(head) && !heads_entity) {
        // Up to the first punctuation: «"ائتلاف الوطنية" بقيادة …» is the coalition.
        let end = (1..subject.len())
            .find(|&k| {
                chars[subject[k - 1].end..subject[k].start]
                    .iter()
                    .any(|c| !c.is_whitespace())
            })
            .unwrap_or(subject.len());
        return Subject::Named(Speaker {
            entity_id: None,
            text: slice_chars(chars, subject[0].start, subject[end - 1].end),
        });
    }
    // A person the knowledge base does not know, named after the title or description
    // that introduces them: «وقال وزير الموارد المائية العراقي، حسن الجنابي، إن …»
    // (SK-2122), «عن المستشار الأمني للحكومة العراقية هشام الهاشمي قوله» (SK-1600),
    // «وقال السياسي العراقي المستقل، غانم العابد، إن …» (SK-2964).
    if !index
        .iter()
        .any(|m| m.start >= subject[0].start && m.start < subject[subject.len() - 1].end)
    {
        if let Some((s, e)) = name_after_title(chars, subject, titled) {
            return Subject::Named(Speaker {
                entity_id: None,
                text: slice_chars(chars, s, e),
            });
        }
    }
    // Without a title, what follows a comma describes the speaker named before it:
    // «بينما قالت أم أحمد، إحدى سكان المدينة، إن …» → أم أحمد.
    if !titled {
        if let Some(k) =
            (1..subject.len()).find(|&k| comma_between(chars, &subject[k - 1], &subject[k]))
        {
            subject = &subject[..k];
        }
    }
    // The one spoken to is not the speaker: «وقال مصدر أمني لبي بي سي إن …».
    if let Some(k) = (1..subject.len()).find(|&k| {
        subject[k].norm.starts_with('ل') && index.iter().any(|m| m.start == subject[k].start + 1)
    }) {
        subject = &subject[..k];
    }
    let (s, e) = (subject[0].start, subject[subject.len() - 1].end);
    // A person named in the subject is the speaker, also after a title
    // («المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجي»); an organisation
    // only when it heads the subject — after a title it is the office's complement
    // («وفق رئيس الحكومة العراقية» is the prime minister, not the government).
    let person = index
        .iter()
        .find(|m| m.start >= s && m.start < e && m.entity.entity_type == EntityType::Person);
    let heading = index
        .iter()
        .find(|m| m.start >= s && m.start < subject[0].end);
    if let Some(m) = person.or(heading) {
        return Subject::Named(entity_speaker(m));
    }
    let definite_only = subject
        .iter()
        .all(|w| strip_conjunction(&w.norm).starts_with("ال"));
    // «ولفت الرئيس التركي»: a title alone names the person it named before.
    if lex.person_titles.contains(head) && definite_only && subject.len() <= 4 {
        if let Some(p) = person_of_title(text_words, index, subject) {
            return Subject::Named(p);
        }
    }
    // «وأضاف المركز»، «كما عزا الائتلاف دعوته …»: a body's definite noun, with no
    // genitive of its own, points back to the body named before.
    if let Some(noun) = head.strip_prefix("ال").filter(|n| lex.bodies.contains(*n)) {
        let named = |w: &Word| index.iter().any(|m| m.start == w.start);
        let adjectives = subject[1..]
            .iter()
            .take_while(|w| w.norm.starts_with("ال") && !named(w))
            .count();
        let own_complement = subject
            .get(1 + adjectives)
            .is_some_and(|w| w.norm.starts_with('ل') || named(w));
        // A relative adjective (nisba) makes the definite noun a full name of its own:
        // «وجاء في بيان للمركز الإعلامي الأمني "…"» (FR-532, blind-13) is the centre,
        // not «مركز» pointing back. The ل of «للمركز» took the alif of its ال: put back.
        if !own_complement && adjectives >= 1 && subject[1].norm.ends_with('ي') {
            let written = slice_chars(chars, subject[0].start, subject[adjectives].end);
            let prefix = if normalize_key(&written).starts_with("ال") {
                ""
            } else {
                "ال"
            };
            return Subject::Named(Speaker {
                entity_id: None,
                text: format!("{prefix}{written}"),
            });
        }
        if !own_complement {
            return Subject::BackTo {
                noun: noun.to_string(),
                literal: Speaker {
                    entity_id: None,
                    text: slice_chars(chars, subject[0].start, subject[0].end),
                },
            };
        }
    }
    // A group heads its subject (أكد محللون); «أم أحمد، إحدى سكان المدينة» is one woman.
    if lex.groups.contains(&subject[0].norm) {
        // With its relative adjective (nisba): «مصادر أمنية»، «مسؤولون أمنيون».
        let end = match subject.get(1) {
            Some(a)
                if !comma_between(chars, &subject[0], a)
                    && ["يه", "يون", "يين"].iter().any(|e| a.norm.ends_with(e)) =>
            {
                a.end
            }
            _ => subject[0].end,
        };
        return Subject::Named(Speaker {
            entity_id: None,
            text: slice_chars(chars, subject[0].start, end),
        });
    }
    let literal = Speaker {
        entity_id: None,
        text: slice_chars(chars, s, e),
    };
    let phrase = subject
        .iter()
        .map(|w| strip_conjunction(&w.norm))
        .collect::<Vec<_>>()
        .join(" ");
    let starts = |o: &String| {
        phrase
            .strip_prefix(o.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    let office = lex.offices.iter().any(starts) && subject.len() <= 4;
    let back = lex.back_references.iter().any(starts) && subject.len() <= 3;
    if (office || back) && !phrase.contains(" باسم ") {
        return Subject::CarryForward(Some(literal));
    }
    // An organisation named further in the subject, when there is no title before it;
    // not the one spoken to: «وأضاف ياور لـ"سكاي نيوز عربية" أن» (SK-713, blind-7).
    let addressed = |at: usize| {
        let mut back = chars[..at]
            .iter()
            .rev()
            .skip_while(|c| matches!(c, '"' | '«' | '“' | 'ـ'));
        back.next() == Some(&'ل') && back.next().is_none_or(|c| c.is_whitespace())
    };
    if let Some(m) = index
        .iter()
        .find(|m| m.start >= s && m.start < e && !addressed(m.start))
    {
        if !titled {
            return Subject::Named(entity_speaker(m));
        }
    }
    Subject::Named(literal)
}

/// Whether a word is definite (ال, or ال behind ل/ب/و/ك: للحكومة، بالعراق، والدفاع).
fn definite(norm: &str) -> bool {
    norm.starts_with("ال")
        || norm.starts_with("لل")
        || ["بال", "وال", "كال", "فال"]
            .iter()
            .any(|p| norm.starts_with(p))
}

/// Whether a word can start a person's name: not definite, not a title, a body, a
/// statement, a setting, a group, a word that ends a subject, a time word or a number.
fn may_start_name(w: &Word) -> bool {
    let lex = lexicon();
    let n = w.norm.as_str();
    !definite(n)
        && n.chars().count() >= 2
        && !n
            .chars()
            .any(|c| c.is_ascii_digit() || ('٠'..='٩').contains(&c))
        && !n.starts_with("باسم")
        && !lex.titles.contains(n)
        && !lex.person_titles.contains(&format!("ال{n}"))
        && !lex.bodies.contains(n)
        && !lex.statements.contains(n)
        && !lex.settings.contains(n)
        && !lex.groups.contains(n)
        && !lex.subject_ends.contains(n)
        && !lex.circumstantial.contains(n)
        && !is_when(n)
}

/// The name of a person after the title or description that introduces them, when no
/// entity was found in the subject: two or three words, the first not definite (a given
/// name), after a definite word that ends the title (الجنابي after العراقي) or after a
/// comma, and running to the subject's end or to a comma. Without a title (`titled`
/// false) only after a comma that closes an all-definite description («السياسي العراقي
/// المستقل، غانم العابد»); a plain subject with a comma is a name and its description.
fn name_after_title(chars: &[char], subject: &[Word], titled: bool) -> Option<(usize, usize)> {
    let lex = lexicon();
    // A name after a comma first: «رئيس المجلس البلدي لقرية أسديرة، صلاح الدين الشعلان»
    // (SK-981) — لقرية after a definite word is the title's place, not a name.
    let candidates = (1..subject.len())
        .filter(|&k| comma_between(chars, &subject[k - 1], &subject[k]))
        .chain((1..subject.len()).filter(|&k| !comma_between(chars, &subject[k - 1], &subject[k])));
    candidates.into_iter().find_map(|k| {
        let comma = comma_between(chars, &subject[k - 1], &subject[k]);
        if !titled && (!comma || !subject[..k].iter().all(|w| definite(&w.norm))) {
            return None;
        }
        if !(comma || definite(&subject[k - 1].norm)) || !may_start_name(&subject[k]) {
            return None;
        }
        let end = (k + 1..subject.len())
            .find(|&j| comma_between(chars, &subject[j - 1], &subject[j]))
            .unwrap_or(subject.len());
        let tail = &subject[k..end];
        let plain = tail[1..].iter().all(|w| {
            let bare = w.norm.strip_prefix("ال").unwrap_or(&w.norm);
            !lex.bodies.contains(bare)
                && !lex.titles.contains(bare)
                && !lex.person_titles.contains(&w.norm)
                && !w.norm.starts_with('ل')
                && !w.norm.starts_with("بال")
        });
        (plain && (2..=3).contains(&tail.len())).then(|| (tail[0].start, tail[tail.len() - 1].end))
    })
}

/// The person a surname alone names (الصدر، المحمود): a person named before whose last
/// word it is, among the speakers so far and the PERSON mentions before `at`.
fn surname_of(w: &Word, known: &[Speaker], index: &[Mentioned<'_>], at: usize) -> Option<Speaker> {
    surname_norm_of(&w.norm, known, index, at)
}

/// As [`surname_of`], for a word's normalized form.
fn surname_norm_of(
    norm: &str,
    known: &[Speaker],
    index: &[Mentioned<'_>],
    at: usize,
) -> Option<Speaker> {
    let word = strip_conjunction(norm);
    if !word.starts_with("ال") || word.chars().count() < 4 {
        return None;
    }
    let ends_with = |name: &str| {
        let key = normalize_key(name);
        let mut parts = key.split(' ');
        let last = parts.next_back();
        parts.next().is_some() && last == Some(word)
    };
    known
        .iter()
        .rev()
        .find(|s| ends_with(&s.text))
        .cloned()
        .or_else(|| {
            index
                .iter()
                .rev()
                .find(|m| {
                    m.end <= at
                        && m.entity.entity_type == EntityType::Person
                        && ends_with(&m.entity.name_ar)
                })
                .map(entity_speaker)
        })
}

/// Nouns of unnamed sources (normalized): «ضابط برتبة رائد»، «مسؤول محلي» are not names.
const UNNAMED: &[&str] = &[
    "مصدر",
    "ضابط",
    "مسوول",
    "عضو",
    "شاهد",
    "مراسل",
    "مواطن",
    "احد",
    "احدي",
    "متحدث",
    "ناطق",
    "قيادي",
    "مصادر",
    "مسوولون",
    "مسوولين",
];

/// Whether a speaker is a person: linked to one, or a name read off the text (not a
/// title, a body, a group or a statement).
fn person_like(s: &Speaker) -> bool {
    match s.entity_id.as_deref() {
        Some(id) => id.starts_with("person:"),
        None => {
            let first: Vec<char> = s.text.chars().collect();
            let ws = words(&first, 0, first.len());
            (1..=3).contains(&ws.len())
                && may_start_name(&ws[0])
                && !UNNAMED.contains(&strip_conjunction(&ws[0].norm))
        }
    }
}

/// Whether a speaker read literally is a title or description that points back: all of
/// its words definite or under a title (الدبلوماسي البرازيلي، وزير الخارجية), at most
/// four, and written earlier in the text before `at` («يصر الدبلوماسي البرازيلي على
/// اعتقاده …» then «ويقول الدبلوماسي البرازيلي: "…"», BB-285).
fn anaphoric(ws: &[Word], s: &Speaker, at: usize) -> bool {
    let lex = lexicon();
    let chars: Vec<char> = s.text.chars().collect();
    let own = words(&chars, 0, chars.len());
    if own.is_empty() || own.len() > 4 {
        return false;
    }
    let head = strip_conjunction(&own[0].norm);
    let titled = lex.titles.contains(head) || lex.person_titles.contains(head);
    // One definite word alone is a surname (الحلفي), not a description.
    if !titled && (own.len() < 2 || !own.iter().all(|w| w.norm.starts_with("ال"))) {
        return false;
    }
    if lex.groups.contains(head)
        || head
            .strip_prefix("ال")
            .is_some_and(|b| lex.bodies.contains(b) || lex.statements.contains(b))
    {
        return false;
    }
    let before = &ws[..ws.partition_point(|w| w.start < at)];
    let n = own.len();
    before.len() >= n
        && (0..=before.len() - n).any(|k| {
            (0..n)
                .all(|j| strip_conjunction(&before[k + j].norm) == strip_conjunction(&own[j].norm))
        })
}

/// The speaker of «على لسان X» after a quote, in the same sentence.
fn on_the_tongue_of(
    chars: &[char],
    ws: &[Word],
    index: &[Mentioned<'_>],
    from: usize,
    para_end: usize,
) -> Option<Speaker> {
    let end = chars[from..para_end]
        .iter()
        .position(|&c| c == '.' || c == '؟' || c == '!')
        .map_or(para_end, |p| from + p);
    let after = within(ws, from, end);
    let k = after.windows(2).take(16).position(|p| {
        p[1].norm == "لسان"
            && chars[p[0].start..p[0].end]
                .iter()
                .eq(['ع', 'ل', 'ى'].iter())
    })?;
    match subject_after(chars, ws, after[k + 1].end, end, index) {
        Subject::Named(s) => Some(s),
        _ => None,
    }
}

/// Where the paragraph before the one holding `at` starts (blank lines skipped).
fn previous_paragraph_start(chars: &[char], paras: &Paragraphs, at: usize) -> usize {
    let (start, _) = paras.bounds(at);
    let mut i = start;
    while i > 0 && chars[i - 1] == '\n' {
        i -= 1;
    }
    if i == 0 {
        return 0;
    }
    paras.bounds(i - 1).0
}

/// Reporting clauses outside the quotes whose subject is named («وقالت أم أحمد، إحدى
/// سكان المدينة، إن …»): indirect speech names the speaker that a later «وأضافت: …»
/// or «مشيرا إلى أنه "…"» continues.
fn reporting_clauses(
    chars: &[char],
    paras: &Paragraphs,
    all: &[Word],
    spans: &[Span],
    index: &[Mentioned<'_>],
    entities: &[Entity],
) -> Vec<(usize, Speaker)> {
    let mut out = Vec::new();
    let mut next_span = 0;
    for (i, w) in all.iter().enumerate() {
        while next_span < spans.len() && spans[next_span].outer_end <= w.start {
            next_span += 1;
        }
        if spans
            .get(next_span)
            .is_some_and(|s| s.outer_start <= w.start)
        {
            continue; // inside a quote
        }
        if !matches!(
            cue_of(&w.norm),
            Some(Cue::Verb {
                implicit_plural: false
            })
        ) || !reports(all, i)
        {
            continue;
        }
        let (_, para_end) = paras.bounds(w.start);
        let to = spans
            .get(next_span)
            .map_or(para_end, |s| s.outer_start.min(para_end))
            .min(w.end + 160);
        let subject = subject_after(chars, all, w.end, to, index);
        // «وبحسب البيان طالبت بغداد من …»: the attribution opening the sentence names
        // its source; a place after the verb is no speaker of its own.
        let attributed = (0..i)
            .rev()
            .take_while(|&j| !sentence_gap(chars, &all[j], &all[j + 1]))
            .find(|&j| matches!(cue_of(&all[j].norm), Some(Cue::Attribution)))
            .is_some_and(|j| opens_sentence(chars, all[j].start));
        if attributed
            && matches!(&subject, Subject::Named(s) if s.entity_id.is_none())
            && all
                .get(i + 1)
                .is_some_and(|n| located_at(entities, n.start))
        {
            continue;
        }
        match subject {
            Subject::Named(speaker) => {
                let cx = super::speaker::Context {
                    chars,
                    ws: all,
                    entities,
                    verb: Some((w.start, w.end)),
                    limit: to,
                    previous: out.last().map(|(_, s)| s),
                    clause: true,
                };
                // «"…"، وفق ما ذكرت وكالة فرانس برس» names the channel of the words
                // before, not a speaker to carry forward (SK-1525, blind-10: «وتوقع
                // المسؤول» is the officer quoted, not the agency).
                let channel = i > 0
                    && matches!(all[i - 1].norm.as_str(), "ما" | "لما" | "حسبما" | "كما")
                    && super::speaker::media(&speaker);
                if channel {
                    continue;
                }
                if let Some(speaker) = super::speaker::finalize(&cx, Some(speaker)) {
                    out.push((w.start, speaker));
                }
            }
            Subject::BackTo { noun, literal } => {
                let previous = out.last().map(|(_, s): &(usize, Speaker)| s);
                let speaker = resolve_back(chars, all, index, &noun, w.start, previous);
                out.push((w.start, speaker.unwrap_or(literal)));
            }
            // A subject before its verb: «أن «الكاظمي» أكد أن …»; with its title and
            // an auxiliary between, the person first: «وكان مسعود البارزاني زعيم الحزب
            // الديمقراطي الكردستاني قد أصدر بيانا» (BB-1052).
            Subject::CarryForward(_) => {
                let (para_start, _) = paras.bounds(w.start);
                let near = all[i.saturating_sub(3)].start.max(para_start);
                let far = all[i.saturating_sub(8)].start.max(para_start);
                let auxiliary = i > 0 && all[i - 1].norm == "قد";
                let person = auxiliary
                    .then(|| {
                        index.iter().find(|m| {
                            m.entity.entity_type == EntityType::Person
                                && m.start >= far
                                && m.end <= w.start
                        })
                    })
                    .flatten();
                if let Some(m) = person.or_else(|| {
                    index
                        .iter()
                        .rev()
                        .find(|m| m.start >= near && m.end <= w.start)
                }) {
                    out.push((w.start, entity_speaker(m)));
                }
            }
        }
    }
    out
}

pub fn extract(text: &str, entities: &[Entity]) -> Vec<Quote> {
    let chars: Vec<char> = text.chars().collect();
    let ws = words(&chars, 0, chars.len());
    extract_words(&chars, &ws, entities)
}

/// As [`extract`], over a text's characters and words read once for every extractor.
pub(crate) fn extract_words(chars: &[char], ws: &[Word], entities: &[Entity]) -> Vec<Quote> {
    let index = speakers_index(entities);
    let paras = Paragraphs::new(chars);
    let mut spans: Vec<Span> = quoted_spans(chars)
        .into_iter()
        .filter(|s| is_speech(chars, &paras, ws, s, entities))
        .collect();
    spans.extend(colon_spans(chars, &paras, ws));
    spans.sort_by_key(|s| s.start);
    let clauses = reporting_clauses(chars, &paras, ws, &spans, &index, entities);
    let mut next_clause = 0;

    let mut quotes: Vec<Quote> = Vec::new();
    let mut previous: Option<Speaker> = None;
    // Where the previous speaker was last named or quoted.
    let mut previous_at = 0usize;
    // Every speaker named so far, for a surname alone (وقال الصدر، لكن المحمود أشار).
    let mut known: Vec<Speaker> = Vec::new();
    let mut last_end = 0usize;
    for span in spans {
        let (para_start, para_end) = paras.bounds(span.outer_start);
        let window_start = para_start.max(last_end.min(span.outer_start));
        let before = within(ws, window_start, span.outer_start);
        let cue_at_word = |i: usize| {
            if !reports(before, i) {
                return None;
            }
            cue_of(&before[i].norm).map(|c| (i, c))
        };
        let mut cue = (0..before.len()).rev().find_map(cue_at_word);
        // «قال الصدر وفقا لما نقله موقع …»: a verb just before the attribution keeps
        // its subject; the attribution names the channel.
        if let Some((i, Cue::Attribution)) = cue {
            if let Some(verb) = (i.saturating_sub(3)..i)
                .rev()
                .find_map(|k| cue_at_word(k).filter(|(_, c)| matches!(c, Cue::Verb { .. })))
            {
                cue = Some(verb);
            }
        }
        // «وبحسب البيان طالبت بغداد من "…"» (SK-3604, blind-6): an attribution that
        // opens the sentence names the source of all of it; the verb after it keeps
        // its own subject only when that is a person or a body (a place names a
        // government, no source).
        let mut subject_limit = span.outer_start;
        if let Some((i, Cue::Verb { .. })) = cue {
            let attribution = (0..i)
                .rev()
                .take_while(|&j| !sentence_gap(chars, &before[j], &before[j + 1]))
                .find(|&j| matches!(cue_at_word(j), Some((_, Cue::Attribution))));
            if let Some(j) = attribution.filter(|&j| opens_sentence(chars, before[j].start)) {
                let own = subject_after(chars, ws, before[i].end, span.outer_start, &index);
                let place = |s: &Speaker| {
                    s.entity_id.is_none()
                        && within(ws, before[i].end, span.outer_start)
                            .first()
                            .is_some_and(|w| located_at(entities, w.start))
                };
                let weak = match &own {
                    Subject::CarryForward(None) => true,
                    Subject::Named(s) => place(s),
                    _ => false,
                };
                if weak {
                    cue = Some((j, Cue::Attribution));
                    subject_limit = before[i].start;
                }
            }
        }
        // The speakers of indirect speech before this quote's cue come first.
        let cue_at = cue.map_or(span.outer_start, |(i, _)| before[i].start);
        while next_clause < clauses.len() && clauses[next_clause].0 < cue_at {
            previous = Some(clauses[next_clause].1.clone());
            previous_at = clauses[next_clause].0;
            known.push(clauses[next_clause].1.clone());
            next_clause += 1;
        }
        let by_surname = |w: &Word| surname_of(w, &known, &index, w.start);
        // A pronoun subject with no speaker before it: the nearest person named in this
        // paragraph or the one before (جاء ذلك في تدوينة على صفحة … حيدر العبادي …،
        // حيث قال: "…").
        let nearest_person = |before_pos: usize| {
            let from = previous_paragraph_start(chars, &paras, before_pos);
            index
                .iter()
                .rev()
                .find(|m| {
                    m.entity.entity_type == EntityType::Person
                        && m.start >= from
                        && m.end <= before_pos
                })
                .map(|m| entity_speaker(m))
        };
        let mut verb = None;
        // The reporting word's own span (a verb after the quote is after it, even when
        // the same word was written before: «بحسب تقرير …» … «"…"، بحسب التقرير»).
        let mut verb_span = None;
        let speaker = match cue {
            Some((i, Cue::Participle)) => {
                verb = Some(slice_chars(chars, before[i].start, before[i].end));
                verb_span = Some((before[i].start, before[i].end));
                super::speaker::sentence_head_person(chars, ws, entities, before[i].start)
                    .or_else(|| previous.clone())
                    .or_else(|| nearest_person(before[i].start))
            }
            Some((i, cue)) => {
                verb = Some(slice_chars(chars, before[i].start, before[i].end));
                verb_span = Some((before[i].start, before[i].end));
                let implicit = matches!(
                    cue,
                    Cue::Verb {
                        implicit_plural: true
                    }
                );
                let subject = if implicit {
                    Subject::CarryForward(None)
                } else {
                    subject_after(chars, ws, before[i].end, subject_limit, &index)
                };
                let first_after = within(ws, before[i].end, span.outer_start)
                    .iter()
                    .find(|w| !is_when(&w.norm));
                match subject {
                    Subject::Named(s) if s.entity_id.is_none() => first_after
                        .and_then(by_surname)
                        .or_else(|| {
                            anaphoric(ws, &s, before[i].start)
                                .then(|| previous.clone().filter(person_like))
                                .flatten()
                        })
                        .or(Some(s)),
                    Subject::Named(s) => Some(s),
                    Subject::BackTo { noun, literal } => {
                        resolve_back(chars, ws, &index, &noun, before[i].start, previous.as_ref())
                            .or(Some(literal))
                    }
                    Subject::CarryForward(fallback) => {
                        // «وأضاف المصدر …» points back to the source named before
                        // («قال مصدر في التحالف الدولي …», BB-433, blind-6), not to
                        // whoever spoke last.
                        let source = fallback.as_ref().and_then(|f| same_noun_before(f, &known));
                        // A verb with no subject of its own inside a sentence whose
                        // verb has a named subject continues it: «وأمر حيدر العبادي
                        // قوات الأمن …، لكنه قال إن "…"» (BB-740, blind-8).
                        let head = fallback
                            .is_none()
                            .then(|| {
                                super::speaker::sentence_head_person(
                                    chars,
                                    ws,
                                    entities,
                                    before[i].start,
                                )
                            })
                            .flatten();
                        // A surname alone before its verb: «لكن المحمود أشار إلى أن …»
                        // (FR-654) is مدحت المحمود named before.
                        let surname = i
                            .checked_sub(1)
                            .filter(|&p| before[p].start >= window_start)
                            .and_then(|p| by_surname(&before[p]));
                        // A subject before its verb: “الكاظمي” رأى بكلمته أن: «…»
                        let clause_start = before[i.saturating_sub(3)..i]
                            .first()
                            .map_or(before[i].start, |w| w.start)
                            .saturating_sub(1);
                        source
                            .or(surname)
                            .or_else(|| {
                                index
                                    .iter()
                                    .rev()
                                    .find(|m| {
                                        m.start >= clause_start.max(window_start)
                                            && m.end <= before[i].start
                                    })
                                    .map(|m| entity_speaker(m))
                            })
                            .or(head)
                            .or_else(|| previous.clone())
                            .or_else(|| {
                                statement_back(
                                    chars,
                                    ws,
                                    &index,
                                    fallback.as_ref(),
                                    before[i].start,
                                )
                            })
                            .or(fallback)
                            .or_else(|| nearest_person(before[i].start))
                    }
                }
            }
            None => {
                // A verb after the quote: «…»، أضاف “الكاظمي” بكلمة له …
                let after = within(ws, span.outer_end, para_end);
                let found = after
                    .iter()
                    .take(3)
                    .enumerate()
                    .find_map(|(i, w)| cue_of(&w.norm).map(|c| (i, c)));
                match found {
                    Some((i, _)) => {
                        verb = Some(slice_chars(chars, after[i].start, after[i].end));
                        verb_span = Some((after[i].start, after[i].end));
                        match subject_after(
                            chars,
                            ws,
                            after[i].end,
                            para_end.min(after[i].end + 60),
                            &index,
                        ) {
                            Subject::Named(s) => Some(s),
                            Subject::BackTo { noun, literal } => resolve_back(
                                chars,
                                ws,
                                &index,
                                &noun,
                                after[i].start,
                                previous.as_ref(),
                            )
                            .or(Some(literal)),
                            Subject::CarryForward(fallback) => previous.clone().or(fallback),
                        }
                    }
                    // No cue at all: the words continue the speaker named or quoted
                    // in this paragraph or the one before («وحث السلطات أيضا على "…"»
                    // after «وطالب جان كوبيش … في بيان السلطات "…"», BB-966; «واطلعت على
                    // "…"» after «وأشارت اللجنة في تقريرها إلى أنها "…"», FR-842).
                    // An organisation or person named earlier in the quote's own
                    // sentence (and after any earlier quote) is its subject instead:
                    // «ويذكر أن البرلمان العراقي صوت على قرار … "…"» (CN-141).
                    None => {
                        let sentence_start = chars[window_start..span.outer_start]
                            .iter()
                            .rposition(|&c| matches!(c, '.' | '؟' | '!'))
                            .map_or(window_start, |p| window_start + p);
                        // Only a name heading the sentence (within its first four
                        // words) is its subject; later ones are objects or addressees
                        // («خير الأسد قوات سوريا الديمقراطية …»، «لـ"سكاي نيوز عربية"»).
                        let head_end = within(ws, sentence_start, span.outer_start)
                            .get(4)
                            .map_or(span.outer_start, |w| w.start);
                        index
                            .iter()
                            .find(|m| m.start >= sentence_start && m.end <= span.outer_start)
                            .filter(|m| m.start < head_end)
                            .filter(|_| last_end <= sentence_start || last_end < para_start)
                            .map(entity_speaker)
                            .or_else(|| {
                                previous.clone().filter(|_| {
                                    previous_at
                                        >= previous_paragraph_start(chars, &paras, span.outer_start)
                                })
                            })
                    }
                }
            }
        };
        // «…» وفقا لما نقله موقع … على لسان رئيس الكتلة عرفات كرم (CN-108): the words
        // are put "on the tongue" of whoever follows, whatever verb came before.
        let speaker = on_the_tongue_of(chars, ws, &index, span.outer_end, para_end).or(speaker);
        let speaker = super::speaker::finalize(
            &super::speaker::Context {
                chars,
                ws,
                entities,
                verb: verb_span,
                limit: span.outer_start,
                previous: previous.as_ref(),
                clause: false,
            },
            speaker,
        );
        // A surname alone that the last look kept as written (لكن المحمود أشار) is the
        // person named in full before, when there is one.
        let speaker = speaker.map(|s| {
            let key = normalize_key(&s.text);
            match s.entity_id {
                None if !key.contains(' ') => {
                    surname_norm_of(&key, &known, &index, span.outer_start).unwrap_or(s)
                }
                _ => s,
            }
        });
        if let Some(s) = &speaker {
            previous = Some(s.clone());
            previous_at = span.outer_start;
            known.push(s.clone());
        }
        last_end = span.outer_end;
        quotes.push(Quote {
            start: span.start,
            end: span.end,
            text: slice_chars(chars, span.start, span.end),
            verb,
            speaker,
        });
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::{cue_in, cue_of, lexicon, words, Paragraphs};

    #[test]
    fn the_cue_table_answers_as_the_lexicon() {
        // Every word of the seed articles (real Iraqi news: قال، وأضاف، مشيرة، أكدوا …),
        // and each behind و، ف، وب and with ه، ت، وا، ا after it: the table's answer is
        // the lexicon's.
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let mut norms: Vec<String> = Vec::new();
        for path in std::fs::read_dir(seeds).unwrap() {
            let path = path.unwrap().path();
            if path.extension().is_some_and(|x| x == "txt") {
                let chars: Vec<char> = std::fs::read_to_string(path).unwrap().chars().collect();
                norms.extend(words(&chars, 0, chars.len()).into_iter().map(|w| w.norm));
            }
        }
        let lex = lexicon();
        let (mut cues, mut asked) = (0, 0);
        for norm in &norms {
            for word in [
                norm.clone(),
                format!("و{norm}"),
                format!("ف{norm}"),
                format!("وب{norm}"),
                format!("{norm}ه"),
                format!("{norm}ت"),
                format!("{norm}وا"),
                format!("{norm}ا"),
                norm.strip_suffix('ه').unwrap_or(norm).to_string(),
            ] {
                assert_eq!(cue_of(&word), cue_in(lex, &word), "{word}");
                asked += 1;
                cues += usize::from(cue_of(&word).is_some());
            }
        }
        assert!(cues > 100 && asked > 10_000, "{cues} cues of {asked}");
    }

    /// The paragraph around every position, as a scan from it to the nearest line
    /// breaks finds it: at the text's ends, on a break, between blank lines.
    #[test]
    fn paragraph_bounds_are_those_a_scan_finds() {
        let text = "قال الكاظمي: نعم\n\nوأضاف المتحدث: لا\nسطر أخير";
        let chars: Vec<char> = text.chars().collect();
        let paras = Paragraphs::new(&chars);
        for at in 0..=chars.len() + 2 {
            let a = at.min(chars.len());
            let start = chars[..a]
                .iter()
                .rposition(|&c| c == '\n')
                .map_or(0, |p| p + 1);
            let end = chars[a..]
                .iter()
                .position(|&c| c == '\n')
                .map_or(chars.len(), |p| a + p);
            assert_eq!(paras.bounds(at), (start, end), "at {at}");
        }
        assert_eq!(Paragraphs::new(&[]).bounds(0), (0, 0));
    }
}

#[cfg(test)]
mod speaker_tests {
    use super::extract;

    /// (quote, speaker) of every quote, without a knowledge base (no entities).
    fn said(text: &str) -> Vec<(String, String)> {
        extract(text, &[])
            .into_iter()
            .map(|q| (q.text, q.speaker.map_or(String::new(), |s| s.text)))
            .collect()
    }

    fn quoted(text: &str) -> Vec<String> {
        super::extract(text, &[])
            .into_iter()
            .map(|q| q.text)
            .collect()
    }

    #[test]
    fn an_organisations_name_in_quote_marks_is_not_speech() {
        // blind-15 BB-247 and SK-3046: a body's head noun (مرصد، تنسيقيات، جيش) opens a
        // name of three words or more; the name says nothing, so it is no quote.
        assert!(quoted(
            "ويقول \"المرصد السوري لحقوق الإنسان\" المعارض إن 289 مدنيا على الأقل قتلوا."
        )
        .is_empty());
        assert!(quoted("ودعت \"تنسيقيات المحافظات الجنوبية\" في بيان إلى التظاهر.").is_empty());
        assert!(quoted("بدعم من مسلحي \"الجيش السوري الحر\" السوريين.").is_empty());
        // SK-3314 (blind-15): a head noun ending in ta marbuta (كتلة) is matched as the
        // text core normalizes it (كتله), like every list of this lexicon.
        assert!(
            quoted("للالتحاق بكتلته المعارضة التي سيشكلها تحت مسمى \"كتلة إنقاذ الوطن\".")
                .is_empty()
        );
        // A body's noun heading words with a pronoun or punctuation is speech about it.
        assert_eq!(
            quoted("وقال المتحدث \"الجيش لن يتخلى عن مواقعه، مهما كلفنا ذلك\".").len(),
            1
        );
    }

    #[test]
    fn a_case_named_after_qadiya_is_a_name() {
        // CN-1321: «بقضية "فض اعتصام رابعة"» names the trial, whatever its length.
        assert!(quoted(
            "حكمها بإعدام 75 متهما بقضية \"فض اعتصام رابعة\" وفقا لما أوردته بوابة الأهرام."
        )
        .is_empty());
    }

    #[test]
    fn a_related_storys_headline_is_not_speech() {
        // BB-693: a short line after the article's first, with no full stop, is the
        // headline of another story linked under the text.
        let text = "قال التنظيم في بيان إنه قتل الجنود.\nالجيش العراقي \"يقتل 45 من عناصر تنظيم الدولة\" في غارات جوية شرقي سوريا\nنبذة عن أبوبكر البغدادي";
        assert!(quoted(text).is_empty());
    }

    #[test]
    fn a_name_the_knowledge_base_lacks_follows_its_title() {
        // SK-2122 (blind-4) and SK-1600 (blind-4): the minister and the adviser are
        // named after their titles, with or without commas; the name is the speaker.
        let found = said("وقال وزير الموارد المائية العراقي، حسن الجنابي، إن \"دخول سد إليسو حيز الملء عقّد أزمة المياه التي نواجهها\".");
        assert_eq!(found[0].1, "حسن الجنابي", "{found:?}");
        let found = said("ونقلت صحيفة واشنطن بوست الأميركية عن المستشار الأمني للحكومة العراقية هشام الهاشمي قوله إن \"هذه هي العملية التي كسرت جمجمة داعش\".");
        assert_eq!(found[0].1, "هشام الهاشمي", "{found:?}");
        // SK-2964 (blind-3): a description without a title, then the name after a comma.
        let found = said("وقال السياسي العراقي المستقل، غانم العابد، إن الحكومات العراقية المتعاقبة أنفقت حوالي 40 مليار دولار أميركي على الكهرباء، قائلا \"إنه بهذا المبلغ كان من الممكن شراء أصول شركات\".");
        assert_eq!(found[0].1, "غانم العابد", "{found:?}");
        // SK-981 (facts): the place after لـ belongs to the title, the name is after the comma.
        let found = said("وقال رئيس المجلس البلدي لقرية أسديرة، صلاح الدين الشعلان،  إنه \"بعد وصول المشيعين إلى مقبرة القرية انفجرت عبوتان\".");
        assert_eq!(found[0].1, "صلاح الدين الشعلان", "{found:?}");
        // An unnamed source keeps its description: «وقال ضابط برتبة رائد في الشرطة».
        let found = said("وقال ضابط برتبة رائد في الشرطة إن التفجيرين \"أسفرا عن سقوط ثلاثة جرحى\" في ساحة الأندلس.");
        assert_eq!(found[0].1, "ضابط برتبة رائد", "{found:?}");
    }

    #[test]
    fn orders_recommendations_and_chants_report_words() {
        // FR-842 (blind-4): a committee's recommendation quotes its wording; the
        // definite «اللجنة» is the committee.
        let found =
            said("وأوصت اللجنة \"بتشريع قانون جديد يضمن تولي قضاة مهمة إدارة العملية الانتخابية\".");
        assert_eq!(found[0].1, "اللجنة", "{found:?}");
        // FR-809 (blind-2): the protesters chant a slogan; a crowd is a group speaker.
        let found = said("وردد المتظاهرون هتافات أبرزها \"كلا كلا للفساد\" في البلد.");
        assert_eq!(found[0].1, "المتظاهرون", "{found:?}");
        // SK-2601 (blind-2): members of the organisation threaten in the video.
        let found = said("ونشرت الوكالة فيديو، يهدد فيه عناصر من التنظيم بإعدام 6 أشخاص، ما لم يتم إطلاق سراح \"المعتقلات من أهل السنة\" خلال 3 أيام.");
        assert_eq!(found[0].1, "عناصر", "{found:?}");
    }

    #[test]
    fn look_alike_verbs_report_nothing() {
        // Seed 004: «آفة تهدد البنية الاجتماعية» (a plague threatens the social fabric)
        // names no speaker; the participle carries «الكاظمي»'s words on.
        let found = said("وأكد الكاظمي على العمل المهني، مطالبًا بملاحقة عصابات المخدرات، لأنها آفة تهدد البنية الاجتماعية للمجتمع العراقي، قائلا: نوجّه بالاستمرار بهذه الضربات للقضاء على الإرهاب");
        assert_eq!(found[0].1, "الكاظمي", "{found:?}");
        // FR-654 (blind-4): «قد أمر في بداية حزيران» — بداية after في is no complement of
        // an order, so the parliament is not a speaker here.
        let found = said("وقال رئيس المحكمة مدحت المحمود في مؤتمر صحافي \"تجد المحكمة أن توجه مجلس النواب إجراء تنظيمي\".\nكان البرلمان العراقي قد أمر في بداية حزيران/يونيو بإلزام المفوضية.\nلكن المحمود أشار إلى أن النتائج التي \"شابتها المخالفات كالتزوير وغيره يمكن إرجاء إعلان نتائجها\".");
        assert_eq!(found[0].1, "مدحت المحمود", "{found:?}");
        // A surname alone before its verb names the person named in full before.
        assert_eq!(found[1].1, "مدحت المحمود", "{found:?}");
    }

    #[test]
    fn words_with_no_verb_of_their_own_continue_the_speaker_before() {
        // BB-966 (blind-2): «وحث السلطات أيضا على "…"» — حث is not a reporting verb here
        // and there is no subject; the envoy of the paragraph before goes on.
        let found = said("وطالب جان كوبيش، ممثل الأمم المتحدة في العراق، في بيان السلطات \"بتجنب استخدام القوة المفرطة في مواجهة المتظاهرين\".\nوحث السلطات أيضا على \"التحقيق في الأمر ومحاسبة المسؤولين عن اندلاع العنف\".");
        assert_eq!(found[1].1, found[0].1, "{found:?}");
        assert!(!found[1].1.is_empty(), "{found:?}");
    }

    #[test]
    fn words_put_on_someones_tongue_are_theirs() {
        // CN-108 (blind-4): «على لسان رئيس الكتلة عرفات كرم» after the quote names the
        // speaker, whatever the verb before it (اعتبرت with an object).
        let found = said("لكن كتلة الحزب الديمقراطي الكردستاني النيابية قررت الإثنين، اعتبرت قرار التنفيذ \"عقوبة جماعية لشعب كردستنا،\" وفقاً لما نقله موقع قناة \"السومرية\" على لسان رئيس الكتلة عرفات كرم.");
        assert_eq!(found[0].1, "عرفات كرم", "{found:?}");
    }

    #[test]
    fn a_description_written_before_points_back_to_the_person() {
        // BB-285 (blind-3): «الدبلوماسي البرازيلي» was written earlier of the man who
        // then spoke; used again as a subject it is him, not a new source.
        let found = said("يصر الدبلوماسي البرازيلي على اعتقاده بأنه كان يمكنه أن يساعد.\nويقول خوسيه بوستاني: \"آمل أن يتعلم كل شخص دروسا مما حدث\".\nويقول الدبلوماسي البرازيلي: \"كان بولتون عنصرا فعالا في جهود إقالتي من منصبي\".");
        assert_eq!(found[1].1, found[0].1, "{found:?}");
    }

    #[test]
    fn a_report_introduced_by_fi_speaks_for_its_sentences_subject() {
        // FR-511 (blind-7): «دعت "مجموعة الأزمات الدولية" في تقرير الثلاثاء …»: the
        // report is the group's; the weekday after «تقرير» is no issuer.
        let found = said("دعت \"مجموعة الأزمات الدولية\" في تقرير الثلاثاء السعودية لعدم تحويل العراق إلى \"ساحة معركة جديدة بين القوى\".\nودعا التقرير الرياض أيضا إلى ضرورة النظر في إجراءات \"للاعتراف علنا بالمذهب الشيعي كإحدى المدارس الإسلامية\".");
        assert_eq!(
            found.last().unwrap().1,
            "مجموعة الأزمات الدولية",
            "{found:?}"
        );
    }

    #[test]
    fn what_a_report_held_is_not_a_report_of_speech() {
        // CN-249 (blind-7): «إن ما جاء في تقرير نشره موقع …»: «ما جاء» is the object
        // of the statement's verb; the statement speaks.
        let found = said("وقال بيان المكتب إن ما جاء في تقرير نشره موقع \"مونيتر\" حول صفقة السلاح، والتي ألغتها الحكومة السابقة لوجود \"شبهات فساد فيها\" لا يستند إلى حقائق.");
        assert!(found[0].1.contains("المكتب"), "{found:?}");
    }

    #[test]
    fn a_source_named_again_is_the_source_named_before() {
        // BB-433 (blind-6): «وأضاف المصدر» is the coalition source, not the ministry
        // quoted in between.
        let found = said("قال مصدر في التحالف الدولي لبي بي سي إنه يعتقد أن \"الضربات الجوية البريطانية قد أدت لمقتل مدنيين\".\nوتقول وزارة الدفاع العراقية إنه \"تم عمل كل ما في الإمكان للحد من الخطر\".\nوأضاف المصدر الذي فضل عدم ذكر اسمه أنه \"من المستحيل شن غارات جوية في مناطق مكتظة\".");
        assert!(found[2].1.starts_with("مصدر"), "{found:?}");
    }

    #[test]
    fn a_statement_with_no_speaker_before_speaks_for_its_issuer() {
        // CN-1036 (blind-7): «ونقلت الوكالة بيان المجلس … وأشار البيان»: the council,
        // «المجلس» being the parliament named in full.
        let found = said("عقد مجلس النواب العراقي جلسة استثنائية.\nونقلت الوكالة بيان المجلس الذي أكد فيه أن أعضاء مجلس النواب العراقي صوتوا على قرارات.\nوأشار البيان إلى أن القرار يضمن \" إلغاء انتخابات الخارج والتصويت المشروط في مخيمات النازحين\".");
        assert_eq!(found[0].1, "مجلس النواب العراقي", "{found:?}");
    }
}
