//! Aggregates enriched articles (JSON lines, as `marsad enrich` prints them) into
//! `P` partitions in-process, the way the service would, and prints the stories and
//! the trends: a way to look at what the rules do on a corpus without NATS.
//!
//! `marsad enrich ../shared/data/corpus/ant-middleeast.jsonl > /tmp/ant.jsonl`
//! `cargo run --release -p marsad-aggregate --example offline -- /tmp/ant.jsonl 8`

use std::io::BufRead;

use marsad_aggregate::state::{Limits, PartitionState};
use marsad_aggregate::view::View;
use marsad_messages::{partition_of, EnrichedArticle};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("enriched JSON lines");
    let partitions: u32 = args.next().map_or(Ok(8), |p| p.parse())?;
    let mut states: Vec<PartitionState> = (0..partitions).map(|_| Default::default()).collect();
    let mut seqs = vec![0u64; partitions as usize];
    let limits = Limits {
        retention_hours: 24 * 366,
        ..Limits::default()
    };
    let started = std::time::Instant::now();
    let mut n = 0;
    for line in std::io::BufReader::new(std::fs::File::open(&path)?).lines() {
        let article: EnrichedArticle = serde_json::from_str(&line?)?;
        let p = partition_of(&article.id, partitions) as usize;
        seqs[p] += 1;
        states[p].apply(seqs[p], &article, limits);
        n += 1;
    }
    let applied = started.elapsed();
    let view = View {
        partitions: states
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s))
            .collect(),
    };
    let started = std::time::Instant::now();
    let stories = view.stories();
    let merged = started.elapsed();
    let multi: Vec<_> = stories.iter().filter(|s| s.articles > 1).collect();
    let cross: usize = multi.iter().filter(|s| s.sources.len() > 1).count();
    println!(
        "{n} articles applied in {applied:?}; {} stories ({} with several articles, {cross} across sources), merged in {merged:?}",
        stories.len(),
        multi.len()
    );
    let mut biggest = multi.clone();
    biggest.sort_by_key(|s| std::cmp::Reverse(s.articles));
    for s in biggest.iter().take(15) {
        println!(
            "{:>4} articles {:?} {} → {} {:?} {:?}",
            s.articles,
            s.sources,
            s.first_seen,
            s.last_seen,
            s.title,
            s.casualties
                .get("KILLED")
                .map(|k| (k.figure, k.max, k.disagree))
        );
    }
    for t in view.trending(24, 24 * 7, 3).iter().take(10) {
        println!(
            "trending {} {:?} count {} baseline {} surprise {:.1}",
            t.key, t.name_en, t.count, t.baseline, t.surprise
        );
    }
    Ok(())
}
