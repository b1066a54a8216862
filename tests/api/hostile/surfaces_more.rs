//! The corpus in everything else people write or are called: thank-you
//! notes and their reports, reasons for rejecting, barriers and replies,
//! managers' commitments, names from the sign-on proxy, forms sent back with
//! an error, the preview, and the notifications that quote them.

use rocket::http::{ContentType, Header, Status};
use serde_json::json;

use super::surfaces::page;
use super::{assert_inert, attrs, packed, payloads, texts};
use crate::helpers::{As, PROXY, TestApp};

/// Managers who each write their commitment to a value.
const MANAGERS: [&str; 12] = [
    "mia", "max", "mo", "mila", "mats", "mira", "milan", "maud", "mees", "merel", "mick", "myra",
];

/// Names a sign-on proxy might pass on for someone (header values cannot
/// hold control characters).
const NAMES: [(&str, &str); 3] = [
    ("eve", "\"><img src=x onerror=alert(1)>"),
    ("evi", "<script>alert(1)</script>"),
    ("ewa", "Ewa</title><svg onload=alert(1)>"),
];

fn form(pairs: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        form.append_pair(key, value);
    }
    form.finish()
}

/// Line breaks as an HTML parser hands them back.
fn newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[rocket::async_test]
async fn hostile_notes_reasons_barriers_commitments_names_and_forms_stay_inert() {
    let app = TestApp::spawn_with(|f| {
        f.merge(("submissions_per_hour", 10_000))
            .merge(("notes_per_hour", 10_000))
    })
    .await;
    let all = payloads();
    let lines = packed(&all, 120, " ");
    let texts_1000 = packed(&all, 1000, "\n\n");
    let texts_5000 = packed(&all, 5000, "\n\n");
    for who in ["bob", "carla"] {
        app.get("/", As::Staff(who)).await;
    }

    // People whose name, as the proxy sends it, is a payload: a story each.
    let mut named_stories = Vec::new();
    for (id, name) in NAMES {
        let response = app
            .client
            .post("/api/v1/stories")
            .remote(PROXY.parse().unwrap())
            .header(Header::new("X-Forwarded-User", id))
            .header(Header::new("X-Forwarded-Preferred-Username", name))
            .header(ContentType::JSON)
            .body(
                crate::helpers::story_json("Van iemand met een rare naam", &["klantgericht"])
                    .to_string(),
            )
            .dispatch()
            .await;
        assert_eq!(response.status(), Status::Created);
        let story: serde_json::Value = response.into_json().await.unwrap();
        named_stories.push(story["id"].as_i64().unwrap());
    }
    let html = page(&app, "/moderation", As::Manager("mia")).await;
    for (_, name) in NAMES {
        assert!(
            texts(&html, ".queue-item p.meta")
                .iter()
                .any(|m| m.contains(name)),
            "{name}"
        );
    }
    for id in &named_stories {
        app.publish(*id).await;
        let html = page(&app, &format!("/stories/{id}"), As::Anonymous).await;
        let byline = texts(&html, "p.meta a[href^=\"/people/\"]");
        assert!(
            NAMES.iter().any(|(_, name)| byline == [*name]),
            "{byline:?}"
        );
    }
    for (id, name) in NAMES {
        let html = page(&app, &format!("/people/{id}"), As::Anonymous).await;
        assert!(texts(&html, "h1#stories")[0].contains(name), "{name}");
    }

    // Thank-you notes under a story, each reported with a hostile reason.
    let story = named_stories[0];
    for (n, text) in texts_1000.iter().enumerate() {
        let path = format!("/api/v1/stories/{story}/notes");
        let (status, note) = app
            .send_json("POST", &path, &json!({"body": text}), As::Staff("bob"))
            .await;
        assert_eq!(status, Status::Created, "{note}");
        assert_inert(note["body_html"].as_str().unwrap(), "a note (API)");
        let reason = &lines[n % lines.len()];
        let path = format!("/api/v1/notes/{}/reports", note["id"]);
        let (status, _) = app
            .send_json(
                "POST",
                &path,
                &json!({"reason": reason}),
                As::Staff("carla"),
            )
            .await;
        assert_eq!(status, Status::NoContent, "{path}");
    }
    for who in [As::Anonymous, As::Staff("carla"), As::Manager("mia")] {
        page(&app, &format!("/stories/{story}"), who).await;
    }
    let html = page(&app, "/moderation", As::Manager("mia")).await;
    let reasons = texts(&html, "ul.reports li");
    for reason in lines.iter().take(texts_1000.len()) {
        assert!(reasons.iter().any(|r| r.contains(reason)), "{reason}");
    }

    // Stories rejected with hostile reasons: the author reads them.
    for reason in &texts_1000 {
        let id = app
            .submit(As::Staff("anna"), "Een afgewezen verhaal", &["betrouwbaar"])
            .await;
        let (status, _) = app
            .moderate(id, "reject", &json!({"reason": reason}), As::Manager("mia"))
            .await;
        assert_eq!(status, Status::Ok);
        let html = page(&app, &format!("/stories/{id}"), As::Staff("anna")).await;
        let notice = texts(&html, "p.notice-rejected");
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(words(&notice[0]).contains(&words(reason)), "{notice:?}");
    }
    page(&app, "/my/stories", As::Staff("anna")).await;
    for who in ["anna", "bob", "eve"] {
        page(&app, "/notifications", As::Staff(who)).await;
    }

    // Barriers: titles and texts; replies from the manager who solves them.
    let mut barriers = Vec::new();
    for (n, title) in lines.iter().enumerate() {
        let body = match texts_5000.get(n) {
            Some(text) => text.clone(),
            None => format!("Wat mij tegenhield, deel {n}: {title}"),
        };
        let barrier = json!({"title": title, "body": body, "values": ["samen-sterker"], "anonymous": n % 2 == 1});
        let (status, created) = app
            .send_json("POST", "/api/v1/barriers", &barrier, As::Staff("anna"))
            .await;
        assert_eq!(status, Status::Created, "{created}");
        assert_inert(created["body_html"].as_str().unwrap(), "a barrier (API)");
        barriers.push((created["id"].as_i64().unwrap(), title));
    }
    for (n, reply) in texts_5000.iter().enumerate() {
        let path = format!("/api/v1/barriers/{}", barriers[n].0);
        let change = json!({"status": "solved", "reply": reply, "owner": "me"});
        let (status, solved) = app
            .send_json("PUT", &path, &change, As::Manager("mia"))
            .await;
        assert_eq!(status, Status::Ok, "{solved}");
    }
    for who in [As::Staff("anna"), As::Manager("mia")] {
        let html = page(&app, "/barriers", who).await;
        let listed = texts(&html, "h3 a[href^=\"/barriers/\"]");
        for (_, title) in &barriers {
            assert!(listed.contains(title), "{title}");
        }
    }
    for (id, title) in &barriers {
        let html = page(&app, &format!("/barriers/{id}"), As::Manager("mia")).await;
        assert_eq!(texts(&html, "article.barrier > h1"), [title.as_str()]);
    }

    // Commitments of managers, on the value page that also shows the
    // solved barriers; each manager's own form holds their text.
    assert!(
        MANAGERS.len() >= texts_1000.len(),
        "every note-sized piece is a commitment"
    );
    for (manager, text) in MANAGERS.iter().zip(&texts_1000) {
        let path = "/api/v1/values/samen-sterker/commitment";
        let (status, written) = app
            .send_json("PUT", path, &json!({"body": text}), As::Manager(manager))
            .await;
        assert_eq!(status, Status::Ok, "{written}");
        let html = page(&app, "/values/samen-sterker", As::Manager(manager)).await;
        let own = texts(&html, "textarea#commitment-body");
        assert_eq!(newlines(&own[0]), newlines(text.trim()), "{manager}'s form");
    }
    for who in [As::Anonymous, As::Staff("anna")] {
        page(&app, "/values/samen-sterker", who).await;
    }

    // Forms sent back with an error keep what was typed, as text.
    let teams = packed(&all, 60, " ");
    for (n, title) in lines.iter().enumerate() {
        let body = &texts_5000[n % texts_5000.len()];
        let typed = form(&[
            ("title", title),
            ("body", body),
            ("team", &teams[n % teams.len()]),
            ("approach", &lines[lines.len() - 1 - n]),
        ]);
        let response = app.post_form("/stories", &typed, As::Staff("anna")).await;
        assert_eq!(response.status(), Status::UnprocessableEntity, "no values");
        let html = response.into_string().await.unwrap();
        assert_inert(&html, "the story form sent back");
        assert_eq!(attrs(&html, "input#title", "value"), [title.as_str()]);
        assert_eq!(
            attrs(&html, "input#team", "value"),
            [teams[n % teams.len()].as_str()]
        );
        assert_eq!(
            newlines(&texts(&html, "textarea#body")[0]),
            newlines(body.trim())
        );

        let typed = form(&[("title", title), ("body", body)]);
        let response = app.post_form("/barriers", &typed, As::Staff("anna")).await;
        assert_eq!(response.status(), Status::UnprocessableEntity, "no values");
        let html = response.into_string().await.unwrap();
        assert_inert(&html, "the barrier form sent back");
        assert_eq!(attrs(&html, "input#title", "value"), [title.as_str()]);
    }
    for body in &texts_5000 {
        let response = app
            .post_form("/preview", &form(&[("body", body)]), As::Staff("anna"))
            .await;
        assert_eq!(response.status(), Status::Ok);
        assert_inert(&response.into_string().await.unwrap(), "the preview");
    }
}
