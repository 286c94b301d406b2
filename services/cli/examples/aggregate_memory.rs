//! How the aggregate state grows over a long run: the ANT corpus enriched once, then
//! applied again and again with fresh ids (as `marsad bench` publishes it) to the eight
//! partition states of one aggregator, printing every 10,000 articles the process's
//! resident memory, the size of the partitions' checkpoints (their JSON), and the
//! per-article maps.
//!
//! `cargo run --release -p marsad-cli --example aggregate_memory -- [N] [CORPUS]`
//! (N = 100000; CORPUS = ../shared/data/corpus/ant-middleeast.jsonl)

use marsad_aggregate::state::{Limits, PartitionState};
use marsad_ingest::handler::HeaderMeta;
use marsad_runtime::settings::Layered;

fn rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
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
        rss_mb()
    );
    println!("articles  rss_MB  checkpoints_MB  index  by_article  fragments");
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
            let index: usize = states.iter().map(|s| s.index.len()).sum();
            let by_article: usize = states.iter().map(|s| s.stories.by_article.len()).sum();
            let fragments: usize = states.iter().map(|s| s.stories.fragments.len()).sum();
            println!(
                "{:>8}  {:>6.1}  {:>14.1}  {index:>5}  {by_article:>10}  {fragments:>9}",
                i + 1,
                rss_mb(),
                bytes as f64 / 1e6
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
