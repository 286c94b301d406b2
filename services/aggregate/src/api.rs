//! The HTTP API over the aggregate state: JSON, paginated with bounded page sizes,
//! described in `services/aggregate/openapi.json` (a test checks the two agree).
//!
//! Every list takes `limit` (1..=[`MAX_LIMIT`]) and `offset` and answers
//! `{total, offset, limit, items}`; an unknown query parameter is a 400.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use marsad_messages::{EntityType, Stream};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::state::{keys, Bucket};
use crate::Shared;

/// Largest page any endpoint returns.
pub const MAX_LIMIT: usize = 500;
/// Largest window, in hours, a query may ask for.
pub const MAX_HOURS: i64 = 24 * 366;
/// Most points a time series returns.
pub const MAX_POINTS: i64 = 2000;

/// Every route, as the OpenAPI file lists them.
pub const ROUTES: [&str; 11] = [
    "/api/top",
    "/api/trending",
    "/api/timeseries",
    "/api/governorates",
    "/api/stories",
    "/api/stories/{id}",
    "/api/alerts",
    "/api/articles/recent",
    "/api/articles/{id}",
    "/api/stream",
    "/api/stats",
];

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(ROUTES[0], get(top))
        .route(ROUTES[1], get(trending))
        .route(ROUTES[2], get(timeseries))
        .route(ROUTES[3], get(governorates))
        .route(ROUTES[4], get(stories))
        .route(ROUTES[5], get(story))
        .route(ROUTES[6], get(alerts))
        .route(ROUTES[7], get(recent))
        .route(ROUTES[8], get(article))
        .route(ROUTES[9], get(stream))
        .route(ROUTES[10], get(stats))
        .with_state(shared)
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "error": message.into() }))).into_response()
}

fn bad_request(message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, message)
}

/// `limit` and `offset`, bounded.
#[derive(Debug, Clone, Copy)]
struct Page {
    limit: usize,
    offset: usize,
}

impl Page {
    fn new(limit: Option<usize>, offset: Option<usize>) -> Page {
        Page {
            limit: limit.unwrap_or(20).clamp(1, MAX_LIMIT),
            offset: offset.unwrap_or(0),
        }
    }

    /// The page of `items`, with the paging fields merged into `extra`.
    fn of<T: Serialize>(self, items: &[T], mut extra: serde_json::Value) -> Response {
        let page: Vec<&T> = items.iter().skip(self.offset).take(self.limit).collect();
        if let Some(map) = extra.as_object_mut() {
            map.insert("total".into(), json!(items.len()));
            map.insert("offset".into(), json!(self.offset));
            map.insert("limit".into(), json!(self.limit));
            map.insert("items".into(), json!(page));
        }
        Json(extra).into_response()
    }
}

fn hours(h: Option<i64>, default: i64) -> i64 {
    h.unwrap_or(default).clamp(1, MAX_HOURS)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopQuery {
    #[serde(rename = "type")]
    entity_type: Option<String>,
    hours: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// An entity type filter; `Err` carries the message of a bad one.
fn parse_type(t: Option<&str>) -> Result<Option<EntityType>, String> {
    match t {
        None | Some("") | Some("ALL") => Ok(None),
        Some(t) => EntityType::parse(t)
            .map(Some)
            .ok_or_else(|| format!("type must be PERSON, ORG, LOC or MISC, not {t:?}")),
    }
}

async fn top(State(shared): State<Arc<Shared>>, Query(q): Query<TopQuery>) -> Response {
    let entity_type = match parse_type(q.entity_type.as_deref()) {
        Ok(t) => t,
        Err(message) => return bad_request(message),
    };
    let hours = hours(q.hours, 24);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let window = view.window(Bucket::Hour, hours);
    let rows = view.top(entity_type, window);
    Page::new(q.limit, q.offset).of(
        &rows,
        json!({
            "hours": hours,
            "window_start": window.start_time(),
            "window_end": window.end_time(),
            "type": entity_type.map(|t| t.as_str()),
        }),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursQuery {
    hours: Option<i64>,
}

async fn governorates(State(shared): State<Arc<Shared>>, Query(q): Query<HoursQuery>) -> Response {
    let hours = hours(q.hours, 24);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let window = view.window(Bucket::Hour, hours);
    let (rows, none) = view.governorates(window);
    Json(json!({
        "hours": hours,
        "window_start": window.start_time(),
        "window_end": window.end_time(),
        "items": rows,
        "unattributed": {"events": none.events, "casualties": none.casualties},
        "themes": view.totals(window, &keys::theme("")).into_iter()
            .map(|(k, _, a)| json!({"theme": k, "articles": a})).collect::<Vec<_>>(),
        "sources": view.totals(window, &keys::source("")).into_iter()
            .map(|(k, _, a)| json!({"source": k, "articles": a})).collect::<Vec<_>>(),
        "mentions_by_type": view.mentions_by_type(window).into_iter()
            .map(|(k, m, a)| json!({"type": k, "mentions": m, "articles": a})).collect::<Vec<_>>(),
        "articles": view.sum(window, keys::VOLUME).get(keys::VOLUME).map_or(0, |t| t.articles),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrendingQuery {
    hours: Option<i64>,
    baseline_hours: Option<i64>,
    min_count: Option<u64>,
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn trending(State(shared): State<Arc<Shared>>, Query(q): Query<TrendingQuery>) -> Response {
    let kind = match q.kind.as_deref() {
        None | Some("") | Some("all") => None,
        Some(k @ ("entity" | "governorate")) => Some(k.to_string()),
        Some(k) => return bad_request(format!("kind must be entity or governorate, not {k:?}")),
    };
    let window_hours = hours(q.hours, 1);
    let baseline_hours = hours(q.baseline_hours, 24);
    let min_count = q.min_count.unwrap_or(2);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let window = view.window(Bucket::Hour, window_hours);
    let mut rows = view.trending(window_hours, baseline_hours, min_count);
    if let Some(kind) = kind {
        rows.retain(|t| t.kind == kind);
    }
    Page::new(q.limit, q.offset).of(
        &rows,
        json!({
            "hours": window_hours,
            "window_start": window.start_time(),
            "window_end": window.end_time(),
            "baseline_hours": baseline_hours,
            "min_count": min_count,
        }),
    )
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesQuery {
    entity: Option<String>,
    adm1: Option<String>,
    bucket: Option<String>,
    points: Option<i64>,
}

async fn timeseries(State(shared): State<Arc<Shared>>, Query(q): Query<SeriesQuery>) -> Response {
    let bucket = match q.bucket.as_deref().map(Bucket::parse) {
        None => Bucket::Hour,
        Some(Some(b)) => b,
        Some(None) => return bad_request("bucket must be minute, hour or day"),
    };
    let (key, subject) = match (&q.entity, &q.adm1) {
        (Some(id), None) => (keys::entity(id), id.clone()),
        (None, Some(code)) => (keys::governorate(code), code.clone()),
        _ => return bad_request("give one of entity or adm1"),
    };
    let points = q.points.unwrap_or(48).clamp(1, MAX_POINTS);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let window = view.window(bucket, points);
    let info = q.entity.as_deref().and_then(|id| view.entity(id));
    Json(json!({
        "key": subject,
        "bucket": bucket.as_str(),
        "name_ar": info.map(|i| i.name_ar.clone()),
        "name_en": info.and_then(|i| i.name_en.clone()),
        "type": info.map(|i| i.entity_type.as_str()),
        "points": view.timeseries(&key, window),
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoriesQuery {
    hours: Option<i64>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn stories(State(shared): State<Arc<Shared>>, Query(q): Query<StoriesQuery>) -> Response {
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let all = match q.hours {
        Some(h) => view.stories_since(view.clock() - h.clamp(1, MAX_HOURS) * 3600),
        None => view.stories(),
    };
    // The list carries counts; the story itself carries its articles.
    let items: Vec<serde_json::Value> = all
        .iter()
        .map(|s| {
            let mut v = json!(s);
            if let Some(map) = v.as_object_mut() {
                map.remove("article_ids");
                map.remove("reports");
            }
            v
        })
        .collect();
    Page::new(q.limit, q.offset).of(&items, json!({}))
}

async fn story(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let states = shared.states.read().await;
    let view = crate::view(&states);
    match view.stories().into_iter().find(|s| s.id == id) {
        Some(s) => Json(s).into_response(),
        None => error(StatusCode::NOT_FOUND, "no such story"),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitQuery {
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn alerts(State(shared): State<Arc<Shared>>, Query(q): Query<LimitQuery>) -> Response {
    let book = shared.book.read().await;
    let newest_first: Vec<_> = book.alerts.iter().rev().collect();
    Page::new(q.limit, q.offset).of(&newest_first, json!({}))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RecentQuery {
    limit: Option<usize>,
    offset: Option<usize>,
    adm1: Option<String>,
    entity: Option<String>,
    event_type: Option<String>,
}

async fn recent(State(shared): State<Arc<Shared>>, Query(q): Query<RecentQuery>) -> Response {
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let items = view.recent(|a| {
        q.adm1
            .as_deref()
            .is_none_or(|g| a.governorates.iter().any(|x| x == g))
            && q.entity
                .as_deref()
                .is_none_or(|e| a.entities.iter().any(|x| x.id == e))
            && q.event_type
                .as_deref()
                .is_none_or(|t| a.event_type.as_deref() == Some(t))
    });
    Page::new(q.limit, q.offset).of(&items, json!({}))
}

/// The whole enriched article, read back from the stream by its sequence.
async fn article(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let located = {
        let states = shared.states.read().await;
        crate::view(&states).locate(&id)
    };
    let Some((_, seq)) = located else {
        return error(
            StatusCode::NOT_FOUND,
            "no such article within the retention",
        );
    };
    let Some(js) = shared.js.get() else {
        return error(StatusCode::SERVICE_UNAVAILABLE, "not connected to NATS yet");
    };
    let message = match js
        .get_stream(shared.subjects.stream(Stream::Enriched))
        .await
    {
        Ok(stream) => stream.get_raw_message(seq).await,
        Err(e) => return error(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
    };
    match message {
        Ok(message) => (
            [(header::CONTENT_TYPE, "application/json")],
            message.payload,
        )
            .into_response(),
        Err(_) => error(
            StatusCode::NOT_FOUND,
            "the article is no longer in the enriched stream",
        ),
    }
}

/// Server-sent events: `article` for each article applied, `alert` for each alert.
async fn stream(State(shared): State<Arc<Shared>>) -> Response {
    let receiver = shared.live.subscribe();
    let events = futures::stream::unfold(receiver, |mut receiver| async move {
        loop {
            match receiver.recv().await {
                Ok(event) => {
                    let sse = Event::default().event(event.kind).data(event.json);
                    return Some((Ok::<_, std::convert::Infallible>(sse), receiver));
                }
                // A slow reader misses events rather than holding the service back.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    let states = shared.states.read().await;
    let owners = shared.owners.read().await;
    let view = crate::view(&states);
    let partitions: Vec<_> = states
        .iter()
        .map(|(p, s)| {
            json!({
                "partition": p, "last_seq": s.last_seq, "articles": s.articles,
                "owner": owners.get(p),
            })
        })
        .collect();
    Json(json!({
        "instance": shared.instance,
        "articles": view.articles(),
        "clock": crate::state::rfc3339(view.clock()),
        "partitions": partitions,
    }))
    .into_response()
}
