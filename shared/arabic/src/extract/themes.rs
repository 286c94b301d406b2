//! Themes and tone, from Arabic lexicons kept as data files (`shared/arabic/data/
//! themes.tsv`, `tone.tsv`, with their rules in their headers). Terms are matched the
//! way names are — on the normalized view, whole words, behind proclitics (والإرهاب،
//! بالانتخابات) — by the gazetteer's matcher: one mechanism for names and terms.

use marsad_messages::Tone;

use crate::gazetteer::{GazMatch, Gazetteer};
use crate::kb::KbEntry;
use crate::normalize::{normalize_key, Normalized};

/// (label, weight) pairs of one term.
pub type Labels = Vec<(String, u32)>;

/// A lexicon of terms, each with one or more (label, weight) pairs.
pub struct TermLexicon {
    matcher: Gazetteer,
    labels: Vec<Labels>,
}

impl TermLexicon {
    /// Reads `LABEL<TAB>term[<TAB>weight]` lines; `#` starts a comment line.
    pub fn parse(tsv: &str) -> TermLexicon {
        // (normalized key, term as written, labels), in file order.
        let mut by_term: Vec<(String, String, Labels)> = Vec::new();
        for line in tsv.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(label), Some(term)) = (parts.next(), parts.next()) else {
                continue;
            };
            let weight = parts
                .next()
                .and_then(|w| w.trim().parse().ok())
                .unwrap_or(1);
            let key = normalize_key(term);
            match by_term.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, labels)) => labels.push((label.to_string(), weight)),
                None => by_term.push((key, term.to_string(), vec![(label.to_string(), weight)])),
            }
        }
        let entries = by_term
            .iter()
            .enumerate()
            .map(|(i, (_, term, _))| KbEntry {
                id: format!("term:{i}"),
                entity_type: "MISC".into(),
                kind: "term".into(),
                name_ar: term.clone(),
                name_en: None,
                variants: Vec::new(),
                geo: None,
                parent: None,
                roles: Vec::new(),
                source: None,
            })
            .collect();
        TermLexicon {
            matcher: Gazetteer::new(entries),
            labels: by_term.into_iter().map(|(_, _, labels)| labels).collect(),
        }
    }

    /// The automaton of its terms (for a [`crate::gazetteer::Joint`] walk).
    pub(crate) fn matcher(&self) -> &Gazetteer {
        &self.matcher
    }

    /// The labels of every term found in the view, with its character span.
    pub fn find_spans(&self, view: &Normalized) -> Vec<(&Labels, usize, usize)> {
        self.spans_of(self.matcher.find_in(view))
    }

    /// As [`find_spans`](Self::find_spans), from this lexicon's matches.
    pub(crate) fn spans_of(&self, matches: Vec<GazMatch>) -> Vec<(&Labels, usize, usize)> {
        matches
            .into_iter()
            .filter(|m| !m.short)
            .map(|m| (&self.labels[m.entry], m.start, m.end))
            .collect()
    }

    /// The labels of every term found in the view.
    pub fn find(&self, view: &Normalized) -> Vec<&[(String, u32)]> {
        self.labels_of(self.matcher.find_in(view))
    }

    /// As [`find`](Self::find), from this lexicon's matches.
    pub(crate) fn labels_of(&self, matches: Vec<GazMatch>) -> Vec<&[(String, u32)]> {
        matches
            .into_iter()
            .filter(|m| !m.short)
            .map(|m| self.labels[m.entry].as_slice())
            .collect()
    }
}

/// The built-in theme lexicon.
pub fn theme_lexicon() -> TermLexicon {
    TermLexicon::parse(include_str!("../../data/themes.tsv"))
}

/// The built-in tone lexicon.
pub fn tone_lexicon() -> TermLexicon {
    TermLexicon::parse(include_str!("../../data/tone.tsv"))
}

/// Themes whose matched weights add up to 2 or more, strongest first.
pub fn themes(lexicon: &TermLexicon, view: &Normalized) -> Vec<String> {
    themes_of(lexicon, lexicon.matcher.find_in(view))
}

/// As [`themes`], from the lexicon's matches in the text.
pub(crate) fn themes_of(lexicon: &TermLexicon, matches: Vec<GazMatch>) -> Vec<String> {
    let mut totals: Vec<(String, u32)> = Vec::new();
    for labels in lexicon.labels_of(matches) {
        for (label, weight) in labels {
            match totals.iter_mut().find(|(l, _)| l == label) {
                Some((_, total)) => *total += weight,
                None => totals.push((label.clone(), *weight)),
            }
        }
    }
    totals.retain(|(_, total)| *total >= 2);
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    totals.into_iter().map(|(label, _)| label).collect()
}

/// Words of the view: runs with at least one letter.
fn word_count(view: &Normalized) -> usize {
    view.as_str()
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | '?' | '!' | '.' | ':' | '"' | '(' | ')')
        })
        .filter(|w| w.chars().any(crate::normalize::is_alphabetic))
        .count()
}

/// GDELT-style tone: the shares of words (percent) that are positive and negative.
pub fn tone(lexicon: &TermLexicon, view: &Normalized) -> Tone {
    tone_of(lexicon, view, lexicon.matcher.find_in(view))
}

/// As [`tone`], from the lexicon's matches in the view.
pub(crate) fn tone_of(lexicon: &TermLexicon, view: &Normalized, matches: Vec<GazMatch>) -> Tone {
    let words = word_count(view);
    let (mut positive, mut negative) = (0usize, 0usize);
    for labels in lexicon.labels_of(matches) {
        if labels.iter().any(|(l, _)| l == "POS") {
            positive += 1;
        } else if labels.iter().any(|(l, _)| l == "NEG") {
            negative += 1;
        }
    }
    let share = |n: usize| {
        if words == 0 {
            0.0
        } else {
            (n as f64 * 100.0 / words as f64 * 100.0).round() / 100.0
        }
    };
    let (p, n) = (share(positive), share(negative));
    Tone {
        score: ((p - n) * 100.0).round() / 100.0,
        positive: p,
        negative: n,
        polarity: ((p + n) * 100.0).round() / 100.0,
        word_count: words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::matching_view;

    #[test]
    fn themes_of_real_sentences() {
        let lexicon = theme_lexicon();
        // Seed 003: "العمليات الاستباقية في كركوك والأنبار وديالى … ما تزال مستمرة
        // للقضاء على فلول داعش" — an operation against ISIS.
        let text = "وأكد أن العمليات الاستباقية في كركوك والأنبار وديالى ما تزال مستمرة للقضاء على فلول داعش الإرهابي";
        let got = themes(&lexicon, &matching_view(text));
        assert!(got.contains(&"TERRORISM".to_string()), "{got:?}");
        assert!(got.contains(&"MILITARY_OPERATION".to_string()), "{got:?}");
        assert!(!got.contains(&"ELECTIONS".to_string()), "{got:?}");
        // Seed 003 again: "تعكر جو الانتخابات … بالعملية الانتخابية" — behind the clitic ب.
        let text = "تحاول أن تعكر جو الانتخابات ولا تريد للمواطنين الاهتمام بالعملية الانتخابية";
        assert_eq!(themes(&lexicon, &matching_view(text)), ["ELECTIONS"]);
        // One weak word is not a theme.
        assert!(themes(&lexicon, &matching_view("قال قائد الفريق")).is_empty());
    }

    #[test]
    fn tone_counts_word_shares() {
        let lexicon = tone_lexicon();
        // Seed 000: victories (positive) against breaches (negative), 16 words.
        let text = "رغم الإنجازات الأمنية والانتصارات التي تحققها قواتنا الأمنية، ما زالت هناك خروقات تحصل بين حين وآخر";
        let t = tone(&lexicon, &matching_view(text));
        assert_eq!(t.word_count, 16);
        assert_eq!((t.positive, t.negative), (12.5, 6.25));
        assert_eq!(t.score, 6.25);
        // An attack report leans negative.
        let text = "مقتل 18 شخصاً في هجوم انتحاري وإصابة العشرات";
        assert!(tone(&lexicon, &matching_view(text)).score < 0.0);
    }
}
