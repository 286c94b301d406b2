//! The aggregate state of one partition, and the pure function that applies an
//! enriched article to it. No I/O: the service loop checkpoints it to the KV bucket
//! together with the stream sequence it covers.
//!
//! Time is event time: an article counts at its `published_at`, or at its
//! `received_at` when the publisher gave no date. Every counted series is kept in
//! minute, hour and day buckets, each resolution with its own retention counted back
//! from the partition's *stream clock*, the latest event time seen — so that a replay
//! of 2018 news answers "the last 24 hours" about 2018, and a live pipeline about now.
//!
//! One mechanism counts everything: an article contributes a [`Cell`] to a handful of
//! series keys (see [`keys`]) — its entities, its governorates, its events by
//! governorate and type, its casualties by governorate and kind, its themes, its
//! source and the volume — and every key is counted the same way in every bucket.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use marsad_messages::{EnrichedArticle, EntityType};
use serde::{Deserialize, Serialize};

use crate::stories::Stories;

/// Bucket resolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Minute,
    Hour,
    Day,
}

impl Bucket {
    pub const ALL: [Bucket; 3] = [Bucket::Minute, Bucket::Hour, Bucket::Day];

    pub fn seconds(self) -> i64 {
        match self {
            Bucket::Minute => 60,
            Bucket::Hour => 3600,
            Bucket::Day => 86_400,
        }
    }

    pub fn parse(s: &str) -> Option<Bucket> {
        match s {
            "minute" => Some(Bucket::Minute),
            "hour" => Some(Bucket::Hour),
            "day" => Some(Bucket::Day),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Minute => "minute",
            Bucket::Hour => "hour",
            Bucket::Day => "day",
        }
    }

    /// The bucket index of a Unix time.
    pub fn of(self, t: i64) -> i64 {
        t.div_euclid(self.seconds())
    }
}

/// The series keys an article is counted under.
pub mod keys {
    /// Articles (volume).
    pub const VOLUME: &str = "n";
    pub fn entity(id: &str) -> String {
        format!("e:{id}")
    }
    /// Places in a governorate (ISO 3166-2 code).
    pub fn governorate(adm1: &str) -> String {
        format!("g:{adm1}")
    }
    /// Mentions by entity type.
    pub fn entity_type(t: &str) -> String {
        format!("m:{t}")
    }
    /// Events by governorate (or `none`) and event type.
    pub fn event(adm1: &str, event_type: &str) -> String {
        format!("v:{adm1}|{event_type}")
    }
    /// Casualties by governorate (or `none`) and kind.
    pub fn casualty(adm1: &str, kind: &str) -> String {
        format!("c:{adm1}|{kind}")
    }
    pub fn theme(theme: &str) -> String {
        format!("t:{theme}")
    }
    pub fn source(source: &str) -> String {
        format!("s:{source}")
    }
}

/// Count kinds that are casualties.
pub const CASUALTY_KINDS: [&str; 3] = ["KILLED", "WOUNDED", "KIDNAPPED"];

/// How far before a count a place may be named and still be where it happened.
pub const ATTRIBUTION_WINDOW_CHARS: usize = 400;

/// Sample article ids kept per key and hour, as a trend's evidence.
pub const EVIDENCE_IDS: usize = 5;

/// A key's (or several keys') counts summed over a window, as queries return them.
/// `mentions` is the key's weight (mentions of an entity, events of a type, people
/// killed), `articles` the articles that gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    #[serde(rename = "m")]
    pub mentions: u64,
    #[serde(rename = "a")]
    pub articles: u64,
    /// A few article ids (hour buckets of entities and governorates only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

impl Tally {
    pub fn add(&mut self, mentions: u64, articles: u64) {
        self.mentions += mentions;
        self.articles += articles;
    }

    /// Adds a bucket's cell, with up to four times [`EVIDENCE_IDS`] of its ids.
    pub fn merge(&mut self, cell: &Cell) {
        self.add(cell.mentions(), cell.articles());
        for id in cell.ids() {
            if self.ids.len() >= EVIDENCE_IDS * 4 {
                break;
            }
            if !self.ids.iter().any(|kept| kept.as_str() == id.as_str()) {
                self.ids.push(id.as_str().to_string());
            }
        }
    }
}

/// A series key or an article id, shared: every bucket of every partition that counts
/// `e:kb:…` holds the same one allocation. A replay of the corpus with fresh ids sends
/// each article to another partition, so without sharing each partition's windows
/// would come to hold their own copy of every key of the corpus (issue 9: the
/// aggregator's memory rose over a 100,000-article run with them).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(Arc<str>);

/// The keys in use: a key is looked up here only when a bucket does not hold it yet.
/// An entry that nothing else holds any more (its buckets expired) is dropped when the
/// set has doubled since the last sweep, so the set stays within twice the live keys.
struct Interner {
    keys: HashSet<Arc<str>>,
    sweep_at: usize,
}

static INTERNER: Mutex<Option<Interner>> = Mutex::new(None);

impl Key {
    /// The shared copy of `key`.
    pub fn intern(key: &str) -> Key {
        let mut guard = INTERNER.lock().unwrap_or_else(|e| e.into_inner());
        let interner = guard.get_or_insert_with(|| Interner {
            keys: HashSet::new(),
            sweep_at: 1024,
        });
        if let Some(shared) = interner.keys.get(key) {
            return Key(shared.clone());
        }
        let shared: Arc<str> = Arc::from(key);
        interner.keys.insert(shared.clone());
        if interner.keys.len() > interner.sweep_at {
            interner.keys.retain(|k| Arc::strong_count(k) > 1);
            interner.sweep_at = (interner.keys.len() * 2).max(1024);
        }
        Key(shared)
    }

    /// Keys the interner holds (for tests and the memory example).
    pub fn interned() -> usize {
        INTERNER
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .map_or(0, |i| i.keys.len())
    }

    /// Whether the shared set holds `key` (for tests).
    pub fn is_interned(key: &str) -> bool {
        INTERNER
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(|i| i.keys.contains(key))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Key::intern(&s))
    }
}

/// What one key counts in one bucket: 16 bytes, since a partition holds tens of
/// thousands of them. Its checkpoint form is the [`Tally`]'s (`m`, `a`, `ids`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Saturating at `u32::MAX`, like `articles`: no bucket of real news comes near.
    #[serde(rename = "m", with = "saturating_u32")]
    mentions: u32,
    #[serde(rename = "a", with = "saturating_u32")]
    articles: u32,
    /// A few article ids (hour buckets of entities and governorates only).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "evidence")]
    ids: Option<Box<Evidence>>,
}

/// A cell's evidence ids, behind one thin pointer: most cells keep none, and pay 8
/// bytes for it instead of a vector's 24.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Evidence(Vec<Key>);

impl Cell {
    pub fn mentions(&self) -> u64 {
        u64::from(self.mentions)
    }

    pub fn articles(&self) -> u64 {
        u64::from(self.articles)
    }

    pub fn ids(&self) -> &[Key] {
        self.ids.as_deref().map_or(&[], |e| e.0.as_slice())
    }

    /// One more article with `mentions` (for tests outside this module).
    #[cfg(test)]
    pub(crate) fn add_for_test(&mut self, mentions: u64) {
        self.add(mentions);
    }

    fn add(&mut self, mentions: u64) {
        let mentions = u32::try_from(mentions).unwrap_or(u32::MAX);
        self.mentions = self.mentions.saturating_add(mentions);
        self.articles = self.articles.saturating_add(1);
    }

    /// Keeps `id` as evidence while the cell has fewer than [`EVIDENCE_IDS`].
    fn keep(&mut self, id: &Key) {
        let ids = &mut self.ids.get_or_insert_with(Default::default).0;
        if ids.len() < EVIDENCE_IDS {
            // One at a time: most cells keep one or two ids, none more than five.
            ids.reserve_exact(1);
            ids.push(id.clone());
        }
    }
}

mod saturating_u32 {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(n: &u32, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::from(*n))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        Ok(u32::try_from(u64::deserialize(d)?).unwrap_or(u32::MAX))
    }
}

mod evidence {
    use super::{Evidence, Key};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(ids: &Option<Box<Evidence>>, s: S) -> Result<S::Ok, S::Error> {
        ids.as_deref()
            .map_or(&[][..], |e| e.0.as_slice())
            .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Box<Evidence>>, D::Error> {
        let ids = Vec::<Key>::deserialize(d)?;
        Ok((!ids.is_empty()).then(|| Box::new(Evidence(ids))))
    }
}

/// The cells of one bucket, sorted by key: a vector sized to what it holds (a quarter
/// more at most) instead of a hash table's slack and doublings. Buckets hold tens to
/// hundreds of keys, a binary search of them costs a few string comparisons, and a new
/// key in an old bucket is rare once the bucket has seen its hour or day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slot(Vec<(Key, Cell)>);

impl Slot {
    pub fn get(&self, key: &str) -> Option<&Cell> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_key_value(&self, key: &str) -> Option<(&Key, &Cell)> {
        self.find(key).ok().map(|i| (&self.0[i].0, &self.0[i].1))
    }

    /// The cell of `key`, a new one (under the shared key) when the bucket has none.
    pub fn cell(&mut self, key: &str) -> &mut Cell {
        let i = match self.find(key) {
            Ok(i) => i,
            Err(i) => {
                if self.0.len() == self.0.capacity() {
                    self.0.reserve_exact((self.0.len() / 4).max(1));
                }
                self.0.insert(i, (Key::intern(key), Cell::default()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Key, &Cell)> {
        self.0.iter().map(|(k, c)| (k, c))
    }

    pub fn values(&self) -> impl Iterator<Item = &Cell> {
        self.0.iter().map(|(_, c)| c)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }
}

impl Serialize for Slot {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Slot, D::Error> {
        // A checkpoint's map (written by a hash table before, in any order).
        let map = BTreeMap::<Key, Cell>::deserialize(deserializer)?;
        Ok(Slot(map.into_iter().collect()))
    }
}

/// bucket index → the bucket's cells.
pub type Series = BTreeMap<i64, Slot>;

/// The three resolutions of every series.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Windows {
    pub minute: Series,
    pub hour: Series,
    pub day: Series,
}

impl Windows {
    pub fn series(&self, bucket: Bucket) -> &Series {
        match bucket {
            Bucket::Minute => &self.minute,
            Bucket::Hour => &self.hour,
            Bucket::Day => &self.day,
        }
    }

    fn series_mut(&mut self, bucket: Bucket) -> &mut Series {
        match bucket {
            Bucket::Minute => &mut self.minute,
            Bucket::Hour => &mut self.hour,
            Bucket::Day => &mut self.day,
        }
    }
}

/// What a query needs to know about an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityInfo {
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name_ar: String,
    pub name_en: Option<String>,
    pub adm1: Option<String>,
    /// A place's precision (`adm1` for a governorate itself).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<String>,
}

/// An entity as the feed shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name_ar: String,
    pub name_en: Option<String>,
}

/// A mention inside a summary's `text` (character offsets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// Characters of an article's text a summary keeps.
pub const SUMMARY_CHARS: usize = 600;

/// A compact view of an article for the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    /// Stream sequence in its partition.
    pub seq: u64,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub received_at: String,
    /// Event time, Unix seconds, and as RFC 3339.
    pub t: i64,
    pub event_time: String,
    pub entities: Vec<EntityRef>,
    pub governorates: Vec<String>,
    pub event_type: Option<String>,
    pub killed: u64,
    pub duplicate_of: Option<String>,
    pub text: String,
    pub mentions: Vec<SpanRef>,
    pub quotes: Vec<SpanRef>,
}

/// Where an article sits in its partition's stream, for `/api/articles/{id}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexEntry {
    pub seq: u64,
    pub t: i64,
}

/// Limits of the state, from settings.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub retention_minutes: i64,
    pub retention_hours: i64,
    pub retention_days: i64,
    pub recent_articles: usize,
    /// Articles whose place the index keeps (and whose story the near-duplicate
    /// lookup finds), the newest: retention by time alone grows with the traffic.
    pub index_articles: usize,
    /// Story fragments kept, the most recently seen.
    pub story_fragments: usize,
}

impl Limits {
    /// Seconds a bucket of this resolution is kept behind the stream clock.
    pub fn retention(&self, bucket: Bucket) -> i64 {
        match bucket {
            Bucket::Minute => self.retention_minutes.max(1) * 60,
            Bucket::Hour => self.retention_hours.max(1) * 3600,
            Bucket::Day => self.retention_days.max(1) * 86_400,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            retention_minutes: 24 * 60,
            retention_hours: 24 * 30,
            retention_days: 365,
            recent_articles: 200,
            index_articles: 5_000,
            story_fragments: 1_500,
        }
    }
}

/// The state of one partition.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PartitionState {
    /// The last stream sequence applied: a redelivered message at or below it is
    /// skipped, which is what makes the counts exact after a crash.
    pub last_seq: u64,
    pub articles: u64,
    /// Latest event time seen (Unix seconds).
    pub clock: i64,
    pub entities: HashMap<String, EntityInfo>,
    pub windows: Windows,
    /// Article id → where it is; kept as long as day buckets.
    pub index: HashMap<String, IndexEntry>,
    /// Newest last, bounded.
    pub recent: VecDeque<ArticleSummary>,
    pub stories: Stories,
}

/// Unix seconds of an RFC 3339 timestamp.
pub fn unix_time(timestamp: &str) -> Option<i64> {
    let t = time::OffsetDateTime::parse(timestamp, &time::format_description::well_known::Rfc3339)
        .ok()?;
    Some(t.unix_timestamp())
}

/// RFC 3339 of Unix seconds.
pub fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The time an article counts at.
pub fn article_time(article: &EnrichedArticle) -> i64 {
    article
        .published_at
        .as_deref()
        .and_then(unix_time)
        .or_else(|| unix_time(&article.received_at))
        .unwrap_or(0)
}

/// The governorate of an article's entity, by id.
fn adm1_of<'a>(article: &'a EnrichedArticle, id: &str) -> Option<&'a str> {
    article
        .entities
        .iter()
        .find(|e| e.id == id)
        .and_then(|e| e.geo.as_ref())
        .and_then(|g| g.adm1.as_deref())
}

/// Casualties of an article by (governorate or `none`, kind): each count goes to the
/// nearest place named before it within [`ATTRIBUTION_WINDOW_CHARS`] (a country-level
/// place, or none, gives `none`); per place and kind the largest figure counts, so a
/// figure repeated in the lead and the body is not added twice.
pub fn casualties(article: &EnrichedArticle) -> BTreeMap<(String, String), u64> {
    let mut places: Vec<(usize, Option<&str>)> = Vec::new();
    for e in &article.entities {
        if e.entity_type != EntityType::Loc {
            continue;
        }
        let adm1 = e.geo.as_ref().and_then(|g| g.adm1.as_deref());
        for m in &e.mentions {
            places.push((m.end, adm1));
        }
    }
    places.sort_by_key(|p| p.0);
    let mut out: BTreeMap<(String, String), u64> = BTreeMap::new();
    for count in &article.counts {
        if !CASUALTY_KINDS.contains(&count.kind.as_str()) || count.value == 0 {
            continue;
        }
        let place = places
            .iter()
            .rev()
            .find(|(end, _)| *end <= count.start)
            .filter(|(end, _)| count.start - end <= ATTRIBUTION_WINDOW_CHARS)
            .and_then(|(_, adm1)| *adm1)
            .unwrap_or("none");
        let figure = out
            .entry((place.to_string(), count.kind.clone()))
            .or_default();
        *figure = (*figure).max(count.value);
    }
    out
}

/// The largest figure of a kind an article gives.
pub fn figure(article: &EnrichedArticle, kind: &str) -> u64 {
    article
        .counts
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.value)
        .max()
        .unwrap_or(0)
}

/// Every (key, tally) an article contributes; `hour_ids` marks the keys that keep
/// evidence ids in hour buckets.
pub fn contributions(article: &EnrichedArticle) -> Vec<(String, u64, bool)> {
    let mut out: Vec<(String, u64, bool)> = vec![(keys::VOLUME.to_string(), 1, false)];
    out.push((
        keys::source(article.source.as_deref().unwrap_or("unknown")),
        1,
        false,
    ));
    let mut by_type: BTreeMap<&str, u64> = BTreeMap::new();
    let mut governorates: BTreeMap<&str, u64> = BTreeMap::new();
    for e in &article.entities {
        let n = e.mentions.len() as u64;
        out.push((keys::entity(&e.id), n, true));
        *by_type.entry(e.entity_type.as_str()).or_default() += n;
        if e.entity_type == EntityType::Loc {
            if let Some(code) = e.geo.as_ref().and_then(|g| g.adm1.as_deref()) {
                *governorates.entry(code).or_default() += n;
            }
        }
    }
    for (t, n) in by_type {
        out.push((keys::entity_type(t), n, false));
    }
    for (code, n) in governorates {
        out.push((keys::governorate(code), n, true));
    }
    let mut events: BTreeMap<String, u64> = BTreeMap::new();
    for ev in &article.events {
        let adm1 = ev
            .location_id
            .as_deref()
            .and_then(|id| adm1_of(article, id))
            .unwrap_or("none");
        *events.entry(keys::event(adm1, &ev.event_type)).or_default() += 1;
    }
    out.extend(events.into_iter().map(|(k, n)| (k, n, false)));
    for ((adm1, kind), n) in casualties(article) {
        out.push((keys::casualty(&adm1, &kind), n, false));
    }
    let themes: BTreeSet<&str> = article.themes.iter().map(String::as_str).collect();
    for theme in themes {
        out.push((keys::theme(theme), 1, false));
    }
    // An entity listed twice would count its article twice: merge by key.
    let mut merged: BTreeMap<String, (u64, bool)> = BTreeMap::new();
    for (k, n, ids) in out {
        let e = merged.entry(k).or_insert((0, ids));
        e.0 += n;
    }
    merged
        .into_iter()
        .map(|(k, (n, ids))| (k, n, ids))
        .collect()
}

impl PartitionState {
    /// Applies one article seen at stream sequence `seq`. Returns false (and changes
    /// nothing) when the checkpoint already covers it.
    pub fn apply(&mut self, seq: u64, article: &EnrichedArticle, limits: Limits) -> bool {
        if seq != 0 && seq <= self.last_seq {
            return false;
        }
        let t = article_time(article);
        self.clock = self.clock.max(t);
        self.articles += 1;
        for entity in &article.entities {
            if !self.entities.contains_key(&entity.id) {
                self.entities.insert(
                    entity.id.clone(),
                    EntityInfo {
                        entity_type: entity.entity_type,
                        name_ar: entity.name_ar.clone(),
                        name_en: entity.name_en.clone(),
                        adm1: entity.geo.as_ref().and_then(|g| g.adm1.clone()),
                        precision: entity.geo.as_ref().map(|g| g.precision.clone()),
                    },
                );
            }
        }
        let contributions = contributions(article);
        let id = Key(Arc::from(article.id.as_str()));
        for bucket in Bucket::ALL {
            let slot = self
                .windows
                .series_mut(bucket)
                .entry(bucket.of(t))
                .or_default();
            for (key, n, ids) in &contributions {
                let cell = slot.cell(key);
                cell.add(*n);
                if *ids && bucket == Bucket::Hour {
                    cell.keep(&id);
                }
            }
        }
        self.index.insert(article.id.clone(), IndexEntry { seq, t });
        let summary = summarize(article, seq, t);
        self.stories.add(article, t, &summary);
        self.recent.push_back(summary);
        while self.recent.len() > limits.recent_articles {
            self.recent.pop_front();
        }
        if seq != 0 {
            self.last_seq = seq;
        }
        self.expire(limits);
        self.bound(limits);
        true
    }

    /// Keeps the per-article index and the story fragments within their counts: when
    /// one passes its limit by a quarter, the oldest go down to the limit (amortized
    /// over the quarter, and a function of the stream only, like everything here).
    fn bound(&mut self, limits: Limits) {
        let keep = limits.index_articles.max(1);
        if self.index.len() > keep + keep / 4 {
            let mut seqs: Vec<u64> = self.index.values().map(|e| e.seq).collect();
            let cut = seqs.len() - keep;
            let (_, &mut oldest_kept, _) = seqs.select_nth_unstable(cut);
            let stories = &mut self.stories;
            self.index.retain(|id, e| {
                let kept = e.seq >= oldest_kept;
                if !kept {
                    stories.by_article.remove(id);
                }
                kept
            });
        }
        self.stories.bound(limits.story_fragments.max(1));
    }

    /// Drops what is older than each retention, relative to the stream clock.
    fn expire(&mut self, limits: Limits) {
        for bucket in Bucket::ALL {
            let oldest = bucket.of(self.clock - limits.retention(bucket));
            let series = self.windows.series_mut(bucket);
            while series.first_key_value().is_some_and(|(b, _)| *b < oldest) {
                series.pop_first();
            }
        }
        let oldest = self.clock - limits.retention(Bucket::Day);
        // The index and the stories are swept once a day of stream time, not per article.
        if self.stories.swept_at / 86_400 != self.clock / 86_400 {
            self.index.retain(|_, e| e.t >= oldest);
            self.stories.expire(oldest);
            self.stories.swept_at = self.clock;
        }
    }
}

fn summarize(article: &EnrichedArticle, seq: u64, t: i64) -> ArticleSummary {
    // Offsets are in characters, so the spans inside the kept prefix stay valid.
    let kept: String = article.text.chars().take(SUMMARY_CHARS).collect();
    let kept_chars = kept.chars().count();
    let mut mentions: Vec<SpanRef> = article
        .entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .filter(move |m| m.end <= kept_chars && m.start < m.end)
                .map(move |m| SpanRef {
                    start: m.start,
                    end: m.end,
                    entity_id: Some(e.id.clone()),
                    speaker: None,
                })
        })
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end));
    let quotes = article
        .quotes
        .iter()
        .filter(|q| q.end <= kept_chars && q.start < q.end)
        .map(|q| SpanRef {
            start: q.start,
            end: q.end,
            entity_id: q.speaker.as_ref().and_then(|s| s.entity_id.clone()),
            speaker: q.speaker.as_ref().map(|s| s.text.clone()),
        })
        .collect();
    let mut governorates: Vec<String> = article
        .entities
        .iter()
        .filter(|e| e.entity_type == EntityType::Loc)
        .filter_map(|e| e.geo.as_ref().and_then(|g| g.adm1.clone()))
        .collect();
    governorates.sort();
    governorates.dedup();
    ArticleSummary {
        id: article.id.clone(),
        seq,
        title: article.title.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        published_at: article.published_at.clone(),
        received_at: article.received_at.clone(),
        t,
        event_time: rfc3339(t),
        entities: article
            .entities
            .iter()
            .take(24)
            .map(|e| EntityRef {
                id: e.id.clone(),
                entity_type: e.entity_type,
                name_ar: e.name_ar.clone(),
                name_en: e.name_en.clone(),
            })
            .collect(),
        governorates,
        event_type: article.events.first().map(|e| e.event_type.clone()),
        killed: figure(article, "KILLED"),
        duplicate_of: article.duplicate_of.clone(),
        text: kept,
        mentions,
        quotes,
    }
}
