use rocket::http::{ContentType, Status};
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, ids, story_json};

#[rocket::async_test]
async fn a_submitted_story_waits_then_is_listed_under_its_values_once_published() {
    let app = TestApp::spawn().await;
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &story_json("De monteur die bleef", &["klantgericht", "samen-sterker"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Created);
    assert_eq!(created["status"], "pending");
    assert_eq!(created["author"]["id"], "anna");
    assert_eq!(created["author"]["name"], "Anna");
    assert!(created["published_at"].is_null());
    let id = created["id"].as_i64().unwrap();

    let (_, list) = app
        .get_json("/api/v1/stories?value=klantgericht", As::Anonymous)
        .await;
    assert!(ids(&list).is_empty(), "a pending story is not listed");

    let (status, published) = app
        .moderate(id, "publish", &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(published["status"], "published");
    assert!(published["published_at"].is_string());

    for value in ["klantgericht", "samen-sterker"] {
        let (_, list) = app
            .get_json(&format!("/api/v1/stories?value={value}"), As::Anonymous)
            .await;
        assert_eq!(ids(&list), [id], "listed under {value}");
    }
    let (_, list) = app
        .get_json("/api/v1/stories?value=betrouwbaar", As::Anonymous)
        .await;
    assert!(ids(&list).is_empty());
}

#[rocket::async_test]
async fn the_story_response_has_every_documented_field() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Velden", &["klantgericht"])
        .await;
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    for field in [
        "id",
        "title",
        "body",
        "body_html",
        "values",
        "audience",
        "team",
        "lang",
        "status",
        "author",
        "created_at",
        "published_at",
    ] {
        assert!(story.get(field).is_some(), "missing {field}: {story}");
    }
    assert_eq!(story["lang"], "nl", "detected from the text");
    assert_eq!(
        story["audience"], "customer",
        "a brand value implies a customer story"
    );
}

#[rocket::async_test]
async fn post_moderation_publishes_at_once() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    let (status, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &story_json("Meteen zichtbaar", &["klantgericht"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Created);
    assert_eq!(created["status"], "published");
    let (_, list) = app.get_json("/api/v1/stories", As::Anonymous).await;
    assert_eq!(ids(&list), [created["id"].as_i64().unwrap()]);
}

#[rocket::async_test]
async fn invalid_input_is_refused_per_field_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let bad = json!({
        "title": "x",
        "body": "kort",
        "values": ["onbekend", "klantgericht", "betrouwbaar", "samen-sterker"],
        "audience": "iedereen",
        "lang": "de",
    });
    let (status, body) = app
        .send_json("POST", "/api/v1/stories", &bad, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    let fields = crate::helpers::error_fields(&body);
    assert_eq!(fields, ["title", "body", "values", "audience", "lang"]);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains('3'));

    let (_, mine) = app
        .get_json("/api/v1/stories?limit=100", As::Manager("mia"))
        .await;
    assert!(ids(&mine).is_empty());
    let queue = merkwaardig::services::stories::moderation_queue(&app.state().db, &manager())
        .await
        .unwrap();
    assert!(queue.is_empty(), "nothing was stored");
}

fn manager() -> merkwaardig::domain::User {
    crate::helpers::person("mia", merkwaardig::domain::Role::Manager)
}

#[rocket::async_test]
async fn no_values_and_too_long_fields_are_refused() {
    let app = TestApp::spawn().await;
    let bad = json!({
        "title": "t".repeat(121),
        "body": "b".repeat(20_001),
        "values": [],
        "team": "t".repeat(61),
    });
    let (status, body) = app
        .send_json("POST", "/api/v1/stories", &bad, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    let fields = crate::helpers::error_fields(&body);
    assert_eq!(fields, ["title", "body", "values", "team"]);
}

#[rocket::async_test]
async fn unknown_json_fields_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let mut body = story_json("Extra veld", &["klantgericht"]);
    body["status"] = json!("published");
    let (status, response) = app
        .send_json("POST", "/api/v1/stories", &body, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(response["errors"][0]["field"], "status");
}

#[rocket::async_test]
async fn malformed_json_is_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post("/api/v1/stories")
        .remote(crate::helpers::PROXY.parse().unwrap())
        .header(rocket::http::Header::new("X-Forwarded-User", "anna"))
        .header(ContentType::JSON)
        .body("{\"title\": ")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let body: Value = response.into_json().await.unwrap();
    assert!(body["error"].is_string());
}

#[rocket::async_test]
async fn a_body_over_the_limit_is_413() {
    let app = TestApp::spawn().await;
    let mut body = story_json("Groot", &["klantgericht"]);
    body["body"] = json!("x".repeat(70 * 1024));
    let (status, response) = app
        .send_json("POST", "/api/v1/stories", &body, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::PayloadTooLarge);
    assert!(response["error"].as_str().unwrap().contains("64 KiB"));
}

#[rocket::async_test]
async fn the_author_edits_a_story_and_under_pre_moderation_it_is_reviewed_again() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Eerste versie", &["klantgericht"])
        .await;
    let mut edit = story_json("Tweede versie", &["betrouwbaar"]);
    edit["team"] = json!("Monteurs");
    let (status, edited) = app.edit(id, &edit, As::Staff("anna")).await;
    assert_eq!(status, Status::Ok, "{edited}");
    assert_eq!(edited["title"], "Tweede versie");
    assert_eq!(edited["team"], "Monteurs");
    assert_eq!(edited["values"][0]["slug"], "betrouwbaar");
    assert_eq!(edited["status"], "pending");

    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(
        status,
        Status::NotFound,
        "the unreviewed edit is not public"
    );
}

#[rocket::async_test]
async fn under_post_moderation_an_edited_story_stays_published() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    let id = app
        .submit(As::Staff("anna"), "Eerste versie", &["klantgericht"])
        .await;
    let (status, edited) = app
        .edit(
            id,
            &story_json("Beter", &["klantgericht"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(edited["status"], "published");
    let (_, public) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(public["title"], "Beter");
}

#[rocket::async_test]
async fn an_edit_with_bad_input_changes_nothing() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Blijft zo", &["klantgericht"])
        .await;
    let (status, _) = app.edit(id, &story_json("", &[]), As::Staff("anna")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(story["title"], "Blijft zo");
    assert_eq!(story["values"][0]["slug"], "klantgericht");
}

#[rocket::async_test]
async fn a_withdrawn_story_disappears_for_everyone_but_its_author_and_cannot_be_edited() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Even zichtbaar", &["klantgericht"])
        .await;
    let status = app.withdraw(id, As::Staff("anna")).await;
    assert_eq!(status, Status::NoContent);

    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
    let (_, list) = app.get_json("/api/v1/stories", As::Anonymous).await;
    assert!(ids(&list).is_empty());
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(story["status"], "withdrawn");

    let (status, _) = app
        .edit(
            id,
            &story_json("Terug", &["klantgericht"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Conflict);
    let (status, _) = app
        .moderate(id, "publish", &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(
        status,
        Status::Conflict,
        "a manager cannot republish a withdrawn story"
    );
}

#[rocket::async_test]
async fn a_rejected_story_carries_the_reason_for_its_author() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Nog niet af", &["klantgericht"])
        .await;
    let (status, _) = app
        .moderate(id, "reject", &json!({"reason": ""}), As::Manager("mia"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "a reason is required");
    let (status, rejected) = app
        .moderate(
            id,
            "reject",
            &json!({"reason": "Noem de klant niet bij naam."}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(rejected["status"], "rejected");
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(story["reject_reason"], "Noem de klant niet bij naam.");
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
}

#[rocket::async_test]
async fn page_size_and_cursor_are_validated() {
    let app = TestApp::spawn().await;
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=abc", "limit"),
        ("cursor=zzz", "cursor"),
    ] {
        let (status, body) = app
            .get_json(&format!("/api/v1/stories?{query}"), As::Anonymous)
            .await;
        assert_eq!(status, Status::UnprocessableEntity, "{query}");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
}
