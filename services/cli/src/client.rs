//! The command's own settings: how to reach NATS and which subject prefix, read like a
//! service's (defaults → `--config` file → `MARSAD__…` variables), then flags.

use marsad_runtime::settings::{
    common_defaults, AdminSettings, BusSettings, ConsumerSettings, Layered, LogSettings,
    NatsSettings,
};
use serde::Deserialize;

/// The sections the command reads. `admin` and `consumer` are accepted so that one
/// settings file can serve the services and the command.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientSettings {
    pub nats: NatsSettings,
    pub bus: BusSettings,
    pub log: LogSettings,
    #[allow(dead_code)]
    admin: AdminSettings,
    #[allow(dead_code)]
    consumer: ConsumerSettings,
}

impl Layered for ClientSettings {
    fn defaults() -> String {
        common_defaults("cli", 0)
    }
}

/// Connects and returns a JetStream context.
pub async fn connect(
    nats: &NatsSettings,
    name: &str,
) -> anyhow::Result<(async_nats::Client, async_nats::jetstream::Context)> {
    let shutdown = marsad_runtime::Shutdown::new();
    let client = marsad_runtime::bus::connect(nats, name, &shutdown).await?;
    let js = async_nats::jetstream::new(client.clone());
    Ok((client, js))
}
