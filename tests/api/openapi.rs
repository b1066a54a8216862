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

/// Found by the contract check (`tests/contract/run`): the error bodies were
/// referenced but not defined, so a client generator or schemathesis could
/// not read any error answer; and some operations answered statuses they did
/// not document.
#[rocket::async_test]
async fn every_reference_resolves_and_every_operation_documents_what_its_input_can_cause() {
    let app = TestApp::spawn().await;
    let doc = app.get_json("/api/v1/openapi.json", As::Anonymous).await.1;

    fn refs<'a>(value: &'a serde_json::Value, found: &mut Vec<&'a str>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                    found.push(target);
                }
                map.values().for_each(|v| refs(v, found));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| refs(v, found)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    refs(&doc, &mut found);
    assert!(found.contains(&"#/components/schemas/ErrorBody"));
    for target in found {
        let pointer = target.strip_prefix('#').expect("a local reference");
        assert!(doc.pointer(pointer).is_some(), "{target} points nowhere");
    }

    for (path, methods) in doc["paths"].as_object().unwrap() {
        for (method, operation) in methods.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            let parameters = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            // An id that does not exist, or is no number: 404.
            if parameters.iter().any(|p| p["in"] == "path") {
                assert!(responses.contains_key("404"), "{method} {path} lacks 404");
            }
            // A body: too large (413) or invalid (422).
            if operation.get("requestBody").is_some() {
                for status in ["413", "422"] {
                    assert!(
                        responses.contains_key(status),
                        "{method} {path} lacks {status}"
                    );
                }
            }
        }
    }
    // `limit=0` is refused, field by field; `q` may be left out.
    let people = &doc["paths"]["/api/v1/people"]["get"];
    assert!(
        people["responses"].get("422").is_some(),
        "GET /api/v1/people lacks 422"
    );
    assert_eq!(people["parameters"][0]["name"], "q");
    assert_eq!(people["parameters"][0]["required"], false);
    // A note's report reason has the limits of a story's.
    let reason = &doc["components"]["schemas"]["NoteReportInput"]["properties"]["reason"];
    assert_eq!(reason["minLength"], 1);
    assert_eq!(
        reason["maxLength"],
        merkwaardig::domain::field_limits::REASON_MAX
    );
}
