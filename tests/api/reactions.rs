use rocket::http::Status;
use serde_json::Value;

use crate::helpers::{As, TestApp};

async fn mark(app: &TestApp, method: &str, id: i64, who: As) -> (Status, Value) {
    app.send_json(
        method,
        &format!("/api/v1/stories/{id}/inspired"),
        &Value::Null,
        who,
    )
    .await
}

#[rocket::async_test]
async fn inspired_is_one_per_person_idempotent_and_undoable() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Inspirerend", &["klantgericht"])
        .await;
    let (status, body) = mark(&app, "PUT", id, As::Staff("bob")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(body["count"], 1);
    assert_eq!(body["by_me"], true);
    let (_, body) = mark(&app, "PUT", id, As::Staff("bob")).await;
    assert_eq!(body["count"], 1, "marking twice is marking once");
    let (_, body) = mark(&app, "PUT", id, As::Staff("carla")).await;
    assert_eq!(body["count"], 2);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(story["inspired"], 2);
    let (_, body) = mark(&app, "DELETE", id, As::Staff("bob")).await;
    assert_eq!(
        (body["count"].as_u64(), body["by_me"].as_bool()),
        (Some(1), Some(false))
    );
    let (_, body) = mark(&app, "DELETE", id, As::Staff("bob")).await;
    assert_eq!(body["count"], 1, "undoing twice is undoing once");
}

#[rocket::async_test]
async fn only_published_stories_and_signed_in_people_can_be_inspired() {
    let app = TestApp::spawn().await;
    let pending = app
        .submit(As::Staff("anna"), "Wacht nog", &["klantgericht"])
        .await;
    assert_eq!(
        mark(&app, "PUT", pending, As::Staff("bob")).await.0,
        Status::NotFound
    );
    assert_eq!(
        mark(&app, "PUT", pending, As::Manager("mia")).await.0,
        Status::Conflict
    );
    let published = app
        .submit_published(As::Staff("anna"), "Online", &["klantgericht"])
        .await;
    assert_eq!(
        mark(&app, "PUT", published, As::Anonymous).await.0,
        Status::Unauthorized
    );
}

#[rocket::async_test]
async fn reactions_beyond_the_limit_get_429() {
    let app = TestApp::spawn_with(|f| f.merge(("reactions_per_hour", 2))).await;
    let id = app
        .submit_published(As::Staff("anna"), "Populair", &["klantgericht"])
        .await;
    mark(&app, "PUT", id, As::Staff("bob")).await;
    mark(&app, "DELETE", id, As::Staff("bob")).await;
    let (status, _) = mark(&app, "PUT", id, As::Staff("bob")).await;
    assert_eq!(status, Status::TooManyRequests);
}

#[rocket::async_test]
async fn the_story_page_button_toggles_inspired() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Knop", &["klantgericht"])
        .await;
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(html.contains("aria-pressed=\"false\""));
    let response = app
        .post_form(&format!("/stories/{id}/inspired"), "", As::Staff("bob"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(html.contains("aria-pressed=\"true\""));
    assert!(html.contains("1 collega werd hierdoor geïnspireerd"));
    app.post_form(&format!("/stories/{id}/inspired"), "", As::Staff("bob"))
        .await;
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(html.contains("aria-pressed=\"false\""));
}
