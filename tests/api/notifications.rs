//! Notifications in the site and by mail: who is told what, in which
//! language, with which links; the settings and the unsubscribe link.

use rocket::figment::Figment;
use rocket::http::{Header, Status};
use serde_json::{Value, json};

use crate::helpers::smtp::Inbox;
use crate::helpers::{As, TestApp};

pub const SITE: &str = "https://waarden.example";

/// Settings for an app that mails through `smtp_url`, retrying quickly.
pub fn with_mail(figment: Figment, smtp_url: &str) -> Figment {
    figment
        .merge(("smtp_url", smtp_url))
        .merge(("public_url", SITE))
        .merge(("delivery_retry_seconds", 1))
        .merge(("delivery_timeout_seconds", 3))
}

pub async fn mail_app(inbox: &Inbox) -> TestApp {
    let url = inbox.url();
    TestApp::spawn_with(|f| with_mail(f, &url)).await
}

pub async fn notices(app: &TestApp, who: As) -> Value {
    let (status, body) = app.get_json("/api/v1/me/notifications", who).await;
    assert_eq!(status, Status::Ok, "{body}");
    body
}

#[rocket::async_test]
async fn an_author_is_told_in_the_site_and_by_mail_when_a_manager_publishes() {
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    let id = app
        .submit(As::Staff("anna"), "Koffie voor de klant", &["klantgericht"])
        .await;
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 0);

    app.publish(id).await;

    let body = notices(&app, As::Staff("anna")).await;
    assert_eq!(body["unread"], 1);
    let notice = &body["notifications"][0];
    assert_eq!(notice["kind"], "published");
    assert_eq!(notice["url"], format!("/stories/{id}"));
    assert_eq!(notice["read"], false);
    assert_eq!(
        notice["text"],
        "Je verhaal “Koffie voor de klant” is gepubliceerd."
    );

    let mails = inbox.wait_for(1).await;
    let mail = &mails[0];
    assert_eq!(mail.to, ["anna@example.nl"]);
    assert_eq!(
        mail.subject,
        "Je verhaal “Koffie voor de klant” is gepubliceerd."
    );
    assert!(mail.text.contains("Hallo Anna,"), "{}", mail.text);
    assert!(
        mail.text.contains(&format!("{SITE}/stories/{id}")),
        "{}",
        mail.text
    );
    assert!(
        mail.html.contains(&format!("href=\"{SITE}/stories/{id}\"")),
        "{}",
        mail.html
    );
    assert!(
        mail.list_unsubscribe
            .starts_with(&format!("<{SITE}/notifications/unsubscribe?code=")),
        "{}",
        mail.list_unsubscribe
    );
    assert!(mail.list_unsubscribe.ends_with("&kind=published>"));
    assert!(mail.text.contains("Geen mails meer hierover"));
    assert_eq!(mail.one_click, "List-Unsubscribe=One-Click");
    assert!(
        mail.message_id.ends_with("@waarden.example"),
        "{}",
        mail.message_id
    );

    // The header counts it on every page.
    let (_, page) = app.get_html("/", As::Staff("anna")).await;
    assert!(
        page.contains("1 ongelezen melding"),
        "the header shows the count"
    );
    // The manager who published is not told of their own doing.
    assert_eq!(notices(&app, As::Manager("mia")).await["unread"], 0);
}

#[rocket::async_test]
async fn mail_comes_in_the_language_the_person_uses() {
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    let req = app
        .with_identity(app.client.post("/api/v1/stories"), As::Staff("bob"))
        .header(Header::new("Accept-Language", "en-GB,en;q=0.9"))
        .header(rocket::http::ContentType::JSON)
        .body(crate::helpers::story_json("Tea for the team", &["samen-sterker"]).to_string());
    let response = req.dispatch().await;
    assert_eq!(response.status(), Status::Created);
    let id: Value = response.into_json().await.unwrap();
    let id = id["id"].as_i64().unwrap();
    let (status, _) = app
        .moderate(
            id,
            "reject",
            &json!({"reason": "Graag zonder namen van klanten."}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);

    let mails = inbox.wait_for(1).await;
    assert_eq!(
        mails[0].subject,
        "Your story “Tea for the team” was not published: Graag zonder namen van klanten."
    );
    assert!(mails[0].text.starts_with("Hello Bob,"), "{}", mails[0].text);
    assert!(mails[0].text.contains("No more mails about this"));
}

#[rocket::async_test]
async fn managers_hear_of_waiting_stories_in_the_site_and_by_mail_when_they_choose() {
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    // Managers the service has seen.
    app.get("/", As::Manager("mia")).await;
    app.get("/", As::Admin("ada")).await;
    let (status, body) = app
        .send_json(
            "PUT",
            "/api/v1/me/notification-settings",
            &json!({"waiting": "email"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");

    let id = app
        .submit(As::Staff("anna"), "Een wachtend verhaal", &["betrouwbaar"])
        .await;

    for who in [As::Manager("mia"), As::Admin("ada")] {
        let body = notices(&app, who).await;
        assert_eq!(body["unread"], 1, "{who:?}");
        assert_eq!(body["notifications"][0]["kind"], "waiting");
        assert_eq!(body["notifications"][0]["url"], "/moderation");
    }
    // The author is not a manager: nothing about the queue.
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 0);
    // Only mia chose mail for it.
    let mails = inbox.wait_for(1).await;
    assert_eq!(mails[0].to, ["mia@example.nl"]);
    assert!(mails[0].subject.contains("Een wachtend verhaal"));
    assert!(mails[0].subject.contains("wacht op moderatie"));
    let _ = id;
}

#[rocket::async_test]
async fn a_kind_set_to_site_sends_no_mail_and_off_shows_nothing() {
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    app.send_json(
        "PUT",
        "/api/v1/me/notification-settings",
        &json!({"published": "site", "rejected": "off"}),
        As::Staff("anna"),
    )
    .await;
    let first = app
        .submit(As::Staff("anna"), "Eerste verhaal", &["klantgericht"])
        .await;
    let second = app
        .submit(As::Staff("anna"), "Tweede verhaal", &["klantgericht"])
        .await;
    app.publish(first).await;
    app.moderate(
        second,
        "reject",
        &json!({"reason": "Nog even niet."}),
        As::Manager("mia"),
    )
    .await;
    let body = notices(&app, As::Staff("anna")).await;
    assert_eq!(body["unread"], 1);
    assert_eq!(body["notifications"][0]["kind"], "published");
    // Give the delivery task time to send anything it wrongly would.
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert!(inbox.mails().is_empty(), "{:?}", inbox.mails());
}

#[rocket::async_test]
async fn marking_read_takes_some_or_all_and_only_ones_own() {
    let app = TestApp::spawn().await;
    let a = app
        .submit(As::Staff("anna"), "Een", &["klantgericht"])
        .await;
    let b = app
        .submit(As::Staff("anna"), "Twee", &["klantgericht"])
        .await;
    let c = app
        .submit(As::Staff("bob"), "Drie", &["klantgericht"])
        .await;
    for id in [a, b, c] {
        app.publish(id).await;
    }
    let body = notices(&app, As::Staff("anna")).await;
    assert_eq!(body["unread"], 2);
    let first = body["notifications"][0]["id"].as_i64().unwrap();
    let bobs = notices(&app, As::Staff("bob")).await["notifications"][0]["id"]
        .as_i64()
        .unwrap();
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/me/notifications/read",
            &json!({"ids": [first, bobs]}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body, json!({"marked": 1, "unread": 1}));
    assert_eq!(
        notices(&app, As::Staff("bob")).await["unread"],
        1,
        "bob's stays"
    );
    let (_, body) = app
        .get_json("/api/v1/me/notifications?unread=true", As::Staff("anna"))
        .await;
    assert_eq!(body["notifications"].as_array().unwrap().len(), 1);

    // The page's button marks all.
    let response = app
        .post_form("/notifications/read", "", As::Staff("anna"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 0);
    let (status, page) = app.get_html("/notifications", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Je verhaal “Twee” is gepubliceerd."));
    assert_eq!(
        app.get("/notifications", As::Anonymous).await.status(),
        Status::Unauthorized
    );
}

#[rocket::async_test]
async fn a_reported_story_and_a_barrier_that_moves_reach_the_right_people() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    app.get("/", As::Manager("mia")).await;
    let id = app
        .submit(As::Staff("anna"), "Online meteen", &["klantgericht"])
        .await;
    // Under post-moderation the author published it: nobody is told.
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 0);
    let (status, body) = app
        .send_json(
            "POST",
            &format!("/api/v1/stories/{id}/reports"),
            &json!({"reason": "Dit noemt een klant bij naam."}),
            As::Staff("bob"),
        )
        .await;
    assert!(status.code < 300, "{body}");
    let body = notices(&app, As::Manager("mia")).await;
    assert_eq!(body["notifications"][0]["kind"], "reported");
    assert_eq!(
        body["notifications"][0]["text"],
        "“Online meteen” is gemeld: Dit noemt een klant bij naam."
    );
    assert_eq!(notices(&app, As::Staff("bob")).await["unread"], 0);

    let (status, barrier) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &json!({"title": "Geen tijd voor klanten", "body": "De planning laat geen ruimte.", "values": ["klantgericht"]}),
            As::Staff("bob"),
        )
        .await;
    assert_eq!(status, Status::Created, "{barrier}");
    let barrier = barrier["id"].as_i64().unwrap();
    let (status, body) = app
        .send_json(
            "PUT",
            &format!("/api/v1/barriers/{barrier}"),
            &json!({"status": "in_progress"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    let body = notices(&app, As::Staff("bob")).await;
    assert_eq!(body["notifications"][0]["kind"], "barrier");
    assert_eq!(
        body["notifications"][0]["url"],
        format!("/barriers/{barrier}")
    );
    assert_eq!(
        body["notifications"][0]["text"],
        "De belemmering “Geen tijd voor klanten” die je meldde is nu: in behandeling."
    );
}

#[rocket::async_test]
async fn forgetting_a_person_removes_their_notifications_and_settings() {
    let app = TestApp::spawn().await;
    app.send_json(
        "PUT",
        "/api/v1/me/notification-settings",
        &json!({"published": "site"}),
        As::Staff("anna"),
    )
    .await;
    app.submit_published(As::Staff("anna"), "Tot ziens", &["klantgericht"])
        .await;
    assert_eq!(notices(&app, As::Staff("anna")).await["unread"], 1);
    merkwaardig::services::privacy::forget(
        &app.state().db,
        "anna",
        merkwaardig::config::DepartedStories::Keep,
    )
    .await
    .unwrap();
    use sea_orm::{EntityTrait, PaginatorTrait};
    let db = &app.state().db;
    assert_eq!(
        merkwaardig::db::entities::notification::Entity::find()
            .count(db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        merkwaardig::db::entities::notification_setting::Entity::find()
            .count(db)
            .await
            .unwrap(),
        0
    );
}
