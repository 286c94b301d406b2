//! `marsad.enriched/v1`: what enrich publishes on `marsad.articles.enriched.<p>`.
//!
//! All `start`/`end` fields are character offsets (Unicode scalar values, end
//! exclusive) into `text`, so that `text[start:end]` in Python gives the mention.

use serde::{Deserialize, Serialize};

use crate::Timings;

pub const ENRICHED_SCHEMA_NAME: &str = "marsad.enriched";
pub const ENRICHED_SCHEMA: &str = "marsad.enriched/v1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnrichedArticle {
    pub schema: String,
    pub id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published_at: Option<String>,
    pub received_at: String,
    pub language: String,
    pub text: String,
    pub duplicate_of: Option<String>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<DateMention>,
    pub counts: Vec<Count>,
    pub events: Vec<Event>,
    pub themes: Vec<String>,
    pub hashtags: Vec<String>,
    pub tone: Tone,
    pub timings_us: Timings,
}

/// Entity types: the ANERcorp classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    Person,
    Org,
    Loc,
    Misc,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses `PERSON`, `person`, `PERS` (the ANERcorp tag) and so on.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PERS" | "PER" => Some(EntityType::Person),
            "ORG" => Some(EntityType::Org),
            "LOC" | "GPE" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub mentions: Vec<Mention>,
    pub geo: Option<Geo>,
    pub salience: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Geo {
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub adm1: Option<String>,
    /// `country`, `adm1`, `adm2`, `city` or `site`.
    pub precision: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub verb: Option<String>,
    pub speaker: Option<Speaker>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub entity_id: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// ISO 8601 at the resolution's precision: `2017-12-09`, `2014-06`, `2020`.
    pub value: Option<String>,
    pub resolution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub value: u64,
    pub approximate: bool,
    pub object: Option<String>,
}

/// Event `type`s (DESIGN.md): ACLED's six, plus the non-violent reports that dominate
/// this news. A bounded label set for metrics.
pub const EVENT_TYPES: [&str; 9] = [
    "BATTLES",
    "EXPLOSIONS_REMOTE_VIOLENCE",
    "VIOLENCE_AGAINST_CIVILIANS",
    "PROTESTS",
    "RIOTS",
    "STRATEGIC_DEVELOPMENTS",
    "STATEMENT",
    "MEETING",
    "CONFERENCE",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub event_type: String,
    pub sub_type: Option<String>,
    pub location_id: Option<String>,
    pub date: Option<String>,
    pub fatalities: Option<u64>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    pub score: f64,
    pub positive: f64,
    pub negative: f64,
    #[serde(default)]
    pub polarity: f64,
    #[serde(default)]
    pub word_count: usize,
}
