//! Naming the colleagues who took part: who may be named, who sees the
//! names, who is told and when, and taking one's own name off.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, error_fields, story_json};
use crate::notifications::notices;

fn named(title: &str, people: &[&str]) -> Value {
    let mut story = story_json(title, &["samen-sterker"]);
    story["people"] = json!(people);
    story
}

/// Colleagues the service has seen.
async fn seen(app: &TestApp, people: &[As]) {
    for who in people {
        app.get("/", *who).await;
    }
}

#[rocket::async_test]
async fn only_known_colleagues_can_be_named_and_each_unknown_one_is_named_back() {
    let app = TestApp::spawn().await;
    seen(&app, &[As::Staff("bob"), As::Staff("carla")]).await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named(
                "Samen de klant geholpen",
                &["bob", "onbekend", "anna", "niemand"],
            ),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(error_fields(&body), ["people", "people", "people"]);
    let messages: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("onbekend"), "{messages:?}");
    assert!(messages[2].contains("niemand"), "{messages:?}");
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert_eq!(mine["stories"], json!([]), "nothing was saved");

    let eleven: Vec<String> = (0..11).map(|n| format!("p{n}")).collect();
    let eleven: Vec<&str> = eleven.iter().map(String::as_str).collect();
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named("Te veel", &eleven),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");

    // By id, or by name as the service knows it; a repeat counts once.
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named("Samen de klant geholpen", &["bob", "Carla", "bob"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(
        body["people"],
        json!([{"id": "bob", "name": "Bob"}, {"id": "carla", "name": "Carla"}])
    );
}

#[rocket::async_test]
async fn the_named_hear_of_it_once_it_is_published_and_see_it_on_their_page() {
    let app = TestApp::spawn().await;
    seen(&app, &[As::Staff("bob"), As::Manager("mia")]).await;
    let (_, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named("De nachtdienst", &["bob"]),
            As::Staff("anna"),
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    // Waiting for a manager: bob hears nothing, sees nothing.
    assert_eq!(notices(&app, As::Staff("bob")).await["unread"], 0);
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::NotFound);
    let (_, page) = app.get_html("/my/stories", As::Staff("bob")).await;
    assert!(!page.contains("De nachtdienst"));

    app.publish(id).await;
    let body = notices(&app, As::Staff("bob")).await;
    assert_eq!(body["unread"], 1);
    assert_eq!(body["notifications"][0]["kind"], "named");
    assert_eq!(
        body["notifications"][0]["text"],
        "Anna noemde je in het verhaal “De nachtdienst”."
    );
    let (_, page) = app.get_html("/my/stories", As::Staff("bob")).await;
    assert!(page.contains("Verhalen waarin je genoemd wordt"));
    assert!(page.contains("De nachtdienst"));
    // The story page and the feed show the names.
    let (_, page) = app.get_html(&format!("/stories/{id}"), As::Anonymous).await;
    assert!(page.contains("href=\"/people/bob\">Bob</a>"), "{page}");
    let (_, feed) = app.get_html("/feed.atom", As::Anonymous).await;
    assert!(
        feed.contains("<contributor><name>Bob</name></contributor>"),
        "{feed}"
    );
}

#[rocket::async_test]
async fn naming_never_reveals_an_anonymous_author() {
    let app = TestApp::spawn().await;
    seen(&app, &[As::Staff("bob")]).await;
    let mut story = named("Zonder naam", &["bob"]);
    story["anonymous"] = json!(true);
    story["team"] = json!("Balie");
    let (status, created) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let id = created["id"].as_i64().unwrap();
    app.publish(id).await;
    let body = notices(&app, As::Staff("bob")).await;
    let text = body["notifications"][0]["text"].as_str().unwrap();
    assert_eq!(text, "Een collega noemde je in het verhaal “Zonder naam”.");
    let (_, seen_by_bob) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(!seen_by_bob.to_string().contains("anna"), "{seen_by_bob}");
    assert!(!seen_by_bob.to_string().contains("Anna"), "{seen_by_bob}");
}

#[rocket::async_test]
async fn a_named_colleague_takes_their_name_off_and_the_history_keeps_it() {
    let app = TestApp::spawn().await;
    seen(&app, &[As::Staff("bob"), As::Staff("carla")]).await;
    let (_, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named("Met z'n drieën", &["bob", "carla"]),
            As::Staff("anna"),
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    app.publish(id).await;
    // Someone not named cannot, and neither can a program.
    let path = format!("/api/v1/stories/{id}/people/me");
    assert_eq!(
        app.send_json("DELETE", &path, &Value::Null, As::Staff("dirk"))
            .await
            .0,
        Status::NotFound
    );
    let (status, _) = app
        .send_json("DELETE", &path, &Value::Null, As::Staff("bob"))
        .await;
    assert_eq!(status, Status::NoContent);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(story["people"], json!([{"id": "carla", "name": "Carla"}]));
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{id}/revisions"),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(history["revisions"][0]["kind"], "unnamed");
    assert_eq!(history["revisions"][0]["editor"], "Bob");

    // The page's button does the same.
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Staff("carla"))
        .await;
    assert!(
        page.contains(
            "action=\"/stories/{id}/unname\""
                .replace("{id}", &id.to_string())
                .as_str()
        )
    );
    let response = app
        .post_form(&format!("/stories/{id}/unname"), "", As::Staff("carla"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(story["people"], json!([]));
}

#[rocket::async_test]
async fn the_form_takes_names_keeps_what_was_typed_and_says_who_is_unknown() {
    let app = TestApp::spawn().await;
    seen(&app, &[As::Staff("bob")]).await;
    let response = app
        .post_form(
            "/stories",
            "title=Samen+sterk&body=We+losten+het+samen+op%2C+met+de+hele+ploeg+erbij.&values=samen-sterker&people=Bob%2C+Zoltan&intent=submit",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let page = response.into_string().await.unwrap();
    assert!(
        page.contains("value=\"Bob, Zoltan\""),
        "what was typed stays"
    );
    assert!(
        page.contains("Merkwaardig kent “Zoltan” nog niet"),
        "{page}"
    );

    let response = app
        .post_form(
            "/stories",
            "title=Samen+sterk&body=We+losten+het+samen+op%2C+met+de+hele+ploeg+erbij.&values=samen-sterker&people=Bob&intent=submit",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert_eq!(
        mine["stories"][0]["people"],
        json!([{"id": "bob", "name": "Bob"}])
    );
    // Editing keeps them, shown as names.
    let id = mine["stories"][0]["id"].as_i64().unwrap();
    let (_, page) = app
        .get_html(&format!("/stories/{id}/edit"), As::Staff("anna"))
        .await;
    assert!(page.contains("name=\"people\" value=\"Bob\""), "{page}");
}

#[rocket::async_test]
async fn someone_added_to_a_story_that_is_online_hears_of_it_then() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    seen(&app, &[As::Staff("bob"), As::Staff("carla")]).await;
    let (_, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &named("Online", &["bob"]),
            As::Staff("anna"),
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        notices(&app, As::Staff("bob")).await["unread"],
        1,
        "online at once"
    );
    let (status, body) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}"),
            &named("Online", &["bob", "carla"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(notices(&app, As::Staff("carla")).await["unread"], 1);
    assert_eq!(
        notices(&app, As::Staff("bob")).await["unread"],
        1,
        "bob is not told twice"
    );
}

#[rocket::async_test]
async fn colleagues_are_found_by_part_of_their_name_without_their_mail_address() {
    let app = TestApp::spawn().await;
    for who in [
        As::Staff("bob"),
        As::Staff("bobby"),
        As::Staff("carla"),
        As::Manager("mia"),
    ] {
        app.get("/", who).await;
    }
    let (status, body) = app
        .get_json("/api/v1/people?q=BOB", As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(
        body["people"],
        json!([{"id": "bob", "name": "Bob"}, {"id": "bobby", "name": "Bobby"}])
    );
    assert!(!body.to_string().contains("example.nl"));
    // Not the one asking; wildcards are plain characters.
    let (_, body) = app.get_json("/api/v1/people?q=bob", As::Staff("bob")).await;
    assert_eq!(body["people"], json!([{"id": "bobby", "name": "Bobby"}]));
    let (_, body) = app
        .get_json("/api/v1/people?q=%25", As::Staff("anna"))
        .await;
    assert_eq!(body["people"], json!([]));
    let (_, body) = app
        .get_json("/api/v1/people?q=a&limit=1", As::Staff("anna"))
        .await;
    assert_eq!(body["people"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get_json("/api/v1/people?q=a&limit=11", As::Staff("anna"))
            .await
            .0,
        Status::UnprocessableEntity
    );
    // The form offers the suggestions list the script fills.
    let (_, page) = app.get_html("/stories/new", As::Staff("anna")).await;
    assert!(page.contains("list=\"people-suggestions\""));
}
