//! Normalization for matching, with a map back to the original text.
//!
//! Arabic news spells the same word many ways: with or without tashkeel, with a
//! stretched letter (tatweel), with أ or ا, with ة or ه at the end, with Arabic-Indic or
//! ASCII digits, with « » or “ ” or " around a quote. Matching (gazetteer, cue words,
//! numbers) runs over a *matching view* where all those choices are folded to one form.
//! The original text is never changed: every character of the view remembers the
//! original character it came from, so a match in the view is reported at its exact
//! span in the original.
//!
//! The folds, in the order a character meets them:
//!
//! | input | view | why |
//! |---|---|---|
//! | tashkeel ً–ٟ, dagger alif ٰ, tatweel ـ | dropped | optional marks and stretching |
//! | zero-width (U+200B–U+200F), bidi controls (U+202A–U+202E, U+2066–U+2069), BOM, ALM (U+061C), soft hyphen | dropped | invisible |
//! | presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF), e.g. ﻻ | NFKC (لا) | old encoders emit them; NFKC is safe on these blocks only |
//! | أ إ آ ٱ | ا | hamza/madda on alef is often omitted |
//! | ى | ي | alef maqsura and ya are confused in Egyptian and web spelling |
//! | ة | ه | ta marbuta is often written ه |
//! | ؤ → و, ئ → ي | | **documented choice**: the carrier letter is kept and the hamza dropped, as web spelling often does (مسئول / مسؤول); lone ء stays |
//! | Persian ک ی ۀ | ك ي ه | keyboards of Iraqi Kurdish writers |
//! | ٠–٩, ۰–۹ | 0–9 | both digit systems |
//! | ٫ ٬ ٪ | . , % | Arabic decimal and thousands separators, percent |
//! | ، ؛ ؟ | , ; ? | Arabic comma, semicolon, question mark |
//! | « » “ ” „ ‟ ″ " | `"` | every double quote |
//! | ‹ › ‘ ’ ‚ ‛ ′ ' | `'` | every single quote |
//! | any Unicode space (NBSP, thin space …), tab | space | one space character |
//! | Latin A–Z | a–z | case-insensitive matching of Latin names |
//!
//! Every fold maps one character to zero, one or (NFKC of a ligature) several
//! characters, and every output character is a fixed point of the folds, so
//! normalization is idempotent.

use unicode_normalization::char::decompose_compatible;

/// Folds one character, calling `emit` for every character of its matching form.
#[inline]
fn fold(c: char, emit: &mut impl FnMut(char)) {
    match c {
        // ASCII fast path.
        'A'..='Z' => emit(c.to_ascii_lowercase()),
        '\t' => emit(' '),
        '\u{0000}'..='\u{007F}' => emit(c),
        // Tashkeel, Quranic marks, dagger alif, tatweel: dropped.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => {}
        // Invisible format characters.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{061C}'
        | '\u{00AD}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => emit('ا'),
        'ى' | 'ئ' | 'ی' | 'ې' => emit('ي'),
        'ة' | 'ۀ' | 'ە' => emit('ه'),
        'ؤ' => emit('و'),
        'ک' => emit('ك'),
        '٠'..='٩' => emit(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '۰'..='۹' => emit(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        '٫' => emit('.'),
        '٬' | '،' => emit(','),
        '٪' => emit('%'),
        '؛' => emit(';'),
        '؟' => emit('?'),
        '«' | '»' | '“' | '”' | '„' | '‟' | '″' | '＂' => emit('"'),
        '‹' | '›' | '‘' | '’' | '‚' | '‛' | '′' | '＇' => emit('\''),
        '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => emit(' '),
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => {
            // Presentation forms: their compatibility decomposition is the plain
            // letters (ﻻ → ل ا, ﷲ → ا ل ل ه), which are folded in turn.
            decompose_compatible(c, |d| if d != c { fold(d, emit) } else { emit(d) });
        }
        _ => emit(c),
    }
}

/// True for the characters the view drops but that belong to the letter before them
/// (tashkeel, tatweel): a span ending at that letter extends over them.
#[inline]
fn is_attached_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

/// Letters of the base Arabic block (U+0621–U+064A) that every fold leaves as they
/// are, as a bit set over `c - U+0621`: everything but آ أ ؤ إ ئ ة ى and tatweel.
/// Running text is mostly these, so they take a short path (same result as [`fold`]).
const PLAIN_ARABIC: u64 = {
    let mut set: u64 = (1 << 42) - 1; // U+0621..=U+064A
    let folded = ['آ', 'أ', 'ؤ', 'إ', 'ئ', 'ة', 'ى', '\u{0640}'];
    let mut k = 0;
    while k < folded.len() {
        set &= !(1 << (folded[k] as u32 - 0x0621));
        k += 1;
    }
    set
};

/// The character is its own matching form and takes the short path: ASCII other than
/// A–Z and tab, or a plain Arabic letter.
#[inline]
fn is_plain(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return !(c.is_ascii_uppercase() || c == '\t');
    }
    let k = u.wrapping_sub(0x0621);
    k < 42 && PLAIN_ARABIC & (1 << k) != 0
}

/// `char::is_alphanumeric`, with ASCII, the Arabic letters and digits and the common
/// punctuation around them answered by range: the table search behind the standard
/// function was a quarter of enrich's time when every word of every article asked it.
/// Same answers for every character.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0620}'..='\u{064A}'
        | '\u{0660}'..='\u{0669}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06F0}'..='\u{06F9}' => true,
        '\u{060C}'
        | '\u{061B}'
        | '\u{061F}'
        | '\u{066A}'..='\u{066D}'
        | '\u{06D4}'
        | '\u{00A0}'
        | '\u{00AB}'
        | '\u{00BB}'
        | '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// `char::is_alphabetic`, answered by range for ASCII and the Arabic letters, digits
/// and punctuation (the table search for every word of every article was a tenth of
/// the tone's cost). Same answers for every character.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    match c {
        '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' => true,
        '\u{060C}'
        | '\u{061B}'
        | '\u{061F}'
        | '\u{0660}'..='\u{066D}'
        | '\u{06D4}'
        | '\u{06F0}'..='\u{06F9}'
        | '\u{00A0}'
        | '\u{00AB}'
        | '\u{00BB}'
        | '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphabetic(),
    }
}

/// The matching key of a short string (a name, a cue word): the normalized text without
/// the position map.
pub fn normalize_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for_each_key_char(text, |c| out.push(c));
    out
}

/// [`normalize_key`] of the string of `chars` (a word of a text already split into
/// characters), without building that string first.
pub fn normalize_key_chars(chars: &[char]) -> String {
    let mut out = String::with_capacity(chars.len() * 2);
    key_chars(chars.iter().copied(), |c| out.push(c));
    out
}

/// Every character [`normalize_key`] would return, in order, without building the
/// string (for hashing a whole article's words).
#[inline]
pub fn for_each_key_char(text: &str, emit: impl FnMut(char)) {
    key_chars(text.chars(), emit)
}

/// The key's characters of `chars`, in order.
#[inline]
fn key_chars(chars: impl Iterator<Item = char>, mut emit: impl FnMut(char)) {
    for c in chars {
        if is_plain(c) {
            emit(c);
        } else {
            fold(c, &mut emit);
        }
    }
}

/// A normalized view of a text that maps back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// For every byte of `text` (and one past the end): the index of the original
    /// character that produced it (past the end: the original length in characters).
    origin: Vec<u32>,
    /// Where tashkeel or tatweel follow a letter: `(from, to, end)` says that the view
    /// bytes `[from, to)` (the letter's matching form) cover the original characters up
    /// to `end` (exclusive), marks included. Sorted by `from`, disjoint; empty for most
    /// news text. Elsewhere a view byte covers just its own original character.
    marked: Vec<(u32, u32, u32)>,
    /// Where a name may start in `text`, with the length of the proclitics before
    /// it (`gazetteer::name_starts`): found on first use, kept for every lexicon that
    /// reads this view.
    pub(crate) name_starts: std::sync::OnceLock<Vec<(u32, u8)>>,
}

/// Builds the matching view of `text`.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut origin: Vec<u32> = Vec::with_capacity(text.len() + 1);
    let mut marked: Vec<(u32, u32, u32)> = Vec::new();
    let mut i = 0u32;
    // Where the view characters of the last letter begin, while marks may attach to it.
    let mut attach_from: Option<usize> = None;
    for c in text.chars() {
        if is_plain(c) {
            // The short path: one character, its own matching form.
            attach_from = Some(origin.len());
            out.push(c);
            origin.push(i);
            if !c.is_ascii() {
                origin.push(i);
            }
        } else if is_attached_mark(c) {
            if let Some(from) = attach_from {
                let (from, to) = (from as u32, origin.len() as u32);
                match marked.last_mut() {
                    Some(last) if last.0 == from => last.2 = i + 1,
                    _ => marked.push((from, to, i + 1)),
                }
            }
        } else {
            let before = origin.len();
            fold(c, &mut |d| {
                out.push(d);
                for _ in 0..d.len_utf8() {
                    origin.push(i);
                }
            });
            attach_from = (origin.len() > before).then_some(before);
        }
        i += 1;
    }
    origin.push(i);
    Normalized {
        text: out,
        origin,
        marked,
        name_starts: std::sync::OnceLock::new(),
    }
}

impl Normalized {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Length of the view in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True when the view is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The original character index that the view byte `byte` comes from (the original
    /// length at the end of the view).
    pub fn to_original(&self, byte: usize) -> usize {
        self.origin[byte] as usize
    }

    /// The original character span `[start, end)` of the view bytes `[byte_s, byte_e)`
    /// (both on character boundaries of the view, `byte_s < byte_e`). The end extends
    /// over tashkeel and tatweel attached to the last letter, so the original span
    /// carries the whole written word.
    pub fn original_span_of_bytes(&self, byte_s: usize, byte_e: usize) -> (usize, usize) {
        let start = self.origin[byte_s] as usize;
        if byte_e <= byte_s {
            return (start, start);
        }
        // The view character that ends at byte_e starts at the last boundary before it.
        let mut last = byte_e - 1;
        while !self.text.is_char_boundary(last) {
            last -= 1;
        }
        let last = last as u32;
        // The marks attached to the letter of the last view character, if any.
        let at = self.marked.partition_point(|&(from, _, _)| from <= last);
        let end = match at.checked_sub(1).map(|k| self.marked[k]) {
            Some((_, to, end)) if last < to => end,
            _ => self.origin[last as usize] + 1,
        };
        (start, end as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_slice(text: &str, s: usize, e: usize) -> String {
        text.chars().skip(s).take(e - s).collect()
    }

    /// Table of folds with real text; every row is a spelling variation met in the news.
    #[test]
    fn the_fast_alphanumeric_answers_as_the_standard_one() {
        // Every character of the Basic Multilingual Plane and beyond: the ranges must not
        // change an answer (a harakah, a tatweel, the Arabic comma, a guillemet).
        for u in 0..=0x2FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn the_fast_alphabetic_answers_as_the_standard_one() {
        // As above, for the letters-only question (tone's word count): Arabic-Indic
        // digits are no letters, the Arabic letters and tatweel are.
        for u in 0..=0x2FFFFu32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn keys_of_characters_are_keys_of_their_string() {
        // A word's characters give the key its string gives: hamza forms, ta marbuta,
        // tashkeel and tatweel, Latin capitals, digits of both scripts.
        for text in [
            "الإنتخاباتِ",
            "مدرسة",
            "أُمّ",
            "جـــامعة",
            "Baghdad",
            "١٢٣ 45",
            "مستشفى",
            "\tإلى",
        ] {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(normalize_key_chars(&chars), normalize_key(text), "{text}");
        }
    }

    #[test]
    fn folds_the_spelling_variations_of_the_news() {
        let table = [
            // Tashkeel and shadda from seed 000 ("أكّد", "إبّان") vanish; alef forms fold.
            ("أكّد رئيس الوزراء", "اكد رييس الوزراء"),
            ("إبّان زيارته", "ابان زيارته"),
            // Ta marbuta is folded for matching (seed 003: "محافظة كركوك").
            ("محافظة كركوك", "محافظه كركوك"),
            // Alef maqsura: ديالى is often written ديالي.
            ("محافظة ديالى", "محافظه ديالي"),
            // Tatweel stretches a word in headlines: "داعـــش".
            ("داعـــش", "داعش"),
            // Hamza carriers (documented choice): مسؤول / مسئول both fold to مسوول / مسيول…
            ("مسؤول", "مسوول"),
            ("رئيس", "رييس"),
            // Arabic-Indic and Persian digits: "٩ ديسمبر ٢٠١٧", "۲۰۲۱".
            ("٩ ديسمبر ٢٠١٧", "9 ديسمبر 2017"),
            ("عام ۲۰۲۱", "عام 2021"),
            // Arabic decimal separator and percent: "٣٫٥٪".
            ("٣٫٥٪", "3.5%"),
            // Arabic punctuation.
            ("قال، ثم سأل؟ نعم؛", "قال, ثم سال? نعم;"),
            // Every quote form.
            (
                "«داعش» “الكاظمي” ‹x› \"y\"",
                "\"داعش\" \"الكاظمي\" 'x' \"y\"",
            ),
            // Presentation-form lam-alef (old encoders): ﻻ → لا.
            ("ﻻ تؤثر", "لا توثر"),
            // Invisible characters: zero-width non-joiner, RLM, bidi override.
            ("بغ\u{200C}داد\u{200F} \u{202B}نص\u{202C}", "بغداد نص"),
            // NBSP and Latin case.
            ("ISIS\u{00A0}Daesh", "isis daesh"),
        ];
        for (input, want) in table {
            assert_eq!(normalize(input).as_str(), want, "{input}");
            assert_eq!(normalize_key(input), want, "{input}");
        }
    }

    #[test]
    fn spans_map_back_to_the_original_word_with_its_marks() {
        // Seed 000: "أكّد رئيس الوزراء العراقي #مصطفى_الكاظمي"
        let text = "أكّد رئيس الوزراء العراقي";
        let view = normalize(text);
        let s = view.as_str().find("اكد").unwrap();
        let (a, b) = view.original_span_of_bytes(s, s + "اكد".len());
        assert_eq!(chars_slice(text, a, b), "أكّد");
        let s = view.as_str().find("العراقي").unwrap();
        let (a, b) = view.original_span_of_bytes(s, s + "العراقي".len());
        assert_eq!(chars_slice(text, a, b), "العراقي");
        assert_eq!(view.to_original(view.len()), text.chars().count());
    }

    #[test]
    fn a_final_mark_belongs_to_the_word() {
        // "سيطرَ" (seed 000) ends with a fatha: the mention must carry it.
        let text = "سيطرَ “داعش”";
        let view = normalize(text);
        let s = view.as_str().find("سيطر").unwrap();
        let (a, b) = view.original_span_of_bytes(s, s + "سيطر".len());
        assert_eq!(chars_slice(text, a, b), "سيطرَ");
    }

    #[test]
    fn ligature_maps_to_its_one_original_character() {
        let text = "ﻻ شيء";
        let view = normalize(text);
        assert_eq!(view.as_str(), "لا شيء");
        let (a, b) = view.original_span_of_bytes(0, "لا".len());
        assert_eq!((a, b), (0, 1));
    }

    #[test]
    fn is_idempotent_on_the_seeds() {
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds")).unwrap()
        {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            let once = normalize_key(&text);
            assert_eq!(normalize_key(&once), once);
            assert_eq!(normalize(&text).as_str(), once);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_is_idempotent(text in "\\PC*") {
            let view = normalize(&text);
            let again = normalize_key(view.as_str());
            proptest::prop_assert_eq!(again.as_str(), view.as_str());
            proptest::prop_assert_eq!(view.to_original(view.len()), text.chars().count());
        }

        /// The sparse record of attached marks answers exactly as a dense map of
        /// every byte's covered end (the first implementation) did.
        #[test]
        fn sparse_marks_agree_with_a_dense_map(text in "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0640}\u{200C}\u{FEFB}\u{FDFA} a]{0,40}") {
            let view = normalize(&text);
            let mut dense: Vec<u32> = Vec::new();
            let mut attach: Option<usize> = None;
            for (i, c) in text.chars().enumerate() {
                let i = i as u32;
                if is_attached_mark(c) {
                    if let Some(from) = attach {
                        for e in &mut dense[from..] {
                            *e = i + 1;
                        }
                    }
                    continue;
                }
                let before = dense.len();
                fold(c, &mut |d| dense.extend(std::iter::repeat_n(i + 1, d.len_utf8())));
                attach = (dense.len() > before).then_some(before);
            }
            for (b, _) in view.as_str().char_indices() {
                let (_, e) = view.original_span_of_bytes(b, view.as_str()[b..].chars().next().unwrap().len_utf8() + b);
                proptest::prop_assert_eq!(e, dense[b] as usize, "at byte {}", b);
            }
        }

        #[test]
        fn arabic_spans_slice_to_the_same_key(text in "[\u{0600}-\u{06FF}\u{FE70}-\u{FEFF} «»a-z0-9]{0,40}") {
            let view = normalize(&text);
            let s = view.as_str();
            let chars: Vec<char> = text.chars().collect();
            for (b, c) in s.char_indices() {
                let (a, e) = view.original_span_of_bytes(b, b + c.len_utf8());
                proptest::prop_assert!(a < e && e <= chars.len());
                let orig: String = chars[a..e].iter().collect();
                proptest::prop_assert!(normalize_key(&orig).contains(c));
            }
        }
    }
}
