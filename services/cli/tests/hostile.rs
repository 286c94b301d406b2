//! The hostile input corpus (`tests/fixtures/hostile/`, listed with the outcome each
//! must have in its `index.tsv`) published through the whole pipeline on a real
//! nats-server, one input at a time: each is either enriched (its spans inside its
//! text, what the design says is cleaned gone from it) or rejected on
//! `…articles.rejected` by the expected stage with the expected reason, the rejection
//! counters count exactly those, no service stops or stalls (a good article published
//! after all of them is enriched), and the memory of the process that runs the three
//! services stays bounded. Then the whole corpus is published at once on a fresh
//! pipeline: the same outcomes, counted the same, and a good article after them.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream::consumer;
use async_nats::HeaderMap;
use futures::StreamExt;
use marsad_messages::{EnrichedArticle, Rejection, Stream};

mod support;

use support::pipeline::{check_spans, seed, Pipeline, WAIT};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// Where a case is published.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Raw,
    Ingested,
}

/// What must come of a case.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    Enriched,
    Rejected {
        stage: String,
        reason: String,
    },
    /// Refused by the NATS client before it reaches the server (over `max_payload`).
    RefusedByNats,
    /// Refused by JetStream when it is published (headers over 64 KB).
    RefusedByJetStream,
}

#[derive(Debug, Clone)]
struct Case {
    file: String,
    target: Target,
    headers: Vec<(String, String)>,
    expect: Expect,
    /// Strings the enriched text (and title) must contain / must not contain.
    present: Vec<String>,
    absent: Vec<String>,
    description: String,
}

/// `\u{1b}` escapes in the index's check column (it stays readable text).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find('}').expect("closed escape") + at;
        let code = u32::from_str_radix(&rest[at + 3..end], 16).expect("hex escape");
        out.push(char::from_u32(code).expect("a scalar value"));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn cases() -> Vec<Case> {
    let index = std::fs::read_to_string(corpus_dir().join("index.tsv")).unwrap();
    let mut cases = Vec::new();
    for line in index
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 5, "index.tsv: {line}");
        let mut target = cols[1].split(':');
        let (target, headers) = match (target.next(), target.next()) {
            (Some(t), header) => (
                match t {
                    "raw" => Target::Raw,
                    "ingested" => Target::Ingested,
                    other => panic!("{}: subject {other}", cols[0]),
                },
                header
                    .map(|h| {
                        let (name, value) = h.split_once('=').unwrap();
                        vec![(name.to_string(), value.to_string())]
                    })
                    .unwrap_or_default(),
            ),
            _ => unreachable!(),
        };
        let expect = match cols[2].split(':').collect::<Vec<_>>()[..] {
            ["enriched"] => Expect::Enriched,
            ["refused", "nats"] => Expect::RefusedByNats,
            ["refused", "jetstream"] => Expect::RefusedByJetStream,
            ["rejected", stage, reason] => Expect::Rejected {
                stage: stage.to_string(),
                reason: reason.to_string(),
            },
            _ => panic!("{}: expect {}", cols[0], cols[2]),
        };
        let (mut present, mut absent) = (Vec::new(), Vec::new());
        for check in cols[3].split(';').filter(|c| *c != "-") {
            let text = unescape(&check[1..]);
            match check.as_bytes()[0] {
                b'=' => present.push(text),
                b'!' => absent.push(text),
                _ => panic!("{}: check {check}", cols[0]),
            }
        }
        cases.push(Case {
            file: cols[0].to_string(),
            target,
            headers,
            expect,
            present,
            absent,
            description: cols[4].to_string(),
        });
    }
    cases
}

/// A large input from its recipe: `prefix`, then `unit` repeated, then `suffix`,
/// `total_bytes` long in all (padded with spaces; `max_payload` is the server's limit),
/// and optionally a header of `bytes` bytes of `unit`.
fn generate(recipe: &serde_json::Value, max_payload: usize) -> (Vec<u8>, Vec<(String, String)>) {
    let text = |key: &str| recipe[key].as_str().unwrap().to_string();
    let (prefix, unit, suffix) = (text("prefix"), text("unit"), text("suffix"));
    let total = match &recipe["total_bytes"] {
        serde_json::Value::Number(n) => n.as_u64().unwrap() as usize,
        serde_json::Value::String(s) if s == "max_payload" => max_payload,
        serde_json::Value::String(s) if s == "max_payload+1" => max_payload + 1,
        serde_json::Value::Null => prefix.len() + suffix.len(),
        other => panic!("total_bytes {other}"),
    };
    let mut body = prefix;
    if !unit.is_empty() {
        let room = total - body.len() - suffix.len();
        body.push_str(&unit.repeat(room / unit.len()));
    }
    body.push_str(&suffix);
    let pad = total.saturating_sub(body.len());
    if recipe["prefix"].as_str().unwrap().starts_with('{') {
        // Inside JSON the padding goes before the closing brace, as whitespace.
        let close = body.rfind('}').unwrap();
        body.insert_str(close, &" ".repeat(pad));
    } else {
        body.push_str(&" ".repeat(pad));
    }
    assert_eq!(body.len(), total);
    let headers = match recipe.get("header") {
        Some(h) => vec![(
            h["name"].as_str().unwrap().to_string(),
            h["unit"]
                .as_str()
                .unwrap()
                .repeat(h["bytes"].as_u64().unwrap() as usize),
        )],
        None => Vec::new(),
    };
    (body.into_bytes(), headers)
}

fn payload_of(case: &Case, max_payload: usize) -> (Vec<u8>, Vec<(String, String)>) {
    let bytes = std::fs::read(corpus_dir().join(&case.file)).unwrap();
    if case.file.ends_with(".recipe.json") {
        let recipe: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let (payload, mut headers) = generate(&recipe, max_payload);
        headers.extend(case.headers.iter().cloned());
        (payload, headers)
    } else {
        (bytes, case.headers.clone())
    }
}

/// The process's resident memory now and at its peak (`VmRSS`, `VmHWM`), in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("{name} in /proc/self/status"))
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// What no enriched text may hold: controls other than tab and line break, the
/// byte-order mark and the bidi embedding/override/isolate controls (ingest's
/// `clean_line`).
fn uncleaned(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || c == '\u{FEFF}'
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Publishes a case; `None` when the client refused it (as the case expects).
async fn send(
    p: &Pipeline,
    case: &Case,
    max_payload: usize,
) -> Option<async_nats::jetstream::context::PublishAckFuture> {
    let (payload, headers) = payload_of(case, max_payload);
    let subject = match case.target {
        Target::Raw => p.subjects.raw(),
        Target::Ingested => p.subjects.ingested(),
    };
    let publish = if headers.is_empty() {
        p.js.publish(subject, payload.into()).await
    } else {
        let mut map = HeaderMap::new();
        for (name, value) in &headers {
            map.insert(name.as_str(), value.as_str());
        }
        p.js.publish_with_headers(subject, map, payload.into())
            .await
    };
    if case.expect == Expect::RefusedByNats {
        let error = publish.expect_err(&case.file).to_string();
        assert!(error.contains("exceeded"), "{}: {error}", case.file);
        return None;
    }
    Some(publish.unwrap_or_else(|e| panic!("{}: publish: {e}", case.file)))
}

/// Checks a case's publish acknowledgement; whether the input entered the pipeline.
fn settle(
    case: &Case,
    ack: Result<
        async_nats::jetstream::publish::PublishAck,
        async_nats::jetstream::context::PublishError,
    >,
) -> bool {
    if case.expect == Expect::RefusedByJetStream {
        let error = ack.expect_err(&case.file).to_string();
        assert!(
            error.contains("header size exceeds"),
            "{}: {error}",
            case.file
        );
        return false;
    }
    ack.unwrap_or_else(|e| panic!("{}: publish ack: {e}", case.file));
    true
}

/// Messages a stream of the pipeline holds.
async fn stream_messages(p: &Pipeline, which: Stream) -> u64 {
    p.js.get_stream(p.subjects.stream(which))
        .await
        .unwrap()
        .info()
        .await
        .unwrap()
        .state
        .messages
}

/// `marsad_<service>_rejected_total` must be `want` for every reason.
async fn assert_rejection_counters(p: &Pipeline, want: &BTreeMap<(String, String), u64>) {
    for service in ["ingest", "enrich"] {
        let metrics = p.text(&format!("{}/metrics", p.admin(service))).await;
        for reason in marsad_messages::RejectReason::ALL {
            let n = want
                .get(&(service.to_string(), reason.as_str().to_string()))
                .copied()
                .unwrap_or(0);
            let line = format!("marsad_{service}_rejected_total{{reason=\"{reason}\"}} {n}");
            assert!(
                metrics.lines().any(|l| l == line),
                "{service}: want {line:?} in\n{}",
                metrics
                    .lines()
                    .filter(|l| l.contains("rejected_total"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

#[test]
fn the_index_lists_every_fixture_once_and_there_are_at_least_fifty() {
    let cases = cases();
    let listed: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.file.as_str()).collect();
    assert_eq!(listed.len(), cases.len(), "a file listed twice");
    let on_disk: std::collections::BTreeSet<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "index.tsv" && n != "README.md")
        .collect();
    let listed: std::collections::BTreeSet<String> =
        listed.into_iter().map(str::to_string).collect();
    assert_eq!(on_disk, listed);
    let distinct: std::collections::BTreeSet<Vec<u8>> =
        cases.iter().map(|c| payload_of(c, 1 << 20).0).collect();
    assert!(distinct.len() >= 50, "{} distinct inputs", distinct.len());
    assert_eq!(
        distinct.len(),
        cases.len(),
        "two cases with the same payload"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_hostile_input_is_enriched_or_rejected_with_its_reason() {
    let cases = cases();
    let p = Pipeline::start().await;
    let client = p.js.client();
    let max_payload = client.server_info().max_payload;

    // Readers of the two streams where an input's outcome appears, from the start.
    let reader = |which: Stream| {
        let js = p.js.clone();
        let name = p.subjects.stream(which);
        async move {
            js.get_stream(name)
                .await
                .unwrap()
                .create_consumer(consumer::pull::Config {
                    ack_policy: consumer::AckPolicy::None,
                    ..Default::default()
                })
                .await
                .unwrap()
                .messages()
                .await
                .unwrap()
        }
    };
    let mut enriched = reader(Stream::Enriched).await;
    let mut rejected = reader(Stream::Rejected).await;

    // A good article first, so that the memory baseline has every model loaded and
    // every buffer warmed.
    p.publish(&[seed("003")]).await;
    let warm = tokio::time::timeout(WAIT, enriched.next())
        .await
        .expect("the warm-up article is enriched")
        .unwrap()
        .unwrap();
    let warm: EnrichedArticle = serde_json::from_slice(&warm.payload).unwrap();
    assert_eq!(warm.id, "b9d83bca9ea606cd");
    let (rss_before, _) = memory_kib();

    let mut want_rejected: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut enriched_count = 0;
    for case in &cases {
        let payload = payload_of(case, max_payload).0;
        let started = std::time::Instant::now();
        let Some(ack) = send(&p, case, max_payload).await else {
            continue;
        };
        if !settle(case, ack.await) {
            continue;
        }

        // Exactly one outcome per input; the next message on either stream is it. A
        // message that fails is retried with back-off up to max_deliver times (its
        // handling can take seconds in a debug build), so it is given longer.
        let wait = match &case.expect {
            Expect::Rejected { reason, .. } if reason == "handler_failed" => WAIT * 4,
            _ => WAIT,
        };
        let outcome = tokio::time::timeout(wait, async {
            loop {
                // The readers' heartbeats can be missed while a large article's handling
                // keeps this process's threads busy: a reader error is not an outcome.
                tokio::select! {
                    m = enriched.next() => {
                        if let Ok(m) = m.expect("the enriched reader ended") {
                            break Ok(m.payload.clone());
                        }
                    }
                    m = rejected.next() => {
                        if let Ok(m) = m.expect("the rejected reader ended") {
                            break Err(m.payload.clone());
                        }
                    }
                }
            }
        })
        .await
        .unwrap_or_else(|_| {
            panic!(
                "{} ({}): neither enriched nor rejected within {wait:?}",
                case.file, case.description
            )
        });
        if started.elapsed() > Duration::from_secs(2) {
            eprintln!("{}: outcome after {:?}", case.file, started.elapsed());
        }
        let before = failures.len();
        match (&case.expect, outcome) {
            (Expect::Enriched, Ok(message)) => {
                enriched_count += 1;
                let a: EnrichedArticle = serde_json::from_slice(&message).unwrap();
                check_spans(&a);
                let shown = format!("{}\n{}", a.title.clone().unwrap_or_default(), a.text);
                if let Some(c) = shown.chars().find(|c| uncleaned(*c)) {
                    failures.push(format!("{}: {c:?} left in the text", case.file));
                }
                for want in &case.present {
                    if !shown.contains(want.as_str()) {
                        failures.push(format!("{}: {want:?} missing from the text", case.file));
                    }
                }
                for unwanted in &case.absent {
                    if shown.contains(unwanted.as_str()) {
                        failures.push(format!("{}: {unwanted:?} left in the text", case.file));
                    }
                }
            }
            (Expect::Rejected { stage, reason }, Err(message)) => {
                let r: Rejection = serde_json::from_slice(&message).unwrap();
                *want_rejected
                    .entry((stage.clone(), reason.clone()))
                    .or_default() += 1;
                if (&r.stage, r.reason.as_str()) != (stage, reason.as_str()) {
                    failures.push(format!(
                        "{}: rejected by {} as {} ({}), expected {stage} {reason}",
                        case.file, r.stage, r.reason, r.message
                    ));
                }
                assert!(!r.message.is_empty(), "{}", case.file);
                assert!(r.message.len() <= 4096, "{}: message unbounded", case.file);
                for (name, value) in &r.headers {
                    assert!(
                        name.len() <= 1027 && value.len() <= 1027,
                        "{}: header {name} kept whole ({} bytes)",
                        case.file,
                        value.len()
                    );
                }
                if case.target == Target::Raw && r.stage == "ingest" {
                    // What is kept is the start of the original, byte for byte.
                    assert_eq!(r.payload_bytes, payload.len(), "{}", case.file);
                    let kept = r.payload_bytes_kept();
                    assert!(
                        !kept.is_empty() && payload.starts_with(&kept),
                        "{}: the payload is not kept byte for byte",
                        case.file
                    );
                }
            }
            (_, Ok(message)) => {
                let a: EnrichedArticle = serde_json::from_slice(&message).unwrap();
                enriched_count += 1;
                failures.push(format!(
                    "{}: enriched as {} ({} chars), expected {:?}",
                    case.file,
                    a.id,
                    a.text.chars().count(),
                    case.expect
                ));
            }
            (_, Err(message)) => {
                let r: Rejection = serde_json::from_slice(&message).unwrap();
                *want_rejected
                    .entry((r.stage.clone(), r.reason.as_str().to_string()))
                    .or_default() += 1;
                failures.push(format!(
                    "{}: rejected by {} as {} ({}), expected {:?}",
                    case.file, r.stage, r.reason, r.message, case.expect
                ));
            }
        }
        for failure in &failures[before..] {
            eprintln!("FAILED {failure}");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Nothing stalled: a good article published after all of them is enriched, and
    // every service is still running.
    p.publish(&[seed("004")]).await;
    let last = tokio::time::timeout(WAIT, enriched.next())
        .await
        .expect("the article after the hostile ones is enriched")
        .unwrap()
        .unwrap();
    let last: EnrichedArticle = serde_json::from_slice(&last.payload).unwrap();
    assert_eq!(last.id, "f2efc7c7d7c4a348");
    for (name, running) in &p.services {
        assert!(!running.task.is_finished(), "{name} stopped");
    }
    // Nothing was published twice or left over: the streams hold one outcome per input.
    assert_eq!(
        stream_messages(&p, Stream::Enriched).await,
        enriched_count + 2
    );
    let rejections: u64 = want_rejected.values().sum();
    assert_eq!(stream_messages(&p, Stream::Rejected).await, rejections);
    // The rejection counters count each rejection once, under its reason.
    assert_rejection_counters(&p, &want_rejected).await;

    // Memory stays bounded: once the 1 MB inputs are handled their buffers are freed.
    // Measured: 30 MiB before the corpus, 69 MiB after and at the peak (the corpus
    // holds twenty inputs of 0.3–1 MB, and the enrichment of one is a few MB).
    let (rss_after, peak) = memory_kib();
    eprintln!("resident memory: {rss_before} KiB before the corpus, {rss_after} KiB after, peak {peak} KiB");
    assert!(
        rss_after < rss_before + 128 * 1024,
        "RSS grew from {rss_before} KiB to {rss_after} KiB"
    );
    assert!(peak < 512 * 1024, "peak RSS {peak} KiB");
    p.stop().await;

    // The whole corpus at once, on a fresh pipeline: batches of large and hostile
    // messages together come to the same outcomes, and a good article still follows.
    let p = Pipeline::start().await;
    let mut acks = Vec::new();
    for case in &cases {
        if let Some(ack) = send(&p, case, max_payload).await {
            acks.push((case, ack));
        }
    }
    for (case, ack) in acks {
        settle(case, ack.await);
    }
    p.publish(&[seed("004")]).await;
    let deadline = tokio::time::Instant::now() + 4 * WAIT;
    loop {
        let enriched = stream_messages(&p, Stream::Enriched).await;
        let rejected = stream_messages(&p, Stream::Rejected).await;
        if enriched == enriched_count + 1 && rejected == rejections {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "after the burst: {enriched} enriched and {rejected} rejected, want {} and {rejections}",
            enriched_count + 1
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_rejection_counters(&p, &want_rejected).await;
    for (name, running) in &p.services {
        assert!(!running.task.is_finished(), "{name} stopped");
    }
    let (rss_burst, peak) = memory_kib();
    eprintln!("resident memory after the burst: {rss_burst} KiB, peak {peak} KiB");
    assert!(peak < 512 * 1024, "peak RSS {peak} KiB");
    p.stop().await;
}
