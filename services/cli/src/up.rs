//! `marsad up`: the whole system on one machine. A nats-server with JetStream keeping
//! its data under `.marsad/`, the three services in this process, the seeds published,
//! every enriched article printed, and the HTTP API's view of them. Ctrl-C drains the
//! services and stops the server.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use marsad_messages::Subjects;
use marsad_runtime::local_nats::{free_port, LocalNats, LocalNatsOptions};
use marsad_runtime::Shutdown;

use crate::inputs;
use crate::tail::{self, Filter};
use marsad_runtime::settings::Layered;

/// How to run.
#[derive(Debug, Clone)]
pub struct UpOptions {
    /// Where the server keeps JetStream data and its log.
    pub data_dir: PathBuf,
    /// The NATS client port to try first (a free one is used when it is taken).
    pub nats_port: u16,
    /// What to publish once everything is ready.
    pub publish: Vec<PathBuf>,
    /// Start from empty streams.
    pub fresh: bool,
    /// A settings file for the three services.
    pub config: Option<PathBuf>,
    /// Stop once the published articles are enriched and shown (for scripts).
    pub exit_when_done: bool,
}

fn port_free(port: u16) -> bool {
    std::net::TcpListener::bind(("127.0.0.1", port)).is_ok()
}

pub async fn up(options: UpOptions, shutdown: Shutdown) -> anyhow::Result<()> {
    let store = options.data_dir.join("nats");
    if options.fresh && store.exists() {
        std::fs::remove_dir_all(&store)?;
    }
    let port = if port_free(options.nats_port) {
        options.nats_port
    } else {
        let port = free_port();
        eprintln!(
            "port {} is taken; NATS listens on {port}",
            options.nats_port
        );
        port
    };
    let mut nats = LocalNats::start(LocalNatsOptions {
        port: Some(port),
        store_dir: Some(store.clone()),
        ..Default::default()
    })?;
    let url = nats.url();

    let config = options.config.as_deref();
    let mut ingest = marsad_ingest::Settings::load(config)?;
    let mut enrich = marsad_enrich::Settings::load(config)?;
    let mut aggregate = marsad_aggregate::Settings::load(config)?;
    ingest.nats.url = url.clone();
    enrich.nats.url = url.clone();
    aggregate.nats.url = url.clone();
    marsad_runtime::telemetry::init(&ingest.log);
    let subjects = Subjects::new(&ingest.bus.prefix);
    let bus = ingest.bus.clone();
    let client_nats = ingest.nats.clone();

    // Which ids the inputs will get, so that we know when they are all through.
    let to_publish = inputs::read_all(&options.publish)?;
    let expected = expected_ids(&ingest.ingest, &to_publish);

    let services = vec![
        (
            "ingest",
            marsad_ingest::start(ingest, shutdown.clone()).await?,
        ),
        (
            "enrich",
            marsad_enrich::start(enrich, shutdown.clone()).await?,
        ),
        (
            "aggregate",
            marsad_aggregate::start(aggregate, shutdown.clone()).await?,
        ),
    ];
    let api = services[2].1.admin_addr;
    println!("Marsad is up.");
    println!(
        "  NATS       {url}  (JetStream data in {})",
        store.display()
    );
    for (name, running) in &services {
        println!(
            "  {name:<10} http://{}/metrics  /healthz  /readyz",
            running.admin_addr
        );
    }
    println!("  API        http://{api}/api/top?type=PERSON&hours=24");
    println!("             http://{api}/api/articles/recent");
    println!();

    let http = reqwest::Client::new();
    let mut services = services;
    if let Err(e) = wait_ready(&http, &services).await {
        // A service that stopped says why.
        for (name, running) in services.iter_mut() {
            if running.task.is_finished() {
                if let Ok(Err(err)) = (&mut running.task).await {
                    eprintln!("{name} stopped: {err:#}");
                }
            }
        }
        shutdown.cancel();
        nats.stop();
        return Err(e);
    }

    let (client, js) = crate::client::connect(&client_nats, "marsad-up").await?;
    let consumer = tail::consumer(&js, &subjects, true).await?;
    crate::publish::ensure_raw_stream(&js, &bus, &subjects).await?;
    if !to_publish.is_empty() {
        let report = crate::publish::publish(&js, &subjects, &to_publish, |_| {}).await?;
        println!(
            "published {} articles ({} already in the stream)\n",
            report.published, report.duplicates
        );
    }

    let mut waiting: HashSet<String> = expected.clone();
    let done = Shutdown::new();
    let follow_stop = shutdown.child_token();
    let done_flag = done.clone();
    let follow = {
        let stop = follow_stop.clone();
        tokio::spawn(async move {
            tail::follow(consumer, &Filter::default(), stop, |article, _| {
                println!("{}", crate::render::article(article));
                waiting.remove(&article.id);
                if waiting.is_empty() {
                    done_flag.cancel();
                }
            })
            .await
        })
    };
    if expected.is_empty() {
        done.cancel();
    }
    tokio::select! {
        _ = done.cancelled() => {
            // Give aggregate a moment to checkpoint what it was sent.
            tokio::time::sleep(Duration::from_millis(500)).await;
            show_api(&http, api).await;
            if options.exit_when_done {
                shutdown.cancel();
            } else {
                println!("Watching for new articles (publish more with `marsad publish PATH…`); Ctrl-C stops everything.\n");
            }
        }
        _ = shutdown.cancelled() => {}
    }
    shutdown.cancelled().await;
    follow_stop.cancel();
    let _ = follow.await;
    for (name, running) in services {
        match tokio::time::timeout(Duration::from_secs(15), running.task).await {
            Ok(Ok(Ok(()))) => {}
            Ok(Ok(Err(e))) => eprintln!("{name}: {e:#}"),
            Ok(Err(e)) => eprintln!("{name}: {e}"),
            Err(_) => eprintln!("{name}: did not stop within 15 s"),
        }
    }
    drop(client);
    nats.stop();
    eprintln!("stopped");
    Ok(())
}

/// The ids ingest will give the inputs it accepts (the id rule is pure).
fn expected_ids(config: &marsad_ingest::IngestConfig, inputs: &[inputs::Input]) -> HashSet<String> {
    let now = marsad_runtime::now_rfc3339();
    inputs
        .iter()
        .filter_map(|input| {
            marsad_ingest::ingest(
                config,
                &input.payload,
                &crate::offline::header_meta(&input.headers),
                &now,
            )
            .ok()
            .map(|a| a.id)
        })
        .collect()
}

async fn wait_ready(
    http: &reqwest::Client,
    services: &[(&str, marsad_runtime::service::Running)],
) -> anyhow::Result<()> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    for (name, running) in services {
        let addr = running.admin_addr;
        loop {
            let ok = http
                .get(format!("http://{addr}/readyz"))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ok {
                break;
            }
            if running.task.is_finished() {
                anyhow::bail!("{name} stopped before it was ready");
            }
            if tokio::time::Instant::now() > deadline {
                anyhow::bail!("{name} ({addr}) did not become ready within 60 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    Ok(())
}

async fn show_api(http: &reqwest::Client, api: std::net::SocketAddr) {
    for path in [
        "/api/top?type=PERSON&hours=24&limit=5",
        "/api/top?type=LOC&hours=24&limit=5",
        "/api/articles/recent?limit=10",
    ] {
        let url = format!("http://{api}{path}");
        match http.get(&url).send().await {
            Ok(response) => match response.json::<serde_json::Value>().await {
                Ok(body) => {
                    println!("GET {url}");
                    println!("{}\n", summarize(&body));
                }
                Err(e) => eprintln!("GET {url}: {e}"),
            },
            Err(e) => eprintln!("GET {url}: {e}"),
        }
    }
}

/// One line per item of an API answer.
fn summarize(body: &serde_json::Value) -> String {
    let items = body
        .get("items")
        .or_else(|| body.get("articles"))
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let lines: Vec<String> = items
        .iter()
        .map(|item| {
            let get = |k: &str| {
                item.get(k)
                    .map(|v| v.to_string().trim_matches('"').to_string())
            };
            match (get("name_ar"), get("mentions"), get("title"), get("id")) {
                (Some(name), Some(mentions), _, id) => {
                    format!(
                        "  {name}  ({})  mentions {mentions}",
                        id.unwrap_or_default()
                    )
                }
                (_, _, title, Some(id)) => format!(
                    "  {id}  {}",
                    title
                        .filter(|t| t != "null")
                        .unwrap_or_else(|| "(no title)".into())
                ),
                _ => format!("  {item}"),
            }
        })
        .collect();
    if lines.is_empty() {
        "  (none)".into()
    } else {
        lines.join("\n")
    }
}
