//! # marsad-runtime — the shell every Marsad service shares
//!
//! A service is a synchronous handler (pure, testable) inside this shell:
//!
//! - [`settings`]: typed, strict settings, layered defaults → file → `MARSAD__…` env.
//! - [`telemetry`]: tracing, human-readable or JSON.
//! - [`admin`]: the admin HTTP server with `/metrics`, `/healthz` and `/readyz`.
//! - [`bus`]: NATS connection (auth, TLS, reconnects) and JetStream provisioning.
//! - [`claims`]: "the first to claim a key holds it", agreed by every replica through
//!   one stream followed into memory (ingest's near-duplicate bands).
//! - [`pipeline`]: the consume → handle → publish → ack loop with retries, poison
//!   handling and graceful drain, written once for every stateless stage.
//! - [`shutdown`]: one cancellation token, tripped by Ctrl-C / SIGTERM.

pub mod admin;
pub mod bus;
pub mod claims;
pub mod local_nats;
pub mod pipeline;
pub mod service;
pub mod settings;
pub mod shutdown;
pub mod telemetry;

pub use shutdown::Shutdown;

/// Now as RFC 3339 UTC, the format of every timestamp on the wire.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
