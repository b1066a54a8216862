//! Dutch and English: chosen by `Accept-Language`, switchable, remembered in
//! a cookie; the content keeps its own language.

use rocket::http::{Header, Status};
use serde_json::json;

use crate::helpers::{As, PROXY, TestApp};

async fn page_in(app: &TestApp, path: &str, accept: &str) -> String {
    app.client
        .get(path.to_owned())
        .remote(PROXY.parse().unwrap())
        .header(Header::new("Accept-Language", accept.to_owned()))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap()
}

#[rocket::async_test]
async fn the_browser_language_picks_the_interface_language() {
    let app = TestApp::spawn().await;
    let english = page_in(&app, "/", "en-GB,en;q=0.9").await;
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("Our values, for real") && english.contains("Share a story"));
    let dutch = page_in(&app, "/", "nl-NL,nl;q=0.9,en;q=0.5").await;
    assert!(dutch.contains("<html lang=\"nl\">") && dutch.contains("Verhaal delen"));
    let german = page_in(&app, "/", "de-DE,de;q=0.9").await;
    assert!(
        german.contains("<html lang=\"nl\">"),
        "the configured default"
    );
    let german_or_english = page_in(&app, "/", "de-DE,en;q=0.5").await;
    assert!(german_or_english.contains("<html lang=\"en\">"));
}

#[rocket::async_test]
async fn the_default_language_is_configurable() {
    let app = TestApp::spawn_with(|f| f.merge(("default_language", "en"))).await;
    let (_, html) = app.get_html("/", As::Anonymous).await;
    assert!(html.contains("<html lang=\"en\">"));
}

#[rocket::async_test]
async fn the_switch_is_remembered_in_a_cookie_and_keeps_the_page() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_html("/search?q=klant", As::Anonymous).await;
    assert!(
        html.contains("name=\"lang\" value=\"en\""),
        "a switch to English"
    );
    let response = app
        .post_form(
            "/language",
            "lang=en&back=%2Fsearch%3Fq%3Dklant",
            As::Anonymous,
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/search?q=klant")
    );
    let cookie = response.cookies().get("lang").unwrap().clone();
    assert_eq!(cookie.value(), "en");
    assert_eq!(cookie.same_site(), Some(rocket::http::SameSite::Lax));
    // The client keeps cookies: every page is now English, whatever the browser says.
    let english = page_in(&app, "/search?q=klant", "nl").await;
    assert!(english.contains("<html lang=\"en\">") && english.contains("Search stories"));

    let response = app
        .post_form(
            "/language",
            "lang=nl&back=https%3A%2F%2Fevil.example%2F",
            As::Anonymous,
        )
        .await;
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/"),
        "never elsewhere"
    );
    for sneaky in ["%2F%2Fevil.example", "%2F%5Cevil.example"] {
        let response = app
            .post_form(
                "/language",
                &format!("lang=nl&back={sneaky}"),
                As::Anonymous,
            )
            .await;
        assert_eq!(
            response.headers().get_one("Location"),
            Some("/"),
            "{sneaky}"
        );
    }
    let response = app.post_form("/language", "lang=fr", As::Anonymous).await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
}

#[rocket::async_test]
async fn content_keeps_its_own_language() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "De monteur bleef",
            "Hij bleef tot de warmtepomp het weer deed, ook na vijf uur.",
            json!({"lang": "nl"}),
        )
        .await;
    let html = page_in(&app, &format!("/stories/{id}"), "en").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<h1 lang=\"nl\">De monteur bleef</h1>"));
    assert!(html.contains("class=\"prose\" lang=\"nl\""));
    assert!(html.contains("This inspired me") || html.contains("Nobody has said"));
}

#[rocket::async_test]
async fn form_errors_and_error_pages_speak_the_readers_language() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post("/stories")
        .remote(PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(Header::new("Accept-Language", "en"))
        .header(rocket::http::ContentType::Form)
        .body("title=x&body=kort&intent=submit")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap();
    // The API's message, as a sentence on the page.
    assert!(html.contains("Give your story a title of at least 3 characters."));
    assert!(html.contains("Choose at least one value"));
    let missing = page_in(&app, "/stories/9999", "en").await;
    assert!(missing.contains("Not found"));
    let missing = page_in(&app, "/stories/9999", "nl").await;
    assert!(missing.contains("Niet gevonden"));
}

#[rocket::async_test]
async fn api_errors_are_english_unless_asked_otherwise_and_carry_a_code() {
    let app = TestApp::spawn().await;
    let bad = json!({"title": "x", "body": "kort", "values": []});
    let (status, body) = app
        .send_json("POST", "/api/v1/stories", &bad, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(body["errors"][0]["field"], "title");
    assert_eq!(body["errors"][0]["code"], "error-title-short");
    assert_eq!(
        body["errors"][0]["message"],
        "give your story a title of at least 3 characters"
    );
    let response = app
        .client
        .post("/api/v1/stories")
        .remote(PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(Header::new("Accept-Language", "nl"))
        .header(rocket::http::ContentType::JSON)
        .body(bad.to_string())
        .dispatch()
        .await;
    let body: serde_json::Value = response.into_json().await.unwrap();
    assert_eq!(
        body["errors"][0]["message"],
        "geef je verhaal een titel van minstens 3 tekens"
    );
}
