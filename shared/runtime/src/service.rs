//! Start-up of a stateless stage, written once: bind the admin server, connect,
//! provision streams, become ready, run the pipeline loop, drain on shutdown.

use std::net::SocketAddr;

use marsad_messages::{Stream, Subjects};
use prometheus::Registry;

use crate::admin::{self, Readiness};
use crate::bus;
use crate::claims::ClaimLog;
use crate::pipeline::{self, Handler, Source, StageContext, StageMetrics};
use crate::settings::{
    AdminSettings, BusSettings, ConsumerSettings, LogSettings, NatsSettings, RuntimeSettings,
};
use crate::Shutdown;

/// The sections of a stage's settings that the shell needs.
pub struct StageSpec {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub admin: AdminSettings,
    pub consumer: ConsumerSettings,
    /// The stream the stage reads, and the streams it writes.
    pub input: Stream,
    pub outputs: Vec<Stream>,
    pub rejection_keep_bytes: usize,
    /// The claims stream for [`pipeline::Claim`]s (see [`crate::claims`]).
    pub claims: Option<crate::claims::ClaimSpec>,
}

/// A stage that is running.
pub struct Running {
    /// Where `/metrics`, `/healthz` and `/readyz` are served.
    pub admin_addr: SocketAddr,
    pub task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// Binds the admin server (so the address is known at once), then connects and runs
/// the loop in a task. `make_handler` gets the stage's registry for its own metrics.
pub async fn start_stage<H, F>(
    spec: StageSpec,
    registry: Registry,
    extra_routes: Option<axum::Router>,
    make_handler: F,
    shutdown: Shutdown,
) -> anyhow::Result<Running>
where
    H: Handler,
    F: FnOnce(&Subjects) -> anyhow::Result<H> + Send + 'static,
{
    let ready = Readiness::default();
    let mut app = admin::router(registry.clone(), ready.clone());
    if let Some(extra) = extra_routes {
        app = app.merge(extra);
    }
    let (admin_addr, server) = admin::serve(&spec.admin.bind, app, shutdown.clone()).await?;
    let subjects = Subjects::new(&spec.bus.prefix);
    let handler = make_handler(&subjects)?;
    let stage = handler.stage();
    let metrics = StageMetrics::register(stage, &registry)?;

    let task = tokio::spawn(async move {
        let client = bus::connect(&spec.nats, stage, &shutdown).await?;
        let js = async_nats::jetstream::new(client.clone());
        let mut streams = vec![spec.input];
        streams.extend(spec.outputs.iter().copied());
        bus::ensure_streams(&js, &spec.bus, &subjects, &streams).await?;
        let filter_subject = match spec.input {
            Stream::Raw => subjects.raw(),
            Stream::Ingested => subjects.ingested(),
            Stream::Enriched => subjects.enriched_all(),
            Stream::Rejected => subjects.rejected(),
            Stream::Alerts => subjects.alerts_all(),
        };
        let claims = match spec.claims.clone() {
            Some(claims) => Some(ClaimLog::start(js.clone(), &spec.bus, claims).await?),
            None => None,
        };
        let ctx = StageContext {
            js,
            source: Source {
                stream: subjects.stream(spec.input),
                filter_subject,
            },
            subjects,
            consumer: spec.consumer,
            metrics,
            rejection_keep_bytes: spec.rejection_keep_bytes,
            claims,
        };
        let consumer_ready = pipeline::durable_consumer(&ctx).await?;
        drop(consumer_ready);
        ready.set(true);
        let result = pipeline::run(ctx, handler, shutdown.clone()).await;
        // The last acks are only queued on the connection: written before the process
        // exits, or the server redelivers those messages after a graceful stop.
        if let Err(error) = client.flush().await {
            tracing::warn!(stage, %error, "could not flush the last acks");
        }
        ready.set(false);
        shutdown.cancel();
        let _ = server.await;
        result.map_err(anyhow::Error::from)
    });
    Ok(Running { admin_addr, task })
}

/// A service's process, written once for its binary and for `marsad run <service>`:
/// logging from `log`, the runtime `runtime` asks for, and `run` on it until Ctrl-C or
/// SIGTERM.
pub fn run_process<F, Fut>(
    log: LogSettings,
    runtime_settings: RuntimeSettings,
    run: F,
) -> anyhow::Result<()>
where
    F: FnOnce(Shutdown) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    crate::telemetry::init(&log);
    runtime(&runtime_settings)?.block_on(async { run(crate::shutdown::on_signals()).await })
}

/// The service's tokio runtime (see [`RuntimeSettings`]): a current-thread runtime for
/// one worker, a multi-thread one otherwise.
pub fn runtime(settings: &RuntimeSettings) -> std::io::Result<tokio::runtime::Runtime> {
    let mut builder = match settings.worker_threads {
        1 => tokio::runtime::Builder::new_current_thread(),
        0 => tokio::runtime::Builder::new_multi_thread(),
        n => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(n);
            builder
        }
    };
    builder.enable_all().build()
}
