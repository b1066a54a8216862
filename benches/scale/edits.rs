//! 10,000 single-story edits against the real server (`PUT
//! /api/v1/stories/{id}`, each by the story's author, as the single sign-on
//! proxy would send it), then what they left: the index's segments and the
//! whole query set's HTTP p95, against the same right before. Measured
//! again after one edit more (the searcher then holds the merged segments)
//! and after a restart on the same index (whatever the writes left in the
//! process, rather than in the index, is gone then).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use serde_json::json;

use crate::corpus;
use crate::load::{self, Load};
use crate::ours::{self, Segments, Server};

pub const EDITS: usize = 10_000;
/// Clients sending the edits at once.
pub const EDITORS: usize = 4;

pub struct Edits {
    pub edits: usize,
    /// Answers other than `200`.
    pub errors: usize,
    pub seconds: f64,
    /// The segments once the indexer had applied the last edit (before the
    /// merges that started were done).
    pub segments_caught_up: Segments,
    /// The whole query set through HTTP (1 connection), with the service
    /// idle, in each [`State`]: before the edits first, right after them
    /// second, the one the target is judged on.
    pub states: Vec<(State, Segments, Load)>,
    /// Resident memory of the service after the edits and its peak (MB).
    pub memory: crate::ours::Memory,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Before,
    After,
    /// After one edit more. The service once reloaded its searcher after
    /// its own commits only, so merged segments were searched from the next
    /// change on; it now also reloads when a merge rewrites `meta.json`, and
    /// this state shows the two agree.
    OneMore,
    /// The service started again on the same index.
    Restarted,
}

impl State {
    pub fn name(self) -> &'static str {
        match self {
            State::Before => "before the edits",
            State::After => "right after them",
            State::OneMore => "after one edit more",
            State::Restarted => "the service restarted, same index",
        }
    }
}

pub fn run(dir: &Path, file: &Path, data: &Path, server: &mut Server, paths: &[String]) -> Edits {
    // The stories of the corpus's first 10,000 lines (shared by every
    // size; story `n` has id `n + 1`), drawn at random, some more than once.
    let stories: Vec<corpus::Story> = corpus::read(file).take(10_000).collect();
    let mut rng = fastrand::Rng::with_seed(corpus::SEED);
    let picks: Vec<usize> = (0..EDITS).map(|_| rng.usize(0..stories.len())).collect();

    // The whole set through HTTP with the service idle (merges done).
    let measure = |server: &Server| -> (Segments, Load) {
        server.idle();
        let load = load::run(dir, &server.base, paths, None, 1, 8);
        (ours::segments(data), load)
    };
    let mut states = Vec::new();
    let (segments, load) = measure(server);
    states.push((State::Before, segments, load));
    let next = AtomicUsize::new(0);
    let errors = AtomicUsize::new(0);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..EDITORS {
            scope.spawn(|| {
                let agent = ours::agent();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&n) = picks.get(k) else { break };
                    if !edit(&agent, &server.base, &stories[n], n + 1, k) {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();
    server.caught_up();
    let segments_caught_up = ours::segments(data);
    let (segments, load) = measure(server);
    states.push((State::After, segments, load));
    if !edit(&ours::agent(), &server.base, &stories[0], 1, EDITS) {
        errors.fetch_add(1, Ordering::Relaxed);
    }
    server.caught_up();
    let (segments, load) = measure(server);
    states.push((State::OneMore, segments, load));
    let memory = server.memory();
    // Whatever the writes left in the process (rather than in the index)
    // is gone after a restart; every query once first, as at the start.
    server.restart(data);
    load::run(dir, &server.base, paths, None, 1, 2);
    let (segments, load) = measure(server);
    states.push((State::Restarted, segments, load));
    Edits {
        edits: EDITS,
        errors: errors.into_inner(),
        seconds,
        segments_caught_up,
        states,
        memory,
    }
}

impl Edits {
    /// The whole set's HTTP p95 in `state`.
    pub fn p95(&self, state: State) -> f64 {
        self.states
            .iter()
            .find(|(s, _, _)| *s == state)
            .map_or(0.0, |(_, _, load)| load.p95_ms)
    }

    /// The segments before the edits.
    pub fn segments_before(&self) -> usize {
        self.states
            .iter()
            .find(|(s, _, _)| *s == State::Before)
            .map_or(0, |(_, segments, _)| segments.count)
    }

    /// The most segments the index had at any point measured after the
    /// edits.
    pub fn most_segments(&self) -> usize {
        self.states
            .iter()
            .filter(|(s, _, _)| *s != State::Before)
            .map(|(_, segments, _)| segments.count)
            .chain([self.segments_caught_up.count])
            .max()
            .unwrap_or(0)
    }
}

/// Edit `k`: story `id` by its author, the same with one sentence more, so
/// that its text (and what the queries find) stays nearly the same. Whether
/// the service took it.
fn edit(agent: &ureq::Agent, base: &str, story: &corpus::Story, id: usize, k: usize) -> bool {
    let edit = json!({
        "title": story.title,
        "body": format!("{}\n\nBewerkt ({k}).", story.body),
        "values": story.values,
        "audience": story.audience,
        "team": story.team,
        "lang": story.lang,
    });
    agent
        .put(format!("{base}/api/v1/stories/{id}"))
        .header("X-Forwarded-User", &story.author.id)
        .send_json(&edit)
        .is_ok_and(|a| a.status() == 200)
}
