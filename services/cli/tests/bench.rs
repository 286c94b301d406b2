//! `marsad bench` end to end, as a user runs it: its own nats-server and the three
//! services, the fixture's real articles published, and a report whose figures hold
//! together (every article enriched, latencies ordered, CPU and memory of every process).

use std::path::PathBuf;
use std::process::Command;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../aggregate/tests/fixtures/ant-iraq-200.jsonl")
}

fn bench(storage: &str, extra: &[&str]) -> (serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("bench.json");
    let out = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .arg("bench")
        .arg("--corpus")
        .arg(fixture())
        .args(["-n", "120", "--partitions", "2", "--storage", storage])
        .args(extra)
        .arg("--json")
        .arg(&json)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "marsad bench failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    (report, stdout)
}

fn check(report: &serde_json::Value, storage: &str) {
    assert_eq!(report["articles"], 120, "{report}");
    assert_eq!(report["enriched"], 120, "{report}");
    assert_eq!(report["rejected"], 0, "{report}");
    assert_eq!(report["storage"], storage);
    let f = |key: &str| report[key].as_f64().unwrap_or(f64::NAN);
    assert!(f("baseline_msgs_per_s") > 0.0, "{report}");
    assert!(f("pipeline_articles_per_s") > 0.0, "{report}");
    assert!(
        0.0 < f("latency_ms_p50")
            && f("latency_ms_p50") <= f("latency_ms_p90")
            && f("latency_ms_p90") <= f("latency_ms_p99")
            && f("latency_ms_p99") <= f("latency_ms_max"),
        "{report}"
    );
    let services = report["services"].as_array().unwrap();
    let names: Vec<&str> = services
        .iter()
        .map(|s| s["service"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["ingest", "enrich", "aggregate", "nats-server", "bench"]
    );
    for s in services {
        assert!(s["peak_rss_mb"].as_f64().unwrap() > 1.0, "{s}");
    }
    // Memory over the run, to see whether it is flat: the services' and the server's
    // resident memory at each tenth of the articles, none above its process's peak.
    for s in &services[..4] {
        let tenths = s["rss_mb_by_tenth"].as_array().unwrap();
        assert_eq!(tenths.len(), 10, "{s}");
        for mb in tenths {
            let mb = mb.as_f64().unwrap();
            assert!(mb > 1.0 && mb <= s["peak_rss_mb"].as_f64().unwrap(), "{s}");
        }
    }
    // The report names the server it measured: figures differ by release.
    let server = report["nats_server"].as_str().unwrap();
    assert!(server.starts_with("nats-server: v2."), "{server}");
    // Every stage did work for the articles: its CPU per article is not zero.
    for s in &services[..3] {
        assert!(s["cpu_ms_per_article"].as_f64().unwrap() > 0.0, "{s}");
    }
}

#[test]
fn the_bench_enriches_every_article_with_either_storage() {
    let (report, table) = bench("memory", &[]);
    check(&report, "memory");
    assert!(
        table.contains("as fast as possible, memory storage"),
        "{table}"
    );
    assert!(table.contains("all processes"), "{table}");

    assert!(report["baseline_latency_ms"].is_null(), "{report}");

    let (report, table) = bench("file", &["--rate", "200"]);
    check(&report, "file");
    assert!(table.contains("200 articles/s, file storage"), "{table}");
    // At a fixed rate the bare JetStream baseline's latency is measured too.
    let l = &report["baseline_latency_ms"];
    let f = |k: &str| l[k].as_f64().unwrap_or(f64::NAN);
    assert!(
        0.0 < f("p50") && f("p50") <= f("p90") && f("p90") <= f("p99") && f("p99") <= f("max"),
        "{report}"
    );
    assert!(table.contains("baseline latency"), "{table}");
}
