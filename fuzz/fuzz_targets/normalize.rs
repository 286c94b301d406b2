//! Normalization never panics, is idempotent, agrees with `normalize_key`, and every
//! view character maps back to a span of the original whose key contains it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_arabic::normalize::{normalize, normalize_key};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let view = normalize(text);
    assert_eq!(normalize_key(view.as_str()), view.as_str());
    assert_eq!(normalize_key(text), view.as_str());
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(view.to_original(view.len()), chars.len());
    for (b, c) in view.as_str().char_indices() {
        let (s, e) = view.original_span_of_bytes(b, b + c.len_utf8());
        assert!(s < e && e <= chars.len());
        let original: String = chars[s..e].iter().collect();
        assert!(normalize_key(&original).contains(c));
    }
});
