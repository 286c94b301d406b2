//! # marsad-aggregate
//!
//! Reads `marsad.articles.enriched.<p>` for the partitions it owns, keeps windowed
//! counts (minute, hour and day buckets by event time), trends, stories and alerts,
//! and serves them over HTTP (see [`api`]) with the live page (see [`web`]).
//!
//! **Exactly once, after any crash.** After a batch is applied in memory, the
//! partition's state and the last stream sequence it covers are written together to
//! the KV bucket ([`checkpoint`]: chunks, then one compare-and-set of the head key).
//! Each partition is read by an ordered consumer that starts at that sequence + 1, so
//! a restarted aggregator resumes exactly where its checkpoint left off: nothing is
//! lost and nothing counted twice (`tests/exactly_once.rs`). A failed compare-and-set
//! means another aggregator wrote the partition: this one reloads and resumes from
//! the stored state.
//!
//! **Several replicas.** Ownership is decided by leases in a KV bucket whose values
//! expire (`<prefix>_leases`, TTL `aggregate.lease_ttl_secs`): every instance keeps a
//! `member.<instance>` key alive, and partition `p` belongs to the live member with the
//! highest rendezvous hash of (member, p) — every instance computes the same answer
//! from the same member list, and a member joining or leaving moves only its share.
//! The owner holds `owner.<p>` (create-if-absent, renewed by compare-and-set); when a
//! member stops it deletes its keys and the others take its partitions at their next
//! tick; when one is killed its keys expire after the TTL. A new owner loads the
//! checkpoint and goes on from its sequence, so a hand-over is exact too. Setting
//! `aggregate.partitions_owned` instead pins partitions to an instance (no leases).
//! Every instance mirrors the partitions it does not own from their checkpoints, so
//! any replica's API answers for all partitions. The owner of partition 0 evaluates
//! the alert rules ([`alerts`]).

pub mod alerts;
pub mod api;
pub mod checkpoint;
pub mod state;
pub mod stories;
pub mod view;
pub mod web;

#[cfg(test)]
mod unit_tests;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::pull, kv};
use futures::{StreamExt, TryStreamExt};
use marsad_messages::{
    schema_major, EnrichedArticle, RejectReason, Rejection, Stream, Subjects, ENRICHED_SCHEMA_NAME,
};
use marsad_runtime::admin::{self, Readiness};
use marsad_runtime::bus;
use marsad_runtime::service::Running;
use marsad_runtime::settings::{
    stage_defaults, AdminSettings, BusSettings, ConsumerSettings, Layered, LogSettings,
    NatsSettings, RuntimeSettings,
};
use marsad_runtime::Shutdown;
use prometheus::{Histogram, HistogramOpts, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry};
use serde::Deserialize;
use tokio::sync::{broadcast, RwLock};

use alerts::{Book, Rules};
use state::{Limits, PartitionState};
use view::View;

/// The `[aggregate]` settings section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateConfig {
    /// Partitions pinned to this instance; empty means ownership by leases.
    #[serde(deserialize_with = "marsad_runtime::settings::numbers")]
    pub partitions_owned: Vec<u32>,
    /// This instance's name among the replicas; empty means `<hostname>-<pid>`.
    /// Give each replica a stable one so a restart takes back its own leases at once.
    pub instance: String,
    /// Seconds a lease lives without renewal (a killed owner's partitions move after it).
    pub lease_ttl_secs: u64,
    /// Milliseconds between ownership, mirror and alert ticks.
    pub tick_ms: u64,
    /// Minute buckets kept, counted back from the stream clock.
    pub retention_minutes: i64,
    /// Hour buckets kept.
    pub retention_hours: i64,
    /// Day buckets (and the article index and stories) kept.
    pub retention_days: i64,
    /// Articles kept per partition for the feed.
    pub recent_articles: usize,
    /// Articles per partition that `/api/articles/{id}` finds (the newest).
    pub index_articles: usize,
    /// Story fragments kept per partition (the most recently seen).
    pub story_fragments: usize,
    /// Largest chunk of a checkpoint (below NATS's message limit).
    pub checkpoint_chunk_bytes: usize,
    /// Milliseconds between a partition's checkpoints while articles arrive (a stop
    /// and an idle stream write one at once). A restart replays at most this much of
    /// the stream, exactly; each checkpoint writes the partition's whole state.
    pub checkpoint_interval_ms: u64,
    /// Alert when an entity's last hour has a Poisson surprise (−log10 p) at least this.
    pub alert_trending_surprise: f64,
    /// … and at least this many articles.
    pub alert_trending_min_count: u64,
    /// Alert when this many people are reported killed in a governorate …
    pub alert_casualties_killed: u64,
    /// … over this many hours.
    pub alert_casualties_hours: i64,
    /// One situation keeps one alert (with updates) while seen within these hours.
    pub alert_cooldown_hours: i64,
}

/// Aggregate's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
    pub runtime: RuntimeSettings,
    pub consumer: ConsumerSettings,
    pub aggregate: AggregateConfig,
}

pub fn default_settings() -> String {
    format!(
        "{}\n[aggregate]\npartitions_owned = []\ninstance = \"\"\nlease_ttl_secs = 10\n\
         tick_ms = 1000\nretention_minutes = 1440\nretention_hours = 720\nretention_days = 365\n\
         recent_articles = 200\nindex_articles = 5000\nstory_fragments = 1500\n\
         checkpoint_chunk_bytes = 524288\ncheckpoint_interval_ms = 1000\nalert_trending_surprise = 3.0\n\
         alert_trending_min_count = 3\nalert_casualties_killed = 10\nalert_casualties_hours = 24\n\
         alert_cooldown_hours = 24\n",
        stage_defaults("aggregate", 9103)
    )
}

impl Layered for Settings {
    fn defaults() -> String {
        default_settings()
    }
}

impl Settings {
    fn partitions(&self) -> u32 {
        self.bus.partitions.max(1)
    }

    /// The state limits the settings give.
    pub fn limits(&self) -> Limits {
        Limits {
            retention_minutes: self.aggregate.retention_minutes.max(1),
            retention_hours: self.aggregate.retention_hours.max(1),
            retention_days: self.aggregate.retention_days.max(1),
            recent_articles: self.aggregate.recent_articles.max(1),
            index_articles: self.aggregate.index_articles.max(1),
            story_fragments: self.aggregate.story_fragments.max(1),
        }
    }

    fn rules(&self) -> Rules {
        Rules {
            trending_surprise: self.aggregate.alert_trending_surprise,
            trending_min_count: self.aggregate.alert_trending_min_count,
            casualties_killed: self.aggregate.alert_casualties_killed,
            casualties_hours: self.aggregate.alert_casualties_hours,
            cooldown_hours: self.aggregate.alert_cooldown_hours,
        }
    }

    fn instance(&self) -> String {
        if !self.aggregate.instance.is_empty() {
            return self.aggregate.instance.clone();
        }
        let host = std::fs::read_to_string("/etc/hostname")
            .ok()
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| "aggregate".into());
        format!("{host}-{}", std::process::id())
    }
}

/// Something that happened, for `/api/stream`.
#[derive(Debug, Clone)]
pub struct LiveEvent {
    pub kind: &'static str,
    pub json: String,
}

/// State shared between the partition loops, the coordinator and the API.
pub struct Shared {
    pub states: RwLock<BTreeMap<u32, PartitionState>>,
    /// Partition → the instance that owns it, as last seen.
    pub owners: RwLock<BTreeMap<u32, String>>,
    /// Partitions this instance owns; changed only under the `states` write lock, so a
    /// mirror never overwrites a partition its loop is applying to.
    pub mine: std::sync::Mutex<BTreeSet<u32>>,
    pub book: RwLock<Book>,
    pub live: broadcast::Sender<LiveEvent>,
    pub js: OnceLock<jetstream::Context>,
    pub subjects: Subjects,
    pub instance: String,
    pub limits: Limits,
    /// One partition's checkpoint at a time: each serializes its whole state, and
    /// eight of them at once took both cores (the stages' latency) and held eight
    /// serialized states in memory together (the aggregator's peak).
    pub checkpointing: tokio::sync::Semaphore,
}

impl Shared {
    fn new(subjects: Subjects, instance: String, limits: Limits) -> Shared {
        Shared {
            states: RwLock::default(),
            owners: RwLock::default(),
            mine: std::sync::Mutex::default(),
            book: RwLock::default(),
            live: broadcast::channel(1024).0,
            js: OnceLock::new(),
            subjects,
            instance,
            limits,
            checkpointing: tokio::sync::Semaphore::new(1),
        }
    }

    fn announce(&self, kind: &'static str, value: &impl serde::Serialize) {
        if self.live.receiver_count() > 0 {
            if let Ok(json) = serde_json::to_string(value) {
                let _ = self.live.send(LiveEvent { kind, json });
            }
        }
    }
}

/// A read view over every partition held.
pub fn view(states: &BTreeMap<u32, PartitionState>) -> View<'_> {
    View {
        partitions: states.iter().map(|(p, s)| (*p, s)).collect(),
    }
}

#[derive(Clone)]
struct Metrics {
    articles: IntCounterVec,
    checkpoints: IntCounterVec,
    checkpoint_bytes: IntGauge,
    apply_duration: Histogram,
    governorate_articles: IntCounterVec,
    mentions: IntCounterVec,
    events: IntCounterVec,
    casualties: IntCounterVec,
    alerts: IntCounterVec,
    owned: IntGauge,
    mirror_loads: IntCounterVec,
    consumer_lag: IntGaugeVec,
}

impl Metrics {
    fn register(registry: &Registry) -> prometheus::Result<Self> {
        let counter = |name: &str, help: &str, labels: &[&str]| {
            let c = IntCounterVec::new(Opts::new(name, help), labels)?;
            registry.register(Box::new(c.clone()))?;
            Ok::<_, prometheus::Error>(c)
        };
        let articles = counter(
            "marsad_aggregate_articles_total",
            "Enriched articles, by outcome (applied, skipped, rejected)",
            &["outcome"],
        )?;
        let checkpoints = counter(
            "marsad_aggregate_checkpoints_total",
            "Checkpoints written to the KV bucket, by outcome",
            &["outcome"],
        )?;
        let governorate_articles = counter(
            "marsad_aggregate_governorate_articles_total",
            "Articles applied that mention a place in a governorate, by ISO 3166-2 code",
            &["adm1"],
        )?;
        let mentions = counter(
            "marsad_aggregate_mentions_total",
            "Entity mentions in applied articles, by entity type",
            &["type"],
        )?;
        let events = counter(
            "marsad_aggregate_events_total",
            "Events in applied articles, by governorate (or none) and event type",
            &["adm1", "type"],
        )?;
        let casualties = counter(
            "marsad_aggregate_casualties_total",
            "People reported killed, wounded or kidnapped, by governorate (or none) and kind",
            &["adm1", "kind"],
        )?;
        let alerts = counter(
            "marsad_aggregate_alerts_total",
            "Alerts published (new and updates), by kind",
            &["kind"],
        )?;
        let mirror_loads = counter(
            "marsad_aggregate_mirror_loads_total",
            "Checkpoints of partitions owned elsewhere loaded for the API, by outcome",
            &["outcome"],
        )?;
        let checkpoint_bytes = IntGauge::new(
            "marsad_aggregate_checkpoint_bytes",
            "Size of the last checkpoint written",
        )?;
        registry.register(Box::new(checkpoint_bytes.clone()))?;
        let owned = IntGauge::new(
            "marsad_aggregate_partitions_owned",
            "Partitions this instance owns",
        )?;
        registry.register(Box::new(owned.clone()))?;
        // Per owned partition (a bounded set: `bus.partitions`), from the ordered
        // consumer's `pending` on each message; the same name as the stateless
        // stages' lag so one dashboard query covers every stage.
        let consumer_lag = IntGaugeVec::new(
            Opts::new(
                "marsad_aggregate_consumer_lag_messages",
                "Enriched articles of an owned partition not yet applied (consumer lag)",
            ),
            &["partition"],
        )?;
        registry.register(Box::new(consumer_lag.clone()))?;
        let apply_duration = Histogram::with_opts(
            HistogramOpts::new(
                "marsad_aggregate_stage_duration_seconds",
                "Time to apply one article to the state",
            )
            .buckets(marsad_runtime::pipeline::LATENCY_BUCKETS.to_vec()),
        )?;
        registry.register(Box::new(apply_duration.clone()))?;
        for outcome in ["applied", "skipped", "rejected"] {
            articles.with_label_values(&[outcome]);
        }
        for kind in ["trending_entity", "casualties", "story_fatalities"] {
            alerts.with_label_values(&[kind]);
        }
        // Zeros rather than "no data" on the News dashboard's event panels (the place
        // of an event is open-ended, so only `none` is pre-created).
        for event_type in marsad_messages::EVENT_TYPES {
            events.with_label_values(&["none", event_type]);
        }
        Ok(Metrics {
            articles,
            checkpoints,
            checkpoint_bytes,
            apply_duration,
            governorate_articles,
            mentions,
            events,
            casualties,
            alerts,
            owned,
            mirror_loads,
            consumer_lag,
        })
    }

    fn observe(&self, article: &EnrichedArticle) {
        let mut seen = BTreeSet::new();
        for entity in &article.entities {
            self.mentions
                .with_label_values(&[entity.entity_type.as_str()])
                .inc_by(entity.mentions.len() as u64);
            if entity.entity_type == marsad_messages::EntityType::Loc {
                if let Some(code) = entity.geo.as_ref().and_then(|g| g.adm1.as_deref()) {
                    if seen.insert(code) {
                        self.governorate_articles.with_label_values(&[code]).inc();
                    }
                }
            }
        }
        for (key, n, _) in state::contributions(article) {
            if let Some(rest) = key.strip_prefix("v:") {
                if let Some((adm1, t)) = rest.split_once('|') {
                    self.events.with_label_values(&[adm1, t]).inc_by(n);
                }
            } else if let Some(rest) = key.strip_prefix("c:") {
                if let Some((adm1, kind)) = rest.split_once('|') {
                    self.casualties.with_label_values(&[adm1, kind]).inc_by(n);
                }
            }
        }
    }
}

/// Starts aggregate; returns once the HTTP server is bound.
pub async fn start(settings: Settings, shutdown: Shutdown) -> anyhow::Result<Running> {
    let registry = Registry::new();
    let metrics = Metrics::register(&registry)?;
    let subjects = Subjects::new(&settings.bus.prefix);
    let shared = Arc::new(Shared::new(
        subjects.clone(),
        settings.instance(),
        settings.limits(),
    ));
    let ready = Readiness::default();
    let app = admin::router(registry.clone(), ready.clone())
        .merge(api::router(shared.clone()))
        .merge(web::router());
    let (admin_addr, server) = admin::serve(&settings.admin.bind, app, shutdown.clone()).await?;

    let task = tokio::spawn(async move {
        let client = bus::connect(&settings.nats, "aggregate", &shutdown).await?;
        let js = jetstream::new(client);
        let _ = shared.js.set(js.clone());
        bus::ensure_streams(
            &js,
            &settings.bus,
            &subjects,
            &[Stream::Enriched, Stream::Rejected, Stream::Alerts],
        )
        .await?;
        let store = bus::ensure_bucket(&js, &settings.bus, &subjects.aggregates_bucket()).await?;
        let ttl = Duration::from_secs(settings.aggregate.lease_ttl_secs.max(1));
        let leases = if settings.aggregate.partitions_owned.is_empty() {
            Some(
                bus::ensure_bucket_with_ttl(&js, &settings.bus, &subjects.leases_bucket(), ttl)
                    .await?,
            )
        } else {
            None
        };
        let mut coordinator = Coordinator {
            settings: settings.clone(),
            js,
            store,
            leases,
            shared: shared.clone(),
            metrics,
            owned: BTreeMap::new(),
            last_lease_tick: None,
            ttl,
        };
        let watcher = Watcher {
            settings: coordinator.settings.clone(),
            js: coordinator.js.clone(),
            store: coordinator.store.clone(),
            shared: shared.clone(),
            metrics: coordinator.metrics.clone(),
            mirrored: BTreeMap::new(),
            book_revision: 0,
            evaluated: None,
        };
        let watching = tokio::spawn(watcher.run(shutdown.clone()));
        let result = coordinator.run(&shutdown, &ready).await;
        shutdown.cancel();
        let _ = watching.await;
        ready.set(false);
        coordinator.stop_all().await;
        shutdown.cancel();
        let _ = server.await;
        result
    });
    Ok(Running { admin_addr, task })
}

pub async fn run(settings: Settings, shutdown: Shutdown) -> anyhow::Result<()> {
    let running = start(settings, shutdown).await?;
    running.task.await?
}

/// Rendezvous hash of (member, partition).
fn score(member: &str, partition: u32) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in member.bytes().chain(partition.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    // FNV's low bits mix poorly: finish with a multiply-xorshift.
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ (hash >> 33)
}

/// The member that should own a partition.
pub fn assign(members: &[String], partition: u32) -> Option<&str> {
    members
        .iter()
        .max_by(|a, b| score(a, partition).cmp(&score(b, partition)).then(b.cmp(a)))
        .map(String::as_str)
}

struct OwnedPartition {
    stop: Shutdown,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    lease_revision: u64,
}

struct Coordinator {
    settings: Settings,
    js: jetstream::Context,
    store: kv::Store,
    leases: Option<kv::Store>,
    shared: Arc<Shared>,
    metrics: Metrics,
    owned: BTreeMap<u32, OwnedPartition>,
    last_lease_tick: Option<Instant>,
    ttl: Duration,
}

impl Coordinator {
    async fn run(&mut self, shutdown: &Shutdown, ready: &Readiness) -> anyhow::Result<()> {
        // Leases are kept apart from the (slower) mirror and alert work, so a long
        // checkpoint load never lets a lease expire.
        let tick = Duration::from_millis(self.settings.aggregate.tick_ms.max(50)).min(self.ttl / 3);
        loop {
            self.ownership().await;
            ready.set(true);
            // A partition loop that failed stops the service: a supervisor restarts
            // it, and the checkpoints make the restart exact.
            let failed: Vec<u32> = self
                .owned
                .iter()
                .filter(|(_, o)| o.task.is_finished())
                .map(|(p, _)| *p)
                .collect();
            for p in failed {
                if let Some(o) = self.owned.remove(&p) {
                    match o.task.await {
                        Ok(Ok(())) if shutdown.is_cancelled() => {}
                        Ok(Ok(())) => tracing::info!(partition = p, "partition loop ended"),
                        Ok(Err(e)) => return Err(e),
                        Err(e) => return Err(anyhow::anyhow!("partition loop panicked: {e}")),
                    }
                }
            }
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = shutdown.cancelled() => return Ok(()),
            }
        }
    }

    /// Decides which partitions this instance owns, and starts and stops their loops.
    async fn ownership(&mut self) {
        let partitions = self.settings.partitions();
        let Some(leases) = self.leases.clone() else {
            let pinned: Vec<u32> = self.settings.aggregate.partitions_owned.clone();
            for p in pinned {
                if p < partitions && !self.owned.contains_key(&p) {
                    self.start_partition(p, 0).await;
                }
            }
            let mut owners = self.shared.owners.write().await;
            for p in self.owned.keys() {
                owners.insert(*p, self.shared.instance.clone());
            }
            self.metrics.owned.set(self.owned.len() as i64);
            return;
        };
        // Leases are renewed at a third of their lifetime.
        if self
            .last_lease_tick
            .is_some_and(|t| t.elapsed() < self.ttl / 3)
        {
            return;
        }
        self.last_lease_tick = Some(Instant::now());
        let me = self.shared.instance.clone();
        if let Err(error) = leases
            .put(format!("member.{me}"), me.clone().into_bytes().into())
            .await
        {
            tracing::warn!(%error, "cannot renew membership");
            return;
        }
        let members: Vec<String> = match leases.keys().await {
            Ok(keys) => keys
                .try_collect::<Vec<String>>()
                .await
                .unwrap_or_default()
                .into_iter()
                .filter_map(|k| k.strip_prefix("member.").map(str::to_string))
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "cannot list members");
                return;
            }
        };
        let mut owners = BTreeMap::new();
        for p in 0..partitions {
            let target = assign(&members, p) == Some(me.as_str());
            let key = format!("owner.{p}");
            if let Some(owned) = self.owned.get_mut(&p) {
                if !target {
                    // Hand over: stop, then free the lease for the new owner.
                    self.stop_partition(p).await;
                    continue;
                }
                match leases
                    .update(&key, me.clone().into_bytes().into(), owned.lease_revision)
                    .await
                {
                    Ok(revision) => {
                        owned.lease_revision = revision;
                        owners.insert(p, me.clone());
                    }
                    Err(error) => {
                        tracing::warn!(partition = p, %error, "lease lost");
                        self.stop_partition(p).await;
                    }
                }
                continue;
            }
            let entry = leases.entry(&key).await.ok().flatten();
            let holder = entry
                .as_ref()
                .filter(|e| e.operation == kv::Operation::Put)
                .map(|e| String::from_utf8_lossy(&e.value).to_string());
            match holder {
                Some(holder) if holder == me && target => {
                    // Ours from before a restart.
                    let revision = entry.map_or(0, |e| e.revision);
                    if let Ok(revision) = leases
                        .update(&key, me.clone().into_bytes().into(), revision)
                        .await
                    {
                        self.start_partition(p, revision).await;
                        owners.insert(p, me.clone());
                    }
                }
                Some(holder) if holder == me => {
                    // Ours from before a restart, but no longer ours to take.
                    let revision = entry.map(|e| e.revision);
                    let _ = leases.delete_expect_revision(&key, revision).await;
                }
                Some(holder) => {
                    owners.insert(p, holder);
                }
                None if target => {
                    if let Ok(revision) = leases.create(&key, me.clone().into_bytes().into()).await
                    {
                        self.start_partition(p, revision).await;
                        owners.insert(p, me.clone());
                    }
                }
                None => {}
            }
        }
        *self.shared.owners.write().await = owners;
        self.metrics.owned.set(self.owned.len() as i64);
    }

    async fn start_partition(&mut self, partition: u32, lease_revision: u64) {
        tracing::info!(partition, instance = %self.shared.instance, "taking partition");
        {
            let _states = self.shared.states.write().await;
            self.shared
                .mine
                .lock()
                .expect("ownership lock")
                .insert(partition);
        }
        let stop = Shutdown::new();
        let partition_loop = PartitionLoop {
            partition,
            revision: 0,
            head: None,
            js: self.js.clone(),
            store: self.store.clone(),
            subjects: self.shared.subjects.clone(),
            shared: self.shared.clone(),
            metrics: self.metrics.clone(),
            limits: self.shared.limits,
            chunk_bytes: self.settings.aggregate.checkpoint_chunk_bytes,
            checkpoint_every: Duration::from_millis(self.settings.aggregate.checkpoint_interval_ms),
            partitions: self.settings.partitions(),
        };
        let task = tokio::spawn(partition_loop.run(stop.clone()));
        self.owned.insert(
            partition,
            OwnedPartition {
                stop,
                task,
                lease_revision,
            },
        );
    }

    async fn stop_partition(&mut self, partition: u32) {
        if let Some(owned) = self.owned.remove(&partition) {
            tracing::info!(partition, "handing partition over");
            owned.stop.cancel();
            let _ = owned.task.await;
            let _ = self
                .metrics
                .consumer_lag
                .remove_label_values(&[&partition.to_string()]);
            if let Some(leases) = &self.leases {
                let _ = leases
                    .delete_expect_revision(
                        format!("owner.{partition}"),
                        Some(owned.lease_revision),
                    )
                    .await;
            }
            // What it applied since its last checkpoint is not committed: the
            // watcher reads the checkpoint back as a mirror.
            let _states = self.shared.states.write().await;
            self.shared
                .mine
                .lock()
                .expect("ownership lock")
                .remove(&partition);
        }
    }

    async fn stop_all(&mut self) {
        let partitions: Vec<u32> = self.owned.keys().copied().collect();
        for p in partitions {
            self.stop_partition(p).await;
        }
        if let Some(leases) = &self.leases {
            let _ = leases
                .delete(format!("member.{}", self.shared.instance))
                .await;
        }
    }
}

/// Mirrors the partitions others own and, on the owner of partition 0, raises alerts.
struct Watcher {
    settings: Settings,
    js: jetstream::Context,
    store: kv::Store,
    shared: Arc<Shared>,
    metrics: Metrics,
    /// Partition → head revision of the mirrored checkpoint.
    mirrored: BTreeMap<u32, u64>,
    book_revision: u64,
    /// The stream positions the alerts were last evaluated at.
    evaluated: Option<Vec<u64>>,
}

impl Watcher {
    async fn run(mut self, shutdown: Shutdown) {
        let tick = Duration::from_millis(self.settings.aggregate.tick_ms.max(50));
        loop {
            self.mirror().await;
            let leader = self
                .shared
                .mine
                .lock()
                .expect("ownership lock")
                .contains(&0);
            if leader {
                if let Err(error) = self.alerts().await {
                    tracing::warn!(%error, "alert evaluation failed");
                }
            } else {
                self.evaluated = None;
                self.load_book().await;
            }
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = shutdown.cancelled() => return,
            }
        }
    }

    /// Loads the checkpoints of the partitions others own, when they changed.
    async fn mirror(&mut self) {
        for p in 0..self.settings.partitions() {
            if self
                .shared
                .mine
                .lock()
                .expect("ownership lock")
                .contains(&p)
            {
                self.mirrored.remove(&p);
                continue;
            }
            let revision = match checkpoint::revision(&self.store, p).await {
                Ok(r) => r,
                Err(_) => continue,
            };
            if self.mirrored.get(&p) == Some(&revision) {
                continue;
            }
            match checkpoint::load(&self.store, p).await {
                Ok(loaded) => {
                    let mut states = self.shared.states.write().await;
                    if self
                        .shared
                        .mine
                        .lock()
                        .expect("ownership lock")
                        .contains(&p)
                    {
                        continue; // taken over meanwhile: its loop holds the state
                    }
                    let before = states.get(&p).map_or(0, |s| s.last_seq);
                    for summary in loaded.state.recent.iter().filter(|a| a.seq > before) {
                        self.shared.announce("article", summary);
                    }
                    states.insert(p, loaded.state);
                    self.mirrored.insert(p, loaded.revision);
                    self.metrics.mirror_loads.with_label_values(&["ok"]).inc();
                }
                Err(error) => {
                    tracing::warn!(partition = p, %error, "cannot mirror partition");
                    self.metrics
                        .mirror_loads
                        .with_label_values(&["failed"])
                        .inc();
                }
            }
        }
    }

    async fn load_book(&mut self) {
        if let Ok(Some(entry)) = self.store.entry("alerts").await {
            if entry.revision != self.book_revision && entry.operation == kv::Operation::Put {
                if let Ok(book) = serde_json::from_slice::<Book>(&entry.value) {
                    let mut current = self.shared.book.write().await;
                    for alert in &book.alerts {
                        if !current.alerts.contains(alert) {
                            self.shared.announce("alert", alert);
                        }
                    }
                    *current = book;
                    self.book_revision = entry.revision;
                }
            }
        }
    }

    /// Evaluates the rules (leader only), publishes new alerts and updates, and saves
    /// the book.
    async fn alerts(&mut self) -> anyhow::Result<()> {
        if self.book_revision == 0 {
            if let Some(entry) = self.store.entry("alerts").await? {
                if entry.operation == kv::Operation::Put {
                    *self.shared.book.write().await = serde_json::from_slice(&entry.value)?;
                }
                self.book_revision = entry.revision;
            }
        }
        let candidates = {
            let states = self.shared.states.read().await;
            let positions: Vec<u64> = states.values().map(|s| s.last_seq).collect();
            if self.evaluated.as_ref() == Some(&positions) {
                return Ok(());
            }
            self.evaluated = Some(positions);
            let view = view(&states);
            if view.articles() == 0 {
                return Ok(());
            }
            (alerts::evaluate(&view, self.settings.rules()), view.clock())
        };
        let mut book = self.shared.book.read().await.clone();
        let now = marsad_runtime::now_rfc3339();
        let fresh = book.offer(candidates.0, candidates.1, self.settings.rules(), &now);
        if fresh.is_empty() {
            return Ok(());
        }
        for alert in &fresh {
            let payload = serde_json::to_vec(alert)?;
            let publish = jetstream::message::PublishMessage::build()
                .payload(payload.into())
                .message_id(format!("{}:{}", alert.id, alert.update));
            self.js
                .send_publish(self.shared.subjects.alerts(&alert.kind), publish)
                .await?
                .await?;
            self.metrics.alerts.with_label_values(&[&alert.kind]).inc();
        }
        // What is on the alert subjects is listed by the API at once; the KV copy below
        // lets the next leader (and the mirrors) carry the same book on.
        *self.shared.book.write().await = book.clone();
        for alert in &fresh {
            self.shared.announce("alert", alert);
        }
        let value: bytes::Bytes = serde_json::to_vec(&book)?.into();
        let saved = if self.book_revision == 0 {
            self.store
                .create("alerts", value)
                .await
                .map_err(anyhow::Error::from)
        } else {
            self.store
                .update("alerts", value, self.book_revision)
                .await
                .map_err(anyhow::Error::from)
        };
        match saved {
            Ok(revision) => self.book_revision = revision,
            Err(error) => {
                tracing::warn!(%error, "alert book changed under the leader; reloading");
                self.book_revision = 0;
            }
        }
        Ok(())
    }
}

struct PartitionLoop {
    partition: u32,
    revision: u64,
    head: Option<checkpoint::Head>,
    js: jetstream::Context,
    store: kv::Store,
    subjects: Subjects,
    shared: Arc<Shared>,
    metrics: Metrics,
    limits: Limits,
    chunk_bytes: usize,
    checkpoint_every: Duration,
    /// Partitions of the stream (the most this instance may own).
    partitions: u32,
}

impl PartitionLoop {
    /// An ordered consumer of the partition's subject from `start` on. The checkpoint,
    /// not the server, remembers how far the partition is aggregated: every start (and
    /// every lost checkpoint race) resumes at the checkpoint's sequence + 1, in stream
    /// order, so no message is skipped and none is applied twice. (A durable consumer
    /// with acks cannot give this: after a crash it hands out newer messages before it
    /// redelivers the unacknowledged ones, and acknowledging the newer ones acks the
    /// older ones too — the kill test lost 35 of 200 articles that way.)
    async fn consumer(
        &self,
        start: u64,
    ) -> anyhow::Result<jetstream::consumer::Consumer<pull::OrderedConfig>> {
        let stream = self
            .js
            .get_stream(self.subjects.stream(Stream::Enriched))
            .await?;
        let deliver_policy = if start <= 1 {
            jetstream::consumer::DeliverPolicy::All
        } else {
            jetstream::consumer::DeliverPolicy::ByStartSequence {
                start_sequence: start,
            }
        };
        Ok(stream
            .create_consumer(pull::OrderedConfig {
                filter_subject: self.subjects.enriched(self.partition),
                deliver_policy,
                ..Default::default()
            })
            .await?)
    }

    async fn last_seq(&self) -> u64 {
        self.shared
            .states
            .read()
            .await
            .get(&self.partition)
            .map_or(0, |s| s.last_seq)
    }

    /// Loads the stored state (at start, and after a lost compare-and-set).
    async fn reload(&mut self) -> anyhow::Result<()> {
        let loaded = checkpoint::load(&self.store, self.partition).await?;
        tracing::info!(
            partition = self.partition,
            last_seq = loaded.state.last_seq,
            articles = loaded.state.articles,
            "partition state loaded"
        );
        self.revision = loaded.revision;
        self.head = loaded.head;
        self.shared
            .states
            .write()
            .await
            .insert(self.partition, loaded.state);
        Ok(())
    }

    async fn run(mut self, stop: Shutdown) -> anyhow::Result<()> {
        self.reload().await?;
        'consume: while !stop.is_cancelled() {
            let start = self.last_seq().await + 1;
            let messages = match self.consumer(start).await {
                Ok(consumer) => consumer.messages().await.map_err(anyhow::Error::from),
                Err(error) => Err(error),
            };
            let mut messages = match messages {
                Ok(messages) => messages,
                Err(error) => {
                    tracing::warn!(partition = self.partition, %error, "cannot read the partition; retrying");
                    tokio::select! {
                        _ = tokio::time::sleep(Duration::from_millis(500)) => {}
                        _ = stop.cancelled() => break 'consume,
                    }
                    continue;
                }
            };
            // Articles applied since the last checkpoint, and when that was.
            let mut dirty = 0usize;
            let mut since = tokio::time::Instant::now();
            // Long enough that the checkpoints of every partition together take at most a
            // tenth of one core: a state that takes long to write is written less often
            // than the interval (at 100,000 articles each one is several MB of JSON).
            let mut gap = self.checkpoint_every;
            loop {
                let due = since + gap;
                let next = tokio::select! {
                    next = messages.next() => Some(next),
                    // Nothing more arrived before the checkpoint was due: write it now.
                    _ = tokio::time::sleep_until(due), if dirty > 0 => None,
                    _ = stop.cancelled() => {
                        if dirty > 0 {
                            // A graceful stop leaves nothing to replay. (If the lease
                            // has moved, the compare-and-set fails and the new owner
                            // replays from the last checkpoint: exact either way.)
                            if let Err(error) = self.checkpoint().await {
                                tracing::warn!(partition = self.partition, %error, "last checkpoint not written; the next owner replays");
                            }
                        }
                        break 'consume;
                    }
                };
                match next {
                    Some(Some(Ok(message))) => {
                        self.apply(&message).await;
                        dirty += 1;
                    }
                    Some(Some(Err(error))) => {
                        tracing::warn!(partition = self.partition, %error, "read failed; resuming from the checkpoint");
                        continue 'consume;
                    }
                    Some(None) => continue 'consume,
                    None => {}
                }
                if dirty > 0 && tokio::time::Instant::now() >= due {
                    let took = match self.checkpoint().await {
                        Ok(took) => took,
                        Err(error) => {
                            tracing::error!(partition = self.partition, %error, "checkpoint failed; resuming from the stored state");
                            self.metrics
                                .checkpoints
                                .with_label_values(&["failed"])
                                .inc();
                            self.reload().await?;
                            continue 'consume;
                        }
                    };
                    dirty = 0;
                    since = tokio::time::Instant::now();
                    gap = self
                        .checkpoint_every
                        .max(took * 10 * self.partitions.max(1));
                }
            }
        }
        Ok(())
    }

    async fn apply(&self, message: &jetstream::Message) {
        let (seq, pending) = message
            .info()
            .map(|i| (i.stream_sequence, i.pending))
            .unwrap_or((0, 0));
        self.metrics
            .consumer_lag
            .with_label_values(&[&self.partition.to_string()])
            .set(pending as i64);
        let article = serde_json::from_slice::<EnrichedArticle>(&message.payload)
            .map_err(|e| e.to_string())
            .and_then(|a| {
                if schema_major(&a.schema, ENRICHED_SCHEMA_NAME) == Some(1) {
                    Ok(a)
                } else {
                    Err(format!("unsupported schema {:?}", a.schema))
                }
            });
        let article = match article {
            Ok(article) => article,
            Err(error) => {
                self.metrics.articles.with_label_values(&["rejected"]).inc();
                let rejection = Rejection::new(
                    "aggregate",
                    RejectReason::Schema,
                    format!("not an enriched article: {error}"),
                    &message.payload,
                    262_144,
                    marsad_runtime::now_rfc3339(),
                );
                if let Ok(payload) = serde_json::to_vec(&rejection) {
                    let publish = jetstream::message::PublishMessage::build()
                        .payload(payload.into())
                        .message_id(format!("rej:aggregate:{}:{seq}", self.partition));
                    if let Ok(ack) = self
                        .js
                        .send_publish(self.subjects.rejected(), publish)
                        .await
                    {
                        let _ = ack.await;
                    }
                }
                // Covered by the next checkpoint, so a restart does not read it again.
                let mut states = self.shared.states.write().await;
                let state = states.entry(self.partition).or_default();
                state.last_seq = state.last_seq.max(seq);
                return;
            }
        };
        let started = Instant::now();
        let mut states = self.shared.states.write().await;
        let state = states.entry(self.partition).or_default();
        let applied = state.apply(seq, &article, self.limits);
        let summary = if applied {
            state.recent.back().cloned()
        } else {
            None
        };
        drop(states);
        self.metrics
            .apply_duration
            .observe(started.elapsed().as_secs_f64());
        if applied {
            self.metrics.articles.with_label_values(&["applied"]).inc();
            self.metrics.observe(&article);
            if let Some(summary) = summary {
                self.shared.announce("article", &summary);
            }
        } else {
            self.metrics.articles.with_label_values(&["skipped"]).inc();
        }
    }

    /// Writes the partition's state with its sequence, compare-and-set; returns how
    /// long the writing took (not the wait for another partition's checkpoint).
    async fn checkpoint(&mut self) -> anyhow::Result<Duration> {
        let _turn = self.shared.checkpointing.acquire().await?;
        let started = Instant::now();
        let expected = self.head.as_ref().map_or(0, |h| h.bytes);
        let snapshot = {
            let states = self.shared.states.read().await;
            match states.get(&self.partition) {
                Some(state) => checkpoint::Snapshot::of(state, expected)?,
                None => checkpoint::Snapshot::of(&PartitionState::default(), 0)?,
            }
        };
        let (revision, head) = checkpoint::save(
            &self.store,
            self.partition,
            &snapshot,
            self.revision,
            self.head.as_ref(),
            self.chunk_bytes,
        )
        .await?;
        self.metrics.checkpoint_bytes.set(head.bytes as i64);
        self.revision = revision;
        self.head = Some(head);
        self.metrics.checkpoints.with_label_values(&["ok"]).inc();
        Ok(started.elapsed())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendezvous_assignment_spreads_partitions_and_moves_only_a_leavers_share() {
        let two: Vec<String> = vec!["agg-a".into(), "agg-b".into()];
        let three: Vec<String> = vec!["agg-a".into(), "agg-b".into(), "agg-c".into()];
        let of = |members: &[String]| -> Vec<String> {
            (0..64)
                .map(|p| assign(members, p).unwrap().to_string())
                .collect()
        };
        let (a2, a3) = (of(&two), of(&three));
        for m in &two {
            let n = a2.iter().filter(|o| *o == m).count();
            assert!((16..=48).contains(&n), "{m} owns {n} of 64");
        }
        // agg-c joining takes partitions only: none moves between a and b.
        for (before, after) in a2.iter().zip(&a3) {
            assert!(after == before || after == "agg-c");
        }
        assert!(a3.iter().any(|o| o == "agg-c"));
    }
}
