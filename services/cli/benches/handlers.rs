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

criterion_group!(benches, bench);
criterion_main!(benches);
