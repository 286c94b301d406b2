//! The enrich handler: one ingested article in, one `marsad.enriched/v1` article out.
//! Synchronous; the offline `marsad enrich` calls [`enrich`] directly.

use std::path::{Path, PathBuf};

use marsad_arabic::extract::events_model::EventsModel;
use marsad_arabic::extract::names::{Tagger, TaggerFiles};
use marsad_arabic::extract::{ArticleContext, Enricher, Stopped};
use marsad_arabic::gazetteer::Gazetteer;
use marsad_messages::{
    partition_of, schema_major, EnrichedArticle, IngestedArticle, RejectReason, Rejection,
    Subjects, ENRICHED_SCHEMA, INGESTED_SCHEMA_NAME,
};
use marsad_runtime::pipeline::{Handler, HandlerError, Incoming, Outcome, Output};
use prometheus::{Histogram, HistogramOpts, IntCounterVec, Opts, Registry};
use serde::Deserialize;

/// The `[enrich]` settings section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrichConfig {
    /// Directory of the knowledge base's `*.jsonl` files. A relative path is read
    /// from the working directory, then from the repository the binary was built in.
    pub kb_dir: PathBuf,
    pub rejection_keep_bytes: usize,
    /// The processor time one article may take (its thread's CPU time, so a loaded
    /// machine does not count against it). An article over it stops between
    /// extraction stages and fails as a handler error: retried with the consumer's
    /// back-off, then `handler_failed` after `consumer.max_deliver`. The largest body
    /// ingest lets through takes about 0.1 s in a release build.
    pub max_article_cpu_ms: u64,
    /// The statistical name tagger `marsad train ner` writes; its word clusters
    /// (`clusters.tsv`) and lexicon (`ner-lexicon.tsv`) are read from the same
    /// directory. Empty (the default) leaves the tagger out: entities are then the
    /// knowledge base's alone. The model is not in the repository yet, and tagging
    /// costs about ten times the rest of enrich (see BENCHMARKS.md). Resolved as
    /// [`kb_dir`](Self::kb_dir).
    pub ner_model: PathBuf,
    /// ANERGazet's name lists, which the tagger's features read.
    pub anergazet_dir: PathBuf,
    /// The stacked main-event-type layer's weights (`marsad train events` writes
    /// `data/models/events.tsv`, the default). When set, its class replaces the rules'
    /// main event type. On by default since blind-17, the held-out test chosen for it
    /// beforehand, where it scored 0.667 against the rules' 0.633 (BENCHMARKS.md,
    /// "Revision 13 held out on blind-17"); empty keeps the rules' own choice. Resolved
    /// as [`kb_dir`](Self::kb_dir).
    pub events_model: PathBuf,
}

impl Default for EnrichConfig {
    fn default() -> Self {
        EnrichConfig {
            kb_dir: PathBuf::from("data/kb"),
            rejection_keep_bytes: 262_144,
            max_article_cpu_ms: 5000,
            ner_model: PathBuf::new(),
            anergazet_dir: PathBuf::from("data/ner/anergazet"),
            events_model: PathBuf::from("data/models/events.tsv"),
        }
    }
}

/// Finds a data path of the settings: as written when it exists (or is absolute),
/// else in the repository the binary was built in (see [`EnrichConfig::kb_dir`]).
pub fn resolve_kb_dir(dir: &Path) -> PathBuf {
    if dir.is_absolute() || dir.exists() {
        return dir.to_path_buf();
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(dir);
    if repo.exists() {
        repo
    } else {
        dir.to_path_buf()
    }
}

/// Loads the knowledge base and builds every extractor, once.
pub fn build_enricher(config: &EnrichConfig) -> anyhow::Result<Enricher> {
    let dir = resolve_kb_dir(&config.kb_dir);
    let entries = marsad_arabic::kb::load_dir(&dir)?;
    let gazetteer = Gazetteer::new(entries);
    tracing::info!(
        kb = %dir.display(),
        entities = gazetteer.entries().len(),
        keys = gazetteer.key_count(),
        "knowledge base loaded"
    );
    let mut enricher = Enricher::new(gazetteer);
    if !config.events_model.as_os_str().is_empty() {
        let path = resolve_kb_dir(&config.events_model);
        let model = EventsModel::load(&path)
            .map_err(|e| anyhow::anyhow!("the events model (enrich.events_model): {e}"))?;
        tracing::info!(model = %path.display(), "stacked events model loaded");
        enricher = enricher.with_events_model(model);
    }
    if config.ner_model.as_os_str().is_empty() {
        tracing::info!("no name tagger (enrich.ner_model is empty)");
        return Ok(enricher);
    }
    let model = resolve_kb_dir(&config.ner_model);
    let models = model.parent().unwrap_or(Path::new("."));
    let (clusters, lexicon) = (models.join("clusters.tsv"), models.join("ner-lexicon.tsv"));
    let anergazet = resolve_kb_dir(&config.anergazet_dir);
    let files = TaggerFiles {
        model: &model,
        anergazet: &anergazet,
        clusters: &clusters,
        lexicon: &lexicon,
    };
    let tagger = Tagger::load(&files, enricher.gazetteer().entries())
        .map_err(|e| anyhow::anyhow!("the name tagger (enrich.ner_model): {e}"))?;
    tracing::info!(model = %model.display(), "name tagger loaded");
    Ok(enricher.with_tagger(tagger))
}

/// `YYYY-MM-DD…` → (year, month, day).
fn date_parts(timestamp: &str) -> Option<(i32, u8, u8)> {
    let y = timestamp.get(0..4)?.parse().ok()?;
    let m = timestamp.get(5..7)?.parse().ok()?;
    let d = timestamp.get(8..10)?.parse().ok()?;
    Some((y, m, d))
}

/// Enriches one article.
pub fn enrich(enricher: &Enricher, article: IngestedArticle) -> EnrichedArticle {
    match enrich_checked(enricher, article, &mut |_| true) {
        Ok(enriched) => enriched,
        Err(stopped) => unreachable!("nothing asked to stop, yet stopped after {}", stopped.after),
    }
}

/// As [`enrich`], asking `go_on` after each extraction stage whether to go on
/// ([`Enricher::extract_checked`]).
pub fn enrich_checked(
    enricher: &Enricher,
    article: IngestedArticle,
    go_on: &mut dyn FnMut(&'static str) -> bool,
) -> Result<EnrichedArticle, Stopped> {
    let started = std::time::Instant::now();
    let context = ArticleContext {
        published: article.published_at.as_deref().and_then(date_parts),
        title: article.title.as_deref(),
    };
    let found = enricher.extract_checked(&article.text, &context, go_on)?;
    let mut timings = article.timings_us;
    timings.enrich = started.elapsed().as_micros() as u64;
    Ok(EnrichedArticle {
        schema: ENRICHED_SCHEMA.to_string(),
        id: article.id,
        source: article.source,
        url: article.url,
        title: article.title,
        published_at: article.published_at,
        received_at: article.received_at,
        language: article.language,
        text: article.text,
        duplicate_of: article.duplicate_of,
        entities: found.entities,
        quotes: found.quotes,
        dates: found.dates,
        counts: found.counts,
        events: found.events,
        themes: found.themes,
        hashtags: found.hashtags,
        tone: found.tone,
        timings_us: timings,
    })
}

/// The calling thread's CPU time (user and system): what its work cost, however
/// long it waited for a core.
pub fn thread_cpu_time() -> std::time::Duration {
    use nix::time::{clock_gettime, ClockId};
    clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map(std::time::Duration::from)
        .unwrap_or_default()
}

/// Domain metrics with bounded labels.
#[derive(Clone)]
pub struct EnrichMetrics {
    mentions: IntCounterVec,
    counts: IntCounterVec,
    pipeline_latency: Histogram,
}

impl EnrichMetrics {
    pub fn register(registry: &Registry) -> prometheus::Result<Self> {
        let mentions = IntCounterVec::new(
            Opts::new(
                "marsad_enrich_entity_mentions_total",
                "Entity mentions found, by entity type",
            ),
            &["type"],
        )?;
        let counts = IntCounterVec::new(
            Opts::new("marsad_enrich_counts_total", "Counts extracted, by kind"),
            &["kind"],
        )?;
        let pipeline_latency = Histogram::with_opts(
            HistogramOpts::new(
                "marsad_pipeline_latency_seconds",
                "Time from ingest receiving an article to enrich publishing it",
            )
            .buckets(marsad_runtime::pipeline::LATENCY_BUCKETS.to_vec()),
        )?;
        registry.register(Box::new(mentions.clone()))?;
        registry.register(Box::new(counts.clone()))?;
        registry.register(Box::new(pipeline_latency.clone()))?;
        for t in marsad_messages::EntityType::ALL {
            mentions.with_label_values(&[t.as_str()]);
        }
        Ok(EnrichMetrics {
            mentions,
            counts,
            pipeline_latency,
        })
    }

    fn observe(&self, article: &EnrichedArticle) {
        for entity in &article.entities {
            self.mentions
                .with_label_values(&[entity.entity_type.as_str()])
                .inc_by(entity.mentions.len() as u64);
        }
        for count in &article.counts {
            // Kinds come from the extractor's closed table, so the label set is bounded.
            self.counts.with_label_values(&[count.kind.as_str()]).inc();
        }
        if let Ok(received) = time::OffsetDateTime::parse(
            &article.received_at,
            &time::format_description::well_known::Rfc3339,
        ) {
            let latency = (time::OffsetDateTime::now_utc() - received).as_seconds_f64();
            if latency >= 0.0 {
                self.pipeline_latency.observe(latency);
            }
        }
    }
}

/// The enrich stage for the pipeline loop.
pub struct EnrichHandler {
    pub enricher: Enricher,
    pub subjects: Subjects,
    pub partitions: u32,
    pub keep_bytes: usize,
    pub metrics: EnrichMetrics,
    /// [`EnrichConfig::max_article_cpu_ms`].
    pub cpu_budget: std::time::Duration,
}

impl EnrichHandler {
    fn reject(&self, input: &Incoming<'_>, reason: RejectReason, message: String) -> Outcome {
        Outcome::Reject(Box::new(Rejection::new(
            "enrich",
            reason,
            message,
            input.payload,
            self.keep_bytes,
            marsad_runtime::now_rfc3339(),
        )))
    }
}

impl Handler for EnrichHandler {
    fn stage(&self) -> &'static str {
        "enrich"
    }

    /// Ingest publishes each article under its id (`Nats-Msg-Id`).
    fn article_id(&self, input: &Incoming<'_>) -> Option<String> {
        input
            .header(marsad_runtime::pipeline::MSG_ID_HEADER)
            .map(str::to_string)
    }

    fn handle(&mut self, input: &Incoming<'_>) -> Result<Outcome, HandlerError> {
        let article: IngestedArticle = match serde_json::from_slice(input.payload) {
            Ok(article) => article,
            Err(e) => {
                return Ok(self.reject(
                    input,
                    RejectReason::Schema,
                    format!("not an ingested article: {e}"),
                ));
            }
        };
        // Readers refuse a major version they do not know rather than guess.
        if schema_major(&article.schema, INGESTED_SCHEMA_NAME) != Some(1) {
            return Ok(self.reject(
                input,
                RejectReason::Schema,
                format!(
                    "unsupported schema {:?} (enrich reads marsad.ingested/v1)",
                    article.schema
                ),
            ));
        }
        let budget = self.cpu_budget;
        let start = thread_cpu_time();
        let mut spent = std::time::Duration::ZERO;
        let enriched = enrich_checked(&self.enricher, article, &mut |_| {
            spent = thread_cpu_time().saturating_sub(start);
            spent <= budget
        })
        .map_err(|stopped| {
            HandlerError(format!(
                "over the CPU budget of {} ms per article (enrich.max_article_cpu_ms): {} ms spent by the end of {}",
                budget.as_millis(),
                spent.as_millis(),
                stopped.after
            ))
        })?;
        self.metrics.observe(&enriched);
        let payload =
            serde_json::to_vec(&enriched).map_err(|e| HandlerError(format!("serialize: {e}")))?;
        let partition = partition_of(&enriched.id, self.partitions);
        Ok(Outcome::Publish(vec![Output {
            subject: self.subjects.enriched(partition),
            payload: payload.into(),
            msg_id: enriched.id,
            counts: None,
        }]))
    }
}
