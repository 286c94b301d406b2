//! What the enrich tests share: the enricher with the repository's knowledge base, and
//! the seed articles by their number (raw, or ingested and enriched).

// Every test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use marsad_arabic::extract::Enricher;
use marsad_runtime::settings::Layered;

pub fn enricher() -> Enricher {
    let settings = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    marsad_enrich::build_enricher(&settings.enrich).unwrap()
}

/// The bytes of the seed whose file name starts with `prefix` ("000" … "004").
pub fn seed(prefix: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read(path).unwrap()
}

/// A seed as the services see it: ingested, then enriched (no NATS).
pub fn enrich_seed(prefix: &str) -> marsad_messages::EnrichedArticle {
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let article = marsad_ingest::ingest(
        &ingest.ingest,
        &seed(prefix),
        &marsad_ingest::handler::HeaderMeta::default(),
        "2021-01-23T10:00:00Z",
    )
    .unwrap();
    marsad_enrich::enrich(&enricher(), article)
}
