//! Exactly-once aggregation through the real pipeline. Real articles with their real
//! timestamps — all 7,628 of the ANT corpus's Middle-East section when `../shared/data`
//! is present, the committed 200-article subset (tests/fixtures, with its credit)
//! otherwise — are published raw, ingested and enriched by the real services, and
//! aggregated by the `marsad-aggregate` binary. Every count the API gives is compared
//! with a reference computed here, directly from the enriched articles read back
//! from the stream: identical. Then the same with the aggregator killed (SIGKILL)
//! three times at random moments, and with two aggregators sharing the partitions
//! by leases, one of them killed three times.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream::{self, consumer};
use futures::StreamExt;
use marsad_messages::{EnrichedArticle, RawArticle, Stream, Subjects};
use marsad_runtime::local_nats::{free_port, LocalNats, LocalNatsOptions};
use marsad_runtime::service::Running;
use marsad_runtime::settings::Layered;
use marsad_runtime::Shutdown;

#[path = "support/reference.rs"]
mod reference;

use reference::{check, get};

const PARTITIONS: u32 = 4;

fn corpus() -> (PathBuf, bool) {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/corpus/ant-middleeast.jsonl");
    if full.exists() && std::env::var_os("MARSAD_TEST_SMALL").is_none() {
        (full, true)
    } else {
        (
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ant-iraq-200.jsonl"),
            false,
        )
    }
}

/// ANT lines as raw articles, the way `marsad publish` maps them.
fn raw_articles() -> Vec<(String, Vec<u8>)> {
    let (path, full) = corpus();
    let text = std::fs::read_to_string(&path).unwrap();
    let out: Vec<(String, Vec<u8>)> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let field = |k: &str| v[k].as_str().map(str::to_string);
            let raw = RawArticle {
                id: field("docno"),
                url: field("url"),
                source: field("src"),
                title: field("title"),
                body: field("text").unwrap(),
                content_type: None,
                published_at: field("time"),
                language: Some("ar".into()),
                metadata: None,
            };
            (field("docno").unwrap(), serde_json::to_vec(&raw).unwrap())
        })
        .collect();
    eprintln!("{} articles from {}", out.len(), path.display());
    assert!(out.len() >= if full { 7000 } else { 200 });
    out
}

struct Aggregator {
    child: Child,
    admin: String,
    instance: String,
}

impl Aggregator {
    fn start(url: &str, prefix: &str, instance: &str) -> Aggregator {
        let admin = format!("127.0.0.1:{}", free_port());
        let child = Command::new(env!("CARGO_BIN_EXE_marsad-aggregate"))
            .env("MARSAD__NATS__URL", url)
            .env("MARSAD__BUS__PREFIX", prefix)
            .env("MARSAD__BUS__PARTITIONS", PARTITIONS.to_string())
            .env("MARSAD__ADMIN__BIND", &admin)
            .env("MARSAD__AGGREGATE__INSTANCE", instance)
            .env("MARSAD__AGGREGATE__LEASE_TTL_SECS", "3")
            .env("MARSAD__AGGREGATE__TICK_MS", "200")
            .env("MARSAD__AGGREGATE__RETENTION_HOURS", "9000")
            // Every article of the corpus must be found in a story (asserted below):
            // more fragments per partition than the whole corpus makes, so the memory
            // bound (tested in the unit tests) trims none.
            .env("MARSAD__AGGREGATE__STORY_FRAGMENTS", "10000")
            // Small batches: a kill lands between them.
            .env("MARSAD__CONSUMER__BATCH", "40")
            .env("MARSAD__LOG__LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("marsad-aggregate binary");
        Aggregator {
            child,
            admin,
            instance: instance.to_string(),
        }
    }

    fn kill_and_restart(&mut self, url: &str, prefix: &str) {
        self.child.kill().unwrap(); // SIGKILL
        self.child.wait().unwrap();
        *self = Aggregator::start(url, prefix, &self.instance.clone());
    }
}

impl Drop for Aggregator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// NATS, and ingest and enrich running in this process.
struct Pipeline {
    nats: LocalNats,
    prefix: String,
    subjects: Subjects,
    js: jetstream::Context,
    shutdown: Shutdown,
    services: Vec<Running>,
}

impl Pipeline {
    async fn start() -> Pipeline {
        let nats = LocalNats::start(LocalNatsOptions::default())
            .expect("nats-server must be installed (the README's test command installs it)");
        let prefix = format!("x{}y{}", std::process::id(), free_port());
        let env = vec![
            ("MARSAD__NATS__URL".to_string(), nats.url()),
            ("MARSAD__BUS__PREFIX".to_string(), prefix.clone()),
            (
                "MARSAD__BUS__PARTITIONS".to_string(),
                PARTITIONS.to_string(),
            ),
            ("MARSAD__ADMIN__BIND".to_string(), "127.0.0.1:0".to_string()),
        ];
        let shutdown = Shutdown::new();
        let ingest = marsad_ingest::Settings::load_with(None, env.clone()).unwrap();
        let enrich = marsad_enrich::Settings::load_with(None, env.clone()).unwrap();
        let bus = ingest.bus.clone();
        let subjects = Subjects::new(&prefix);
        let services = vec![
            marsad_ingest::start(ingest, shutdown.clone())
                .await
                .unwrap(),
            marsad_enrich::start(enrich, shutdown.clone())
                .await
                .unwrap(),
        ];
        let client = async_nats::connect(nats.url()).await.unwrap();
        let js = jetstream::new(client);
        marsad_runtime::bus::ensure_streams(&js, &bus, &subjects, &[Stream::Raw])
            .await
            .unwrap();
        Pipeline {
            nats,
            prefix,
            subjects,
            js,
            shutdown,
            services,
        }
    }

    async fn stream_messages(&self, which: Stream) -> u64 {
        match self.js.get_stream(self.subjects.stream(which)).await {
            Ok(mut s) => s.info().await.map_or(0, |i| i.state.messages),
            Err(_) => 0,
        }
    }

    /// Every message of a stream as it is now, in stream order.
    async fn all<T: serde::de::DeserializeOwned>(&self, which: Stream) -> Vec<T> {
        let total = self.stream_messages(which).await as usize;
        let mut out = Vec::with_capacity(total);
        if total == 0 {
            return out;
        }
        let stream = self
            .js
            .get_stream(self.subjects.stream(which))
            .await
            .unwrap();
        let consumer = stream
            .create_consumer(consumer::pull::Config {
                ack_policy: consumer::AckPolicy::None,
                ..Default::default()
            })
            .await
            .unwrap();
        let mut messages = consumer.messages().await.unwrap();
        while out.len() < total {
            let message = tokio::time::timeout(Duration::from_secs(30), messages.next())
                .await
                .unwrap_or_else(|_| panic!("{which:?} stream read"))
                .unwrap()
                .unwrap();
            out.push(serde_json::from_slice(&message.payload).unwrap());
        }
        out
    }

    /// The rejections, by stage and reason.
    async fn rejections(&self) -> BTreeMap<String, u64> {
        let mut out = BTreeMap::new();
        for rejection in self.all::<serde_json::Value>(Stream::Rejected).await {
            let reason = format!(
                "{}:{}",
                rejection["stage"].as_str().unwrap_or("?"),
                rejection["reason"].as_str().unwrap_or("?")
            );
            *out.entry(reason).or_default() += 1;
        }
        out
    }

    /// Every enriched article, in stream order.
    async fn enriched(&self) -> Vec<EnrichedArticle> {
        self.all(Stream::Enriched).await
    }

    async fn stop(self) {
        self.shutdown.cancel();
        for s in self.services {
            let _ = s.task.await;
        }
        let mut nats = self.nats;
        nats.stop();
    }
}

/// Publishes the raw articles in bursts, as a feed would.
async fn publish(js: jetstream::Context, subject: String, articles: Vec<(String, Vec<u8>)>) {
    for burst in articles.chunks(250) {
        let mut acks = Vec::new();
        for (id, payload) in burst {
            let message = jetstream::message::PublishMessage::build()
                .payload(payload.clone().into())
                .message_id(id.clone());
            acks.push(js.send_publish(subject.clone(), message).await.unwrap());
        }
        for ack in acks {
            ack.await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn run(instances: &[&str], kills: usize) {
    let raw = raw_articles();
    let published = raw.len() as u64;
    let p = Pipeline::start().await;
    let url = p.nats.url();
    let mut aggregators: Vec<Aggregator> = instances
        .iter()
        .map(|i| Aggregator::start(&url, &p.prefix, i))
        .collect();
    let publisher = tokio::spawn(publish(p.js.clone(), p.subjects.raw(), raw));

    // Kill a random aggregator at random moments while the articles stream in.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    eprintln!("kill schedule seed {seed}");
    let mut rng = seed;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let spread = if published > 1000 { 6000 } else { 900 };
    for _ in 0..kills {
        tokio::time::sleep(Duration::from_millis(200 + next() % spread)).await;
        let i = (next() % aggregators.len() as u64) as usize;
        eprintln!("SIGKILL {}", aggregators[i].instance);
        aggregators[i].kill_and_restart(&url, &p.prefix);
    }
    publisher.await.unwrap();

    // Everything published is enriched or rejected.
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let done =
            p.stream_messages(Stream::Enriched).await + p.stream_messages(Stream::Rejected).await;
        if done >= published {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "only {done} of {published} through the pipeline"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let articles = p.enriched().await;
    let rejections = p.rejections().await;
    eprintln!("{} enriched, rejected: {rejections:?}", articles.len());
    assert!(
        articles.len() as u64 >= published * 9 / 10,
        "most articles are accepted"
    );

    // Wait until every aggregator covers all of them.
    let http = reqwest::Client::new();
    let total = articles.len() as u64;
    for a in &aggregators {
        let deadline = Instant::now() + Duration::from_secs(300);
        loop {
            let stats = get(&http, &format!("http://{}/api/stats", a.admin)).await;
            let n = stats
                .as_ref()
                .map_or(0, |s| s["articles"].as_u64().unwrap_or(0));
            assert!(
                n <= total,
                "counted {n} articles of {total}: double counting"
            );
            if n == total {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{}: {n} of {total} aggregated",
                a.instance
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
    if aggregators.len() > 1 {
        // The partitions are divided: each instance owns some.
        let stats = get(&http, &format!("http://{}/api/stats", aggregators[0].admin))
            .await
            .unwrap();
        let owners: BTreeSet<&str> = stats["partitions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["owner"].as_str())
            .collect();
        assert_eq!(owners.len(), aggregators.len(), "owners: {stats}");
    }
    for a in &aggregators {
        check(&http, &a.admin, &articles).await;
    }
    drop(aggregators);
    p.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replay_through_the_pipeline_matches_the_reference() {
    run(&["solo"], 0).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_are_exact_after_three_sigkills() {
    run(&["solo"], 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_aggregators_sharing_the_partitions_are_exact_after_sigkills() {
    run(&["agg-a", "agg-b"], 3).await;
}
