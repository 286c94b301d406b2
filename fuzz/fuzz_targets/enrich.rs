//! The whole enrich handler, as the pipeline calls it, with the repository's knowledge
//! base. The first byte picks what the rest is: 0 — the message bytes themselves (the
//! decoder: anything that is not an ingested article is rejected as `schema`, never a
//! panic or an error); otherwise — the text of an ingested article (the extractors:
//! one enriched article on a partition subject, its id the article's, every entity
//! mention, quote, date and count a span inside the text that slices it to the text
//! it reports).
#![no_main]

use std::sync::{Mutex, OnceLock};

use libfuzzer_sys::fuzz_target;
use marsad_enrich::handler::{build_enricher, EnrichConfig, EnrichHandler, EnrichMetrics};
use marsad_messages::{EnrichedArticle, IngestedArticle, RejectReason, Subjects, Timings};
use marsad_runtime::pipeline::{Handler, Incoming, Outcome};

fn handler() -> &'static Mutex<EnrichHandler> {
    static HANDLER: OnceLock<Mutex<EnrichHandler>> = OnceLock::new();
    HANDLER.get_or_init(|| {
        let config = EnrichConfig::default();
        Mutex::new(EnrichHandler {
            enricher: build_enricher(&config).expect("the knowledge base loads"),
            subjects: Subjects::new("fuzz"),
            partitions: 8,
            keep_bytes: config.rejection_keep_bytes,
            metrics: EnrichMetrics::register(&prometheus::Registry::new()).unwrap(),
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let payload = if mode == 0 {
        rest.to_vec()
    } else {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        let article = IngestedArticle {
            schema: "marsad.ingested/v1".into(),
            id: "fuzz".into(),
            source: None,
            url: None,
            title: None,
            text: text.to_string(),
            published_at: (mode % 2 == 0).then(|| "2021-06-12T09:00:00Z".into()),
            received_at: "2026-12-03T00:00:00Z".into(),
            language: "ar".into(),
            duplicate_of: None,
            metadata: None,
            removed: Vec::new(),
            timings_us: Timings::default(),
        };
        serde_json::to_vec(&article).unwrap()
    };
    let incoming = Incoming {
        payload: &payload,
        headers: None,
        delivered: 1,
        stream_sequence: 1,
    };
    let outcome = handler()
        .lock()
        .unwrap()
        .handle(&incoming)
        .expect("enrich never fails on an input");
    match outcome {
        Outcome::Publish(outputs) => {
            assert_eq!(outputs.len(), 1);
            assert!(outputs[0].subject.starts_with("fuzz.articles.enriched."));
            let a: EnrichedArticle = serde_json::from_slice(&outputs[0].payload).unwrap();
            assert_eq!(outputs[0].msg_id, a.id);
            if mode != 0 {
                assert_eq!(a.id, "fuzz");
            }
            let starts: Vec<usize> = a
                .text
                .char_indices()
                .map(|(b, _)| b)
                .chain([a.text.len()])
                .collect();
            let n = starts.len() - 1;
            let spans = a
                .entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end, m.text.as_str())))
                .chain(a.quotes.iter().map(|q| (q.start, q.end, q.text.as_str())))
                .chain(a.dates.iter().map(|d| (d.start, d.end, d.text.as_str())))
                .chain(a.counts.iter().map(|c| (c.start, c.end, c.text.as_str())));
            for (start, end, text) in spans {
                assert!(start < end && end <= n, "span {start}..{end} of {n}");
                assert_eq!(&a.text[starts[start]..starts[end]], text);
            }
        }
        Outcome::Reject(r) => {
            assert_eq!(r.reason, RejectReason::Schema);
            assert_eq!(mode, 0, "an ingested article was rejected: {}", r.message);
        }
        Outcome::Claim(_) => panic!("enrich claims nothing"),
    }
});
