//! Two replicas on one PostgreSQL, each with its own search index following
//! the shared change log: what one writes the other finds, what one hides
//! the other hides, a replica started later catches up, and a message is
//! sent once across replicas.

use std::time::Duration;

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{As, Backend, TestApp};

/// Waits (at most a second, the promise) until `check` holds.
async fn within_a_second<F, Fut>(what: &str, check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    crate::helpers::wait_for(what, Duration::from_secs(1), check).await
}

async fn hits(app: &TestApp, q: &str) -> Vec<i64> {
    let (status, body) = app
        .get_json(&format!("/api/v1/search?q={q}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect()
}

#[rocket::async_test]
async fn two_replicas_on_one_postgresql_agree() {
    let Some(a) = TestApp::spawn_on(Backend::Postgres, |f| f).await else {
        return;
    };
    let b = a.replica().await;

    // Published through A, searchable through B.
    let id = a
        .publish_story(
            "Via replica A",
            "Een verhaal over een laadpaal, geschreven op replica A.",
            json!({}),
        )
        .await;
    within_a_second("B finds what A published", || async {
        hits(&b, "laadpaal").await == [id]
    })
    .await;

    // Withdrawn through B, gone from A's search.
    assert_eq!(b.withdraw(id, As::Staff("anna")).await, Status::NoContent);
    within_a_second("A no longer finds what B withdrew", || async {
        hits(&a, "laadpaal").await.is_empty()
    })
    .await;

    // A replica started later, with an empty index, catches up by itself.
    let other = a
        .publish_story(
            "Nog een",
            "Een verhaal over een warmtepomp, voor de late replica.",
            json!({}),
        )
        .await;
    let c = a.replica().await;
    c.search_caught_up().await;
    assert_eq!(hits(&c, "warmtepomp").await, [other]);
    assert!(hits(&c, "laadpaal").await.is_empty());

    // A webhook call is made once, whichever replica's delivery task takes it.
    let receiver = crate::helpers::hooks::Receiver::start(200);
    let (status, _) = a
        .send_json(
            "POST",
            "/api/v1/webhooks",
            &json!({"name": "Eén keer", "url": receiver.url("/once"), "format": "json", "events": ["published"]}),
            As::Admin("ada"),
        )
        .await;
    assert_eq!(status, Status::Created);
    for n in 0..6 {
        let app = if n % 2 == 0 { &a } else { &b };
        app.submit_published(
            As::Staff("anna"),
            &format!("Eenmaal {n}"),
            &["klantgericht"],
        )
        .await;
    }
    let calls = receiver.wait_for(6).await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let calls_now = receiver.calls();
    assert_eq!(calls_now.len(), 6, "{calls:#?}");
    let mut keys: Vec<&str> = calls_now
        .iter()
        .map(|c| c.headers["idempotency-key"].as_str())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 6, "six messages, each once");
}

/// A rolling deployment starts several replicas at once on a database that
/// needs migrating: they take turns (an advisory lock), none fails on a
/// table another has just made.
#[rocket::async_test]
async fn replicas_starting_together_on_a_new_database_all_start() {
    let Some(database_url) = crate::helpers::fresh_postgres_database().await else {
        return;
    };
    let dirs: Vec<tempfile::TempDir> = (0..3).map(|_| tempfile::TempDir::new().unwrap()).collect();
    let starts = dirs.iter().map(|dir| {
        crate::helpers::write_default_content(&dir.path().join("content"));
        merkwaardig::build(
            crate::helpers::base_figment(dir.path()).merge(("database_url", &database_url)),
        )
    });
    for started in futures::future::join_all(starts).await {
        assert!(started.is_ok(), "{:?}", started.err());
    }
}
