//! The aggregate state of one partition, and the pure function that applies an
//! enriched article to it. No I/O: the service loop checkpoints it to the KV bucket
//! together with the stream sequence it covers.
//!
//! Time is event time: an article counts in the hour of its `published_at`, or of
//! its `received_at` when the publisher gave no date. Windows in queries end at the
//! *stream clock*, the latest event time seen, so that a replay of 2018 news answers
//! "the last 24 hours" about 2018, and a live pipeline about now.

use std::collections::{BTreeMap, HashMap, VecDeque};

use marsad_messages::{EnrichedArticle, EntityType};
use serde::{Deserialize, Serialize};

/// What a query needs to know about an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityInfo {
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub adm1: Option<String>,
}

/// Mentions and articles in one hour bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub mentions: u64,
    pub articles: u64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.mentions += other.mentions;
        self.articles += other.articles;
    }
}

/// A compact view of an article for the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub received_at: String,
    /// Event hour (hours since the Unix epoch).
    pub hour: i64,
    pub entities: Vec<(String, EntityType, String)>,
    pub governorates: Vec<String>,
    pub quotes: usize,
    pub killed: u64,
    pub snippet: String,
}

/// The state of one partition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PartitionState {
    /// The last stream sequence applied: a redelivered message at or below it is
    /// skipped, which is what makes the counts exact after a crash.
    pub last_seq: u64,
    pub articles: u64,
    /// Latest event hour seen.
    pub clock_hour: i64,
    pub entities: HashMap<String, EntityInfo>,
    /// hour → entity id → tally.
    pub entity_hours: BTreeMap<i64, HashMap<String, Tally>>,
    /// hour → ISO 3166-2 code → tally (mentions of places in that governorate).
    pub governorate_hours: BTreeMap<i64, HashMap<String, Tally>>,
    /// Newest last, bounded.
    pub recent: VecDeque<ArticleSummary>,
}

/// Limits of the state, from settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub retention_hours: i64,
    pub recent_articles: usize,
}

/// Hours since the Unix epoch of an RFC 3339 timestamp.
pub fn event_hour(timestamp: &str) -> Option<i64> {
    let t = time::OffsetDateTime::parse(timestamp, &time::format_description::well_known::Rfc3339)
        .ok()?;
    Some(t.unix_timestamp().div_euclid(3600))
}

/// The hour an article counts in.
pub fn article_hour(article: &EnrichedArticle) -> i64 {
    article
        .published_at
        .as_deref()
        .and_then(event_hour)
        .or_else(|| event_hour(&article.received_at))
        .unwrap_or(0)
}

impl PartitionState {
    /// Applies one article seen at stream sequence `seq`. Returns false (and changes
    /// nothing) when the checkpoint already covers it.
    pub fn apply(&mut self, seq: u64, article: &EnrichedArticle, limits: Limits) -> bool {
        if seq != 0 && seq <= self.last_seq {
            return false;
        }
        let hour = article_hour(article);
        self.clock_hour = self.clock_hour.max(hour);
        self.articles += 1;
        let mut governorates: BTreeMap<String, u64> = BTreeMap::new();
        let entity_bucket = self.entity_hours.entry(hour).or_default();
        for entity in &article.entities {
            let adm1 = entity.geo.as_ref().and_then(|g| g.adm1.clone());
            self.entities
                .entry(entity.id.clone())
                .or_insert_with(|| EntityInfo {
                    entity_type: entity.entity_type,
                    name_ar: entity.name_ar.clone(),
                    name_en: entity.name_en.clone(),
                    adm1: adm1.clone(),
                });
            entity_bucket
                .entry(entity.id.clone())
                .or_default()
                .add(Tally {
                    mentions: entity.mentions.len() as u64,
                    articles: 1,
                });
            if entity.entity_type == EntityType::Loc {
                if let Some(code) = adm1 {
                    *governorates.entry(code).or_default() += entity.mentions.len() as u64;
                }
            }
        }
        let gov_bucket = self.governorate_hours.entry(hour).or_default();
        for (code, mentions) in &governorates {
            gov_bucket.entry(code.clone()).or_default().add(Tally {
                mentions: *mentions,
                articles: 1,
            });
        }
        self.recent.push_back(summarize(
            article,
            hour,
            governorates.keys().cloned().collect(),
        ));
        while self.recent.len() > limits.recent_articles {
            self.recent.pop_front();
        }
        if seq != 0 {
            self.last_seq = seq;
        }
        self.expire(limits);
        true
    }

    /// Drops buckets older than the retention, relative to the stream clock.
    fn expire(&mut self, limits: Limits) {
        let oldest = self.clock_hour - limits.retention_hours;
        while self
            .entity_hours
            .first_key_value()
            .is_some_and(|(h, _)| *h < oldest)
        {
            self.entity_hours.pop_first();
        }
        while self
            .governorate_hours
            .first_key_value()
            .is_some_and(|(h, _)| *h < oldest)
        {
            self.governorate_hours.pop_first();
        }
    }
}

fn summarize(article: &EnrichedArticle, hour: i64, governorates: Vec<String>) -> ArticleSummary {
    ArticleSummary {
        id: article.id.clone(),
        title: article.title.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        published_at: article.published_at.clone(),
        received_at: article.received_at.clone(),
        hour,
        entities: article
            .entities
            .iter()
            .take(12)
            .map(|e| (e.id.clone(), e.entity_type, e.name_ar.clone()))
            .collect(),
        governorates,
        quotes: article.quotes.len(),
        killed: article
            .counts
            .iter()
            .filter(|c| c.kind == "KILLED")
            .map(|c| c.value)
            .sum(),
        snippet: article.text.chars().take(280).collect(),
    }
}

/// A ranked row of `/api/top`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopRow {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub mentions: u64,
    pub articles: u64,
}

/// Read-only queries over several partitions at once.
pub struct View<'a> {
    pub partitions: Vec<&'a PartitionState>,
}

impl View<'_> {
    pub fn clock_hour(&self) -> i64 {
        self.partitions
            .iter()
            .map(|p| p.clock_hour)
            .max()
            .unwrap_or(0)
    }

    pub fn articles(&self) -> u64 {
        self.partitions.iter().map(|p| p.articles).sum()
    }

    /// Entities ranked by mentions in the `hours` ending at the stream clock.
    pub fn top(&self, entity_type: Option<EntityType>, hours: i64, limit: usize) -> Vec<TopRow> {
        let end = self.clock_hour();
        let start = end - hours.max(1) + 1;
        let mut tallies: HashMap<&str, Tally> = HashMap::new();
        for p in &self.partitions {
            for (_, bucket) in p.entity_hours.range(start..=end) {
                for (id, tally) in bucket {
                    tallies.entry(id.as_str()).or_default().add(*tally);
                }
            }
        }
        let mut rows: Vec<TopRow> = tallies
            .into_iter()
            .filter_map(|(id, tally)| {
                let info = self.partitions.iter().find_map(|p| p.entities.get(id))?;
                if entity_type.is_some_and(|t| t != info.entity_type) {
                    return None;
                }
                Some(TopRow {
                    id: id.to_string(),
                    entity_type: info.entity_type,
                    name_ar: info.name_ar.clone(),
                    name_en: info.name_en.clone(),
                    mentions: tally.mentions,
                    articles: tally.articles,
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(b.articles.cmp(&a.articles))
                .then(a.id.cmp(&b.id))
        });
        rows.truncate(limit);
        rows
    }

    /// Governorates with their mention and article counts over the window.
    pub fn governorates(&self, hours: i64) -> Vec<(String, Tally)> {
        let end = self.clock_hour();
        let start = end - hours.max(1) + 1;
        let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
        for p in &self.partitions {
            for (_, bucket) in p.governorate_hours.range(start..=end) {
                for (code, tally) in bucket {
                    tallies.entry(code.clone()).or_default().add(*tally);
                }
            }
        }
        tallies.into_iter().collect()
    }

    /// The newest articles first.
    pub fn recent(&self, limit: usize) -> Vec<&ArticleSummary> {
        let mut all: Vec<&ArticleSummary> = self
            .partitions
            .iter()
            .flat_map(|p| p.recent.iter())
            .collect();
        all.sort_by(|a, b| {
            b.received_at
                .cmp(&a.received_at)
                .then(b.hour.cmp(&a.hour))
                .then(a.id.cmp(&b.id))
        });
        all.truncate(limit);
        all
    }

    pub fn article(&self, id: &str) -> Option<&ArticleSummary> {
        self.partitions
            .iter()
            .flat_map(|p| p.recent.iter())
            .find(|a| a.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_messages::{Entity, Geo, Mention, Timings, Tone};

    fn article(id: &str, published: &str, entities: Vec<Entity>) -> EnrichedArticle {
        EnrichedArticle {
            schema: "marsad.enriched/v1".into(),
            id: id.into(),
            source: None,
            url: None,
            title: None,
            published_at: Some(published.into()),
            received_at: "2026-01-01T00:00:00Z".into(),
            language: "ar".into(),
            text: "نص".into(),
            duplicate_of: None,
            entities,
            quotes: vec![],
            dates: vec![],
            counts: vec![],
            events: vec![],
            themes: vec![],
            hashtags: vec![],
            tone: Tone::default(),
            timings_us: Timings::default(),
        }
    }

    fn entity(id: &str, t: EntityType, mentions: usize, adm1: Option<&str>) -> Entity {
        Entity {
            id: id.into(),
            entity_type: t,
            name_ar: id.into(),
            name_en: None,
            mentions: (0..mentions)
                .map(|i| Mention {
                    start: i,
                    end: i + 1,
                    text: "x".into(),
                })
                .collect(),
            geo: adm1.map(|a| Geo {
                lat: 0.0,
                lon: 0.0,
                country: "IQ".into(),
                adm1: Some(a.into()),
                precision: "adm1".into(),
            }),
            salience: 0.5,
        }
    }

    const LIMITS: Limits = Limits {
        retention_hours: 24 * 30,
        recent_articles: 100,
    };

    #[test]
    fn counts_by_event_hour_and_skips_what_the_checkpoint_covers() {
        let mut s = PartitionState::default();
        let a = article(
            "a",
            "2021-06-12T09:10:00Z",
            vec![
                entity("person:k", EntityType::Person, 3, None),
                entity("loc:kirkuk", EntityType::Loc, 2, Some("IQ-KI")),
            ],
        );
        assert!(s.apply(1, &a, LIMITS));
        // A redelivery of sequence 1 after a crash changes nothing.
        assert!(!s.apply(1, &a, LIMITS));
        let b = article(
            "b",
            "2021-06-12T10:00:00Z",
            vec![entity("person:k", EntityType::Person, 1, None)],
        );
        assert!(s.apply(2, &b, LIMITS));
        let view = View {
            partitions: vec![&s],
        };
        let top = view.top(Some(EntityType::Person), 24, 10);
        assert_eq!((top[0].mentions, top[0].articles), (4, 2));
        // Only the last hour: article b alone.
        assert_eq!(view.top(Some(EntityType::Person), 1, 10)[0].mentions, 1);
        assert_eq!(
            view.governorates(24),
            vec![(
                "IQ-KI".to_string(),
                Tally {
                    mentions: 2,
                    articles: 1
                }
            )]
        );
    }

    #[test]
    fn state_survives_a_json_round_trip() {
        let mut s = PartitionState::default();
        s.apply(
            7,
            &article(
                "a",
                "2021-06-12T09:10:00Z",
                vec![entity("loc:kirkuk", EntityType::Loc, 1, Some("IQ-KI"))],
            ),
            LIMITS,
        );
        let json = serde_json::to_vec(&s).unwrap();
        let back: PartitionState = serde_json::from_slice(&json).unwrap();
        assert_eq!(back, s);
    }
}
