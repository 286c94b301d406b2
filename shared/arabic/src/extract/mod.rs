//! Extractors built on the text core, each in its own file with its own test table:
//!
//! - [`entities`]: knowledge-base names (clitic-aware), short forms resolved inside
//!   the article, salience and geocoding.
//! - [`names`]: the names the knowledge base does not know, from the statistical tagger.
//! - [`quotes`]: quoted and direct speech with the reporting verb and the speaker.
//! - [`dates`]: calendar dates in both month-name systems, vague and relative forms.
//! - [`counts`]: casualty and other counts from digits, number words and the dual.
//! - [`hashtags`]: `#صلاح_الدين` → `صلاح_الدين`.
//! - [`themes`]: themes and GDELT-style tone from lexicons kept as data files.
//! - [`events`]: the incidents reported (ACLED types), with place, date and fatalities.
//! - [`events_model`]: the stacked layer that may overrule the rules' main event type
//!   (opt-in, `enrich.events_model`).
//!
//! [`Enricher`] runs them all over one article; it is built once and shared.

pub mod counts;
pub mod dates;
pub mod entities;
pub mod events;
pub mod events_model;
pub mod hashtags;
pub mod names;
pub mod numbers;
pub mod quotes;
mod speaker;
pub mod themes;

use marsad_messages::{Count, DateMention, Entity, Event, Quote, Tone};

use crate::gazetteer::{self, Gazetteer};

/// What the extractors found in one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub counts: Vec<Count>,
    pub events: Vec<Event>,
    pub hashtags: Vec<String>,
    pub themes: Vec<String>,
    pub tone: Tone,
}

/// Every extractor, with its read-only data, built once.
pub struct Enricher {
    gazetteer: Gazetteer,
    /// The knowledge base's names and the theme, tone and event terms, walked at once.
    joint: gazetteer::Joint,
    /// The statistical tagger, when a model is loaded.
    tagger: Option<names::Tagger>,
    themes: themes::TermLexicon,
    tone: themes::TermLexicon,
    events: themes::TermLexicon,
    /// The stacked main-event-type layer, when a model is loaded ([`events_model`]).
    events_model: Option<events_model::EventsModel>,
}

/// Context an article brings: when it was published (relative dates resolve against it)
/// and its headline (where news names the main event).
#[derive(Debug, Clone, Copy, Default)]
pub struct ArticleContext<'a> {
    /// (year, month, day) of publication, when known.
    pub published: Option<(i32, u8, u8)>,
    pub title: Option<&'a str>,
}

impl Enricher {
    pub fn new(gazetteer: Gazetteer) -> Self {
        let themes = themes::theme_lexicon();
        let tone = themes::tone_lexicon();
        let events = events::lexicon();
        let joint = gazetteer::Joint::new(&[
            &gazetteer,
            themes.matcher(),
            tone.matcher(),
            events.matcher(),
        ]);
        Enricher {
            gazetteer,
            joint,
            tagger: None,
            themes,
            tone,
            events,
            events_model: None,
        }
    }

    /// The same extractors with the statistical tagger's names beside the knowledge
    /// base's.
    pub fn with_tagger(mut self, tagger: names::Tagger) -> Self {
        self.tagger = Some(tagger);
        self
    }

    /// The same extractors with the stacked layer choosing the main event's type
    /// ([`events_model`]).
    pub fn with_events_model(mut self, model: events_model::EventsModel) -> Self {
        self.events_model = Some(model);
        self
    }

    pub fn has_events_model(&self) -> bool {
        self.events_model.is_some()
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn has_tagger(&self) -> bool {
        self.tagger.is_some()
    }

    /// The statistical tagger, when a model is loaded.
    pub fn tagger(&self) -> Option<&names::Tagger> {
        self.tagger.as_ref()
    }

    /// Runs every extractor over `text`. Offsets are character offsets into `text`.
    pub fn extract(&self, text: &str, context: &ArticleContext) -> Extraction {
        match self.extract_checked(text, context, &mut |_| true) {
            Ok(extraction) => extraction,
            Err(stopped) => {
                unreachable!("nothing asked to stop, yet stopped after {}", stopped.after)
            }
        }
    }

    /// As [`extract`](Self::extract), asking `go_on` after each stage (with the stage's
    /// name) whether to go on: a caller bounds the work one article may take, and an
    /// article that would take longer stops between stages instead of holding its
    /// worker.
    pub fn extract_checked(
        &self,
        text: &str,
        context: &ArticleContext,
        go_on: &mut dyn FnMut(&'static str) -> bool,
    ) -> Result<Extraction, Stopped> {
        let mut done = |after: &'static str| {
            if go_on(after) {
                Ok(())
            } else {
                Err(Stopped { after })
            }
        };
        let view = gazetteer::matching_view(text);
        let [matches, theme_matches, tone_matches, event_matches]: [Vec<_>; 4] =
            self.joint.find_in(&view).try_into().expect("four parts");
        let mut entities = entities::resolve(&self.gazetteer, text, &matches);
        done("entities")?;
        if let Some(tagger) = &self.tagger {
            tagger.add_entities(text, &mut entities);
            done("names")?;
        }
        // Quotes, dates, counts and events read the same words: split and normalize
        // them once.
        let chars: Vec<char> = text.chars().collect();
        let ws = words(&chars, 0, chars.len());
        let quotes = quotes::extract_words(&chars, &ws, &entities);
        done("quotes")?;
        let dates = dates::extract_words(&chars, &ws, context);
        done("dates")?;
        let counts = counts::extract_words(&chars, &ws);
        done("counts")?;
        let hashtags = hashtags::extract(text);
        let themes = themes::themes_of(&self.themes, theme_matches);
        let tone = themes::tone_of(&self.tone, &view, tone_matches);
        done("themes")?;
        let sentences = crate::sentence::sentences(text);
        let published = context
            .published
            .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
        let events = events::extract(
            &self.events,
            context.title,
            event_matches,
            &ws,
            &sentences,
            &events::Found {
                entities: &entities,
                quotes: &quotes,
                dates: &dates,
                counts: &counts,
            },
            published.as_deref(),
            self.events_model.as_ref().map(|m| (m, text)),
        );
        done("events")?;
        Ok(Extraction {
            entities,
            quotes,
            dates,
            counts,
            events,
            hashtags,
            themes,
            tone,
        })
    }
}

/// An extraction its caller stopped: the last stage done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    pub after: &'static str,
}

/// The weekday a normalized word names, Sunday = 0 (as `days_from_civil(..) + 4 mod 7`).
/// The one table of weekday names for every extractor.
pub(crate) fn weekday_index(norm: &str) -> Option<i64> {
    Some(match norm {
        "الاحد" => 0,
        "الاثنين" => 1,
        "الثلاثاء" => 2,
        "الاربعاء" => 3,
        "الخميس" => 4,
        "الجمعه" => 5,
        "السبت" => 6,
        _ => return None,
    })
}

/// Character offsets helper: a text's chars, for slicing by char offsets.
pub(crate) fn slice_chars(chars: &[char], start: usize, end: usize) -> String {
    chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect()
}

/// A set of normalized words (the extractors' word lists): every word of every article is
/// looked up in several.
pub(crate) type WordSet = std::collections::HashSet<String, crate::gazetteer::FnvBuild>;

/// A word with its character span and its normalized form.
#[derive(Debug, Clone)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub norm: String,
}

/// Tashkeel and tatweel, which sit inside words (the one list the extractors share).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// A character that ends a sentence for the count and date rules: a terminator of
/// [`crate::sentence`] or a line break.
pub(crate) fn ends_sentence(c: char) -> bool {
    c == '\n' || crate::sentence::is_terminator(c)
}

fn is_word_char(c: char) -> bool {
    crate::normalize::is_alphanumeric(c) || is_mark(c)
}

/// The words of `ws` (a text's words, in order) that lie wholly inside `from..to`: the
/// same as splitting that range again, except that a word the range cuts is left out.
pub(crate) fn within(ws: &[Word], from: usize, to: usize) -> &[Word] {
    let a = ws.partition_point(|w| w.start < from);
    let b = ws.partition_point(|w| w.end <= to).max(a);
    &ws[a..b]
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
        || ('\u{0660}'..='\u{0669}').contains(&c)
        || ('\u{06F0}'..='\u{06F9}').contains(&c)
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) && !is_digit(c)
}

/// Between an Arabic letter and a digit (either order) a word ends.
fn script_changes(a: char, b: char) -> bool {
    (is_arabic_letter(a) && is_digit(b)) || (is_digit(a) && is_arabic_letter(b))
}

/// The words of `chars[from..to]`: runs of letters, digits and Arabic marks.
pub(crate) fn words(chars: &[char], from: usize, to: usize) -> Vec<Word> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if is_word_char(chars[i]) {
            let start = i;
            i += 1;
            // «ارتفع إلى11 شخصا»: digits glued to an Arabic word are a word of their own.
            while i < to && is_word_char(chars[i]) && !script_changes(chars[i - 1], chars[i]) {
                i += 1;
            }
            out.push(Word {
                start,
                end: i,
                norm: crate::normalize::normalize_key_chars(&chars[start..i]),
            });
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_within_a_range_are_the_words_a_new_split_would_give() {
        // The quote extractor reads the words before a guillemet and inside it from
        // the article's one split: the same words as splitting that range again.
        let text = "وقال الكاظمي: «إن المعركة مع داعش لم تنتهِ بعد»، مشدداً على الجاهزية.";
        let chars: Vec<char> = text.chars().collect();
        let all = words(&chars, 0, chars.len());
        let open = chars.iter().position(|&c| c == '«').unwrap();
        let close = chars.iter().position(|&c| c == '»').unwrap();
        for (from, to) in [(0, open), (open + 1, close), (close + 1, chars.len())] {
            let again: Vec<(usize, usize, String)> = words(&chars, from, to)
                .into_iter()
                .map(|w| (w.start, w.end, w.norm))
                .collect();
            let sliced: Vec<(usize, usize, String)> = within(&all, from, to)
                .iter()
                .map(|w| (w.start, w.end, w.norm.clone()))
                .collect();
            assert_eq!(sliced, again, "{from}..{to}");
        }
        // A range that cuts a word leaves it out instead of reading half of it.
        let kadhimi = text.find("الكاظمي").unwrap();
        let cut = text[..kadhimi].chars().count() + 3;
        assert!(within(&all, cut, open).is_empty());
        assert_eq!(words(&chars, cut, open)[0].norm, "اظمي");
    }

    #[test]
    fn one_walk_finds_what_each_lexicon_finds_alone() {
        // The knowledge base, themes, tone and events walked as one automaton: over the
        // seed articles (real Iraqi news) each gets exactly the matches of its own walk.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/kb");
        let kb = crate::kb::load_dir(std::path::Path::new(dir)).unwrap();
        let e = Enricher::new(Gazetteer::new(kb));
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
        let mut checked = [0usize; 4];
        for entry in std::fs::read_dir(seeds).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let view = crate::gazetteer::matching_view(&text);
            let alone = [
                e.gazetteer.find_in(&view),
                e.themes.matcher().find_in(&view),
                e.tone.matcher().find_in(&view),
                e.events.matcher().find_in(&view),
            ];
            let joint = e.joint.find_in(&view);
            assert_eq!(joint.as_slice(), alone.as_slice(), "{}", path.display());
            for (n, part) in checked.iter_mut().zip(&alone) {
                *n += part.len();
            }
        }
        // Every part found something, so the comparison compared something.
        assert!(checked.iter().all(|&n| n > 0), "{checked:?}");
    }
}
