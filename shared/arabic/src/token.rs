//! Tokens with character offsets into the original text.
//!
//! One pass over the characters, no allocation per token: a [`Token`] is a kind and a
//! span; its matching form is [`Token::norm`], computed on demand. The kinds:
//!
//! - `Word`: Arabic letters with their tashkeel and tatweel (كَتَبَ، داعـــش), or a
//!   run of any other script's letters (`Latin` when ASCII letters).
//! - `Number`: digits of both systems with decimal and thousands separators inside
//!   (2,500 · ٢٬٥٠٠ · 3.5 · ٣٫٥), never ending on a separator (the "2021." of a sentence
//!   end is the number 2021 and a full stop).
//! - `Hashtag` (`#صلاح_الدين`, the `_` joins words), `Mention` (`@ina_iraq`), `Url`
//!   (`https://…`, `www.…`), `Punct` (one character), whitespace is skipped.

use crate::normalize::normalize_key;

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

/// A token: its kind and its character span `[start, end)` in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
}

impl Token {
    /// The token's text, from the text's characters.
    pub fn text(&self, chars: &[char]) -> String {
        chars[self.start..self.end].iter().collect()
    }

    /// The token's matching form (see [`crate::normalize`]).
    pub fn norm(&self, chars: &[char]) -> String {
        normalize_key(&self.text(chars))
    }
}

/// Arabic letters (base block, supplement, extended-A, presentation forms).
#[inline]
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}' | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

/// Tashkeel, Quranic marks, dagger alif and tatweel: part of the word they sit in.
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' | '\u{08CA}'..='\u{08FF}')
}

/// Zero-width joiners and bidi marks inside a word do not split it.
#[inline]
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{061C}'
    )
}

#[inline]
fn digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
}

#[inline]
fn number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

#[inline]
fn word_char(c: char) -> bool {
    is_arabic_letter(c) || is_mark(c) || (c.is_alphabetic() && !c.is_ascii())
}

/// Tokenizes `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    tokenize_chars(&chars)
}

/// Tokenizes a text already split into characters.
pub fn tokenize_chars(chars: &[char]) -> Vec<Token> {
    let n = chars.len();
    let mut out = Vec::with_capacity(n / 5);
    let mut i = 0;
    while i < n {
        let c = chars[i];
        let start = i;
        let kind = if c.is_whitespace() || is_invisible(c) || c.is_control() {
            i += 1;
            continue;
        } else if is_url_start(chars, i) {
            while i < n
                && !chars[i].is_whitespace()
                && !matches!(chars[i], '«' | '»' | '"' | '“' | '”' | '<' | '>')
            {
                i += 1;
            }
            // A sentence's full stop or comma after a URL is not part of it.
            while i > start + 1
                && matches!(
                    chars[i - 1],
                    '.' | ',' | ')' | '،' | ';' | ':' | '!' | '?' | '؟'
                )
            {
                i -= 1;
            }
            TokenKind::Url
        } else if (c == '#' || c == '@')
            && chars
                .get(i + 1)
                .is_some_and(|&d| word_char(d) || d.is_ascii_alphanumeric() || digit(d))
        {
            i += 1;
            while i < n
                && (word_char(chars[i])
                    || chars[i].is_ascii_alphanumeric()
                    || digit(chars[i])
                    || chars[i] == '_'
                    || is_invisible(chars[i]))
            {
                i += 1;
            }
            while chars[i - 1] == '_' {
                i -= 1;
            }
            if c == '#' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            }
        } else if digit(c) {
            i += 1;
            loop {
                while i < n && digit(chars[i]) {
                    i += 1;
                }
                if i + 1 < n && number_separator(chars[i]) && digit(chars[i + 1]) {
                    i += 1;
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if c.is_ascii_alphabetic() {
            while i < n
                && (chars[i].is_ascii_alphanumeric()
                    || (chars[i] == '\''
                        && chars.get(i + 1).is_some_and(char::is_ascii_alphabetic)))
            {
                i += 1;
            }
            TokenKind::Latin
        } else if word_char(c) {
            while i < n
                && (word_char(chars[i])
                    || (is_invisible(chars[i]) && chars.get(i + 1).is_some_and(|&d| word_char(d))))
            {
                i += 1;
            }
            TokenKind::Word
        } else {
            i += 1;
            TokenKind::Punct
        };
        out.push(Token {
            kind,
            start,
            end: i,
        });
    }
    out
}

fn is_url_start(chars: &[char], i: usize) -> bool {
    let starts = |p: &str| {
        (i..)
            .zip(p.chars())
            .all(|(k, pc)| chars.get(k).map(|c| c.to_ascii_lowercase()) == Some(pc))
    };
    (starts("http://") || starts("https://") || starts("www."))
        && (i == 0 || !chars[i - 1].is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
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
        // Seed 000: "أكّد" carries a shadda; a headline may stretch "داعـــش".
        assert_eq!(
            toks("أكّد داعـــش"),
            vec![t(Word, "أكّد"), t(Word, "داعـــش")]
        );
        // A zero-width non-joiner inside a word does not split it.
        assert_eq!(toks("بغ\u{200C}داد"), vec![t(Word, "بغ\u{200C}داد")]);
    }

    #[test]
    fn numbers_in_both_digit_systems_with_separators() {
        // Seed 002: "ضد 2500 عسكري"; Arabic-Indic with the Arabic thousands separator.
        assert_eq!(
            toks("2,500 ٢٬٥٠٠ ٣٫٥ 3.5"),
            vec![
                t(Number, "2,500"),
                t(Number, "٢٬٥٠٠"),
                t(Number, "٣٫٥"),
                t(Number, "3.5")
            ]
        );
        // The full stop after a year ends the sentence: "(9 ديسمبر 2017)."
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
    }

    #[test]
    fn hashtags_mentions_urls_and_latin() {
        // Seed 000 writes governorates as hashtags: "#صلاح_الدين".
        assert_eq!(
            toks("بـ#صلاح_الدين،"),
            vec![t(Word, "بـ"), t(Hashtag, "#صلاح_الدين"), t(Punct, "،")]
        );
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
        assert_eq!(toks("# 5"), vec![t(Punct, "#"), t(Number, "5")]);
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

    proptest::proptest! {
        #[test]
        fn spans_are_ordered_disjoint_and_slice_to_their_norm(text in "\\PC{0,80}") {
            let chars: Vec<char> = text.chars().collect();
            let tokens = tokenize(&text);
            let mut last = 0;
            for token in &tokens {
                proptest::prop_assert!(token.start >= last && token.start < token.end && token.end <= chars.len());
                last = token.end;
                let slice: String = chars[token.start..token.end].iter().collect();
                proptest::prop_assert_eq!(normalize_key(&slice), token.norm(&chars));
            }
            // Every letter or digit of the text is inside a token.
            for (i, c) in chars.iter().enumerate() {
                if c.is_alphanumeric() {
                    proptest::prop_assert!(tokens.iter().any(|t| t.start <= i && i < t.end), "{:?} at {} outside tokens", c, i);
                }
            }
        }
    }
}
