use rocket::http::Status;

use crate::helpers::{As, TestApp};

fn assert_security_headers(response: &rocket::local::asynchronous::LocalResponse<'_>, what: &str) {
    let headers = response.headers();
    let csp = headers
        .get_one("Content-Security-Policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{what}: {csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        headers.get_one("X-Content-Type-Options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        headers.get_one("Referrer-Policy"),
        Some("strict-origin-when-cross-origin"),
        "{what}"
    );
    assert_eq!(headers.get_one("X-Frame-Options"), Some("DENY"), "{what}");
}

#[rocket::async_test]
async fn security_headers_are_on_pages_api_answers_and_error_pages() {
    let app = TestApp::spawn().await;
    for (path, status) in [
        ("/", Status::Ok),
        ("/search?q=klant", Status::Ok),
        ("/api/v1/values", Status::Ok),
        ("/api/v1/stories/999", Status::NotFound),
        ("/bestaat-niet", Status::NotFound),
        ("/stories/new", Status::Unauthorized),
        ("/static/style.css", Status::Ok),
    ] {
        let response = app.get(path, As::Anonymous).await;
        assert_eq!(response.status(), status, "{path}");
        assert_security_headers(&response, path);
    }
}

#[rocket::async_test]
async fn every_response_carries_a_request_id_a_trusted_proxy_may_set() {
    let app = TestApp::spawn().await;
    let id_of = |response: &rocket::local::asynchronous::LocalResponse<'_>| {
        response
            .headers()
            .get_one("X-Request-Id")
            .unwrap_or_default()
            .to_owned()
    };
    let first = id_of(&app.get("/", As::Anonymous).await);
    let second = id_of(&app.get("/api/v1/stories/999", As::Anonymous).await);
    assert_eq!(first.len(), 16, "{first}");
    assert_ne!(first, second, "a new id per request");

    let from_proxy = |id: &'static str, peer: &'static str| {
        app.client
            .get("/api/v1/values")
            .remote(peer.parse().unwrap())
            .header(rocket::http::Header::new("X-Request-Id", id))
            .dispatch()
    };
    let trusted = crate::helpers::PROXY;
    assert_eq!(id_of(&from_proxy("lb-7f3a.1", trusted).await), "lb-7f3a.1");
    assert_ne!(
        id_of(&from_proxy("lb-7f3a.1", "10.9.9.9:5000").await),
        "lb-7f3a.1",
        "not from an untrusted peer"
    );
    assert_ne!(
        id_of(&from_proxy("two words", trusted).await),
        "two words",
        "only plain tokens"
    );
}
