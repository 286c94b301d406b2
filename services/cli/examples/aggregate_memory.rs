//! How the aggregate state grows over a long run: the ANT corpus enriched once, then
//! applied again and again with fresh ids (as `marsad bench` publishes it) to the eight
//! partition states of one aggregator, printing every 10,000 articles the process's
//! resident memory, the size of the partitions' checkpoints (their JSON), and the
//! per-article maps.
//!
//! `cargo run --release -p marsad-cli --example aggregate_memory -- [N] [CORPUS]`
//! (N = 100000; CORPUS = ../shared/data/corpus/ant-middleeast.jsonl)

use marsad_aggregate::state::{Limits, PartitionState, EVIDENCE_IDS};
use marsad_ingest::handler::HeaderMeta;
use marsad_runtime::settings::Layered;

// The services' allocator, so that the figures are theirs; with
// `_RJEM_MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0` the resident memory follows the
// live heap closely.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// (bucket, key) tallies of a partition's minute, hour and day series.
fn window_entries(state: &PartitionState) -> usize {
    let w = &state.windows;
    [&w.minute, &w.hour, &w.day]
        .iter()
        .flat_map(|series| series.values())
        .map(|slot| slot.len())
        .sum()
}

/// Evidence article ids held by a partition's tallies.
fn evidence_ids(state: &PartitionState) -> usize {
    let w = &state.windows;
    [&w.minute, &w.hour, &w.day]
        .iter()
        .flat_map(|series| series.values())
        .flat_map(|slot| slot.values())
        .map(|cell| cell.ids().len())
        .sum()
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let corpus = args
        .next()
        .unwrap_or_else(|| "../shared/data/corpus/ant-middleeast.jsonl".to_string());
    let payloads: Vec<Vec<u8>> = marsad_cli::inputs::read(std::path::Path::new(&corpus))?
        .into_iter()
        .map(|i| i.payload)
        .collect();
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new())?;
    let enrich = marsad_enrich::Settings::load_with(None, Vec::new())?;
    // MARSAD__AGGREGATE__… variables set the limits, as for the service.
    let aggregate = marsad_aggregate::Settings::load_with(None, std::env::vars())?;
    let enricher = marsad_enrich::build_enricher(&enrich.enrich)?;
    let now = "2026-12-03T10:00:00Z";
    let enriched: Vec<_> = payloads
        .iter()
        .filter_map(|p| marsad_ingest::ingest(&ingest.ingest, p, &HeaderMeta::default(), now).ok())
        .map(|a| marsad_enrich::enrich(&enricher, a))
        .collect();
    let partitions = aggregate.bus.partitions;
    let limits: Limits = aggregate.limits();
    let mut states: Vec<PartitionState> =
        (0..partitions).map(|_| PartitionState::default()).collect();
    let mut seqs = vec![0u64; partitions as usize];
    println!(
        "{} enriched articles; rss {:.1} MB",
        enriched.len(),
        marsad_cli::procs::rss_mb(std::process::id())
    );
    // The bound of the windows: a partition that has seen every article of the corpus
    // holds every (bucket, key) the corpus has; a replay with fresh ids sends each
    // article to another partition, so each partition's windows fill towards this, and
    // all of them together towards `partitions` times it, never past it.
    let mut whole = PartitionState::default();
    for (seq, article) in enriched.iter().enumerate() {
        whole.apply(seq as u64 + 1, article, limits);
    }
    let bound = window_entries(&whole) * partitions as usize;
    // Each hour tally that keeps evidence fills up to EVIDENCE_IDS ids in each partition.
    let ids_bound = whole
        .windows
        .hour
        .values()
        .flat_map(|slot| slot.values())
        .filter(|cell| !cell.ids().is_empty())
        .count()
        * EVIDENCE_IDS
        * partitions as usize;
    println!(
        "window entries bound: {bound} ({partitions} x one partition that saw the whole corpus)"
    );
    println!("evidence ids bound: {ids_bound} ({EVIDENCE_IDS} per hour tally with evidence, per partition)");
    println!("articles  rss_MB  checkpoints_MB  window_entries  evidence_ids  index  by_article  fragments  interned_keys  story_index  story_entities");
    for i in 0..n {
        let mut article = enriched[i % enriched.len()].clone();
        article.id = format!("{}-r{}", article.id, i / enriched.len());
        let p = marsad_messages::partition_of(&article.id, partitions) as usize;
        seqs[p] += 1;
        states[p].apply(seqs[p], &article, limits);
        if (i + 1) % 10_000 == 0 {
            let bytes: usize = states
                .iter()
                .map(|s| serde_json::to_vec(s).map_or(0, |v| v.len()))
                .sum();
            let windows: usize = states.iter().map(window_entries).sum();
            let ids: usize = states.iter().map(evidence_ids).sum();
            let index: usize = states.iter().map(|s| s.index.len()).sum();
            let by_article: usize = states.iter().map(|s| s.stories.by_article.len()).sum();
            let fragments: usize = states.iter().map(|s| s.stories.fragments.len()).sum();
            println!(
                "{:>8}  {:>6.1}  {:>14.1}  {windows:>14}  {ids:>12}  {index:>5}  {by_article:>10}  {fragments:>9}  {:>13}  {:>11}  {:>14}",
                i + 1,
                marsad_cli::procs::rss_mb(std::process::id()),
                bytes as f64 / 1e6,
                marsad_aggregate::state::Key::interned(),
                states.iter().map(|s| s.stories.index_entries()).sum::<usize>(),
                states.iter().map(|s| s.stories.fragment_entities()).sum::<usize>(),
            );
        }
    }
    // Where the checkpoint's bytes are, by field of the state.
    let mut fields: std::collections::BTreeMap<String, usize> = Default::default();
    for state in &states {
        if let serde_json::Value::Object(map) = serde_json::to_value(state)? {
            for (k, v) in map {
                *fields.entry(k).or_default() += serde_json::to_vec(&v)?.len();
            }
        }
    }
    for (field, bytes) in fields {
        println!("  {field:<12} {:>8.1} MB", bytes as f64 / 1e6);
    }
    Ok(())
}
