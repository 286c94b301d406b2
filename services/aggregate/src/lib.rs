//! # marsad-aggregate
//!
//! Reads `marsad.articles.enriched.<p>` for the partitions it owns, keeps hourly
//! counts of entity mentions and governorates, and serves them over HTTP.
//!
//! Exactly once, after any crash: after a batch is applied in memory, the partition's
//! state and the last stream sequence it covers are written together to one key of
//! the KV bucket (`partition.<p>`), compare-and-set on the key's revision. Each
//! partition is read by an ordered consumer that starts at that sequence + 1, so a
//! restarted aggregator resumes exactly where its checkpoint left off: nothing is lost
//! and nothing counted twice (`tests/kill.rs`). A failed compare-and-set means another
//! aggregator wrote the partition: this one reloads and resumes from the stored state.

pub mod api;
pub mod state;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::pull, kv};
use futures::StreamExt;
use marsad_messages::{
    schema_major, EnrichedArticle, RejectReason, Rejection, Stream, Subjects, ENRICHED_SCHEMA_NAME,
};
use marsad_runtime::admin::{self, Readiness};
use marsad_runtime::bus;
use marsad_runtime::service::Running;
use marsad_runtime::settings::{
    common_defaults, AdminSettings, BusSettings, ConsumerSettings, Layered, LogSettings,
    NatsSettings,
};
use marsad_runtime::Shutdown;
use prometheus::{Histogram, HistogramOpts, IntCounterVec, IntGauge, Opts, Registry};
use serde::Deserialize;
use tokio::sync::RwLock;

use state::{Limits, PartitionState, View};

/// The `[aggregate]` settings section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AggregateConfig {
    /// Partitions this instance owns; empty means all of `bus.partitions`.
    #[serde(deserialize_with = "marsad_runtime::settings::numbers")]
    pub partitions_owned: Vec<u32>,
    /// Hour buckets kept, counted back from the stream clock.
    pub retention_hours: i64,
    /// Articles kept per partition for the feed.
    pub recent_articles: usize,
}

/// Aggregate's settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
    pub consumer: ConsumerSettings,
    pub aggregate: AggregateConfig,
}

pub fn default_settings() -> String {
    format!(
        "{}\n[aggregate]\npartitions_owned = []\nretention_hours = 720\nrecent_articles = 200\n",
        common_defaults("aggregate", 9103)
    )
}

impl Layered for Settings {
    fn defaults() -> String {
        default_settings()
    }
}

impl Settings {
    /// The partitions this instance owns.
    pub fn owned(&self) -> Vec<u32> {
        if self.aggregate.partitions_owned.is_empty() {
            (0..self.bus.partitions.max(1)).collect()
        } else {
            self.aggregate.partitions_owned.clone()
        }
    }
}

/// State shared between the partition loops and the API.
#[derive(Default)]
pub struct Shared {
    pub states: RwLock<BTreeMap<u32, PartitionState>>,
}

/// A read view over every owned partition.
pub fn view(states: &BTreeMap<u32, PartitionState>) -> View<'_> {
    View {
        partitions: states.values().collect(),
    }
}

#[derive(Clone)]
struct Metrics {
    articles: IntCounterVec,
    checkpoints: IntCounterVec,
    checkpoint_bytes: IntGauge,
    apply_duration: Histogram,
    governorate_articles: IntCounterVec,
}

impl Metrics {
    fn register(registry: &Registry) -> prometheus::Result<Self> {
        let articles = IntCounterVec::new(
            Opts::new(
                "marsad_aggregate_articles_total",
                "Enriched articles, by outcome (applied, skipped, rejected)",
            ),
            &["outcome"],
        )?;
        let checkpoints = IntCounterVec::new(
            Opts::new(
                "marsad_aggregate_checkpoints_total",
                "Checkpoints written to the KV bucket, by outcome",
            ),
            &["outcome"],
        )?;
        let checkpoint_bytes = IntGauge::new(
            "marsad_aggregate_checkpoint_bytes",
            "Size of the last checkpoint written",
        )?;
        let apply_duration = Histogram::with_opts(
            HistogramOpts::new(
                "marsad_aggregate_stage_duration_seconds",
                "Time to apply one article to the state",
            )
            .buckets(marsad_runtime::pipeline::LATENCY_BUCKETS.to_vec()),
        )?;
        let governorate_articles = IntCounterVec::new(
            Opts::new(
                "marsad_aggregate_governorate_articles_total",
                "Articles applied that mention a place in a governorate, by ISO 3166-2 code",
            ),
            &["adm1"],
        )?;
        registry.register(Box::new(articles.clone()))?;
        registry.register(Box::new(checkpoints.clone()))?;
        registry.register(Box::new(checkpoint_bytes.clone()))?;
        registry.register(Box::new(apply_duration.clone()))?;
        registry.register(Box::new(governorate_articles.clone()))?;
        for outcome in ["applied", "skipped", "rejected"] {
            articles.with_label_values(&[outcome]);
        }
        Ok(Metrics {
            articles,
            checkpoints,
            checkpoint_bytes,
            apply_duration,
            governorate_articles,
        })
    }
}

fn state_key(partition: u32) -> String {
    format!("partition.{partition}")
}

/// Reads a partition's checkpoint: (state, revision); revision 0 when absent.
async fn load_state(store: &kv::Store, partition: u32) -> anyhow::Result<(PartitionState, u64)> {
    match store.entry(state_key(partition)).await? {
        Some(entry) if !entry.value.is_empty() => {
            let state: PartitionState = serde_json::from_slice(&entry.value)?;
            Ok((state, entry.revision))
        }
        Some(entry) => Ok((PartitionState::default(), entry.revision)),
        None => Ok((PartitionState::default(), 0)),
    }
}

/// Starts aggregate; returns once the HTTP server is bound.
pub async fn start(settings: Settings, shutdown: Shutdown) -> anyhow::Result<Running> {
    let registry = Registry::new();
    let metrics = Metrics::register(&registry)?;
    let shared = Arc::new(Shared::default());
    let ready = Readiness::default();
    let app = admin::router(registry.clone(), ready.clone()).merge(api::router(shared.clone()));
    let (admin_addr, server) = admin::serve(&settings.admin.bind, app, shutdown.clone()).await?;
    let owned = settings.owned();
    let subjects = Subjects::new(&settings.bus.prefix);
    let limits = Limits {
        retention_hours: settings.aggregate.retention_hours.max(1),
        recent_articles: settings.aggregate.recent_articles.max(1),
    };

    let task = tokio::spawn(async move {
        let client = bus::connect(&settings.nats, "aggregate", &shutdown).await?;
        let js = jetstream::new(client);
        bus::ensure_streams(
            &js,
            &settings.bus,
            &subjects,
            &[Stream::Enriched, Stream::Rejected, Stream::Alerts],
        )
        .await?;
        let store = bus::ensure_bucket(&js, &settings.bus, &subjects.aggregates_bucket()).await?;
        let mut loops = Vec::new();
        for &partition in &owned {
            let (state, revision) = load_state(&store, partition).await?;
            tracing::info!(
                partition,
                last_seq = state.last_seq,
                articles = state.articles,
                "partition state loaded"
            );
            shared.states.write().await.insert(partition, state);
            let partition_loop = PartitionLoop {
                partition,
                revision,
                js: js.clone(),
                store: store.clone(),
                subjects: subjects.clone(),
                consumer: settings.consumer.clone(),
                shared: shared.clone(),
                metrics: metrics.clone(),
                limits,
            };
            loops.push(tokio::spawn(partition_loop.run(shutdown.clone())));
        }
        ready.set(true);
        tracing::info!(partitions = ?owned, "aggregating");
        let mut result = Ok(());
        for handle in loops {
            match handle.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => result = Err(e),
                Err(e) => result = Err(anyhow::anyhow!("partition loop panicked: {e}")),
            }
            // One failed partition stops the service: a supervisor restarts it and
            // the checkpoints make the restart exact.
            shutdown.cancel();
        }
        ready.set(false);
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

struct PartitionLoop {
    partition: u32,
    revision: u64,
    js: jetstream::Context,
    store: kv::Store,
    subjects: Subjects,
    consumer: ConsumerSettings,
    shared: Arc<Shared>,
    metrics: Metrics,
    limits: Limits,
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

    /// Reloads the stored state after a lost compare-and-set (another instance wrote).
    async fn reload(&mut self) -> anyhow::Result<()> {
        let (state, revision) = load_state(&self.store, self.partition).await?;
        self.revision = revision;
        self.shared
            .states
            .write()
            .await
            .insert(self.partition, state);
        Ok(())
    }

    async fn run(mut self, shutdown: Shutdown) -> anyhow::Result<()> {
        let batch = self.consumer.batch.max(1);
        'consume: while !shutdown.is_cancelled() {
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
                        _ = shutdown.cancelled() => break 'consume,
                    }
                    continue;
                }
            };
            loop {
                let first = tokio::select! {
                    next = messages.next() => next,
                    _ = shutdown.cancelled() => break 'consume,
                };
                let first = match first {
                    Some(Ok(message)) => message,
                    Some(Err(error)) => {
                        tracing::warn!(partition = self.partition, %error, "read failed; resuming from the checkpoint");
                        continue 'consume;
                    }
                    None => continue 'consume,
                };
                self.apply(&first).await;
                // More of what is already there, up to a batch, then one checkpoint.
                let mut applied = 1;
                while applied < batch {
                    match tokio::time::timeout(Duration::from_millis(20), messages.next()).await {
                        Ok(Some(Ok(message))) => {
                            self.apply(&message).await;
                            applied += 1;
                        }
                        _ => break,
                    }
                }
                if let Err(error) = self.checkpoint().await {
                    tracing::error!(partition = self.partition, %error, "checkpoint failed; resuming from the stored state");
                    self.metrics
                        .checkpoints
                        .with_label_values(&["failed"])
                        .inc();
                    self.reload().await?;
                    continue 'consume;
                }
            }
        }
        Ok(())
    }

    async fn apply(&self, message: &jetstream::Message) {
        let seq = message.info().map(|i| i.stream_sequence).unwrap_or(0);
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
                        .message_id(format!("rej:aggregate:{seq}"));
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
        drop(states);
        self.metrics
            .apply_duration
            .observe(started.elapsed().as_secs_f64());
        if applied {
            self.metrics.articles.with_label_values(&["applied"]).inc();
            let mut seen = std::collections::BTreeSet::new();
            for entity in &article.entities {
                if let Some(code) = entity.geo.as_ref().and_then(|g| g.adm1.as_deref()) {
                    if seen.insert(code) {
                        self.metrics
                            .governorate_articles
                            .with_label_values(&[code])
                            .inc();
                    }
                }
            }
        } else {
            self.metrics.articles.with_label_values(&["skipped"]).inc();
        }
    }

    /// Writes the partition's state with its sequence, compare-and-set.
    async fn checkpoint(&mut self) -> anyhow::Result<()> {
        let bytes = {
            let states = self.shared.states.read().await;
            let state = states.get(&self.partition).cloned().unwrap_or_default();
            serde_json::to_vec(&state)?
        };
        self.metrics.checkpoint_bytes.set(bytes.len() as i64);
        let key = state_key(self.partition);
        let revision = if self.revision == 0 {
            self.store.create(&key, bytes.into()).await?
        } else {
            self.store.update(&key, bytes.into(), self.revision).await?
        };
        self.revision = revision;
        self.metrics.checkpoints.with_label_values(&["ok"]).inc();
        Ok(())
    }
}
