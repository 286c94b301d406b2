//! Ingest's near-duplicate band claims on a real nats-server: one message per article
//! on the bands stream, followed by every ingest replica into memory
//! (`marsad_runtime::claims`).
//!
//! 1. Two claim logs (two replicas' views) claiming overlapping keys at the same time
//!    give exactly the answers of the stream's order; a retry of a claim gets its first
//!    answer back without a second message; a log started afterwards (a restarted
//!    replica, nothing on disk) rebuilds from the stream and answers the same.
//! 2. Two ingest processes share a stream of repeated articles; one is killed
//!    (SIGKILL) in the middle and restarted, then the other is stopped and more copies
//!    are sent to the restarted one alone. Every article is ingested exactly once and
//!    claimed exactly once, its `duplicate_of` is what the claims' order says, each
//!    group of copies has at most one original — its earliest claim — and every copy
//!    sent after the restart is found (the restarted replica rebuilt its index from
//!    NATS).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream;
use bytes::Bytes;
use marsad_cli::procs::{self, Program, ServiceProcess};
use marsad_ingest::neardup::{self, Holder};
use marsad_messages::{IngestedArticle, Stream, Subjects};
use marsad_runtime::claims::{self, ClaimLog, ClaimSpec};
use marsad_runtime::local_nats::{free_port, LocalNats, LocalNatsOptions};
use marsad_runtime::settings::BusSettings;

const WAIT: Duration = Duration::from_secs(120);

fn start_nats() -> LocalNats {
    LocalNats::start(LocalNatsOptions::default())
        .expect("nats-server must be installed (the README's test command installs it)")
}

fn bus(prefix: &str) -> BusSettings {
    BusSettings {
        prefix: prefix.to_string(),
        partitions: 4,
        replicas: 1,
        storage: "file".to_string(),
        max_age_hours: 24,
        duplicate_window_secs: 600,
    }
}

/// For each claim of the stream, in its order: the value each of its keys holds, the
/// earliest claim's (no claim here is old enough to stop counting).
fn by_the_streams_order(payloads: &[Bytes]) -> Vec<(Vec<u64>, Bytes, Vec<Bytes>)> {
    let mut first: HashMap<u64, Bytes> = HashMap::new();
    payloads
        .iter()
        .map(|p| {
            let (keys, value) = claims::decode(p).expect("a claim");
            let held = keys
                .iter()
                .map(|k| first.entry(*k).or_insert_with(|| value.clone()).clone())
                .collect();
            (keys, value, held)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_logs_answer_in_the_streams_order_and_a_retry_or_a_restart_gets_the_same() {
    let mut nats = start_nats();
    let prefix = format!("c{}x{}", std::process::id(), free_port());
    let subjects = Subjects::new(&prefix);
    let spec = ClaimSpec {
        stream: subjects.bands_stream(),
        subject: subjects.bands(),
        ttl: Duration::from_secs(3600),
        max_claims: 10_000,
    };
    let bus = bus(&prefix);
    let connect = || async { jetstream::new(async_nats::connect(nats.url()).await.unwrap()) };
    let a = ClaimLog::start(connect().await, &bus, spec.clone())
        .await
        .unwrap();
    let b = ClaimLog::start(connect().await, &bus, spec.clone())
        .await
        .unwrap();

    // 400 claims, half through each log, all at once; keys overlap a lot (40 distinct).
    let claim_of = |i: u64| -> (String, Vec<u64>, Bytes) {
        (
            format!("id-{i}"),
            vec![i % 13, 100 + i % 17, 200 + i % 10],
            Bytes::from(format!("value-{i}")),
        )
    };
    let mut tasks = Vec::new();
    for i in 0..400u64 {
        let log = if i % 2 == 0 { a.clone() } else { b.clone() };
        let (id, keys, value) = claim_of(i);
        tasks.push(tokio::spawn(async move {
            let held = log.claim(&id, &keys, value.clone()).await.unwrap();
            (value, held)
        }));
    }
    let mut answers: BTreeMap<Bytes, Vec<Bytes>> = BTreeMap::new();
    for task in tasks {
        let (value, held) = task.await.unwrap();
        answers.insert(value, held);
    }

    let js = connect().await;
    let stream = procs::read_stream(&js, &spec.stream, WAIT).await.unwrap();
    assert_eq!(stream.len(), 400, "one message per claim");
    let expected = by_the_streams_order(&stream);
    for (_, value, held) in &expected {
        assert_eq!(&answers[value], held, "{value:?}");
    }
    // Both logs were used, and some keys were held by a claim of the other log.
    let foreign = expected
        .iter()
        .filter(|(_, value, held)| held.iter().any(|h| h != value))
        .count();
    assert!(foreign > 300, "{foreign}");

    // A retry (the same id) gets its first answer and adds nothing to the stream, through
    // either log and through one started now, which has only the stream to go by.
    let c = ClaimLog::start(connect().await, &bus, spec.clone())
        .await
        .unwrap();
    for i in [0u64, 1, 57, 398, 399] {
        let (id, keys, value) = claim_of(i);
        for log in [&a, &b, &c] {
            let held = log.claim(&id, &keys, value.clone()).await.unwrap();
            assert_eq!(held, answers[&value], "retry of {id}");
        }
    }
    let stream = procs::read_stream(&js, &spec.stream, WAIT).await.unwrap();
    assert_eq!(stream.len(), 400, "a retry is not a second claim");
    // Its index holds them all.
    assert_eq!(c.len(), 400);
    nats.stop();
}

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../aggregate/tests/fixtures/ant-iraq-200.jsonl")
}

async fn count(js: &jetstream::Context, stream: &str) -> u64 {
    match js.get_stream(stream).await {
        Ok(mut s) => s.info().await.map(|i| i.state.messages).unwrap_or(0),
        Err(_) => 0,
    }
}

/// Waits until the ingest durable has nothing pending or unacknowledged and `want`
/// articles are out.
async fn settle(js: &jetstream::Context, subjects: &Subjects, want: u64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let out = count(js, &subjects.stream(Stream::Ingested)).await
            + count(js, &subjects.stream(Stream::Rejected)).await;
        let idle = match js.get_stream(subjects.stream(Stream::Raw)).await {
            Ok(stream) => match stream.consumer_info("ingest").await {
                Ok(info) => info.num_pending == 0 && info.num_ack_pending == 0,
                Err(_) => false,
            },
            Err(_) => false,
        };
        if out >= want && idle {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not settled: {out} of {want} out"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn publish(js: &jetstream::Context, subject: &str, articles: &[(String, Vec<u8>)]) {
    for chunk in articles.chunks(50) {
        let mut acks = Vec::new();
        for (id, payload) in chunk {
            let message = jetstream::message::PublishMessage::build()
                .payload(payload.clone().into())
                .message_id(id.clone());
            acks.push(js.send_publish(subject.to_string(), message).await.unwrap());
        }
        for ack in acks {
            ack.await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_ingest_replicas_one_killed_and_restarted_mark_copies_by_the_claims_order() {
    let mut nats = start_nats();
    let prefix = format!("d{}x{}", std::process::id(), free_port());
    let subjects = Subjects::new(&prefix);
    let env: Vec<(String, String)> = [
        ("MARSAD__NATS__URL", nats.url()),
        ("MARSAD__BUS__PREFIX", prefix.clone()),
        ("MARSAD__LOG__LEVEL", "warn".to_string()),
        ("MARSAD__CONSUMER__ACK_WAIT_SECS", "3".to_string()),
        ("MARSAD__CONSUMER__BATCH", "4".to_string()),
        ("MARSAD__CONSUMER__MAX_INFLIGHT", "4".to_string()),
        // What a replica learns as boilerplate is its own (a restarted one starts
        // afresh), and would make copies of one text differ: here they stay identical.
        ("MARSAD__INGEST__LEARN_BOILERPLATE_AFTER", "0".to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let http = reqwest::Client::new();
    let program = || Program::marsad_run(env!("CARGO_BIN_EXE_marsad").as_ref(), "ingest");
    let mut replicas = Vec::new();
    for name in ["ingest-a", "ingest-b"] {
        let mut process = ServiceProcess::spawn(name, program(), &env).unwrap();
        process.wait_ready(&http, WAIT).await.unwrap();
        replicas.push(process);
    }
    let js = jetstream::new(async_nats::connect(nats.url()).await.unwrap());

    // The fixture's 200 articles three times over (ids bench-first-<i>, article i % 200),
    // with ingest-a killed and restarted once a third is in.
    let first = marsad_cli::bench::payloads(&fixture(), 600, "first").unwrap();
    let publisher = {
        let (js, subject, first) = (js.clone(), subjects.raw(), first.clone());
        tokio::spawn(async move { publish(&js, &subject, &first).await })
    };
    let deadline = tokio::time::Instant::now() + WAIT;
    while count(&js, &subjects.stream(Stream::Ingested)).await < 200 {
        assert!(tokio::time::Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    replicas[0].kill();
    replicas[0].restart().unwrap();
    replicas[0].wait_ready(&http, WAIT).await.unwrap();
    publisher.await.unwrap();
    settle(&js, &subjects, 600).await;

    // Then ingest-b stops, and a fourth round goes to the restarted ingest-a alone.
    replicas[1].terminate(Duration::from_secs(30));
    let second = marsad_cli::bench::payloads(&fixture(), 200, "second").unwrap();
    publish(&js, &subjects.raw(), &second).await;
    settle(&js, &subjects, 800).await;

    let ingested: Vec<IngestedArticle> =
        procs::read_stream(&js, &subjects.stream(Stream::Ingested), WAIT)
            .await
            .unwrap()
            .iter()
            .map(|p| serde_json::from_slice(p).unwrap())
            .collect();
    // Exactly once.
    let mut fate: BTreeMap<String, Option<String>> = BTreeMap::new();
    for a in &ingested {
        assert!(
            fate.insert(a.id.clone(), a.duplicate_of.clone()).is_none(),
            "{} ingested twice",
            a.id
        );
    }
    assert_eq!(
        fate.len(),
        800,
        "rejected: {}",
        count(&js, &subjects.stream(Stream::Rejected)).await
    );

    // Claimed once each, and decided as the claims' order says.
    let stream = procs::read_stream(&js, &subjects.bands_stream(), WAIT)
        .await
        .unwrap();
    let order = by_the_streams_order(&stream);
    let mut claimed_at: BTreeMap<String, usize> = BTreeMap::new();
    for (at, (_, value, held)) in order.iter().enumerate() {
        let holder = Holder::decode(value).unwrap();
        assert!(
            claimed_at.insert(holder.id.clone(), at).is_none(),
            "{} claimed twice",
            holder.id
        );
        let expected = neardup::original_of(&holder.id, &holder.signature, held, 0.8);
        assert_eq!(fate[&holder.id], expected, "{}", holder.id);
    }
    assert!(claimed_at.len() > 700, "{} claimed", claimed_at.len());

    // Each group of copies (article i % 200 of the fixture): at most one original, its
    // earliest claim; every copy of the fourth round (after the restart, on the
    // restarted replica alone) is a copy of an earlier article.
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (id, _) in first.iter().chain(&second) {
        let i: usize = id.rsplit('-').next().unwrap().parse().unwrap();
        groups.entry(i % 200).or_default().push(id.clone());
    }
    let mut originals = 0;
    for ids in groups.values() {
        let mut claimed: Vec<&String> = ids
            .iter()
            .filter(|id| claimed_at.contains_key(*id))
            .collect();
        claimed.sort_by_key(|id| claimed_at[*id]);
        let free: Vec<&&String> = claimed.iter().filter(|id| fate[**id].is_none()).collect();
        assert!(free.len() <= 1, "{free:?}");
        if let Some(original) = free.first() {
            assert_eq!(original, &&claimed[0], "the earliest claim is the original");
            originals += 1;
        }
    }
    for (id, _) in &second {
        if claimed_at.contains_key(id) {
            assert!(
                fate[id].is_some(),
                "{id} after the restart was not found a copy"
            );
        }
    }
    println!(
        "{} articles, {} claimed, {originals} originals",
        fate.len(),
        claimed_at.len()
    );
    drop(replicas);
    nats.stop();
}
