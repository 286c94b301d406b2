//! Near-duplicates across ingest replicas, on a real nats-server: wire copies of the
//! seeds (another source's dateline and sign-off around the same report) are published
//! interleaved to two ingest replicas sharing the work. Every copy is marked with
//! `duplicate_of`, each report has exactly one original, no report is linked to
//! another, the replicas' counters add up, and the aggregate puts each report and its
//! copies in one story.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream::{self, consumer};
use futures::StreamExt;
use marsad_cli::inputs::{self, Input};
use marsad_cli::publish;
use marsad_messages::{EnrichedArticle, Rejection, Stream, Subjects};
use marsad_runtime::local_nats::{LocalNats, LocalNatsOptions};
use marsad_runtime::settings::Layered;

const WAIT: Duration = Duration::from_secs(60);

fn article(id: &str, source: &str, body: &str) -> Input {
    let json = serde_json::json!({ "id": id, "source": source, "body": body });
    Input {
        origin: id.to_string(),
        payload: serde_json::to_vec(&json).unwrap(),
        headers: Vec::new(),
    }
}

/// What syndication does to a report: a dateline in front, the agency's sign-off
/// after, sometimes a paragraph dropped.
fn wire_copy(body: &str, k: usize) -> String {
    let paragraphs: Vec<&str> = body.split("\n\n").collect();
    match k {
        1 => format!("بغداد (وكالات) - {body}"),
        2 => format!("{body}\n\nالمصدر: وكالة الأنباء العراقية (واع)"),
        _ => {
            let kept = &paragraphs[..paragraphs
                .len()
                .saturating_sub(1)
                .max(3)
                .min(paragraphs.len())];
            format!("خاص - {}", kept.join("\n\n"))
        }
    }
}

async fn read<T: serde::de::DeserializeOwned>(
    js: &jetstream::Context,
    subjects: &Subjects,
    which: Stream,
    want: usize,
) -> Vec<T> {
    let stream = js.get_stream(subjects.stream(which)).await.unwrap();
    let consumer = stream
        .create_consumer(consumer::pull::Config {
            ack_policy: consumer::AckPolicy::None,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut messages = consumer.messages().await.unwrap();
    let mut out = Vec::new();
    let deadline = tokio::time::Instant::now() + WAIT;
    while out.len() < want {
        let Ok(Some(message)) = tokio::time::timeout_at(deadline, messages.next()).await else {
            break;
        };
        out.push(serde_json::from_slice(&message.unwrap().payload).unwrap());
    }
    out
}

fn counter(metrics: &str, name: &str) -> u64 {
    metrics
        .lines()
        .find(|l| l.starts_with(name) && !l.starts_with('#'))
        .and_then(|l| l.rsplit(' ').next())
        .map(|v| v.parse::<f64>().unwrap() as u64)
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wire_copies_are_marked_once_across_two_ingest_replicas() {
    let mut nats = LocalNats::start(LocalNatsOptions::default())
        .expect("nats-server must be installed (the README's test command installs it)");
    let http = reqwest::Client::new();
    // One message at a time per replica, so that both take part.
    let one_at_a_time = [
        ("MARSAD__CONSUMER__BATCH", "1"),
        ("MARSAD__CONSUMER__MAX_INFLIGHT", "1"),
    ];
    let started = support::start_services_with(nats.url(), &http, WAIT, &one_at_a_time).await;
    // A second ingest replica on the same durable consumer and bands bucket.
    let env = started.env.clone();
    let settings = marsad_ingest::Settings::load_with(None, env).unwrap();
    let second = marsad_ingest::start(settings, started.shutdown.clone())
        .await
        .unwrap();
    let mut services = started.services;
    services.push(("ingest", second));

    let client = async_nats::connect(nats.url()).await.unwrap();
    let js = jetstream::new(client);
    let subjects = Subjects::new(&started.prefix);
    publish::ensure_raw_stream(&js, &started.bus, &subjects)
        .await
        .unwrap();

    let seeds_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let seeds: Vec<String> = inputs::read_all(&[seeds_dir])
        .unwrap()
        .into_iter()
        .map(|i| String::from_utf8(i.payload).unwrap())
        .collect();
    assert_eq!(seeds.len(), 5);
    // Round by round, so that copies of one report arrive close together and the two
    // replicas handle them at the same moment.
    let mut batch = Vec::new();
    for k in 0..4 {
        for (s, body) in seeds.iter().enumerate() {
            let body = if k == 0 {
                body.clone()
            } else {
                wire_copy(body, k)
            };
            batch.push(article(
                &format!("r{s}-c{k}"),
                &format!("agency-{k}"),
                &body,
            ));
        }
    }
    // The same copy published again is the same article: a duplicate, not a near one.
    batch.push(article("r0-c1", "agency-1", &wire_copy(&seeds[0], 1)));
    publish::publish(&js, &subjects, &batch, |_| {})
        .await
        .unwrap();

    let enriched: Vec<EnrichedArticle> = read(&js, &subjects, Stream::Enriched, 20).await;
    assert_eq!(enriched.len(), 20);
    let report = |id: &str| id.split('-').next().unwrap().to_string();
    let links: BTreeMap<String, Option<String>> = enriched
        .iter()
        .map(|a| (a.id.clone(), a.duplicate_of.clone()))
        .collect();
    for s in 0..5 {
        let group: Vec<&String> = links
            .keys()
            .filter(|id| report(id) == format!("r{s}"))
            .collect();
        assert_eq!(group.len(), 4);
        // Exactly one original per report; every copy leads to it, inside its report.
        let originals: Vec<&&String> = group.iter().filter(|id| links[**id].is_none()).collect();
        assert_eq!(originals.len(), 1, "report {s}: {links:?}");
        for id in &group {
            let mut at = (*id).clone();
            let mut seen = BTreeSet::new();
            while let Some(next) = links[&at].clone() {
                assert_eq!(report(&next), report(&at), "{at} → {next}: another report");
                assert!(seen.insert(next.clone()), "a cycle through {next}");
                at = next;
            }
            assert_eq!(&at, *originals[0]);
        }
    }

    // The exact copy is rejected as a duplicate, with its id.
    let rejected: Vec<Rejection> = read(&js, &subjects, Stream::Rejected, 1).await;
    assert_eq!(rejected.len(), 1);
    assert_eq!(rejected[0].reason.as_str(), "duplicate");
    assert_eq!(rejected[0].article_id.as_deref(), Some("r0-c1"));

    // The two replicas' counters add up to the fifteen copies.
    let mut near = 0;
    let mut handled = Vec::new();
    for (name, running) in services.iter().filter(|(n, _)| *n == "ingest") {
        let url = format!("http://{}/metrics", running.admin_addr);
        let metrics = http.get(&url).send().await.unwrap().text().await.unwrap();
        near += counter(&metrics, "marsad_ingest_near_duplicates_total");
        handled.push((
            name,
            counter(&metrics, "marsad_ingest_articles_total{outcome=\"ok\"}"),
        ));
    }
    assert_eq!(near, 15, "{handled:?}");
    assert_eq!(
        handled.iter().map(|(_, n)| n).sum::<u64>(),
        20,
        "{handled:?}"
    );
    println!("articles taken by each ingest replica: {handled:?}");

    // Each report and its copies are one story.
    let (_, aggregate) = services.iter().find(|(n, _)| *n == "aggregate").unwrap();
    let api = format!("http://{}", aggregate.admin_addr);
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let stats = support::get_json(&http, &format!("{api}/api/stats")).await;
        if stats["articles"] == 20 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "aggregate saw {stats}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let stories =
        support::get_json(&http, &format!("{api}/api/stories?hours=100000&limit=100")).await;
    for s in 0..5 {
        let original = format!("r{s}-c0");
        let story = stories["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|st| {
                let id = st["id"].as_str().unwrap();
                let whole = futures::executor::block_on(support::get_json(
                    &http,
                    &format!("{api}/api/stories/{id}"),
                ));
                whole["article_ids"]
                    .as_array()
                    .is_some_and(|ids| ids.iter().any(|i| i == original.as_str()))
            })
            .unwrap_or_else(|| panic!("no story holds {original}: {stories}"));
        assert!(story["articles"].as_u64().unwrap() >= 4, "{story}");
    }

    support::stop_services(&started.shutdown, services).await;
    nats.stop();
}
