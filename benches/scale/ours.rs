//! Merkwaardig as an operator runs it: the real binary, for the import, the
//! reindex and the server that `wrk` loads; and the application built
//! in-process, for the search pipeline without HTTP.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_merkwaardig");

/// The settings every run uses, as `ROCKET_…` variables: this data folder,
/// the example content's values, no demo stories, quiet logs.
fn configured(data: &Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env("ROCKET_DATA_DIR", data)
        .env(
            "ROCKET_CONTENT_DIR",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        )
        .env("ROCKET_DEMO", "false")
        .env("ROCKET_MODERATION", "post")
        .env("RUST_LOG", "warn");
    command
}

/// `merkwaardig import FILE` into a fresh data folder; its wall time.
pub fn import(data: &Path, file: &Path) -> Duration {
    let _ = std::fs::remove_dir_all(data);
    std::fs::create_dir_all(data).unwrap();
    let started = Instant::now();
    let status = configured(data)
        .arg("import")
        .arg(file)
        .stdout(Stdio::null())
        .status()
        .expect("merkwaardig import runs");
    assert!(status.success(), "merkwaardig import failed: {status}");
    started.elapsed()
}

/// `merkwaardig reindex`: the whole index again from the database.
pub fn reindex(data: &Path) -> Duration {
    let started = Instant::now();
    let status = configured(data)
        .arg("reindex")
        .stdout(Stdio::null())
        .status()
        .expect("merkwaardig reindex runs");
    assert!(status.success(), "merkwaardig reindex failed: {status}");
    started.elapsed()
}

/// The index folder in use and its size on disk.
pub fn index_bytes(data: &Path) -> u64 {
    folder_bytes(&index_dir(data))
}

pub fn index_dir(data: &Path) -> PathBuf {
    let root = data.join("search");
    let current = std::fs::read_to_string(root.join("CURRENT")).unwrap();
    root.join(current.trim())
}

pub fn folder_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => folder_bytes(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// The service, running.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    pub fn start(data: &Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = configured(data)
            .env("ROCKET_PORT", port.to_string())
            // The write benchmark's 32 clients are one person each; the
            // limit is not what is measured.
            .env("ROCKET_SUBMISSIONS_PER_HOUR", "1000000")
            .stdout(Stdio::null())
            // wrk ends its connections mid-request when its time is up:
            // the service logs that, and it is not news.
            .stderr(Stdio::null())
            .spawn()
            .expect("the service starts");
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let agent = agent();
        let started = Instant::now();
        while agent
            .get(format!("{}/readyz", server.base))
            .call()
            .map_or(true, |r| r.status() != 200)
        {
            assert!(
                started.elapsed() < Duration::from_secs(600),
                "the service did not become ready"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// Resident memory now and at its peak, in MB.
    pub fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        (kb("VmRSS:") / 1024.0, kb("VmHWM:") / 1024.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}
