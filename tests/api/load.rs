//! Load: for a few seconds, people submit stories, a manager publishes them,
//! others mark what inspired them and search, all at once against the real
//! binary (SQLite, or PostgreSQL in CI's second run). Not one server error,
//! not one request without an answer, and never "database is locked" in the
//! log.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::json;

use crate::helpers::process::{self, Server, call};

const FOR: Duration = Duration::from_secs(6);

/// The answers each kind of request got: `kind → status → count`.
type Tally = Arc<Mutex<BTreeMap<&'static str, BTreeMap<String, u32>>>>;

fn count(tally: &Tally, kind: &'static str, answer: Result<(u16, serde_json::Value), ()>) {
    let key = match answer {
        Ok((status, _)) => status.to_string(),
        Err(()) => "no answer".to_owned(),
    };
    *tally
        .lock()
        .unwrap()
        .entry(kind)
        .or_default()
        .entry(key)
        .or_default() += 1;
}

/// Ids of published stories the searches and reactions work on.
fn published(server: &Server) -> Vec<i64> {
    let (status, body) = process::get(&server.url("/api/v1/stories?limit=100"), "lezer");
    assert_eq!(status, 200, "{body}");
    body["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn under_load_no_request_fails_and_the_database_is_never_locked() {
    let Some((tmp, database_url)) = process::fresh() else {
        return;
    };
    let server = Server::start(
        tmp.path(),
        &database_url,
        &[
            ("submissions_per_hour", "100000"),
            ("reactions_per_hour", "100000"),
            ("api_calls_per_minute", "100000"),
        ],
    );
    let base = server.base.clone();
    for n in 0..10 {
        let (status, story) = call(
            "POST",
            &format!("{base}/api/v1/stories"),
            "eerste",
            false,
            Some(json!({"title": format!("Begin {n}"), "body": "Een zonnepaneel op het dak van een klant.", "values": ["klantgericht"]})),
        )
        .unwrap();
        assert_eq!(status, 201);
        let id = story["id"].as_i64().unwrap();
        let url = format!("{base}/api/v1/stories/{id}/publish");
        assert_eq!(call("POST", &url, "mia", true, None).unwrap().0, 200);
    }
    let stories = Arc::new(published(&server));
    let tally: Tally = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    let mut spawn = |work: Box<dyn Fn(u64) + Send>| {
        let stop = stop.clone();
        threads.push(std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                work(n);
                n += 1;
            }
        }));
    };
    for writer in 0..3 {
        let (base, tally) = (base.clone(), tally.clone());
        spawn(Box::new(move |n| {
            let body = json!({"title": format!("Onder druk {writer}-{n}"), "body": "Een klant belde; we losten het samen op met een zonnepaneel.", "values": ["klantgericht", "samen-sterker"]});
            let who = format!("schrijver-{writer}");
            let answer = call(
                "POST",
                &format!("{base}/api/v1/stories"),
                &who,
                false,
                Some(body),
            );
            if let Ok((201, story)) = &answer {
                let id = story["id"].as_i64().unwrap();
                let url = format!("{base}/api/v1/stories/{id}/publish");
                count(&tally, "publish", call("POST", &url, "mia", true, None));
            }
            count(&tally, "submit", answer);
        }));
    }
    for reader in 0..2 {
        let (base, tally, stories) = (base.clone(), tally.clone(), stories.clone());
        spawn(Box::new(move |n| {
            let id = stories[n as usize % stories.len()];
            let who = format!("lezer-{reader}-{}", n / 2);
            let method = if n % 2 == 0 { "PUT" } else { "DELETE" };
            let url = format!("{base}/api/v1/stories/{id}/inspired");
            count(&tally, "inspired", call(method, &url, &who, false, None));
        }));
    }
    for searcher in 0..2 {
        let (base, tally) = (base.clone(), tally.clone());
        spawn(Box::new(move |n| {
            let (path, kind) = match (n + searcher) % 3 {
                0 => ("/api/v1/search?q=zonnepaneel", "search"),
                1 => ("/search?q=klant+samen", "search page"),
                _ => ("/values/klantgericht", "value page"),
            };
            let answer = call("GET", &format!("{base}{path}"), "zoeker", false, None);
            count(&tally, kind, answer);
        }));
    }
    std::thread::sleep(FOR);
    stop.store(true, Ordering::Relaxed);
    for thread in threads {
        thread.join().unwrap();
    }

    let tally = tally.lock().unwrap();
    let expected = [
        ("submit", "201"),
        ("publish", "200"),
        ("inspired", "200"),
        ("search", "200"),
        ("search page", "200"),
        ("value page", "200"),
    ];
    for (kind, answers) in tally.iter() {
        let good = expected
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, status)| *status)
            .unwrap();
        assert_eq!(
            answers.keys().collect::<Vec<_>>(),
            vec![good],
            "{kind}: {tally:#?}"
        );
    }
    for (kind, _) in expected {
        let done = tally.get(kind).and_then(|a| a.values().next()).copied();
        assert!(
            done.unwrap_or(0) >= 5,
            "too few {kind} requests: {tally:#?}"
        );
    }
    let log = server.log();
    assert!(!log.contains("database is locked"), "{log}");
    assert!(!log.contains(" ERROR "), "{log}");
    eprintln!("{tally:#?}");
}
