//! Clitics: the letters Arabic writes onto a word that are words of their own.
//!
//! In front (proclitics), in this order: a conjunction و or ف; then a preposition ب ك ل
//! or the future particle س; then the article ال. So والقوات = و + ال + قوات, بالبصرة =
//! ب + البصرة, وسيقول = و + س + يقول. Two spelling facts: ل + ال is written لل
//! (للبصرة = ل + البصرة, the alef of the article is dropped, and the analyser restores
//! it in the stem), and the future particle س only comes before an imperfect verb, which
//! begins with ي ت ن or ا (سيقول، ستبدأ، سنعمل، سأعود) and never has the article.
//!
//! At the end (enclitics), a pronoun: ه ها هما هم هن ك كما كم كن ي ني نا. A word with
//! the article takes no pronoun (القوات or قواتنا, never القواتنا). Before a pronoun
//! the ta marbuta is written ت (زيارة → زيارته), so a stem ending in ت is also tried with
//! ه, the matching form of ة (see [`crate::normalize`]).
//!
//! Blind stripping destroys names that begin with those letters: بغداد is not ب + غداد,
//! لبنان not ل + بنان, فلسطين not ف + لسطين, كركوك not ك + ركوك, فلوجة not ف + ل + وجه,
//! and البصرة keeps its ال. So every reading is checked against a [`Lexicon`], and the
//! readings are ranked:
//!
//! 1. the whole word, if the lexicon knows it;
//! 2. readings whose stem the lexicon knows (stems of two letters or more, three after
//!    the article: الله is not ال + له), fewest
//!    clitic letters first — so بالبصرة reads ب + البصرة before ب + ال + بصرة, since a
//!    name carries its article;
//! 3. the whole word, if the lexicon does not know it;
//! 4. readings with a known stem whose enclitic may be the word's own ending: a final
//!    ه is also ta marbuta in the matching form (تغريده is تغريدة, not تغريد + ه), a
//!    final ي also the relative adjective (شمالي "northern", not شمال + ي);
//! 5. readings with an unknown stem of three letters or more, fewest clitic letters
//!    first. A stem of two letters is too often a word's own letters (بكم، لكن).
//!
//! The lexicon is anything that answers "is this normalized form a word or a name?":
//! the gazetteer (every name and variant of the knowledge base), [`BuiltinLexicon`] (a
//! compact list of names and function words shipped in the crate), a closure, or a pair
//! of them (either knows). Input is a normalized word ([`crate::normalize::normalize_key`]
//! or a token's matching form).

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use crate::normalize::normalize_key;

/// Something that knows normalized words.
pub trait Lexicon {
    fn knows(&self, norm: &str) -> bool;
}

impl<F: Fn(&str) -> bool> Lexicon for F {
    fn knows(&self, norm: &str) -> bool {
        self(norm)
    }
}

impl Lexicon for HashSet<String> {
    fn knows(&self, norm: &str) -> bool {
        self.contains(norm)
    }
}

impl Lexicon for crate::gazetteer::Gazetteer {
    fn knows(&self, norm: &str) -> bool {
        self.is_known(norm)
    }
}

/// Either lexicon knows the word: `(&gazetteer, BuiltinLexicon::get())`.
impl<A: Lexicon + ?Sized, B: Lexicon + ?Sized> Lexicon for (&A, &B) {
    fn knows(&self, norm: &str) -> bool {
        self.0.knows(norm) || self.1.knows(norm)
    }
}

/// The compact word list shipped in the crate (`src/clitics_words.txt`, about 4,400
/// words): single-word places, organisations and first names from the ANERcorp
/// gazetteers, Arabic function words (stop words), and the Iraqi place names Marsad's
/// seeds use. It keeps names whole when no gazetteer is at hand, and function words
/// such as وهو (و + هو) or لكن whole or cut right.
pub struct BuiltinLexicon {
    words: HashSet<String>,
}

impl BuiltinLexicon {
    /// The list, normalized once on first use.
    pub fn get() -> &'static BuiltinLexicon {
        static LEXICON: OnceLock<BuiltinLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| BuiltinLexicon {
            words: include_str!("clitics_words.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(normalize_key)
                .collect(),
        })
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Lexicon for BuiltinLexicon {
    fn knows(&self, norm: &str) -> bool {
        self.words.contains(norm)
    }
}

/// One reading of a word: `prefix + stem + suffix`. The prefix holds the proclitics
/// (and the article, when it is read apart from the stem); the stem borrows from the
/// word, except where a letter is restored (للبصرة → البصرة, زيارته → زياره).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis<'a> {
    pub prefix: &'a str,
    pub stem: Cow<'a, str>,
    pub suffix: &'a str,
    /// The lexicon knows the stem.
    pub known: bool,
}

impl Analysis<'_> {
    /// The reading is the word itself, without clitics.
    pub fn is_whole(&self) -> bool {
        self.prefix.is_empty() && self.suffix.is_empty()
    }

    /// The enclitic could as well be the end of the word itself: a final ه is also
    /// the matching form of ta marbuta (تغريدة → تغريده is not تغريد + ه), and a final
    /// ي is also the ending of a relative adjective (شمالي "northern", not شمال + ي).
    /// Not so when the ta marbuta was restored before it (زيارته → زيارة + ه).
    fn ambiguous_suffix(&self) -> bool {
        matches!(self.suffix, "ه" | "ي") && matches!(self.stem, Cow::Borrowed(_))
    }

    fn rank(&self) -> (u8, usize) {
        let class = match (self.is_whole(), self.known) {
            (true, true) => 0,
            (false, true) if !self.ambiguous_suffix() => 1,
            (true, false) => 2,
            (false, true) => 3,
            (false, false) => 4,
        };
        (class, letters(self.prefix) + letters(self.suffix))
    }
}

/// Pronoun enclitics. Every letter here (and of the proclitics) is two bytes in UTF-8.
const SUFFIXES: &[&str] = &[
    "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "ني", "نا",
];

const ARTICLE: &str = "ال";

/// Letters of a string of Arabic letters (two bytes each).
#[inline]
fn letters(s: &str) -> usize {
    s.len() / 2
}

fn is_conjunction(c: Option<char>) -> bool {
    matches!(c, Some('و' | 'ف'))
}

fn is_preposition(c: Option<char>) -> bool {
    matches!(c, Some('ب' | 'ك' | 'ل' | 'س'))
}

/// The readings of a normalized word, most plausible first (see the module rule).
pub fn analyze<'a>(word: &'a str, lexicon: &impl Lexicon) -> Vec<Analysis<'a>> {
    let mut out: Vec<Analysis<'a>> = Vec::with_capacity(8);
    out.push(Analysis {
        prefix: "",
        stem: Cow::Borrowed(word),
        suffix: "",
        known: lexicon.knows(word),
    });
    // Only words of Arabic letters carry clitics; a Latin word or a number is whole.
    if !word.starts_with(|c: char| ('\u{0621}'..='\u{064A}').contains(&c)) {
        return out;
    }
    let mut add = |prefix: &'a str, stem: Cow<'a, str>, suffix: &'a str| {
        let known = lexicon.knows(&stem);
        let n = stem.chars().count();
        if n >= 3 || (n >= 2 && known) {
            out.push(Analysis {
                prefix,
                stem,
                suffix,
                known,
            });
        }
    };
    // The enclitics the word ends with, found once (not once per proclitic).
    let mut endings = [""; 6];
    let mut n_endings = 0;
    for suffix in SUFFIXES {
        if word.len() > suffix.len() + 2 && word.ends_with(suffix) && n_endings < endings.len() {
            endings[n_endings] = suffix;
            n_endings += 1;
        }
    }
    // The proclitic runs the word starts with, read off its first two letters.
    let mut first = word.chars();
    let (c0, c1) = (first.next(), first.next());
    let mut cuts = [0usize; 3];
    let mut n_cuts = 1;
    if is_conjunction(c0) || is_preposition(c0) {
        cuts[n_cuts] = 2;
        n_cuts += 1;
        if is_conjunction(c0) && is_preposition(c1) {
            cuts[n_cuts] = 4;
            n_cuts += 1;
        }
    }
    for &cut in &cuts[..n_cuts] {
        let (prefix, rest) = word.split_at(cut);
        if rest.len() < 4 {
            continue;
        }
        let future = prefix.ends_with('س');
        if future && (!rest.starts_with(['ي', 'ت', 'ن', 'ا']) || rest.starts_with(ARTICLE)) {
            // س is the future particle only before an imperfect verb (سيطر is a verb
            // of its own, سالم a name).
            continue;
        }
        if prefix.ends_with('ل') && rest.starts_with('ل') {
            // ل + ال is written لل: للبصرة is ل + البصرة, للقوات ل + ال + قوات.
            let lam = cut + 'ل'.len_utf8();
            add(&word[..lam], Cow::Owned(format!("ا{rest}")), "");
            if letters(&rest[2..]) >= 3 {
                add(&word[..lam], Cow::Borrowed(&rest[2..]), "");
            }
        }
        if cut > 0 {
            add(prefix, Cow::Borrowed(rest), "");
        }
        if rest.starts_with(ARTICLE) && !future {
            // The article read apart: والقوات = وال + قوات. A word with the article
            // takes no pronoun.
            let bare = &rest[ARTICLE.len()..];
            if letters(bare) >= 3 {
                // After the article, a stem of two letters is rarer than a word that
                // begins with ال: الله is not ال + له.
                add(&word[..cut + ARTICLE.len()], Cow::Borrowed(bare), "");
            }
            continue;
        }
        for suffix in &endings[..n_endings] {
            if suffix.len() + 4 > rest.len() {
                continue;
            }
            let stem = &rest[..rest.len() - suffix.len()];
            if let Some(base) = stem.strip_suffix('ت') {
                // زيارته: the ta marbuta of زيارة is written ت before the pronoun.
                let restored = format!("{base}ه");
                if lexicon.knows(&restored) {
                    add(prefix, Cow::Owned(restored), suffix);
                    continue;
                }
            }
            add(prefix, Cow::Borrowed(stem), suffix);
        }
    }
    // Stable: among equals, the order of discovery (stem as written before restored).
    out.sort_by_key(Analysis::rank);
    out
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

    fn lexicon(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| normalize_key(w)).collect()
    }

    /// The first reading of `word` as (prefix, stem, suffix).
    fn first(word: &str, lex: &impl Lexicon) -> (String, String, String) {
        let word = normalize_key(word);
        let a = analyze(&word, lex).remove(0);
        (
            a.prefix.to_string(),
            a.stem.into_owned(),
            a.suffix.to_string(),
        )
    }

    fn split(p: &str, s: &str, x: &str) -> (String, String, String) {
        (normalize_key(p), normalize_key(s), normalize_key(x))
    }

    #[test]
    fn names_that_begin_with_clitic_letters_stay_whole() {
        // Each name begins with a proclitic letter (ب ل ك ف) or the article; the
        // built-in list knows them, so the unsegmented reading ranks first. فلوجة would
        // otherwise read ف + ل + وجه ("face"), بيجي ب + يجي.
        let lex = BuiltinLexicon::get();
        for name in [
            "بغداد",
            "البصرة",
            "لبنان",
            "كركوك",
            "فلسطين",
            "بيجي",
            "فلوجة",
            "الفلوجة",
        ] {
            assert_eq!(first(name, lex), split("", name, ""), "{name}");
        }
    }

    #[test]
    fn names_are_found_under_their_clitics() {
        let lex = BuiltinLexicon::get();
        let table = [
            // و + بغداد: "وبغداد" (seed 003 lists cities with و).
            ("وبغداد", ("و", "بغداد", "")),
            // ب + البصرة: the name keeps its article.
            ("بالبصرة", ("ب", "البصرة", "")),
            // ل + البصرة is written للبصرة: the alef of ال comes back in the stem, and
            // the prefix is the letters written before it, لل
            // (ANT BB-middleEast-739-20180716: "المحاذية للبصرة").
            ("للبصرة", ("لل", "البصرة", "")),
            // و + ل + كركوك.
            ("ولكركوك", ("ول", "كركوك", "")),
            ("بالفلوجة", ("ب", "الفلوجة", "")),
            // ف + ب + فلسطين.
            ("فبفلسطين", ("فب", "فلسطين", "")),
            // ل + ليبيا: لل that is not ل + ال.
            ("لليبيا", ("ل", "ليبيا", "")),
        ];
        for (word, (p, s, x)) in table {
            assert_eq!(first(word, lex), split(p, s, x), "{word}");
        }
    }

    #[test]
    fn proclitic_combinations_and_the_article() {
        let lex = lexicon(&["قوات", "مدينة", "يقول", "بلاد", "هو", "مجلس"]);
        let table = [
            // Seed 000: "والقوات" — و + ال + قوات; the article is read apart when the
            // lexicon knows the bare stem.
            ("والقوات", ("وال", "قوات", "")),
            ("بالمدينة", ("بال", "مدينة", "")),
            ("فالبلاد", ("فال", "بلاد", "")),
            ("كالمدينة", ("كال", "مدينة", "")),
            // ل + ال + قوات is written للقوات; و + ل + ال is ولل; ف + ل + ال is فلل.
            ("للقوات", ("لل", "قوات", "")),
            ("وللقوات", ("ولل", "قوات", "")),
            ("فللمجلس", ("فلل", "مجلس", "")),
            // و + ب + مدينة; و + س + يقول (the future particle before an imperfect verb).
            ("وبمدينة", ("وب", "مدينة", "")),
            ("وسيقول", ("وس", "يقول", "")),
            // A two-letter stem the lexicon knows: وهو = و + هو.
            ("وهو", ("و", "هو", "")),
        ];
        for (word, (p, s, x)) in table {
            assert_eq!(first(word, &lex), split(p, s, x), "{word}");
        }
    }

    #[test]
    fn pronoun_enclitics_come_off_known_stems() {
        let lex = lexicon(&["قوات", "زيارة", "عمليات", "بلد", "رئيس", "حكومة"]);
        let table = [
            // Seed 000: "قواتنا الأمنية" — our forces.
            ("قواتنا", ("", "قوات", "نا")),
            // Seed 000: "إبّان زيارته" — زيارة + ه: the ta marbuta is written ت before a
            // pronoun, and restored in the stem.
            ("زيارته", ("", "زيارة", "ه")),
            // Seed 002: "وعملياتهم" — و + عمليات + هم.
            ("وعملياتهم", ("و", "عمليات", "هم")),
            ("بلدها", ("", "بلد", "ها")),
            ("بلدهما", ("", "بلد", "هما")),
            ("رئيسهن", ("", "رئيس", "هن")),
            ("بلدكم", ("", "بلد", "كم")),
            ("بلدكما", ("", "بلد", "كما")),
            ("حكومتنا", ("", "حكومة", "نا")),
            ("وبلدك", ("و", "بلد", "ك")),
        ];
        for (word, (p, s, x)) in table {
            assert_eq!(first(word, &lex), split(p, s, x), "{word}");
        }
    }

    #[test]
    fn a_final_ha_or_ya_may_be_the_words_own() {
        // ANT (BBC, 128 times in a quarter of the articles): "تغريدة" (a tweet) is
        // تغريده in the matching form; the lexicon knowing تغريد must not cut it.
        // "شمالي" (northern, 118 times) is not شمال + ي. Whole first, the cut after.
        let lex = lexicon(&["تغريد", "شمال", "كاف"]);
        for word in ["تغريدة", "شمالي", "كافة"] {
            let norm = normalize_key(word);
            let readings = analyze(&norm, &lex);
            assert!(readings[0].is_whole(), "{word}");
            assert!(readings.iter().any(|a| !a.is_whole() && a.known), "{word}");
        }
        // After a restored ta marbuta the ه can only be the pronoun.
        let lex = lexicon(&["زيارة"]);
        assert_eq!(first("زيارته", &lex), split("", "زيارة", "ه"));
    }

    #[test]
    fn unknown_words_are_whole_first_and_cut_only_to_three_letters() {
        let lex = lexicon(&[]);
        // بكم ("how much") is not ب + كم: no unknown stem of two letters.
        let word = normalize_key("بكم");
        let readings = analyze(&word, &lex);
        assert_eq!(readings.len(), 1);
        assert_eq!(readings[0].stem, "بكم");
        // An unknown word: whole first, then its cuts, fewest clitic letters first.
        let word = normalize_key("وعملياتهم");
        let readings = analyze(&word, &lex);
        assert!(readings[0].is_whole());
        assert!(readings
            .iter()
            .any(|a| a.prefix == "و" && a.stem == "عمليات" && a.suffix == "هم"));
        // الله is not ال + له although له is a word.
        let lex = lexicon(&["له"]);
        assert_eq!(first("الله", &lex), split("", "الله", ""));
    }

    #[test]
    fn the_future_particle_comes_only_before_an_imperfect_verb() {
        // "سيطرَ داعش" (seed 000): سيطر is a verb of its own; known, it stays whole
        // although يطر would be an imperfect verb after the future particle.
        let lex = lexicon(&["سيطر", "يطر"]);
        assert_eq!(first("سيطر", &lex), split("", "سيطر", ""));
        // س before the article is never the future particle.
        let lex = lexicon(&["العراق"]);
        let word = normalize_key("سالعراق");
        assert!(!analyze(&word, &lex).iter().any(|a| a.prefix == "س"));
    }

    #[test]
    fn numbers_and_latin_words_are_whole() {
        let lex = lexicon(&[]);
        assert_eq!(analyze("2017", &lex).len(), 1);
        assert_eq!(analyze("isis", &lex).len(), 1);
        assert_eq!(analyze("", &lex).len(), 1);
    }

    #[test]
    fn the_builtin_list_and_a_pair_of_lexicons() {
        let builtin = BuiltinLexicon::get();
        assert!(builtin.len() > 4000);
        let extra = lexicon(&["قوات"]);
        let both = (&extra, builtin);
        assert_eq!(first("وبغداد", &both), split("و", "بغداد", ""));
        assert_eq!(first("قواتنا", &both), split("", "قوات", "نا"));
    }

    proptest::proptest! {
        #[test]
        fn readings_rebuild_the_word(word in "[\u{0621}-\u{064A}]{0,12}") {
            let lex = BuiltinLexicon::get();
            let word = normalize_key(&word);
            let readings = analyze(&word, lex);
            proptest::prop_assert!(!readings.is_empty());
            for a in &readings {
                proptest::prop_assert!(word.starts_with(a.prefix) && word.ends_with(a.suffix));
                // The stem is the middle of the word, or the middle with a restored
                // letter: ال after لل, ه for the ت of a ta marbuta.
                let middle = &word[a.prefix.len()..word.len() - a.suffix.len()];
                let restored_article = a.prefix.ends_with("لل") && a.stem.strip_prefix("ال") == Some(middle);
                let restored_ta = a.stem.strip_suffix('ه').is_some_and(|b| middle.strip_suffix('ت') == Some(b));
                proptest::prop_assert!(a.stem == middle || restored_article || restored_ta, "{:?}", a);
            }
        }
    }
}
