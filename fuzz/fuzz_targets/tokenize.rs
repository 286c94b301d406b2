//! Tokens are ordered, disjoint, inside the text, and the original text of every token
//! normalizes to the token's matching form; every character with a visible matching
//! form is inside a token. Clitic analysis of every word and sentence splitting never
//! panic, and sentences lie ordered inside paragraphs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_arabic::clitics::{self, BuiltinLexicon};
use marsad_arabic::normalize::normalize_key;
use marsad_arabic::{sentence, token};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let chars: Vec<char> = text.chars().collect();
    let tokens = token::tokenize(text);
    let mut last = 0;
    for (t, norm) in tokens.with_norms() {
        assert!(t.start >= last && t.start < t.end && t.end <= chars.len());
        last = t.end;
        let slice: String = chars[t.start..t.end].iter().collect();
        assert_eq!(normalize_key(&slice), norm);
        for a in clitics::analyze(norm, BuiltinLexicon::get()) {
            assert!(norm.starts_with(a.prefix) && norm.ends_with(a.suffix));
        }
    }
    let mut covered = vec![false; chars.len()];
    for t in tokens.iter() {
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in chars.iter().enumerate() {
        let key = normalize_key(&c.to_string());
        if key.chars().any(|k| !k.is_whitespace() && !k.is_control()) {
            assert!(covered[i], "{c:?} at {i} outside tokens");
        }
    }
    let paragraphs = sentence::paragraphs(text);
    let mut last = 0;
    for s in sentence::sentences(text) {
        assert!(s.start >= last && s.start < s.end && s.end <= chars.len());
        assert!(paragraphs.iter().any(|p| p.start <= s.start && s.end <= p.end));
        last = s.end;
    }
});
