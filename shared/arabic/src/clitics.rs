//! Clitics: the letters Arabic writes onto a word that are words of their own.
//!
//! In front (proclitics), in this order: a conjunction و or ف, then a preposition ب ك ل
//! or the future particle س (only before an imperfect verb: ي ت ن ا), then the article ال. ل + ال is written لل (للبصرة = ل +
//! البصرة), and the alef of ال is restored in the stem. At the end (enclitics), a pronoun:
//! ه ها هما هم هن ك كما كم كن ي ني نا. The article and a pronoun never go together.
//!
//! Blind stripping destroys names that begin with those letters: بغداد is not ب + غداد,
//! لبنان not ل + بنان, فلسطين not ف + لسطين, كركوك not ك + ركوك, البصرة keeps its ال.
//! The rule, in order:
//!
//! 1. If the lexicon knows the whole word, the unsegmented reading comes first.
//! 2. Then the segmentations whose stem the lexicon knows, fewest clitic letters first.
//! 3. Then the unsegmented word (if not already given), and the other segmentations
//!    whose stem keeps at least three letters, fewest clitic letters first.
//!
//! The lexicon is anything that answers "is this normalized form a word or a name?":
//! the gazetteer (every name and variant of the knowledge base), a word list, or both.
//! Input is a normalized word ([`crate::normalize::normalize_key`]).

/// Something that knows normalized words.
pub trait Lexicon {
    fn knows(&self, norm: &str) -> bool;
}

impl<F: Fn(&str) -> bool> Lexicon for F {
    fn knows(&self, norm: &str) -> bool {
        self(norm)
    }
}

impl Lexicon for std::collections::HashSet<String> {
    fn knows(&self, norm: &str) -> bool {
        self.contains(norm)
    }
}

impl Lexicon for crate::gazetteer::Gazetteer {
    fn knows(&self, norm: &str) -> bool {
        self.is_known(norm)
    }
}

/// One reading of a word: `prefix + stem + suffix` (the stem may restore the alef of
/// ال written لل).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub prefix: String,
    pub stem: String,
    pub suffix: String,
    /// The lexicon knows the stem.
    pub known: bool,
}

const CONJ: &[&str] = &["", "و", "ف"];
const PREP: &[&str] = &["", "ب", "ك", "ل", "س"];
const SUFFIXES: &[&str] = &[
    "", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا",
];

/// Every way to split `word` into proclitics, stem and enclitic.
fn segmentations(word: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for conj in CONJ {
        let Some(after_conj) = word.strip_prefix(conj) else {
            continue;
        };
        for prep in PREP {
            let Some(rest) = after_conj.strip_prefix(prep) else {
                continue;
            };
            let prefix = format!("{conj}{prep}");
            // With the article: ال, or لل after ل (the alef dropped).
            if *prep == "ل" {
                if let Some(stem) = rest.strip_prefix('ل') {
                    if stem.chars().count() >= 2 {
                        out.push((format!("{prefix}ل"), format!("ال{stem}"), String::new()));
                    }
                }
            }
            if *prep != "س" {
                if let Some(stem) = rest.strip_prefix("ال") {
                    if stem.chars().count() >= 2 {
                        out.push((prefix.clone(), format!("ال{stem}"), String::new()));
                    }
                }
            }
            // The future particle س only comes before an imperfect verb, which begins
            // with ي ت ن or ا (سيقول، ستبدأ، سنعمل، سأعود).
            if *prep == "س" && (!rest.starts_with(['ي', 'ت', 'ن', 'ا']) || rest.starts_with("ال"))
            {
                continue;
            }
            for suffix in SUFFIXES {
                let Some(stem) = rest.strip_suffix(suffix) else {
                    continue;
                };
                if stem.chars().count() >= 2 {
                    out.push((prefix.clone(), stem.to_string(), suffix.to_string()));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The readings of a normalized word, most plausible first (see the module rule).
pub fn analyze(word: &str, lexicon: &impl Lexicon) -> Vec<Analysis> {
    let clitic_len = |a: &Analysis| a.prefix.chars().count() + a.suffix.chars().count();
    let mut all: Vec<Analysis> = segmentations(word)
        .into_iter()
        .map(|(prefix, stem, suffix)| Analysis {
            known: lexicon.knows(&stem),
            prefix,
            stem,
            suffix,
        })
        .collect();
    if all.is_empty() {
        return vec![Analysis {
            prefix: String::new(),
            stem: word.to_string(),
            suffix: String::new(),
            known: lexicon.knows(word),
        }];
    }
    let whole = |a: &Analysis| a.prefix.is_empty() && a.suffix.is_empty() && a.stem == word;
    all.retain(|a| a.known || whole(a) || a.stem.chars().count() >= 3);
    all.sort_by_key(|a| {
        let rank = if whole(a) && a.known {
            0
        } else if a.known {
            1
        } else if whole(a) {
            2
        } else {
            3
        };
        (rank, clitic_len(a))
    });
    all
}

/// The best stem of a word: the first reading's.
pub fn stem(word: &str, lexicon: &impl Lexicon) -> String {
    analyze(word, lexicon)
        .into_iter()
        .next()
        .map_or_else(|| word.to_string(), |a| a.stem)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_key;
    use std::collections::HashSet;

    fn lexicon(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| normalize_key(w)).collect()
    }

    fn first(word: &str, lex: &HashSet<String>) -> (String, String, String) {
        let a = analyze(&normalize_key(word), lex).remove(0);
        (a.prefix, a.stem, a.suffix)
    }

    fn split(p: &str, s: &str, x: &str) -> (String, String, String) {
        (p.into(), normalize_key(s), x.into())
    }

    #[test]
    fn names_that_begin_with_clitic_letters_stay_whole() {
        // Place names the gazetteer knows, each beginning with a proclitic letter.
        let lex = lexicon(&[
            "بغداد",
            "البصرة",
            "لبنان",
            "كركوك",
            "فلسطين",
            "بيجي",
            "الفلوجة",
        ]);
        for name in ["بغداد", "البصرة", "لبنان", "كركوك", "فلسطين", "بيجي"]
        {
            assert_eq!(first(name, &lex), split("", name, ""), "{name}");
        }
        // …and are found under their clitics: "وبغداد", "بالبصرة", "للبصرة" (ل + البصرة
        // with the alef of ال dropped), "ولكركوك", "بالفلوجة".
        assert_eq!(first("وبغداد", &lex), split("و", "بغداد", ""));
        assert_eq!(first("بالبصرة", &lex), split("ب", "البصرة", ""));
        assert_eq!(first("للبصرة", &lex), split("لل", "البصرة", ""));
        assert_eq!(first("ولكركوك", &lex), split("ول", "كركوك", ""));
        assert_eq!(first("بالفلوجة", &lex), split("ب", "الفلوجة", ""));
    }

    #[test]
    fn pronoun_enclitics_come_off_known_stems() {
        // Seed 000: "زيارته" = زيارة + ه (ta marbuta becomes ت before a pronoun; the
        // lexicon here knows the pronoun-bearing form's stem "زيارت").
        let lex = lexicon(&["قوات", "زيارت", "عملي"]);
        // Seed 000: "قواتنا الأمنية" — our forces.
        assert_eq!(first("قواتنا", &lex), split("", "قوات", "نا"));
        assert_eq!(first("زيارته", &lex), split("", "زيارت", "ه"));
        // Seed 002: "وعملياتهم" is not in this lexicon as a stem: the whole word comes
        // first, then readings with a stem of three letters or more.
        let readings = analyze(&normalize_key("وعملياتهم"), &lex);
        assert_eq!(readings[0].stem, normalize_key("وعملياتهم"));
        assert!(readings
            .iter()
            .any(|a| a.prefix == "و" && a.stem == "عمليات" && a.suffix == "هم"));
    }

    #[test]
    fn unknown_words_are_not_cut_below_three_letters() {
        let lex = lexicon(&[]);
        let readings = analyze(&normalize_key("بكم"), &lex);
        assert_eq!(readings.len(), 1);
        assert_eq!(readings[0].stem, "بكم");
    }

    #[test]
    fn the_future_particle_takes_no_article() {
        // "سيطر" (seed 000, "سيطرَ داعش") must not read as س + يطر with an article.
        let lex = lexicon(&["سيطر"]);
        assert_eq!(first("سيطر", &lex), split("", "سيطر", ""));
        assert!(!segmentations("سالعراق")
            .iter()
            .any(|(p, s, _)| p == "س" && s == "العراق"));
    }
}
