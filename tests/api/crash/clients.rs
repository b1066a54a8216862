//! The crash test's clients and what they know: each works on its own
//! stories, one request after another, and keeps what the service
//! acknowledged and what it may have done without answering.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value, json};

use super::{WORD, WORKERS};
use crate::helpers::process::{Server, call, get};

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub title: String,
    pub body: String,
    pub status: String,
}

/// What a story is known to be, and what it may have become through
/// requests whose answer never came.
pub struct Tracked {
    pub author: String,
    pub acked: State,
    pub maybe: Vec<State>,
}

#[derive(Default)]
pub struct Model {
    pub stories: BTreeMap<i64, Tracked>,
    /// Submissions without an answer: `(author, title, body)`.
    pub unanswered: Vec<(String, String, String)>,
    /// Answers that should never come: server errors, refusals.
    pub wrong: Vec<String>,
}

fn author(worker: usize) -> String {
    format!("schrijver-{worker}")
}

fn state_of(story: &Value) -> State {
    State {
        title: story["title"].as_str().unwrap().to_owned(),
        body: story["body"].as_str().unwrap().to_owned(),
        status: story["status"].as_str().unwrap().to_owned(),
    }
}

/// One client's work until `stop`: on its own stories only, so each
/// story's requests come one after another and the model stays exact.
pub fn work(base: &str, model: &Mutex<Model>, stop: &AtomicBool, worker: usize, round: u64) {
    let mut rng = fastrand::Rng::with_seed(round * 100 + worker as u64);
    let me = author(worker);
    let mut n = 0;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        // A story of mine in a settled state, if any.
        let candidates: Vec<(i64, State)> = {
            let model = model.lock().unwrap();
            model
                .stories
                .iter()
                .filter(|(_, t)| t.author == me && t.maybe.is_empty())
                .filter(|(_, t)| t.acked.status == "pending" || t.acked.status == "published")
                .map(|(id, t)| (*id, t.acked.clone()))
                .collect()
        };
        let pick =
            (!candidates.is_empty()).then(|| candidates[rng.usize(..candidates.len())].clone());
        let (id, mut next, answer) = match (rng.u8(..100), pick) {
            (0..40, _) | (_, None) => {
                let title = format!("Verhaal {round}-{worker}-{n}");
                let body =
                    format!("Een {WORD} in ronde {round}, door schrijver {worker}, nummer {n}.");
                let answer = call(
                    "POST",
                    &format!("{base}/api/v1/stories"),
                    &me,
                    false,
                    Some(json!({"title": title, "body": body, "values": ["klantgericht"]})),
                );
                let mut model = model.lock().unwrap();
                match answer {
                    Ok((201, story)) => {
                        let id = story["id"].as_i64().unwrap();
                        let acked = state_of(&story);
                        model.stories.insert(
                            id,
                            Tracked {
                                author: me.clone(),
                                acked,
                                maybe: vec![],
                            },
                        );
                    }
                    Ok((status, body)) => model.wrong.push(format!("submit: {status} {body}")),
                    Err(()) => model.unanswered.push((me.clone(), title, body)),
                }
                continue;
            }
            (40..60, Some((id, state))) => {
                // The title as first written, and this edit: a title that
                // grew with every edit would pass the 120 characters allowed.
                let first = state.title.split(" (bewerkt").next().unwrap_or_default();
                let next = State {
                    title: format!("{first} (bewerkt {round}-{n})"),
                    body: format!("{} Bewerkt in ronde {round}.", state.body),
                    status: String::new(),
                };
                let answer = call(
                    "PUT",
                    &format!("{base}/api/v1/stories/{id}"),
                    &me,
                    false,
                    Some(
                        json!({"title": next.title, "body": next.body, "values": ["klantgericht"]}),
                    ),
                );
                (id, next, answer)
            }
            (60..85, Some((id, state))) if state.status == "pending" => {
                let answer = call(
                    "POST",
                    &format!("{base}/api/v1/stories/{id}/publish"),
                    "mia",
                    true,
                    None,
                );
                (
                    id,
                    State {
                        status: "published".into(),
                        ..state
                    },
                    answer,
                )
            }
            (_, Some((id, state))) => {
                let answer = call(
                    "DELETE",
                    &format!("{base}/api/v1/stories/{id}"),
                    &me,
                    false,
                    None,
                );
                (
                    id,
                    State {
                        status: "withdrawn".into(),
                        ..state
                    },
                    answer,
                )
            }
        };
        let mut model = model.lock().unwrap();
        let tracked = model.stories.get_mut(&id).unwrap();
        match answer {
            Ok((200, story)) => tracked.acked = state_of(&story),
            Ok((204, _)) => tracked.acked = next,
            Ok((status, body)) => {
                let message = format!("story {id} to {next:?}: {status} {body}");
                model.wrong.push(message);
            }
            Err(()) => {
                // An edit's status is the service's to choose.
                if next.status.is_empty() {
                    for status in ["pending", "published"] {
                        next.status = status.into();
                        tracked.maybe.push(next.clone());
                    }
                } else {
                    tracked.maybe.push(next);
                }
            }
        }
    }
}

/// Compares what the database holds with the model, and adopts it.
pub fn reconcile(server: &Server, model: &mut Model) {
    for worker in 0..WORKERS {
        let me = author(worker);
        let (status, body) = get(&server.url("/api/v1/me/stories"), &me);
        assert_eq!(status, 200, "{body}");
        let mut actual: BTreeMap<i64, State> = body["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|story| (story["id"].as_i64().unwrap(), state_of(story)))
            .collect();
        for (id, tracked) in model.stories.iter_mut().filter(|(_, t)| t.author == me) {
            // The list holds an author's 500 most recently changed stories;
            // a fast run writes more, so an older one is asked for by id.
            let found = actual.remove(id).unwrap_or_else(|| {
                let (status, story) = get(&server.url(&format!("/api/v1/stories/{id}")), &me);
                assert_eq!(status, 200, "acknowledged story {id} is gone: {story}");
                state_of(&story)
            });
            assert!(
                found == tracked.acked || tracked.maybe.contains(&found),
                "story {id}: acknowledged {:?}, unanswered {:?}, found {found:?}",
                tracked.acked,
                tracked.maybe
            );
            tracked.acked = found;
            tracked.maybe.clear();
        }
        // Stories the model does not know: submissions whose answer was lost.
        for (id, found) in actual {
            let position = model
                .unanswered
                .iter()
                .position(|(who, title, body)| {
                    *who == me && *title == found.title && *body == found.body
                })
                .unwrap_or_else(|| panic!("story {id} was never submitted: {found:?}"));
            model.unanswered.remove(position);
            assert_eq!(found.status, "pending");
            model.stories.insert(
                id,
                Tracked {
                    author: me.clone(),
                    acked: found,
                    maybe: vec![],
                },
            );
        }
    }
    model.unanswered.clear();
}
