//! Crash safety: three clients submit, edit, publish and withdraw stories
//! against the real binary while a second process prunes the change log;
//! both are killed with `kill -9` at a random moment, twenty rounds. After
//! each restart every acknowledged change is in the database exactly as
//! acknowledged (a change whose answer never came may or may not be there),
//! the change log is whole below its pruning mark, and once the indexer has
//! settled the search finds exactly the published stories.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::helpers::process::{self, Server, get};

mod clients;

use clients::{Model, reconcile, work};

const ROUNDS: u64 = 20;
const WORKERS: usize = 3;
/// In every story's body: the search for it finds them all.
const WORD: &str = "vuurtoren";
/// The pruning process keeps the rows of the last seconds, as the service
/// keeps those of the last days: the indexer is usually past them.
const PRUNE_KEEP: Duration = Duration::from_secs(2);

/// Every story the search finds for the word all bodies share.
fn searchable(server: &Server) -> Vec<i64> {
    let mut ids = Vec::new();
    for offset in (0..=1000).step_by(50) {
        let (status, body) = get(
            &server.url(&format!("/api/v1/search?q={WORD}&limit=50&offset={offset}")),
            "lezer",
        );
        assert_eq!(status, 200, "{body}");
        let hits = body["hits"].as_array().unwrap();
        ids.extend(hits.iter().map(|hit| hit["id"].as_i64().unwrap()));
        if hits.len() < 50 {
            break;
        }
    }
    ids.sort();
    ids
}

/// Waits until the search finds exactly the published stories.
fn index_settles(server: &Server, model: &Model) {
    let published: Vec<i64> = model
        .stories
        .iter()
        .filter(|(_, t)| t.acked.status == "published")
        .map(|(id, _)| *id)
        .collect();
    let started = Instant::now();
    let mut found = searchable(server);
    while found != published && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(100));
        found = searchable(server);
    }
    assert_eq!(found, published, "the index after {:?}", started.elapsed());
}

/// No row of the change log at or below the pruning mark survives: a
/// pruning killed halfway left either all of its work or none. Returns the
/// mark.
fn log_is_whole(database_url: &str, dir: &std::path::Path) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let settings = settings(database_url, dir);
    rocket::tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = merkwaardig::db::connect(&settings).await.unwrap();
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM search_changes WHERE id <= \
                 (SELECT COALESCE(MAX(value), 0) FROM search_log_marks WHERE name = 'pruned_through')",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.try_get::<i64>("", "n").unwrap(), 0, "rows below the mark");
        let mark = merkwaardig::db::change_log::pruned_through(&db).await.unwrap();
        db.close().await.ok();
        mark
    })
}

fn settings(database_url: &str, dir: &std::path::Path) -> merkwaardig::config::Settings {
    let figment = merkwaardig::figment()
        .merge(("data_dir", dir.join("data")))
        .merge(("content_dir", dir.join("content")))
        .merge(("database_url", database_url));
    merkwaardig::config::Settings::from_figment(&figment).unwrap()
}

/// The second process: this test binary again, running only [`pruner`].
fn start_pruner(database_url: &str, dir: &std::path::Path) -> std::process::Child {
    std::process::Command::new(std::env::current_exe().unwrap())
        .args(["crash::pruner", "--exact", "--ignored", "--quiet"])
        .env("MERKWAARDIG_PRUNER_DIR", dir)
        .env("MERKWAARDIG_PRUNER_URL", database_url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Not a test of its own: the pruning process [`start_pruner`] starts,
/// pruning the change log as the service does, as often as it can.
#[test]
#[ignore = "the crash test's pruning process"]
fn pruner() {
    let (Some(dir), Some(url)) = (
        std::env::var_os("MERKWAARDIG_PRUNER_DIR"),
        std::env::var_os("MERKWAARDIG_PRUNER_URL"),
    ) else {
        return;
    };
    let settings = settings(url.to_str().unwrap(), std::path::Path::new(&dir));
    rocket::tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(async {
            let db = merkwaardig::db::connect(&settings).await.unwrap();
            loop {
                let before = chrono::Utc::now() - chrono::Duration::from_std(PRUNE_KEEP).unwrap();
                merkwaardig::db::change_log::prune(&db, before).await.ok();
                rocket::tokio::time::sleep(Duration::from_millis(5)).await;
            }
        });
}

#[test]
fn nothing_acknowledged_is_lost_when_the_process_is_killed() {
    let Some((tmp, database_url)) = process::fresh() else {
        return;
    };
    let limits = [
        ("submissions_per_hour", "100000"),
        ("api_calls_per_minute", "100000"),
    ];
    let mut model = Model::default();
    let mut rng = fastrand::Rng::with_seed(16);
    // Requests the kill cut off: without them the test would prove little.
    let mut cut_off = 0;
    let mut pruned_through = 0;
    for round in 0..ROUNDS {
        let server = Server::start(tmp.path(), &database_url, &limits);
        let mut pruner = start_pruner(&database_url, tmp.path());
        let shared = Arc::new(Mutex::new(std::mem::take(&mut model)));
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let (base, shared, stop) = (server.base.clone(), shared.clone(), stop.clone());
                std::thread::spawn(move || work(&base, &shared, &stop, worker, round))
            })
            .collect();
        std::thread::sleep(Duration::from_millis(rng.u64(200..900)));
        pruner.kill().ok();
        server.kill();
        stop.store(true, Ordering::Relaxed);
        for worker in workers {
            worker.join().unwrap();
        }
        pruner.wait().ok();
        model = Arc::try_unwrap(shared).ok().unwrap().into_inner().unwrap();
        assert!(model.wrong.is_empty(), "round {round}: {:#?}", model.wrong);
        cut_off += model.unanswered.len()
            + model
                .stories
                .values()
                .filter(|t| !t.maybe.is_empty())
                .count();

        pruned_through = log_is_whole(&database_url, tmp.path());
        let server = Server::start(tmp.path(), &database_url, &limits);
        reconcile(&server, &mut model);
        index_settles(&server, &model);
        server.kill();
    }
    let published = model
        .stories
        .values()
        .filter(|t| t.acked.status == "published")
        .count();
    assert!(
        published >= 20,
        "the rounds published only {published} stories"
    );
    assert!(
        cut_off >= ROUNDS as usize / 2,
        "only {cut_off} requests were cut off"
    );
    assert!(pruned_through > 0, "the log was never pruned");
}
