//! Throughput of the text core over the 7,628 real articles of the ANT corpus
//! (Middle-East section, `../shared/data/corpus/ant-middleeast.jsonl`), one core:
//! normalize; normalize + tokenize; normalize + tokenize + clitic analysis of every
//! word; and charabia (Meilisearch's tokenizer) on the same input.
//!
//! `cargo bench -p marsad-arabic --bench text_core` (MARSAD_CORPUS=FILE to point
//! elsewhere). Skipped with a message when the corpus is not there.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_arabic::clitics::{self, BuiltinLexicon};
use marsad_arabic::gazetteer::Gazetteer;
use marsad_arabic::normalize::normalize;
use marsad_arabic::token::{tokenize, TokenKind};

fn corpus() -> Option<Vec<String>> {
    let path = std::env::var_os("MARSAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/data/corpus/ant-middleeast.jsonl")
        });
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!(
                "text_core: corpus {} not readable ({e}); skipping",
                path.display()
            );
            return None;
        }
    };
    Some(
        text.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(articles) = corpus() else { return };
    let bytes: usize = articles.iter().map(String::len).sum();
    eprintln!(
        "text_core: {} articles, {:.1} MB",
        articles.len(),
        bytes as f64 / 1e6
    );
    let kb = marsad_arabic::kb::load_dir(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/kb"),
    )
    .expect("data/kb");
    let gazetteer = Gazetteer::new(kb);

    let mut group = c.benchmark_group("text_core");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("normalize", |b| {
        b.iter(|| articles.iter().map(|a| normalize(a).len()).sum::<usize>())
    });
    // Every token's matching form is read (it is a slice of the view, so this is
    // cheap, but it is part of the work a caller gets).
    group.bench_function("normalize+tokenize", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| {
                    let tokens = tokenize(a);
                    tokens
                        .with_norms()
                        .map(|(_, norm)| norm.len())
                        .sum::<usize>()
                })
                .sum::<usize>()
        })
    });
    // Lexicon: the knowledge base's gazetteer or the built-in word list, as in enrich.
    let lexicon = (&gazetteer, BuiltinLexicon::get());
    group.bench_function("normalize+tokenize+clitics", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for a in &articles {
                let tokens = tokenize(a);
                for (token, norm) in tokens.with_norms() {
                    if token.kind == TokenKind::Word {
                        n += clitics::analyze(norm, &lexicon).len();
                    }
                }
            }
            n
        })
    });
    group.bench_function("charabia", |b| {
        use charabia::Tokenize;
        b.iter(|| {
            articles
                .iter()
                .map(|a| a.as_str().tokenize().count())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
