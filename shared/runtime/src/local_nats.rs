//! A local `nats-server` with JetStream, as a child process: what `marsad up` runs,
//! and what every integration test starts on a free port in a temporary directory.
//! Tests fail (not skip) when the binary is missing; the README's commands install it.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum LocalNatsError {
    #[error(
        "nats-server not found (looked at $MARSAD_NATS_SERVER, PATH, /usr/sbin, /usr/local/bin); \
         install it with `sudo apt-get install nats-server` or run the README's commands"
    )]
    Missing,
    #[error("could not start nats-server: {0}")]
    Spawn(std::io::Error),
    #[error("nats-server did not accept connections on port {port} within {secs}s (log: {log})")]
    NotReady { port: u16, secs: u64, log: String },
}

/// How to start the server.
#[derive(Debug, Clone, Default)]
pub struct LocalNatsOptions {
    /// Client port; a free one when `None`.
    pub port: Option<u16>,
    /// JetStream store directory; a temporary one when `None`.
    pub store_dir: Option<PathBuf>,
    /// HTTP monitoring port (`/varz`, `/jsz`), for Prometheus exporters.
    pub monitor_port: Option<u16>,
    /// A configuration file (cluster, auth, TLS) used instead of flags.
    pub config_file: Option<PathBuf>,
    /// Extra command-line arguments.
    pub extra_args: Vec<String>,
    /// The server binary; [`binary`]'s search when `None`.
    pub binary: Option<PathBuf>,
}

/// A running server; stopped (SIGTERM, then SIGKILL) on drop.
pub struct LocalNats {
    child: Option<Child>,
    pub port: u16,
    pub store_dir: PathBuf,
    /// The server binary it runs.
    pub binary: PathBuf,
    log_path: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

/// Finds the `nats-server` binary.
pub fn binary() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MARSAD_NATS_SERVER") {
        return Some(PathBuf::from(path));
    }
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/sbin", "/usr/local/bin", "/usr/bin", "/sbin"].map(PathBuf::from));
    dirs.into_iter()
        .map(|d| d.join("nats-server"))
        .find(|p| p.is_file())
}

/// What `nats-server --version` prints (`nats-server: v2.10.26`), trimmed; empty when
/// the binary cannot be run.
pub fn version(binary: &Path) -> String {
    Command::new(binary)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// A free TCP port on the loopback interface.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

impl LocalNats {
    pub fn start(options: LocalNatsOptions) -> Result<Self, LocalNatsError> {
        let bin = match &options.binary {
            Some(path) => path.clone(),
            None => binary().ok_or(LocalNatsError::Missing)?,
        };
        let (temp, store_dir) = match &options.store_dir {
            Some(dir) => (None, dir.clone()),
            None => {
                let temp = tempfile::tempdir().map_err(LocalNatsError::Spawn)?;
                let dir = temp.path().to_path_buf();
                (Some(temp), dir)
            }
        };
        std::fs::create_dir_all(&store_dir).map_err(LocalNatsError::Spawn)?;
        let port = options.port.unwrap_or_else(free_port);
        let log_path = store_dir.join("nats-server.log");
        let mut command = Command::new(&bin);
        if let Some(config) = &options.config_file {
            command.arg("-c").arg(config);
        } else {
            command.arg("-js").arg("-sd").arg(&store_dir);
        }
        command
            .arg("-a")
            .arg("127.0.0.1")
            .arg("-p")
            .arg(port.to_string())
            .arg("-l")
            .arg(&log_path);
        if let Some(monitor) = options.monitor_port {
            command.arg("-m").arg(monitor.to_string());
        }
        command.args(&options.extra_args);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let child = command.spawn().map_err(LocalNatsError::Spawn)?;
        let server = LocalNats {
            child: Some(child),
            port,
            store_dir,
            binary: bin,
            log_path,
            _temp: temp,
        };
        server.wait_ready(Duration::from_secs(20))?;
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    fn wait_ready(&self, timeout: Duration) -> Result<(), LocalNatsError> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(LocalNatsError::NotReady {
            port: self.port,
            secs: timeout.as_secs(),
            log: std::fs::read_to_string(&self.log_path).unwrap_or_default(),
        })
    }

    /// Stops the server: SIGTERM (it flushes its store), SIGKILL after 10 s.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        if let Ok(pid) = i32::try_from(child.id()) {
            let _ = nix::sys::signal::kill(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGTERM,
            );
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }

    /// Kills the server at once (SIGKILL), keeping its store: for fault tests.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same port and store.
    pub fn restart(&mut self, options: &LocalNatsOptions) -> Result<(), LocalNatsError> {
        self.stop();
        let mut options = options.clone();
        options.port = Some(self.port);
        options.store_dir = Some(self.store_dir.clone());
        let mut fresh = LocalNats::start(options)?;
        self.child = fresh.child.take();
        Ok(())
    }

    pub fn log_path(&self) -> &Path {
        &self.log_path
    }
}

impl Drop for LocalNats {
    fn drop(&mut self) {
        self.stop();
    }
}
