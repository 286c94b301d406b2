//! The Grafana dashboards against a real Prometheus scraping a real pipeline.
//!
//! Starts a nats-server and the three services (as `pipeline.rs` does), a real
//! Prometheus (the Debian `prometheus` package; `scripts/ensure-prometheus`, run by the
//! README's test command, installs it) with `deploy/prometheus/prometheus.yml` pointed
//! at the services' admin ports and scraping every second, publishes `seeds/`, and then
//! runs every PromQL expression of `deploy/grafana/provisioning/dashboards/*.json`
//! through Prometheus's HTTP API: each must return data, with at least one number that
//! is not NaN — what a user opening the dashboards would look for. The News
//! dashboard's killed-by-governorate figures must also agree with the HTTP API.
//!
//! Without the Prometheus binary the test says so and passes, except under `CI=true`,
//! where it fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use marsad_cli::{inputs, publish};
use marsad_messages::Subjects;
use marsad_runtime::local_nats::{free_port, LocalNats, LocalNatsOptions};
use serde_json::Value;

mod support;

const WAIT: Duration = Duration::from_secs(90);

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `$MARSAD_PROMETHEUS`, else `prometheus` on the PATH or in /usr/bin.
fn prometheus_binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MARSAD_PROMETHEUS") {
        return Some(PathBuf::from(path));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.push(PathBuf::from("/usr/bin"));
    dirs.into_iter()
        .map(|d| d.join("prometheus"))
        .find(|p| p.is_file())
}

/// A Prometheus child process, killed when dropped (also when the test panics).
struct Prometheus {
    child: Child,
    url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Prometheus {
    fn start(binary: &Path, config: &str) -> Prometheus {
        let dir = tempfile::tempdir().unwrap();
        let config_path = dir.path().join("prometheus.yml");
        std::fs::write(&config_path, config).unwrap();
        let log = dir.path().join("prometheus.log");
        let log_file = std::fs::File::create(&log).unwrap();
        let port = free_port();
        let child = Command::new(binary)
            .arg(format!("--config.file={}", config_path.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.path().join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        Prometheus {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        }
    }

    /// Until `/-/ready` answers 200 (the TSDB is open and the config loaded).
    async fn wait_ready(&mut self, http: &reqwest::Client) {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            let ready = http.get(format!("{}/-/ready", self.url)).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prometheus exited ({status}):\n{}", self.log());
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "Prometheus not ready:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `deploy/prometheus/prometheus.yml` with the compose service names replaced by the
/// test's addresses, scraping every second, and without the NATS exporter's job (the
/// exporter is a compose sidecar, not something a test can run here).
fn scrape_config(admin: &BTreeMap<&str, String>) -> String {
    let mut config = std::fs::read_to_string(repo().join("deploy/prometheus/prometheus.yml"))
        .expect("deploy/prometheus/prometheus.yml");
    for (service, port) in [("ingest", 9101), ("enrich", 9102), ("aggregate", 9103)] {
        let target = format!("\"{service}:{port}\"");
        assert!(config.contains(&target), "prometheus.yml scrapes {target}");
        config = config.replace(&target, &format!("\"{}\"", admin[service]));
    }
    let nats_job = config
        .find("  - job_name: nats")
        .expect("prometheus.yml has the nats job");
    config.truncate(nats_job);
    assert!(config.contains("scrape_interval: 5s"), "{config}");
    config.replace("scrape_interval: 5s", "scrape_interval: 1s")
}

/// Every `targets[].expr` of a dashboard (rows' panels included), with the panel's
/// title, and Grafana's interval variables replaced by one minute.
fn expressions(dashboard: &Value) -> Vec<(String, String)> {
    fn walk(panels: &Value, out: &mut Vec<(String, String)>) {
        for panel in panels.as_array().into_iter().flatten() {
            for target in panel["targets"].as_array().into_iter().flatten() {
                if let Some(expr) = target["expr"].as_str() {
                    let expr = ["$__rate_interval", "$__interval", "$__range"]
                        .iter()
                        .fold(expr.to_string(), |e, var| e.replace(var, "1m"));
                    out.push((panel["title"].as_str().unwrap_or("").to_string(), expr));
                }
            }
            walk(&panel["panels"], out);
        }
    }
    let mut out = Vec::new();
    walk(&dashboard["panels"], &mut out);
    out
}

fn dashboard(name: &str) -> Value {
    let path = repo()
        .join("deploy/grafana/provisioning/dashboards")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// `/api/v1/query`'s result vector.
async fn query(http: &reqwest::Client, prometheus: &str, expr: &str) -> Vec<Value> {
    let response: Value = http
        .get(format!("{prometheus}/api/v1/query"))
        .query(&[("query", expr)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(response["status"], "success", "{expr}: {response}");
    response["data"]["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn sample_value(series: &Value) -> f64 {
    series["value"][1]
        .as_str()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(f64::NAN)
}

/// Data a panel can draw: at least one series whose value is a number.
fn has_data(result: &[Value]) -> bool {
    result.iter().any(|s| !sample_value(s).is_nan())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_dashboard_query_returns_data_from_a_real_prometheus() {
    let Some(binary) = prometheus_binary() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and no Prometheus binary: scripts/ensure-prometheus installs it"
        );
        eprintln!(
            "SKIPPED: no prometheus binary (set MARSAD_PROMETHEUS or run ./scripts/ensure-prometheus)"
        );
        return;
    };

    let nats = LocalNats::start(LocalNatsOptions::default())
        .expect("nats-server must be installed (the README's test command installs it)");
    let http = reqwest::Client::new();
    let support::Started {
        prefix,
        bus,
        shutdown,
        services,
        ..
    } = support::start_services(nats.url(), &http, WAIT).await;
    let admin: BTreeMap<&str, String> = services
        .iter()
        .map(|(name, running)| (*name, running.admin_addr.to_string()))
        .collect();

    // Prometheus first, so that it sees the counters rise as the seeds go through
    // (a rate needs two samples of a series).
    let mut prometheus = Prometheus::start(&binary, &scrape_config(&admin));
    prometheus.wait_ready(&http).await;
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let up = query(&http, &prometheus.url, r#"up{job=~"marsad-.*"} == 1"#).await;
        if up.len() == 3 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "Prometheus does not scrape the three services: {up:?}\n{}",
            prometheus.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    let client = async_nats::connect(nats.url()).await.unwrap();
    let js = async_nats::jetstream::new(client);
    let subjects = Subjects::new(&prefix);
    publish::ensure_raw_stream(&js, &bus, &subjects)
        .await
        .unwrap();
    let seeds = inputs::read_all(&[repo().join("seeds")]).unwrap();
    assert!(!seeds.is_empty());
    publish::publish(&js, &subjects, &seeds, |_| {})
        .await
        .unwrap();

    // Wait until aggregate has applied every seed and Prometheus has scraped that.
    let applied = r#"sum(marsad_aggregate_articles_total{outcome="applied"})"#;
    loop {
        let result = query(&http, &prometheus.url, applied).await;
        if result.first().map(sample_value) == Some(seeds.len() as f64) {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{applied} never reached {}: {result:?}",
            seeds.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Every query of both dashboards, until each has data or the wait runs out.
    let mut pending: Vec<(String, String)> = ["pipeline-health.json", "news.json"]
        .into_iter()
        .flat_map(|name| {
            let d = dashboard(name);
            expressions(&d)
                .into_iter()
                .map(move |(title, expr)| (format!("{name}: {title}"), expr))
        })
        .collect();
    assert!(pending.len() >= 20, "the dashboards have their queries");
    loop {
        let mut still = Vec::new();
        for (panel, expr) in pending {
            if !has_data(&query(&http, &prometheus.url, &expr).await) {
                still.push((panel, expr));
            }
        }
        pending = still;
        if pending.is_empty() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "dashboard queries without data: {pending:#?}"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // What the News dashboard shows as killed per governorate is what the API says.
    let killed_expr = expressions(&dashboard("news.json"))
        .into_iter()
        .find(|(title, _)| title == "Reported killed, by governorate")
        .expect("the News dashboard has the killed-by-governorate panel")
        .1;
    let panel: BTreeMap<String, u64> = query(&http, &prometheus.url, &killed_expr)
        .await
        .iter()
        .filter_map(|s| {
            let adm1 = s["metric"]["adm1"].as_str()?;
            adm1.starts_with("IQ-")
                .then(|| (adm1.to_string(), sample_value(s) as u64))
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let api: Value = http
        .get(format!(
            "http://{}/api/governorates?hours={}",
            admin["aggregate"],
            marsad_aggregate::api::MAX_HOURS
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let from_api: BTreeMap<String, u64> = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| {
            let killed = row["casualties"]["KILLED"].as_u64()?;
            (killed > 0).then(|| (row["adm1"].as_str().unwrap().to_string(), killed))
        })
        .collect();
    assert!(!from_api.is_empty(), "the seeds report deaths: {api}");
    assert_eq!(panel, from_api);

    support::stop_services(&shutdown, services).await;
    drop(prometheus);
    let mut nats = nats;
    nats.stop();
}
