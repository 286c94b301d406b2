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

const PARTITIONS: u32 = 4;
/// Every query window: the whole of ANT's eight months (and the last day, below).
const ALL_HOURS: i64 = 24 * 366;

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
            // Small batches: many checkpoints, so a kill lands between them.
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

async fn get(http: &reqwest::Client, url: &str) -> Option<serde_json::Value> {
    let r = http.get(url).send().await.ok()?;
    if !r.status().is_success() {
        return None;
    }
    r.json().await.ok()
}

/// Every item of a paginated list.
async fn all_items(http: &reqwest::Client, url: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    loop {
        let sep = if url.contains('?') { '&' } else { '?' };
        let page = get(http, &format!("{url}{sep}limit=500&offset={}", out.len()))
            .await
            .unwrap_or_else(|| panic!("GET {url}"));
        let items = page["items"].as_array().unwrap().clone();
        let total = page["total"].as_u64().unwrap() as usize;
        assert!(items.len() <= 500, "pages are bounded");
        out.extend(items);
        if out.len() >= total {
            assert_eq!(out.len(), total);
            return out;
        }
    }
}

// ---- The reference: computed here from the enriched articles, by their own rules. ----

fn event_time(a: &EnrichedArticle) -> i64 {
    let parse = |s: &str| {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.unix_timestamp())
    };
    a.published_at
        .as_deref()
        .and_then(parse)
        .or_else(|| parse(&a.received_at))
        .unwrap()
}

/// (mentions, articles) by key.
type Table = BTreeMap<String, (u64, u64)>;

#[derive(Debug, Default, PartialEq)]
struct Reference {
    top: BTreeMap<String, Table>,
    governorates: Table,
    events: Table,
    casualties: Table,
    themes: BTreeMap<String, u64>,
    sources: BTreeMap<String, u64>,
    by_type: Table,
    articles: u64,
}

fn add(t: &mut Table, key: String, mentions: u64) {
    let e = t.entry(key).or_default();
    e.0 += mentions;
    e.1 += 1;
}

/// The articles whose event hour is among the `hours` ending at the latest one.
fn in_window(articles: &[EnrichedArticle], hours: i64) -> Vec<&EnrichedArticle> {
    let end = articles
        .iter()
        .map(event_time)
        .max()
        .unwrap()
        .div_euclid(3600);
    articles
        .iter()
        .filter(|a| event_time(a).div_euclid(3600) > end - hours)
        .collect()
}

fn reference(articles: &[&EnrichedArticle]) -> Reference {
    let mut r = Reference::default();
    for a in articles {
        r.articles += 1;
        *r.sources
            .entry(a.source.clone().unwrap_or_else(|| "unknown".into()))
            .or_default() += 1;
        let mut per_entity: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        let mut per_gov: BTreeMap<String, u64> = BTreeMap::new();
        let mut per_type: BTreeMap<&str, u64> = BTreeMap::new();
        for e in &a.entities {
            *per_entity
                .entry((e.entity_type.as_str(), e.id.as_str()))
                .or_default() += e.mentions.len() as u64;
            *per_type.entry(e.entity_type.as_str()).or_default() += e.mentions.len() as u64;
            if e.entity_type.as_str() == "LOC" {
                if let Some(code) = e.geo.as_ref().and_then(|g| g.adm1.clone()) {
                    *per_gov.entry(code).or_default() += e.mentions.len() as u64;
                }
            }
        }
        for ((t, id), n) in per_entity {
            add(r.top.entry(t.to_string()).or_default(), id.to_string(), n);
        }
        for (code, n) in per_gov {
            add(&mut r.governorates, code, n);
        }
        for (t, n) in per_type {
            add(&mut r.by_type, t.to_string(), n);
        }
        let mut events: BTreeMap<String, u64> = BTreeMap::new();
        for ev in &a.events {
            let adm1 = ev
                .location_id
                .as_ref()
                .and_then(|id| a.entities.iter().find(|e| &e.id == id))
                .and_then(|e| e.geo.as_ref())
                .and_then(|g| g.adm1.clone())
                .unwrap_or_else(|| "none".into());
            *events
                .entry(format!("{adm1}|{}", ev.event_type))
                .or_default() += 1;
        }
        for (k, n) in events {
            add(&mut r.events, k, n);
        }
        // Which place a count belongs to is the documented attribution rule.
        for ((adm1, kind), n) in marsad_aggregate::state::casualties(a) {
            add(&mut r.casualties, format!("{adm1}|{kind}"), n);
        }
        for theme in a.themes.iter().collect::<BTreeSet<_>>() {
            *r.themes.entry(theme.clone()).or_default() += 1;
        }
    }
    r
}

/// The same numbers, as the API of one aggregator gives them.
async fn from_api(http: &reqwest::Client, admin: &str, hours: i64) -> Reference {
    let mut r = Reference::default();
    for t in ["PERSON", "ORG", "LOC", "MISC"] {
        for row in all_items(
            http,
            &format!("http://{admin}/api/top?type={t}&hours={hours}"),
        )
        .await
        {
            let table = r.top.entry(t.to_string()).or_default();
            table.insert(
                row["id"].as_str().unwrap().to_string(),
                (
                    row["mentions"].as_u64().unwrap(),
                    row["articles"].as_u64().unwrap(),
                ),
            );
        }
    }
    r.top.retain(|_, t| !t.is_empty());
    let g = get(
        http,
        &format!("http://{admin}/api/governorates?hours={hours}"),
    )
    .await
    .unwrap();
    let mut rows: Vec<serde_json::Value> = g["items"].as_array().unwrap().clone();
    rows.push(serde_json::json!({
        "adm1": "none", "articles": 0, "mentions": 0,
        "events": g["unattributed"]["events"], "casualties": g["unattributed"]["casualties"],
    }));
    // The API gives events and casualties summed; the reference has (sum, articles).
    let mut events = BTreeMap::new();
    let mut casualties = BTreeMap::new();
    for row in rows {
        let code = row["adm1"].as_str().unwrap().to_string();
        if row["articles"].as_u64().unwrap() > 0 {
            r.governorates.insert(
                code.clone(),
                (
                    row["mentions"].as_u64().unwrap(),
                    row["articles"].as_u64().unwrap(),
                ),
            );
        }
        for (t, n) in row["events"].as_object().unwrap() {
            events.insert(format!("{code}|{t}"), n.as_u64().unwrap());
        }
        for (k, n) in row["casualties"].as_object().unwrap() {
            casualties.insert(format!("{code}|{k}"), n.as_u64().unwrap());
        }
    }
    r.events = events.into_iter().map(|(k, n)| (k, (n, 0))).collect();
    r.casualties = casualties.into_iter().map(|(k, n)| (k, (n, 0))).collect();
    for row in g["themes"].as_array().unwrap() {
        r.themes.insert(
            row["theme"].as_str().unwrap().to_string(),
            row["articles"].as_u64().unwrap(),
        );
    }
    for row in g["sources"].as_array().unwrap() {
        r.sources.insert(
            row["source"].as_str().unwrap().to_string(),
            row["articles"].as_u64().unwrap(),
        );
    }
    for row in g["mentions_by_type"].as_array().unwrap() {
        r.by_type.insert(
            row["type"].as_str().unwrap().to_string(),
            (
                row["mentions"].as_u64().unwrap(),
                row["articles"].as_u64().unwrap(),
            ),
        );
    }
    r.articles = g["articles"].as_u64().unwrap();
    r
}

/// Events and casualties: the API sums; compare the sums.
fn sums_only(mut r: Reference) -> Reference {
    for t in [&mut r.events, &mut r.casualties] {
        for v in t.values_mut() {
            v.1 = 0;
        }
    }
    r
}

/// Compares everything one aggregator's API says with the reference.
async fn check(http: &reqwest::Client, admin: &str, articles: &[EnrichedArticle]) {
    for hours in [ALL_HOURS, 24] {
        let want = sums_only(reference(&in_window(articles, hours)));
        let got = from_api(http, admin, hours).await;
        assert!(want.articles > 0, "window of {hours}h has articles");
        assert_eq!(got.articles, want.articles, "{hours}h: volume");
        assert_eq!(got.sources, want.sources, "{hours}h: sources");
        assert_eq!(got.themes, want.themes, "{hours}h: themes");
        assert_eq!(got.by_type, want.by_type, "{hours}h: mentions by type");
        assert_eq!(
            got.governorates, want.governorates,
            "{hours}h: governorates"
        );
        assert_eq!(got.events, want.events, "{hours}h: events");
        assert_eq!(got.casualties, want.casualties, "{hours}h: casualties");
        assert_eq!(got.top, want.top, "{hours}h: entities");
    }
    // Time series of the most mentioned entities, by hour and by day.
    let everything = reference(&in_window(articles, ALL_HOURS));
    let mut ranked: Vec<(&String, &(u64, u64))> =
        everything.top.values().flat_map(|t| t.iter()).collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let end = articles.iter().map(event_time).max().unwrap();
    for (id, _) in ranked.iter().take(3) {
        for (bucket, secs, points) in [("hour", 3600i64, 72i64), ("day", 86_400, 60)] {
            let url = format!(
                "http://{admin}/api/timeseries?entity={id}&bucket={bucket}&points={points}"
            );
            let body = get(http, &url).await.unwrap();
            let got: Vec<u64> = body["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["articles"].as_u64().unwrap())
                .collect();
            let last = end.div_euclid(secs);
            let want: Vec<u64> = (last - points + 1..=last)
                .map(|b| {
                    articles
                        .iter()
                        .filter(|a| event_time(a).div_euclid(secs) == b)
                        .filter(|a| a.entities.iter().any(|e| &e.id == *id))
                        .count() as u64
                })
                .collect();
            assert_eq!(got, want, "{id} by {bucket}");
        }
    }
    // Trending: each row's count and baseline, and which keys reach the minimum.
    let trending = all_items(
        http,
        &format!("http://{admin}/api/trending?hours=24&baseline_hours=168&min_count=2&kind=entity"),
    )
    .await;
    let end_hour = end.div_euclid(3600);
    let articles_naming = |id: &str, from: i64, to: i64| {
        articles
            .iter()
            .filter(|a| (from..=to).contains(&event_time(a).div_euclid(3600)))
            .filter(|a| a.entities.iter().any(|e| e.id == id))
            .count() as u64
    };
    let mut want_keys = BTreeSet::new();
    for table in everything.top.values() {
        for id in table.keys() {
            if articles_naming(id, end_hour - 23, end_hour) >= 2 {
                want_keys.insert(id.clone());
            }
        }
    }
    let got_keys: BTreeSet<String> = trending
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got_keys, want_keys, "trending entities");
    for t in &trending {
        let id = t["key"].as_str().unwrap();
        assert_eq!(
            t["count"],
            articles_naming(id, end_hour - 23, end_hour),
            "{id}"
        );
        assert_eq!(
            t["baseline"],
            articles_naming(id, end_hour - 24 - 167, end_hour - 24),
            "{id} baseline"
        );
        assert!(
            !t["article_ids"].as_array().unwrap().is_empty(),
            "{id}: evidence"
        );
    }
    // Stories: every article in exactly one.
    let stories = all_items(http, &format!("http://{admin}/api/stories")).await;
    let in_stories: u64 = stories
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(in_stories, articles.len() as u64, "articles in stories");
    let ids: BTreeSet<&str> = stories.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), stories.len(), "story ids are unique");
    // An article, read back whole.
    for a in articles.iter().step_by(articles.len() / 5 + 1) {
        let got = get(http, &format!("http://{admin}/api/articles/{}", a.id))
            .await
            .unwrap();
        assert_eq!(got, serde_json::to_value(a).unwrap());
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
