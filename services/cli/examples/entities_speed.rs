//! Recognition and linking on one thread, in CPU time: what enrich does for the
//! entities of an article (the knowledge base's names found and resolved, then the
//! statistical tagger's names beside them: `names::Tagger::add_entities`), over the ANT
//! articles as ingest gives them, as `cargo bench -p marsad-cli --bench handlers --
//! entities` does, but timed by the process's user CPU (the machine is shared: wall
//! time is not this process's alone) and with a checksum of every entity (ids, types,
//! names, mentions, salience), so that a change meant to be faster only can be seen to
//! leave the output alone. Needs data/models/ner.bin (`marsad train ner`).
//!
//! `cargo run --release -p marsad-cli --example entities_speed [ARTICLES]` (default
//! all; MARSAD_CORPUS names another JSONL corpus). One pass of the knowledge base
//! alone, then one pass with the tagger (its word cache filled as it goes, as in a
//! run of enrich), then a second pass with the tagger (the cache warm).

use marsad_cli::procs::own_user_cpu;
use std::path::PathBuf;

use marsad_ingest::handler::HeaderMeta;
use marsad_runtime::settings::Layered;

fn main() -> anyhow::Result<()> {
    let limit: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(usize::MAX);
    let corpus = std::env::var_os("MARSAD_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            marsad_cli::ner::repo_path("../shared/data/corpus/ant-middleeast.jsonl")
        });
    let model = marsad_cli::ner::repo_path("data/models/ner.bin");
    if !model.exists() {
        anyhow::bail!("no model at {} (marsad train ner)", model.display());
    }
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new())?;
    let enrich = marsad_enrich::Settings::load_with(
        None,
        vec![(
            "MARSAD__ENRICH__NER_MODEL".to_string(),
            model.display().to_string(),
        )],
    )?;
    let enricher = marsad_enrich::build_enricher(&enrich.enrich)?;
    let tagger = enricher
        .tagger()
        .ok_or_else(|| anyhow::anyhow!("no tagger"))?;
    let gazetteer = enricher.gazetteer();
    let meta = HeaderMeta::default();
    let now = "2026-11-24T10:00:00Z";
    let texts: Vec<String> = marsad_cli::inputs::read(&corpus)?
        .into_iter()
        .filter_map(|i| marsad_ingest::ingest(&ingest.ingest, &i.payload, &meta, now).ok())
        .map(|a| a.text)
        .take(limit)
        .collect();
    let n = texts.len() as f64;
    let known = |text: &str| {
        let view = marsad_arabic::gazetteer::matching_view(text);
        let matches = gazetteer.find_in(&view);
        marsad_arabic::extract::entities::resolve(gazetteer, text, &matches)
    };
    let cpu = own_user_cpu();
    let kb: usize = texts.iter().map(|t| known(t).len()).sum();
    let kb_cpu = own_user_cpu() - cpu;
    let mut checksum: u64 = 0xcbf2_9ce4_8422_2325;
    let pass = |sum: &mut u64| {
        let cpu = own_user_cpu();
        let mut total = 0;
        for text in &texts {
            let mut entities = known(text);
            tagger.add_entities(text, &mut entities);
            total += entities.len();
            for b in serde_json::to_vec(&entities).unwrap_or_default() {
                *sum = (*sum ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        (total, own_user_cpu() - cpu)
    };
    let (total, cold) = pass(&mut checksum);
    let (_, warm) = pass(&mut 0);
    println!(
        "{} articles; knowledge base alone: {kb} entities, {kb_cpu:.2} s of user CPU ({:.3} ms/article)",
        texts.len(),
        kb_cpu * 1000.0 / n
    );
    println!(
        "with the tagger, first pass: {total} entities, {cold:.2} s ({:.3} ms/article, {:.0} articles/s of CPU); entities checksum {checksum:016x}",
        cold * 1000.0 / n,
        n / cold
    );
    println!(
        "with the tagger, second pass (cache warm): {warm:.2} s ({:.3} ms/article, {:.0} articles/s of CPU)",
        warm * 1000.0 / n,
        n / warm
    );
    Ok(())
}
