//! Intranet widgets: CORS for configured origins only, widget tokens bound to
//! origins and values, the embeddable pages and the widget script.

use rocket::http::{Header, Method, Status};
use rocket::local::asynchronous::LocalResponse;
use serde_json::json;

use merkwaardig::services::tokens::{self, Binding, TokenScope};

use crate::helpers::{As, TestApp};

const INTRANET: &str = "https://intranet.example";
const ELSEWHERE: &str = "https://elsewhere.example";

async fn app() -> TestApp {
    TestApp::spawn_with(|f| f.merge(("embed_origins", [INTRANET]))).await
}

async fn from<'a>(
    app: &'a TestApp,
    method: Method,
    path: &str,
    origin: &str,
    token: Option<&str>,
) -> LocalResponse<'a> {
    let mut req = app
        .client
        .req(method, path.to_owned())
        .header(Header::new("Origin", origin.to_owned()));
    if let Some(token) = token {
        req = req.header(Header::new("Authorization", format!("Bearer {token}")));
    }
    req.dispatch().await
}

fn allow_origin(response: &LocalResponse<'_>) -> Option<String> {
    response
        .headers()
        .get_one("Access-Control-Allow-Origin")
        .map(str::to_owned)
}

#[rocket::async_test]
async fn a_configured_origin_may_read_and_no_other() {
    let app = app().await;
    app.submit_published(As::Staff("anna"), "Over de klant", &["klantgericht"])
        .await;
    for path in [
        "/api/v1/search?q=klant",
        "/api/v1/stories",
        "/api/v1/values",
    ] {
        let response = from(&app, Method::Get, path, INTRANET, None).await;
        assert_eq!(response.status(), Status::Ok);
        assert_eq!(allow_origin(&response).as_deref(), Some(INTRANET), "{path}");
        assert!(
            response
                .headers()
                .get_one("Access-Control-Allow-Credentials")
                .is_none(),
            "never credentials"
        );
        assert!(response.headers().get("Vary").any(|v| v.contains("Origin")));
        let response = from(&app, Method::Get, path, ELSEWHERE, None).await;
        assert_eq!(allow_origin(&response), None, "{path} from elsewhere");
    }
    // Writes and private reads stay same-origin, whoever asks.
    for path in ["/api/v1/me/export", "/api/v1/moderation"] {
        let response = from(&app, Method::Get, path, INTRANET, None).await;
        assert_eq!(allow_origin(&response), None, "{path}");
    }
}

#[rocket::async_test]
async fn preflight_is_answered_for_configured_origins_only() {
    let app = app().await;
    let preflight = |origin: &'static str, path: &'static str| {
        let app = &app;
        async move {
            app.client
                .options(path)
                .header(Header::new("Origin", origin))
                .header(Header::new("Access-Control-Request-Method", "GET"))
                .header(Header::new(
                    "Access-Control-Request-Headers",
                    "authorization",
                ))
                .dispatch()
                .await
        }
    };
    let response = preflight(INTRANET, "/api/v1/search").await;
    assert_eq!(response.status(), Status::NoContent);
    assert_eq!(allow_origin(&response).as_deref(), Some(INTRANET));
    let headers = response.headers();
    assert_eq!(headers.get_one("Access-Control-Allow-Methods"), Some("GET"));
    assert_eq!(
        headers.get_one("Access-Control-Allow-Headers"),
        Some("Authorization")
    );
    assert!(
        headers
            .get_one("Access-Control-Allow-Credentials")
            .is_none()
    );
    let response = preflight(ELSEWHERE, "/api/v1/search").await;
    assert_eq!(allow_origin(&response), None);
    let response = preflight(INTRANET, "/api/v1/stories/1/publish").await;
    assert_eq!(allow_origin(&response), None, "not for writes");
}

#[rocket::async_test]
async fn a_token_bound_to_origins_works_only_from_them() {
    let app = app().await;
    let (_, secret) = tokens::create_bound(
        &app.state().db,
        "intranet",
        TokenScope::Search,
        &Binding {
            origins: vec![INTRANET.into()],
            values: vec![],
        },
    )
    .await
    .unwrap();
    let response = from(
        &app,
        Method::Get,
        "/api/v1/search?q=x",
        INTRANET,
        Some(&secret),
    )
    .await;
    assert_eq!(response.status(), Status::Ok);
    let response = from(
        &app,
        Method::Get,
        "/api/v1/search?q=x",
        ELSEWHERE,
        Some(&secret),
    )
    .await;
    assert_eq!(response.status(), Status::Forbidden);
    let body: serde_json::Value = response.into_json().await.unwrap();
    assert_eq!(body["code"], "error-token-origin");
    let response = app
        .client
        .get("/api/v1/search?q=x")
        .header(Header::new("Authorization", format!("Bearer {secret}")))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Forbidden, "no Origin, no entry");
}

#[rocket::async_test]
async fn a_fixed_value_filter_cannot_be_widened() {
    let app = app().await;
    let klant = app
        .submit_published(
            As::Staff("anna"),
            "Klant storing opgelost",
            &["klantgericht"],
        )
        .await;
    let samen = app
        .submit_published(
            As::Staff("bob"),
            "Samen storing opgelost",
            &["samen-sterker"],
        )
        .await;
    app.search_caught_up().await;
    let (_, secret) = tokens::create_bound(
        &app.state().db,
        "klantpagina",
        TokenScope::Search,
        &Binding {
            origins: vec![],
            values: vec!["klantgericht".into()],
        },
    )
    .await
    .unwrap();
    let get = |path: String| {
        let app = &app;
        let secret = secret.clone();
        async move {
            let response = app
                .client
                .get(path)
                .header(Header::new("Authorization", format!("Bearer {secret}")))
                .dispatch()
                .await;
            let status = response.status();
            (status, response.into_json::<serde_json::Value>().await)
        }
    };
    let (status, body) = get("/api/v1/search?q=storing".into()).await;
    assert_eq!(status, Status::Ok);
    let hits: Vec<i64> = body.unwrap()["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_i64().unwrap())
        .collect();
    assert_eq!(hits, vec![klant], "only its value, without asking");
    let (status, _) = get("/api/v1/search?q=storing&value=samen-sterker".into()).await;
    assert_eq!(status, Status::Forbidden, "cannot widen");
    let (status, _) =
        get("/api/v1/search?q=storing&value=klantgericht&value=samen-sterker".into()).await;
    assert_eq!(status, Status::Forbidden);
    let (status, body) = get("/api/v1/stories".into()).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(crate::helpers::ids(&body.unwrap()), vec![klant]);
    let (status, _) = get(format!("/api/v1/stories/{samen}")).await;
    assert_eq!(
        status,
        Status::NotFound,
        "another value's story is not there"
    );
    let (status, _) = get(format!("/api/v1/stories/{klant}")).await;
    assert_eq!(status, Status::Ok);

    // A revoked widget token is refused at once.
    let id = tokens::list(&app.state().db).await.unwrap()[0].id;
    tokens::revoke(&app.state().db, id).await.unwrap();
    let (status, _) = get("/api/v1/search?q=storing".into()).await;
    assert_eq!(status, Status::Unauthorized);
}

#[rocket::async_test]
async fn widget_tokens_are_search_tokens_with_real_origins_and_values() {
    let app = app().await;
    let db = &app.state().db;
    let bind = |origins: &[&str], values: &[&str]| Binding {
        origins: origins.iter().map(|s| s.to_string()).collect(),
        values: values.iter().map(|s| s.to_string()).collect(),
    };
    let err = tokens::create_bound(db, "x", TokenScope::Submit, &bind(&[INTRANET], &[]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, merkwaardig::error::AppError::Validation(ref e) if e[0].field == "scope")
    );
    for bad in [
        "intranet.example",
        "https://intranet.example/page",
        "ftp://x.example",
    ] {
        let err = tokens::create_bound(db, "x", TokenScope::Search, &bind(&[bad], &[]))
            .await
            .unwrap_err();
        assert!(
            matches!(err, merkwaardig::error::AppError::Validation(ref e) if e[0].field == "origins"),
            "{bad}"
        );
    }
    let err = tokens::create_bound(db, "x", TokenScope::Search, &bind(&[], &["bestaat-niet"]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, merkwaardig::error::AppError::Validation(ref e) if e[0].field == "values")
    );
}

#[rocket::async_test]
async fn a_bad_embed_origin_stops_the_start_with_the_key_named() {
    let dir = tempfile::TempDir::new().unwrap();
    crate::helpers::write_default_content(&dir.path().join("content"));
    let figment =
        crate::helpers::base_figment(dir.path()).merge(("embed_origins", ["intranet.example"]));
    let Err(error) = merkwaardig::build(figment).await else {
        panic!("a bad origin must stop the start");
    };
    let message = error.to_string();
    assert!(message.contains("embed_origins"), "{message}");
}

#[rocket::async_test]
async fn embed_pages_are_framable_by_configured_origins_only() {
    let app = app().await;
    app.submit_published(As::Staff("anna"), "Omvormer vervangen", &["klantgericht"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Omvormer geheim", &["klantgericht"])
        .await;
    app.search_caught_up().await;
    let response = app.get("/embed/search?q=storing", As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    let policy = response
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap()
        .to_owned();
    assert!(
        policy.contains(&format!("frame-ancestors 'self' {INTRANET}")),
        "{policy}"
    );
    assert!(response.headers().get_one("X-Frame-Options").is_none());
    let html = response.into_string().await.unwrap();
    assert!(html.contains("<mark>"), "highlighted");
    assert!(html.contains("Omvormer vervangen") && !html.contains("Omvormer geheim"));
    assert!(!html.contains("class=\"site\""), "no site header");
    assert!(html.contains("<base target=\"_top\">"));
    let _ = pending;

    let (_, stories) = app
        .get_html("/embed/stories?value=klantgericht&lang=en", As::Anonymous)
        .await;
    assert!(stories.contains("<html lang=\"en\">"));
    assert!(stories.contains("Omvormer vervangen") && !stories.contains("Omvormer geheim"));

    let response = app.get("/", As::Anonymous).await;
    let policy = response
        .headers()
        .get_one("Content-Security-Policy")
        .unwrap();
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "other pages stay unframable"
    );
    assert_eq!(response.headers().get_one("X-Frame-Options"), Some("DENY"));
}

#[rocket::async_test]
async fn the_widget_script_is_served_for_every_origin_with_caching() {
    let app = app().await;
    let response = app.get("/widget.js", As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.headers().get_one("Content-Type"),
        Some("text/javascript")
    );
    assert_eq!(
        response.headers().get_one("Access-Control-Allow-Origin"),
        Some("*")
    );
    assert!(
        response
            .headers()
            .get_one("Cache-Control")
            .unwrap()
            .contains("max-age=300")
    );
    let script = response.into_string().await.unwrap();
    assert!(script.contains("customElements.define(\"merkwaardig-search\""));
    assert!(script.len() < 40_000, "small: {} bytes", script.len());

    let versioned = format!("/widget/{}/widget.js", env!("CARGO_PKG_VERSION"));
    let response = app.get(&versioned, As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    assert!(
        response
            .headers()
            .get_one("Cache-Control")
            .unwrap()
            .contains("immutable")
    );
    let response = app.get("/widget/0.0.0-old/widget.js", As::Anonymous).await;
    assert_eq!(response.status(), Status::NotFound);
}

#[rocket::async_test]
async fn featured_stories_can_be_listed_alone() {
    let app = app().await;
    let featured = app
        .submit_published(As::Staff("anna"), "Uitgelicht", &["klantgericht"])
        .await;
    app.submit_published(As::Staff("anna"), "Gewoon", &["klantgericht"])
        .await;
    app.send_json(
        "PUT",
        &format!("/api/v1/stories/{featured}/featured"),
        &json!(null),
        As::Manager("mia"),
    )
    .await;
    let (_, body) = app
        .get_json(
            "/api/v1/stories?value=klantgericht&featured=true",
            As::Anonymous,
        )
        .await;
    assert_eq!(crate::helpers::ids(&body), vec![featured]);
}
