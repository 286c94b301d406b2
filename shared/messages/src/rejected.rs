//! What every stage publishes on `marsad.articles.rejected`: nothing a publisher sends
//! is dropped without a trace.

use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub const REJECTED_SCHEMA: &str = "marsad.rejected/v1";

/// Machine-readable reasons. The set is closed so that it can be a metric label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    InvalidJson,
    InvalidUtf8,
    EmptyBody,
    TooLarge,
    NotArabic,
    Schema,
    Duplicate,
    HandlerFailed,
}

impl RejectReason {
    pub const ALL: [RejectReason; 8] = [
        RejectReason::InvalidJson,
        RejectReason::InvalidUtf8,
        RejectReason::EmptyBody,
        RejectReason::TooLarge,
        RejectReason::NotArabic,
        RejectReason::Schema,
        RejectReason::Duplicate,
        RejectReason::HandlerFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::InvalidJson => "invalid_json",
            RejectReason::InvalidUtf8 => "invalid_utf8",
            RejectReason::EmptyBody => "empty_body",
            RejectReason::TooLarge => "too_large",
            RejectReason::NotArabic => "not_arabic",
            RejectReason::Schema => "schema",
            RejectReason::Duplicate => "duplicate",
            RejectReason::HandlerFailed => "handler_failed",
        }
    }
}

impl std::fmt::Display for RejectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The longest human message a rejection carries, in characters: a refusal that quotes
/// a hostile value (a 700 KB `published_at`) must not grow the rejection past NATS's
/// message limit.
pub const MAX_MESSAGE_CHARS: usize = 1000;

fn bounded_message(message: String) -> String {
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((at, _)) => format!("{}…", &message[..at]),
        None => message,
    }
}

/// The length in bytes of the longest prefix of `text` whose JSON string form (as
/// serde_json escapes it) takes at most `budget` bytes.
fn escaped_prefix(text: &str, budget: usize) -> usize {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        used += match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            '\0'..='\u{1f}' => 6,
            c => c.len_utf8(),
        };
        if used > budget {
            return at;
        }
    }
    text.len()
}

/// A rejected message: the original payload kept byte for byte (base64 when it is not
/// UTF-8), the stage, the reason and a human message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub schema: String,
    pub stage: String,
    pub reason: RejectReason,
    pub message: String,
    /// `utf8` or `base64`.
    pub payload_encoding: String,
    pub payload: String,
    /// Size of the original payload in bytes.
    pub payload_bytes: usize,
    /// The article id when the stage got far enough to know it.
    #[serde(default)]
    pub article_id: Option<String>,
    /// Headers of the original message (name → values).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    pub received_at: String,
}

impl Rejection {
    /// Builds a rejection that keeps `payload` byte for byte, truncated so that a
    /// rejection of an oversized or hostile body still fits in one NATS message (the
    /// truncation is said in `message`): a UTF-8 payload is cut at a character
    /// boundary where its JSON-escaped form reaches `keep_bytes` (700 KB of NULs
    /// escape to six times their size), any other payload after `keep_bytes` bytes
    /// (base64 adds a third). The human message is cut at [`MAX_MESSAGE_CHARS`].
    pub fn new(
        stage: &str,
        reason: RejectReason,
        message: impl Into<String>,
        payload: &[u8],
        keep_bytes: usize,
        received_at: String,
    ) -> Self {
        let mut message = bounded_message(message.into());
        let (payload_encoding, payload_text, kept) = match std::str::from_utf8(payload) {
            Ok(text) => {
                let cut = escaped_prefix(text, keep_bytes);
                ("utf8", text[..cut].to_string(), cut)
            }
            Err(_) => {
                let cut = payload.len().min(keep_bytes);
                (
                    "base64",
                    base64::engine::general_purpose::STANDARD.encode(&payload[..cut]),
                    cut,
                )
            }
        };
        if kept < payload.len() {
            message.push_str(&format!(
                " (payload truncated to its first {kept} of {} bytes)",
                payload.len()
            ));
        }
        Rejection {
            schema: REJECTED_SCHEMA.to_string(),
            stage: stage.to_string(),
            reason,
            message,
            payload_encoding: payload_encoding.to_string(),
            payload: payload_text,
            payload_bytes: payload.len(),
            article_id: None,
            headers: Vec::new(),
            received_at,
        }
    }

    /// The original payload bytes (as kept).
    pub fn payload_bytes_kept(&self) -> Vec<u8> {
        if self.payload_encoding == "base64" {
            base64::engine::general_purpose::STANDARD
                .decode(&self.payload)
                .unwrap_or_default()
        } else {
            self.payload.as_bytes().to_vec()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_payloads_are_kept_as_base64() {
        let bytes = [0x66, 0xff, 0xfe, 0x00];
        let r = Rejection::new(
            "ingest",
            RejectReason::InvalidUtf8,
            "x",
            &bytes,
            100,
            "t".into(),
        );
        assert_eq!(r.payload_encoding, "base64");
        assert_eq!(r.payload_bytes_kept(), bytes);
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"reason\":\"invalid_utf8\""));
    }

    #[test]
    fn oversized_payloads_are_truncated_and_say_so() {
        let r = Rejection::new(
            "ingest",
            RejectReason::TooLarge,
            "too big",
            &[b'a'; 50],
            10,
            "t".into(),
        );
        assert_eq!(r.payload.len(), 10);
        assert_eq!(r.payload_bytes, 50);
        assert!(r.message.contains("truncated"));
    }

    #[test]
    fn what_is_kept_is_bounded_once_escaped_and_cut_between_characters() {
        // NULs escape to six bytes each (\u0000): the kept prefix is cut by that size.
        let nuls = "\0".repeat(1000);
        let r = Rejection::new(
            "ingest",
            RejectReason::NotArabic,
            "x",
            nuls.as_bytes(),
            600,
            "t".into(),
        );
        assert_eq!(r.payload.len(), 100);
        assert!(serde_json::to_string(&r.payload).unwrap().len() <= 602);
        // A UTF-8 payload cut inside a character stays UTF-8, one character shorter.
        let arabic = "خبر".repeat(10);
        let r = Rejection::new(
            "ingest",
            RejectReason::TooLarge,
            "x",
            arabic.as_bytes(),
            7,
            "t".into(),
        );
        assert_eq!(
            (r.payload_encoding.as_str(), r.payload.as_str()),
            ("utf8", "خبر")
        );
        // A message quoting a hostile value is cut.
        let r = Rejection::new(
            "ingest",
            RejectReason::Schema,
            "\"".repeat(5000),
            b"x",
            10,
            "t".into(),
        );
        assert_eq!(r.message.chars().count(), MAX_MESSAGE_CHARS + 1);
    }
}
