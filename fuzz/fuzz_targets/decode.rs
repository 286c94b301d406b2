//! The message decoder: whatever bytes a publisher sends, ingest either accepts an
//! article whose text is non-empty and cleaned (no controls but tab and line break, no
//! byte-order mark, no bidi embedding/override/isolate), whose id is well-formed and
//! whose JSON enrich decodes back to the same article, or refuses it with a reason, and
//! the rejection that carries the payload keeps its start byte for byte and stays
//! within its budget once serialized. Enrich's own decoder never panics on the bytes.
//! The first byte picks the Content-Type header (none, JSON, HTML, plain text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_ingest::handler::{ingest, HeaderMeta, IngestConfig};
use marsad_messages::{IngestedArticle, RejectReason, Rejection};

const KEEP: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, payload)) = data.split_first() else {
        return;
    };
    let config = IngestConfig {
        rejection_keep_bytes: KEEP,
        ..IngestConfig::default()
    };
    let meta = HeaderMeta {
        content_type: match mode % 4 {
            1 => Some("application/json".into()),
            2 => Some("text/html; charset=utf-8".into()),
            3 => Some("text/plain".into()),
            _ => None,
        },
        ..HeaderMeta::default()
    };
    let _ = serde_json::from_slice::<IngestedArticle>(payload);
    match ingest(&config, payload, &meta, "2026-12-03T00:00:00Z") {
        Ok(article) => {
            assert!(!article.text.trim().is_empty());
            for c in article
                .text
                .chars()
                .chain(article.title.iter().flat_map(|t| t.chars()))
            {
                assert!(
                    !(c.is_control() && c != '\n' && c != '\t')
                        && c != '\u{FEFF}'
                        && !('\u{202A}'..='\u{202E}').contains(&c)
                        && !('\u{2066}'..='\u{2069}').contains(&c),
                    "{c:?} left in the text"
                );
            }
            assert!(!article.id.is_empty() && article.id.len() <= config.max_id_len);
            let json = serde_json::to_vec(&article).unwrap();
            let back: IngestedArticle = serde_json::from_slice(&json).unwrap();
            assert_eq!(back, article);
        }
        Err(refusal) => {
            assert!(!refusal.message.is_empty());
            assert_ne!(refusal.reason, RejectReason::HandlerFailed);
            let r = Rejection::new(
                "ingest",
                refusal.reason,
                refusal.message,
                payload,
                KEEP,
                "t".into(),
            );
            assert_eq!(r.payload_bytes, payload.len());
            assert!(payload.starts_with(&r.payload_bytes_kept()));
            let json = serde_json::to_string(&r).unwrap();
            // Kept payload within KEEP once escaped (base64: a third more), the message
            // within 1,000 characters (at most 4 bytes each, 6 escaped), the envelope.
            assert!(
                json.len() <= KEEP * 4 / 3 + 4 + 6 * 1000 + 1024,
                "{} bytes",
                json.len()
            );
        }
    }
});
