//! Exactly-once aggregation: real articles (200 ANT articles about Iraq, with their real
//! timestamps) are ingested and enriched in-process, published to the enriched
//! partitions, and aggregated by the `marsad-aggregate` binary — which is killed with
//! SIGKILL three times at random moments and restarted. Every count the API gives must
//! then equal the reference computed directly from the enriched articles: nothing lost,
//! nothing counted twice. The same with two aggregators sharing the partitions.

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use marsad_messages::{partition_of, EnrichedArticle, EntityType, Stream, Subjects};
use marsad_runtime::local_nats::{free_port, LocalNats, LocalNatsOptions};
use marsad_runtime::settings::Layered;

const PARTITIONS: u32 = 4;
const HOURS: i64 = 24 * 365;

fn fixture() -> Vec<EnrichedArticle> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ant-iraq-200.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let enrich = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    let meta = marsad_ingest::handler::HeaderMeta::default();
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let raw = serde_json::json!({
                "id": v["docno"], "url": v["url"], "source": v["src"], "title": v["title"],
                "published_at": v["time"], "body": v["text"],
            });
            let article = marsad_ingest::ingest(
                &ingest.ingest,
                raw.to_string().as_bytes(),
                &meta,
                "2026-11-24T10:00:00Z",
            )
            .unwrap();
            marsad_enrich::enrich(&enricher, article)
        })
        .collect()
}

/// What `/api/top` and `/api/governorates` must say: (id → (mentions, articles)).
type Table = BTreeMap<String, (u64, u64)>;

fn reference(articles: &[EnrichedArticle]) -> (BTreeMap<&'static str, Table>, Table) {
    let mut top: BTreeMap<&'static str, Table> = BTreeMap::new();
    let mut governorates = Table::new();
    for a in articles {
        let mut gov: BTreeMap<String, u64> = BTreeMap::new();
        for e in &a.entities {
            let row = top
                .entry(e.entity_type.as_str())
                .or_default()
                .entry(e.id.clone())
                .or_default();
            row.0 += e.mentions.len() as u64;
            row.1 += 1;
            if e.entity_type == EntityType::Loc {
                if let Some(code) = e.geo.as_ref().and_then(|g| g.adm1.clone()) {
                    *gov.entry(code).or_default() += e.mentions.len() as u64;
                }
            }
        }
        for (code, mentions) in gov {
            let row = governorates.entry(code).or_default();
            row.0 += mentions;
            row.1 += 1;
        }
    }
    (top, governorates)
}

struct Aggregator {
    child: Child,
    admin: String,
    owned: String,
}

impl Aggregator {
    fn start(url: &str, prefix: &str, owned: &str) -> Aggregator {
        let admin = format!("127.0.0.1:{}", free_port());
        let child = Command::new(env!("CARGO_BIN_EXE_marsad-aggregate"))
            .env("MARSAD__NATS__URL", url)
            .env("MARSAD__BUS__PREFIX", prefix)
            .env("MARSAD__BUS__PARTITIONS", PARTITIONS.to_string())
            .env("MARSAD__ADMIN__BIND", &admin)
            .env("MARSAD__AGGREGATE__PARTITIONS_OWNED", owned)
            .env("MARSAD__AGGREGATE__RETENTION_HOURS", "10000")
            // Small batches: many checkpoints, so a kill lands between them.
            .env("MARSAD__CONSUMER__BATCH", "7")
            .env("MARSAD__LOG__LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("marsad-aggregate binary");
        Aggregator {
            child,
            admin,
            owned: owned.to_string(),
        }
    }

    fn restart(&mut self, url: &str, prefix: &str) {
        self.child.kill().unwrap(); // SIGKILL
        self.child.wait().unwrap();
        *self = Aggregator::start(url, prefix, &self.owned.clone());
    }
}

impl Drop for Aggregator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(http: &reqwest::Client, url: &str) -> Option<serde_json::Value> {
    let r = http.get(url).send().await.ok()?;
    if !r.status().is_success() {
        return None;
    }
    r.json().await.ok()
}

/// Publishes the enriched articles to their partitions, in a few bursts.
async fn publish(js: jetstream::Context, subjects: Subjects, articles: Vec<EnrichedArticle>) {
    for chunk in articles.chunks(25) {
        let mut acks = Vec::new();
        for a in chunk {
            let subject = subjects.enriched(partition_of(&a.id, PARTITIONS));
            let payload = serde_json::to_vec(a).unwrap();
            acks.push(js.publish(subject, payload.into()).await.unwrap());
        }
        for ack in acks {
            ack.await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(120)).await;
    }
}

async fn run(owners: &[&str], kills: usize) {
    let articles = fixture();
    assert_eq!(articles.len(), 200);
    let (want_top, want_gov) = reference(&articles);
    assert!(
        want_gov.len() >= 5,
        "the fixture names several governorates"
    );

    let nats = LocalNats::start(LocalNatsOptions::default())
        .expect("nats-server must be installed (the README's test command installs it)");
    let url = nats.url();
    let prefix = format!("k{}x{}", std::process::id(), free_port());
    let subjects = Subjects::new(&prefix);
    let client = async_nats::connect(&url).await.unwrap();
    let js = jetstream::new(client);
    let bus = marsad_ingest::Settings::load_with(
        None,
        vec![("MARSAD__BUS__PREFIX".to_string(), prefix.clone())],
    )
    .unwrap()
    .bus;
    marsad_runtime::bus::ensure_streams(&js, &bus, &subjects, &[Stream::Enriched])
        .await
        .unwrap();

    let mut aggregators: Vec<Aggregator> = owners
        .iter()
        .map(|o| Aggregator::start(&url, &prefix, o))
        .collect();
    let publisher = tokio::spawn(publish(js.clone(), subjects.clone(), articles.clone()));

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
    for _ in 0..kills {
        tokio::time::sleep(Duration::from_millis(150 + next() % 500)).await;
        let i = (next() % aggregators.len() as u64) as usize;
        aggregators[i].restart(&url, &prefix);
    }
    publisher.await.unwrap();

    // Wait until the aggregators together cover all 200 articles.
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let mut total = 0;
        for a in &aggregators {
            if let Some(stats) = get(&http, &format!("http://{}/api/stats", a.admin)).await {
                total += stats["articles"].as_u64().unwrap_or(0);
            }
        }
        if total == 200 {
            break;
        }
        assert!(
            total <= 200,
            "counted {total} articles of 200: double counting"
        );
        assert!(
            Instant::now() < deadline,
            "only {total} of 200 articles aggregated"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Each aggregator answers for its partitions; together they must equal the reference.
    let mut got_top: BTreeMap<&'static str, Table> = BTreeMap::new();
    let mut got_gov = Table::new();
    for a in &aggregators {
        for t in ["PERSON", "ORG", "LOC", "MISC"] {
            let url = format!(
                "http://{}/api/top?type={t}&hours={HOURS}&limit=500",
                a.admin
            );
            let body = get(&http, &url).await.unwrap();
            for row in body["items"].as_array().unwrap() {
                let e = got_top
                    .entry(t)
                    .or_default()
                    .entry(row["id"].as_str().unwrap().to_string())
                    .or_default();
                e.0 += row["mentions"].as_u64().unwrap();
                e.1 += row["articles"].as_u64().unwrap();
            }
        }
        let url = format!("http://{}/api/governorates?hours={HOURS}", a.admin);
        for row in get(&http, &url).await.unwrap()["items"].as_array().unwrap() {
            let e = got_gov
                .entry(row["adm1"].as_str().unwrap().to_string())
                .or_default();
            e.0 += row["mentions"].as_u64().unwrap();
            e.1 += row["articles"].as_u64().unwrap();
        }
    }
    for t in ["PERSON", "ORG", "LOC"] {
        let want = want_top.get(t).cloned().unwrap_or_default();
        // The API's page is bounded: compare the rows it can show.
        assert!(want.len() <= 500, "{t}: more entities than one page");
        assert_eq!(got_top.get(t).cloned().unwrap_or_default(), want, "{t}");
    }
    assert_eq!(got_gov, want_gov);
    drop(aggregators);
    let mut nats = nats;
    nats.stop();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_are_exact_after_three_sigkills() {
    run(&["0,1,2,3"], 3).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_aggregators_sharing_the_partitions_are_exact_after_sigkills() {
    run(&["0,1", "2,3"], 3).await;
}
