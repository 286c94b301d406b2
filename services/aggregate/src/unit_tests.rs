//! Unit tests of the state, the views, the stories and the alerts.

use marsad_messages::{
    Count, EnrichedArticle, Entity, EntityType, Event, Geo, Mention, Timings, Tone,
};

use crate::alerts::{Book, Candidate, Rules};
use crate::state::{casualties, Bucket, Key, Limits, PartitionState, Slot};
use crate::view::{poisson_surprise, View};

fn article(id: &str, published: &str, text: &str, entities: Vec<Entity>) -> EnrichedArticle {
    EnrichedArticle {
        schema: "marsad.enriched/v1".into(),
        id: id.into(),
        source: Some("src".into()),
        url: None,
        title: Some(format!("title {id}")),
        published_at: Some(published.into()),
        received_at: "2026-01-01T00:00:00Z".into(),
        language: "ar".into(),
        text: text.into(),
        duplicate_of: None,
        entities,
        quotes: vec![],
        dates: vec![],
        counts: vec![],
        events: vec![],
        themes: vec!["TERRORISM".into()],
        hashtags: vec![],
        tone: Tone::default(),
        timings_us: Timings::default(),
    }
}

/// An entity with mentions at the given character offsets.
fn entity(id: &str, t: EntityType, at: &[(usize, usize)], adm1: Option<&str>) -> Entity {
    Entity {
        id: id.into(),
        entity_type: t,
        name_ar: id.into(),
        name_en: None,
        mentions: at
            .iter()
            .map(|&(start, end)| Mention {
                start,
                end,
                text: "x".into(),
            })
            .collect(),
        geo: adm1.map(|a| Geo {
            lat: 0.0,
            lon: 0.0,
            country: "IQ".into(),
            adm1: Some(a.into()),
            precision: "adm1".into(),
        }),
        salience: 0.5,
    }
}

fn count(kind: &str, value: u64, start: usize) -> Count {
    Count {
        start,
        end: start + 5,
        text: "x".into(),
        kind: kind.into(),
        value,
        approximate: false,
        object: None,
    }
}

const LIMITS: Limits = Limits {
    retention_minutes: 24 * 60,
    retention_hours: 24 * 30,
    retention_days: 365,
    recent_articles: 100,
    index_articles: 10_000,
    story_fragments: 2_000,
};

fn view(states: &[PartitionState]) -> View<'_> {
    View {
        partitions: states
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, s))
            .collect(),
    }
}

#[test]
fn counts_by_event_time_in_every_resolution_and_skips_what_the_checkpoint_covers() {
    let mut s = PartitionState::default();
    let a = article(
        "a",
        "2021-06-12T09:10:00Z",
        "نص",
        vec![
            entity(
                "person:k",
                EntityType::Person,
                &[(0, 1), (2, 3), (4, 5)],
                None,
            ),
            entity(
                "loc:kirkuk",
                EntityType::Loc,
                &[(6, 7), (8, 9)],
                Some("IQ-KI"),
            ),
        ],
    );
    assert!(s.apply(1, &a, LIMITS));
    // A redelivery of sequence 1 after a crash changes nothing.
    assert!(!s.apply(1, &a, LIMITS));
    let b = article(
        "b",
        "2021-06-12T10:00:00Z",
        "نص",
        vec![entity("person:k", EntityType::Person, &[(0, 1)], None)],
    );
    assert!(s.apply(2, &b, LIMITS));
    let states = [s];
    let v = view(&states);
    let top = v.top(Some(EntityType::Person), v.window(Bucket::Hour, 24));
    assert_eq!((top[0].mentions, top[0].articles), (4, 2));
    // Only the last hour: article b alone.
    assert_eq!(v.top(None, v.window(Bucket::Hour, 1))[0].mentions, 1);
    // The same in minute and day buckets.
    assert_eq!(v.top(None, v.window(Bucket::Minute, 1))[0].mentions, 1);
    assert_eq!(v.top(None, v.window(Bucket::Day, 1))[0].mentions, 4);
    let (rows, _) = v.governorates(v.window(Bucket::Hour, 24));
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].adm1.as_str(), rows[0].articles, rows[0].mentions),
        ("IQ-KI", 1, 2)
    );
    let series = v.timeseries("e:person:k", v.window(Bucket::Hour, 3));
    let got: Vec<u64> = series.iter().map(|p| p.mentions).collect();
    assert_eq!(got, vec![0, 3, 1]);
    assert_eq!(series[2].t, "2021-06-12T10:00:00Z");
}

#[test]
fn state_survives_a_json_round_trip() {
    let mut s = PartitionState::default();
    s.apply(
        7,
        &article(
            "a",
            "2021-06-12T09:10:00Z",
            "نص",
            vec![entity(
                "loc:kirkuk",
                EntityType::Loc,
                &[(0, 1)],
                Some("IQ-KI"),
            )],
        ),
        LIMITS,
    );
    let json = serde_json::to_vec(&s).unwrap();
    let back: PartitionState = serde_json::from_slice(&json).unwrap();
    assert_eq!(back, s);
}

#[test]
fn a_checkpoint_keeps_its_json_form_and_reads_back_the_counts_and_evidence() {
    // A checkpoint written before cells became compact: the same JSON must load, since
    // a restarted aggregator resumes from whatever its bucket holds.
    let json = r#"{"last_seq":3,"articles":3,"clock":1623489000,"entities":{},
        "windows":{"minute":{},"day":{},
        "hour":{"450969":{"e:person:k":{"m":5,"a":3,"ids":["a","b","c"]},"n":{"m":3,"a":3}}}},
        "index":{},"recent":[],"stories":{"next":0,"fragments":{},"by_article":{},"swept_at":0}}"#;
    let state: PartitionState = serde_json::from_str(json).unwrap();
    let cell = state.windows.hour[&450969].get("e:person:k").unwrap();
    assert_eq!((cell.mentions(), cell.articles()), (5, 3));
    let ids: Vec<&str> = cell.ids().iter().map(|k| k.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(state.windows.hour[&450969]
        .get("n")
        .unwrap()
        .ids()
        .is_empty());
    // And it is written back in the same form, evidence only where there is some.
    let again = serde_json::to_value(&state).unwrap();
    assert_eq!(
        again["windows"]["hour"]["450969"]["e:person:k"],
        serde_json::json!({"m": 5, "a": 3, "ids": ["a", "b", "c"]})
    );
    assert_eq!(
        again["windows"]["hour"]["450969"]["n"],
        serde_json::json!({"m": 3, "a": 3})
    );
}

#[test]
fn partitions_share_one_copy_of_each_key() {
    // A replay sends the same story to every partition: each must not hold its own
    // copy of `e:loc:kirkuk` in each of its buckets.
    let kirkuk = || {
        vec![entity(
            "loc:kirkuk",
            EntityType::Loc,
            &[(0, 1)],
            Some("IQ-KI"),
        )]
    };
    let mut one = PartitionState::default();
    let mut two = PartitionState::default();
    one.apply(
        1,
        &article("a", "2021-06-12T09:10:00Z", "نص", kirkuk()),
        LIMITS,
    );
    two.apply(
        1,
        &article("b", "2021-06-13T09:10:00Z", "نص", kirkuk()),
        LIMITS,
    );
    let key_of = |s: &PartitionState, bucket: Bucket| {
        let series = s.windows.series(bucket);
        let slot = series.values().next().unwrap();
        let (key, _) = slot.get_key_value("e:loc:kirkuk").unwrap();
        key.as_str().as_ptr()
    };
    let first = key_of(&one, Bucket::Minute);
    for s in [&one, &two] {
        for bucket in Bucket::ALL {
            assert_eq!(key_of(s, bucket), first, "{bucket:?}");
        }
    }
    // Read back from a checkpoint, the key is the shared one again.
    let back: PartitionState = serde_json::from_slice(&serde_json::to_vec(&two).unwrap()).unwrap();
    assert_eq!(key_of(&back, Bucket::Day), first);
}

#[test]
fn a_bucket_counts_every_key_it_is_given_in_any_order() {
    // A bucket's cells are a sorted vector searched by key: whatever order keys arrive
    // in, each is counted in its own cell and found again, as a map would.
    let mut slot = Slot::default();
    let mut model: std::collections::BTreeMap<String, u64> = Default::default();
    let mut x: u64 = 7;
    for _ in 0..2_000 {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let key = format!("e:slot-test:{}", (x >> 33) % 300);
        slot.cell(&key).add_for_test(2);
        *model.entry(key).or_default() += 2;
    }
    assert_eq!(slot.len(), model.len());
    for (key, mentions) in &model {
        let cell = slot.get(key).unwrap();
        assert_eq!(
            (cell.mentions(), cell.articles()),
            (*mentions, mentions / 2)
        );
    }
    assert!(slot.get("e:slot-test:absent").is_none());
    let keys: Vec<&str> = slot.iter().map(|(k, _)| k.as_str()).collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    // And through a checkpoint.
    let back: Slot = serde_json::from_slice(&serde_json::to_vec(&slot).unwrap()).unwrap();
    assert_eq!(back, slot);
}

#[test]
fn keys_nothing_holds_any_more_leave_the_shared_set() {
    // Entity ids come and go with the news: the set of shared keys must not keep every
    // key ever seen.
    for i in 0..5_000 {
        drop(Key::intern(&format!("e:transient:{i}")));
    }
    assert!(!Key::is_interned("e:transient:0"));
    let kept = Key::intern("e:transient:kept");
    for i in 5_000..10_000 {
        drop(Key::intern(&format!("e:transient:{i}")));
    }
    assert!(Key::is_interned("e:transient:kept"));
    assert_eq!(kept.as_str(), "e:transient:kept");
}

#[test]
fn casualties_go_to_the_place_named_just_before_them() {
    // From seed 002: "… والسفارة الأميركية في بغداد. وأدّت هذه الهجمات إلى مقتل متعاقدَين
    // أجنبيين وتسعة عراقيين": the 11 dead belong to Baghdad, named in the sentence
    // before; "مقتل 18 شخصاً … في مناطق متفرقة من البلاد" names no governorate, and the
    // nearest place before it is too far back to be where it happened.
    let text = format!(
        "{}والسفارة الأميركية في بغداد. وأدّت هذه الهجمات إلى مقتل متعاقدَين أجنبيين وتسعة عراقيين.",
        "ا".repeat(1000)
    );
    let baghdad = 1000 + "والسفارة الأميركية في ".chars().count();
    let killed_at = 1000
        + "والسفارة الأميركية في بغداد. وأدّت هذه الهجمات إلى "
            .chars()
            .count();
    let mut a = article(
        "a",
        "2021-06-12T09:10:00Z",
        &text,
        vec![
            entity(
                "loc:baghdad",
                EntityType::Loc,
                &[(baghdad, baghdad + 5)],
                Some("IQ-BG"),
            ),
            entity("loc:anbar", EntityType::Loc, &[(10, 16)], Some("IQ-AN")),
        ],
    );
    a.counts = vec![
        count("KILLED", 18, 500),
        count("KILLED", 11, killed_at),
        // The same figure again in the body is not more dead.
        count("KILLED", 11, killed_at + 20),
        count("TROOPS", 2500, killed_at + 30),
    ];
    let got = casualties(&a);
    assert_eq!(
        got.get(&("IQ-BG".to_string(), "KILLED".to_string())),
        Some(&11)
    );
    // 18 is 484 characters after الأنبار: beyond the attribution window, so it is
    // counted for the country, not for Anbar.
    assert_eq!(
        got.get(&("none".to_string(), "KILLED".to_string())),
        Some(&18)
    );
    assert_eq!(got.get(&("IQ-AN".to_string(), "KILLED".to_string())), None);
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn events_count_by_the_governorate_of_their_location() {
    let mut a = article(
        "a",
        "2021-06-12T09:10:00Z",
        "نص",
        vec![entity(
            "loc:kirkuk",
            EntityType::Loc,
            &[(0, 1)],
            Some("IQ-KI"),
        )],
    );
    a.events = vec![Event {
        event_type: "Explosions/Remote violence".into(),
        sub_type: None,
        location_id: Some("loc:kirkuk".into()),
        date: None,
        fatalities: Some(3),
        start: 0,
        end: 1,
    }];
    let mut s = PartitionState::default();
    s.apply(1, &a, LIMITS);
    let states = [s];
    let v = view(&states);
    let (rows, _) = v.governorates(v.window(Bucket::Day, 1));
    assert_eq!(rows[0].events.get("Explosions/Remote violence"), Some(&1));
}

#[test]
fn poisson_surprise_grows_with_the_count_and_shrinks_with_the_baseline() {
    assert!(poisson_surprise(5, 0.5) > poisson_surprise(3, 0.5));
    assert!(poisson_surprise(5, 0.5) > poisson_surprise(5, 4.0));
    // P(X ≥ 1 | λ = 1) = 1 − e^{-1} ≈ 0.632.
    assert!((poisson_surprise(1, 1.0) - (-(1.0f64 - (-1.0f64).exp()).log10())).abs() < 1e-9);
    assert_eq!(poisson_surprise(0, 3.0), 0.0);
}

#[test]
fn an_entity_that_jumps_above_its_baseline_trends_with_its_evidence() {
    let mut s = PartitionState::default();
    let mut seq = 0;
    let mut add = |s: &mut PartitionState, id: &str, at: &str, who: &str| {
        seq += 1;
        s.apply(
            seq,
            &article(
                id,
                at,
                "نص",
                vec![entity(who, EntityType::Person, &[(0, 1)], None)],
            ),
            LIMITS,
        );
    };
    // One article a few hours apart the day before, then five in the last hour.
    add(&mut s, "b1", "2021-06-11T12:00:00Z", "person:steady");
    add(&mut s, "b2", "2021-06-11T18:00:00Z", "person:steady");
    for i in 0..5 {
        add(
            &mut s,
            &format!("n{i}"),
            "2021-06-12T09:10:00Z",
            "person:rising",
        );
    }
    add(&mut s, "s1", "2021-06-12T09:20:00Z", "person:steady");
    let states = [s];
    let v = view(&states);
    let trends = v.trending(1, 24, 2);
    assert_eq!(trends[0].key, "person:rising");
    assert_eq!(trends[0].count, 5);
    assert_eq!(trends[0].baseline, 0);
    assert_eq!(trends[0].article_ids.len(), 5);
    assert!(
        trends.iter().all(|t| t.key != "person:steady"),
        "below min_count"
    );
}

/// The entities every report of one story names: the actor, the place and who spoke.
fn one_story_entities() -> Vec<Entity> {
    vec![
        entity("org:isis", EntityType::Org, &[(0, 1)], None),
        entity("loc:kirkuk", EntityType::Loc, &[(2, 3)], Some("IQ-KI")),
        entity("person:spokesman", EntityType::Person, &[(4, 5)], None),
    ]
}

#[test]
fn wire_copies_in_two_partitions_are_one_story_with_the_conservative_figure() {
    let mut a = article("a", "2021-06-12T09:10:00Z", "نص", one_story_entities());
    a.counts = vec![count("KILLED", 5, 10)];
    a.source = Some("Reuters".into());
    let mut b = article("b", "2021-06-12T11:00:00Z", "نص", one_story_entities());
    b.counts = vec![count("KILLED", 7, 10)];
    b.source = Some("BBC".into());
    let other = article(
        "c",
        "2021-06-12T11:00:00Z",
        "نص",
        vec![entity(
            "person:minister",
            EntityType::Person,
            &[(0, 1)],
            None,
        )],
    );
    let (mut p0, mut p1) = (PartitionState::default(), PartitionState::default());
    p0.apply(1, &a, LIMITS);
    p1.apply(1, &b, LIMITS);
    p1.apply(2, &other, LIMITS);
    let states = [p0, p1];
    let stories = view(&states).stories();
    assert_eq!(stories.len(), 2);
    let story = stories.iter().find(|s| s.articles == 2).unwrap();
    assert_eq!(
        story.sources,
        vec!["BBC".to_string(), "Reuters".to_string()]
    );
    assert_eq!(
        story.title.as_deref(),
        Some("title a"),
        "the earliest article's"
    );
    let killed = &story.casualties["KILLED"];
    assert_eq!((killed.figure, killed.max, killed.disagree), (5, 7, true));
}

#[test]
fn stories_since_are_the_stories_last_seen_since_and_whole() {
    // A story whose first article is old and whose latest is recent is built whole
    // (both articles, the earliest title) when only recent stories are asked for.
    let early = article("early", "2021-06-12T01:00:00Z", "نص", one_story_entities());
    let late = article("late", "2021-06-12T20:00:00Z", "نص", one_story_entities());
    let old = article(
        "old",
        "2021-06-10T08:00:00Z",
        "نص",
        vec![entity(
            "person:minister",
            EntityType::Person,
            &[(0, 1)],
            None,
        )],
    );
    let mut p = PartitionState::default();
    p.apply(1, &old, LIMITS);
    p.apply(2, &early, LIMITS);
    p.apply(3, &late, LIMITS);
    let states = [p];
    let view = view(&states);
    let all = view.stories();
    assert_eq!(all.len(), 2);
    let since = view.clock() - 3600;
    let recent = view.stories_since(since);
    let expected: Vec<_> = all.iter().filter(|s| s.last_seen_t >= since).collect();
    assert_eq!(recent.len(), 1);
    assert_eq!(recent.iter().collect::<Vec<_>>(), expected);
    assert_eq!(recent[0].articles, 2);
    assert_eq!(recent[0].title.as_deref(), Some("title early"));
}

#[test]
fn one_situation_raises_one_alert_and_updates_it() {
    let rules = Rules::default();
    let mut book = Book::default();
    let c = |sig: &str| Candidate {
        kind: "casualties",
        key: "IQ-KI".into(),
        title: "t".into(),
        signature: sig.into(),
        evidence: serde_json::json!({}),
    };
    assert_eq!(book.offer(vec![c("12")], 1000, rules, "now").len(), 1);
    // The same evidence again: nothing to publish.
    assert!(book.offer(vec![c("12")], 2000, rules, "now").is_empty());
    let updated = book.offer(vec![c("15")], 3000, rules, "now");
    assert_eq!((updated.len(), updated[0].update), (1, 2));
    assert_eq!(book.alerts.len(), 1);
    // Long after the situation was last seen, it is a new one.
    let later = book.offer(vec![c("15")], 3000 + 25 * 3600, rules, "now");
    assert_eq!((later.len(), later[0].update), (1, 1));
    assert_ne!(later[0].id, book.alerts[0].id);
}

#[test]
fn the_openapi_file_lists_exactly_the_routes_served() {
    let spec: serde_json::Value =
        serde_json::from_str(include_str!("../openapi.json")).expect("openapi.json parses");
    let documented: std::collections::BTreeSet<&str> = spec["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let served: std::collections::BTreeSet<&str> = crate::api::ROUTES.into_iter().collect();
    assert_eq!(documented, served);
    // Every page size is bounded by the same limit the API enforces.
    for (path, item) in spec["paths"].as_object().unwrap() {
        for p in item["get"]["parameters"].as_array().into_iter().flatten() {
            if p["name"] == "limit" {
                assert_eq!(p["schema"]["maximum"], crate::api::MAX_LIMIT, "{path}");
            }
        }
    }
}

#[test]
fn the_article_index_and_the_stories_stay_within_their_counts() {
    // A year of traffic must not live in memory: the index and the fragments keep the
    // newest, whatever the retention by time allows.
    let limits = Limits {
        index_articles: 40,
        story_fragments: 20,
        ..LIMITS
    };
    let mut state = PartitionState::default();
    for i in 0..500u64 {
        // Each article its own story: a person no other article names.
        let person = format!("person:p{i}");
        let a = article(
            &format!("a{i}"),
            &format!("2021-06-{:02}T{:02}:00:00Z", 1 + i / 24 % 28, i % 24),
            "نص",
            vec![entity(&person, EntityType::Person, &[(0, 1)], None)],
        );
        state.apply(i + 1, &a, limits);
        assert!(state.index.len() <= 50, "index {}", state.index.len());
        assert!(state.stories.fragments.len() <= 25);
        assert!(state.stories.by_article.len() <= state.index.len());
    }
    // The newest are still found; the oldest are gone.
    let states = [state];
    assert_eq!(view(&states).locate("a499"), Some((0, 500)));
    assert_eq!(view(&states).locate("a460"), Some((0, 461)));
    assert_eq!(view(&states).locate("a0"), None);
    assert!(states[0].stories.by_article.contains_key("a499"));
}
