//! `marsad bench`: the whole pipeline measured end to end on this machine.
//!
//! It starts its own nats-server (temporary directory) and the three service binaries
//! as processes (so that each one's CPU time and peak memory can be read from /proc),
//! then:
//!
//! 1. **Baseline**: publishes the same payloads to a bare JetStream stream and consumes
//!    them with a pull consumer, no processing: what the bus allows here.
//! 2. **Pipeline**: publishes N raw articles (each with its own client id, so none is a
//!    duplicate) as fast as acks allow, or at `--rate` per second, and times every
//!    article from its publish to its enriched event.
//!
//! It prints a table and writes the figures as JSON.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer, stream};
use futures::StreamExt;
use marsad_messages::{RawArticle, Stream, Subjects};
use marsad_runtime::local_nats::{LocalNats, LocalNatsOptions};
use marsad_runtime::pipeline::MSG_ID_HEADER;

use crate::procs::{Program, ServiceProcess};
use serde::{Deserialize, Serialize};

/// What to run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub corpus: PathBuf,
    pub articles: usize,
    /// Articles per second; as fast as possible when `None`.
    pub rate: Option<u64>,
    pub partitions: u32,
    /// Where every stream keeps its messages (`bus.storage`): `file` or `memory`.
    pub storage: String,
    /// The nats-server binary to start; the one `marsad up` and the tests find when `None`.
    pub nats_server: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct ServiceUsage {
    pub service: String,
    /// The process's whole CPU time (for the services: start-up included).
    pub cpu_seconds: f64,
    /// CPU time spent while the pipeline's articles were published and enriched (from
    /// the services' readiness to the last enriched article), per enriched article.
    pub cpu_ms_per_article: f64,
    pub peak_rss_mb: f64,
    /// Resident memory (MB) when each tenth of the articles had been enriched: flat, or
    /// still growing at the end of the run.
    pub rss_mb_by_tenth: Vec<f64>,
}

#[derive(Debug, Serialize)]
pub struct BenchReport {
    pub articles: usize,
    pub corpus: String,
    pub rate: Option<u64>,
    /// `file` or `memory`: the streams' storage, the baseline's included.
    pub storage: String,
    /// The server measured: what `nats-server --version` printed, and its path.
    pub nats_server: String,
    pub baseline_msgs_per_s: f64,
    /// At a fixed rate: the bare JetStream baseline's own latency at that rate (publish
    /// to one stream, a pull consumer reads it back; no processing), for the same
    /// payloads, in the same run.
    pub baseline_latency_ms: Option<Latency>,
    pub pipeline_articles_per_s: f64,
    pub ratio_to_baseline: f64,
    pub latency_ms_p50: f64,
    pub latency_ms_p90: f64,
    pub latency_ms_p99: f64,
    pub latency_ms_max: f64,
    pub enriched: usize,
    pub rejected: u64,
    pub services: Vec<ServiceUsage>,
    pub machine: String,
}

/// Latency percentiles, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl Latency {
    fn of(sorted: &[f64]) -> Latency {
        Latency {
            p50: percentile(sorted, 50.0),
            p90: percentile(sorted, 90.0),
            p99: percentile(sorted, 99.0),
            max: sorted.last().copied().unwrap_or(0.0),
        }
    }
}

/// Publishes `payloads` on `subject`, at `rate` per second or as fast as acknowledgements
/// allow (at most 256 awaiting theirs), telling `sent` each id just before its publish;
/// `msg_ids` also sends each id as `Nats-Msg-Id`. Returns once every publish is acked.
async fn publish_all(
    js: jetstream::Context,
    subject: String,
    payloads: Vec<(String, Vec<u8>)>,
    rate: Option<u64>,
    msg_ids: bool,
    mut sent: impl FnMut(String) + Send + 'static,
) -> anyhow::Result<()> {
    let mut acks = std::collections::VecDeque::new();
    let mut tick =
        rate.map(|r| tokio::time::interval(Duration::from_secs_f64(1.0 / r.max(1) as f64)));
    for (id, payload) in payloads {
        if let Some(tick) = tick.as_mut() {
            tick.tick().await;
        }
        let message = jetstream::message::PublishMessage::build().payload(payload.into());
        let message = if msg_ids {
            message.message_id(&id)
        } else {
            message
        };
        sent(id);
        acks.push_back(js.send_publish(subject.clone(), message).await?);
        if acks.len() >= 256 {
            acks.pop_front().expect("non-empty").await?;
        }
    }
    for ack in acks {
        ack.await?;
    }
    Ok(())
}

/// When each id was published.
type SentTimes = std::sync::Arc<std::sync::Mutex<HashMap<String, Instant>>>;

/// [`publish_all`] in a task of its own, keeping each id's publish time in the map it
/// returns, for the receiver to time the message it gets back.
fn spawn_timed_publish(
    js: &jetstream::Context,
    subject: String,
    payloads: Vec<(String, Vec<u8>)>,
    rate: Option<u64>,
    msg_ids: bool,
) -> (SentTimes, tokio::task::JoinHandle<anyhow::Result<()>>) {
    let sent = SentTimes::default();
    let times = sent.clone();
    let task = tokio::spawn(publish_all(
        js.clone(),
        subject,
        payloads,
        rate,
        msg_ids,
        move |id| {
            times.lock().expect("lock").insert(id, Instant::now());
        },
    ));
    (sent, task)
}

/// The bare JetStream baseline at `rate` messages per second: each payload published to
/// a stream of its own (with its id as `Nats-Msg-Id`, as the pipeline's stages publish)
/// and timed until a pull consumer receives it.
async fn baseline_latency(
    js: &jetstream::Context,
    subject: String,
    stream_name: String,
    storage: stream::StorageType,
    payloads: &[(String, Vec<u8>)],
    rate: u64,
) -> anyhow::Result<Latency> {
    let stream = js
        .create_stream(stream::Config {
            name: stream_name.clone(),
            subjects: vec![subject.clone()],
            storage,
            ..Default::default()
        })
        .await?;
    let consumer = stream
        .create_consumer(consumer::pull::Config {
            ack_policy: consumer::AckPolicy::None,
            ..Default::default()
        })
        .await?;
    let mut messages = consumer.messages().await?;
    let (sent, publisher) = spawn_timed_publish(js, subject, payloads.to_vec(), Some(rate), true);
    let mut latencies = Vec::with_capacity(payloads.len());
    while latencies.len() < payloads.len() {
        let Ok(Some(Ok(message))) =
            tokio::time::timeout(Duration::from_secs(60), messages.next()).await
        else {
            anyhow::bail!(
                "baseline at a fixed rate: only {} of {} messages came back",
                latencies.len(),
                payloads.len()
            );
        };
        let now = Instant::now();
        let id = message.headers.as_ref().and_then(|h| h.get(MSG_ID_HEADER));
        if let Some(at) = id.and_then(|id| sent.lock().expect("lock").get(id.as_str()).copied()) {
            latencies.push(now.duration_since(at).as_secs_f64() * 1000.0);
        }
    }
    publisher.await??;
    drop(messages);
    js.delete_stream(stream_name).await?;
    latencies.sort_by(f64::total_cmp);
    Ok(Latency::of(&latencies))
}

/// The raw payloads: corpus articles (ANT layout or raw schema), each with a fresh id.
pub fn payloads(corpus: &Path, n: usize, run: &str) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let inputs = crate::inputs::read_all(&[corpus.to_path_buf()])?;
    let articles: Vec<RawArticle> = inputs
        .iter()
        .filter_map(|i| {
            serde_json::from_slice::<RawArticle>(&i.payload)
                .ok()
                .or_else(|| {
                    std::str::from_utf8(&i.payload).ok().map(|body| RawArticle {
                        id: None,
                        url: None,
                        source: None,
                        title: None,
                        body: body.to_string(),
                        content_type: None,
                        published_at: None,
                        language: None,
                        metadata: None,
                    })
                })
        })
        .collect();
    anyhow::ensure!(!articles.is_empty(), "no articles in {}", corpus.display());
    Ok((0..n)
        .map(|i| {
            let mut a = articles[i % articles.len()].clone();
            let id = format!("bench-{run}-{i}");
            a.id = Some(id.clone());
            (id, serde_json::to_vec(&a).unwrap_or_default())
        })
        .collect())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

pub async fn run(options: BenchOptions) -> anyhow::Result<BenchReport> {
    let storage = match options.storage.as_str() {
        "file" => stream::StorageType::File,
        "memory" => stream::StorageType::Memory,
        other => anyhow::bail!("storage {other:?} is not file or memory"),
    };
    let run = format!("{}", std::process::id());
    let prefix = format!("bench{run}");
    let subjects = Subjects::new(&prefix);
    let nats = LocalNats::start(LocalNatsOptions {
        binary: options.nats_server.clone(),
        ..Default::default()
    })?;
    let nats_server = format!(
        "{} ({})",
        marsad_runtime::local_nats::version(&nats.binary),
        nats.binary.display()
    );
    let url = nats.url();
    let payloads = payloads(&options.corpus, options.articles, &run)?;
    let bytes: usize = payloads.iter().map(|(_, p)| p.len()).sum();
    eprintln!(
        "bench: {} articles ({:.1} MB) from {}",
        payloads.len(),
        bytes as f64 / 1e6,
        options.corpus.display()
    );

    let client = async_nats::connect(&url).await?;
    let js = jetstream::new(client.clone());

    // 1. The bare JetStream baseline.
    let base = js
        .create_stream(stream::Config {
            name: format!("BENCH_BASE_{run}"),
            subjects: vec![format!("{prefix}.bench.base")],
            storage,
            ..Default::default()
        })
        .await?;
    let base_payloads = payloads.clone();
    let started = Instant::now();
    publish_all(
        js.clone(),
        format!("{prefix}.bench.base"),
        base_payloads,
        None,
        false,
        |_| {},
    )
    .await?;
    let consumer = base
        .create_consumer(consumer::pull::Config {
            ack_policy: consumer::AckPolicy::None,
            ..Default::default()
        })
        .await?;
    let mut messages = consumer.messages().await?;
    let mut got = 0usize;
    while got < payloads.len() {
        match tokio::time::timeout(Duration::from_secs(60), messages.next()).await {
            Ok(Some(Ok(_))) => got += 1,
            _ => anyhow::bail!(
                "baseline: only {got} of {} messages came back",
                payloads.len()
            ),
        }
    }
    let baseline = payloads.len() as f64 / started.elapsed().as_secs_f64();
    drop(messages);
    js.delete_stream(format!("BENCH_BASE_{run}")).await?;
    let baseline_latency_ms = match options.rate {
        Some(rate) => Some(
            baseline_latency(
                &js,
                format!("{prefix}.bench.latency"),
                format!("BENCH_LATENCY_{run}"),
                storage,
                &payloads,
                rate,
            )
            .await?,
        ),
        None => None,
    };

    // 2. The pipeline, each service its own process.
    let mut services = Vec::new();
    let env = vec![
        ("MARSAD__NATS__URL".to_string(), url.clone()),
        ("MARSAD__BUS__PREFIX".to_string(), prefix.clone()),
        (
            "MARSAD__BUS__PARTITIONS".to_string(),
            options.partitions.to_string(),
        ),
        ("MARSAD__LOG__LEVEL".to_string(), "warn".to_string()),
        ("MARSAD__BUS__STORAGE".to_string(), options.storage.clone()),
    ];
    for (name, binary) in [
        ("ingest", "marsad-ingest"),
        ("enrich", "marsad-enrich"),
        ("aggregate", "marsad-aggregate"),
    ] {
        // The service's own binary when it was built beside this one, else the same
        // service code through `marsad run <service>` (same settings, same runtime).
        let program = Program::beside_current_exe(binary)
            .or_else(|_| std::env::current_exe().map(|me| Program::marsad_run(&me, name)))?;
        services.push(ServiceProcess::spawn(name, program, &env)?);
    }
    let http = reqwest::Client::new();
    for s in &mut services {
        s.wait_ready(&http, Duration::from_secs(60)).await?;
    }
    // CPU time at the start of the measured phase: what the processes spent after it,
    // per article, is the figure that compares stages (start-up not included).
    let nats_pid = nats.pid().unwrap_or(0);
    let own_pid = std::process::id();
    let cpu_before: Vec<f64> = services
        .iter()
        .map(|s| s.usage().0)
        .chain([
            crate::procs::usage(nats_pid).0,
            crate::procs::usage(own_pid).0,
        ])
        .collect();
    let enriched_stream = js.get_stream(subjects.stream(Stream::Enriched)).await?;
    let consumer = enriched_stream
        .create_consumer(consumer::pull::Config {
            ack_policy: consumer::AckPolicy::None,
            deliver_policy: consumer::DeliverPolicy::New,
            filter_subject: subjects.enriched_all(),
            ..Default::default()
        })
        .await?;
    let mut enriched = consumer.messages().await?;
    let (published, publisher) =
        spawn_timed_publish(&js, subjects.raw(), payloads.clone(), options.rate, false);
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(payloads.len());
    // Resident memory of the services and the server, sampled at each tenth.
    let mut rss_by_tenth: Vec<Vec<f64>> = vec![Vec::new(); services.len() + 1];
    let sample_rss = |rss_by_tenth: &mut [Vec<f64>]| {
        for (i, s) in services.iter().enumerate() {
            rss_by_tenth[i].push(s.rss_mb());
        }
        rss_by_tenth[services.len()].push(crate::procs::rss_mb(nats_pid));
    };
    let mut last = started;
    let deadline = Instant::now() + Duration::from_secs(120 + payloads.len() as u64 / 50);
    while latencies.len() < payloads.len() {
        let remaining = deadline.saturating_duration_since(Instant::now());
        let Ok(Some(message)) = tokio::time::timeout(remaining, enriched.next()).await else {
            break;
        };
        let now = Instant::now();
        let message = message.map_err(|e| anyhow::anyhow!("enriched: {e}"))?;
        // The article id is the message's `Nats-Msg-Id` (enrich publishes under it):
        // read there, the bench does not parse every enriched article to time it.
        let id = message
            .headers
            .as_ref()
            .and_then(|h| h.get(MSG_ID_HEADER))
            .map(|v| v.as_str().to_string())
            .or_else(|| {
                serde_json::from_slice::<IdOnly>(&message.payload)
                    .ok()
                    .map(|a| a.id)
            });
        if let Some(id) = id {
            if let Some(at) = published.lock().expect("lock").get(&id) {
                latencies.push(now.duration_since(*at).as_secs_f64() * 1000.0);
                last = now;
                if latencies.len() * 10 / payloads.len()
                    > (latencies.len() - 1) * 10 / payloads.len()
                {
                    sample_rss(&mut rss_by_tenth);
                }
            }
        }
    }
    publisher.await??;
    let elapsed = last.duration_since(started).as_secs_f64().max(1e-9);
    let throughput = latencies.len() as f64 / elapsed;
    let rejected = js
        .get_stream(subjects.stream(Stream::Rejected))
        .await?
        .info()
        .await?
        .state
        .messages;
    latencies.sort_by(f64::total_cmp);
    let latency = Latency::of(&latencies);
    let per_article =
        |cpu: f64, before: f64| (cpu - before) * 1000.0 / latencies.len().max(1) as f64;
    let mut usages: Vec<ServiceUsage> = services
        .iter()
        .zip(&cpu_before)
        .zip(&mut rss_by_tenth)
        .map(|((s, before), tenths)| {
            let (cpu, rss) = s.usage();
            ServiceUsage {
                service: s.name.clone(),
                cpu_seconds: cpu,
                cpu_ms_per_article: per_article(cpu, *before),
                peak_rss_mb: peak(rss, tenths),
                rss_mb_by_tenth: std::mem::take(tenths),
            }
        })
        .collect();
    let nats_tenths = rss_by_tenth.pop().unwrap_or_default();
    for (name, pid, before, tenths) in [
        (
            "nats-server",
            nats_pid,
            cpu_before[services.len()],
            nats_tenths,
        ),
        ("bench", own_pid, cpu_before[services.len() + 1], Vec::new()),
    ] {
        let (cpu, rss) = crate::procs::usage(pid);
        usages.push(ServiceUsage {
            service: name.to_string(),
            cpu_seconds: cpu,
            cpu_ms_per_article: per_article(cpu, before),
            peak_rss_mb: peak(rss, &tenths),
            rss_mb_by_tenth: tenths,
        });
    }
    drop(services);
    let mut nats = nats;
    nats.stop();
    let machine = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_default();
    Ok(BenchReport {
        articles: payloads.len(),
        corpus: options.corpus.display().to_string(),
        rate: options.rate,
        storage: options.storage.clone(),
        nats_server,
        baseline_msgs_per_s: baseline,
        baseline_latency_ms,
        pipeline_articles_per_s: throughput,
        ratio_to_baseline: throughput / baseline,
        latency_ms_p50: latency.p50,
        latency_ms_p90: latency.p90,
        latency_ms_p99: latency.p99,
        latency_ms_max: latency.max,
        enriched: latencies.len(),
        rejected,
        services: usages,
        machine: format!(
            "{machine}, {} cores",
            std::thread::available_parallelism().map_or(0, |n| n.get())
        ),
    })
}

/// The report as a table.
pub fn table(r: &BenchReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "articles            {} ({} enriched, {} rejected)\n",
        r.articles, r.enriched, r.rejected
    ));
    out.push_str(&format!(
        "mode                {}, {} storage\n",
        r.rate
            .map_or("as fast as possible".to_string(), |r| format!(
                "{r} articles/s"
            )),
        r.storage
    ));
    out.push_str(&format!("nats-server         {}\n", r.nats_server));
    out.push_str(&format!(
        "JetStream baseline  {:.0} msgs/s\n",
        r.baseline_msgs_per_s
    ));
    if let Some(l) = &r.baseline_latency_ms {
        out.push_str(&format!(
            "baseline latency    p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1} ms (bare JetStream, one stream, same rate)\n",
            l.p50, l.p90, l.p99, l.max
        ));
    }
    out.push_str(&format!(
        "pipeline            {:.0} articles/s ({:.1}% of the baseline)\n",
        r.pipeline_articles_per_s,
        r.ratio_to_baseline * 100.0
    ));
    out.push_str(&format!(
        "latency (ms)        p50 {:.1}  p90 {:.1}  p99 {:.1}  max {:.1}\n",
        r.latency_ms_p50, r.latency_ms_p90, r.latency_ms_p99, r.latency_ms_max
    ));
    for s in &r.services {
        out.push_str(&format!(
            "{:<19} cpu {:.2} s  {:.3} ms/article  peak rss {:.1} MB\n",
            s.service, s.cpu_seconds, s.cpu_ms_per_article, s.peak_rss_mb
        ));
    }
    for s in r.services.iter().filter(|s| !s.rss_mb_by_tenth.is_empty()) {
        let tenths: Vec<String> = s
            .rss_mb_by_tenth
            .iter()
            .map(|mb| format!("{mb:.0}"))
            .collect();
        out.push_str(&format!(
            "{:<19} rss MB at each tenth: {}\n",
            s.service,
            tenths.join(" ")
        ));
    }
    let total: f64 = r.services.iter().map(|s| s.cpu_ms_per_article).sum();
    out.push_str(&format!(
        "all processes       {total:.3} ms of CPU per article (2 cores: at most {:.0} articles/s)\n",
        2000.0 / total.max(1e-9)
    ));
    out.push_str(&format!("machine             {}\n", r.machine));
    out
}

/// The peak resident memory of a process: its high-water mark (VmHWM), or a sample taken
/// during the run when that was higher. The kernel records the high-water mark on some
/// paths only (the process unmapping memory); pages reclaimed from it otherwise (file
/// pages, lazily freed ones) lower VmRSS without that, so a tenth's sample can exceed the
/// VmHWM read at the end (seen once in CI: nats-server 22.93 MB at a tenth, VmHWM 22.86).
fn peak(high_water: f64, samples: &[f64]) -> f64 {
    samples.iter().copied().fold(high_water, f64::max)
}
