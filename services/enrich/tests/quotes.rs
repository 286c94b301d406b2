//! Quotes and their speakers on real text, through the enricher with the knowledge base.

use marsad_arabic::extract::{ArticleContext, Enricher};
use marsad_runtime::settings::Layered;

fn enricher() -> Enricher {
    let settings = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    marsad_enrich::build_enricher(&settings.enrich).unwrap()
}

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");
    let path = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap();
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_time_phrase_after_the_verb_is_not_the_speaker() {
    // BB-middleEast-370 (ANT corpus, Apache-2.0): the subject stands before the verb and
    // "مطلع الشهر الجاري" after it. (The article names حيدر العبادي in full earlier; a
    // surname alone is linked only then.)
    let text = "وأعلن رئيس الوزراء حيدر العبادي انتهاء العمليات.\nوكان العبادي صرح مطلع الشهر الجاري بأن \"العراق سيتخذ كافة الإجراءات اللازمة لمواجهة اي تهديدات تستهدف أمن البلاد\"، في إشارة إلى التنظيم.";
    let found = enricher().extract(text, &ArticleContext::default());
    assert_eq!(found.quotes.len(), 1, "{:?}", found.quotes);
    let speaker = found.quotes[0].speaker.as_ref().expect("a speaker");
    assert_eq!(
        speaker.entity_id.as_deref(),
        Some("person:haider-al-abadi"),
        "{speaker:?}"
    );
}

#[test]
fn seed_quotes_keep_their_speakers_apart() {
    let e = enricher();
    // Seed 000: the prime minister, then analysts (محللون) as a group speaker.
    let found = e.extract(&seed("000"), &ArticleContext::default());
    let speakers: Vec<&str> = found
        .quotes
        .iter()
        .map(|q| q.speaker.as_ref().map_or("", |s| s.text.as_str()))
        .collect();
    let n = speakers.len();
    assert!(n >= 4, "{speakers:?}");
    assert_eq!(&speakers[n - 2..], ["محللون", "محللون"], "{speakers:?}");
    assert!(found.quotes[0]
        .speaker
        .as_ref()
        .is_some_and(|s| s.entity_id.as_deref() == Some("person:mustafa-al-kadhimi")));
    // Seed 004: «الكاظمي» and «داعش» in guillemets are names, not quotes.
    let found = e.extract(&seed("004"), &ArticleContext::default());
    assert!(found
        .quotes
        .iter()
        .all(|q| q.text != "الكاظمي" && q.text != "داعش"));
}
