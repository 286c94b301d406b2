//! What the integration tests share: the three services started in this process
//! against a test's nats-server, configured the way a user configures them (MARSAD__
//! variables), under a random subject prefix, and waited for until ready.

// Every test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use std::time::Duration;

pub mod pipeline;

use marsad_runtime::service::Running;
use marsad_runtime::settings::{BusSettings, Layered};
use marsad_runtime::Shutdown;

/// The three services, running.
pub struct Started {
    /// The settings the services were given, to start more replicas with.
    pub env: Vec<(String, String)>,
    pub prefix: String,
    pub bus: BusSettings,
    pub shutdown: Shutdown,
    pub services: Vec<(&'static str, Running)>,
}

/// GETs `url`, asserts a success status and parses the JSON body: how every test reads
/// the API.
pub async fn get_json(http: &reqwest::Client, url: &str) -> serde_json::Value {
    let response = http.get(url).send().await.unwrap();
    assert!(
        response.status().is_success(),
        "GET {url}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// Starts ingest, enrich and aggregate on `nats_url` (admin servers on free ports,
/// 4 partitions) and waits until each answers `/readyz`, or says why it stopped.
pub async fn start_services(nats_url: String, http: &reqwest::Client, wait: Duration) -> Started {
    start_services_with(nats_url, http, wait, &[]).await
}

/// [`start_services`] with more `MARSAD__` settings for all three.
pub async fn start_services_with(
    nats_url: String,
    http: &reqwest::Client,
    wait: Duration,
    extra: &[(&str, &str)],
) -> Started {
    start_services_each(nats_url, http, wait, extra, |_| Vec::new()).await
}

/// [`start_services_with`], and settings of each service's own (`own("ingest")` …),
/// such as its NATS user.
pub async fn start_services_each(
    nats_url: String,
    http: &reqwest::Client,
    wait: Duration,
    extra: &[(&str, &str)],
    own: impl Fn(&str) -> Vec<(String, String)>,
) -> Started {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let prefix = format!("t{}x{nanos}", std::process::id());
    let mut env = vec![
        ("MARSAD__NATS__URL".to_string(), nats_url),
        ("MARSAD__BUS__PREFIX".to_string(), prefix.clone()),
        ("MARSAD__BUS__PARTITIONS".to_string(), "4".to_string()),
        ("MARSAD__ADMIN__BIND".to_string(), "127.0.0.1:0".to_string()),
    ];
    env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    if let Ok(kb) = std::env::var("MARSAD__ENRICH__KB_DIR") {
        env.push(("MARSAD__ENRICH__KB_DIR".to_string(), kb));
    }
    let with_own = |name: &str| env.iter().cloned().chain(own(name)).collect::<Vec<_>>();
    let shutdown = Shutdown::new();
    let ingest = marsad_ingest::Settings::load_with(None, with_own("ingest")).unwrap();
    let enrich = marsad_enrich::Settings::load_with(None, with_own("enrich")).unwrap();
    let aggregate = marsad_aggregate::Settings::load_with(None, with_own("aggregate")).unwrap();
    let prefix = ingest.bus.prefix.clone();
    let bus = ingest.bus.clone();
    let mut services = vec![
        (
            "ingest",
            marsad_ingest::start(ingest, shutdown.clone())
                .await
                .unwrap(),
        ),
        (
            "enrich",
            marsad_enrich::start(enrich, shutdown.clone())
                .await
                .unwrap(),
        ),
        (
            "aggregate",
            marsad_aggregate::start(aggregate, shutdown.clone())
                .await
                .unwrap(),
        ),
    ];
    for (name, running) in &mut services {
        let url = format!("http://{}/readyz", running.admin_addr);
        let deadline = tokio::time::Instant::now() + wait;
        while !http
            .get(&url)
            .send()
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            if running.task.is_finished() {
                // Say why, not only that it stopped.
                let outcome = (&mut running.task).await;
                panic!("{name} stopped before it was ready: {outcome:?}");
            }
            assert!(tokio::time::Instant::now() < deadline, "{name} not ready");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    Started {
        env,
        prefix,
        bus,
        shutdown,
        services,
    }
}

/// Stops the services and waits until each has drained.
pub async fn stop_services(shutdown: &Shutdown, services: Vec<(&'static str, Running)>) {
    shutdown.cancel();
    for (name, running) in services {
        let result = tokio::time::timeout(Duration::from_secs(20), running.task)
            .await
            .unwrap_or_else(|_| panic!("{name} did not drain and stop"));
        result.unwrap().unwrap();
    }
}
