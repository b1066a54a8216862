use rocket::http::Status;
use rocket::local::asynchronous::LocalResponse;

use crate::helpers::{As, TestApp};

const INTRANET: &str = "https://intranet.example";

async fn spawn_embeddable() -> TestApp {
    TestApp::spawn_with(|f| f.merge(("embed_origins", [INTRANET, "https://portal.example:8443"])))
        .await
}

fn csp<'a>(response: &'a LocalResponse<'_>) -> &'a str {
    response
        .headers()
        .get_one("Content-Security-Policy")
        .expect("a CSP")
}

#[rocket::async_test]
async fn a_published_story_card_may_be_framed_by_the_configured_origins() {
    let app = spawn_embeddable().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een mooi verhaal", &["klantgericht"])
        .await;

    let response = app
        .get(&format!("/embed/stories/{id}"), As::Anonymous)
        .await;

    assert_eq!(response.status(), Status::Ok);
    assert!(
        csp(&response).ends_with(
            "; frame-ancestors 'self' https://intranet.example https://portal.example:8443"
        ),
        "{}",
        csp(&response)
    );
    assert!(
        csp(&response).contains("script-src 'self'"),
        "otherwise as strict"
    );
    assert_eq!(response.headers().get_one("X-Frame-Options"), None);
    let html = response.into_string().await.unwrap();
    assert!(html.contains("Een mooi verhaal"));
    assert!(html.contains("De klant belde over een storing"), "the body");
    assert!(html.contains("Anna"), "the author");
    assert!(
        html.contains(&format!(
            r#"<a href="/stories/{id}">Lees op Merkwaardig</a>"#
        )),
        "{html}"
    );
    assert!(
        html.contains(r#"<base target="_top">"#),
        "links open in the top window"
    );
    assert!(!html.contains(r#"<header class="site""#), "no site header");
    assert!(html.contains(r#"<body class="embed">"#), "its own layout");
}

#[rocket::async_test]
async fn everything_outside_the_embeds_still_refuses_framing() {
    let app = spawn_embeddable().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    for path in [
        "/".to_owned(),
        format!("/stories/{id}"),
        "/feed.atom".to_owned(),
        format!("/oembed?url=http://127.0.0.1:8000/stories/{id}"),
        "/embedded".to_owned(),
        "/api/v1/values".to_owned(),
    ] {
        let response = app.get(&path, As::Anonymous).await;
        assert!(csp(&response).ends_with("frame-ancestors 'none'"), "{path}");
        assert_eq!(
            response.headers().get_one("X-Frame-Options"),
            Some("DENY"),
            "{path}"
        );
    }
}

#[rocket::async_test]
async fn without_embed_origins_only_the_site_itself_may_frame_an_embed() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let response = app
        .get(&format!("/embed/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(response.status(), Status::Ok);
    assert!(
        csp(&response).ends_with("; frame-ancestors 'self'"),
        "{}",
        csp(&response)
    );
}

#[rocket::async_test]
async fn an_embed_of_a_story_that_is_not_published_is_not_found() {
    let app = spawn_embeddable().await;
    let pending = app
        .submit(
            As::Staff("anna"),
            "Geheim wachtend verhaal",
            &["klantgericht"],
        )
        .await;
    let withdrawn = app
        .submit_published(
            As::Staff("anna"),
            "Geheim ingetrokken verhaal",
            &["klantgericht"],
        )
        .await;
    app.withdraw(withdrawn, As::Staff("anna")).await;

    for id in [pending, withdrawn, 999] {
        // Even its author gets no embed of it.
        let (status, html) = app
            .get_html(&format!("/embed/stories/{id}"), As::Staff("anna"))
            .await;
        assert_eq!(status, Status::NotFound, "{id}");
        assert!(!html.contains("Geheim"), "{id}: {html}");
        assert!(
            !html.contains(r#"<header class="site""#),
            "the embed layout"
        );
    }
}

#[rocket::async_test]
async fn a_bad_embed_origin_or_public_url_stops_the_start() {
    for (key, value) in [
        (
            "embed_origins",
            serde_json::json!(["https://intranet.example/pad"]),
        ),
        (
            "embed_origins",
            serde_json::json!(["https://a.example; script-src *"]),
        ),
        ("public_url", serde_json::json!("intranet.example")),
    ] {
        let tmp = tempfile::TempDir::new().unwrap();
        crate::helpers::write_default_content(&tmp.path().join("content"));
        let figment = crate::helpers::base_figment(tmp.path()).merge((key, value.clone()));
        let error = merkwaardig::build(figment)
            .await
            .err()
            .unwrap_or_else(|| panic!("{key} = {value} was accepted"));
        assert!(error.to_string().contains(key), "{key}: {error}");
    }
}
