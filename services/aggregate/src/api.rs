//! The HTTP API over the aggregate state: JSON, bounded page sizes.
//!
//! - `GET /api/top?type=PERSON&hours=24&limit=10`
//! - `GET /api/governorates?hours=24`
//! - `GET /api/articles/recent?limit=20`
//! - `GET /api/articles/{id}`
//! - `GET /api/stats`

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use axum::Router;
use marsad_messages::EntityType;
use serde::Deserialize;
use serde_json::json;

use crate::Shared;

/// Largest page any endpoint returns.
pub const MAX_LIMIT: usize = 500;

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/api/top", get(top))
        .route("/api/governorates", get(governorates))
        .route("/api/articles/recent", get(recent))
        .route("/api/articles/{id}", get(article))
        .route("/api/stats", get(stats))
        .with_state(shared)
}

fn bad_request(message: String) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({ "error": message }))).into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopQuery {
    #[serde(rename = "type")]
    entity_type: Option<String>,
    hours: Option<i64>,
    limit: Option<usize>,
}

async fn top(State(shared): State<Arc<Shared>>, Query(q): Query<TopQuery>) -> Response {
    let entity_type = match q.entity_type.as_deref() {
        None | Some("") | Some("ALL") => None,
        Some(t) => match EntityType::parse(t) {
            Some(t) => Some(t),
            None => {
                return bad_request(format!("type must be PERSON, ORG, LOC or MISC, not {t:?}"))
            }
        },
    };
    let hours = q.hours.unwrap_or(24).clamp(1, 24 * 365);
    let limit = q.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let rows = view.top(entity_type, hours, limit);
    Json(json!({
        "hours": hours,
        "window_end_hour": view.clock_hour(),
        "type": entity_type.map(|t| t.as_str()),
        "items": rows,
    }))
    .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursQuery {
    hours: Option<i64>,
}

async fn governorates(State(shared): State<Arc<Shared>>, Query(q): Query<HoursQuery>) -> Response {
    let hours = q.hours.unwrap_or(24).clamp(1, 24 * 365);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let items: Vec<_> = view
        .governorates(hours)
        .into_iter()
        .map(|(code, tally)| json!({"adm1": code, "mentions": tally.mentions, "articles": tally.articles}))
        .collect();
    Json(json!({ "hours": hours, "window_end_hour": view.clock_hour(), "items": items }))
        .into_response()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitQuery {
    limit: Option<usize>,
}

async fn recent(State(shared): State<Arc<Shared>>, Query(q): Query<LimitQuery>) -> Response {
    let limit = q.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    let states = shared.states.read().await;
    let view = crate::view(&states);
    Json(json!({ "items": view.recent(limit) })).into_response()
}

async fn article(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> Response {
    let states = shared.states.read().await;
    let view = crate::view(&states);
    match view.article(&id) {
        Some(a) => Json(a).into_response(),
        None => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "no such article among the recent ones"})),
        )
            .into_response(),
    }
}

async fn stats(State(shared): State<Arc<Shared>>) -> Response {
    let states = shared.states.read().await;
    let view = crate::view(&states);
    let partitions: Vec<_> = states
        .iter()
        .map(|(p, s)| json!({"partition": p, "last_seq": s.last_seq, "articles": s.articles}))
        .collect();
    Json(json!({ "articles": view.articles(), "window_end_hour": view.clock_hour(), "partitions": partitions })).into_response()
}
