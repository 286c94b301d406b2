//! Read-only queries over the partitions an aggregator holds (its own and the ones
//! it mirrors from their owners' checkpoints): windows end at the stream clock.

use std::collections::{BTreeMap, HashMap};

use marsad_messages::EntityType;
use serde::Serialize;

use crate::state::{
    keys, rfc3339, ArticleSummary, Bucket, EntityInfo, EntityRef, PartitionState, Tally,
};
use crate::stories::{self, Story};

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

/// A governorate's row of `/api/governorates`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GovernorateRow {
    pub adm1: String,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub articles: u64,
    pub mentions: u64,
    /// Event type → events.
    pub events: BTreeMap<String, u64>,
    /// Casualty kind → people.
    pub casualties: BTreeMap<String, u64>,
}

/// One point of a time series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub t: String,
    pub mentions: u64,
    pub articles: u64,
}

/// A trending entity or governorate with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub kind: &'static str,
    pub key: String,
    #[serde(rename = "type")]
    pub entity_type: Option<EntityType>,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    /// Articles in the window.
    pub count: u64,
    /// Articles in the baseline, and its mean per window.
    pub baseline: u64,
    pub baseline_mean: f64,
    pub z: f64,
    /// −log10 of the Poisson probability of at least `count` at the baseline rate.
    pub surprise: f64,
    pub article_ids: Vec<String>,
}

/// Window bounds, in buckets of a resolution, ending at the stream clock.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub bucket: Bucket,
    pub start: i64,
    pub end: i64,
}

impl Window {
    pub fn start_time(&self) -> String {
        rfc3339(self.start * self.bucket.seconds())
    }
    pub fn end_time(&self) -> String {
        rfc3339((self.end + 1) * self.bucket.seconds())
    }
}

/// −log10 P(X ≥ k) for X ~ Poisson(λ).
pub fn poisson_surprise(k: u64, lambda: f64) -> f64 {
    if k == 0 {
        return 0.0;
    }
    let lambda = lambda.max(1e-9);
    let ln_lambda = lambda.ln();
    let mut ln_fact = 0.0;
    for i in 2..=k {
        ln_fact += (i as f64).ln();
    }
    let first = -lambda + k as f64 * ln_lambda - ln_fact;
    // Σ_{i ≥ k} pmf(i) / pmf(k) = 1 + λ/(k+1) + λ²/((k+1)(k+2)) + …
    let mut sum = 1.0;
    let mut term = 1.0;
    let mut i = k;
    while i < k + 2000 {
        i += 1;
        term *= lambda / i as f64;
        sum += term;
        if term < 1e-12 * sum {
            break;
        }
    }
    let ln_p = (first + sum.ln()).min(0.0);
    -ln_p / std::f64::consts::LN_10
}

/// Read-only queries over several partitions at once.
pub struct View<'a> {
    pub partitions: Vec<(u32, &'a PartitionState)>,
}

impl<'a> View<'a> {
    pub fn clock(&self) -> i64 {
        self.partitions
            .iter()
            .map(|(_, p)| p.clock)
            .max()
            .unwrap_or(0)
    }

    pub fn articles(&self) -> u64 {
        self.partitions.iter().map(|(_, p)| p.articles).sum()
    }

    /// The last `n` buckets of a resolution, ending at the stream clock.
    pub fn window(&self, bucket: Bucket, n: i64) -> Window {
        let end = bucket.of(self.clock());
        Window {
            bucket,
            start: end - n.max(1) + 1,
            end,
        }
    }

    pub fn entity(&self, id: &str) -> Option<&'a EntityInfo> {
        self.partitions.iter().find_map(|(_, p)| p.entities.get(id))
    }

    pub fn entity_ref(&self, id: &str) -> Option<EntityRef> {
        self.entity(id).map(|info| EntityRef {
            id: id.to_string(),
            entity_type: info.entity_type,
            name_ar: info.name_ar.clone(),
            name_en: info.name_en.clone(),
        })
    }

    /// Every key's tally summed over a window, for keys that start with `prefix`
    /// (without the evidence ids).
    pub fn sum(&self, window: Window, prefix: &str) -> HashMap<&'a str, Tally> {
        self.sum_with(window, prefix, false)
    }

    /// The same, gathering evidence ids when `ids`.
    pub fn sum_with(&self, window: Window, prefix: &str, ids: bool) -> HashMap<&'a str, Tally> {
        let mut out: HashMap<&'a str, Tally> = HashMap::new();
        for (_, p) in &self.partitions {
            let series = p.windows.series(window.bucket);
            for (_, slot) in series.range(window.start..=window.end) {
                for (key, cell) in slot.iter() {
                    if key.starts_with(prefix) {
                        let sum = out.entry(key.as_str()).or_default();
                        if ids {
                            sum.merge(cell);
                        } else {
                            sum.add(cell.mentions(), cell.articles());
                        }
                    }
                }
            }
        }
        out
    }

    /// Entities ranked by mentions in the window.
    pub fn top(&self, entity_type: Option<EntityType>, window: Window) -> Vec<TopRow> {
        let mut rows: Vec<TopRow> = self
            .sum(window, "e:")
            .into_iter()
            .filter_map(|(key, tally)| {
                let id = &key[2..];
                let info = self.entity(id)?;
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
        rows
    }

    /// A governorate's names, from the entity that is the governorate itself.
    fn governorate_names(&self, code: &str) -> (Option<String>, Option<String>) {
        let mut best: Option<(&str, &EntityInfo)> = None;
        for (_, p) in &self.partitions {
            for (id, info) in &p.entities {
                if info.adm1.as_deref() == Some(code)
                    && info.precision.as_deref() == Some("adm1")
                    && best.is_none_or(|(b, _)| id.as_str() < b)
                {
                    best = Some((id.as_str(), info));
                }
            }
        }
        best.map_or((None, None), |(_, info)| {
            (Some(info.name_ar.clone()), info.name_en.clone())
        })
    }

    /// Governorates with their articles, mentions, events by type and casualties by
    /// kind; events and casualties no place could be found for are under `none`.
    pub fn governorates(&self, window: Window) -> (Vec<GovernorateRow>, GovernorateRow) {
        let mut rows: BTreeMap<String, GovernorateRow> = BTreeMap::new();
        let row = |rows: &mut BTreeMap<String, GovernorateRow>, code: &str| {
            rows.entry(code.to_string())
                .or_insert_with(|| GovernorateRow {
                    adm1: code.to_string(),
                    name_ar: None,
                    name_en: None,
                    articles: 0,
                    mentions: 0,
                    events: BTreeMap::new(),
                    casualties: BTreeMap::new(),
                })
                .adm1
                .clone()
        };
        for (key, tally) in self.sum(window, "g:") {
            let code = row(&mut rows, &key[2..]);
            let r = rows.get_mut(&code).expect("row");
            r.articles = tally.articles;
            r.mentions = tally.mentions;
        }
        for (key, tally) in self.sum(window, "v:") {
            if let Some((code, t)) = key[2..].split_once('|') {
                let code = row(&mut rows, code);
                *rows
                    .get_mut(&code)
                    .expect("row")
                    .events
                    .entry(t.to_string())
                    .or_default() += tally.mentions;
            }
        }
        for (key, tally) in self.sum(window, "c:") {
            if let Some((code, kind)) = key[2..].split_once('|') {
                let code = row(&mut rows, code);
                *rows
                    .get_mut(&code)
                    .expect("row")
                    .casualties
                    .entry(kind.to_string())
                    .or_default() += tally.mentions;
            }
        }
        let none = rows.remove("none").unwrap_or(GovernorateRow {
            adm1: "none".into(),
            name_ar: None,
            name_en: None,
            articles: 0,
            mentions: 0,
            events: BTreeMap::new(),
            casualties: BTreeMap::new(),
        });
        let mut out: Vec<GovernorateRow> = rows.into_values().collect();
        for r in &mut out {
            (r.name_ar, r.name_en) = self.governorate_names(&r.adm1);
        }
        (out, none)
    }

    /// Totals over a window for keys with a prefix (themes `t:`, sources `s:`,
    /// mentions by type `m:`), the prefix stripped, largest first.
    pub fn totals(&self, window: Window, prefix: &str) -> Vec<(String, u64, u64)> {
        let mut rows: Vec<(String, u64, u64)> = self
            .sum(window, prefix)
            .into_iter()
            .map(|(k, t)| (k[prefix.len()..].to_string(), t.mentions, t.articles))
            .collect();
        rows.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(a.0.cmp(&b.0)));
        rows
    }

    /// A key's series over a window, zero-filled, oldest first.
    pub fn timeseries(&self, key: &str, window: Window) -> Vec<Point> {
        let mut by_bucket: BTreeMap<i64, Tally> = BTreeMap::new();
        for (_, p) in &self.partitions {
            for (b, slot) in p
                .windows
                .series(window.bucket)
                .range(window.start..=window.end)
            {
                if let Some(t) = slot.get(key) {
                    by_bucket
                        .entry(*b)
                        .or_default()
                        .add(t.mentions(), t.articles());
                }
            }
        }
        (window.start..=window.end)
            .map(|b| {
                let t = by_bucket.get(&b).cloned().unwrap_or_default();
                Point {
                    t: rfc3339(b * window.bucket.seconds()),
                    mentions: t.mentions,
                    articles: t.articles,
                }
            })
            .collect()
    }

    /// Entities and governorates whose article count in the last `hours` is surprising
    /// against the `baseline_hours` before them: Poisson with the baseline's rate (plus
    /// half an article, so that a first appearance is surprising but not infinitely).
    pub fn trending(&self, hours: i64, baseline_hours: i64, min_count: u64) -> Vec<Trend> {
        let window = self.window(Bucket::Hour, hours);
        let baseline = Window {
            bucket: Bucket::Hour,
            start: window.start - baseline_hours.max(1),
            end: window.start - 1,
        };
        let now = self.sum_with(window, "e:", true);
        let mut now_g = self.sum_with(window, "g:", true);
        let before = self.sum(baseline, "e:");
        let before_g = self.sum(baseline, "g:");
        let mut out = Vec::new();
        let ratio = hours.max(1) as f64 / baseline_hours.max(1) as f64;
        let mut consider = |kind: &'static str, key: &str, tally: &Tally, base: u64| {
            if tally.articles < min_count.max(1) {
                return;
            }
            let mean = base as f64 * ratio;
            let lambda = (base as f64 + 0.5) * ratio;
            let (entity_type, name_ar, name_en) = if kind == "entity" {
                match self.entity(&key[2..]) {
                    Some(info) => (
                        Some(info.entity_type),
                        Some(info.name_ar.clone()),
                        info.name_en.clone(),
                    ),
                    None => (None, None, None),
                }
            } else {
                let (ar, en) = self.governorate_names(&key[2..]);
                (None, ar, en)
            };
            let mut ids = tally.ids.clone();
            ids.sort();
            ids.truncate(10);
            out.push(Trend {
                kind,
                key: key[2..].to_string(),
                entity_type,
                name_ar,
                name_en,
                count: tally.articles,
                baseline: base,
                baseline_mean: mean,
                z: (tally.articles as f64 - lambda) / lambda.sqrt(),
                surprise: poisson_surprise(tally.articles, lambda),
                article_ids: ids,
            });
        };
        for (key, tally) in &now {
            let base = before.get(key).map_or(0, |t| t.articles);
            consider("entity", key, tally, base);
        }
        for (key, tally) in now_g.drain() {
            let base = before_g.get(key).map_or(0, |t| t.articles);
            consider("governorate", key, &tally, base);
        }
        out.sort_by(|a, b| {
            b.surprise
                .total_cmp(&a.surprise)
                .then(b.count.cmp(&a.count))
                .then(a.kind.cmp(b.kind))
                .then(a.key.cmp(&b.key))
        });
        out
    }

    /// Every story, newest last seen first.
    pub fn stories(&self) -> Vec<Story> {
        self.stories_since(i64::MIN)
    }

    /// The stories last seen at or after `since` (event time), newest first.
    pub fn stories_since(&self, since: i64) -> Vec<Story> {
        let fragments: Vec<_> = self
            .partitions
            .iter()
            .flat_map(|(_, p)| p.stories.fragments.values())
            .collect();
        stories::merge(&fragments, |id| self.entity_ref(id), since)
    }

    /// Recent articles, newest first, that pass a filter.
    pub fn recent(&self, keep: impl Fn(&ArticleSummary) -> bool) -> Vec<&'a ArticleSummary> {
        let mut all: Vec<&ArticleSummary> = self
            .partitions
            .iter()
            .flat_map(|(_, p)| p.recent.iter())
            .filter(|a| keep(a))
            .collect();
        all.sort_by(|a, b| b.t.cmp(&a.t).then(a.id.cmp(&b.id)));
        all
    }

    /// Where an article is: its partition and stream sequence.
    pub fn locate(&self, id: &str) -> Option<(u32, u64)> {
        self.partitions
            .iter()
            .find_map(|(no, p)| p.index.get(id).map(|e| (*no, e.seq)))
    }

    /// Article summary, when still among the recent ones.
    pub fn summary(&self, id: &str) -> Option<&'a ArticleSummary> {
        self.partitions
            .iter()
            .flat_map(|(_, p)| p.recent.iter())
            .find(|a| a.id == id)
    }

    /// Mentions of an entity type over a window.
    pub fn mentions_by_type(&self, window: Window) -> Vec<(String, u64, u64)> {
        self.totals(window, &keys::entity_type(""))
    }
}
