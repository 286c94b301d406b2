//! The services as child processes, for `marsad bench` and the fault tests: started
//! with `MARSAD__` settings the way a user starts them, waited for on `/readyz`,
//! signalled (SIGKILL, SIGTERM, SIGSTOP/SIGCONT), restarted with the same settings and
//! admin address, and measured from /proc (CPU time, resident memory). A process is
//! stopped (SIGTERM, then SIGKILL) when its handle is dropped, so a failing test leaves
//! nothing running.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use async_nats::jetstream;
use futures::StreamExt;
use marsad_runtime::local_nats::free_port;
use nix::sys::signal::Signal;

/// What to execute for one service: its own binary, or `marsad run <service>`.
#[derive(Debug, Clone)]
pub struct Program {
    pub path: PathBuf,
    pub args: Vec<String>,
}

impl Program {
    /// `marsad-<service>` next to the running executable (how `marsad bench` finds them).
    pub fn beside_current_exe(binary: &str) -> anyhow::Result<Program> {
        let exe = std::env::current_exe()?;
        let dir = exe.parent().unwrap_or(Path::new("."));
        let path = dir.join(binary);
        anyhow::ensure!(
            path.is_file(),
            "{} not found next to {} (build it: cargo build --release -p {})",
            binary,
            exe.display(),
            binary
        );
        Ok(Program {
            path,
            args: Vec::new(),
        })
    }

    /// `marsad run <service>`: the same service code as its binary, from the `marsad`
    /// binary at `marsad` (tests get it as `env!("CARGO_BIN_EXE_marsad")`).
    pub fn marsad_run(marsad: &Path, service: &str) -> Program {
        Program {
            path: marsad.to_path_buf(),
            args: vec!["run".to_string(), service.to_string()],
        }
    }
}

/// One service process.
pub struct ServiceProcess {
    pub name: String,
    pub admin: String,
    program: Program,
    env: Vec<(String, String)>,
    child: Option<Child>,
}

impl ServiceProcess {
    /// Starts `program` with `env` and an admin server on a free loopback port
    /// (`MARSAD__ADMIN__BIND`, kept across restarts). Its stdout is discarded; its
    /// stderr (the logs) goes to the parent's.
    pub fn spawn(
        name: &str,
        program: Program,
        env: &[(String, String)],
    ) -> anyhow::Result<ServiceProcess> {
        let mut process = ServiceProcess {
            name: name.to_string(),
            admin: format!("127.0.0.1:{}", free_port()),
            program,
            env: env.to_vec(),
            child: None,
        };
        process.start()?;
        Ok(process)
    }

    fn start(&mut self) -> anyhow::Result<()> {
        let child = Command::new(&self.program.path)
            .args(&self.program.args)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("MARSAD__ADMIN__BIND", &self.admin)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| anyhow::anyhow!("{}: {e}", self.program.path.display()))?;
        self.child = Some(child);
        Ok(())
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Sends a signal (SIGSTOP, SIGCONT, SIGTERM…).
    pub fn signal(&self, signal: Signal) {
        if let Some(pid) = self.pid().and_then(|p| i32::try_from(p).ok()) {
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
        }
    }

    /// Waits until `/readyz` answers 200, or fails saying why (the process exited, or
    /// the time ran out).
    pub async fn wait_ready(
        &mut self,
        http: &reqwest::Client,
        wait: Duration,
    ) -> anyhow::Result<()> {
        let deadline = Instant::now() + wait;
        let url = format!("http://{}/readyz", self.admin);
        loop {
            let ok = http
                .get(&url)
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ok {
                return Ok(());
            }
            if let Some(status) = self
                .child
                .as_mut()
                .and_then(|c| c.try_wait().ok().flatten())
            {
                anyhow::bail!("{} exited before it was ready: {status}", self.name);
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "{} not ready within {} s",
                self.name,
                wait.as_secs()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// SIGKILL: the process dies at once, with whatever it had in hand.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, then waits up to `wait` for the process to exit (SIGKILL after that).
    /// Returns its exit status, `None` when it had to be killed.
    pub fn terminate(&mut self, wait: Duration) -> Option<ExitStatus> {
        let mut child = self.child.take()?;
        self.signal_child(&child, Signal::SIGTERM);
        let deadline = Instant::now() + wait;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
        None
    }

    fn signal_child(&self, child: &Child, signal: Signal) {
        if let Ok(pid) = i32::try_from(child.id()) {
            let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), signal);
        }
    }

    /// Starts the process again with the same settings and admin address (after
    /// [`kill`](Self::kill) or [`terminate`](Self::terminate)).
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill();
        self.start()
    }

    /// CPU seconds (user + system) and peak resident memory (MB) of the live process.
    pub fn usage(&self) -> (f64, f64) {
        self.pid().map_or((0.0, 0.0), usage)
    }

    /// Resident memory now (VmRSS, MB).
    pub fn rss_mb(&self) -> f64 {
        self.pid().map_or(0.0, rss_mb)
    }

    /// The process's `/metrics` text.
    pub async fn metrics(&self, http: &reqwest::Client) -> anyhow::Result<String> {
        Ok(http
            .get(format!("http://{}/metrics", self.admin))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await?)
    }
}

impl Drop for ServiceProcess {
    fn drop(&mut self) {
        if let Some(child) = &self.child {
            // A stopped process cannot act on SIGTERM.
            self.signal_child(child, Signal::SIGCONT);
        }
        self.terminate(Duration::from_secs(10));
    }
}

/// Resident memory of process `pid` now (VmRSS, MB); 0 when it is gone.
pub fn rss_mb(pid: u32) -> f64 {
    status_kb(pid, "VmRSS:") / 1024.0
}

fn status_kb(pid: u32, field: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// User and system CPU seconds of process `pid` so far (0 when it is gone).
fn cpu_seconds(pid: u32) -> (f64, f64) {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) start after ')'.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 11 and 12 after ')'; 100 ticks/s.
    (ticks(11) / 100.0, ticks(12) / 100.0)
}

/// CPU seconds (user + system) and peak resident memory (MB) of a live process.
pub fn usage(pid: u32) -> (f64, f64) {
    let (user, system) = cpu_seconds(pid);
    (user + system, status_kb(pid, "VmHWM:") / 1024.0)
}

/// User CPU seconds of this process so far: what the speed examples time, where the
/// machine is shared and wall time is not this process's alone.
pub fn own_user_cpu() -> f64 {
    cpu_seconds(std::process::id()).0
}

/// The value of one sample in Prometheus text (`name` or `name{labels}` exactly as
/// exposed), 0 when absent.
pub fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| {
            let (name, value) = l.rsplit_once(' ')?;
            (name == series).then(|| value.parse().ok()).flatten()
        })
        .unwrap_or(0.0)
}

/// Every message of a stream as it is now, in stream order (payloads only).
pub async fn read_stream(
    js: &jetstream::Context,
    stream: &str,
    wait: Duration,
) -> anyhow::Result<Vec<bytes::Bytes>> {
    let mut handle = js.get_stream(stream).await?;
    let total = handle.info().await?.state.messages as usize;
    let mut out = Vec::with_capacity(total);
    if total == 0 {
        return Ok(out);
    }
    let consumer = handle
        .create_consumer(jetstream::consumer::pull::Config {
            ack_policy: jetstream::consumer::AckPolicy::None,
            ..Default::default()
        })
        .await?;
    let mut messages = consumer.messages().await?;
    while out.len() < total {
        let message = tokio::time::timeout(wait, messages.next())
            .await
            .map_err(|_| anyhow::anyhow!("{stream}: {} of {total} read", out.len()))?
            .ok_or_else(|| anyhow::anyhow!("{stream}: ended"))?
            .map_err(|e| anyhow::anyhow!("{stream}: {e}"))?;
        out.push(message.payload.clone());
    }
    Ok(out)
}
