//! # marsad-enrich
//!
//! Reads `marsad.articles.ingested`, runs the Arabic extractors of `marsad-arabic`
//! (entities linked to the knowledge base, quotes with speakers, dates, counts,
//! hashtags) and publishes `marsad.enriched/v1` on
//! `marsad.articles.enriched.<p>`, `p = fnv1a64(id) mod partitions`.

pub mod handler;

use marsad_messages::Stream;
use marsad_runtime::service::{self, Running, StageSpec};
use marsad_runtime::settings::{
    stage_defaults, AdminSettings, BusSettings, ConsumerSettings, Layered, LogSettings,
    NatsSettings, RuntimeSettings,
};
use marsad_runtime::Shutdown;
use serde::Deserialize;

pub use handler::{build_enricher, enrich, EnrichConfig, EnrichHandler};

/// Enrich's settings: `[nats] [bus] [admin] [log] [consumer] [enrich]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
    pub runtime: RuntimeSettings,
    pub consumer: ConsumerSettings,
    pub enrich: EnrichConfig,
}

pub fn default_settings() -> String {
    let d = EnrichConfig::default();
    format!(
        "{}\n[enrich]\nkb_dir = {:?}\nrejection_keep_bytes = {}\nmax_article_cpu_ms = {}\nner_model = {:?}\nanergazet_dir = {:?}\nevents_model = {:?}\n",
        stage_defaults("enrich", 9102),
        d.kb_dir.display().to_string(),
        d.rejection_keep_bytes,
        d.max_article_cpu_ms,
        d.ner_model.display().to_string(),
        d.anergazet_dir.display().to_string(),
        d.events_model.display().to_string()
    )
}

impl Layered for Settings {
    fn defaults() -> String {
        default_settings()
    }
}

/// Starts enrich; returns once the admin server is bound. The knowledge base is
/// loaded before the stage connects, so a bad data path fails at start-up.
pub async fn start(settings: Settings, shutdown: Shutdown) -> anyhow::Result<Running> {
    let registry = prometheus::Registry::new();
    let enricher = build_enricher(&settings.enrich)?;
    let metrics = handler::EnrichMetrics::register(&registry)?;
    let partitions = settings.bus.partitions.max(1);
    let keep_bytes = settings.enrich.rejection_keep_bytes;
    let cpu_budget = std::time::Duration::from_millis(settings.enrich.max_article_cpu_ms.max(1));
    let spec = StageSpec {
        nats: settings.nats,
        bus: settings.bus,
        admin: settings.admin,
        consumer: settings.consumer,
        input: Stream::Ingested,
        outputs: vec![Stream::Enriched, Stream::Rejected],
        rejection_keep_bytes: keep_bytes,
        claims: None,
    };
    service::start_stage(
        spec,
        registry,
        None,
        move |subjects| {
            Ok(EnrichHandler {
                enricher,
                subjects: subjects.clone(),
                partitions,
                keep_bytes,
                metrics,
                cpu_budget,
            })
        },
        shutdown,
    )
    .await
}

pub async fn run(settings: Settings, shutdown: Shutdown) -> anyhow::Result<()> {
    let running = start(settings, shutdown).await?;
    running.task.await?
}
