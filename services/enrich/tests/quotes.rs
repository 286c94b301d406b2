//! Quotes and their speakers on real text, through the enricher with the knowledge base.

mod common;

use common::enricher;
use marsad_arabic::extract::ArticleContext;

fn seed(prefix: &str) -> String {
    String::from_utf8(common::seed(prefix)).unwrap()
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
