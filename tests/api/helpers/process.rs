//! The real binary as a separate process, for what an in-process app cannot
//! show: a `kill -9`, a SIGTERM, the log it writes, a full disk. Talked to
//! over HTTP with identity headers from loopback (a trusted proxy by
//! default).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running `merkwaardig` process.
pub struct Server {
    child: Child,
    pub base: String,
    log: PathBuf,
    /// Removes the log file when it is a temporary one.
    _temporary_log: Option<tempfile::TempPath>,
}

/// A free TCP port on loopback.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An HTTP client that returns error statuses instead of failing on them,
/// and gives up on a request after a few seconds.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(15)))
        .build()
        .into()
}

/// The database a process test runs on: SQLite in the data folder (an empty
/// URL), or a fresh PostgreSQL database when `MERKWAARDIG_TEST_BACKEND` is
/// `postgres`; `None` (the test skips) when that server is not there.
pub fn database_url() -> Option<String> {
    match std::env::var("MERKWAARDIG_TEST_BACKEND").as_deref() {
        Ok("postgres") => rocket::tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(super::fresh_postgres_database()),
        _ => Some(String::new()),
    }
}

/// One request as this person (a manager when `manager`), with a JSON body
/// if any; `Ok((status, body))`, or `Err` when no whole answer came.
pub fn call(
    method: &str,
    url: &str,
    who: &str,
    manager: bool,
    body: Option<Value>,
) -> Result<(u16, Value), ()> {
    let mut request = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("X-Forwarded-User", who)
        .header("X-Forwarded-Groups", if manager { "managers" } else { "" });
    if body.is_some() {
        request = request.header("Content-Type", "application/json");
    }
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut response = agent().run(request.body(body).unwrap()).map_err(|_| ())?;
    let status = response.status().as_u16();
    // A connection cut while the body comes counts as no answer.
    let text = response.body_mut().read_to_string().map_err(|_| ())?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::Null)))
}

/// A GET as this person; the status and the JSON body (`null` if none).
pub fn get(url: &str, who: &str) -> (u16, Value) {
    let mut response = agent()
        .get(url)
        .header("X-Forwarded-User", who)
        .call()
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_json().unwrap_or(Value::Null),
    )
}

/// A fresh folder with the default values, and the database for this run;
/// `None` when that database is not here (the test then skips).
pub fn fresh() -> Option<(tempfile::TempDir, String)> {
    let tmp = tempfile::TempDir::new().unwrap();
    super::write_default_content(&tmp.path().join("content"));
    Some((tmp, database_url()?))
}

impl Server {
    /// Starts the binary on `dir`'s data and content folders and this
    /// database, with these extra settings (`ROCKET_…` variables), and waits
    /// until it answers. Its log goes to a temporary file outside the data
    /// folder, as an operator's logs do (a pipe nobody reads would fill up
    /// and stop it).
    pub fn start(dir: &Path, database_url: &str, settings: &[(&str, &str)]) -> Server {
        Self::start_logging_to(dir, database_url, settings, None)
    }

    /// [`Server::start`], with the log in this file when given.
    pub fn start_logging_to(
        dir: &Path,
        database_url: &str,
        settings: &[(&str, &str)],
        log: Option<PathBuf>,
    ) -> Server {
        let port = free_port();
        let (log, temporary) = match log {
            Some(log) => (log, None),
            None => {
                let temporary = tempfile::NamedTempFile::new().unwrap().into_temp_path();
                (temporary.to_path_buf(), Some(temporary))
            }
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_merkwaardig"));
        command
            .env("ROCKET_DATA_DIR", dir.join("data"))
            .env("ROCKET_CONTENT_DIR", dir.join("content"))
            .env("ROCKET_DATABASE_URL", database_url)
            .env("ROCKET_DEMO", "false")
            .env("ROCKET_PORT", port.to_string())
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap());
        for (key, value) in settings {
            command.env(format!("ROCKET_{}", key.to_uppercase()), value);
        }
        let child = command.spawn().expect("the binary starts");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
            _temporary_log: temporary,
        };
        server.wait_until_up();
        server
    }

    fn wait_until_up(&mut self) {
        let agent = agent();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("the service stopped ({status}):\n{}", self.log());
            }
            if agent
                .get(&format!("{}/healthz", self.base))
                .call()
                .is_ok_and(|r| r.status() == 200)
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "the service did not come up at {}:\n{}",
            self.base,
            self.log()
        );
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Everything the process has logged so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `kill -9`: no chance to finish anything.
    pub fn kill(mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }

    /// Sends a signal (`TERM`, `KILL`, …) without waiting.
    pub fn signal(&self, name: &str) {
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
    }

    /// Waits for the process to end by itself, at most `limit`.
    pub fn wait(&mut self, limit: Duration) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > limit {
                self.child.kill().ok();
                panic!("the service did not stop within {limit:?}:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
