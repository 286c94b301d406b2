//! What a publisher sends on `marsad.articles.raw`.

use serde::{Deserialize, Serialize};

/// Header names a publisher may set on a plain-text payload.
pub mod headers {
    pub const SOURCE: &str = "Marsad-Source";
    pub const URL: &str = "Marsad-Url";
    pub const PUBLISHED_AT: &str = "Marsad-Published-At";
    pub const TITLE: &str = "Marsad-Title";
    pub const ID: &str = "Marsad-Id";
    /// The header JetStream uses to drop a duplicate publish inside its window.
    pub const NATS_MSG_ID: &str = "Nats-Msg-Id";
}

/// A raw article as a JSON object. Only `body` is required.
///
/// Unknown fields are refused (reason `schema`) rather than ignored: a publisher who
/// misspells `published_at` learns it at once instead of losing the date silently.
/// Extra data belongs in `metadata`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
}
