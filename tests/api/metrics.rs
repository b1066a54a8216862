//! Prometheus metrics at `/metrics`: requests by route pattern, search and
//! indexer timings, index lag, stories by status, the database pool, the
//! outbox and the process; optionally behind a token.

use rocket::http::{Header, Status};

use crate::helpers::{As, TestApp};

/// The value of one sample line (`name{labels} value`).
fn sample(text: &str, series: &str) -> Option<f64> {
    text.lines()
        .find(|line| line.starts_with(series) && line[series.len()..].starts_with(' '))
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[rocket::async_test]
async fn metrics_tell_an_operator_what_the_service_is_doing() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Gemeten verhaal", &["klantgericht"])
        .await;
    app.submit(As::Staff("anna"), "Wacht nog", &["klantgericht"])
        .await;
    app.get(&format!("/stories/{id}"), As::Anonymous).await;
    app.search("q=gemeten").await;

    let response = app.get("/metrics", As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.content_type().unwrap().to_string(),
        "text/plain; version=0.0.4"
    );
    let text = response.into_string().await.unwrap();
    // One series per route pattern, not per story.
    assert!(
        text.contains(
            r#"merkwaardig_http_requests_total{method="GET",route="/stories/<id>",status="200"}"#
        ),
        "{text}"
    );
    assert!(!text.contains(&format!("route=\"/stories/{id}\"")));
    assert!(sample(&text, r#"merkwaardig_stories{status="published"}"#).unwrap() >= 1.0);
    assert!(sample(&text, r#"merkwaardig_stories{status="pending"}"#).unwrap() >= 1.0);
    assert!(sample(&text, "merkwaardig_search_duration_seconds_count").unwrap() >= 1.0);
    // Where a search's time goes, phase by phase: a search that found a
    // story went through each phase but the typo's corrections.
    for phase in ["query", "matching", "stories", "snippets"] {
        let series = format!(r#"merkwaardig_search_phase_seconds_count{{phase="{phase}"}}"#);
        assert!(
            sample(&text, &series).unwrap_or(0.0) >= 1.0,
            "{series}\n{text}"
        );
    }
    assert!(sample(&text, "merkwaardig_indexer_batch_changes_count").unwrap() >= 1.0);
    assert!(sample(&text, "merkwaardig_indexer_commit_seconds_count").unwrap() >= 1.0);
    assert!(sample(&text, "merkwaardig_change_log_head_id").unwrap() >= 1.0);
    assert!(sample(&text, "merkwaardig_index_lag_seconds").is_some());
    assert!(sample(&text, "merkwaardig_db_pool_connections").unwrap() >= 1.0);
    assert!(sample(&text, "merkwaardig_outbox_pending").is_some());
    assert!(sample(&text, "merkwaardig_process_resident_memory_bytes").unwrap() > 0.0);
    assert!(text.contains("merkwaardig_http_request_duration_seconds_bucket"));
}

#[rocket::async_test]
async fn a_metrics_token_keeps_the_metrics_to_who_has_it() {
    let app = TestApp::spawn_with(|f| f.merge(("metrics_token", "s3cr3t-scraper"))).await;
    assert_eq!(
        app.get("/metrics", As::Anonymous).await.status(),
        Status::Unauthorized
    );
    let wrong = app
        .client
        .get("/metrics")
        .header(Header::new("Authorization", "Bearer nope"))
        .dispatch()
        .await;
    assert_eq!(wrong.status(), Status::Unauthorized);
    let right = app
        .client
        .get("/metrics")
        .header(Header::new("Authorization", "Bearer s3cr3t-scraper"))
        .dispatch()
        .await;
    assert_eq!(right.status(), Status::Ok);
}
