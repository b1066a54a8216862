//! NUL bytes and broken UTF-8 wherever a request carries text: JSON bodies,
//! forms, query strings and paths. A 4xx, never a 5xx, and nothing stored
//! (PostgreSQL refuses a NUL in any text: before `crate::domain::refuse_nul`
//! and the URL check of `routes/nul.rs` such requests were `500`s there).

use rocket::http::Status;
use serde_json::{Value, json};

use super::requests::{endpoints, seeded, send_raw, stored};
use crate::helpers::{As, story_json};

#[rocket::async_test]
async fn nul_bytes_and_broken_utf8_get_4xx_and_store_nothing() {
    let (app, published, other, barrier, note) = seeded().await;
    let before = stored(&app, published).await;

    // JSON: in every text field, a NUL escaped and raw, and a byte that is
    // no UTF-8.
    for (method, path, who, valid) in endpoints(published, other, barrier, note) {
        let Value::Object(fields) = &valid else {
            unreachable!()
        };
        for (key, value) in fields {
            let Value::String(text) = value else { continue };
            let mut escaped = valid.clone();
            escaped[key] = json!(format!("{}\u{0}{}", &text[..2], &text[2..]));
            let raw = valid.to_string();
            let at = raw.find(text.as_str()).unwrap() + 1;
            let nul = [&raw.as_bytes()[..at], b"\0", &raw.as_bytes()[at..]].concat();
            let broken = [&raw.as_bytes()[..at], b"\xC0", &raw.as_bytes()[at..]].concat();
            for (what, body) in [
                ("\\u0000", escaped.to_string().into_bytes()),
                ("a NUL byte", nul),
                ("not UTF-8", broken),
            ] {
                let status = send_raw(&app, method, &path, &body, who).await;
                assert_eq!(
                    status,
                    Status::UnprocessableEntity,
                    "{method} {path} {key}: {what}"
                );
            }
        }
    }

    // The colleagues a story names are looked up: no id holds a NUL.
    let mut story = story_json("Met een collega", &["klantgericht"]);
    story["people"] = json!(["bo\u{0}b"]);
    let (status, answer) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{answer}");
    assert_eq!(answer["errors"][0]["field"], "people");

    // Forms: a NUL is refused as in JSON.
    let body = "body=Het+was+een+hele+klus+maar+het+lukte.";
    let story = |fields: &str| format!("{fields}&values=klantgericht&{body}");
    for (path, form, who) in [
        ("/stories".to_owned(), story("title=Een%00titel"), "anna"),
        ("/stories".into(), story("title=Een+titel&team=%00"), "anna"),
        (
            "/stories".into(),
            format!("{}%00", story("title=Een")),
            "anna",
        ),
        ("/barriers".into(), story("title=Een%00drempel"), "anna"),
        (
            format!("/stories/{published}/notes"),
            "body=Dank%00je".into(),
            "bob",
        ),
        (
            format!("/stories/{published}/report"),
            "reason=Niet%00aardig".into(),
            "bob",
        ),
    ] {
        let status = app.post_form(&path, &form, As::Staff(who)).await.status();
        // A report's form goes back to the story with the error as a flash.
        let flashed = path.ends_with("/report") && status == Status::SeeOther;
        assert!(
            flashed || (status.code >= 400 && status.code < 500),
            "{path} {form}: {status}"
        );
    }
    let form = "body=Ik+luister%00+eerst.";
    let path = "/values/klantgericht/commitment";
    let status = app.post_form(path, form, As::Manager("mia")).await.status();
    assert_eq!(status, Status::UnprocessableEntity, "{path}");

    // Query strings and paths: a NUL is 400; other bytes find nothing.
    for path in [
        "/search?q=%00",
        "/search?q=klant%00",
        "/embed/search?q=%00",
        "/api/v1/search?q=%00",
        "/api/v1/search?team=%00",
        "/stories?team=%00",
        "/api/v1/stories?value=%00",
        "/api/v1/people?q=%00",
        "/api/v1/barriers?q=%00",
        "/barriers?q=%00",
        "/values/klantgericht?by=%00",
        "/embed/stories?value=%00",
        "/oembed?url=https%3A%2F%2Fx%2Fstories%2F1%00",
        "/values/%00",
        "/values/klantgericht%00",
        "/values/%00/feed.atom",
        "/people/%00",
        "/people/anna%00",
        "/api/v1/values/%00",
    ] {
        let status = app.get(path, As::Manager("mia")).await.status();
        assert_eq!(status, Status::BadRequest, "{path}");
    }
    for path in [
        "/search?q=%FF",
        "/embed/search?q=%C0%80",
        "/api/v1/search?q=%FF%FE",
        "/api/v1/search?lang=%FF",
        "/stories?team=%FF",
        "/values/%FF",
        "/people/%FF",
        "/stories/%00",
        "/barriers/%00",
        "/embed/stories/%FF",
        "/api/v1/stories/%00/notes",
        "/static/style.css%00",
        "/%00",
        "/%FF%FE",
    ] {
        let status = app.get(path, As::Manager("mia")).await.status();
        assert!(status.code < 500, "{path}: {status}");
    }
    assert_eq!(stored(&app, published).await, before, "nothing stored");

    // Rocket decodes a form's fields lossily: bytes that are not UTF-8
    // become U+FFFD, and only that is stored.
    let form = story("title=Een%FF%FEtitel&team=%C0%80");
    let status = app
        .post_form("/stories", &form, As::Staff("anna"))
        .await
        .status();
    assert_eq!(status, Status::SeeOther);
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    let newest = &mine["stories"][0];
    assert_eq!(newest["title"], "Een\u{fffd}\u{fffd}titel");
    assert_eq!(newest["team"], "\u{fffd}\u{fffd}");
}
