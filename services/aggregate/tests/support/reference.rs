//! The aggregates a user reads, checked against a reference computed from the
//! enriched articles themselves, by the documented rules: every count of the API
//! (top entities, governorates, events, casualties, themes, sources, mentions by type,
//! time series, trending, stories, articles read back whole). Shared by
//! `tests/exactly_once.rs` and the fault tests (`services/cli/tests/faults.rs`).

// Each including test uses a part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use marsad_messages::EnrichedArticle;

/// Every query window: the whole of ANT's eight months (and the last day, below).
pub const ALL_HOURS: i64 = 24 * 366;

pub async fn get(http: &reqwest::Client, url: &str) -> Option<serde_json::Value> {
    let r = http.get(url).send().await.ok()?;
    if !r.status().is_success() {
        return None;
    }
    r.json().await.ok()
}

/// Every item of a paginated list.
pub async fn all_items(http: &reqwest::Client, url: &str) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    loop {
        let sep = if url.contains('?') { '&' } else { '?' };
        let page = get(http, &format!("{url}{sep}limit=500&offset={}", out.len()))
            .await
            .unwrap_or_else(|| panic!("GET {url}"));
        let items = page["items"].as_array().unwrap().clone();
        let total = page["total"].as_u64().unwrap() as usize;
        assert!(items.len() <= 500, "pages are bounded");
        out.extend(items);
        if out.len() >= total {
            assert_eq!(out.len(), total);
            return out;
        }
    }
}

// ---- The reference: computed here from the enriched articles, by their own rules. ----

pub fn event_time(a: &EnrichedArticle) -> i64 {
    let parse = |s: &str| {
        time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.unix_timestamp())
    };
    a.published_at
        .as_deref()
        .and_then(parse)
        .or_else(|| parse(&a.received_at))
        .unwrap()
}

/// (mentions, articles) by key.
type Table = BTreeMap<String, (u64, u64)>;

#[derive(Debug, Default, PartialEq)]
struct Reference {
    top: BTreeMap<String, Table>,
    governorates: Table,
    events: Table,
    casualties: Table,
    themes: BTreeMap<String, u64>,
    sources: BTreeMap<String, u64>,
    by_type: Table,
    articles: u64,
}

fn add(t: &mut Table, key: String, mentions: u64) {
    let e = t.entry(key).or_default();
    e.0 += mentions;
    e.1 += 1;
}

/// The articles whose event hour is among the `hours` ending at the latest one.
fn in_window(articles: &[EnrichedArticle], hours: i64) -> Vec<&EnrichedArticle> {
    let end = articles
        .iter()
        .map(event_time)
        .max()
        .unwrap()
        .div_euclid(3600);
    articles
        .iter()
        .filter(|a| event_time(a).div_euclid(3600) > end - hours)
        .collect()
}

fn reference(articles: &[&EnrichedArticle]) -> Reference {
    let mut r = Reference::default();
    for a in articles {
        r.articles += 1;
        *r.sources
            .entry(a.source.clone().unwrap_or_else(|| "unknown".into()))
            .or_default() += 1;
        let mut per_entity: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        let mut per_gov: BTreeMap<String, u64> = BTreeMap::new();
        let mut per_type: BTreeMap<&str, u64> = BTreeMap::new();
        for e in &a.entities {
            *per_entity
                .entry((e.entity_type.as_str(), e.id.as_str()))
                .or_default() += e.mentions.len() as u64;
            *per_type.entry(e.entity_type.as_str()).or_default() += e.mentions.len() as u64;
            if e.entity_type.as_str() == "LOC" {
                if let Some(code) = e.geo.as_ref().and_then(|g| g.adm1.clone()) {
                    *per_gov.entry(code).or_default() += e.mentions.len() as u64;
                }
            }
        }
        for ((t, id), n) in per_entity {
            add(r.top.entry(t.to_string()).or_default(), id.to_string(), n);
        }
        for (code, n) in per_gov {
            add(&mut r.governorates, code, n);
        }
        for (t, n) in per_type {
            add(&mut r.by_type, t.to_string(), n);
        }
        let mut events: BTreeMap<String, u64> = BTreeMap::new();
        for ev in &a.events {
            let adm1 = ev
                .location_id
                .as_ref()
                .and_then(|id| a.entities.iter().find(|e| &e.id == id))
                .and_then(|e| e.geo.as_ref())
                .and_then(|g| g.adm1.clone())
                .unwrap_or_else(|| "none".into());
            *events
                .entry(format!("{adm1}|{}", ev.event_type))
                .or_default() += 1;
        }
        for (k, n) in events {
            add(&mut r.events, k, n);
        }
        // Which place a count belongs to is the documented attribution rule.
        for ((adm1, kind), n) in marsad_aggregate::state::casualties(a) {
            add(&mut r.casualties, format!("{adm1}|{kind}"), n);
        }
        for theme in a.themes.iter().collect::<BTreeSet<_>>() {
            *r.themes.entry(theme.clone()).or_default() += 1;
        }
    }
    r
}

/// The same numbers, as the API of one aggregator gives them.
async fn from_api(http: &reqwest::Client, admin: &str, hours: i64) -> Reference {
    let mut r = Reference::default();
    for t in ["PERSON", "ORG", "LOC", "MISC"] {
        for row in all_items(
            http,
            &format!("http://{admin}/api/top?type={t}&hours={hours}"),
        )
        .await
        {
            let table = r.top.entry(t.to_string()).or_default();
            table.insert(
                row["id"].as_str().unwrap().to_string(),
                (
                    row["mentions"].as_u64().unwrap(),
                    row["articles"].as_u64().unwrap(),
                ),
            );
        }
    }
    r.top.retain(|_, t| !t.is_empty());
    let g = get(
        http,
        &format!("http://{admin}/api/governorates?hours={hours}"),
    )
    .await
    .unwrap();
    let mut rows: Vec<serde_json::Value> = g["items"].as_array().unwrap().clone();
    rows.push(serde_json::json!({
        "adm1": "none", "articles": 0, "mentions": 0,
        "events": g["unattributed"]["events"], "casualties": g["unattributed"]["casualties"],
    }));
    // The API gives events and casualties summed; the reference has (sum, articles).
    let mut events = BTreeMap::new();
    let mut casualties = BTreeMap::new();
    for row in rows {
        let code = row["adm1"].as_str().unwrap().to_string();
        if row["articles"].as_u64().unwrap() > 0 {
            r.governorates.insert(
                code.clone(),
                (
                    row["mentions"].as_u64().unwrap(),
                    row["articles"].as_u64().unwrap(),
                ),
            );
        }
        for (t, n) in row["events"].as_object().unwrap() {
            events.insert(format!("{code}|{t}"), n.as_u64().unwrap());
        }
        for (k, n) in row["casualties"].as_object().unwrap() {
            casualties.insert(format!("{code}|{k}"), n.as_u64().unwrap());
        }
    }
    r.events = events.into_iter().map(|(k, n)| (k, (n, 0))).collect();
    r.casualties = casualties.into_iter().map(|(k, n)| (k, (n, 0))).collect();
    for row in g["themes"].as_array().unwrap() {
        r.themes.insert(
            row["theme"].as_str().unwrap().to_string(),
            row["articles"].as_u64().unwrap(),
        );
    }
    for row in g["sources"].as_array().unwrap() {
        r.sources.insert(
            row["source"].as_str().unwrap().to_string(),
            row["articles"].as_u64().unwrap(),
        );
    }
    for row in g["mentions_by_type"].as_array().unwrap() {
        r.by_type.insert(
            row["type"].as_str().unwrap().to_string(),
            (
                row["mentions"].as_u64().unwrap(),
                row["articles"].as_u64().unwrap(),
            ),
        );
    }
    r.articles = g["articles"].as_u64().unwrap();
    r
}

/// Events and casualties: the API sums; compare the sums.
fn sums_only(mut r: Reference) -> Reference {
    for t in [&mut r.events, &mut r.casualties] {
        for v in t.values_mut() {
            v.1 = 0;
        }
    }
    r
}

/// Compares everything one aggregator's API says with the reference.
pub async fn check(http: &reqwest::Client, admin: &str, articles: &[EnrichedArticle]) {
    for hours in [ALL_HOURS, 24] {
        let want = sums_only(reference(&in_window(articles, hours)));
        let got = from_api(http, admin, hours).await;
        assert!(want.articles > 0, "window of {hours}h has articles");
        assert_eq!(got.articles, want.articles, "{hours}h: volume");
        assert_eq!(got.sources, want.sources, "{hours}h: sources");
        assert_eq!(got.themes, want.themes, "{hours}h: themes");
        assert_eq!(got.by_type, want.by_type, "{hours}h: mentions by type");
        assert_eq!(
            got.governorates, want.governorates,
            "{hours}h: governorates"
        );
        assert_eq!(got.events, want.events, "{hours}h: events");
        assert_eq!(got.casualties, want.casualties, "{hours}h: casualties");
        assert_eq!(got.top, want.top, "{hours}h: entities");
    }
    // Time series of the most mentioned entities, by hour and by day.
    let everything = reference(&in_window(articles, ALL_HOURS));
    let mut ranked: Vec<(&String, &(u64, u64))> =
        everything.top.values().flat_map(|t| t.iter()).collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let end = articles.iter().map(event_time).max().unwrap();
    for (id, _) in ranked.iter().take(3) {
        for (bucket, secs, points) in [("hour", 3600i64, 72i64), ("day", 86_400, 60)] {
            let url = format!(
                "http://{admin}/api/timeseries?entity={id}&bucket={bucket}&points={points}"
            );
            let body = get(http, &url).await.unwrap();
            let got: Vec<u64> = body["points"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["articles"].as_u64().unwrap())
                .collect();
            let last = end.div_euclid(secs);
            let want: Vec<u64> = (last - points + 1..=last)
                .map(|b| {
                    articles
                        .iter()
                        .filter(|a| event_time(a).div_euclid(secs) == b)
                        .filter(|a| a.entities.iter().any(|e| &e.id == *id))
                        .count() as u64
                })
                .collect();
            assert_eq!(got, want, "{id} by {bucket}");
        }
    }
    // Trending: each row's count and baseline, and which keys reach the minimum.
    let trending = all_items(
        http,
        &format!("http://{admin}/api/trending?hours=24&baseline_hours=168&min_count=2&kind=entity"),
    )
    .await;
    let end_hour = end.div_euclid(3600);
    let articles_naming = |id: &str, from: i64, to: i64| {
        articles
            .iter()
            .filter(|a| (from..=to).contains(&event_time(a).div_euclid(3600)))
            .filter(|a| a.entities.iter().any(|e| e.id == id))
            .count() as u64
    };
    let mut want_keys = BTreeSet::new();
    for table in everything.top.values() {
        for id in table.keys() {
            if articles_naming(id, end_hour - 23, end_hour) >= 2 {
                want_keys.insert(id.clone());
            }
        }
    }
    let got_keys: BTreeSet<String> = trending
        .iter()
        .map(|t| t["key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got_keys, want_keys, "trending entities");
    for t in &trending {
        let id = t["key"].as_str().unwrap();
        assert_eq!(
            t["count"],
            articles_naming(id, end_hour - 23, end_hour),
            "{id}"
        );
        assert_eq!(
            t["baseline"],
            articles_naming(id, end_hour - 24 - 167, end_hour - 24),
            "{id} baseline"
        );
        assert!(
            !t["article_ids"].as_array().unwrap().is_empty(),
            "{id}: evidence"
        );
    }
    // Stories: every article in exactly one.
    let stories = all_items(http, &format!("http://{admin}/api/stories")).await;
    let in_stories: u64 = stories
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(in_stories, articles.len() as u64, "articles in stories");
    let ids: BTreeSet<&str> = stories.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), stories.len(), "story ids are unique");
    // An article, read back whole.
    for a in articles.iter().step_by(articles.len() / 5 + 1) {
        let got = get(http, &format!("http://{admin}/api/articles/{}", a.id))
            .await
            .unwrap();
        assert_eq!(got, serde_json::to_value(a).unwrap());
    }
}
