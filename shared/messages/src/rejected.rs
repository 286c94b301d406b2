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
    /// Builds a rejection that keeps `payload` byte for byte, truncated to
    /// `keep_bytes` so that a rejection of an oversized body still fits in one NATS
    /// message (the truncation is said in `message`).
    pub fn new(
        stage: &str,
        reason: RejectReason,
        message: impl Into<String>,
        payload: &[u8],
        keep_bytes: usize,
        received_at: String,
    ) -> Self {
        let mut message = message.into();
        let kept = if payload.len() > keep_bytes {
            message.push_str(&format!(
                " (payload truncated to its first {keep_bytes} of {} bytes)",
                payload.len()
            ));
            &payload[..keep_bytes]
        } else {
            payload
        };
        let (payload_encoding, payload_text) = match std::str::from_utf8(kept) {
            Ok(text) => ("utf8", text.to_string()),
            Err(_) => (
                "base64",
                base64::engine::general_purpose::STANDARD.encode(kept),
            ),
        };
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
}
