//! Stories: the articles that tell the same story, across sources.
//!
//! Each partition groups its own articles online into *fragments*: an article joins
//! the fragment it shares its anchors with (its most salient entities, not counting
//! countries), within [`STORY_WINDOW_SECS`] of event time, or the fragment of the
//! article it is a near-duplicate of (`duplicate_of`, set at ingest). Articles of one
//! story land in different partitions (they are partitioned by id), so a query merges
//! the fragments of every partition by the same rule ([`Fragment::matches`]). Both
//! steps depend only on the stream's contents and order, so a replay, a restart from a
//! checkpoint and two aggregators all give the same stories.
//!
//! Casualties are reconciled by ACLED's rule: the story's figure is the most
//! conservative (the lowest) any report gives, with `disagree` set when reports differ.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use marsad_messages::{EnrichedArticle, EntityType};
use serde::{Deserialize, Serialize};

use crate::state::{figure, ArticleSummary, Key, CASUALTY_KINDS};

/// How far from a story's first article, in event time, another may be: a story is
/// one development as the sources report it, not a thread that runs for weeks (a
/// window counted from the last article would chain one story into the next).
pub const STORY_WINDOW_SECS: i64 = 36 * 3600;
/// Anchors taken from an article.
pub const ARTICLE_ANCHORS: usize = 4;
/// Anchors a fragment keeps (its most frequent entities).
pub const FRAGMENT_ANCHORS: usize = 6;
/// Article ids and casualty reports a fragment keeps.
pub const FRAGMENT_KEEP: usize = 100;
/// Fragments looked at per anchor when placing an article.
const CANDIDATES_PER_ANCHOR: usize = 64;

/// One casualty figure one article gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub article_id: String,
    pub source: Option<String>,
    pub kind: String,
    pub value: u64,
}

/// A story as one partition sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    pub first_id: String,
    pub title: Option<String>,
    pub first_seen: i64,
    pub last_seen: i64,
    pub articles: u64,
    pub article_ids: Vec<String>,
    pub sources: BTreeSet<String>,
    /// Entity id → articles naming it (ids under the keys every partition shares).
    pub entities: BTreeMap<Key, u32>,
    pub anchors: Vec<Key>,
    pub event_types: BTreeMap<String, u32>,
    pub adm1: BTreeSet<String>,
    pub reports: Vec<Report>,
    /// `duplicate_of` targets of its articles.
    pub links: Vec<String>,
}

/// The anchors of an article: its most salient entities, countries aside (nearly
/// every article names العراق), ties broken by id so the choice is deterministic.
pub fn article_anchors(article: &EnrichedArticle) -> Vec<Key> {
    let mut entities: Vec<_> = article
        .entities
        .iter()
        .filter(|e| {
            !(e.entity_type == EntityType::Loc
                && e.geo.as_ref().is_some_and(|g| g.precision == "country"))
        })
        .collect();
    entities.sort_by(|a, b| {
        b.salience
            .partial_cmp(&a.salience)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.id.cmp(&b.id))
    });
    entities
        .into_iter()
        .take(ARTICLE_ANCHORS)
        .map(|e| Key::intern(&e.id))
        .collect()
}

/// Whether two groups with these anchors, event types and places tell one story:
/// three anchors in common and no conflicting kind of event, or two with the same
/// kind of event in the same governorate.
fn similar(
    anchors_a: &[Key],
    types_a: &BTreeMap<String, u32>,
    adm1_a: &BTreeSet<String>,
    anchors_b: &[Key],
    types_b: &BTreeMap<String, u32>,
    adm1_b: &BTreeSet<String>,
) -> bool {
    let shared = anchors_a.iter().filter(|a| anchors_b.contains(a)).count();
    let same_type = types_a.keys().any(|t| types_b.contains_key(t));
    if shared >= 3 {
        return same_type || types_a.is_empty() || types_b.is_empty();
    }
    shared >= 2 && same_type && adm1_a.iter().any(|g| adm1_b.contains(g))
}

fn main_type(types: &BTreeMap<String, u32>) -> Option<&String> {
    types
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(t, _)| t)
}

impl Fragment {
    fn new(article: &EnrichedArticle, t: i64) -> Fragment {
        Fragment {
            first_id: article.id.clone(),
            title: article.title.clone(),
            first_seen: t,
            last_seen: t,
            articles: 0,
            article_ids: Vec::new(),
            sources: BTreeSet::new(),
            entities: BTreeMap::new(),
            anchors: Vec::new(),
            event_types: BTreeMap::new(),
            adm1: BTreeSet::new(),
            reports: Vec::new(),
            links: Vec::new(),
        }
    }

    fn add(&mut self, article: &EnrichedArticle, t: i64, summary: &ArticleSummary) {
        if t < self.first_seen || (t == self.first_seen && article.id < self.first_id) {
            self.first_seen = t;
            self.first_id = article.id.clone();
            self.title = article.title.clone();
        }
        self.last_seen = self.last_seen.max(t);
        self.articles += 1;
        if self.article_ids.len() < FRAGMENT_KEEP {
            self.article_ids.push(article.id.clone());
        }
        if let Some(source) = &article.source {
            self.sources.insert(source.clone());
        }
        let mut seen = BTreeSet::new();
        for e in &article.entities {
            if seen.insert(e.id.as_str()) {
                match self.entities.get_mut(e.id.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        self.entities.insert(Key::intern(&e.id), 1);
                    }
                }
            }
        }
        if let Some(t) = &summary.event_type {
            *self.event_types.entry(t.clone()).or_default() += 1;
        }
        self.adm1.extend(summary.governorates.iter().cloned());
        for kind in CASUALTY_KINDS {
            let value = figure(article, kind);
            if value > 0 && self.reports.len() < FRAGMENT_KEEP {
                self.reports.push(Report {
                    article_id: article.id.clone(),
                    source: article.source.clone(),
                    kind: kind.to_string(),
                    value,
                });
            }
        }
        if let Some(target) = &article.duplicate_of {
            if !self.links.contains(target) && self.links.len() < FRAGMENT_KEEP {
                self.links.push(target.clone());
            }
        }
        let mut ranked: Vec<(&Key, &u32)> = self.entities.iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        // The first article's anchors lead until others outnumber them.
        let mut anchors: Vec<Key> = Vec::new();
        for (id, _) in ranked {
            if anchors.len() >= FRAGMENT_ANCHORS {
                break;
            }
            anchors.push(id.clone());
        }
        if self.articles == 1 {
            anchors = article_anchors(article);
        }
        self.anchors = anchors;
    }

    /// Whether two fragments tell one story (the rule an article joins one by).
    pub fn matches(&self, other: &Fragment) -> bool {
        let near = (other.first_seen - self.first_seen).abs() <= STORY_WINDOW_SECS;
        near && similar(
            &self.anchors,
            &self.event_types,
            &self.adm1,
            &other.anchors,
            &other.event_types,
            &other.adm1,
        )
    }

    pub fn main_event_type(&self) -> Option<&String> {
        main_type(&self.event_types)
    }
}

/// The fragments of one partition.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Stories {
    pub next: u64,
    pub fragments: BTreeMap<u64, Fragment>,
    /// Article id → its fragment.
    pub by_article: HashMap<String, u64>,
    /// Stream time of the last sweep of old fragments.
    pub swept_at: i64,
    /// Anchor → fragments (rebuilt after a load).
    #[serde(skip)]
    index: HashMap<Key, Vec<u64>>,
    #[serde(skip)]
    indexed: bool,
}

impl PartialEq for Stories {
    fn eq(&self, other: &Self) -> bool {
        self.next == other.next
            && self.fragments == other.fragments
            && self.by_article == other.by_article
            && self.swept_at == other.swept_at
    }
}

impl Stories {
    /// Fragment numbers the anchor index holds (for the memory example).
    pub fn index_entries(&self) -> usize {
        self.index.values().map(Vec::len).sum()
    }

    /// Entities the fragments count, summed over fragments (for the memory example).
    pub fn fragment_entities(&self) -> usize {
        self.fragments.values().map(|f| f.entities.len()).sum()
    }

    fn reindex(&mut self) {
        self.index.clear();
        for (no, f) in &self.fragments {
            for a in &f.anchors {
                self.index.entry(a.clone()).or_default().push(*no);
            }
        }
        self.indexed = true;
    }

    /// Places an article in a fragment, a new one when none matches.
    pub fn add(&mut self, article: &EnrichedArticle, t: i64, summary: &ArticleSummary) {
        if !self.indexed {
            self.reindex();
        }
        let anchors = article_anchors(article);
        let mut types = BTreeMap::new();
        if let Some(t) = &summary.event_type {
            types.insert(t.clone(), 1);
        }
        let adm1: BTreeSet<String> = summary.governorates.iter().cloned().collect();
        let duplicate = article
            .duplicate_of
            .as_ref()
            .and_then(|d| self.by_article.get(d))
            .copied();
        let chosen = duplicate.or_else(|| {
            let mut candidates: BTreeSet<u64> = BTreeSet::new();
            for a in &anchors {
                if let Some(list) = self.index.get(a) {
                    candidates.extend(list.iter().rev().take(CANDIDATES_PER_ANCHOR));
                }
            }
            candidates
                .into_iter()
                .rev()
                .filter_map(|no| self.fragments.get(&no).map(|f| (no, f)))
                .filter(|(_, f)| (t - f.first_seen).abs() <= STORY_WINDOW_SECS)
                .filter(|(_, f)| {
                    similar(&anchors, &types, &adm1, &f.anchors, &f.event_types, &f.adm1)
                })
                .max_by_key(|(no, f)| {
                    (
                        anchors.iter().filter(|a| f.anchors.contains(a)).count(),
                        *no,
                    )
                })
                .map(|(no, _)| no)
        });
        let no = match chosen {
            Some(no) => no,
            None => {
                let no = self.next;
                self.next += 1;
                self.fragments.insert(no, Fragment::new(article, t));
                no
            }
        };
        let fragment = self.fragments.get_mut(&no).expect("fragment just found");
        let before = fragment.anchors.clone();
        fragment.add(article, t, summary);
        for a in &fragment.anchors {
            if !before.contains(a) {
                self.index.entry(a.clone()).or_default().push(no);
            }
        }
        self.by_article.insert(article.id.clone(), no);
    }

    /// Keeps at most `keep` fragments once they pass it by a quarter: the most recently
    /// seen (ties to the newer fragment), with the article lookups that point at them.
    pub fn bound(&mut self, keep: usize) {
        if self.fragments.len() <= keep + keep / 4 {
            return;
        }
        let mut seen: Vec<(i64, u64)> = self
            .fragments
            .iter()
            .map(|(no, f)| (f.last_seen, *no))
            .collect();
        let cut = seen.len() - keep;
        let (_, &mut oldest_kept, _) = seen.select_nth_unstable(cut);
        self.fragments
            .retain(|no, f| (f.last_seen, *no) >= oldest_kept);
        let fragments = &self.fragments;
        self.by_article.retain(|_, no| fragments.contains_key(no));
        self.reindex();
    }

    /// Drops the fragments last seen before `oldest`.
    pub fn expire(&mut self, oldest: i64) {
        let before = self.fragments.len();
        self.fragments.retain(|_, f| f.last_seen >= oldest);
        if self.fragments.len() != before {
            let fragments = &self.fragments;
            self.by_article.retain(|_, no| fragments.contains_key(no));
            self.reindex();
        }
    }
}

/// A casualty figure reconciled across a story's reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciled {
    /// The most conservative figure: the lowest any report gives.
    pub figure: u64,
    pub min: u64,
    pub max: u64,
    pub reports: usize,
    pub disagree: bool,
}

/// A story across every partition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub id: String,
    pub title: Option<String>,
    pub first_seen: String,
    pub last_seen: String,
    #[serde(skip)]
    pub last_seen_t: i64,
    pub articles: u64,
    pub sources: Vec<String>,
    pub top_entities: Vec<crate::state::EntityRef>,
    pub event_type: Option<String>,
    pub adm1: Vec<String>,
    pub casualties: BTreeMap<String, Reconciled>,
    pub reports: Vec<Report>,
    pub article_ids: Vec<String>,
}

/// A stable id for the story whose earliest article is `first_id`.
pub fn story_id(first_id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in first_id.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("st-{hash:016x}")
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the groups of `a` and `b` unless the joined group would span more than the
/// story window (`span[root]` is a group's earliest and latest first-seen time), so
/// that a chain of overlapping reports does not grow into a month-long "story".
fn union(parent: &mut [usize], span: &mut [(i64, i64)], a: usize, b: usize, force: bool) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra == rb {
        return;
    }
    let joined = (span[ra].0.min(span[rb].0), span[ra].1.max(span[rb].1));
    if !force && joined.1 - joined.0 > STORY_WINDOW_SECS {
        return;
    }
    let (lo, hi) = (ra.min(rb), ra.max(rb));
    parent[hi] = lo;
    span[lo] = joined;
}

/// Merges the fragments of every partition into stories, newest last seen first: the
/// stories last seen at or after `since` (`i64::MIN`: all). Every fragment takes part
/// in the grouping; only the stories asked for are built (the costly part, which an
/// alert tick over the last day would otherwise pay for the whole year).
pub fn merge(
    fragments: &[&Fragment],
    entity: impl Fn(&str) -> Option<crate::state::EntityRef>,
    since: i64,
) -> Vec<Story> {
    let n = fragments.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut span: Vec<(i64, i64)> = fragments
        .iter()
        .map(|f| (f.first_seen, f.first_seen))
        .collect();
    // Fragments that share a pair of anchors are the only ones that can match.
    let mut pairs: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, f) in fragments.iter().enumerate() {
        for id in &f.article_ids {
            owner.entry(id.as_str()).or_insert(i);
        }
        for (x, a) in f.anchors.iter().enumerate() {
            for b in &f.anchors[x + 1..] {
                let key = if a < b {
                    (a.as_str(), b.as_str())
                } else {
                    (b.as_str(), a.as_str())
                };
                pairs.entry(key).or_default().push(i);
            }
        }
    }
    for (i, f) in fragments.iter().enumerate() {
        for link in &f.links {
            // A near-duplicate is the same story whatever the time.
            if let Some(&j) = owner.get(link.as_str()) {
                union(&mut parent, &mut span, i, j, true);
            }
        }
    }
    let mut buckets: Vec<Vec<usize>> = pairs.into_values().collect();
    buckets.sort();
    for mut bucket in buckets {
        bucket.sort_by_key(|&i| (fragments[i].first_seen, i));
        bucket.dedup();
        for x in 0..bucket.len() {
            for &j in &bucket[x + 1..] {
                let (a, b) = (fragments[bucket[x]], fragments[j]);
                if b.first_seen > a.first_seen + STORY_WINDOW_SECS {
                    break;
                }
                if a.matches(b) {
                    union(&mut parent, &mut span, bucket[x], j, false);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut stories: Vec<Story> = groups
        .into_values()
        .filter(|members| members.iter().any(|&i| fragments[i].last_seen >= since))
        .map(|members| {
            build(
                &members.iter().map(|&i| fragments[i]).collect::<Vec<_>>(),
                &entity,
            )
        })
        .collect();
    stories.sort_by(|a, b| b.last_seen_t.cmp(&a.last_seen_t).then(a.id.cmp(&b.id)));
    stories
}

fn build(parts: &[&Fragment], entity: &impl Fn(&str) -> Option<crate::state::EntityRef>) -> Story {
    let first = parts
        .iter()
        .min_by(|a, b| (a.first_seen, &a.first_id).cmp(&(b.first_seen, &b.first_id)))
        .expect("a story has a fragment");
    let last_seen = parts.iter().map(|f| f.last_seen).max().unwrap_or(0);
    let mut entities: BTreeMap<&str, u32> = BTreeMap::new();
    let mut types: BTreeMap<String, u32> = BTreeMap::new();
    let mut sources = BTreeSet::new();
    let mut adm1 = BTreeSet::new();
    let mut reports: Vec<Report> = Vec::new();
    let mut article_ids: Vec<String> = Vec::new();
    for f in parts {
        for (id, n) in &f.entities {
            *entities.entry(id.as_str()).or_default() += n;
        }
        for (t, n) in &f.event_types {
            *types.entry(t.clone()).or_default() += n;
        }
        sources.extend(f.sources.iter().cloned());
        adm1.extend(f.adm1.iter().cloned());
        reports.extend(f.reports.iter().cloned());
        article_ids.extend(f.article_ids.iter().cloned());
    }
    article_ids.sort();
    reports.sort_by(|a, b| (&a.kind, &a.article_id).cmp(&(&b.kind, &b.article_id)));
    let mut ranked: Vec<(&str, u32)> = entities.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top_entities = ranked
        .into_iter()
        .filter_map(|(id, _)| entity(id))
        .take(5)
        .collect();
    let mut casualties: BTreeMap<String, Reconciled> = BTreeMap::new();
    for kind in CASUALTY_KINDS {
        let values: Vec<u64> = reports
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.value)
            .collect();
        if let (Some(&min), Some(&max)) = (values.iter().min(), values.iter().max()) {
            casualties.insert(
                kind.to_string(),
                Reconciled {
                    figure: min,
                    min,
                    max,
                    reports: values.len(),
                    disagree: min != max,
                },
            );
        }
    }
    Story {
        id: story_id(&first.first_id),
        title: first.title.clone(),
        first_seen: crate::state::rfc3339(first.first_seen),
        last_seen: crate::state::rfc3339(last_seen),
        last_seen_t: last_seen,
        articles: parts.iter().map(|f| f.articles).sum(),
        sources: sources.into_iter().collect(),
        top_entities,
        event_type: main_type(&types).cloned(),
        adm1: adm1.into_iter().collect(),
        casualties,
        reports,
        article_ids,
    }
}
