//! The statistical NER tagger on one thread over ANT articles (title and text, split
//! into sentences and tokenized by the text core, as enrich would give them): tagging
//! with the two passes and the WikiFANE tagger, then label consistency over the
//! article, in articles and tokens per second. Needs the trained model (`marsad train
//! ner` → data/models/ner.bin).
//!
//! `cargo run --release -p marsad-cli --example ner_speed [ARTICLES]` (default 2,000;
//! MARSAD_CORPUS names another JSONL corpus).

use marsad_cli::procs::own_user_cpu;
use std::path::PathBuf;
use std::time::Instant;

use marsad_arabic::ner::{self, Model};

/// The articles as documents: sentences of tokens.
fn documents(path: &PathBuf, limit: usize) -> anyhow::Result<Vec<Vec<Vec<String>>>> {
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for line in text.lines().take(limit) {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let body = format!(
            "{}\n{}",
            v["title"].as_str().unwrap_or(""),
            v["text"].as_str().unwrap_or("")
        );
        let chars: Vec<char> = body.chars().collect();
        let mut doc = Vec::new();
        for span in marsad_arabic::sentence::sentences(&body) {
            let sentence: String = chars[span.start..span.end].iter().collect();
            let tokens = marsad_arabic::token::tokenize(&sentence);
            let words: Vec<String> = tokens.iter().map(|t| tokens.norm(t).to_string()).collect();
            if !words.is_empty() {
                doc.push(words);
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

fn main() -> anyhow::Result<()> {
    let limit: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(2000);
    let corpus = std::env::var_os("MARSAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            marsad_cli::ner::repo_path("../shared/data/corpus/ant-middleeast.jsonl")
        });
    let started = Instant::now();
    let model_path = marsad_cli::ner::repo_path("data/models/ner.bin");
    let bytes = std::fs::read(&model_path)
        .map_err(|e| anyhow::anyhow!("{}: {e} (marsad train ner)", model_path.display()))?;
    let model = Model::from_bytes(&bytes).map_err(|e| anyhow::anyhow!(e))?;
    let lists = marsad_cli::ner::default_lists()?;
    println!(
        "model and lists loaded in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let docs = documents(&corpus, limit)?;
    let tokens: usize = docs.iter().flatten().map(Vec::len).sum();
    let started = Instant::now();
    let cpu_started = own_user_cpu();
    let mut entities = 0usize;
    // A checksum of every tag, so that a change meant to be faster only can be seen to
    // leave the output alone.
    let mut checksum: u64 = 0xcbf2_9ce4_8422_2325;
    // The sums of each word's features are kept from one article to the next.
    let mut tagger = ner::Tagger::new(&model, &lists);
    for doc in &docs {
        let refs: Vec<Vec<&str>> = doc
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        let mut tags = tagger.tag_document(&refs);
        ner::propagate(doc, &mut tags, &lists);
        entities += tags.iter().map(|t| ner::spans(t).len()).sum::<usize>();
        for &t in tags.iter().flatten() {
            checksum = (checksum ^ t as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let cpu = own_user_cpu() - cpu_started;
    println!(
        "{} articles, {tokens} tokens, {entities} entities in {secs:.2} s: {:.0} articles/s, {:.0} tokens/s; tags checksum {checksum:016x}\ntagging alone: {cpu:.2} s of user CPU, {:.0} articles/s of CPU",
        docs.len(),
        docs.len() as f64 / secs,
        tokens as f64 / secs,
        docs.len() as f64 / cpu
    );
    Ok(())
}
