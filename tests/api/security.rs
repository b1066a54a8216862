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
