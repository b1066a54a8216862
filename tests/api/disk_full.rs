//! A full disk: the data folder on a small file system (a `tmpfs` of a few
//! megabytes, mounted by the test where it may — it needs root — else the
//! test says it skipped). While it is full, a change is either saved whole
//! or refused with `503` and a message that says why; nothing half-saved,
//! no panic, even with the log on the same disk. Once space is freed the service and its indexer carry on by
//! themselves.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::process::{self, Server, call};

/// A `tmpfs` mounted for the test's life.
struct Mount(tempfile::TempDir);

impl Mount {
    fn new(megabytes: u32) -> Option<Mount> {
        let dir = tempfile::TempDir::new().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(Mount(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        std::process::Command::new("umount")
            .arg("-l")
            .arg(self.0.path())
            .status()
            .ok();
    }
}

/// Fills the file system with one file until not a byte more fits.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    for size in [1 << 20, 4096, 1] {
        let chunk = vec![0u8; size];
        while file.write_all(&chunk).is_ok() {}
    }
    file.sync_all().ok();
    path
}

fn submit(server: &Server, n: usize) -> (u16, serde_json::Value) {
    // Large enough that saving one needs new pages, not only reused ones.
    let body = format!(
        "Een verhaal over een zonnepaneel. {}",
        "Nog meer woorden. ".repeat(500)
    );
    call(
        "POST",
        &server.url("/api/v1/stories"),
        "anna",
        false,
        Some(json!({"title": format!("Op een volle schijf {n}"), "body": body, "values": ["klantgericht"]})),
    )
    .expect("an answer, even with a full disk")
}

/// Waits until the search finds this many stories.
fn found_within(server: &Server, expected: usize, limit: Duration) {
    let started = Instant::now();
    loop {
        let (_, found) = process::get(
            &server.url("/api/v1/search?q=zonnepaneel&limit=50"),
            "lezer",
        );
        if found["total"].as_u64() == Some(expected as u64) {
            return;
        }
        assert!(
            started.elapsed() < limit,
            "the index did not follow: {found}\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_full_disk_refuses_changes_cleanly_and_the_service_resumes_when_space_is_freed() {
    if std::env::var("MERKWAARDIG_TEST_BACKEND").as_deref() == Ok("postgres") {
        // The database is on the PostgreSQL server's disk, not the data
        // folder's; this test is about the data folder.
        eprintln!("skipped: the full-disk test runs on SQLite");
        return;
    }
    let Some(mount) = Mount::new(24) else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    crate::helpers::write_default_content(&mount.path().join("content"));
    // The log on the same disk: writing it fails too, which must not fail
    // a request.
    let server = Server::start_logging_to(
        mount.path(),
        "",
        &[("moderation", "post"), ("submissions_per_hour", "100000")],
        Some(mount.path().join("log.txt")),
    );
    assert_eq!(submit(&server, 0).0, 201);
    let filler = fill(mount.path());

    let mut saved = vec![];
    let mut refused = None;
    for n in 1..=40 {
        match submit(&server, n) {
            (201, story) => saved.push(story["id"].as_i64().unwrap()),
            (503, body) => {
                refused = Some(body);
                break;
            }
            (status, body) => panic!("submission {n}: {status} {body}\n{}", server.log()),
        }
    }
    let refused =
        refused.unwrap_or_else(|| panic!("the full disk never refused:\n{}", server.log()));
    assert_eq!(refused["code"], "error-disk-full", "{refused}");
    assert!(refused["error"].as_str().unwrap().contains("disk is full"));
    // Refused again and again, quickly: no refusal leaves the database
    // locked for the next.
    for n in 50..55 {
        let started = Instant::now();
        let (status, body) = submit(&server, n);
        assert_eq!(status, 503, "{body}");
        assert!(started.elapsed() < Duration::from_secs(2), "{body}");
    }
    // The form keeps the story, and says why it was not saved.
    let body = "Een+klant+belde+over+haar+zonnepaneel.+".repeat(300);
    let mut page = process::agent()
        .post(&server.url("/stories"))
        .header("X-Forwarded-User", "anna")
        .header("Accept-Language", "en")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(format!(
            "title=Nog+niet+bewaard&body={body}&values=klantgericht&intent=submit"
        ))
        .unwrap();
    assert_eq!(page.status().as_u16(), 503, "{}", server.log());
    let html = page.body_mut().read_to_string().unwrap();
    assert!(html.contains("value=\"Nog niet bewaard\""), "{html}");
    assert!(html.contains("Een klant belde over haar zonnepaneel."));
    assert!(html.contains("disk is full"), "{html}");
    // Reading still works.
    assert_eq!(process::get(&server.url("/api/v1/stories"), "lezer").0, 200);

    std::fs::remove_file(filler).unwrap();
    // Nothing half-saved: the author has exactly the acknowledged stories.
    let (_, mine) = process::get(&server.url("/api/v1/me/stories"), "anna");
    assert_eq!(mine["stories"].as_array().unwrap().len(), saved.len() + 1);

    // Space is back: writes succeed and the index follows by itself.
    let (status, story) = submit(&server, 99);
    assert_eq!(status, 201, "{story}\n{}", server.log());
    found_within(&server, saved.len() + 2, Duration::from_secs(30));
    assert!(!server.log().contains("panicked at"), "{}", server.log());
}

/// On PostgreSQL the data folder holds only the search index: with its disk
/// full, stories are still saved, the replica says it is not ready while its
/// index cannot follow, and once space is freed the index catches up by
/// itself — nothing is lost.
#[test]
fn a_full_index_disk_delays_search_and_loses_nothing() {
    if std::env::var("MERKWAARDIG_TEST_BACKEND").as_deref() != Ok("postgres") {
        eprintln!("skipped: with SQLite the database shares the data folder (the test above)");
        return;
    }
    let Some(database_url) = process::database_url() else {
        return;
    };
    let Some(mount) = Mount::new(24) else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    crate::helpers::write_default_content(&mount.path().join("content"));
    let server = Server::start(
        mount.path(),
        &database_url,
        &[
            ("moderation", "post"),
            ("submissions_per_hour", "100000"),
            ("ready_max_index_lag_seconds", "1"),
        ],
    );
    assert_eq!(submit(&server, 0).0, 201);
    found_within(&server, 1, Duration::from_secs(10));
    let filler = fill(mount.path());

    for n in 1..=5 {
        let (status, body) = submit(&server, n);
        assert_eq!(status, 201, "{body}\n{}", server.log());
    }
    // The index cannot write: the replica says so to its load balancer.
    let started = Instant::now();
    while process::get(&server.url("/readyz"), "lezer").0 != 503 {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still ready with an index that cannot follow:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    std::fs::remove_file(filler).unwrap();
    found_within(&server, 6, Duration::from_secs(30));
    let started = Instant::now();
    while process::get(&server.url("/readyz"), "lezer").0 != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "not ready again"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!server.log().contains("panicked at"), "{}", server.log());
}
