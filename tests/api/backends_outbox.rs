//! A flow of `backends.rs` (run on SQLite and PostgreSQL): notifications,
//! the outbox and the weekly digest's mark.

use rocket::http::Status;

use crate::helpers::{As, TestApp};

/// Notifications, the outbox (claimed with `FOR UPDATE SKIP LOCKED` on
/// PostgreSQL) and the weekly digest's once-a-week mark.
pub async fn notifications_and_outbox(app: TestApp) {
    use merkwaardig::services::notify::{digest, outbox};
    let receiver = crate::helpers::hooks::Receiver::start(200);
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/webhooks",
            &serde_json::json!({"name": "Kanaal", "url": receiver.url("/hook"), "format": "json", "events": ["published"]}),
            As::Admin("ada"),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    for n in 0..3 {
        app.submit_published(
            As::Staff("anna"),
            &format!("Bericht {n}"),
            &["klantgericht"],
        )
        .await;
    }
    let calls = receiver.wait_for(3).await;
    let mut keys: Vec<&str> = calls
        .iter()
        .map(|c| c.headers["idempotency-key"].as_str())
        .collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 3);
    let (_, notices) = app
        .get_json("/api/v1/me/notifications", As::Staff("anna"))
        .await;
    assert_eq!(notices["unread"], 3);
    let db = &app.state().db;
    let start = std::time::Instant::now();
    while outbox::pending(db).await.unwrap() > 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the outbox empties"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let schedule = digest::Schedule {
        weekday: chrono::Weekday::Mon,
        hour: 7,
    };
    let next = digest::due(chrono::Utc::now(), schedule).0 + chrono::Duration::weeks(1);
    // The first look only sets the mark (the worker may have done that).
    digest::run_if_due(db, chrono::Utc::now(), schedule)
        .await
        .unwrap();
    assert!(digest::run_if_due(db, next, schedule).await.unwrap());
    assert!(!digest::run_if_due(db, next, schedule).await.unwrap());
}
