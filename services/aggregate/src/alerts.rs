//! Alerts: situations worth a push, published on `marsad.alerts.<kind>`.
//!
//! Kinds: `trending_entity` (an entity whose last hour is surprising against its own
//! previous 24 hours), `casualties` (people killed in a governorate over the last 24
//! hours at or above a threshold), `story_fatalities` (a story that reports deaths).
//! One situation raises one alert: an alert stays *open* for its key while the
//! situation was seen within the cool-down (stream time); while open, a change in
//! its evidence publishes an update (same id, `update` + 1) and nothing else does.
//! The alert book is kept in the KV bucket (key `alerts`) so that a new leader goes
//! on from where the last one stopped, and every message carries
//! `Nats-Msg-Id: <id>:<update>`, so a leader that dies between publishing and
//! saving the book does not publish the same update twice.

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::state::{rfc3339, Bucket};
use crate::view::View;

/// Alert rules, from settings.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub trending_surprise: f64,
    pub trending_min_count: u64,
    pub casualties_killed: u64,
    pub casualties_hours: i64,
    pub cooldown_hours: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            trending_surprise: 3.0,
            trending_min_count: 3,
            casualties_killed: 10,
            casualties_hours: 24,
            cooldown_hours: 24,
        }
    }
}

/// An alert as published and as `/api/alerts` lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub id: String,
    pub kind: String,
    pub key: String,
    pub title: String,
    pub update: u32,
    /// Stream time (event time) the alert was raised and last updated at.
    pub first_raised: String,
    pub last_updated: String,
    /// Wall-clock time of the last update.
    pub published_at: String,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    pub signature: String,
    pub evidence: serde_json::Value,
    #[serde(default)]
    pub seen: i64,
}

/// A situation the rules found.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub kind: &'static str,
    pub key: String,
    pub title: String,
    /// What, when it changes, makes an update.
    pub signature: String,
    pub evidence: serde_json::Value,
}

/// Alerts kept (newest last).
pub const BOOK_SIZE: usize = 500;

/// The alert book.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Book {
    pub alerts: Vec<Alert>,
}

fn alert_id(kind: &str, key: &str, t: i64) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in kind.bytes().chain(key.bytes()).chain(t.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("al-{hash:016x}")
}

impl Book {
    /// Takes in what the rules found at stream time `clock`; returns the alerts to
    /// publish (new ones and updates).
    pub fn offer(
        &mut self,
        candidates: Vec<Candidate>,
        clock: i64,
        rules: Rules,
        now: &str,
    ) -> Vec<Alert> {
        let cooldown = rules.cooldown_hours.max(1) * 3600;
        let mut out = Vec::new();
        for c in candidates {
            let open = self
                .alerts
                .iter_mut()
                .rev()
                .find(|a| a.kind == c.kind && a.key == c.key && clock - a.seen <= cooldown);
            match open {
                Some(alert) => {
                    alert.seen = alert.seen.max(clock);
                    if alert.signature != c.signature {
                        alert.signature = c.signature;
                        alert.evidence = c.evidence;
                        alert.title = c.title;
                        alert.update += 1;
                        alert.last_updated = rfc3339(clock);
                        alert.published_at = now.to_string();
                        out.push(alert.clone());
                    }
                }
                None => {
                    let alert = Alert {
                        id: alert_id(c.kind, &c.key, clock),
                        kind: c.kind.to_string(),
                        key: c.key,
                        title: c.title,
                        update: 1,
                        first_raised: rfc3339(clock),
                        last_updated: rfc3339(clock),
                        published_at: now.to_string(),
                        signature: c.signature,
                        evidence: c.evidence,
                        seen: clock,
                    };
                    out.push(alert.clone());
                    self.alerts.push(alert);
                }
            }
        }
        if self.alerts.len() > BOOK_SIZE {
            let excess = self.alerts.len() - BOOK_SIZE;
            self.alerts.drain(..excess);
        }
        out
    }
}

fn name(ar: &Option<String>, en: &Option<String>, key: &str) -> String {
    match (ar, en) {
        (Some(ar), Some(en)) => format!("{ar} ({en})"),
        (Some(ar), None) => ar.clone(),
        (None, Some(en)) => en.clone(),
        (None, None) => key.to_string(),
    }
}

/// What the rules find in the view.
pub fn evaluate(view: &View<'_>, rules: Rules) -> Vec<Candidate> {
    let mut out = Vec::new();
    for t in view.trending(1, 24, rules.trending_min_count) {
        if t.kind != "entity" || t.surprise < rules.trending_surprise {
            continue;
        }
        out.push(Candidate {
            kind: "trending_entity",
            key: t.key.clone(),
            title: format!(
                "{} يتصدر: {} مقالات في الساعة الأخيرة / trending: {} articles in the last hour",
                name(&t.name_ar, &t.name_en, &t.key),
                t.count,
                t.count
            ),
            signature: t.count.to_string(),
            evidence: json!(t),
        });
    }
    let window = view.window(Bucket::Hour, rules.casualties_hours);
    let (rows, _) = view.governorates(window);
    for row in rows {
        let killed = row.casualties.get("KILLED").copied().unwrap_or(0);
        if killed < rules.casualties_killed.max(1) {
            continue;
        }
        out.push(Candidate {
            kind: "casualties",
            key: row.adm1.clone(),
            title: format!(
                "{} قتيلاً في {} / {} killed in {} ({}h)",
                killed,
                row.name_ar.clone().unwrap_or_else(|| row.adm1.clone()),
                killed,
                row.name_en.clone().unwrap_or_else(|| row.adm1.clone()),
                rules.casualties_hours
            ),
            signature: killed.to_string(),
            evidence: json!({
                "adm1": row.adm1, "killed": killed, "hours": rules.casualties_hours,
                "window_start": window.start_time(), "window_end": window.end_time(),
                "casualties": row.casualties, "events": row.events,
            }),
        });
    }
    let horizon = view.clock() - rules.cooldown_hours.max(1) * 3600;
    for story in view.stories_since(horizon) {
        let Some(killed) = story.casualties.get("KILLED") else {
            continue;
        };
        out.push(Candidate {
            kind: "story_fatalities",
            key: story.id.clone(),
            title: format!(
                "{} — {} قتيلاً / {} killed{}",
                story.title.clone().unwrap_or_default(),
                killed.figure,
                killed.figure,
                if killed.disagree { " (sources disagree)" } else { "" }
            ),
            signature: format!("{}:{}:{}", story.articles, killed.figure, killed.max),
            evidence: json!({
                "story": story.id, "articles": story.articles, "sources": story.sources,
                "killed": killed, "article_ids": story.article_ids.iter().take(20).collect::<Vec<_>>(),
            }),
        });
    }
    out
}
