//! Tokens with character offsets into the original text.
//!
//! The tokenizer reads the *matching view* of a text ([`crate::normalize`]), not the
//! text itself: there tashkeel, tatweel and invisible characters are already gone,
//! Arabic-Indic digits are ASCII and every quote is one of two characters, so the
//! scanner is a short byte loop, and a token's matching form is simply its slice of the
//! view — no allocation per token. Every token also carries its character span in the
//! original text, taken from the view's map, so it points at the word as written
//! (with its marks: كَتَبَ، داعـــش).
//!
//! The kinds:
//!
//! - `Word`: a run of Arabic letters (with their tashkeel and tatweel in the original),
//!   or of the letters of any other non-Latin script.
//! - `Latin`: Latin letters and digits (ISIS, F16, al-Sadr's → `al`, `-`, `sadr's`).
//! - `Number`: digits of both systems with decimal and thousands separators *between*
//!   digits (2,500 · ٢٬٥٠٠ · 3.5 · ٣٫٥), never ending on a separator: the "2021." of a
//!   sentence end is the number 2021 and a full stop. In the view the Arabic comma ،
//!   is a comma too, so the rare "٥،٦" written without a space reads as one number.
//! - `Hashtag` (`#صلاح_الدين`: `_` joins the words of a hashtag), `Mention`
//!   (`@ina_iraq`), `Url` (`https://…`, `www.…`, without a sentence's final full stop).
//! - `Punct`: any other single character (quotes, brackets, ، ؟ …). Whitespace and
//!   control characters are skipped.
//!
//! Invariant (tested by property and fuzzing): tokens are ordered and disjoint, and the
//! original text of every token normalizes exactly to the token's matching form. One
//! original character can become several view characters (the ligature ﷺ becomes four
//! words); a token never splits such a character, it grows to hold all of it.

use std::ops::Deref;

use crate::normalize::{normalize, Normalized};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Word,
    Latin,
    Number,
    Hashtag,
    Mention,
    Url,
    Punct,
}

/// A token: its kind, its character span `[start, end)` in the original text, and the
/// byte range `[norm_start, norm_end)` of its matching form in the text's view
/// (`normalize(text)`, which [`Tokens`] holds; [`Tokens::norm`] reads it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    pub norm_start: u32,
    pub norm_end: u32,
}

impl Token {
    /// The token's text, from the text's characters.
    pub fn text(&self, chars: &[char]) -> String {
        chars[self.start..self.end].iter().collect()
    }

    /// The token's matching form, computed again from the text's characters. When the
    /// view is at hand, [`Tokens::norm`] gives the same string without allocating.
    pub fn norm(&self, chars: &[char]) -> String {
        crate::normalize::normalize_key(&self.text(chars))
    }
}

/// The tokens of a text together with its matching view, which holds every token's
/// matching form. Dereferences to the token slice.
#[derive(Debug, Clone)]
pub struct Tokens {
    view: Normalized,
    tokens: Vec<Token>,
}

impl Tokens {
    /// The matching form of `token` (a token of this text), borrowed from the view.
    pub fn norm(&self, token: &Token) -> &str {
        &self.view.as_str()[token.norm_start as usize..token.norm_end as usize]
    }

    /// Every token with its matching form.
    pub fn with_norms(&self) -> impl Iterator<Item = (&Token, &str)> {
        self.tokens.iter().map(|t| (t, self.norm(t)))
    }

    /// The text's matching view.
    pub fn view(&self) -> &Normalized {
        &self.view
    }

    /// The tokens, without the view.
    pub fn into_vec(self) -> Vec<Token> {
        self.tokens
    }
}

impl Deref for Tokens {
    type Target = [Token];
    fn deref(&self) -> &[Token] {
        &self.tokens
    }
}

/// Tokenizes `text` (normalizing it once).
pub fn tokenize(text: &str) -> Tokens {
    let view = normalize(text);
    let tokens = tokenize_view(&view);
    Tokens { view, tokens }
}

/// Tokenizes a text already split into characters (the token's matching forms are
/// then [`Token::norm`]).
pub fn tokenize_chars(chars: &[char]) -> Vec<Token> {
    let text: String = chars.iter().collect();
    tokenize(&text).into_vec()
}

/// Letters of the Arabic script as they remain in the view (presentation forms are
/// folded away by then).
#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

/// Combining marks the view keeps (those of other scripts, rare Arabic ones): part of
/// the word they follow.
#[inline]
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{08CA}'..='\u{08FF}'
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Latin letters beyond ASCII (é, ç, ş in transliterated names).
#[inline]
fn is_latin_extra(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

#[inline]
fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || is_combining(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// The character at byte `i` of `s` and its length.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let bytes = s.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    if b & 0xE0 == 0xC0 {
        // Two bytes: all of the Arabic block. `s` is UTF-8, so this is a valid char.
        let u = (u32::from(b & 0x1F) << 6) | u32::from(bytes[i + 1] & 0x3F);
        return (char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), 2);
    }
    let c = s[i..].chars().next().expect("char boundary");
    (c, c.len_utf8())
}

/// Advances from `i` while `keep` holds for the character there.
#[inline]
fn run(s: &str, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while i < s.len() {
        let (c, n) = char_at(s, i);
        if !keep(c) {
            break;
        }
        i += n;
    }
    i
}

/// Tokenizes a matching view.
pub fn tokenize_view(view: &Normalized) -> Vec<Token> {
    let s = view.as_str();
    let bytes = s.as_bytes();
    let n = s.len();
    let mut out: Vec<Token> = Vec::with_capacity(n / 8 + 1);
    let mut i = 0;
    while i < n {
        let (c, len) = char_at(s, i);
        let start = i;
        let kind = if is_arabic_letter(c) {
            // The common case first: an Arabic word.
            i = run(s, i + len, is_word_char);
            TokenKind::Word
        } else if c.is_whitespace() || c.is_control() {
            i += len;
            continue;
        } else if let Some(end) = url_at(s, i) {
            i = end;
            TokenKind::Url
        } else if (c == '#' || c == '@')
            && i + 1 < n
            && is_tag_char(char_at(s, i + 1).0)
            && char_at(s, i + 1).0 != '_'
        {
            i = run(s, i + 1, is_tag_char);
            // "#صلاح_الدين_" — a trailing underscore is not part of the name.
            while bytes[i - 1] == b'_' {
                i -= 1;
            }
            if c == '#' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            }
        } else if c.is_ascii_digit() {
            i = number_end(bytes, i);
            TokenKind::Number
        } else if c.is_ascii_alphabetic() || is_latin_extra(c) {
            i = latin_end(s, i);
            TokenKind::Latin
        } else if is_word_char(c) {
            i = run(s, i + len, is_word_char);
            TokenKind::Word
        } else {
            i += len;
            TokenKind::Punct
        };
        push(&mut out, view, kind, start, i);
        // `push` may have grown the token over the rest of one original character.
        i = i.max(out.last().map_or(0, |t| t.norm_end as usize));
    }
    out
}

/// Adds the token of view bytes `[bs, be)`, grown to whole original characters and
/// merged with the previous token if they share one (see the module invariant).
fn push(out: &mut Vec<Token>, view: &Normalized, kind: TokenKind, mut bs: usize, mut be: usize) {
    let s = view.as_str();
    while bs > 0 && view.to_original(bs - 1) == view.to_original(bs) {
        bs -= 1;
    }
    while be < s.len() && view.to_original(be) == view.to_original(be - 1) {
        be += 1;
    }
    let (start, end) = view.original_span_of_bytes(bs, be);
    if let Some(last) = out.last_mut() {
        if (last.norm_end as usize) > bs {
            last.norm_end = be as u32;
            last.end = end;
            return;
        }
    }
    out.push(Token {
        kind,
        start,
        end,
        norm_start: bs as u32,
        norm_end: be as u32,
    });
}

#[inline]
fn is_tag_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || is_word_char(c)
}

/// End of the number starting at `i`: digits, with `.` or `,` only between digits.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i + 1 < bytes.len() && matches!(bytes[i], b'.' | b',') && bytes[i + 1].is_ascii_digit() {
            i += 1;
        } else {
            return i;
        }
    }
}

/// End of the Latin word starting at `i`: letters and digits, and an apostrophe between
/// letters (al-Sadr's).
fn latin_end(s: &str, mut i: usize) -> usize {
    let latin = |c: char| c.is_ascii_alphanumeric() || is_latin_extra(c) || is_combining(c);
    loop {
        i = run(s, i, latin);
        if i + 1 < s.len() && s.as_bytes()[i] == b'\'' && char_at(s, i + 1).0.is_alphabetic() {
            i += 1;
        } else {
            return i;
        }
    }
}

/// The end of a URL starting at byte `i`, if one starts there.
fn url_at(s: &str, i: usize) -> Option<usize> {
    let rest = &s.as_bytes()[i..];
    let starts =
        rest.starts_with(b"http://") || rest.starts_with(b"https://") || rest.starts_with(b"www.");
    if !starts {
        return None;
    }
    if i > 0 {
        let prev = s[..i].chars().next_back().expect("not empty");
        if prev.is_alphanumeric() {
            return None;
        }
    }
    let mut end = run(s, i, |c| {
        !c.is_whitespace() && !matches!(c, '"' | '<' | '>')
    });
    // A sentence's full stop or comma after a URL is not part of it.
    while end > i + 1
        && matches!(
            s.as_bytes()[end - 1],
            b'.' | b',' | b')' | b';' | b':' | b'!' | b'?' | b'\''
        )
    {
        end -= 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_key;
    use TokenKind::*;

    fn toks(text: &str) -> Vec<(TokenKind, String)> {
        let chars: Vec<char> = text.chars().collect();
        tokenize(text)
            .iter()
            .map(|t| (t.kind, t.text(&chars)))
            .collect()
    }

    fn t(kind: TokenKind, s: &str) -> (TokenKind, String) {
        (kind, s.to_string())
    }

    #[test]
    fn words_keep_their_marks_and_tatweel() {
        // Seed 000: "أكّد" carries a shadda; a headline may stretch "داعـــش". The
        // token points at the word as written; its matching form has neither.
        assert_eq!(
            toks("أكّد داعـــش"),
            vec![t(Word, "أكّد"), t(Word, "داعـــش")]
        );
        let tokens = tokenize("أكّد داعـــش");
        let norms: Vec<&str> = tokens.with_norms().map(|(_, n)| n).collect();
        assert_eq!(norms, ["اكد", "داعش"]);
        // A zero-width non-joiner inside a word does not split it (it only stops the
        // letters from joining on screen).
        assert_eq!(toks("بغ\u{200C}داد"), vec![t(Word, "بغ\u{200C}داد")]);
    }

    #[test]
    fn numbers_in_both_digit_systems_with_separators() {
        // Seed 002: "ضد 2500 عسكري"; Arabic-Indic digits use ٬ for thousands and ٫ for
        // the decimal point.
        let tokens = tokenize("2,500 ٢٬٥٠٠ ٣٫٥ 3.5 ١٬٢٠٠");
        let got: Vec<(TokenKind, &str)> = tokens.with_norms().map(|(t, n)| (t.kind, n)).collect();
        assert_eq!(
            got,
            [
                (Number, "2,500"),
                (Number, "2,500"),
                (Number, "3.5"),
                (Number, "3.5"),
                (Number, "1,200")
            ]
        );
        // The full stop after a year ends the sentence: "(9 ديسمبر 2017)." (seed 000).
        assert_eq!(
            toks("(9 ديسمبر 2017)."),
            vec![
                t(Punct, "("),
                t(Number, "9"),
                t(Word, "ديسمبر"),
                t(Number, "2017"),
                t(Punct, ")"),
                t(Punct, ".")
            ]
        );
        // "خلال 2021.. رئيس" (seed 004): the number, then two dots.
        assert_eq!(
            toks("2021.."),
            vec![t(Number, "2021"), t(Punct, "."), t(Punct, ".")]
        );
        // "و١٥": the conjunction و written onto a number is its own word.
        assert_eq!(toks("و١٥"), vec![t(Word, "و"), t(Number, "١٥")]);
    }

    #[test]
    fn hashtags_mentions_urls_and_latin() {
        // Seed 000 writes governorates as hashtags: "#صلاح_الدين"; a preposition with
        // tatweel may be glued in front ("بـ#").
        assert_eq!(
            toks("بـ#صلاح_الدين،"),
            vec![t(Word, "بـ"), t(Hashtag, "#صلاح_الدين"), t(Punct, "،")]
        );
        assert_eq!(toks("#داعش_"), vec![t(Hashtag, "#داعش"), t(Punct, "_")]);
        assert_eq!(
            toks("@ina_iraq قال"),
            vec![t(Mention, "@ina_iraq"), t(Word, "قال")]
        );
        assert_eq!(
            toks("المصدر: https://www.alhurra.com/iraq/2021. ISIS"),
            vec![
                t(Word, "المصدر"),
                t(Punct, ":"),
                t(Url, "https://www.alhurra.com/iraq/2021"),
                t(Punct, "."),
                t(Latin, "ISIS")
            ]
        );
        assert_eq!(
            toks("«www.bbc.com»"),
            vec![t(Punct, "«"), t(Url, "www.bbc.com"), t(Punct, "»")]
        );
        assert_eq!(toks("# 5"), vec![t(Punct, "#"), t(Number, "5")]);
        // Latin names keep their apostrophe and accented letters.
        assert_eq!(
            toks("al-Sadr's Erdoğan"),
            vec![
                t(Latin, "al"),
                t(Punct, "-"),
                t(Latin, "Sadr's"),
                t(Latin, "Erdoğan")
            ]
        );
        assert_eq!(tokenize("ISIS").with_norms().next().unwrap().1, "isis");
    }

    #[test]
    fn quotes_and_arabic_punctuation_are_tokens() {
        assert_eq!(
            toks("«داعش»، “الكاظمي”؟"),
            vec![
                t(Punct, "«"),
                t(Word, "داعش"),
                t(Punct, "»"),
                t(Punct, "،"),
                t(Punct, "“"),
                t(Word, "الكاظمي"),
                t(Punct, "”"),
                t(Punct, "؟")
            ]
        );
    }

    #[test]
    fn a_ligature_of_several_words_is_one_token() {
        // ﷺ (U+FDFA) stands for four words; its tokens cannot split one character.
        let text = "النبي ﷺ قال";
        let tokens = tokenize(text);
        let got: Vec<(TokenKind, String, &str)> = tokens
            .with_norms()
            .map(|(t, n)| (t.kind, t.text(&text.chars().collect::<Vec<_>>()), n))
            .collect();
        assert_eq!(got[1].1, "ﷺ");
        assert_eq!(got[1].2, normalize_key("ﷺ"));
        assert_eq!(got.len(), 3);
        // The lam-alef ligature is one word of two letters.
        assert_eq!(tokenize("ﻻ").with_norms().next().unwrap().1, "لا");
    }

    #[test]
    fn the_char_api_agrees_with_the_view_api() {
        let text = "قال «الخفاجي»: إن ٣ إرهابيين قُتلوا في #كركوك https://t.co/x.";
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        assert_eq!(tokenize_chars(&chars), tokens.to_vec());
        for (t, n) in tokens.with_norms() {
            assert_eq!(t.norm(&chars), n);
        }
    }

    fn check_invariants(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        let mut last = 0;
        for (token, norm) in tokens.with_norms() {
            proptest::prop_assert!(
                token.start >= last && token.start < token.end && token.end <= chars.len()
            );
            last = token.end;
            let slice: String = chars[token.start..token.end].iter().collect();
            proptest::prop_assert_eq!(normalize_key(&slice), norm);
        }
        // Every character that keeps a visible matching form is inside a token.
        for (i, c) in chars.iter().enumerate() {
            let key = normalize_key(&c.to_string());
            if key.chars().any(|k| !k.is_whitespace() && !k.is_control()) {
                proptest::prop_assert!(
                    tokens.iter().any(|t| t.start <= i && i < t.end),
                    "{:?} at {} outside tokens",
                    c,
                    i
                );
            }
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_disjoint_and_slice_to_their_norm(text in "\\PC{0,80}") {
            check_invariants(&text)?;
        }

        #[test]
        fn arabic_news_alphabet(text in "[\u{0600}-\u{06FF}\u{FB50}-\u{FDFF}\u{FE70}-\u{FEFF}\u{200B}-\u{200F} #@_.,:/wht0-9«»“”\n]{0,60}") {
            check_invariants(&text)?;
        }
    }
}
