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

/// The segments of the index in use, as its last commit lists them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Segments {
    pub count: usize,
    /// Documents in them, and how many of those are deleted (an edit
    /// deletes the story's old document; a merge drops deleted ones).
    pub docs: u64,
    pub deleted: u64,
}

pub fn segments(data: &Path) -> Segments {
    let meta = std::fs::read_to_string(index_dir(data).join("meta.json")).unwrap();
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    let list = meta["segments"].as_array().cloned().unwrap_or_default();
    Segments {
        count: list.len(),
        docs: list.iter().filter_map(|s| s["max_doc"].as_u64()).sum(),
        deleted: list
            .iter()
            .filter_map(|s| s["deletes"]["num_deleted_docs"].as_u64())
            .sum(),
    }
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
    stopped: bool,
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
            stopped: false,
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

    /// Waits until the indexer has applied every change so far (`/readyz`
    /// says how far behind it is).
    pub fn caught_up(&self) {
        let agent = agent();
        let started = Instant::now();
        loop {
            let behind = agent
                .get(format!("{}/readyz", self.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<serde_json::Value>().ok())
                .and_then(|b| b["index"]["behind"].as_i64());
            if behind == Some(0) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(600),
                "the index did not catch up: {behind:?} changes behind"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the service has been idle for a second (under 5% of a
    /// core): a merge the indexer's last commits started runs in the
    /// background and would be measured with whatever comes next.
    pub fn idle(&self) {
        // SAFETY: sysconf only reads a constant of the system.
        let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
        let cpu = || -> f64 {
            let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap();
            // After the command's name in brackets: utime and stime are the
            // 12th and 13th fields.
            let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..]
                .split_whitespace()
                .collect();
            (fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap()) / ticks
        };
        let started = Instant::now();
        let mut before = cpu();
        while started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_secs(1));
            let now = cpu();
            if now - before < 0.05 {
                return;
            }
            before = now;
        }
        eprintln!("the service did not become idle within 2 minutes");
    }

    /// "This inspired me" on random stories, so that the most inspiring
    /// order has something to sort by: `marks` marks by 500 people (10 each
    /// at most, within the hourly limit) over stories 1 to `stories`.
    pub fn mark_inspiring(&self, stories: usize, marks: usize) {
        let mut rng = fastrand::Rng::with_seed(crate::corpus::SEED);
        let picks: Vec<(usize, usize)> = (0..marks)
            .map(|n| (n % 500, rng.usize(1..=stories)))
            .collect();
        let marked = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for chunk in picks.chunks(marks.div_ceil(4).max(1)) {
                let marked = &marked;
                scope.spawn(move || {
                    let agent = agent();
                    for (person, story) in chunk {
                        let answer = agent
                            .put(format!("{}/api/v1/stories/{story}/inspired", self.base))
                            .header("X-Forwarded-User", format!("reader{person}"))
                            .send_empty();
                        if answer.is_ok_and(|a| a.status() == 200) {
                            marked.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        let marked = marked.into_inner();
        assert_eq!(marked, marks, "only {marked} of {marks} marks were taken");
    }

    /// Resident memory now and at its peak, in MB, and now split into the
    /// process's own (heap, stacks) and the files it maps (the index).
    pub fn memory(&self) -> Memory {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb = |key: &str| -> f64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.split_whitespace().next())
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        Memory {
            now: kb("VmRSS:") / 1024.0,
            peak: kb("VmHWM:") / 1024.0,
            anonymous: kb("RssAnon:") / 1024.0,
            files: kb("RssFile:") / 1024.0,
        }
    }
}

/// Resident memory of the service, in MB.
#[derive(Clone, Copy, Debug, Default)]
pub struct Memory {
    pub now: f64,
    /// The most it has been resident at once (`VmHWM`).
    pub peak: f64,
    /// Of `now`: the process's own memory (`RssAnon`), which the kernel can
    /// only take back by swapping.
    pub anonymous: f64,
    /// Of `now`: pages of mapped files (`RssFile`), mostly the index, which
    /// the kernel drops and reads again when memory is short.
    pub files: f64,
}

impl Memory {
    /// `421 MB (peak 430 MB; own 90 MB, mapped index files 331 MB)`
    pub fn describe(&self) -> String {
        format!(
            "{:.0} MB (peak {:.0} MB; own {:.0} MB, mapped index files {:.0} MB)",
            self.now, self.peak, self.anonymous, self.files
        )
    }
}

impl Server {
    /// Stops the service and starts it again on `data` (on another port):
    /// the new one can take the index's writer lock only once the old one
    /// has let go of it.
    pub fn restart(&mut self, data: &Path) {
        self.stop();
        *self = Server::start(data);
    }

    /// Ends the service as an operator would (`SIGTERM`), once.
    fn stop(&mut self) {
        if self.stopped {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        self.stopped = true;
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// The whole query set once more, one request at a time from this process,
/// each answer's own `took_ms` (the server's pipeline, from parsing the
/// query to the last snippet) beside the time the request took here: what
/// separates the pipeline in the server from the pipeline in-process, and
/// HTTP from the pipeline.
pub struct ServerSplit {
    /// Each request's time as this process saw it, sorted.
    pub request: Vec<std::time::Duration>,
    /// Each answer's `took_ms`, sorted.
    pub took: Vec<std::time::Duration>,
    /// The first twenty requests' times, in the order they were sent.
    pub first: Vec<std::time::Duration>,
    /// The whole pass, start to end.
    pub wall: std::time::Duration,
}

pub fn server_split(base: &str, paths: &[String]) -> ServerSplit {
    let agent = agent();
    let mut request = Vec::with_capacity(paths.len());
    let mut took = Vec::with_capacity(paths.len());
    let pass = std::time::Instant::now();
    for path in paths {
        let started = std::time::Instant::now();
        let mut answer = agent.get(format!("{base}{path}")).call().unwrap();
        let body: serde_json::Value = answer.body_mut().read_json().unwrap();
        request.push(started.elapsed());
        let ms = body["took_ms"].as_f64().expect("an answer with took_ms");
        took.push(std::time::Duration::from_secs_f64(ms / 1000.0));
    }
    let wall = pass.elapsed();
    let first = request.iter().take(20).copied().collect();
    request.sort();
    took.sort();
    ServerSplit {
        request,
        took,
        first,
        wall,
    }
}
