//! Outgoing webhooks: the Teams, Slack and signed JSON formats, only what
//! is public, retried with the same key, given up on and sent again, and
//! the administrator's page.

use hmac::{Hmac, Mac};
use rocket::http::Status;
use serde_json::{Value, json};
use sha2::Sha256;
use std::time::Duration;

use merkwaardig::services::notify::outbox;

use crate::helpers::hooks::Receiver;
use crate::helpers::{As, TestApp};
use crate::notifications::SITE;
use crate::notify_delivery::wait_until;

async fn add_webhook(app: &TestApp, body: Value) -> (i64, String) {
    let (status, created) = app
        .send_json("POST", "/api/v1/webhooks", &body, As::Admin("ada"))
        .await;
    assert_eq!(status, Status::Created, "{created}");
    (
        created["webhook"]["id"].as_i64().unwrap(),
        created["secret"].as_str().unwrap().to_owned(),
    )
}

fn public_app(figment: rocket::figment::Figment) -> rocket::figment::Figment {
    figment
        .merge(("public_url", SITE))
        .merge(("delivery_retry_seconds", 1))
}

#[rocket::async_test]
async fn a_json_webhook_is_signed_and_carries_an_idempotency_key() {
    let receiver = Receiver::start(204);
    let app = TestApp::spawn_with(public_app).await;
    let (_, secret) = add_webhook(
        &app,
        json!({"name": "Intranet", "url": receiver.url("/hook"), "format": "json", "events": ["published"]}),
    )
    .await;
    let id = app
        .submit_published(
            As::Staff("anna"),
            "Gedeeld met het intranet",
            &["klantgericht"],
        )
        .await;
    let calls = receiver.wait_for(1).await;
    let call = &calls[0];
    assert_eq!(call.path, "/hook");
    assert_eq!(call.headers["content-type"], "application/json");
    let timestamp = &call.headers["x-merkwaardig-timestamp"];
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{}", call.body).as_bytes());
    let expected = format!("sha256={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(call.headers["x-merkwaardig-signature"], expected);
    let body = call.json();
    assert_eq!(body["event"], "published");
    assert_eq!(body["title"], "Gedeeld met het intranet");
    assert_eq!(body["url"], format!("{SITE}/stories/{id}"));
    assert_eq!(body["values"], json!(["klantgericht"]));
    assert_eq!(body["id"], call.headers["idempotency-key"].as_str());
}

#[rocket::async_test]
async fn teams_and_slack_get_the_formats_their_incoming_webhooks_accept() {
    let receiver = Receiver::start(200);
    let app = TestApp::spawn_with(public_app).await;
    for format in ["teams", "slack"] {
        add_webhook(
            &app,
            json!({"name": format, "url": receiver.url(&format!("/{format}")), "format": format, "events": ["published"]}),
        )
        .await;
    }
    let id = app
        .submit_published(As::Staff("anna"), "Koffie & <koekjes>", &["klantgericht"])
        .await;
    let calls = receiver.wait_for(2).await;
    let teams = calls.iter().find(|c| c.path == "/teams").unwrap().json();
    assert_eq!(teams["type"], "message");
    let card = &teams["attachments"][0];
    assert_eq!(
        card["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
    assert_eq!(card["content"]["type"], "AdaptiveCard");
    assert_eq!(
        card["content"]["body"][1]["text"],
        "Nieuw verhaal: Koffie & <koekjes>"
    );
    assert_eq!(card["content"]["actions"][0]["type"], "Action.OpenUrl");
    assert_eq!(
        card["content"]["actions"][0]["url"],
        format!("{SITE}/stories/{id}")
    );
    let slack = calls.iter().find(|c| c.path == "/slack").unwrap().json();
    assert_eq!(slack["blocks"][0]["text"]["type"], "mrkdwn");
    assert_eq!(
        slack["blocks"][0]["text"]["text"],
        format!(
            "Nieuw verhaal: Koffie &amp; &lt;koekjes&gt;\n<{SITE}/stories/{id}|Bekijk in Merkwaardig>"
        )
    );
    assert!(
        slack["text"]
            .as_str()
            .unwrap()
            .starts_with("Nieuw verhaal: Koffie & <koekjes>")
    );
}

#[rocket::async_test]
async fn webhooks_never_carry_what_is_not_public() {
    let receiver = Receiver::start(200);
    let app = TestApp::spawn_with(public_app).await;
    app.get("/", As::Manager("mia")).await;
    add_webhook(
        &app,
        json!({"name": "Alles", "url": receiver.url("/all"), "format": "json",
               "events": ["published", "waiting", "barrier", "monthly", "reported"]}),
    )
    .await;
    add_webhook(
        &app,
        json!({"name": "Betrouwbaar", "url": receiver.url("/betrouwbaar"), "format": "json",
               "events": ["published"], "values": ["betrouwbaar"]}),
    )
    .await;
    // A story waiting for a manager: the channel hears that one waits, not which.
    let id = app
        .submit(As::Staff("anna"), "Nog geheim", &["klantgericht"])
        .await;
    let calls = receiver.wait_for(1).await;
    let waiting = calls[0].json();
    assert_eq!(waiting["event"], "waiting");
    assert!(!calls[0].body.contains("Nog geheim"), "{}", calls[0].body);
    assert_eq!(waiting["story_id"], Value::Null);
    assert_eq!(waiting["url"], format!("{SITE}/moderation"));

    // A barrier being worked on stays inside; a solved one is news.
    let (_, barrier) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &json!({"title": "Oude laptops", "body": "Ze starten te traag op.", "values": ["klantgericht"]}),
            As::Staff("bob"),
        )
        .await;
    let barrier = barrier["id"].as_i64().unwrap();
    for status in ["in_progress", "solved"] {
        let body = if status == "solved" {
            json!({"status": status, "reply": "Nieuwe laptops besteld."})
        } else {
            json!({"status": status})
        };
        let (code, answer) = app
            .send_json(
                "PUT",
                &format!("/api/v1/barriers/{barrier}"),
                &body,
                As::Manager("mia"),
            )
            .await;
        assert_eq!(code, Status::Ok, "{answer}");
    }
    let calls = receiver.wait_for(2).await;
    let solved = calls[1].json();
    assert_eq!(solved["event"], "barrier");
    assert_eq!(solved["title"], "Oude laptops");

    // Published: to "all", not to the webhook for another value.
    app.publish(id).await;
    let calls = receiver.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let calls_now = receiver.calls();
    assert_eq!(calls_now.len(), 3, "{calls:#?}");
    assert!(calls_now.iter().all(|c| c.path == "/all"));
    assert_eq!(calls_now[2].json()["title"], "Nog geheim");
}

#[rocket::async_test]
async fn a_refused_call_is_given_up_at_once_and_an_administrator_can_send_it_again() {
    let receiver = Receiver::start(410);
    let app = TestApp::spawn_with(public_app).await;
    add_webhook(
        &app,
        json!({"name": "Weg", "url": receiver.url("/gone"), "format": "json", "events": ["published"]}),
    )
    .await;
    app.submit_published(As::Staff("anna"), "Even niet", &["klantgericht"])
        .await;
    receiver.wait_for(1).await;
    wait_until("the delivery is given up", || async {
        let (_, body) = app.get_json("/api/v1/deliveries", As::Admin("ada")).await;
        body["deliveries"][0]["failed"] == true
    })
    .await;
    let (_, body) = app.get_json("/api/v1/deliveries", As::Admin("ada")).await;
    let delivery = body["deliveries"][0]["id"].as_i64().unwrap();
    assert!(
        body["deliveries"][0]["last_error"]
            .as_str()
            .unwrap()
            .contains("410")
    );
    assert_eq!(
        app.get_json("/api/v1/deliveries", As::Manager("mia"))
            .await
            .0,
        Status::Forbidden
    );

    receiver.answer(200);
    let (status, _) = app
        .send_json(
            "POST",
            &format!("/api/v1/deliveries/{delivery}/retry"),
            &Value::Null,
            As::Admin("ada"),
        )
        .await;
    assert_eq!(status, Status::NoContent);
    let calls = receiver.wait_for(2).await;
    assert_eq!(
        calls[0].headers["idempotency-key"], calls[1].headers["idempotency-key"],
        "the same message, recognisable as a repeat"
    );
    wait_until("nothing is left to send", || async {
        outbox::pending(&app.state().db).await.unwrap() == 0
    })
    .await;
}

#[rocket::async_test]
async fn a_webhook_that_is_down_is_tried_again_with_the_same_key() {
    let receiver = Receiver::start(503);
    let app = TestApp::spawn_with(public_app).await;
    add_webhook(
        &app,
        json!({"name": "Wankel", "url": receiver.url("/flaky"), "format": "slack", "events": ["published"]}),
    )
    .await;
    app.submit_published(As::Staff("anna"), "Volhouden", &["klantgericht"])
        .await;
    receiver.wait_for(1).await;
    receiver.answer(200);
    let calls = receiver.wait_for(2).await;
    assert_eq!(
        calls[0].headers["idempotency-key"],
        calls[1].headers["idempotency-key"]
    );
    wait_until("delivered", || async {
        outbox::pending(&app.state().db).await.unwrap() == 0
    })
    .await;
    assert_eq!(receiver.calls().len(), 2);
}

#[rocket::async_test]
async fn a_webhook_is_checked_before_it_is_added() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/webhooks",
            &json!({"name": "", "url": "ftp://x", "format": "xml", "events": ["named"], "values": ["nope"]}),
            As::Admin("ada"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(
        crate::helpers::error_fields(&body),
        ["name", "url", "format", "events", "values"]
    );
    let (_, list) = app.get_json("/api/v1/webhooks", As::Admin("ada")).await;
    assert_eq!(list["webhooks"], json!([]));
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/webhooks",
            &json!({"name": "x", "url": "https://x.example", "format": "json", "events": ["published"]}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Forbidden);
}

#[rocket::async_test]
async fn an_administrator_adds_and_removes_webhooks_on_a_page() {
    let app = TestApp::spawn().await;
    let (status, page) = app.get_html("/admin/webhooks", As::Admin("ada")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Nog geen webhooks."));
    assert!(page.contains("Alles is aangekomen."));
    assert_eq!(
        app.get("/admin/webhooks", As::Manager("mia"))
            .await
            .status(),
        Status::Forbidden
    );

    // A mistake: the form again, with what was typed and why.
    let response = app
        .post_form(
            "/admin/webhooks",
            "name=&url=nope&format=teams&events=published",
            As::Admin("ada"),
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let page = response.into_string().await.unwrap();
    assert!(page.contains("value=\"nope\""));
    assert!(page.contains("id=\"url-error\""));

    let response = app
        .post_form(
            "/admin/webhooks",
            "name=Intranet&url=https%3A%2F%2Fhooks.example%2Fa&format=json&events=published&events=monthly&values=betrouwbaar",
            As::Admin("ada"),
        )
        .await;
    assert_eq!(response.status(), Status::Created);
    let page = response.into_string().await.unwrap();
    assert!(page.contains("id=\"secret\""), "the secret is shown once");
    let (_, list) = app.get_json("/api/v1/webhooks", As::Admin("ada")).await;
    let hook = &list["webhooks"][0];
    assert_eq!(hook["events"], json!(["published", "monthly"]));
    assert_eq!(hook["values"], json!(["betrouwbaar"]));
    let (_, page) = app.get_html("/admin/webhooks", As::Admin("ada")).await;
    assert!(!page.contains("id=\"secret\""), "and not again");

    let id = hook["id"].as_i64().unwrap();
    let response = app
        .post_form(
            &format!("/admin/webhooks/{id}/remove"),
            "",
            As::Admin("ada"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, list) = app.get_json("/api/v1/webhooks", As::Admin("ada")).await;
    assert_eq!(list["webhooks"], json!([]));
}
