//! Bodies made to break the service rather than to use it: too big, JSON
//! malformed, mistyped or with fields nobody asked for. Each gets a 4xx and
//! nothing is stored. (Elsewhere: a story over 64 KiB and malformed story
//! JSON in `stories`.)

use rocket::http::{ContentType, Status};
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, story_json};

pub(super) async fn send_raw(
    app: &TestApp,
    method: &str,
    path: &str,
    body: &[u8],
    who: As,
) -> Status {
    let req = match method {
        "POST" => app.client.post(path.to_owned()),
        "PUT" => app.client.put(path.to_owned()),
        other => panic!("unsupported method {other}"),
    };
    app.with_identity(req, who)
        .header(ContentType::JSON)
        .body(body)
        .dispatch()
        .await
        .status()
}

/// What the database holds that people write or set, as the API shows it:
/// the moderation queue and reports, published stories, barriers, notes,
/// a value's commitments and pick, anna's notifications and settings, the
/// webhooks.
pub(super) async fn stored(app: &TestApp, story: i64) -> Value {
    let notes = format!("/api/v1/stories/{story}/notes");
    let mut all = Vec::new();
    for (path, who) in [
        ("/api/v1/moderation", As::Manager("mia")),
        ("/api/v1/stories?limit=100", As::Anonymous),
        ("/api/v1/barriers", As::Manager("mia")),
        (notes.as_str(), As::Staff("anna")),
        ("/api/v1/values/klantgericht", As::Anonymous),
        ("/api/v1/me/notifications", As::Staff("anna")),
        ("/api/v1/me/notification-settings", As::Staff("anna")),
        ("/api/v1/webhooks", As::Admin("ada")),
    ] {
        let (status, body) = app.get_json(path, who).await;
        assert_eq!(status, Status::Ok, "{path}");
        all.push(body);
    }
    Value::Array(all)
}

/// Two published stories, a barrier and a note: something for every
/// endpoint that takes a body to work on. Post-moderation, so that readers
/// may report a story.
pub(super) async fn seeded() -> (TestApp, i64, i64, i64, i64) {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    for who in [As::Staff("bob"), As::Manager("max")] {
        app.get("/", who).await;
    }
    let published = app
        .submit(As::Staff("anna"), "Gepubliceerd", &["klantgericht"])
        .await;
    let other = app
        .submit(As::Staff("anna"), "Nog een", &["klantgericht"])
        .await;
    let barrier = json!({"title": "Drie handtekeningen", "body": "Het retourformulier vraagt drie handtekeningen.", "values": ["klantgericht"]});
    let (_, barrier) = app
        .send_json("POST", "/api/v1/barriers", &barrier, As::Staff("anna"))
        .await;
    let path = format!("/api/v1/stories/{published}/notes");
    let (_, note) = app
        .send_json(
            "POST",
            &path,
            &json!({"body": "Dank je!"}),
            As::Staff("bob"),
        )
        .await;
    let (barrier, note) = (
        barrier["id"].as_i64().unwrap(),
        note["id"].as_i64().unwrap(),
    );
    (app, published, other, barrier, note)
}

/// Every endpoint that reads a JSON body: method, path, who, a valid body.
pub(super) fn endpoints(
    published: i64,
    other: i64,
    barrier: i64,
    note: i64,
) -> Vec<(&'static str, String, As, Value)> {
    let mut story = story_json("Een nieuw verhaal", &["klantgericht"]);
    story["lang"] = json!("nl");
    vec![
        (
            "POST",
            "/api/v1/stories".into(),
            As::Staff("anna"),
            story.clone(),
        ),
        (
            "PUT",
            format!("/api/v1/stories/{other}"),
            As::Staff("anna"),
            story,
        ),
        (
            "POST",
            "/api/v1/barriers".into(),
            As::Staff("anna"),
            json!({"title": "Nog een", "body": "Het formulier vraagt te veel handtekeningen.", "values": ["klantgericht"]}),
        ),
        (
            "PUT",
            format!("/api/v1/barriers/{barrier}"),
            As::Manager("mia"),
            json!({"status": "acknowledged", "owner": "max"}),
        ),
        (
            "POST",
            format!("/api/v1/stories/{published}/notes"),
            As::Staff("bob"),
            json!({"body": "Nog eens dank!"}),
        ),
        (
            "POST",
            format!("/api/v1/notes/{note}/reports"),
            As::Staff("carla"),
            json!({"reason": "Niet aardig."}),
        ),
        (
            "POST",
            format!("/api/v1/stories/{published}/reports"),
            As::Staff("carla"),
            json!({"reason": "Klantnaam."}),
        ),
        (
            "POST",
            format!("/api/v1/stories/{other}/reject"),
            As::Manager("mia"),
            json!({"reason": "Te kort."}),
        ),
        (
            "PUT",
            format!("/api/v1/stories/{published}/values"),
            As::Manager("mia"),
            json!({"values": ["betrouwbaar"]}),
        ),
        (
            "PUT",
            "/api/v1/values/klantgericht/commitment".into(),
            As::Manager("mia"),
            json!({"body": "Ik bel klanten zelf terug."}),
        ),
        (
            "PUT",
            "/api/v1/values/klantgericht/story-of-the-month".into(),
            As::Manager("mia"),
            json!({"story": published}),
        ),
        (
            "PUT",
            "/api/v1/me/notification-settings".into(),
            As::Staff("anna"),
            json!({"published": "site"}),
        ),
        (
            "POST",
            "/api/v1/me/notifications/read".into(),
            As::Staff("anna"),
            json!({"ids": []}),
        ),
        (
            "POST",
            "/api/v1/webhooks".into(),
            As::Admin("ada"),
            json!({"name": "Chat", "url": "https://hooks.example/a", "format": "json", "events": ["published"]}),
        ),
    ]
}

#[rocket::async_test]
async fn malformed_mistyped_and_unknown_json_is_422_and_changes_nothing() {
    let (app, published, other, barrier, note) = seeded().await;
    let before = stored(&app, published).await;
    for (method, path, who, valid) in endpoints(published, other, barrier, note) {
        // Not `[]`: serde reads a struct from an array too, and for a body
        // whose fields may all be left out that is `{}`.
        let mut bad: Vec<String> = [
            "{\"title\": ",
            "{,}",
            "[",
            "nul",
            "{\"a\": 1}}",
            "{\"a\" 1}",
            "'x'",
            "[1, 2]",
            "\"tekst\"",
            "42",
            "true",
            "{\"\u{0}\": 1}",
        ]
        .map(str::to_owned)
        .to_vec();
        let Value::Object(fields) = &valid else {
            unreachable!()
        };
        for (key, value) in fields {
            // Each field with a value of the wrong type.
            let wrong = match value {
                Value::String(_) => json!(["lijst"]),
                Value::Array(_) => json!("tekst"),
                _ => json!({"object": true}),
            };
            let mut body = valid.clone();
            body[key] = wrong;
            bad.push(body.to_string());
        }
        let mut unknown = valid.clone();
        unknown["author_id"] = json!("mia");
        bad.push(unknown.to_string());
        for body in bad {
            let status = send_raw(&app, method, &path, body.as_bytes(), who).await;
            assert_eq!(
                status,
                Status::UnprocessableEntity,
                "{method} {path} {body}"
            );
        }
        // Not UTF-8, and over the limit.
        let status = send_raw(&app, method, &path, b"{\"body\": \"\xff\xfe\"}", who).await;
        assert_eq!(
            status,
            Status::UnprocessableEntity,
            "{method} {path}: not UTF-8"
        );
        let huge = json!({"body": "x".repeat(70 * 1024)}).to_string();
        let status = send_raw(&app, method, &path, huge.as_bytes(), who).await;
        assert_eq!(status, Status::PayloadTooLarge, "{method} {path}: 70 KiB");
    }
    assert_eq!(stored(&app, published).await, before, "nothing changed");
}

#[rocket::async_test]
async fn form_bodies_over_the_limit_are_413_and_store_nothing() {
    let (app, published, ..) = seeded().await;
    let before = stored(&app, published).await;
    let huge = format!(
        "title=Groot&values=klantgericht&body={}",
        "x".repeat(130 * 1024)
    );
    for path in [
        "/stories".to_owned(),
        "/barriers".into(),
        "/preview".into(),
        format!("/stories/{published}/notes"),
        format!("/stories/{published}/report"),
    ] {
        let response = app.post_form(&path, &huge, As::Staff("anna")).await;
        assert_eq!(response.status(), Status::PayloadTooLarge, "{path}");
    }
    assert_eq!(stored(&app, published).await, before);
}
