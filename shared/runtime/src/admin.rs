//! The admin HTTP server: `/metrics` (Prometheus text), `/healthz` (the process is
//! alive) and `/readyz` (connected to NATS and the streams are present). A service
//! may merge its own routes (the aggregate API) into the same server.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use prometheus::{Encoder, Registry, TextEncoder};

use crate::Shutdown;

/// Readiness, shared between the service loop (which sets it) and `/readyz`.
#[derive(Clone, Default)]
pub struct Readiness(Arc<AtomicBool>);

impl Readiness {
    pub fn set(&self, ready: bool) {
        self.0.store(ready, Ordering::SeqCst);
    }
    pub fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

#[derive(Clone)]
struct AdminState {
    registry: Registry,
    ready: Readiness,
}

/// The admin routes, to serve alone or merged with a service's own.
pub fn router(registry: Registry, ready: Readiness) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/readyz", get(readyz))
        .with_state(AdminState { registry, ready })
}

async fn metrics(State(state): State<AdminState>) -> impl IntoResponse {
    let mut buffer = Vec::new();
    let encoder = TextEncoder::new();
    if let Err(error) = encoder.encode(&state.registry.gather(), &mut buffer) {
        return (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response();
    }
    (
        [(header::CONTENT_TYPE, encoder.format_type().to_string())],
        buffer,
    )
        .into_response()
}

async fn readyz(State(state): State<AdminState>) -> impl IntoResponse {
    if state.ready.get() {
        (StatusCode::OK, "ready\n")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready\n")
    }
}

/// Binds `bind` and serves `app` until `shutdown`. Returns the bound address (useful
/// with port 0) and the server task.
pub async fn serve(
    bind: &str,
    app: Router,
    shutdown: Shutdown,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let task = tokio::spawn(async move {
        let result = axum::serve(listener, app)
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await;
        if let Err(error) = result {
            tracing::error!(%error, "admin server stopped");
        }
    });
    tracing::info!(%addr, "admin HTTP listening (/metrics /healthz /readyz)");
    Ok((addr, task))
}
