//! Logs through `tracing`: human-readable in a terminal, JSON when
//! `MARSAD__LOG__FORMAT=json`. The level filter is `log.level` (an `EnvFilter`
//! directive such as `info,marsad_enrich=debug`), or `RUST_LOG` when set.

use tracing_subscriber::{fmt, EnvFilter};

use crate::settings::{LogFormat, LogSettings};

/// Installs the global subscriber once; later calls (several services in one test
/// process) are no-ops.
pub fn init(log: &LogSettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&log.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let result = match log.format {
        LogFormat::Json => fmt()
            .json()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .try_init(),
        LogFormat::Text => fmt()
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .try_init(),
    };
    let _ = result;
}
