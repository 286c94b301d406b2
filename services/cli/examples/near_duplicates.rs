//! Near-duplicates in a corpus, found the way ingest finds them (MinHash bands claimed
//! create-if-absent, here in a map standing for the bands stream, in corpus order):
//!
//! ```sh
//! cargo run --release -p marsad-cli --example near_duplicates -- ../shared/data/corpus/ant-middleeast.jsonl [threshold]
//! ```
//!
//! Prints how many articles are copies of an earlier one and a sample of the pairs, to
//! tune the threshold against what a reader would call the same article.

use std::collections::HashMap;

use bytes::Bytes;
use marsad_ingest::handler::HeaderMeta;
use marsad_ingest::neardup::{self, Signature};
use marsad_runtime::settings::Layered;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: near_duplicates FILE.jsonl [threshold]");
    let threshold: f64 = args.next().map(|t| t.parse().unwrap()).unwrap_or(0.8);
    let settings = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let inputs = marsad_cli::inputs::read(std::path::Path::new(&path)).unwrap();
    let meta = HeaderMeta::default();
    let mut bucket: HashMap<u64, Bytes> = HashMap::new();
    let mut titles: HashMap<String, String> = HashMap::new();
    let (mut articles, mut signed, mut copies) = (0, 0, 0);
    let mut pairs = Vec::new();
    let started = std::time::Instant::now();
    let mut signing = std::time::Duration::ZERO;
    for input in &inputs {
        let Ok(article) = marsad_ingest::ingest(
            &settings.ingest,
            &input.payload,
            &meta,
            "2026-01-01T00:00:00Z",
        ) else {
            continue;
        };
        articles += 1;
        titles.insert(
            article.id.clone(),
            article.title.clone().unwrap_or_default(),
        );
        let t = std::time::Instant::now();
        let signature = Signature::of(&article.text, settings.ingest.near_duplicate_min_words);
        signing += t.elapsed();
        let Some(signature) = signature else { continue };
        signed += 1;
        let (keys, value) = neardup::claims(&article.id, &signature);
        let held: Vec<Bytes> = keys
            .into_iter()
            .map(|key| bucket.entry(key).or_insert_with(|| value.clone()).clone())
            .collect();
        if let Some(original) = neardup::original_of(&article.id, &signature, &held, threshold) {
            copies += 1;
            pairs.push((original, article.id.clone()));
        }
    }
    println!(
        "{articles} articles, {signed} long enough to compare, {copies} near-duplicates at {threshold} \
         ({} band keys); signatures {:.1} µs/article, whole run {:.1} s",
        bucket.len(),
        signing.as_secs_f64() * 1e6 / signed.max(1) as f64,
        started.elapsed().as_secs_f64()
    );
    for (original, copy) in pairs.iter().take(15) {
        println!(
            "{copy} → {original}\n    {}\n    {}",
            titles[copy], titles[original]
        );
    }
}
