//! The JSON API against cross-site requests: every state-changing endpoint
//! refuses a request that another site's page could make a signed-in
//! person's browser send, and changes nothing. Bearer-token calls are not
//! affected. A table row per endpoint; a check that no mounted endpoint is
//! missing from the table.

use rocket::http::{ContentType, Header, Method, Status};
use serde_json::{Value, json};

use merkwaardig::services::tokens::{self, TokenScope};

use crate::cross_site_rows::{actor, endpoints, row_target};
use crate::helpers::{As, PROXY, TestApp};

pub const HOST: &str = "merkwaardig.intranet.example";

/// Everything an attack could change, as a manager and the author see it.
async fn snapshot(app: &TestApp, id: i64) -> Value {
    let story = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Manager("mia"))
        .await
        .1;
    let mine = app
        .get_json("/api/v1/me/stories", As::Staff("anna"))
        .await
        .1;
    let moderation = app
        .get_json("/api/v1/moderation", As::Manager("mia"))
        .await
        .1;
    let barriers = app.get_json("/api/v1/barriers", As::Manager("mia")).await.1;
    let value = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await
        .1;
    let notes = app
        .get_json(&format!("/api/v1/stories/{id}/notes"), As::Manager("mia"))
        .await
        .1;
    let settings = app
        .get_json("/api/v1/me/notification-settings", As::Manager("mia"))
        .await
        .1;
    let notices = app
        .get_json("/api/v1/me/notifications", As::Manager("mia"))
        .await
        .1;
    let webhooks = app.get_json("/api/v1/webhooks", As::Admin("ada")).await.1;
    json!({"story": story, "mine": mine, "moderation": moderation, "barriers": barriers, "value": value,
           "notes": notes, "settings": settings, "notices": notices, "webhooks": webhooks})
}

/// A request as the attacker's page would make the victim's browser send it.
pub async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    content_type: Option<ContentType>,
    body: &str,
    who: As,
    origin: &str,
) -> Status {
    let req = app
        .client
        .req(method, path.to_owned())
        .remote(PROXY.parse().unwrap())
        .header(Header::new("Host", HOST))
        .header(Header::new("Origin", origin.to_owned()));
    let req = match who {
        As::Manager(user) => req
            .header(Header::new("X-Forwarded-User", user))
            .header(Header::new("X-Forwarded-Groups", "managers")),
        As::Staff(user) => req.header(Header::new("X-Forwarded-User", user)),
        As::Admin(user) => req
            .header(Header::new("X-Forwarded-User", user))
            .header(Header::new("X-Forwarded-Groups", "admins")),
        As::Anonymous => req,
    };
    let req = if origin.contains("evil") {
        req.header(Header::new("Sec-Fetch-Site", "cross-site"))
    } else {
        req
    };
    let req = match content_type {
        Some(content_type) => req.header(content_type),
        None => req,
    };
    req.body(body).dispatch().await.status()
}

async fn app_with_story() -> (TestApp, i64) {
    // Post-moderation, so that reports are possible.
    let app = TestApp::spawn_with(|f| {
        f.merge(("moderation", "post"))
            .merge(("submissions_per_hour", 1000))
    })
    .await;
    let id = app
        .submit(As::Staff("anna"), "Het verhaal", &["klantgericht"])
        .await;
    // A barrier with the same id, for the barrier rows.
    let (status, barrier) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &json!({"title": "Drie handtekeningen", "body": "Het retourformulier vraagt drie handtekeningen.", "values": ["klantgericht"]}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(
        (status, barrier["id"].as_i64()),
        (Status::Created, Some(id))
    );
    (app, id)
}

#[rocket::async_test]
async fn every_state_changing_endpoint_refuses_cross_site_requests_and_changes_nothing() {
    let (app, _) = app_with_story().await;
    for (method, template, body) in endpoints() {
        // A fresh story per row: the successful request at the end of the
        // row changes it (a withdrawal, a take-down).
        let id = app
            .submit(As::Staff("anna"), "Het verhaal", &["klantgericht"])
            .await;
        let (_, barrier) = app
            .send_json(
                "POST",
                "/api/v1/barriers",
                &json!({"title": "Een drempel", "body": "Het formulier vraagt drie handtekeningen.", "values": ["klantgericht"]}),
                As::Staff("anna"),
            )
            .await;
        let target = row_target(&app, template, id, &barrier).await;
        let path = template
            .replace("{id}", &target.to_string())
            .replace("<slug>", "klantgericht");
        let who = actor(&method, template);
        let before = snapshot(&app, id).await;
        let json_body = body.to_string();
        let attacks: [(&str, Option<ContentType>, &str, Status); 4] = [
            // A script on another site, with the person's cookie.
            (
                "cross-site JSON",
                Some(ContentType::JSON),
                &json_body,
                Status::Forbidden,
            ),
            // Plain HTML forms: url-encoded, multipart and text/plain.
            (
                "form",
                Some(ContentType::Form),
                "x=1",
                Status::UnsupportedMediaType,
            ),
            (
                "multipart",
                Some(ContentType::FormData),
                "",
                Status::UnsupportedMediaType,
            ),
            (
                "text/plain",
                Some(ContentType::Plain),
                &json_body,
                Status::UnsupportedMediaType,
            ),
        ];
        for (attack, content_type, sent, want) in attacks {
            let got = send(
                &app,
                method,
                &path,
                content_type,
                sent,
                who,
                "https://evil.example",
            )
            .await;
            assert_eq!(got, want, "{method} {template}: {attack}");
            assert_eq!(
                snapshot(&app, id).await,
                before,
                "{method} {template}: {attack} changed something"
            );
        }
        // The same request from this site's own pages goes through (a
        // leadership example needs an author last seen as a manager).
        if template.ends_with("/leadership") {
            app.get("/", As::Manager("anna")).await;
        }
        let got = send(
            &app,
            method,
            &path,
            Some(ContentType::JSON),
            &json_body,
            who,
            &format!("https://{HOST}"),
        )
        .await;
        assert!(got.class().is_success(), "{method} {template}: {got}");
    }
}

#[rocket::async_test]
async fn bearer_token_calls_are_not_affected_by_the_origin_check() {
    let (app, id) = app_with_story().await;
    let token = tokens::create(&app.state().db, "intranet", TokenScope::Admin)
        .await
        .unwrap()
        .1;
    let response = app
        .client
        .post(format!("/api/v1/stories/{id}/reject"))
        .header(Header::new("Authorization", format!("Bearer {token}")))
        .header(Header::new("Origin", "https://elsewhere.example"))
        .header(ContentType::JSON)
        .body(json!({"reason": "Door een programma"}).to_string())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Ok);
    // Content types are checked for programs too.
    let response = app
        .client
        .post(format!("/api/v1/stories/{id}/reject"))
        .header(Header::new("Authorization", format!("Bearer {token}")))
        .header(ContentType::Form)
        .body("reason=x")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::UnsupportedMediaType);
}

#[rocket::async_test]
async fn the_method_override_of_html_forms_is_off() {
    let (app, id) = app_with_story().await;
    let before = snapshot(&app, id).await;
    for (path, method, who, want) in [
        ("/api/v1/stories/{id}", "DELETE", As::Staff("anna"), 405),
        ("/api/v1/stories/{id}", "PUT", As::Staff("anna"), 405),
        (
            "/api/v1/stories/{id}/featured",
            "PUT",
            As::Manager("mia"),
            405,
        ),
        (
            "/api/v1/stories/{id}/inspired",
            "PUT",
            As::Staff("bob"),
            405,
        ),
        // A POST route exists here; the form body is refused.
        (
            "/api/v1/stories/{id}/reports",
            "DELETE",
            As::Manager("mia"),
            415,
        ),
    ] {
        let path = path.replace("{id}", &id.to_string());
        let got = send(
            &app,
            Method::Post,
            &path,
            Some(ContentType::Form),
            &format!("_method={method}"),
            who,
            &format!("https://{HOST}"),
        )
        .await;
        assert_eq!(got.code, want, "POST {path} with _method={method}");
    }
    assert_eq!(snapshot(&app, id).await, before);
}

#[rocket::async_test]
async fn the_table_covers_every_state_changing_api_route() {
    let app = TestApp::spawn().await;
    let covered: Vec<(Method, String)> = endpoints()
        .into_iter()
        .map(|(method, path, _)| (method, path.replace("{id}", "<id>")))
        .collect();
    for route in app.client.rocket().routes() {
        let path = route.uri.path().to_string();
        let safe = matches!(route.method, Method::Get | Method::Head | Method::Options);
        if !path.starts_with("/api/") || safe {
            continue;
        }
        assert!(
            covered
                .iter()
                .any(|(method, p)| *method == route.method && *p == path),
            "{} {path} is not in the cross-site table",
            route.method
        );
    }
}

/// Without `Sec-Fetch-Site` (older browsers), the `Origin` alone decides.
#[rocket::async_test]
async fn an_origin_of_another_site_is_refused_without_fetch_metadata() {
    let (app, id) = app_with_story().await;
    let reject = |origin: &'static str, forwarded_host: Option<&'static str>| {
        let mut req = app
            .client
            .post(format!("/api/v1/stories/{id}/reject"))
            // An untrusted peer: its X-Forwarded-Host must not count.
            .remote(PROXY.parse().unwrap())
            .header(Header::new("Host", HOST))
            .header(Header::new("Origin", origin))
            .header(Header::new("X-Forwarded-User", "mia"))
            .header(Header::new("X-Forwarded-Groups", "managers"))
            .header(ContentType::JSON)
            .body(json!({"reason": "Weg"}).to_string());
        if let Some(host) = forwarded_host {
            req = req.header(Header::new("X-Forwarded-Host", host));
        }
        req.dispatch()
    };
    let before = snapshot(&app, id).await;
    for origin in [
        "null",
        "https://intranet.example",
        "https://other.intranet.example",
        "https://merkwaardig.intranet.example.evil.example",
        "https://merkwaardig.intranet.example:8443",
    ] {
        assert_eq!(
            reject(origin, None).await.status(),
            Status::Forbidden,
            "{origin}"
        );
    }
    assert_eq!(snapshot(&app, id).await, before, "nothing changed");
    // Case does not matter in host names.
    let upper = "https://MERKWAARDIG.intranet.example";
    assert_eq!(reject(upper, None).await.status(), Status::Ok);
}

#[rocket::async_test]
async fn a_body_without_a_content_type_is_refused_and_an_empty_one_is_fine() {
    let (app, id) = app_with_story().await;
    let response = app
        .client
        .post(format!("/api/v1/stories/{id}/reject"))
        .remote(PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "mia"))
        .header(Header::new("X-Forwarded-Groups", "managers"))
        .header(Header::new("Content-Length", "19"))
        .body(r#"{"reason": "Weg!"}"#)
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::UnsupportedMediaType);
    let response = app
        .client
        .post(format!("/api/v1/stories/{id}/publish"))
        .remote(PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "mia"))
        .header(Header::new("X-Forwarded-Groups", "managers"))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Ok, "no body, no content type");
}

/// Every form route of the HTML pages, found by walking the mounted routes,
/// refuses a post from another site before it reads the form.
#[rocket::async_test]
async fn every_page_form_refuses_a_cross_site_post() {
    let (app, id) = app_with_story().await;
    let before = snapshot(&app, id).await;
    let paths: Vec<String> = app
        .client
        .rocket()
        .routes()
        .filter(|route| route.method == Method::Post)
        .map(|route| route.uri.path().to_string())
        .filter(|path| !path.starts_with("/api/"))
        // The unsubscribe link of a mail is authorised by the secret in the
        // link, not by a signed-in browser, and mail programs post it from
        // elsewhere (RFC 8058 one-click): another site cannot forge it
        // without the secret. Its own test is in `notifications`.
        .filter(|path| path != "/notifications/unsubscribe")
        .collect();
    assert!(paths.len() >= 15, "{paths:?}");
    for template in paths {
        let path: String = template
            .split('/')
            .map(|part| {
                if part.starts_with('<') {
                    id.to_string()
                } else {
                    part.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        let got = send(
            &app,
            Method::Post,
            &path,
            Some(ContentType::Form),
            "title=Geplant&body=Een+verhaal+van+elders&values=klantgericht&reason=weg&lang=en",
            As::Manager("mia"),
            "https://evil.example",
        )
        .await;
        assert_eq!(got, Status::Forbidden, "POST {template}");
    }
    assert_eq!(snapshot(&app, id).await, before, "nothing changed");
}
