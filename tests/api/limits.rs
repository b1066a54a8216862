use rocket::http::{Header, Status};

use merkwaardig::services::tokens::{self, TokenScope};

use crate::helpers::{As, TestApp, story_json};

#[rocket::async_test]
async fn submissions_beyond_the_hourly_limit_get_429_with_retry_after() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 2))).await;
    for n in 0..2 {
        app.submit(
            As::Staff("anna"),
            &format!("Verhaal {n}"),
            &["klantgericht"],
        )
        .await;
    }
    let response = app
        .client
        .post("/api/v1/stories")
        .remote(crate::helpers::PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(rocket::http::ContentType::JSON)
        .body(story_json("Eén te veel", &["klantgericht"]).to_string())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::TooManyRequests);
    let retry: u64 = response
        .headers()
        .get_one("Retry-After")
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 1);
    // Someone else is not affected.
    app.submit(As::Staff("bob"), "Van Bob", &["klantgericht"])
        .await;
}

#[rocket::async_test]
async fn the_form_keeps_the_text_when_the_limit_is_reached() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 1))).await;
    app.submit(As::Staff("anna"), "Eerste", &["klantgericht"])
        .await;
    let response = app
        .post_form("/stories", "title=Tweede+verhaal&body=Een+verhaal+dat+lang+genoeg+is+om+te+tellen.&values=klantgericht", As::Staff("anna"))
        .await;
    assert_eq!(response.status(), Status::TooManyRequests);
    assert!(response.headers().get_one("Retry-After").is_some());
    let html = response.into_string().await.unwrap();
    assert!(html.contains("value=\"Tweede verhaal\""), "input kept");
}

#[rocket::async_test]
async fn a_token_beyond_its_rate_gets_429_with_retry_after() {
    let app = TestApp::spawn_with(|f| f.merge(("api_calls_per_minute", 3))).await;
    let (_, secret) = tokens::create(&app.state().db, "widget", TokenScope::Search)
        .await
        .unwrap();
    let call = || async {
        app.client
            .get("/api/v1/values")
            .header(Header::new("Authorization", format!("Bearer {secret}")))
            .dispatch()
            .await
    };
    for _ in 0..3 {
        assert_eq!(call().await.status(), Status::Ok);
    }
    let response = call().await;
    assert_eq!(response.status(), Status::TooManyRequests);
    assert!(response.headers().get_one("Retry-After").is_some());
    let body: serde_json::Value = response.into_json().await.unwrap();
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("too many requests"),
        "{body}"
    );
}
