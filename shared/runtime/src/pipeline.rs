//! The consume → handle → publish → ack loop, written once for every stateless stage.
//!
//! A stage is a synchronous [`Handler`]: one input message in, either outputs to
//! publish or a typed rejection out. The loop around it:
//!
//! 1. pulls a batch from the stage's durable consumer (replicas that share the
//!    durable share the work);
//! 2. calls the handler (a panic is caught and treated as a failure);
//! 3. publishes every output with `Nats-Msg-Id`, waits for JetStream's
//!    acknowledgement, and only then acks the input (at-least-once; the server's
//!    duplicate window makes a replay arrive once);
//! 4. a rejection is published on `…articles.rejected` and the input acked;
//! 5. a failure is retried with back-off (nak with delay) and, after
//!    `max_deliver` deliveries, moved to `rejected` with reason `handler_failed`, so a
//!    poison message never blocks the ones behind it. An output larger than the
//!    server's `max_payload` is such a failure too (the same input would be refused
//!    forever); a failure of the bus itself (no connection, a stream or bucket without
//!    a leader while a cluster elects one, no ack in time) is retried in place with
//!    growing waits while the message is held (progress signals), so it does not count
//!    towards `max_deliver`. A message delivered more than
//!    `max_deliver` times is rejected without calling the handler again: a process
//!    that died on it must not die on it forever.
//!
//! Shutdown stops pulling new batches, finishes the batch in hand, waits for every
//! publish acknowledgement and acks, then returns: nothing is redelivered after a
//! graceful stop.

use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer::pull, AckKind};
use async_nats::HeaderMap;
use bytes::Bytes;
use futures::StreamExt;
use marsad_messages::{headers, RejectReason, Rejection, Subjects};
use prometheus::{Histogram, HistogramOpts, IntCounter, IntCounterVec, IntGauge, Opts, Registry};

use crate::settings::ConsumerSettings;
use crate::Shutdown;

/// One input message, as the handler sees it.
pub struct Incoming<'a> {
    pub payload: &'a [u8],
    pub headers: Option<&'a HeaderMap>,
    /// 1 on first delivery.
    pub delivered: i64,
    pub stream_sequence: u64,
}

impl Incoming<'_> {
    /// A header's first value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers?.get(name).map(|v| v.as_str())
    }

    /// All headers as (name, value) pairs, for a rejection's record (see [`header_pairs`]).
    pub fn header_pairs(&self) -> Vec<(String, String)> {
        header_pairs(self.headers)
    }
}

/// Headers as sorted (name, value) pairs, for a rejection's record: at most
/// [`MAX_KEPT_HEADERS`], each name and value cut at [`MAX_KEPT_HEADER_BYTES`] (a header
/// can be as large as the message: copied whole, a 600 KB header plus the kept payload
/// would not fit in the rejection).
fn header_pairs(headers: Option<&HeaderMap>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = headers
        .map(|map| {
            map.iter()
                .flat_map(|(name, values)| {
                    values.iter().map(move |v| {
                        (
                            cut(name.as_ref(), MAX_KEPT_HEADER_BYTES),
                            cut(v.as_str(), MAX_KEPT_HEADER_BYTES),
                        )
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    pairs.sort();
    pairs.truncate(MAX_KEPT_HEADERS);
    pairs
}

/// Headers a rejection keeps of the original message.
pub const MAX_KEPT_HEADERS: usize = 32;
/// Bytes of a header's name or value a rejection keeps (longer ones end in `…`).
pub const MAX_KEPT_HEADER_BYTES: usize = 1024;

/// `text` cut at a character boundary at most `max` bytes in, marked with `…`.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut at = max;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    format!("{}…", &text[..at])
}

/// A message to publish.
#[derive(Debug, Clone)]
pub struct Output {
    pub subject: String,
    pub payload: Bytes,
    /// Becomes `Nats-Msg-Id`: the server drops a second publish with the same id
    /// inside the stream's duplicate window.
    pub msg_id: String,
    /// A counter of the handler's own, incremented once JetStream has taken this output
    /// as new (not for a duplicate it drops), e.g. `marsad_ingest_near_duplicates_total`.
    pub counts: Option<IntCounter>,
}

/// What a handler decided.
#[derive(Debug)]
pub enum Outcome {
    Publish(Vec<Output>),
    Reject(Box<Rejection>),
    /// Outputs that depend on what replicas agreed on: see [`Claim`].
    Claim(Box<Claim>),
}

/// Keys a handler claims before its outputs are known, so that several replicas of a
/// stage agree (ingest's near-duplicate bands): one message on the stage's claims
/// stream (see [`crate::claims`]), after which the loop calls `then` with the value each
/// key holds for this claim: the handler's own where it is the earliest live claim of
/// the key (or its own earlier claim, on a redelivery), another message's where that
/// one came first. A failure of the bus retries the message, like an unacknowledged
/// publish.
pub struct Claim {
    /// The claim's `Nats-Msg-Id` (the article id): a retry gets the first one's place.
    pub id: String,
    pub keys: Vec<u64>,
    pub value: Bytes,
    pub then: Continuation,
}

/// What builds a [`Claim`]'s outputs from the values its keys hold.
pub type Continuation = Box<dyn FnOnce(&[Bytes]) -> Result<Vec<Output>, HandlerError> + Send>;

impl std::fmt::Debug for Claim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claim")
            .field("id", &self.id)
            .field("keys", &self.keys)
            .finish_non_exhaustive()
    }
}

/// A failure that may pass on retry (or that marks a poison message).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HandlerError(pub String);

/// A stage's synchronous logic.
pub trait Handler: Send + 'static {
    /// The stage's name: `ingest`, `enrich`.
    fn stage(&self) -> &'static str;
    fn handle(&mut self, input: &Incoming<'_>) -> Result<Outcome, HandlerError>;
    /// The article an input is, when the stage knows it without handling the input
    /// (a stage that reads what an earlier stage published under the article's id):
    /// a rejection for a handler failure names it.
    fn article_id(&self, _input: &Incoming<'_>) -> Option<String> {
        None
    }
}

/// The loop's metrics, named `marsad_<stage>_…`.
#[derive(Clone)]
pub struct StageMetrics {
    pub articles: IntCounterVec,
    pub rejected: IntCounterVec,
    pub duration: Histogram,
    pub redeliveries: IntCounter,
    pub publish_errors: IntCounter,
    pub consumer_pending: IntGauge,
    pub inflight: IntGauge,
}

/// Histogram buckets from 50µs to 5s: the stages are sub-millisecond, the tail is not.
pub const LATENCY_BUCKETS: &[f64] = &[
    0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
    2.5, 5.0,
];

impl StageMetrics {
    pub fn register(stage: &str, registry: &Registry) -> prometheus::Result<Self> {
        let articles = IntCounterVec::new(
            Opts::new(
                format!("marsad_{stage}_articles_total"),
                "Messages handled, by outcome (ok, rejected, duplicate, retried, failed)",
            ),
            &["outcome"],
        )?;
        let rejected = IntCounterVec::new(
            Opts::new(
                format!("marsad_{stage}_rejected_total"),
                "Messages sent to the rejected subject, by reason",
            ),
            &["reason"],
        )?;
        let duration = Histogram::with_opts(
            HistogramOpts::new(
                format!("marsad_{stage}_stage_duration_seconds"),
                "Time the handler spent on one message",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
        )?;
        let redeliveries = IntCounter::new(
            format!("marsad_{stage}_redeliveries_total"),
            "Messages received more than once (after a failure, a crash or an ack timeout)",
        )?;
        let publish_errors = IntCounter::new(
            format!("marsad_{stage}_publish_errors_total"),
            "Outputs JetStream did not acknowledge (the input is retried)",
        )?;
        let consumer_pending = IntGauge::new(
            format!("marsad_{stage}_consumer_lag_messages"),
            "Messages waiting in the stage's consumer (consumer lag)",
        )?;
        let inflight = IntGauge::new(
            format!("marsad_{stage}_inflight_messages"),
            "Messages handled and waiting for their publish acknowledgements",
        )?;
        registry.register(Box::new(articles.clone()))?;
        registry.register(Box::new(rejected.clone()))?;
        registry.register(Box::new(duration.clone()))?;
        registry.register(Box::new(redeliveries.clone()))?;
        registry.register(Box::new(publish_errors.clone()))?;
        registry.register(Box::new(consumer_pending.clone()))?;
        registry.register(Box::new(inflight.clone()))?;
        // Pre-create the label values so that dashboards see zeros, not gaps.
        for outcome in ["ok", "rejected", "duplicate", "retried", "failed"] {
            articles.with_label_values(&[outcome]);
        }
        for reason in RejectReason::ALL {
            rejected.with_label_values(&[reason.as_str()]);
        }
        Ok(StageMetrics {
            articles,
            rejected,
            duration,
            redeliveries,
            publish_errors,
            consumer_pending,
            inflight,
        })
    }
}

/// Where a stage reads from.
pub struct Source {
    /// The stream to consume.
    pub stream: String,
    /// The subject filter inside it.
    pub filter_subject: String,
}

/// Everything the loop needs besides the handler.
pub struct StageContext {
    pub js: jetstream::Context,
    pub subjects: Subjects,
    pub source: Source,
    pub consumer: ConsumerSettings,
    pub metrics: StageMetrics,
    /// Bytes of an original payload kept in a rejection (the rest is cut, and said).
    pub rejection_keep_bytes: usize,
    /// Where [`Outcome::Claim`]s go (stages that never claim have none).
    pub claims: Option<crate::claims::ClaimLog>,
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("consumer {durable} on {stream}: {message}")]
    Consumer {
        durable: String,
        stream: String,
        message: String,
    },
}

/// Creates (or opens) the stage's durable pull consumer.
pub async fn durable_consumer(
    ctx: &StageContext,
) -> Result<jetstream::consumer::Consumer<pull::Config>, PipelineError> {
    let err = |message: String| PipelineError::Consumer {
        durable: ctx.consumer.durable.clone(),
        stream: ctx.source.stream.clone(),
        message,
    };
    let stream = ctx
        .js
        .get_stream(&ctx.source.stream)
        .await
        .map_err(|e| err(e.to_string()))?;
    stream
        .get_or_create_consumer(
            &ctx.consumer.durable,
            pull::Config {
                durable_name: Some(ctx.consumer.durable.clone()),
                filter_subject: ctx.source.filter_subject.clone(),
                ack_policy: jetstream::consumer::AckPolicy::Explicit,
                ack_wait: Duration::from_secs(ctx.consumer.ack_wait_secs),
                // Redelivery is unbounded on the server: the loop itself moves a message
                // to `rejected` after `max_deliver`, which the server could not do.
                max_deliver: -1,
                max_ack_pending: (ctx.consumer.max_inflight.max(ctx.consumer.batch) * 4) as i64,
                ..Default::default()
            },
        )
        .await
        .map_err(|e| err(e.to_string()))
}

/// Runs the stage until `shutdown`, then drains.
pub async fn run<H: Handler>(
    ctx: StageContext,
    mut handler: H,
    shutdown: Shutdown,
) -> Result<(), PipelineError> {
    let consumer = durable_consumer(&ctx).await?;
    let stage = handler.stage();
    // Each message's publish-and-ack runs as its own task: its progress signals and its
    // round trips go on while this loop pulls and handles the next messages.
    let mut inflight = tokio::task::JoinSet::new();
    let max_inflight = ctx.consumer.max_inflight.max(1);
    tracing::info!(stage, stream = %ctx.source.stream, durable = %ctx.consumer.durable, "consuming");

    while !shutdown.is_cancelled() {
        // Pull only what can be handled at once: a message that waited in a buffer for a
        // free slot would age towards its ack wait before its work (and its progress
        // signals) began, and come back while still in hand.
        if inflight.len() >= max_inflight {
            inflight.join_next().await;
            ctx.metrics.inflight.set(inflight.len() as i64);
            continue;
        }
        let room = max_inflight - inflight.len();
        let batch = consumer
            .batch()
            .max_messages(ctx.consumer.batch.max(1).min(room))
            .expires(Duration::from_secs(1))
            .messages()
            .await;
        let mut batch = match batch {
            Ok(batch) => batch,
            Err(error) => {
                tracing::warn!(stage, %error, "pull request failed; retrying");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(500)) => {},
                    _ = shutdown.cancelled() => {},
                }
                continue;
            }
        };
        // Finish the whole batch even when shutdown arrives: its messages are already
        // ours, and leaving them would mean a redelivery after the ack wait.
        loop {
            tokio::select! {
                Some(_) = inflight.join_next(), if !inflight.is_empty() => {
                    ctx.metrics.inflight.set(inflight.len() as i64);
                }
                item = batch.next(), if inflight.len() < max_inflight => {
                    match item {
                        None => break,
                        Some(Ok(message)) => {
                            let task =
                                process(&ctx, &mut handler, message, &shutdown);
                            inflight.spawn(task);
                            ctx.metrics.inflight.set(inflight.len() as i64);
                        }
                        Some(Err(error)) => {
                            tracing::debug!(stage, %error, "pull batch ended with an error");
                            break;
                        }
                    }
                }
            }
        }
    }
    while inflight.join_next().await.is_some() {}
    ctx.metrics.inflight.set(0);
    tracing::info!(stage, "drained and stopped");
    Ok(())
}

/// Handles one message synchronously and returns the future that publishes and acks.
fn process<H: Handler>(
    ctx: &StageContext,
    handler: &mut H,
    message: jetstream::Message,
    shutdown: &Shutdown,
) -> impl std::future::Future<Output = ()> + Send + 'static {
    let stage = handler.stage();
    let (delivered, stream_sequence, pending) = match message.info() {
        Ok(info) => (info.delivered, info.stream_sequence, info.pending),
        Err(_) => (1, 0, 0),
    };
    ctx.metrics.consumer_pending.set(pending as i64);
    if delivered > 1 {
        ctx.metrics.redeliveries.inc();
    }
    let incoming = Incoming {
        payload: &message.payload,
        headers: message.headers.as_ref(),
        delivered,
        stream_sequence,
    };
    let max_deliver = ctx.consumer.max_deliver.max(1);

    let started = Instant::now();
    let decision: Result<Outcome, HandlerError> = if delivered > max_deliver {
        Err(HandlerError(format!(
            "delivered {delivered} times without being acknowledged (the process may have stopped on it)"
        )))
    } else {
        match std::panic::catch_unwind(AssertUnwindSafe(|| handler.handle(&incoming))) {
            Ok(result) => result,
            Err(panic) => Err(HandlerError(format!(
                "handler panicked: {}",
                panic_message(&panic)
            ))),
        }
    };
    ctx.metrics
        .duration
        .observe(started.elapsed().as_secs_f64());

    let rejection_for = |reason: RejectReason, text: String| {
        let mut rejection = Rejection::new(
            stage,
            reason,
            text,
            &message.payload,
            ctx.rejection_keep_bytes,
            crate::now_rfc3339(),
        );
        rejection.headers = incoming.header_pairs();
        rejection
    };

    enum Step {
        Publish(Vec<Output>),
        Claim(Box<Claim>),
        Reject(Box<Rejection>),
        Retry(Duration),
    }
    let step = match decision {
        Ok(Outcome::Publish(outputs)) => Step::Publish(outputs),
        Ok(Outcome::Claim(claim)) => Step::Claim(claim),
        Ok(Outcome::Reject(mut rejection)) => {
            if rejection.headers.is_empty() {
                rejection.headers = incoming.header_pairs();
            }
            Step::Reject(rejection)
        }
        Err(error) if delivered >= max_deliver => {
            tracing::error!(stage, stream_sequence, delivered, %error, "giving up on a message: moved to rejected");
            let mut rejection = rejection_for(
                RejectReason::HandlerFailed,
                format!("{stage} failed {delivered} times: {error}"),
            );
            rejection.article_id = handler.article_id(&incoming);
            Step::Reject(Box::new(rejection))
        }
        Err(error) => {
            let delay = backoff_delay(&ctx.consumer.backoff_ms, delivered);
            tracing::warn!(stage, stream_sequence, delivered, %error, ?delay, "handler failed; will retry");
            Step::Retry(delay)
        }
    };

    // Everything the publish future needs, owned.
    let js = ctx.js.clone();
    let metrics = ctx.metrics.clone();
    let rejected_subject = ctx.subjects.rejected();
    let keep_bytes = ctx.rejection_keep_bytes;
    let source_stream = ctx.source.stream.clone();
    let claims = ctx.claims.clone();
    let source = format!("{}:{stream_sequence}", ctx.source.stream);
    let shutdown = shutdown.clone();
    // While the work takes long (a loaded bus, a slow bucket), the server is told it is
    // in progress before the ack wait runs out, so it does not hand the message to
    // another replica meanwhile (which would publish it twice and call one a duplicate).
    let progress_every = Duration::from_secs(ctx.consumer.ack_wait_secs.max(3)) / 3;
    async move {
        let work = async {
            let step = match step {
                Step::Claim(claim) => {
                    let claimed = match &claims {
                        Some(log) => {
                            let mut attempt = 0;
                            loop {
                                match log.claim(&claim.id, &claim.keys, claim.value.clone()).await {
                                    Ok(held) => break Ok(held),
                                    Err(error) => {
                                        if !wait_for_bus(
                                            &shutdown,
                                            &metrics,
                                            stage,
                                            &error,
                                            &mut attempt,
                                        )
                                        .await
                                        {
                                            let _ = message.ack_with(AckKind::Nak(None)).await;
                                            return;
                                        }
                                    }
                                }
                            }
                        }
                        None => Err(format!("{stage} claims keys but has no claims stream")),
                    };
                    match claimed.and_then(|held| (claim.then)(&held).map_err(|e| e.0)) {
                        Ok(outputs) => Step::Publish(outputs),
                        Err(error) => {
                            metrics.publish_errors.inc();
                            tracing::warn!(stage, stream_sequence, %error, "claim failed; retrying the input");
                            let _ = message
                                .ack_with(AckKind::Nak(Some(Duration::from_millis(500))))
                                .await;
                            return;
                        }
                    }
                }
                step => step,
            };
            // What goes to `rejected`, if anything, once the step is done.
            let rejection: Result<Option<Box<Rejection>>, String> = match step {
                Step::Retry(delay) => {
                    metrics.articles.with_label_values(&["retried"]).inc();
                    let _ = message.ack_with(AckKind::Nak(Some(delay))).await;
                    return;
                }
                Step::Reject(rejection) => Ok(Some(rejection)),
                Step::Claim(_) => unreachable!("claims are resolved above"),
                Step::Publish(outputs) => {
                    match publish_persistently(&js, &outputs, &source, &shutdown, &metrics, stage)
                        .await
                    {
                        // The server already had this id from another input message: the
                        // same article was published twice, which leaves a trace on
                        // `rejected`. (This input's own earlier publish is not one.)
                        Ok(true) => {
                            let mut rejection = Rejection::new(
                        stage,
                        RejectReason::Duplicate,
                        format!(
                            "already accepted: {} was published before, within the duplicate window",
                            outputs.first().map(|o| o.msg_id.as_str()).unwrap_or("")
                        ),
                        &message.payload,
                        keep_bytes,
                        crate::now_rfc3339(),
                    );
                            rejection.article_id = outputs.first().map(|o| o.msg_id.clone());
                            Ok(Some(Box::new(rejection)))
                        }
                        Ok(_) => {
                            metrics.articles.with_label_values(&["ok"]).inc();
                            Ok(None)
                        }
                        // The same input gives the same output: it would fail the same
                        // way on every delivery, so it is rejected at once, as too large,
                        // with the server's reason and the article id.
                        Err(PublishFailure::TooLarge(error)) => {
                            metrics.publish_errors.inc();
                            tracing::warn!(stage, stream_sequence, %error, "output over the server's max_payload: moved to rejected");
                            let mut rejection = Rejection::new(
                                stage,
                                RejectReason::TooLarge,
                                error,
                                &message.payload,
                                keep_bytes,
                                crate::now_rfc3339(),
                            );
                            rejection.headers = header_pairs(message.headers.as_ref());
                            rejection.article_id = outputs.first().map(|o| o.msg_id.clone());
                            Ok(Some(Box::new(rejection)))
                        }
                        // Only when stopping: the message goes back to the stream.
                        Err(PublishFailure::Transient(_)) => {
                            let _ = message.ack_with(AckKind::Nak(None)).await;
                            return;
                        }
                    }
                }
            };
            let result = match rejection {
                Ok(Some(rejection)) => {
                    let mut attempt = 0;
                    let result = loop {
                        let result = publish_rejection(
                            &js,
                            &rejected_subject,
                            &rejection,
                            &source_stream,
                            stream_sequence,
                        )
                        .await;
                        match result {
                            Err(error)
                                if wait_for_bus(
                                    &shutdown,
                                    &metrics,
                                    stage,
                                    &error,
                                    &mut attempt,
                                )
                                .await => {}
                            result => break result,
                        }
                    };
                    // A rejection the server already holds (the input came back after
                    // its ack wait, while the first handling was still publishing) was
                    // counted the first time.
                    if let Ok(false) = result {
                        let outcome = match rejection.reason {
                            RejectReason::HandlerFailed => "failed",
                            RejectReason::Duplicate => "duplicate",
                            _ => "rejected",
                        };
                        metrics.articles.with_label_values(&[outcome]).inc();
                        metrics
                            .rejected
                            .with_label_values(&[rejection.reason.as_str()])
                            .inc();
                    }
                    result.map(|_| ())
                }
                Ok(None) => Ok(()),
                Err(error) => Err(error),
            };
            match result {
                Ok(()) => {
                    if let Err(error) = message.ack().await {
                        tracing::warn!(%error, "ack failed; the message will be redelivered");
                    }
                }
                Err(error) => {
                    metrics.publish_errors.inc();
                    tracing::warn!(%error, "publish not acknowledged; retrying the input");
                    let _ = message
                        .ack_with(AckKind::Nak(Some(Duration::from_millis(500))))
                        .await;
                }
            }
        };
        tokio::pin!(work);
        let mut progress =
            tokio::time::interval_at(tokio::time::Instant::now() + progress_every, progress_every);
        loop {
            tokio::select! {
                () = &mut work => break,
                _ = progress.tick() => {
                    let _ = message.ack_with(AckKind::Progress).await;
                }
            }
        }
    }
}

/// Why outputs were not published.
enum PublishFailure {
    /// The bus did not take them now (disconnected, no leader, no ack in time): the
    /// same outputs may pass later.
    Transient(String),
    /// An output is larger than the server's `max_payload`: the same input gives the
    /// same output, so it is this message's failure, like a handler error.
    TooLarge(String),
}

/// Names the input message an output was made from (`<stream>:<sequence>`), so that a
/// duplicate the server reports can be told apart: the same input handled twice (a
/// redelivery after an ack wait, to this or another replica) or another input with the
/// same id (a publisher's duplicate).
pub const SOURCE_HEADER: &str = "Marsad-Source";

/// Publishes every output and waits for all acknowledgements. Returns whether the
/// server already held one of them from another input message (a duplicate; the
/// same input's earlier publish is not one).
async fn publish_all(
    js: &jetstream::Context,
    outputs: &[Output],
    source: &str,
) -> Result<bool, PublishFailure> {
    use jetstream::context::PublishErrorKind;
    let mut acks = Vec::with_capacity(outputs.len());
    for output in outputs {
        let publish = jetstream::message::PublishMessage::build()
            .payload(output.payload.clone())
            .message_id(&output.msg_id)
            .header(SOURCE_HEADER, source);
        let ack = js
            .send_publish(output.subject.clone(), publish)
            .await
            .map_err(|e| {
                let text = format!(
                    "publish of {} bytes to {}: {e}",
                    output.payload.len(),
                    output.subject
                );
                if e.kind() == PublishErrorKind::MaxPayloadExceeded {
                    PublishFailure::TooLarge(text)
                } else {
                    PublishFailure::Transient(text)
                }
            })?;
        acks.push(ack);
    }
    let mut duplicate = false;
    for (ack, output) in acks.into_iter().zip(outputs) {
        let ack = ack
            .await
            .map_err(|e| PublishFailure::Transient(format!("publish ack: {e}")))?;
        if ack.duplicate {
            duplicate |= !made_from(js, &ack.stream, ack.sequence, source).await?;
        } else if let Some(counter) = &output.counts {
            counter.inc();
        }
    }
    Ok(duplicate)
}

/// [`publish_all`], again and again while the bus does not take the outputs (no
/// connection, a stream without a leader during a cluster's election, no ack in time),
/// holding the message meanwhile (its progress signals keep it ours): a failure of the
/// bus is not the message's, and must not count towards its `max_deliver`. Gives up
/// with the transient failure only when the stage is stopping.
async fn publish_persistently(
    js: &jetstream::Context,
    outputs: &[Output],
    source: &str,
    shutdown: &Shutdown,
    metrics: &StageMetrics,
    stage: &str,
) -> Result<bool, PublishFailure> {
    let mut attempt = 0;
    loop {
        match publish_all(js, outputs, source).await {
            Err(PublishFailure::Transient(error)) => {
                if !wait_for_bus(shutdown, metrics, stage, &error, &mut attempt).await {
                    return Err(PublishFailure::Transient(error));
                }
            }
            other => return other,
        }
    }
}

/// Counts and logs a failure of the bus, then waits before the next attempt (250 ms,
/// doubling up to 5 s). False when the stage is stopping instead.
async fn wait_for_bus(
    shutdown: &Shutdown,
    metrics: &StageMetrics,
    stage: &str,
    error: &str,
    attempt: &mut u32,
) -> bool {
    metrics.publish_errors.inc();
    let delay = Duration::from_millis(250u64 << (*attempt).min(5)).min(Duration::from_secs(5));
    *attempt += 1;
    tracing::warn!(stage, attempt = *attempt, %error, ?delay, "the bus did not take it; retrying");
    tokio::select! {
        _ = tokio::time::sleep(delay) => !shutdown.is_cancelled(),
        _ = shutdown.cancelled() => false,
    }
}

/// Whether the stored message at `sequence` was made from the input `source`.
async fn made_from(
    js: &jetstream::Context,
    stream: &str,
    sequence: u64,
    source: &str,
) -> Result<bool, PublishFailure> {
    let failed = |e: String| PublishFailure::Transient(format!("read {stream} #{sequence}: {e}"));
    let stored = js
        .get_stream_no_info(stream)
        .await
        .map_err(|e| failed(e.to_string()))?
        .get_raw_message(sequence)
        .await
        .map_err(|e| failed(e.to_string()))?;
    Ok(stored
        .headers
        .get(SOURCE_HEADER)
        .is_some_and(|v| v.as_str() == source))
}

/// Publishes one input's rejection; returns whether the server already had it.
async fn publish_rejection(
    js: &jetstream::Context,
    subject: &str,
    rejection: &Rejection,
    source_stream: &str,
    stream_sequence: u64,
) -> Result<bool, String> {
    let mut payload = serde_json::to_vec(rejection).map_err(|e| e.to_string())?;
    // The last guard: a rejection that would not fit in a message (its parts are
    // bounded, so this should not happen) goes without the payload and headers rather
    // than being retried for ever.
    let room = js.client().max_payload().saturating_sub(1024);
    if payload.len() > room {
        let mut bare = rejection.clone();
        bare.message.push_str(&format!(
            " (payload and headers not kept: the rejection was {} bytes, over the server's limit)",
            payload.len()
        ));
        bare.payload = String::new();
        bare.payload_encoding = "utf8".to_string();
        bare.headers.clear();
        payload = serde_json::to_vec(&bare).map_err(|e| e.to_string())?;
    }
    // One rejection per input message, even if the input is redelivered.
    let msg_id = format!("rej:{source_stream}:{stream_sequence}");
    let publish = jetstream::message::PublishMessage::build()
        .payload(payload.into())
        .message_id(msg_id)
        .header("Marsad-Reason", rejection.reason.as_str())
        .header("Marsad-Stage", rejection.stage.as_str());
    let ack = js
        .send_publish(subject.to_string(), publish)
        .await
        .map_err(|e| e.to_string())?
        .await
        .map_err(|e| e.to_string())?;
    Ok(ack.duplicate)
}

/// The wait before delivery `delivered + 1` of a failed message: `backoff_ms[delivered - 1]`,
/// the last entry once past the end.
fn backoff_delay(backoff_ms: &[u64], delivered: i64) -> Duration {
    let index = (delivered.max(1) as usize - 1).min(backoff_ms.len().saturating_sub(1));
    Duration::from_millis(backoff_ms.get(index).copied().unwrap_or(1000))
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

/// `Nats-Msg-Id` as a header constant, re-exported for publishers.
pub const MSG_ID_HEADER: &str = headers::NATS_MSG_ID;
