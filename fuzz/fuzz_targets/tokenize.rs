//! Tokens are ordered, disjoint, inside the text, and cover every letter and digit;
//! sentences and clitic analysis of every word never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_arabic::{clitics, sentence, token};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let chars: Vec<char> = text.chars().collect();
    let tokens = token::tokenize_chars(&chars);
    let mut last = 0;
    for t in &tokens {
        assert!(t.start >= last && t.start < t.end && t.end <= chars.len());
        last = t.end;
        let norm = t.norm(&chars);
        let _ = clitics::analyze(&norm, &|_: &str| false);
    }
    for (i, c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            assert!(tokens.iter().any(|t| t.start <= i && i < t.end));
        }
    }
    let mut last = 0;
    for s in sentence::sentences(text) {
        assert!(s.start >= last && s.start < s.end && s.end <= chars.len());
        last = s.end;
    }
});
