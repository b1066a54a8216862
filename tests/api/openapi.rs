//! The OpenAPI description: served, and covering every API route there is.

use rocket::http::{Method, Status};

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn every_api_route_is_described() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.get_json("/api/v1/openapi.json", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(doc["openapi"].as_str().unwrap().starts_with('3'));
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let paths = doc["paths"].as_object().unwrap();
    let mut missing = Vec::new();
    for route in app.client.rocket().routes() {
        let path = route.uri.path().to_string();
        if !path.starts_with("/api/v1/")
            || route.method == Method::Options
            || path.ends_with("/openapi.json")
        {
            continue;
        }
        // Rocket's `<id>` is OpenAPI's `{id}`.
        let described: String = path
            .split('/')
            .map(
                |part| match part.strip_prefix('<').and_then(|p| p.strip_suffix('>')) {
                    Some(name) => format!("{{{name}}}"),
                    None => part.to_owned(),
                },
            )
            .collect::<Vec<_>>()
            .join("/");
        let method = route.method.as_str().to_ascii_lowercase();
        if paths.get(&described).and_then(|p| p.get(&method)).is_none() {
            missing.push(format!("{method} {described}"));
        }
    }
    assert!(
        missing.is_empty(),
        "routes without a description: {missing:?}"
    );
    let story = &doc["components"]["schemas"]["StoryView"]["properties"];
    for field in [
        "id",
        "title",
        "body_html",
        "values",
        "status",
        "author",
        "inspired",
    ] {
        assert!(story.get(field).is_some(), "StoryView.{field}");
    }
}
