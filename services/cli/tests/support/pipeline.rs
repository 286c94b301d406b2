//! The whole pipeline on a test's own nats-server, as the pipeline and hostile-input
//! tests drive it: publish the way `marsad publish` does, read streams back, call the
//! admin and API servers, check the offsets of what was enriched.

use std::path::PathBuf;
use std::time::Duration;

use async_nats::jetstream::{self, consumer};
use futures::StreamExt;
use marsad_cli::inputs::{self, Input};
use marsad_cli::publish;
use marsad_messages::{EnrichedArticle, Stream, Subjects};
use marsad_runtime::local_nats::{LocalNats, LocalNatsOptions};
use marsad_runtime::service::Running;
use marsad_runtime::Shutdown;

pub const WAIT: Duration = Duration::from_secs(60);

pub fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

pub fn seed(name_prefix: &str) -> Input {
    let file = std::fs::read_dir(seeds_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(name_prefix)
        })
        .unwrap();
    inputs::read(&file).unwrap().remove(0)
}

pub fn raw(payload: &[u8]) -> Input {
    Input {
        origin: "test".into(),
        payload: payload.to_vec(),
        headers: Vec::new(),
    }
}

pub struct Pipeline {
    pub nats: LocalNats,
    pub subjects: Subjects,
    pub shutdown: Shutdown,
    pub services: Vec<(&'static str, Running)>,
    pub js: jetstream::Context,
    pub http: reqwest::Client,
}

impl Pipeline {
    pub async fn start() -> Pipeline {
        let nats = LocalNats::start(LocalNatsOptions::default())
            .expect("nats-server must be installed (the README's test command installs it)");
        // Settings reach the services the way a user gives them: MARSAD__ variables.
        let http = reqwest::Client::new();
        let super::Started {
            prefix,
            bus,
            shutdown,
            services,
            ..
        } = super::start_services(nats.url(), &http, WAIT).await;
        let subjects = Subjects::new(&prefix);
        let client = async_nats::connect(nats.url()).await.unwrap();
        let js = jetstream::new(client);
        publish::ensure_raw_stream(&js, &bus, &subjects)
            .await
            .unwrap();
        Pipeline {
            nats,
            subjects,
            shutdown,
            services,
            js,
            http,
        }
    }

    pub fn admin(&self, service: &str) -> String {
        let (_, running) = self.services.iter().find(|(n, _)| *n == service).unwrap();
        format!("http://{}", running.admin_addr)
    }

    pub async fn publish(&self, inputs: &[Input]) {
        publish::publish(&self.js, &self.subjects, inputs, |_| {})
            .await
            .unwrap();
    }

    /// Every message of a stream (from the first), until `done` says enough or the
    /// wait runs out.
    pub async fn read<T: serde::de::DeserializeOwned>(
        &self,
        which: Stream,
        done: impl Fn(&[T]) -> bool,
    ) -> Vec<T> {
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
        let mut out = Vec::new();
        let deadline = tokio::time::Instant::now() + WAIT;
        while !done(&out) {
            let next = tokio::time::timeout_at(deadline, messages.next()).await;
            let Ok(Some(message)) = next else {
                break;
            };
            let message = message.unwrap();
            out.push(serde_json::from_slice(&message.payload).unwrap());
        }
        out
    }

    pub async fn text(&self, url: &str) -> String {
        self.http
            .get(url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    pub async fn get(&self, url: &str) -> serde_json::Value {
        super::get_json(&self.http, url).await
    }

    pub async fn stop(mut self) {
        super::stop_services(&self.shutdown, self.services).await;
        self.nats.stop();
    }
}

pub fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Every span of an enriched article slices its text to the mention it reports, and
/// something was extracted.
pub fn assert_offsets(a: &EnrichedArticle) {
    assert!(check_spans(a) > 0, "{}: nothing extracted", a.id);
}

/// Every span of an enriched article lies inside its text and slices it to the text
/// it reports; returns how many spans there are.
pub fn check_spans(a: &EnrichedArticle) -> usize {
    let n = a.text.chars().count();
    let mut spans: Vec<(&str, usize, usize, &str)> = Vec::new();
    for e in &a.entities {
        for m in &e.mentions {
            spans.push(("entity", m.start, m.end, &m.text));
        }
    }
    for q in &a.quotes {
        spans.push(("quote", q.start, q.end, &q.text));
    }
    for d in &a.dates {
        spans.push(("date", d.start, d.end, &d.text));
    }
    for c in &a.counts {
        spans.push(("count", c.start, c.end, &c.text));
    }
    // Character offsets, counted once: slicing by `chars().skip()` per span is
    // quadratic on the corpus's 700 KB articles.
    let starts: Vec<usize> = a
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain([a.text.len()])
        .collect();
    for (what, start, end, text) in &spans {
        assert!(
            start < end && *end <= n,
            "{}: {what} span {start}..{end} of {n}",
            a.id
        );
        assert_eq!(
            &a.text[starts[*start]..starts[*end]],
            *text,
            "{}: {what} {start}..{end}",
            a.id
        );
    }
    spans.len()
}
