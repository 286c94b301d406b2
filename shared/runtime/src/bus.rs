//! The bus: a NATS connection from settings (user/password, token, nkey, creds, TLS)
//! that reconnects on its own, and idempotent provisioning of the streams and the
//! key-value bucket a service uses. Nothing here needs a server newer than 2.9.

use std::time::Duration;

use async_nats::jetstream::{self, kv, stream};
use marsad_messages::{Stream, Subjects};

use crate::settings::{BusSettings, NatsSettings};
use crate::Shutdown;

#[derive(Debug, thiserror::Error)]
pub enum BusError {
    #[error("cannot read {what} {path}: {source}")]
    Read {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to NATS at {url} within {secs}s: {last}")]
    Connect {
        url: String,
        secs: u64,
        last: String,
    },
    #[error(
        "the NATS URL {0} carries credentials: give them as nats.user and nats.password, \
         or nats.token, instead (the NATS client logs the URLs it connects to)"
    )]
    CredentialsInUrl(String),
    #[error("shut down before NATS was reached")]
    Cancelled,
    #[error("jetstream: {0}")]
    JetStream(String),
}

/// Connects, retrying until `connect_timeout_secs` pass (a service started just
/// before its server still comes up), then relies on the client's own reconnects.
pub async fn connect(
    settings: &NatsSettings,
    name: &str,
    shutdown: &Shutdown,
) -> Result<async_nats::Client, BusError> {
    let redacted = redact_urls(&settings.url);
    if redacted
        != settings
            .url
            .split(',')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(",")
    {
        return Err(BusError::CredentialsInUrl(redacted));
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(settings.connect_timeout_secs);
    loop {
        let options = options(settings, name).await?;
        let urls: Vec<&str> = settings.url.split(',').map(str::trim).collect();
        let attempt = tokio::select! {
            result = options.connect(urls.as_slice()) => result,
            _ = shutdown.cancelled() => return Err(BusError::Cancelled),
        };
        match attempt {
            Ok(client) => {
                tracing::info!(service = name, "connected to NATS");
                return Ok(client);
            }
            Err(error) => {
                if tokio::time::Instant::now() >= deadline {
                    return Err(BusError::Connect {
                        url: redact_urls(&settings.url),
                        secs: settings.connect_timeout_secs,
                        last: error.to_string(),
                    });
                }
                tracing::warn!(service = name, %error, "NATS not reachable yet");
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(500)) => {},
            _ = shutdown.cancelled() => return Err(BusError::Cancelled),
        }
    }
}

/// The server URLs with any credentials in them (`nats://user:password@host`,
/// `nats://token@host`) replaced by `***`, for messages.
pub fn redact_urls(urls: &str) -> String {
    urls.split(',')
        .map(|url| {
            let url = url.trim();
            let scheme_end = url.find("://").map_or(0, |i| i + 3);
            let host_start = url[scheme_end..]
                .find('/')
                .map_or(url.len(), |i| scheme_end + i);
            match url[scheme_end..host_start].rfind('@') {
                Some(at) => format!("{}***@{}", &url[..scheme_end], &url[scheme_end + at + 1..]),
                None => url.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

async fn options(
    settings: &NatsSettings,
    name: &str,
) -> Result<async_nats::ConnectOptions, BusError> {
    let mut options = async_nats::ConnectOptions::new()
        .name(format!("marsad-{name}"))
        .connection_timeout(Duration::from_secs(5))
        .max_reconnects(None::<usize>)
        .event_callback(|event| async move {
            match event {
                async_nats::Event::Connected => tracing::info!("NATS connection (re)established"),
                async_nats::Event::Disconnected => {
                    tracing::warn!("NATS connection lost; reconnecting")
                }
                other => tracing::debug!(event = %other, "NATS event"),
            }
        });
    if let (Some(user), Some(password)) = (&settings.user, &settings.password) {
        options = options.user_and_password(user.clone(), password.expose().to_string());
    }
    if let Some(token) = &settings.token {
        options = options.token(token.expose().to_string());
    }
    if let Some(path) = &settings.nkey_seed_file {
        let seed = std::fs::read_to_string(path).map_err(|source| BusError::Read {
            what: "nkey seed file",
            path: path.display().to_string(),
            source,
        })?;
        options = options.nkey(seed.trim().to_string());
    }
    if let Some(path) = &settings.credentials_file {
        options = options
            .credentials_file(path)
            .await
            .map_err(|source| BusError::Read {
                what: "credentials file",
                path: path.display().to_string(),
                source,
            })?;
    }
    if let Some(ca) = &settings.tls_ca {
        options = options.add_root_certificates(ca.clone());
    }
    if let (Some(cert), Some(key)) = (&settings.tls_cert, &settings.tls_key) {
        options = options.add_client_certificate(cert.clone(), key.clone());
    }
    if let Some(prefix) = settings.inbox_prefix.as_deref().filter(|p| !p.is_empty()) {
        options = options.custom_inbox_prefix(prefix);
    }
    if settings.tls_required || settings.tls_ca.is_some() {
        options = options.require_tls(true);
    }
    Ok(options)
}

/// The stream configuration of one of the design's streams.
/// Where every stream Marsad creates keeps its messages: `bus.storage` is "memory" or
/// (anything else) "file".
pub fn storage_type(bus: &BusSettings) -> stream::StorageType {
    if bus.storage == "memory" {
        stream::StorageType::Memory
    } else {
        stream::StorageType::File
    }
}

pub fn stream_config(bus: &BusSettings, subjects: &Subjects, which: Stream) -> stream::Config {
    let subject_list = match which {
        Stream::Raw => vec![subjects.raw()],
        Stream::Ingested => vec![subjects.ingested()],
        Stream::Rejected => vec![subjects.rejected()],
        Stream::Enriched => vec![subjects.enriched_all()],
        Stream::Alerts => vec![subjects.alerts_all()],
    };
    stream::Config {
        name: subjects.stream(which),
        subjects: subject_list,
        retention: stream::RetentionPolicy::Limits,
        storage: storage_type(bus),
        num_replicas: bus.replicas.max(1),
        max_age: Duration::from_secs(bus.max_age_hours * 3600),
        duplicate_window: Duration::from_secs(bus.duplicate_window_secs),
        ..Default::default()
    }
}

/// Creates the listed streams where they are missing; an existing stream is left as
/// it is (its operator may have tuned it).
pub async fn ensure_streams(
    js: &jetstream::Context,
    bus: &BusSettings,
    subjects: &Subjects,
    which: &[Stream],
) -> Result<(), BusError> {
    for stream in which {
        js.get_or_create_stream(stream_config(bus, subjects, *stream))
            .await
            .map_err(|e| {
                BusError::JetStream(format!("stream {}: {e}", subjects.stream(*stream)))
            })?;
    }
    Ok(())
}

/// Opens the key-value bucket, creating it where it is missing.
pub async fn ensure_bucket(
    js: &jetstream::Context,
    bus: &BusSettings,
    bucket: &str,
) -> Result<kv::Store, BusError> {
    ensure_bucket_with_ttl(js, bus, bucket, Duration::ZERO).await
}

/// Opens the key-value bucket whose values expire `ttl` after they were last
/// written (zero: never), creating it where it is missing.
pub async fn ensure_bucket_with_ttl(
    js: &jetstream::Context,
    bus: &BusSettings,
    bucket: &str,
    ttl: Duration,
) -> Result<kv::Store, BusError> {
    if let Ok(store) = js.get_key_value(bucket).await {
        return Ok(store);
    }
    // The bucket's stream is created here rather than by `create_key_value`, which
    // first asks for account information in a shape nats-server 2.9 (Debian 12's)
    // does not answer in. The configuration is the one the KV protocol defines (ADR-8):
    // one message per key, roll-ups allowed, deletes denied, direct get.
    let config = stream::Config {
        name: format!("KV_{bucket}"),
        subjects: vec![format!("$KV.{bucket}.>")],
        max_messages_per_subject: 1,
        storage: storage_type(bus),
        num_replicas: bus.replicas.max(1),
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        discard: stream::DiscardPolicy::New,
        max_age: ttl,
        // The server refuses a duplicate window longer than the values live.
        duplicate_window: if ttl.is_zero() {
            Duration::from_secs(120)
        } else {
            ttl.min(Duration::from_secs(120))
        },
        ..Default::default()
    };
    js.get_or_create_stream(config)
        .await
        .map_err(|e| BusError::JetStream(format!("bucket {bucket}: {e}")))?;
    js.get_key_value(bucket)
        .await
        .map_err(|e| BusError::JetStream(format!("bucket {bucket}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::redact_urls;

    #[test]
    fn credentials_in_urls_are_not_printed() {
        assert_eq!(
            redact_urls("nats://ingest:hunter2@10.0.0.1:4222, tls://s3cr3t@nats.example:4443/x"),
            "nats://***@10.0.0.1:4222,tls://***@nats.example:4443/x"
        );
        assert_eq!(
            redact_urls("nats://127.0.0.1:4222"),
            "nats://127.0.0.1:4222"
        );
    }
}
