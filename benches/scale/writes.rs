//! Writes against the real server, through the JSON API as people and
//! programs send them (`X-Forwarded-User` is the single sign-on header the
//! service believes from loopback; moderation is `post`, so a submitted
//! story is published at once):
//!
//! - **Edits** ([`crate::edits`]): 10,000 single-story edits, then the
//!   index's segments and the whole query set's p95 through HTTP.
//! - **Freshness**: stories submitted at a steady 50 a second for 20 s,
//!   each with a made-up word of its own, polled for in `/api/v1/search`
//!   until found: the time from the `201` until the story can be found.
//! - **Durable writes**: `wrk` with 32 connections submitting stories for
//!   10 s; afterwards the database must hold one more story for every `201`.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::edits::{self, EDITS, Edits};
use crate::load::{self, Load};
use crate::ours::{self, Server};

pub const FRESH_PER_SECOND: u32 = 50;
const FRESH_SECONDS: u32 = 20;
/// How often a story not found yet is searched for, at most.
pub const POLL: Duration = Duration::from_millis(10);
/// A story not found after this long counts as never found.
const GIVE_UP: Duration = Duration::from_secs(10);
pub const WRITERS: u32 = 32;
const WRITE_SECONDS: u32 = 10;

pub struct Freshness {
    pub submitted: usize,
    /// Submissions per second actually reached.
    pub rate: f64,
    /// From each `201` until a search found the story, sorted.
    pub latencies: Vec<Duration>,
    /// Submissions answered with anything but `201`.
    pub refused: usize,
    /// Stories not found within [`GIVE_UP`].
    pub lost: usize,
}

pub struct Durable {
    pub load: Load,
    /// Stories in the database before and after.
    pub stories_before: u64,
    pub stories_after: u64,
    /// What a search for the word every one of them holds finds, once the
    /// indexer has caught up.
    pub searchable: u64,
}

impl Durable {
    /// Answers that were `201`: wrk counts every answer as a request and
    /// any other status as an error.
    pub fn acknowledged(&self) -> u64 {
        self.load.requests.saturating_sub(self.load.errors)
    }

    /// Every acknowledged story is in the database, and nothing beyond the
    /// requests still in flight when wrk stopped (the service finishes
    /// those, wrk no longer counts them).
    pub fn durable(&self) -> bool {
        let grown = self.stories_after - self.stories_before;
        let acknowledged = self.acknowledged();
        grown >= acknowledged && grown <= acknowledged + u64::from(WRITERS)
    }
}

pub struct Writes {
    pub edits: Edits,
    pub freshness: Freshness,
    pub durable: Durable,
}

/// All three, in this order: the edits first, on the index as imported.
/// `server` is started again on the way (see [`edits::State::Restarted`]).
pub fn run(
    dir: &Path,
    corpus: &Path,
    data: &Path,
    server: &mut Server,
    paths: &[String],
) -> Writes {
    let size = stories_in(data);
    eprintln!("{size} stories: {EDITS} edits");
    let edits = edits::run(dir, corpus, data, server, paths);
    eprintln!("{size} stories: freshness, {FRESH_PER_SECOND} submissions/s");
    let freshness = freshness(server);
    eprintln!("{size} stories: {WRITERS} writers");
    let durable = durable(dir, data, server);
    Writes {
        edits,
        freshness,
        durable,
    }
}

/// A word in neither language, one per story: `qzv` and `n` in four letters.
fn made_up(n: usize) -> String {
    let mut word = String::from("qzv");
    for place in (0..4).rev() {
        word.push((b'a' + (n / 26usize.pow(place) % 26) as u8) as char);
    }
    word.push('x');
    word
}

fn freshness(server: &Server) -> Freshness {
    let total = (FRESH_PER_SECOND * FRESH_SECONDS) as usize;
    let interval = Duration::from_secs(1) / FRESH_PER_SECOND;
    // The submitter hands each published story to the poller: (id, word,
    // when the `201` came).
    let (sent, published) = mpsc::channel::<(u64, String, Instant)>();
    let base = server.base.clone();
    let submitter = std::thread::spawn(move || {
        let agent = ours::agent();
        let started = Instant::now();
        let mut refused = 0;
        for n in 0..total {
            let due = started + interval * n as u32;
            std::thread::sleep(due.saturating_duration_since(Instant::now()));
            let word = made_up(n);
            let story = json!({
                "title": format!("Verse melding {n}"),
                "body": format!("Een verhaal over {word} en de klant die snel geholpen werd."),
                "values": ["klantgericht"],
                "lang": "nl",
            });
            let answer = agent
                .post(format!("{base}/api/v1/stories"))
                .header("X-Forwarded-User", format!("fresh{}", n % 100))
                .send_json(&story);
            let acknowledged = Instant::now();
            let body: Option<Value> = answer.ok().and_then(|mut a| {
                (a.status() == 201)
                    .then(|| a.body_mut().read_json().ok())
                    .flatten()
            });
            // Post-moderation: published at once, or the test means nothing.
            match body {
                Some(b) if b["status"] == "published" => {
                    let id = b["id"].as_u64().expect("the story's id");
                    sent.send((id, word, acknowledged)).unwrap();
                }
                _ => refused += 1,
            }
        }
        (refused, total as f64 / started.elapsed().as_secs_f64())
    });

    let agent = ours::agent();
    let mut pending: Vec<(u64, String, Instant)> = Vec::new();
    let mut latencies = Vec::new();
    let mut lost = 0;
    let mut submitting = true;
    while submitting || !pending.is_empty() {
        let cycle = Instant::now();
        loop {
            match published.try_recv() {
                Ok(story) => pending.push(story),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    submitting = false;
                    break;
                }
            }
        }
        pending.retain(|(id, word, acknowledged)| {
            if found(&agent, &server.base, *id, word) {
                latencies.push(acknowledged.elapsed());
                return false;
            }
            if acknowledged.elapsed() > GIVE_UP {
                lost += 1;
                return false;
            }
            true
        });
        std::thread::sleep(POLL.saturating_sub(cycle.elapsed()));
    }
    let (refused, rate) = submitter.join().unwrap();
    latencies.sort();
    Freshness {
        submitted: total,
        rate,
        latencies,
        refused,
        lost,
    }
}

/// Whether a search for `word` finds story `id`, exactly (a typo-tolerant
/// match of another story's word does not count).
fn found(agent: &ureq::Agent, base: &str, id: u64, word: &str) -> bool {
    let Ok(mut answer) = agent
        .get(format!("{base}/api/v1/search?q={word}%20"))
        .call()
    else {
        return false;
    };
    let Ok(body) = answer.body_mut().read_json::<Value>() else {
        return false;
    };
    body["fuzzy"] == false
        && body["hits"]
            .as_array()
            .is_some_and(|hits| hits.iter().any(|h| h["id"].as_u64() == Some(id)))
}

fn durable(dir: &Path, data: &Path, server: &Server) -> Durable {
    // One body for every request (wrk sends the same file); the word in it
    // finds them all afterwards. Each request is another person (load.rs).
    const WORD: &str = "qzvduurzaamx";
    let story = json!({
        "title": "Een nieuw verhaal onder belasting",
        "body": format!("De klant werd geholpen door {WORD} en het team dat snel reageerde."),
        "values": ["samen-sterker"],
        "lang": "nl",
    })
    .to_string();
    let stories_before = stories_in(data) as u64;
    let load = load::run(
        dir,
        &server.base,
        &["/api/v1/stories".to_owned()],
        Some(&story),
        WRITERS,
        WRITE_SECONDS,
    );
    // The requests wrk left in flight finish (or not) in the service.
    std::thread::sleep(Duration::from_secs(1));
    let stories_after = stories_in(data) as u64;
    server.caught_up();
    let searchable = ours::agent()
        .get(format!("{}/api/v1/search?q={WORD}%20", server.base))
        .call()
        .ok()
        .and_then(|mut a| a.body_mut().read_json::<Value>().ok())
        .and_then(|b| b["total"].as_u64())
        .unwrap_or(0);
    Durable {
        load,
        stories_before,
        stories_after,
        searchable,
    }
}

/// Stories in the service's database, counted in the database itself.
fn stories_in(data: &Path) -> usize {
    let db = rusqlite::Connection::open_with_flags(
        data.join("merkwaardig.db"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("the service's database opens");
    let count: i64 = db
        .query_row("SELECT count(*) FROM stories", [], |row| row.get(0))
        .expect("stories are counted");
    count as usize
}
