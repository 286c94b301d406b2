//! What a reader lists from the seed articles — the people, organisations and
//! governorates — found and linked to one id each, places with ISO 3166-2:IQ codes and
//! coordinates. The same functions as the services (ingest, then enrich), no NATS.

use std::collections::BTreeSet;

use marsad_messages::EnrichedArticle;

mod common;

fn ids(a: &EnrichedArticle) -> BTreeSet<&str> {
    a.entities.iter().map(|e| e.id.as_str()).collect()
}

fn assert_has(a: &EnrichedArticle, wanted: &[&str]) {
    let got = ids(a);
    for id in wanted {
        assert!(got.contains(id), "{}: {id} missing from {got:?}", a.id);
    }
}

#[test]
fn the_prime_minister_is_one_entity_under_all_his_spellings() {
    // Seed 000 names him as a hashtag (#مصطفى_الكاظمي), then by surname in quotation
    // marks (“الكاظمي”): one entity, with every mention.
    let a = common::enrich_seed("000");
    let pm: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.id == "person:mustafa-al-kadhimi")
        .collect();
    assert_eq!(pm.len(), 1);
    let texts: BTreeSet<&str> = pm[0].mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains("مصطفى_الكاظمي"), "{texts:?}");
    assert!(texts.contains("الكاظمي"), "{texts:?}");
    assert!(!ids(&a)
        .iter()
        .any(|id| id.starts_with("person:") && *id != "person:mustafa-al-kadhimi"));
}

#[test]
fn the_seeds_name_their_actors() {
    assert_has(
        &common::enrich_seed("000"),
        &[
            "person:mustafa-al-kadhimi",
            "org:isis",
            "org:samarra-operations-command",
            "loc:salah-al-din-governorate",
            "loc:ninewa-governorate",
            "loc:anbar-governorate",
            "loc:diyala-governorate",
            "loc:kirkuk",
            "loc:kurdistan-region",
        ],
    );
    assert_has(
        &common::enrich_seed("001"),
        &[
            "person:mustafa-al-kadhimi",
            "org:isis",
            "org:counter-terrorism-service",
            "org:popular-mobilization-forces",
            "org:peshmerga",
            "loc:baghdad",
        ],
    );
    assert_has(
        &common::enrich_seed("002"),
        &[
            "person:mustafa-al-kadhimi",
            "person:joe-biden",
            "person:donald-trump",
            "org:isis",
            "org:peshmerga",
            "org:joint-operations-command",
            "org:global-coalition",
            "loc:baghdad-airport",
            "loc:erbil-airport",
        ],
    );
    // Seed 003: the Joint Operations Command's spokesman, the parliament's security
    // committee, and Kirkuk both as "محافظة كركوك" and as "كركوك".
    assert_has(
        &common::enrich_seed("003"),
        &[
            "person:tahsin-al-khafaji",
            "org:isis",
            "org:joint-operations-command",
            "org:security-and-defence-committee",
            "loc:kirkuk-governorate",
            "loc:kirkuk",
            "loc:diyala-governorate",
            "loc:anbar-governorate",
            "loc:salah-al-din-governorate",
            "loc:ninewa-governorate",
        ],
    );
    assert_has(
        &common::enrich_seed("004"),
        &[
            "person:mustafa-al-kadhimi",
            "org:joint-operations-command",
            "org:security-media-cell",
            "org:army-aviation",
        ],
    );
}

#[test]
fn governorates_carry_iso_codes_and_coordinates() {
    let a = common::enrich_seed("003");
    for (id, code) in [
        ("loc:kirkuk-governorate", "IQ-KI"),
        ("loc:salah-al-din-governorate", "IQ-SD"),
        ("loc:anbar-governorate", "IQ-AN"),
        ("loc:diyala-governorate", "IQ-DI"),
        ("loc:ninewa-governorate", "IQ-NI"),
    ] {
        let e = a.entities.iter().find(|e| e.id == id).unwrap();
        let geo = e.geo.as_ref().unwrap();
        assert_eq!(geo.adm1.as_deref(), Some(code), "{id}");
        assert_eq!(geo.country, "IQ");
        assert_eq!(geo.precision, "adm1");
        // Inside Iraq's bounding box.
        assert!(
            (29.0..37.5).contains(&geo.lat) && (38.5..48.7).contains(&geo.lon),
            "{id}"
        );
    }
}
