//! Security against real nats-servers configured for it: every authentication the
//! settings offer (user and password, token, nkey seed file, TLS with a CA and client
//! certificates) connects, and a wrong credential is refused with a clear error that
//! does not print the secret; the three services run with their own users under the
//! least-privilege permissions of `deploy/nats/permissions.conf` and the server
//! refuses them anything else; admin and API HTTP bind to loopback unless configured;
//! the API bounds its pages and takes no request bodies; no secret reaches a log line
//! (every log of this test binary, at trace level, is captured and searched) or the
//! Debug output of the settings.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use futures::StreamExt;
use marsad_cli::publish;
use marsad_messages::{EnrichedArticle, Subjects};
use marsad_runtime::local_nats::{LocalNats, LocalNatsOptions};
use marsad_runtime::settings::{Layered, NatsSettings};
use marsad_runtime::Shutdown;

mod support;

use support::pipeline::{seed, WAIT};

/// Every log line of this process, from every test in it.
fn logs() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let sink = buffer.clone();
        tracing_subscriber::fmt()
            .with_env_filter("trace")
            .with_writer(move || Sink(sink.clone()))
            .with_ansi(false)
            .init();
        buffer
    })
    .clone()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn assert_not_logged(secrets: &[&str]) {
    let logs = logs();
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(
        !text.is_empty(),
        "nothing was logged: the capture does not work"
    );
    for secret in secrets {
        let line = text.lines().find(|l| l.contains(secret));
        assert!(line.is_none(), "a secret reached the logs: {line:?}");
    }
}

/// A nats-server started with `config` (plus a JetStream store) in its own directory.
struct Server {
    dir: tempfile::TempDir,
    nats: LocalNats,
}

impl Server {
    fn start(config: &str) -> Server {
        Server::start_with(config, true)
    }

    /// `jetstream: false` for operator mode, where JetStream needs a system account.
    fn start_with(config: &str, jetstream: bool) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nats.conf");
        let store = dir.path().join("jetstream");
        let jetstream = match jetstream {
            true => format!("jetstream {{ store_dir: {:?} }}", store.display()),
            false => String::new(),
        };
        std::fs::write(&path, format!("{config}\n{jetstream}\n")).unwrap();
        let nats = LocalNats::start(LocalNatsOptions {
            config_file: Some(path),
            store_dir: Some(dir.path().to_path_buf()),
            ..Default::default()
        })
        .expect("nats-server must be installed (the README's test command installs it)");
        Server { dir, nats }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.nats.log_path()).unwrap_or_default()
    }
}

/// NATS settings the way a user gives them (MARSAD__NATS__… variables).
fn settings(url: &str, vars: &[(&str, &str)]) -> NatsSettings {
    let mut env = vec![
        ("MARSAD__NATS__URL".to_string(), url.to_string()),
        (
            "MARSAD__NATS__CONNECT_TIMEOUT_SECS".to_string(),
            "1".to_string(),
        ),
    ];
    env.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    marsad_ingest::Settings::load_with(None, env).unwrap().nats
}

async fn connect(settings: &NatsSettings) -> Result<async_nats::Client, String> {
    marsad_runtime::bus::connect(settings, "test", &Shutdown::new())
        .await
        .map_err(|e| e.to_string())
}

/// Connects with `good`, is refused with `bad`; the refusal says what happened and
/// prints neither secret.
async fn accepted_and_refused(
    url: &str,
    good: &[(&str, &str)],
    bad: &[(&str, &str)],
    secrets: &[&str],
) {
    let client = connect(&settings(url, good))
        .await
        .expect("the right credential connects");
    client.flush().await.unwrap();
    let error = connect(&settings(url, bad))
        .await
        .expect_err("a wrong credential is refused");
    assert!(
        error.contains("could not connect to NATS at") && error.contains("authoriz"),
        "{error}"
    );
    for secret in secrets {
        assert!(!error.contains(secret), "the secret is printed: {error}");
    }
    // Neither the NATS section nor a whole service's settings print a secret.
    for vars in [good, bad] {
        let env: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let whole = marsad_enrich::Settings::load_with(None, env).unwrap();
        for debug in [format!("{:?}", settings(url, vars)), format!("{whole:?}")] {
            for secret in secrets {
                assert!(!debug.contains(secret), "the secret is in Debug: {debug}");
            }
        }
    }
    assert_not_logged(secrets);
}

#[tokio::test]
async fn user_and_password_connect_and_a_wrong_password_is_refused() {
    logs();
    let s = Server::start(
        r#"authorization { users = [{user: "reader", password: "pw-Right-8f3a1c"}] }"#,
    );
    accepted_and_refused(
        &s.nats.url(),
        &[
            ("MARSAD__NATS__USER", "reader"),
            ("MARSAD__NATS__PASSWORD", "pw-Right-8f3a1c"),
        ],
        &[
            ("MARSAD__NATS__USER", "reader"),
            ("MARSAD__NATS__PASSWORD", "pw-Wrong-77d0e2"),
        ],
        &["pw-Right-8f3a1c", "pw-Wrong-77d0e2"],
    )
    .await;
}

#[tokio::test]
async fn credentials_in_the_url_are_refused_before_they_reach_a_log() {
    // The NATS client logs the URLs it connects to at debug level, password included:
    // credentials belong in nats.user/nats.password or nats.token.
    logs();
    let s = Server::start(
        r#"authorization { users = [{user: "reader", password: "pw-Right-2c7d90"}] }"#,
    );
    let url = format!("nats://reader:pw-Url-6a1f3e@127.0.0.1:{}", s.nats.port);
    let error = connect(&settings(&url, &[])).await.unwrap_err();
    assert!(error.contains("nats://***@127.0.0.1"), "{error}");
    assert!(error.contains("nats.user and nats.password"), "{error}");
    assert!(!error.contains("pw-Url-6a1f3e"), "{error}");
    assert_not_logged(&["pw-Url-6a1f3e"]);
}

#[tokio::test]
async fn a_token_connects_and_a_wrong_token_is_refused() {
    logs();
    let s = Server::start(r#"authorization { token: "tok-Right-5b9e77" }"#);
    accepted_and_refused(
        &s.nats.url(),
        &[("MARSAD__NATS__TOKEN", "tok-Right-5b9e77")],
        &[("MARSAD__NATS__TOKEN", "tok-Wrong-01c4d8")],
        &["tok-Right-5b9e77", "tok-Wrong-01c4d8"],
    )
    .await;
}

#[tokio::test]
async fn an_nkey_seed_file_connects_and_another_key_is_refused() {
    logs();
    let right = nkeys::KeyPair::new_user();
    let wrong = nkeys::KeyPair::new_user();
    let s = Server::start(&format!(
        r#"authorization {{ users = [{{nkey: "{}"}}] }}"#,
        right.public_key()
    ));
    let seed_file = |key: &nkeys::KeyPair, name: &str| {
        let path = s.dir.path().join(name);
        std::fs::write(&path, format!("{}\n", key.seed().unwrap())).unwrap();
        path.display().to_string()
    };
    let (right_file, wrong_file) = (seed_file(&right, "right.nk"), seed_file(&wrong, "wrong.nk"));
    let (right_seed, wrong_seed) = (right.seed().unwrap(), wrong.seed().unwrap());
    accepted_and_refused(
        &s.nats.url(),
        &[("MARSAD__NATS__NKEY_SEED_FILE", &right_file)],
        &[("MARSAD__NATS__NKEY_SEED_FILE", &wrong_file)],
        &[&right_seed, &wrong_seed],
    )
    .await;
    // A seed file that cannot be read says which file, not what a seed is.
    let missing = connect(&settings(
        &s.nats.url(),
        &[("MARSAD__NATS__NKEY_SEED_FILE", "/nonexistent/seed.nk")],
    ))
    .await
    .unwrap_err();
    assert!(
        missing.contains("cannot read nkey seed file /nonexistent/seed.nk"),
        "{missing}"
    );
}

/// A NATS JWT (nats-io/jwt v2): `claims` with `iss`, `sub`, `iat` and `jti` added,
/// signed by `issuer`.
fn jwt(issuer: &nkeys::KeyPair, subject: &str, mut claims: serde_json::Value) -> String {
    use base64::Engine as _;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    claims["iss"] = issuer.public_key().into();
    claims["sub"] = subject.into();
    claims["iat"] = 1_764_000_000.into();
    claims["jti"] = format!("{:X}", subject.len() * 7919 + claims.to_string().len()).into();
    let header = b64(br#"{"typ":"JWT","alg":"ed25519-nkey"}"#);
    let body = b64(claims.to_string().as_bytes());
    let signature = issuer.sign(format!("{header}.{body}").as_bytes()).unwrap();
    format!("{header}.{body}.{}", b64(&signature))
}

/// A `.creds` file: the user's JWT and its seed, as `nsc` writes them.
fn creds(user_jwt: &str, seed: &str) -> String {
    format!(
        "-----BEGIN NATS USER JWT-----\n{user_jwt}\n------END NATS USER JWT------\n\n\
         ************************* IMPORTANT *************************\n\
         NKEY Seed printed below can be used to sign and prove identity.\n\n\
         -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n"
    )
}

#[tokio::test]
async fn a_creds_file_connects_and_a_user_of_an_unknown_account_is_refused() {
    logs();
    let operator = nkeys::KeyPair::new_operator();
    let account = nkeys::KeyPair::new_account();
    let stranger = nkeys::KeyPair::new_account();
    let unlimited = serde_json::json!({"subs": -1, "data": -1, "payload": -1});
    let operator_jwt = jwt(
        &operator,
        &operator.public_key(),
        serde_json::json!({"name": "marsad-test", "nats": {"type": "operator", "version": 2}}),
    );
    let account_jwt = jwt(
        &operator,
        &account.public_key(),
        serde_json::json!({"name": "marsad", "nats": {"type": "account", "version": 2,
            "limits": {"subs": -1, "data": -1, "payload": -1, "imports": -1, "exports": -1,
                       "wildcards": true, "conn": -1, "leaf": -1}}}),
    );
    let user = |issuer: &nkeys::KeyPair| {
        let key = nkeys::KeyPair::new_user();
        let mut nats = unlimited.clone();
        nats["type"] = "user".into();
        nats["version"] = 2.into();
        nats["pub"] = serde_json::json!({});
        nats["sub"] = serde_json::json!({});
        let token = jwt(
            issuer,
            &key.public_key(),
            serde_json::json!({"name": "ingest", "nats": nats}),
        );
        (token, key.seed().unwrap())
    };
    let s = Server::start_with(
        &format!(
            "operator: {operator_jwt}\nresolver: MEMORY\nresolver_preload: {{ {}: {account_jwt} }}",
            account.public_key()
        ),
        false,
    );
    let (good_jwt, good_seed) = user(&account);
    let (bad_jwt, bad_seed) = user(&stranger);
    let file = |name: &str, text: String| {
        let path = s.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let good = file("ingest.creds", creds(&good_jwt, &good_seed));
    let bad = file("stranger.creds", creds(&bad_jwt, &bad_seed));
    accepted_and_refused(
        &s.nats.url(),
        &[("MARSAD__NATS__CREDENTIALS_FILE", &good)],
        &[("MARSAD__NATS__CREDENTIALS_FILE", &bad)],
        &[&good_seed, &bad_seed],
    )
    .await;
}

fn openssl(dir: &Path, args: &[&str]) {
    let status = Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("the openssl command (Debian package openssl) makes the test certificates");
    assert!(status.success(), "openssl {args:?}");
}

/// A CA, and a key and certificate it signs for `name` (with `san` as subjectAltName).
fn certificate(dir: &Path, ca: &str, name: &str, san: &str) {
    openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            &format!("{name}.ec.pem"),
        ],
    );
    openssl(
        dir,
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            &format!("{name}.ec.pem"),
            "-out",
            &format!("{name}.key"),
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-key",
            &format!("{name}.key"),
            "-subj",
            &format!("/CN={name}"),
            "-out",
            &format!("{name}.csr"),
        ],
    );
    std::fs::write(
        dir.join(format!("{name}.ext")),
        format!("subjectAltName={san}\n"),
    )
    .unwrap();
    openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &format!("{name}.csr"),
            "-CA",
            &format!("{ca}.crt"),
            "-CAkey",
            &format!("{ca}.key"),
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            &format!("{name}.ext"),
            "-out",
            &format!("{name}.crt"),
        ],
    );
}

fn authority(dir: &Path, ca: &str) {
    openssl(
        dir,
        &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
            &format!("{ca}.ec.pem"),
        ],
    );
    openssl(
        dir,
        &[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            &format!("{ca}.ec.pem"),
            "-out",
            &format!("{ca}.key"),
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            &format!("{ca}.key"),
            "-subj",
            &format!("/CN={ca}"),
            "-days",
            "2",
            "-out",
            &format!("{ca}.crt"),
        ],
    );
}

#[tokio::test]
async fn tls_with_a_client_certificate_connects_and_others_are_refused() {
    logs();
    let certs = tempfile::tempdir().unwrap();
    let dir = certs.path();
    authority(dir, "ca");
    authority(dir, "rogue-ca");
    certificate(dir, "ca", "server", "IP:127.0.0.1,DNS:localhost");
    certificate(dir, "ca", "client", "DNS:marsad-ingest");
    certificate(dir, "rogue-ca", "rogue", "DNS:marsad-ingest");
    let path = |name: &str| dir.join(name).display().to_string();
    let s = Server::start(&format!(
        "tls {{ cert_file: {:?}, key_file: {:?}, ca_file: {:?}, verify: true, timeout: 2 }}",
        path("server.crt"),
        path("server.key"),
        path("ca.crt")
    ));
    let url = s.nats.url();
    let (ca, cert, key) = (path("ca.crt"), path("client.crt"), path("client.key"));
    let good = [
        ("MARSAD__NATS__TLS_CA", ca.as_str()),
        ("MARSAD__NATS__TLS_CERT", cert.as_str()),
        ("MARSAD__NATS__TLS_KEY", key.as_str()),
    ];
    let client = connect(&settings(&url, &good))
        .await
        .expect("TLS with a client certificate");
    client.flush().await.unwrap();
    // A certificate of another authority, and no certificate at all, are refused.
    let (rogue_cert, rogue_key) = (path("rogue.crt"), path("rogue.key"));
    for bad in [
        vec![
            ("MARSAD__NATS__TLS_CA", ca.as_str()),
            ("MARSAD__NATS__TLS_CERT", rogue_cert.as_str()),
            ("MARSAD__NATS__TLS_KEY", rogue_key.as_str()),
        ],
        vec![("MARSAD__NATS__TLS_CA", ca.as_str())],
    ] {
        let error = connect(&settings(&url, &bad)).await.expect_err("refused");
        assert!(error.contains("could not connect to NATS at"), "{error}");
    }
    // A server whose certificate this CA did not sign is not trusted.
    let rogue_ca = path("rogue-ca.crt");
    let error = connect(&settings(
        &url,
        &[
            ("MARSAD__NATS__TLS_CA", rogue_ca.as_str()),
            ("MARSAD__NATS__TLS_CERT", cert.as_str()),
            ("MARSAD__NATS__TLS_KEY", key.as_str()),
        ],
    ))
    .await
    .expect_err("an untrusted server is refused");
    assert!(error.contains("could not connect to NATS at"), "{error}");
    // The private key never reaches a log line.
    let key_body = std::fs::read_to_string(dir.join("client.key")).unwrap();
    let secret_line = key_body.lines().nth(1).unwrap().to_string();
    assert_not_logged(&[&secret_line]);
}

/// The users of deploy/nats/users.conf and the passwords the test gives them.
const PASSWORDS: [(&str, &str); 5] = [
    ("ingest", "pw-ingest-3e0b51"),
    ("enrich", "pw-enrich-a7c2d9"),
    ("aggregate", "pw-aggregate-55f1e0"),
    ("publisher", "pw-publisher-c4a8b3"),
    ("subscriber", "pw-subscriber-9d6e12"),
];

fn password(user: &str) -> &'static str {
    PASSWORDS.iter().find(|(u, _)| *u == user).unwrap().1
}

/// A client of `user` that collects the server's errors (permission violations).
async fn client_as(
    url: &str,
    user: &str,
) -> (
    async_nats::Client,
    tokio::sync::mpsc::UnboundedReceiver<String>,
) {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let client = async_nats::ConnectOptions::new()
        .user_and_password(user.to_string(), password(user).to_string())
        .custom_inbox_prefix(format!("_INBOX_{user}"))
        .event_callback(move |event| {
            let tx = tx.clone();
            async move {
                if let async_nats::Event::ServerError(error) = event {
                    let _ = tx.send(error.to_string());
                }
            }
        })
        .connect(url)
        .await
        .unwrap();
    (client, rx)
}

/// Waits for the server's refusal of `what` (a publish or a subscription).
async fn refused(
    errors: &mut tokio::sync::mpsc::UnboundedReceiver<String>,
    user: &str,
    what: &str,
) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let error = tokio::time::timeout_at(deadline, errors.recv())
            .await
            .unwrap_or_else(|_| panic!("{user}: {what} was not refused"))
            .unwrap();
        if error.contains("Permissions Violation") && error.contains(what) {
            return;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_service_works_with_its_own_user_and_is_refused_outside_its_permissions() {
    logs();
    // deploy/nats/auth.conf's own permissions and users, with the passwords defined
    // as configuration variables (in a deployment they come from the environment).
    let passwords: Vec<String> = PASSWORDS
        .iter()
        .map(|(user, pw)| format!("MARSAD_{}_PASSWORD: {pw:?}", user.to_uppercase()))
        .collect();
    let s = Server::start(&format!(
        "{}\n{}\n{}",
        passwords.join("\n"),
        include_str!("../../../deploy/nats/permissions.conf"),
        // Its include of permissions.conf is the text just above.
        include_str!("../../../deploy/nats/users.conf").replace("include permissions.conf", ""),
    ));
    let url = s.nats.url();
    let http = reqwest::Client::new();
    // The permissions name the deployment's subjects: prefix `marsad`.
    let started = support::start_services_each(
        url.clone(),
        &http,
        WAIT,
        &[("MARSAD__BUS__PREFIX", "marsad")],
        |service| {
            vec![
                ("MARSAD__NATS__USER".to_string(), service.to_string()),
                (
                    "MARSAD__NATS__PASSWORD".to_string(),
                    password(service).to_string(),
                ),
                (
                    "MARSAD__NATS__INBOX_PREFIX".to_string(),
                    format!("_INBOX_{service}"),
                ),
            ]
        },
    )
    .await;
    let subjects = Subjects::new("marsad");

    // A subscriber sees enriched articles and alerts as they come.
    let (subscriber, _) = client_as(&url, "subscriber").await;
    let mut enriched = subscriber
        .subscribe("marsad.articles.enriched.>")
        .await
        .unwrap();
    let mut alerts = subscriber.subscribe("marsad.alerts.>").await.unwrap();
    subscriber.flush().await.unwrap();
    // A publisher publishes seed 002 (eleven dead in Baghdad: a casualty alert).
    let (publisher, _) = client_as(&url, "publisher").await;
    let js = async_nats::jetstream::new(publisher);
    publish::ensure_raw_stream(&js, &started.bus, &subjects)
        .await
        .unwrap();
    publish::publish(&js, &subjects, &[seed("002")], |_| {})
        .await
        .unwrap();

    let message = tokio::time::timeout(WAIT, enriched.next())
        .await
        .expect("enriched")
        .unwrap();
    let article: EnrichedArticle = serde_json::from_slice(&message.payload).unwrap();
    assert_eq!(article.id, "de0d2ce0012174dd");
    let alert = tokio::time::timeout(WAIT, alerts.next())
        .await
        .expect("an alert")
        .unwrap();
    assert!(
        alert.subject.starts_with("marsad.alerts."),
        "{}",
        alert.subject
    );
    // Aggregate counted it, checkpointed its state to its bucket, and reads the
    // article back from the enriched stream.
    let api = format!(
        "http://{}",
        started
            .services
            .iter()
            .find(|(n, _)| *n == "aggregate")
            .unwrap()
            .1
            .admin_addr
    );
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let stats = support::get_json(&http, &format!("{api}/api/stats")).await;
        let metrics = http
            .get(format!("{api}/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let checkpointed = metrics.lines().any(|l| {
            l.starts_with("marsad_aggregate_checkpoints_total{outcome=\"ok\"}")
                && !l.ends_with(" 0")
        });
        if stats["articles"] == 1 && checkpointed {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "aggregate: {stats}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let whole = http
        .get(format!("{api}/api/articles/de0d2ce0012174dd"))
        .send()
        .await
        .unwrap();
    assert_eq!(whole.status(), 200);
    // All of that needed nothing outside the permissions.
    let violations: Vec<String> = s
        .log()
        .lines()
        .filter(|l| l.contains("Permissions Violation"))
        .map(str::to_string)
        .collect();
    assert!(
        violations.is_empty(),
        "the services needed more: {violations:#?}"
    );

    // Outside its permissions each is refused by the server.
    let forbidden: [(&str, &[&str], &[&str]); 5] = [
        (
            "ingest",
            &[
                "marsad.articles.enriched.0",
                "marsad.alerts.casualties",
                "$JS.API.STREAM.INFO.MARSAD_ENRICHED",
                "$KV.marsad_aggregates.head",
                "$JS.API.STREAM.DELETE.MARSAD_RAW",
            ],
            &[
                "marsad.articles.ingested",
                "marsad.articles.enriched.>",
                "_INBOX_enrich.>",
            ],
        ),
        (
            "enrich",
            &[
                "marsad.articles.raw",
                "marsad.articles.ingested",
                "marsad.alerts.casualties",
                "marsad.ingest.bands",
                "$JS.API.CONSUMER.MSG.NEXT.MARSAD_RAW.ingest",
            ],
            &["marsad.articles.raw", "marsad.alerts.>"],
        ),
        (
            "aggregate",
            &[
                "marsad.articles.raw",
                "marsad.articles.enriched.0",
                "$JS.API.STREAM.PURGE.MARSAD_ENRICHED",
                "marsad.ingest.bands",
            ],
            &["marsad.articles.raw"],
        ),
        (
            "publisher",
            &[
                "marsad.articles.ingested",
                "$JS.API.STREAM.DELETE.MARSAD_RAW",
            ],
            &["marsad.articles.enriched.>"],
        ),
        (
            "subscriber",
            &["marsad.articles.raw", "$JS.API.STREAM.INFO.MARSAD_RAW"],
            // Another's replies: the messages ingest pulls from the raw stream.
            &["marsad.articles.ingested", "_INBOX.>", "_INBOX_ingest.>"],
        ),
    ];
    for (user, publishes, subscriptions) in forbidden {
        let (client, mut errors) = client_as(&url, user).await;
        for subject in publishes {
            client
                .publish(subject.to_string(), "x".into())
                .await
                .unwrap();
            client.flush().await.unwrap();
            refused(&mut errors, user, &format!("Publish to \"{subject}\"")).await;
        }
        for subject in subscriptions {
            let _subscription = client.subscribe(subject.to_string()).await.unwrap();
            client.flush().await.unwrap();
            refused(&mut errors, user, &format!("Subscription to \"{subject}\"")).await;
        }
    }
    // The refused publishes left nothing behind: the raw stream holds the one article.
    let mut raw = js.get_stream("MARSAD_RAW").await.unwrap();
    assert_eq!(raw.info().await.unwrap().state.messages, 1);

    support::stop_services(&started.shutdown, started.services).await;
    let secrets: Vec<&str> = PASSWORDS.iter().map(|(_, pw)| *pw).collect();
    assert_not_logged(&secrets);
}

#[test]
fn admin_and_api_bind_to_loopback_unless_configured() {
    let none: Vec<(String, String)> = Vec::new();
    let binds = [
        marsad_ingest::Settings::load_with(None, none.clone())
            .unwrap()
            .admin
            .bind,
        marsad_enrich::Settings::load_with(None, none.clone())
            .unwrap()
            .admin
            .bind,
        marsad_aggregate::Settings::load_with(None, none.clone())
            .unwrap()
            .admin
            .bind,
    ];
    for bind in &binds {
        let addr: std::net::SocketAddr = bind.parse().unwrap();
        assert!(addr.ip().is_loopback(), "{bind}");
    }
    let configured = marsad_aggregate::Settings::load_with(
        None,
        vec![(
            "MARSAD__ADMIN__BIND".to_string(),
            "0.0.0.0:9103".to_string(),
        )],
    )
    .unwrap();
    assert_eq!(configured.admin.bind, "0.0.0.0:9103");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_api_bounds_pages_and_takes_no_request_bodies() {
    let nats = LocalNats::start(LocalNatsOptions::default()).expect("nats-server");
    let http = reqwest::Client::new();
    // The default bind, but a free port.
    let started = support::start_services(nats.url(), &http, WAIT).await;
    let (_, aggregate) = started
        .services
        .iter()
        .find(|(n, _)| *n == "aggregate")
        .unwrap();
    assert!(aggregate.admin_addr.ip().is_loopback());
    let api = format!("http://{}", aggregate.admin_addr);
    let limit = marsad_aggregate::api::MAX_LIMIT;
    for path in [
        "/api/top?limit=1000000",
        "/api/alerts?limit=1000000",
        "/api/articles/recent?limit=1000000",
        "/api/stories?limit=1000000",
        "/api/trending?limit=1000000",
    ] {
        let body: serde_json::Value = http
            .get(format!("{api}{path}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body["limit"], limit, "{path}: {body}");
    }
    let points: serde_json::Value = http
        .get(format!("{api}/api/timeseries?adm1=IQ-BG&points=100000000"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        points["points"].as_array().unwrap().len() as i64,
        marsad_aggregate::api::MAX_POINTS
    );
    for path in [
        "/api/top?limit=-1",
        "/api/top?limit=99999999999999999999999",
        "/api/governorates?hours=abc",
    ] {
        let status = http
            .get(format!("{api}{path}"))
            .send()
            .await
            .unwrap()
            .status();
        assert_eq!(status, 400, "{path}");
    }
    // No route takes a body: an 8 MB POST is refused without being read, and the
    // server goes on answering.
    let big = vec![b'x'; 8 << 20];
    let status = http
        .post(format!("{api}/api/top"))
        .body(big)
        .send()
        .await
        .map(|r| r.status());
    assert!(
        status.as_ref().map_or(true, |s| *s == 405 || *s == 413),
        "{status:?}"
    );
    let stats = http.get(format!("{api}/api/stats")).send().await.unwrap();
    assert_eq!(stats.status(), 200);
    support::stop_services(&started.shutdown, started.services).await;
}
