//! The stacked main-event-type layer (`enrich.events_model`, `marsad train events`)
//! on real gold articles.

use std::path::{Path, PathBuf};

use marsad_arabic::extract::events_model::EventsModel;
use marsad_cli::train_events::{self as te, Labelled};
use marsad_runtime::settings::Layered;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The development files of the experiment (tools/events-stacking): blind-14 held out.
const DEV: [&str; 14] = [
    "facts",
    "events-heldout",
    "blind-2",
    "blind-3",
    "blind-4",
    "blind-5",
    "blind-6",
    "blind-7",
    "blind-8",
    "blind-9",
    "blind-10",
    "blind-11",
    "blind-12",
    "blind-13",
];

/// The settings with the layer off: the rules' prediction is the layer's input.
fn settings() -> (marsad_ingest::Settings, marsad_enrich::Settings) {
    let mut enrich = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    enrich.enrich.events_model = PathBuf::new();
    (
        marsad_ingest::Settings::load_with(None, Vec::new()).unwrap(),
        enrich,
    )
}

fn read(names: &[&str]) -> Vec<(String, Vec<Labelled>)> {
    let (ingest, enrich) = settings();
    let enricher = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    names
        .iter()
        .map(|n| {
            let path = root().join(format!("data/gold/{n}.jsonl"));
            (
                n.to_string(),
                te::read_gold(&path, &ingest.ingest, &enricher).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_committed_model_loads_with_every_type() {
    let model = EventsModel::load(&root().join("data/models/events.tsv")).unwrap();
    for t in [
        "BATTLES",
        "CONFERENCE",
        "EXPLOSIONS_REMOTE_VIOLENCE",
        "MEETING",
        "PROTESTS",
        "RIOTS",
        "STATEMENT",
        "STRATEGIC_DEVELOPMENTS",
        "VIOLENCE_AGAINST_CIVILIANS",
    ] {
        assert!(model.classes().iter().any(|c| c == t), "{t}");
    }
    // The enrich settings load it by default.
    let enrich = marsad_enrich::Settings::load_with(None, Vec::new()).unwrap();
    assert_eq!(
        enrich.enrich.events_model,
        PathBuf::from("data/models/events.tsv")
    );
    assert!(marsad_enrich::build_enricher(&enrich.enrich)
        .unwrap()
        .has_events_model());
    assert!(EventsModel::parse("not\ta weights file").is_err());
}

#[test]
fn training_is_deterministic_and_ignores_the_order_of_files() {
    let files = read(&["blind-11", "blind-12", "blind-13"]);
    let once = te::train(files.iter().flat_map(|(_, a)| a), te::SEED, te::SEEDS);
    let twice = te::train(files.iter().flat_map(|(_, a)| a), te::SEED, te::SEEDS);
    assert_eq!(once, twice);
    let reversed = te::train(files.iter().rev().flat_map(|(_, a)| a), te::SEED, te::SEEDS);
    assert_eq!(once, reversed);
    // Read back, the weights file predicts as the training saw.
    let model = EventsModel::parse(&once).unwrap();
    let s = te::score(&model, &files[0].1);
    assert!(s.model * 10 >= s.n * 9, "{s:?}");
}

#[test]
fn a_statement_lead_read_as_an_incident_is_overruled() {
    // blind-14 SK-202: a UN envoy's statement about the victims of ISIS's sexual violence
    // («قالت مبعوثة الأمم المتحدة … إنها وجدت "نقصا كبيرا" في دعم النساء»); the rules read the
    // abuse it is about (VIOLENCE_AGAINST_CIVILIANS), gold is STATEMENT. A model trained
    // without blind-14 (as in the experiment) overrules them, and keeps the event's place.
    // (Until revision 13 this was CN-1311, a consulate burnt, which the rules now read right.)
    let dev = read(&DEV);
    let model = EventsModel::parse(&te::train(
        dev.iter().flat_map(|(_, a)| a),
        te::SEED,
        te::SEEDS,
    ))
    .unwrap();
    let (ingest, enrich) = settings();
    let rules = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    let stacked = marsad_enrich::build_enricher(&enrich.enrich)
        .unwrap()
        .with_events_model(model.clone());
    let path = root().join("data/gold/blind-14.jsonl");
    let test = te::read_gold(&path, &ingest.ingest, &rules).unwrap();
    let a = test
        .iter()
        .find(|a| a.id.starts_with("SK-middleEast-202-"))
        .unwrap();
    assert_eq!(
        (a.rules.as_str(), a.gold.as_str()),
        ("VIOLENCE_AGAINST_CIVILIANS", "STATEMENT")
    );
    assert_eq!(a.predict(&model), "STATEMENT");
    let context = marsad_arabic::extract::ArticleContext {
        published: None,
        title: a.title.as_deref(),
    };
    let before = rules.extract(&a.text, &context).events;
    let after = stacked.extract(&a.text, &context).events;
    assert_eq!(after[0].event_type, "STATEMENT");
    assert_eq!(after[0].location_id, before[0].location_id);
    assert_eq!(after[0].fatalities, None);
    // On blind-14 every overrule is right.
    let s = te::score(&model, &test);
    assert!(s.overrule_right >= 1 && s.overrule_wrong == 0, "{s:?}");
}

#[test]
fn the_setting_off_leaves_enrich_as_it_was() {
    // Set empty (`MARSAD__ENRICH__EVENTS_MODEL=`), every event of every article is the
    // rules' own.
    let ingest = marsad_ingest::Settings::load_with(None, Vec::new()).unwrap();
    let enrich = marsad_enrich::Settings::load_with(
        None,
        vec![("MARSAD__ENRICH__EVENTS_MODEL".into(), String::new())],
    )
    .unwrap();
    assert!(enrich.enrich.events_model.as_os_str().is_empty());
    let default = marsad_enrich::build_enricher(&enrich.enrich).unwrap();
    assert!(!default.has_events_model());
    let gazetteer = marsad_arabic::gazetteer::Gazetteer::new(
        marsad_arabic::kb::load_dir(&root().join("data/kb")).unwrap(),
    );
    let plain = marsad_arabic::extract::Enricher::new(gazetteer);
    let path = root().join("data/gold/blind-13.jsonl");
    for a in te::read_gold(&path, &ingest.ingest, &default).unwrap() {
        let context = marsad_arabic::extract::ArticleContext {
            published: None,
            title: a.title.as_deref(),
        };
        assert_eq!(
            default.extract(&a.text, &context),
            plain.extract(&a.text, &context),
            "{}",
            a.id
        );
    }
}
