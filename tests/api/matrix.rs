//! Every role against every API endpoint: allowed or refused as specified.

use rocket::http::{ContentType, Header, Status};
use serde_json::{Value, json};

use merkwaardig::services::tokens::{self, TokenScope};

use crate::helpers::{As, PROXY, TestApp, story_json};

#[derive(Clone, Copy, Debug)]
enum Caller<'a> {
    Person(As),
    Token(&'a str, &'static str),
}

async fn call(
    app: &TestApp,
    caller: Caller<'_>,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Status {
    let req = match method {
        "GET" => app.client.get(path.to_owned()),
        "POST" => app.client.post(path.to_owned()),
        "PUT" => app.client.put(path.to_owned()),
        "DELETE" => app.client.delete(path.to_owned()),
        _ => unreachable!(),
    };
    let req = match caller {
        Caller::Token(secret, _) => {
            req.header(Header::new("Authorization", format!("Bearer {secret}")))
        }
        Caller::Person(who) => {
            let req = req.remote(PROXY.parse().unwrap());
            match who {
                As::Anonymous => req,
                As::Staff(u) => req.header(Header::new("X-Forwarded-User", u)),
                As::Manager(u) => req
                    .header(Header::new("X-Forwarded-User", u))
                    .header(Header::new("X-Forwarded-Groups", "managers")),
                As::Admin(u) => req
                    .header(Header::new("X-Forwarded-User", u))
                    .header(Header::new("X-Forwarded-Groups", "admins")),
            }
        }
    };
    let req = match body {
        Some(body) => req.header(ContentType::JSON).body(body.to_string()),
        None => req,
    };
    req.dispatch().await.status()
}

/// A row: method, path (with `{pending}`, `{published}`, `{barrier}`,
/// `{note}`, `{webhook}` made fresh for every cell), body, and the status
/// for each caller: anonymous, author, other staff, manager, admin, search
/// token, submit token, admin token.
pub type Row = (&'static str, &'static str, Option<Value>, [Status; 8]);

/// Calls every row as every caller on a fresh app, and checks the status.
pub async fn check_rows(rows: &[Row]) {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 5000))).await;
    let search = tokens::create(&app.state().db, "s", TokenScope::Search)
        .await
        .unwrap()
        .1;
    let submit = tokens::create(&app.state().db, "u", TokenScope::Submit)
        .await
        .unwrap()
        .1;
    let admin = tokens::create(&app.state().db, "a", TokenScope::Admin)
        .await
        .unwrap()
        .1;
    let callers = [
        Caller::Person(As::Anonymous),
        Caller::Person(As::Staff("anna")),
        Caller::Person(As::Staff("bob")),
        Caller::Person(As::Manager("mia")),
        Caller::Person(As::Admin("ada")),
        Caller::Token(&search, "search token"),
        Caller::Token(&submit, "submit token"),
        Caller::Token(&admin, "admin token"),
    ];
    for (method, template, body, expected) in rows {
        for (caller, want) in callers.iter().zip(expected) {
            let pending = app
                .submit(As::Staff("anna"), "Wachtend", &["klantgericht"])
                .await;
            let published = app
                .submit_published(As::Staff("anna"), "Gepubliceerd", &["klantgericht"])
                .await;
            let (_, reported) = app
                .send_json(
                    "POST",
                    "/api/v1/barriers",
                    &json!({"title": "Een drempel", "body": "Het formulier vraagt drie handtekeningen.", "values": ["klantgericht"]}),
                    As::Staff("anna"),
                )
                .await;
            let barrier = reported["id"].as_i64().expect("a barrier");
            let note = if template.contains("{note}") {
                let (_, made) = app
                    .send_json(
                        "POST",
                        &format!("/api/v1/stories/{published}/notes"),
                        &json!({"body": "Een bedankje"}),
                        As::Staff("bob"),
                    )
                    .await;
                made["id"].as_i64().expect("a note")
            } else {
                0
            };
            let webhook = if template.contains("{webhook}") {
                let (_, made) = app
                    .send_json(
                        "POST",
                        "/api/v1/webhooks",
                        &json!({"name": "Weg", "url": "https://hooks.example/y", "format": "slack", "events": ["published"]}),
                        As::Admin("ada"),
                    )
                    .await;
                made["webhook"]["id"].as_i64().expect("a webhook")
            } else {
                0
            };
            let path = template
                .replace("{pending}", &pending.to_string())
                .replace("{published}", &published.to_string())
                .replace("{barrier}", &barrier.to_string())
                .replace("{webhook}", &webhook.to_string())
                .replace("{note}", &note.to_string());
            let body: Option<Value> = body.as_ref().map(|body| {
                let text = body
                    .to_string()
                    .replace("\"{published}\"", &published.to_string());
                serde_json::from_str(&text).unwrap()
            });
            let got = call(&app, *caller, method, &path, body.as_ref()).await;
            let who = match caller {
                Caller::Person(who) => format!("{who:?}"),
                Caller::Token(_, name) => (*name).to_owned(),
            };
            assert_eq!(got, *want, "{method} {template} as {who}");
        }
    }
}

#[rocket::async_test]
async fn every_role_gets_what_it_may_on_every_endpoint() {
    use Status as S;
    let (ok, created, none, unauth, forbidden, missing, conflict) = (
        S::Ok,
        S::Created,
        S::NoContent,
        S::Unauthorized,
        S::Forbidden,
        S::NotFound,
        S::Conflict,
    );
    let manager_only = [
        unauth, forbidden, forbidden, ok, ok, forbidden, forbidden, ok,
    ];
    // Columns follow `callers`: anonymous, author, other staff, manager, admin, search, submit, admin token.
    // `{pending}` and `{published}` are stories by anna, fresh for every cell.
    let people_only = [
        unauth, forbidden, forbidden, ok, ok, forbidden, forbidden, forbidden,
    ];
    // `{barrier}` is a new barrier reported by anna, fresh for every cell.
    let rows: Vec<Row> = vec![
        ("GET", "/api/v1/values", None, [ok; 8]),
        ("GET", "/api/v1/search?q=klant", None, [ok; 8]),
        ("GET", "/api/v1/stories", None, [ok; 8]),
        ("GET", "/api/v1/stories/{published}", None, [ok; 8]),
        (
            "GET",
            "/api/v1/stories/{pending}",
            None,
            [missing, ok, missing, ok, ok, missing, missing, ok],
        ),
        (
            "POST",
            "/api/v1/stories",
            Some(story_json("Matrix", &["klantgericht"])),
            [
                unauth, created, created, created, created, forbidden, created, created,
            ],
        ),
        (
            "PUT",
            "/api/v1/stories/{published}",
            Some(story_json("Matrix bewerkt", &["klantgericht"])),
            [
                unauth, ok, forbidden, forbidden, forbidden, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "DELETE",
            "/api/v1/stories/{published}",
            None,
            [
                unauth, none, forbidden, forbidden, none, forbidden, forbidden, none,
            ],
        ),
        (
            "POST",
            "/api/v1/stories/{pending}/publish",
            None,
            [
                unauth, forbidden, forbidden, ok, ok, forbidden, forbidden, ok,
            ],
        ),
        (
            "POST",
            "/api/v1/stories/{pending}/reject",
            Some(json!({"reason": "Niet nu"})),
            [
                unauth, forbidden, forbidden, ok, ok, forbidden, forbidden, ok,
            ],
        ),
        (
            "POST",
            "/api/v1/stories?draft=true",
            Some(json!({"title": "", "body": "Begin", "values": []})),
            [
                unauth, created, created, created, created, forbidden, created, created,
            ],
        ),
        (
            "GET",
            "/api/v1/stories/{published}/revisions",
            None,
            [unauth, ok, forbidden, ok, ok, forbidden, forbidden, ok],
        ),
        (
            "PUT",
            "/api/v1/stories/{pending}/values",
            Some(json!({"values": ["klantgericht"], "note": "beter zo"})),
            manager_only,
        ),
        (
            "PUT",
            "/api/v1/stories/{published}/featured",
            None,
            manager_only,
        ),
        (
            "DELETE",
            "/api/v1/stories/{published}/featured",
            None,
            manager_only,
        ),
        // Reports exist only under post-moderation; this app moderates first.
        (
            "POST",
            "/api/v1/stories/{published}/reports",
            Some(json!({"reason": "Klantnaam genoemd"})),
            [
                unauth, conflict, conflict, conflict, conflict, forbidden, conflict, conflict,
            ],
        ),
        (
            "DELETE",
            "/api/v1/stories/{published}/reports",
            None,
            [
                unauth, forbidden, forbidden, none, none, forbidden, forbidden, none,
            ],
        ),
        ("GET", "/api/v1/moderation", None, manager_only),
        (
            "GET",
            "/api/v1/me/stories",
            None,
            [unauth, ok, ok, ok, ok, ok, ok, ok],
        ),
        (
            "GET",
            "/api/v1/me/export",
            None,
            [unauth, ok, ok, ok, ok, ok, ok, ok],
        ),
        // anna is no manager, so her story cannot be a leadership example.
        (
            "PUT",
            "/api/v1/stories/{published}/leadership",
            None,
            [
                unauth, forbidden, forbidden, conflict, conflict, forbidden, forbidden, conflict,
            ],
        ),
        (
            "DELETE",
            "/api/v1/stories/{published}/leadership",
            None,
            manager_only,
        ),
        (
            "PUT",
            "/api/v1/values/klantgericht/commitment",
            Some(json!({"body": "Ik bel zelf elke week een klant."})),
            people_only,
        ),
        (
            "DELETE",
            "/api/v1/values/klantgericht/commitment",
            None,
            [
                unauth, forbidden, forbidden, none, none, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "PUT",
            "/api/v1/values/klantgericht/story-of-the-month",
            Some(json!({"story": "{published}"})),
            manager_only,
        ),
        (
            "POST",
            "/api/v1/barriers",
            Some(
                json!({"title": "Drie handtekeningen", "body": "Het retourformulier vraagt drie handtekeningen.", "values": ["klantgericht"]}),
            ),
            [
                unauth, created, created, created, created, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "GET",
            "/api/v1/barriers",
            None,
            [unauth, ok, ok, ok, ok, forbidden, forbidden, ok],
        ),
        (
            "GET",
            "/api/v1/barriers/{barrier}",
            None,
            [unauth, ok, missing, ok, ok, forbidden, forbidden, ok],
        ),
        (
            "PUT",
            "/api/v1/barriers/{barrier}",
            Some(json!({"status": "acknowledged"})),
            manager_only,
        ),
        ("GET", "/api/v1/insights", None, manager_only),
    ];
    check_rows(&rows).await;
}
