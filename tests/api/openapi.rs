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

#[rocket::async_test]
async fn the_description_states_the_limits_the_server_enforces_and_every_error_answer() {
    use merkwaardig::domain::field_limits::*;
    let app = TestApp::spawn().await;
    let doc = app.get_json("/api/v1/openapi.json", As::Anonymous).await.1;
    let input = &doc["components"]["schemas"]["StoryInput"]["properties"];
    assert_eq!(input["title"]["minLength"], TITLE_MIN);
    assert_eq!(input["title"]["maxLength"], TITLE_MAX);
    assert_eq!(input["body"]["minLength"], BODY_MIN);
    assert_eq!(input["body"]["maxLength"], BODY_MAX);
    assert_eq!(input["values"]["minItems"], VALUES_MIN);
    assert_eq!(input["values"]["maxItems"], VALUES_MAX);
    assert_eq!(input["team"]["maxLength"], TEAM_MAX);
    let reject = &doc["components"]["schemas"]["RejectBody"]["properties"];
    assert_eq!(reject["reason"]["maxLength"], REASON_MAX);

    let paths = doc["paths"].as_object().unwrap();
    let list = &paths["/api/v1/stories"]["get"]["parameters"];
    let limit = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap();
    assert_eq!(limit["schema"]["minimum"], 1);
    assert_eq!(limit["schema"]["maximum"], 100);

    for (path, methods) in paths {
        for (method, operation) in methods.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            for status in ["400", "401", "403", "429"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} lacks {status}"
                );
            }
            if method != "get" {
                assert!(responses.contains_key("415"), "{method} {path} lacks 415");
            }
        }
    }
}
