//! # marsad-ingest
//!
//! Reads `marsad.articles.raw`, validates (size, UTF-8, JSON schema, language),
//! cleans (HTML to text, control and bidi characters, site boilerplate, headline
//! split), assigns a stable id, and publishes `marsad.articles.ingested` with
//! `Nats-Msg-Id` = id, so that the same article published twice arrives once.
//! Whatever it cannot accept goes to `marsad.articles.rejected` with a reason.

pub mod handler;
pub mod html;
pub mod neardup;

use marsad_messages::Stream;
use marsad_runtime::claims::ClaimSpec;
use marsad_runtime::service::{self, Running, StageSpec};
use marsad_runtime::settings::{
    stage_defaults, AdminSettings, BusSettings, ConsumerSettings, Layered, LogSettings,
    NatsSettings, RuntimeSettings,
};
use marsad_runtime::Shutdown;
use serde::Deserialize;

pub use handler::{ingest, IngestConfig, IngestHandler};

/// Ingest's settings: `[nats] [bus] [admin] [log] [consumer] [ingest]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub admin: AdminSettings,
    pub log: LogSettings,
    pub runtime: RuntimeSettings,
    pub consumer: ConsumerSettings,
    pub ingest: IngestConfig,
}

/// Built-in defaults, as TOML.
pub fn default_settings() -> String {
    let d = IngestConfig::default();
    format!(
        "{}\n[ingest]\nmax_body_bytes = {}\nrejection_keep_bytes = {}\nmin_arabic_ratio = {}\nmax_id_len = {}\nlearn_boilerplate_after = {}\nlearn_boilerplate_capacity = {}\nnear_duplicate_threshold = {:?}\nnear_duplicate_min_words = {}\nnear_duplicate_ttl_hours = {}\nnear_duplicate_max_claims = {}\n",
        stage_defaults("ingest", 9101),
        d.max_body_bytes,
        d.rejection_keep_bytes,
        d.min_arabic_ratio,
        d.max_id_len,
        d.learn_boilerplate_after,
        d.learn_boilerplate_capacity,
        d.near_duplicate_threshold,
        d.near_duplicate_min_words,
        d.near_duplicate_ttl_hours,
        d.near_duplicate_max_claims
    )
}

impl Layered for Settings {
    fn defaults() -> String {
        default_settings()
    }
}

/// Starts ingest; returns once the admin server is bound.
pub async fn start(settings: Settings, shutdown: Shutdown) -> anyhow::Result<Running> {
    let registry = prometheus::Registry::new();
    let config = settings.ingest.clone();
    let near_duplicates = prometheus::IntCounter::new(
        "marsad_ingest_near_duplicates_total",
        "Articles found to be near-duplicates of an earlier one (duplicate_of set).",
    )?;
    registry.register(Box::new(near_duplicates.clone()))?;
    let subjects = marsad_messages::Subjects::new(&settings.bus.prefix);
    let claims = (config.near_duplicate_threshold > 0.0).then(|| ClaimSpec {
        stream: subjects.bands_stream(),
        subject: subjects.bands(),
        ttl: std::time::Duration::from_secs(config.near_duplicate_ttl_hours.max(1) * 3600),
        max_claims: config.near_duplicate_max_claims.max(1),
    });
    let spec = StageSpec {
        nats: settings.nats,
        bus: settings.bus,
        admin: settings.admin,
        consumer: settings.consumer,
        input: Stream::Raw,
        outputs: vec![Stream::Ingested, Stream::Rejected],
        rejection_keep_bytes: config.rejection_keep_bytes,
        claims,
    };
    service::start_stage(
        spec,
        registry,
        None,
        move |subjects| {
            Ok(IngestHandler::new(
                config,
                subjects.clone(),
                near_duplicates,
            ))
        },
        shutdown,
    )
    .await
}

/// Runs ingest until `shutdown`.
pub async fn run(settings: Settings, shutdown: Shutdown) -> anyhow::Result<()> {
    let running = start(settings, shutdown).await?;
    running.task.await?
}
