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

use std::borrow::Cow;

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

/// One reading of a word: `prefix + stem + suffix`. The stem borrows from the word,
/// except after لل, where the alef of ال is restored (للبصرة → البصرة).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'a> {
    pub prefix: &'a str,
    pub stem: Cow<'a, str>,
    pub suffix: &'a str,
    /// The lexicon knows the stem.
    pub known: bool,
}

// Proclitic runs: a conjunction (و ف), then a preposition or the future particle
// (ب ك ل س). The article stays on the stem (البصرة is a stem), so it needs no entry of
// its own. Every one of these letters is two bytes in UTF-8.
const SUFFIXES: &[&str] = &[
    "", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا",
];

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Every way to split `word` into proclitics, stem and enclitic (stems of two letters
/// or more).
fn segmentations(word: &str) -> Vec<(&str, Cow<'_, str>, &str)> {
    // The enclitics the word ends with, found once (not once per proclitic).
    let mut endings = [""; 8];
    let mut n_endings = 0;
    for suffix in SUFFIXES {
        if word.ends_with(suffix) && n_endings < endings.len() {
            endings[n_endings] = suffix;
            n_endings += 1;
        }
    }
    // The proclitic runs the word starts with, read off its first two letters.
    let mut first = word.chars();
    let (c0, c1) = (first.next(), first.next());
    let conj = |c: Option<char>| matches!(c, Some('و' | 'ف'));
    let prep = |c: Option<char>| matches!(c, Some('ب' | 'ك' | 'ل' | 'س'));
    let mut prefixes = [0usize; 3];
    let mut n_prefixes = 1;
    if conj(c0) || prep(c0) {
        prefixes[n_prefixes] = 2;
        n_prefixes += 1;
        if conj(c0) && prep(c1) {
            prefixes[n_prefixes] = 4;
            n_prefixes += 1;
        }
    }
    let mut out = Vec::with_capacity(8);
    for &cut in &prefixes[..n_prefixes] {
        if cut >= word.len() {
            continue;
        }
        let (prefix, rest) = word.split_at(cut);
        if prefix.ends_with('س')
            && (!rest.starts_with(['ي', 'ت', 'ن', 'ا']) || rest.starts_with("ال"))
        {
            // The future particle س only comes before an imperfect verb, which begins
            // with ي ت ن or ا (سيقول، ستبدأ، سنعمل، سأعود).
            continue;
        }
        if prefix.ends_with('ل') && rest.starts_with('ل') && chars(rest) >= 3 {
            // ل + ال is written لل: the stem gets its alef back.
            let lam = prefix.len() + 'ل'.len_utf8();
            out.push((&word[..lam], Cow::Owned(format!("ا{rest}")), ""));
        }
        let has_article = rest.starts_with("ال");
        for suffix in &endings[..n_endings] {
            if !suffix.is_empty() && has_article {
                // The article and a pronoun never go together.
                continue;
            }
            if suffix.len() >= rest.len() {
                continue;
            }
            let stem = &rest[..rest.len() - suffix.len()];
            if chars(stem) >= 2 {
                out.push((&word[..prefix.len()], Cow::Borrowed(stem), *suffix));
            }
        }
    }
    out
}

/// The readings of a normalized word, most plausible first (see the module rule).
pub fn analyze<'a>(word: &'a str, lexicon: &impl Lexicon) -> Vec<Analysis<'a>> {
    let mut all: Vec<Analysis<'a>> = segmentations(word)
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
            prefix: "",
            stem: Cow::Borrowed(word),
            suffix: "",
            known: lexicon.knows(word),
        }];
    }
    let whole = |a: &Analysis| a.prefix.is_empty() && a.suffix.is_empty();
    all.retain(|a| a.known || whole(a) || chars(&a.stem) >= 3);
    all.sort_by_key(|a| {
        let rank = match (whole(a), a.known) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        };
        (rank, chars(a.prefix) + chars(a.suffix))
    });
    all
}

/// The best stem of a word: the first reading's.
pub fn stem<'a>(word: &'a str, lexicon: &impl Lexicon) -> Cow<'a, str> {
    analyze(word, lexicon)
        .into_iter()
        .next()
        .map_or(Cow::Borrowed(word), |a| a.stem)
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
        let word = normalize_key(word);
        let a = analyze(&word, lex).remove(0);
        (
            a.prefix.to_string(),
            a.stem.into_owned(),
            a.suffix.to_string(),
        )
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
        let word = normalize_key("وعملياتهم");
        let readings = analyze(&word, &lex);
        assert_eq!(readings[0].stem, word);
        assert!(readings
            .iter()
            .any(|a| a.prefix == "و" && a.stem == "عمليات" && a.suffix == "هم"));
    }

    #[test]
    fn unknown_words_are_not_cut_below_three_letters() {
        let lex = lexicon(&[]);
        let word = normalize_key("بكم");
        let readings = analyze(&word, &lex);
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
            .any(|(p, s, _)| *p == "س" && s == "العراق"));
    }
}
