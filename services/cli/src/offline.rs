//! `marsad enrich FILE…`: ingest and enrich in this process, no NATS. The same
//! functions the services call ([`marsad_ingest::ingest`], [`marsad_enrich::enrich`]),
//! so what it prints is what the pipeline would publish.

use marsad_arabic::boilerplate::RepeatedParagraphs;
use marsad_arabic::extract::Enricher;
use marsad_ingest::handler::HeaderMeta;
use marsad_ingest::IngestConfig;
use marsad_messages::{headers, EnrichedArticle, Rejection};

use crate::inputs::Input;

/// What became of one input.
#[derive(Debug)]
pub enum Result {
    Enriched(Box<EnrichedArticle>),
    Rejected(Box<Rejection>),
}

/// The header metadata ingest reads, from an input's headers.
pub fn header_meta(headers_: &[(String, String)]) -> HeaderMeta {
    let get = |name: &str| {
        headers_
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    HeaderMeta {
        id: get(headers::ID),
        source: get(headers::SOURCE),
        url: get(headers::URL),
        title: get(headers::TITLE),
        published_at: get(headers::PUBLISHED_AT),
        content_type: get("Content-Type"),
    }
}

/// Runs one input through ingest and enrich; `learned` is the boilerplate the stream
/// has taught so far ([`marsad_ingest::handler::learner`]), as in the service.
pub fn process(
    config: &IngestConfig,
    enricher: &Enricher,
    learned: &mut Option<RepeatedParagraphs>,
    input: &Input,
) -> Result {
    let received_at = marsad_runtime::now_rfc3339();
    let started = std::time::Instant::now();
    match marsad_ingest::ingest(
        config,
        &input.payload,
        &header_meta(&input.headers),
        &received_at,
    ) {
        Ok(mut article) => {
            if let Some(learned) = learned.as_mut() {
                marsad_ingest::handler::remove_learned(&mut article, learned);
            }
            article.timings_us.ingest = started.elapsed().as_micros() as u64;
            Result::Enriched(Box::new(marsad_enrich::enrich(enricher, article)))
        }
        Err(refusal) => Result::Rejected(Box::new(Rejection::new(
            "ingest",
            refusal.reason,
            refusal.message,
            &input.payload,
            config.rejection_keep_bytes,
            received_at,
        ))),
    }
}
