//! The whole pipeline on a real nats-server: each test starts its own server (free
//! port, temporary JetStream directory) and the three services in this process, under
//! a random subject prefix, publishes articles the way `marsad publish` does, and
//! checks what a user would check: the enriched events, the rejections, the HTTP API,
//! the metrics. A missing nats-server fails the test; the README's test command
//! installs it.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use marsad_cli::inputs;
use marsad_messages::{EnrichedArticle, Rejection, Stream};
use marsad_runtime::settings::Layered;

mod support;

use support::pipeline::{assert_offsets, raw, seed, seeds_dir, Pipeline, WAIT};

/// An API answer's `items` as `key → (mentions, articles)`.
fn tallies(body: &serde_json::Value, key: &str) -> HashMap<String, (u64, u64)> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row[key].as_str().unwrap().to_string(),
                (
                    row["mentions"].as_u64().unwrap(),
                    row["articles"].as_u64().unwrap(),
                ),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_seeds_flow_through_the_pipeline() {
    let p = Pipeline::start().await;
    let seeds = inputs::read_all(&[seeds_dir()]).unwrap();
    assert_eq!(seeds.len(), 5);
    p.publish(&seeds).await;

    let enriched: Vec<EnrichedArticle> = p.read(Stream::Enriched, |got| got.len() >= 5).await;
    assert_eq!(enriched.len(), 5, "five seeds in, five enriched out");
    let by_id: BTreeMap<&str, &EnrichedArticle> =
        enriched.iter().map(|a| (a.id.as_str(), a)).collect();
    // The seeds carry no client id and no url: the id is the hash of the normalized
    // body, so these values are stable across runs and machines.
    let expected = [
        ("000", "289be072149a0f2e"),
        ("001", "74e10d1f6b771045"),
        ("002", "de0d2ce0012174dd"),
        ("003", "b9d83bca9ea606cd"),
        ("004", "f2efc7c7d7c4a348"),
    ];
    for (seed, id) in expected {
        assert!(
            by_id.contains_key(id),
            "seed {seed}: no enriched article {id}"
        );
    }
    // Seeds 002 and 004 open with a headline line; the others open with news.
    assert_eq!(
        by_id["de0d2ce0012174dd"].title.as_deref(),
        Some("الكاظمي يرفع التأهب الأمني في البلاد")
    );
    assert_eq!(
        by_id["f2efc7c7d7c4a348"].title.as_deref(),
        Some("خلال 2021.. رئيس الحكومة العراقية يكشف الدور الأمنى ضد «داعش»")
    );
    for id in ["289be072149a0f2e", "74e10d1f6b771045", "b9d83bca9ea606cd"] {
        assert_eq!(by_id[id].title, None, "{id}");
    }
    // Site chrome of the seeds (newsletter invitation, comment policy, breadcrumb)
    // is gone; the news around it is kept.
    for a in &enriched {
        for chrome in [
            "هل أعجبك المحتوى",
            "اشترك بنشرتنا البريدية",
            "نسعد بمشاركتك",
            "تعليقات الموقع",
            "الرئيسية دولي",
        ] {
            assert!(
                !a.text.contains(chrome),
                "{}: {chrome:?} left in text",
                a.id
            );
        }
        assert_eq!(a.schema, "marsad.enriched/v1");
        assert_offsets(a);
    }
    assert!(by_id["289be072149a0f2e"]
        .text
        .ends_with("حتى أُعلن النصر عليه في (9 ديسمبر 2017)."));
    // The prime minister is found and linked in the articles about him.
    let kadhimi = |a: &EnrichedArticle| {
        a.entities
            .iter()
            .any(|e| e.id == "person:mustafa-al-kadhimi")
    };
    assert!(enriched.iter().filter(|a| kadhimi(a)).count() >= 4);

    // Aggregate: wait until it has seen all five, then compare with the events.
    let api = p.admin("aggregate");
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let stats = p.get(&format!("{api}/api/stats")).await;
        if stats["articles"] == 5 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "aggregate saw {stats}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for entity_type in ["PERSON", "ORG", "LOC"] {
        let mut want: HashMap<String, (u64, u64)> = HashMap::new();
        for a in &enriched {
            for e in a
                .entities
                .iter()
                .filter(|e| e.entity_type.as_str() == entity_type)
            {
                let row = want.entry(e.id.clone()).or_default();
                row.0 += e.mentions.len() as u64;
                row.1 += 1;
            }
        }
        let top = p
            .get(&format!(
                "{api}/api/top?type={entity_type}&hours=24&limit=500"
            ))
            .await;
        let got = tallies(&top, "id");
        assert_eq!(got, want, "{entity_type}");
        assert!(!got.is_empty(), "{entity_type}: nothing counted");
    }
    // Governorates: mentions of places in each, and articles naming it.
    let mut want: HashMap<String, (u64, u64)> = HashMap::new();
    for a in &enriched {
        let mut here: HashMap<String, u64> = HashMap::new();
        for e in a
            .entities
            .iter()
            .filter(|e| e.entity_type.as_str() == "LOC")
        {
            if let Some(code) = e.geo.as_ref().and_then(|g| g.adm1.clone()) {
                *here.entry(code).or_default() += e.mentions.len() as u64;
            }
        }
        for (code, mentions) in here {
            let row = want.entry(code).or_default();
            row.0 += mentions;
            row.1 += 1;
        }
    }
    let governorates = p.get(&format!("{api}/api/governorates?hours=24")).await;
    let got = tallies(&governorates, "adm1");
    assert_eq!(got, want);
    // The five governorates of the ISIS reports, each named in several seeds.
    for code in ["IQ-KI", "IQ-SD", "IQ-AN", "IQ-DI", "IQ-NI"] {
        assert!(
            got.get(code).is_some_and(|(_, n)| *n >= 2),
            "{code}: {got:?}"
        );
    }
    // Seed 002's dead are counted where they died: the eleven (two foreign contractors
    // and nine Iraqis, "مقتل متعاقدَين أجنبيين وتسعة عراقيين") after the attacks on the
    // US embassy in Baghdad; the eighteen "في مناطق متفرقة من البلاد" in no one
    // governorate, so for the country as a whole.
    let casualties = |row: &serde_json::Value| row["casualties"]["KILLED"].as_u64();
    let baghdad = governorates["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["adm1"] == "IQ-BG")
        .expect("Baghdad is named in the seeds");
    assert_eq!(casualties(baghdad), Some(11), "{baghdad}");
    assert_eq!(
        casualties(&governorates["unattributed"]),
        Some(18),
        "{governorates}"
    );
    // Every documented route answers its documented parameters with a documented
    // status, and refuses one it does not know.
    let spec: serde_json::Value =
        serde_json::from_str(include_str!("../../aggregate/openapi.json")).unwrap();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if path == "/api/stream" {
            continue;
        }
        let params = item["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let query: Vec<String> = params
            .iter()
            .filter(|p| p["in"] == "query" && !p["example"].is_null())
            .map(|p| {
                let example = p["example"].to_string();
                format!(
                    "{}={}",
                    p["name"].as_str().unwrap(),
                    example.trim_matches('"')
                )
            })
            .collect();
        let url = format!(
            "{api}{}?{}",
            path.replace("{id}", "de0d2ce0012174dd"),
            query.join("&")
        );
        let response = p.http.get(&url).send().await.unwrap();
        let status = response.status().as_u16().to_string();
        assert!(
            item["get"]["responses"].get(&status).is_some(),
            "GET {url}: {status} is not documented"
        );
        if params.iter().any(|p| p["in"] == "query") {
            let bogus = format!("{api}{}?bogus=1", path.replace("{id}", "x"));
            let status = p.http.get(&bogus).send().await.unwrap().status();
            assert_eq!(status, 400, "GET {bogus}");
        }
    }
    // Alerts: seed 002's eleven dead in Baghdad reach the casualty threshold (10), and
    // its story reports deaths. Each situation is published once, on its kind's subject,
    // with its evidence, and listed by the API.
    let alerts: Vec<serde_json::Value> = p
        .read(Stream::Alerts, |got: &[serde_json::Value]| {
            ["casualties", "story_fatalities"]
                .iter()
                .all(|k| got.iter().any(|a| a["kind"] == *k))
        })
        .await;
    let casualty = alerts
        .iter()
        .find(|a| a["kind"] == "casualties")
        .unwrap_or_else(|| panic!("no casualty alert in {alerts:?}"));
    assert_eq!(casualty["key"], "IQ-BG");
    assert_eq!(casualty["evidence"]["killed"], 11);
    let story = alerts
        .iter()
        .find(|a| a["kind"] == "story_fatalities")
        .unwrap();
    assert_eq!(story["evidence"]["killed"]["figure"], 18, "{story}");
    let mut seen = std::collections::BTreeSet::new();
    for a in &alerts {
        assert!(
            seen.insert((a["id"].to_string(), a["update"].to_string())),
            "published twice: {a}"
        );
    }
    // The list is the leader's book, taken as soon as the alerts are published.
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let listed = p.get(&format!("{api}/api/alerts")).await;
        if listed["total"].as_u64().unwrap() >= 2 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{listed}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The whole article is read back from the stream.
    let whole = p.get(&format!("{api}/api/articles/de0d2ce0012174dd")).await;
    assert_eq!(whole["id"], "de0d2ce0012174dd");
    let recent = p.get(&format!("{api}/api/articles/recent")).await;
    let mut recent_ids: Vec<&str> = recent["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    recent_ids.sort();
    assert_eq!(recent_ids, by_id.keys().copied().collect::<Vec<_>>());

    p.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn duplicates_arrive_once_and_bad_input_is_rejected_with_a_reason() {
    let p = Pipeline::start().await;
    let first = seed("000");
    // Oversized: Arabic text above the default 768 KiB limit (NATS's own is 1 MiB).
    let huge = "خبر ".repeat(800_000 / "خبر ".len() + 1);
    p.publish(&[
        first.clone(),
        first.clone(),
        raw(br#"{"body": "unterminated"#),
        raw(&[0xD8, 0xA7, 0xFF, 0xFE, 0x20, 0xD8]),
        raw(b""),
        raw(huge.as_bytes()),
        // The pipeline goes on after all of that.
        seed("001"),
    ])
    .await;

    let rejected: Vec<Rejection> = p.read(Stream::Rejected, |got| got.len() >= 5).await;
    let mut reasons: Vec<&str> = rejected.iter().map(|r| r.reason.as_str()).collect();
    reasons.sort();
    // The second copy of seed 000 leaves a trace too: nothing is dropped silently.
    assert_eq!(
        reasons,
        [
            "duplicate",
            "empty_body",
            "invalid_json",
            "invalid_utf8",
            "too_large"
        ]
    );
    let duplicate = rejected
        .iter()
        .find(|r| r.reason.as_str() == "duplicate")
        .unwrap();
    assert_eq!(duplicate.article_id.as_deref(), Some("289be072149a0f2e"));
    for r in &rejected {
        assert_eq!(r.stage, "ingest");
        assert!(!r.message.is_empty());
    }
    // The invalid UTF-8 payload is kept byte for byte (base64).
    let utf8 = rejected
        .iter()
        .find(|r| r.reason.as_str() == "invalid_utf8")
        .unwrap();
    assert_eq!(utf8.payload_encoding, "base64");
    assert_eq!(utf8.payload_bytes, 6);

    // Each stage publishes its results from concurrent tasks (`pipeline::run`), so seed
    // 001 may come out before seed 000: wait for both, whatever their order.
    let enriched: Vec<EnrichedArticle> = p
        .read(Stream::Enriched, |got: &[EnrichedArticle]| {
            ["289be072149a0f2e", "74e10d1f6b771045"]
                .iter()
                .all(|id| got.iter().any(|a| a.id == *id))
        })
        .await;
    let mut ids: Vec<&str> = enriched.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    // Seed 000 twice is one article; seed 001, published after, is there too.
    assert_eq!(ids, ["289be072149a0f2e", "74e10d1f6b771045"]);
    let stream =
        p.js.get_stream(p.subjects.stream(Stream::Enriched))
            .await
            .unwrap()
            .info()
            .await
            .unwrap()
            .clone();
    assert_eq!(stream.state.messages, 2);

    // Every service: health, readiness, and its metrics.
    for service in ["ingest", "enrich", "aggregate"] {
        let admin = p.admin(service);
        for path in ["/healthz", "/readyz"] {
            let r = p.http.get(format!("{admin}{path}")).send().await.unwrap();
            assert!(r.status().is_success(), "{service}{path}");
        }
        let metrics = p.text(&format!("{admin}/metrics")).await;
        assert!(
            metrics.contains(&format!("marsad_{service}_articles_total")),
            "{service}: {metrics}"
        );
        assert!(
            metrics.contains(&format!("marsad_{service}_stage_duration_seconds_bucket")),
            "{service}: no latency histogram"
        );
    }
    let ingest_metrics = p.text(&format!("{}/metrics", p.admin("ingest"))).await;
    for reason in [
        "duplicate",
        "empty_body",
        "invalid_json",
        "invalid_utf8",
        "too_large",
    ] {
        let line = ingest_metrics
            .lines()
            .find(|l| {
                l.starts_with("marsad_ingest_rejected_total")
                    && l.contains(&format!("\"{reason}\""))
            })
            .unwrap_or_else(|| panic!("no rejection counter for {reason}"));
        assert!(line.ends_with(" 1"), "{line}");
    }

    p.stop().await;
}

#[test]
fn settings_come_from_the_environment_and_unknown_keys_are_refused() {
    let vars = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    let s = marsad_ingest::Settings::load_with(
        None,
        vars(&[("MARSAD__INGEST__MAX_BODY_BYTES", "1000")]),
    )
    .unwrap();
    assert_eq!(s.ingest.max_body_bytes, 1000);
    let err = marsad_ingest::Settings::load_with(
        None,
        vars(&[("MARSAD__INGEST__MAX_BODY_BYTEZ", "1000")]),
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("max_body_bytez"), "{err:#}");
    let err =
        marsad_enrich::Settings::load_with(None, vars(&[("MARSAD__NATS__URLS", "x")])).unwrap_err();
    assert!(format!("{err:#}").contains("urls"), "{err:#}");
}
