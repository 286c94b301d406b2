//! Each stage's handler on one core, over the 7,628 ANT articles as raw JSON payloads
//! (`../shared/data/corpus/ant-middleeast.jsonl`, or MARSAD_CORPUS): ingest (validate,
//! clean, id), enrich (the whole extraction) and aggregate (apply to the partition
//! state), in articles per second. The same functions the services call, no NATS.
//!
//! `cargo bench -p marsad-cli --bench handlers`

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_aggregate::state::{Limits, PartitionState};
use marsad_ingest::handler::HeaderMeta;
use marsad_runtime::settings::Layered;

fn corpus() -> Option<Vec<Vec<u8>>> {
    let path = std::env::var_os("MARSAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/corpus/ant-middleeast.jsonl")
        });
    if !path.exists() {
        eprintln!("handlers: corpus {} not found; skipping", path.display());
        return None;
    }
    let inputs = marsad_cli::inputs::read(&path).ok()?;
    Some(inputs.into_iter().map(|i| i.payload).collect())
}

fn bench(c: &mut Criterion) {
    let Some(payloads) = corpus() else { return };
    let n = payloads.len() as u64;
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).expect("defaults");
    let enrich = marsad_enrich::Settings::load_with(None, Vec::new()).expect("defaults");
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).expect("knowledge base");
    let meta = HeaderMeta::default();
    let now = "2026-11-24T10:00:00Z";
    let ingested: Vec<_> = payloads
        .iter()
        .filter_map(|p| marsad_ingest::ingest(&ingest.ingest, p, &meta, now).ok())
        .collect();
    let enriched: Vec<_> = ingested
        .iter()
        .map(|a| marsad_enrich::enrich(&enricher, a.clone()))
        .collect();
    eprintln!(
        "handlers: {} payloads, {} ingested, {} enriched",
        payloads.len(),
        ingested.len(),
        enriched.len()
    );

    let mut group = c.benchmark_group("handlers");
    group.sample_size(10);
    group.throughput(Throughput::Elements(n));
    // What ingest's handler does per message besides the bucket round trips: validate,
    // clean, id, and the near-duplicate signature whose bands it then claims.
    group.bench_function("ingest", |b| {
        b.iter(|| {
            payloads
                .iter()
                .filter_map(|p| marsad_ingest::ingest(&ingest.ingest, p, &meta, now).ok())
                .filter_map(|a| {
                    marsad_ingest::neardup::Signature::of(
                        &a.text,
                        ingest.ingest.near_duplicate_min_words,
                    )
                })
                .count()
        })
    });
    group.throughput(Throughput::Elements(ingested.len() as u64));
    group.bench_function("enrich", |b| {
        b.iter(|| {
            ingested
                .iter()
                .map(|a| marsad_enrich::enrich(&enricher, a.clone()).entities.len())
                .sum::<usize>()
        })
    });
    // The same without the stacked main-event-type layer (`enrich.events_model` empty;
    // on by default).
    let rules = marsad_enrich::build_enricher(&marsad_enrich::EnrichConfig {
        events_model: PathBuf::new(),
        ..enrich.enrich.clone()
    })
    .expect("the rules alone");
    group.bench_function("enrich-rules-only", |b| {
        b.iter(|| {
            ingested
                .iter()
                .map(|a| marsad_enrich::enrich(&rules, a.clone()).events.len())
                .sum::<usize>()
        })
    });
    group.throughput(Throughput::Elements(enriched.len() as u64));
    group.bench_function("aggregate", |b| {
        b.iter(|| {
            let mut state = PartitionState::default();
            let limits = Limits::default();
            for (i, a) in enriched.iter().enumerate() {
                state.apply(i as u64 + 1, a, limits);
            }
            state.articles
        })
    });
    // What the service does per batch besides: serialize the state for its checkpoint
    // (one partition of 8 holding an eighth of the articles, batches of 256).
    group.throughput(Throughput::Elements(enriched.len() as u64 / 8));
    group.bench_function("aggregate+checkpoint", |b| {
        b.iter(|| {
            let mut state = PartitionState::default();
            let limits = Limits::default();
            let mut bytes = 0;
            for (i, a) in enriched.iter().step_by(8).enumerate() {
                state.apply(i as u64 + 1, a, limits);
                if i % 256 == 255 {
                    bytes += serde_json::to_vec(&state).unwrap().len();
                }
            }
            bytes
        })
    });
    group.finish();
}

/// Recognition and linking, what enrich does for the entities of an article: the
/// knowledge base's names found and resolved, then the statistical tagger's names
/// beside them (`enrich.ner_model`, data/models/ner.bin of `marsad train ner`; skipped
/// without it), over the ANT articles as ingest gives them (MARSAD_BENCH_ARTICLES takes
/// the first so many). The tagger's word cache is warm after the first pass, as in a
/// long run.
///
/// `cargo bench -p marsad-cli --bench handlers -- entities`
fn entities(c: &mut Criterion) {
    let Some(payloads) = corpus() else { return };
    let model = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/models/ner.bin");
    if !model.exists() {
        eprintln!(
            "entities: no model at {} (marsad train ner); skipping",
            model.display()
        );
        return;
    }
    let limit = std::env::var("MARSAD_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).expect("defaults");
    let enrich = marsad_enrich::Settings::load_with(
        None,
        vec![(
            "MARSAD__ENRICH__NER_MODEL".to_string(),
            model.display().to_string(),
        )],
    )
    .expect("defaults");
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).expect("knowledge base");
    let tagger = enricher.tagger().expect("the tagger");
    let gazetteer = enricher.gazetteer();
    let meta = HeaderMeta::default();
    let now = "2026-11-24T10:00:00Z";
    let texts: Vec<String> = payloads
        .iter()
        .filter_map(|p| marsad_ingest::ingest(&ingest.ingest, p, &meta, now).ok())
        .map(|a| a.text)
        .take(limit)
        .collect();
    let found = |text: &str| {
        let view = marsad_arabic::gazetteer::matching_view(text);
        let matches = gazetteer.find_in(&view);
        let mut entities = marsad_arabic::extract::entities::resolve(gazetteer, text, &matches);
        tagger.add_entities(text, &mut entities);
        entities.len()
    };
    let total: usize = texts.iter().map(|t| found(t)).sum();
    eprintln!("entities: {} articles, {total} entities", texts.len());
    let mut group = c.benchmark_group("handlers");
    group.sample_size(10);
    group.throughput(Throughput::Elements(texts.len() as u64));
    group.bench_function("entities", |b| {
        b.iter(|| texts.iter().map(|t| found(t)).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, bench, entities);
criterion_main!(benches);
