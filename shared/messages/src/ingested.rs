//! What ingest publishes on `marsad.articles.ingested`.

use serde::{Deserialize, Serialize};

pub const INGESTED_SCHEMA_NAME: &str = "marsad.ingested";
pub const INGESTED_SCHEMA: &str = "marsad.ingested/v1";

/// A validated, cleaned article with its stable id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IngestedArticle {
    pub schema: String,
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Clean body: boilerplate paragraphs removed, original characters kept.
    pub text: String,
    pub published_at: Option<String>,
    pub received_at: String,
    pub language: String,
    #[serde(default)]
    pub duplicate_of: Option<String>,
    #[serde(default)]
    pub metadata: Option<serde_json::Value>,
    /// Paragraphs ingest removed as boilerplate, for audit (`marsad enrich --explain`).
    #[serde(default)]
    pub removed: Vec<String>,
    #[serde(default)]
    pub timings_us: Timings,
}

/// Time each stage spent on the article, in microseconds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timings {
    #[serde(default)]
    pub ingest: u64,
    #[serde(default)]
    pub enrich: u64,
}
