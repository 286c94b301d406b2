//! Typed, strict settings.
//!
//! Every service has one settings struct, built in layers: the service's built-in
//! defaults (a TOML string compiled in) → an optional file (`--config` or
//! `MARSAD_CONFIG`) → environment variables `MARSAD__SECTION__KEY`. Every struct
//! denies unknown fields, so a misspelt key is an error at start-up, not a setting
//! silently ignored. Secrets are wrapped in [`Secret`], whose `Debug` never prints them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A value that must never reach a log: `Debug` prints `***`.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// How to reach NATS, and as whom.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NatsSettings {
    /// One or more server URLs, comma-separated (`nats://127.0.0.1:4222`).
    pub url: String,
    #[serde(default)]
    pub user: Option<String>,
    #[serde(default)]
    pub password: Option<Secret>,
    #[serde(default)]
    pub token: Option<Secret>,
    /// A file holding an nkey seed (`SU…`).
    #[serde(default)]
    pub nkey_seed_file: Option<PathBuf>,
    /// A `.creds` file (JWT + seed).
    #[serde(default)]
    pub credentials_file: Option<PathBuf>,
    #[serde(default)]
    pub tls_ca: Option<PathBuf>,
    #[serde(default)]
    pub tls_cert: Option<PathBuf>,
    #[serde(default)]
    pub tls_key: Option<PathBuf>,
    #[serde(default)]
    pub tls_required: bool,
    /// Prefix of the reply subjects this client listens on (`_INBOX` when unset). With
    /// one per program (`_INBOX_ingest`) its permissions can allow replies to itself
    /// only: a user allowed `_INBOX.>` could read every reply to everyone, the messages
    /// other services pull from their streams among them.
    #[serde(default)]
    pub inbox_prefix: Option<String>,
    /// How long start-up keeps trying to reach the server before giving up.
    pub connect_timeout_secs: u64,
}

/// Subjects, streams and their retention.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusSettings {
    /// Subject prefix (`marsad`): `<prefix>.articles.raw` and so on.
    pub prefix: String,
    /// Number of enriched partitions P: `p = fnv1a64(id) mod P`. Fixed for a deployment.
    pub partitions: u32,
    /// Stream replicas (1 locally, 3 on a cluster).
    pub replicas: usize,
    /// `file` or `memory`.
    pub storage: String,
    /// How long streams keep messages.
    pub max_age_hours: u64,
    /// JetStream's duplicate window: a publish with a `Nats-Msg-Id` seen within it is
    /// dropped by the server. It is what makes a re-published article arrive once.
    pub duplicate_window_secs: u64,
}

/// The process's threads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuntimeSettings {
    /// Tokio worker threads. 1 (the default) runs the whole service on one thread: a
    /// stage handles one message at a time anyway, and on a machine shared with NATS
    /// and the other stages one thread spends less CPU per article on wake-ups than a
    /// pool (BENCHMARKS.md, "One thread per service"); scale out with replicas. 0 is
    /// one worker per core, N is N workers.
    pub worker_threads: usize,
}

/// The admin HTTP server.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminSettings {
    /// `127.0.0.1:9101`; loopback unless configured otherwise. Port 0 picks a free port.
    pub bind: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

/// How a stage reads its input stream.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsumerSettings {
    /// Durable consumer name; replicas that share it share the work.
    pub durable: String,
    /// Messages asked for per pull request.
    pub batch: usize,
    /// Outputs waiting for their JetStream acknowledgement at once.
    pub max_inflight: usize,
    /// Seconds before an unacknowledged message is redelivered.
    pub ack_wait_secs: u64,
    /// Deliveries after which a message that keeps failing goes to `rejected`
    /// with reason `handler_failed`.
    pub max_deliver: i64,
    /// Back-off before a failed message is retried, by attempt (milliseconds; the
    /// last value repeats).
    #[serde(deserialize_with = "numbers")]
    pub backoff_ms: Vec<u64>,
}

/// A list of numbers, from a file (`[100, 1000]`) or a variable (`100,1000`, whose
/// items arrive as strings).
pub fn numbers<'de, D, N>(de: D) -> Result<Vec<N>, D::Error>
where
    D: serde::Deserializer<'de>,
    N: Deserialize<'de> + std::str::FromStr,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item<N> {
        Number(N),
        Text(String),
    }
    Vec::<Item<N>>::deserialize(de)?
        .into_iter()
        .map(|item| match item {
            Item::Number(n) => Ok(n),
            Item::Text(t) => t
                .trim()
                .parse()
                .map_err(|_| serde::de::Error::custom(format!("{t:?} is not a whole number"))),
        })
        .collect()
}

/// Errors from loading settings.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("settings: {0}")]
    Config(#[from] config::ConfigError),
    #[error("settings: {0}")]
    Schema(serde_json::Error),
}

/// The sections that not every program has (one service's own, or `runtime` that the
/// CLI lacks): a program ignores them unless its defaults have them.
pub const SERVICE_SECTIONS: &[&str] = &["ingest", "enrich", "aggregate", "runtime"];

/// Builds settings from layers. Defaults are the service's TOML; `file` is optional;
/// `env` is the process environment unless a test supplies its own map.
pub struct Loader<'a> {
    defaults: &'a str,
    file: Option<PathBuf>,
    env: Option<HashMap<String, String>>,
}

impl<'a> Loader<'a> {
    pub fn new(defaults: &'a str) -> Self {
        Loader {
            defaults,
            file: None,
            env: None,
        }
    }

    /// Adds a settings file (TOML, YAML or JSON by extension).
    pub fn file(mut self, path: Option<&Path>) -> Self {
        self.file = path.map(Path::to_path_buf);
        self
    }

    /// Uses these `MARSAD__…` variables instead of the process environment.
    pub fn env(mut self, vars: impl IntoIterator<Item = (String, String)>) -> Self {
        self.env = Some(vars.into_iter().collect());
        self
    }

    pub fn load<T: DeserializeOwned>(self) -> Result<T, SettingsError> {
        let mut builder = config::Config::builder().add_source(config::File::from_str(
            self.defaults,
            config::FileFormat::Toml,
        ));
        if let Some(path) = &self.file {
            builder = builder.add_source(config::File::from(path.as_path()).required(true));
        }
        let mut env = config::Environment::with_prefix("MARSAD")
            .prefix_separator("__")
            .separator("__")
            .try_parsing(true)
            .list_separator(",")
            .with_list_parse_key("consumer.backoff_ms")
            .with_list_parse_key("aggregate.partitions_owned");
        if let Some(vars) = self.env {
            env = env.source(Some(vars.into_iter().collect()));
        }
        builder = builder.add_source(env);
        let mut value: serde_json::Value = builder.build()?.try_deserialize()?;
        // One file or one environment can configure every service: a service ignores
        // the sections of the other services, but any other unknown key is an error.
        if let Some(sections) = value.as_object_mut() {
            for other in SERVICE_SECTIONS {
                if !self.defaults.contains(&format!("[{other}]")) {
                    sections.remove(*other);
                }
            }
        }
        serde_json::from_value(value).map_err(SettingsError::Schema)
    }
}

/// Settings of a Marsad program, read in layers: built-in defaults → an optional file
/// → `MARSAD__SECTION__KEY` variables. A program gives its defaults; the loading is
/// written once, here.
pub trait Layered: DeserializeOwned {
    /// The built-in defaults, as TOML.
    fn defaults() -> String;

    /// Defaults → optional file → the process's `MARSAD__…` environment.
    fn load(file: Option<&Path>) -> Result<Self, SettingsError> {
        Loader::new(&Self::defaults()).file(file).load()
    }

    /// Defaults → optional file → the given variables (tests, embedding).
    fn load_with(
        file: Option<&Path>,
        env: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Self, SettingsError> {
        Loader::new(&Self::defaults()).file(file).env(env).load()
    }
}

/// Defaults shared by every service, as TOML, to be appended to a service's own.
pub fn common_defaults(service: &str, admin_port: u16) -> String {
    format!(
        r#"
[nats]
url = "nats://127.0.0.1:4222"
connect_timeout_secs = 30

[bus]
prefix = "marsad"
partitions = 8
replicas = 1
storage = "file"
max_age_hours = 168
duplicate_window_secs = 3600

[admin]
bind = "127.0.0.1:{admin_port}"

[log]
format = "text"
level = "info"

[consumer]
durable = "{service}"
batch = 256
max_inflight = 512
ack_wait_secs = 30
max_deliver = 5
backoff_ms = [100, 1000, 5000]
"#
    )
}

/// Defaults of the three services: [`common_defaults`] and `[runtime]` (the CLI has no
/// `[runtime]`: its own runtime is built before it reads settings).
pub fn stage_defaults(service: &str, admin_port: u16) -> String {
    format!(
        "{}\n[runtime]\nworker_threads = 1\n",
        common_defaults(service, admin_port)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)] // every section is parsed; only some are asserted
    #[serde(deny_unknown_fields)]
    struct Demo {
        nats: NatsSettings,
        bus: BusSettings,
        admin: AdminSettings,
        log: LogSettings,
        consumer: ConsumerSettings,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    #[serde(deny_unknown_fields)]
    struct Stage {
        nats: NatsSettings,
        bus: BusSettings,
        admin: AdminSettings,
        log: LogSettings,
        consumer: ConsumerSettings,
        runtime: RuntimeSettings,
    }

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_parse() {
        let d = common_defaults("demo", 9100);
        let s: Demo = Loader::new(&d).env(vec![]).load().unwrap();
        assert_eq!(s.bus.partitions, 8);
        assert_eq!(s.admin.bind, "127.0.0.1:9100");
        assert_eq!(s.consumer.backoff_ms, vec![100, 1000, 5000]);
    }

    #[test]
    fn environment_overrides_and_unknown_keys_fail() {
        let d = common_defaults("demo", 9100);
        let s: Demo = Loader::new(&d)
            .env(vars(&[
                ("MARSAD__BUS__PARTITIONS", "4"),
                ("MARSAD__NATS__PASSWORD", "hunter2"),
                ("MARSAD__CONSUMER__BACKOFF_MS", "5,10"),
            ]))
            .load()
            .unwrap();
        assert_eq!(s.bus.partitions, 4);
        assert_eq!(s.consumer.backoff_ms, vec![5, 10]);
        // Secrets never reach Debug output, hence never a log line.
        assert!(!format!("{s:?}").contains("hunter2"));

        let err = Loader::new(&d)
            .env(vars(&[("MARSAD__BUS__PARTITONS", "4")]))
            .load::<Demo>()
            .unwrap_err();
        assert!(err.to_string().contains("partitons"), "{err}");
    }

    #[test]
    fn a_file_layer_sits_between_defaults_and_environment() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.toml");
        std::fs::write(&path, "[bus]\nprefix = \"filed\"\npartitions = 2\n").unwrap();
        let d = common_defaults("demo", 9100);
        let s: Demo = Loader::new(&d)
            .file(Some(&path))
            .env(vars(&[("MARSAD__BUS__PARTITIONS", "3")]))
            .load()
            .unwrap();
        assert_eq!(s.bus.prefix, "filed");
        assert_eq!(s.bus.partitions, 3);
    }

    #[test]
    fn other_services_sections_are_ignored_but_typos_are_not() {
        // One environment runs every service (`marsad up`, one compose file): a
        // service must not fail on another service's section.
        let d = common_defaults("demo", 9100);
        let s: Demo = Loader::new(&d)
            .env(vars(&[("MARSAD__ENRICH__KB_DIR", "/tmp/kb")]))
            .load()
            .unwrap();
        assert_eq!(s.bus.prefix, "marsad");
        let err = Loader::new(&d)
            .env(vars(&[("MARSAD__ENRIHC__KB_DIR", "/tmp/kb")]))
            .load::<Demo>()
            .unwrap_err();
        assert!(err.to_string().contains("enrihc"), "{err}");
    }

    #[test]
    fn a_service_runs_on_one_thread_unless_told_otherwise() {
        let d = stage_defaults("demo", 9100);
        let s: Stage = Loader::new(&d).env(vec![]).load().unwrap();
        assert_eq!(s.runtime.worker_threads, 1);
        let rt = crate::service::runtime(&s.runtime).unwrap();
        assert_eq!(
            rt.handle().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::CurrentThread
        );
        let s: Stage = Loader::new(&d)
            .env(vars(&[("MARSAD__RUNTIME__WORKER_THREADS", "3")]))
            .load()
            .unwrap();
        let rt = crate::service::runtime(&s.runtime).unwrap();
        assert_eq!(rt.metrics().num_workers(), 3);
        // The CLI has no `[runtime]`: one environment for every program must not stop it.
        let cli: Demo = Loader::new(&common_defaults("cli", 0))
            .env(vars(&[("MARSAD__RUNTIME__WORKER_THREADS", "3")]))
            .load()
            .unwrap();
        assert_eq!(cli.bus.prefix, "marsad");
    }
}
