//! Notifications in the site and by mail: who is told what, in which
//! language, with which links; the settings and the unsubscribe link.

use rocket::figment::Figment;
use rocket::http::{Header, Status};
use serde_json::{Value, json};

use crate::helpers::smtp::Inbox;
use crate::helpers::{As, TestApp, error_fields};

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
async fn settings_are_all_or_nothing_and_name_the_kind() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .get_json("/api/v1/me/notification-settings", As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    let kinds: Vec<&str> = body["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"published"));
    assert!(!kinds.contains(&"waiting"), "staff get no managers' kinds");
    let published = &body["settings"][0];
    assert_eq!(published["channel"], "email");
    assert_eq!(published["default"], true);

    let (status, body) = app
        .send_json(
            "PUT",
            "/api/v1/me/notification-settings",
            &json!({"published": "site", "waiting": "email", "note": "pigeon"}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(error_fields(&body), ["note", "waiting"]);
    let (_, body) = app
        .get_json("/api/v1/me/notification-settings", As::Staff("anna"))
        .await;
    assert_eq!(body["settings"][0]["channel"], "email", "nothing changed");

    let (status, body) = app
        .send_json(
            "PUT",
            "/api/v1/me/notification-settings",
            &json!({"published": "site", "inspired": "digest"}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    let channel = |kind: &str| {
        body["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .unwrap()["channel"]
            .clone()
    };
    assert_eq!(channel("published"), "site");
    assert_eq!(channel("inspired"), "digest");
    assert_eq!(channel("rejected"), "email");
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
async fn the_unsubscribe_link_asks_first_and_then_stops_that_kind_of_mail() {
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    let first = app
        .submit_published(As::Staff("anna"), "Eerste", &["klantgericht"])
        .await;
    let mails = inbox.wait_for(1).await;
    let link = mails[0]
        .list_unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_start_matches(SITE)
        .to_owned();

    // Opening the link (as a mail scanner would) changes nothing.
    let (status, page) = app.get_html(&link, As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("Geen mails meer over “mijn verhaal is gepubliceerd”?"),
        "{page}"
    );
    let (_, settings) = app
        .get_json("/api/v1/me/notification-settings", As::Staff("anna"))
        .await;
    assert_eq!(settings["settings"][0]["channel"], "email");

    // The one-click POST of a mail program, without signing in.
    let response = app
        .client
        .post(link.clone())
        .header(rocket::http::ContentType::Form)
        .body("List-Unsubscribe=One-Click")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Ok);
    let (_, settings) = app
        .get_json("/api/v1/me/notification-settings", As::Staff("anna"))
        .await;
    assert_eq!(settings["settings"][0]["channel"], "site");

    let second = app
        .submit_published(As::Staff("anna"), "Tweede", &["klantgericht"])
        .await;
    assert_eq!(
        notices(&app, As::Staff("anna")).await["unread"],
        2,
        "still in the site"
    );
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(inbox.mails().len(), 1, "no second mail");

    // A link with a wrong token does nothing and says so.
    let (status, page) = app
        .get_html(
            "/notifications/unsubscribe?code=nope&kind=published",
            As::Anonymous,
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("niet (meer) geldig"));
    let _ = (first, second);
}

#[rocket::async_test]
async fn the_settings_page_keeps_the_choices_and_saves_them() {
    let app = TestApp::spawn().await;
    let (status, page) = app
        .get_html("/notifications/settings", As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("Voor managers"));
    assert!(page.contains("name=\"channel[waiting]\""));
    assert!(page.contains("Mail is hier niet ingesteld"));
    let response = app
        .post_form(
            "/notifications/settings",
            "channel[waiting]=off&channel[published]=digest",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, body) = app
        .get_json("/api/v1/me/notification-settings", As::Manager("mia"))
        .await;
    let find = |kind: &str| {
        body["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["kind"] == kind)
            .unwrap()["channel"]
            .clone()
    };
    assert_eq!(find("waiting"), "off");
    assert_eq!(find("published"), "digest");

    // A bad choice: 422, the form again with the error beside the kind.
    let response = app
        .post_form(
            "/notifications/settings",
            "channel[waiting]=site&channel[digest]=digest",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let page = response.into_string().await.unwrap();
    assert!(page.contains("id=\"k-digest-error\""), "{page}");
    assert_eq!(find("waiting"), "off", "nothing saved");
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

#[rocket::async_test]
async fn a_mail_setting_that_cannot_work_stops_the_start_naming_the_key() {
    for (settings, key) in [
        (vec![("smtp_url", "smtp://127.0.0.1:25")], "public_url"),
        (
            vec![("smtp_url", "gopher://mail"), ("public_url", SITE)],
            "smtp_url",
        ),
        (
            vec![
                ("smtp_url", "smtp://127.0.0.1:25"),
                ("public_url", SITE),
                ("mail_from", "not an address"),
            ],
            "mail_from",
        ),
        (vec![("digest_weekday", "someday")], "digest_weekday"),
        (vec![("digest_hour", "24")], "digest_hour"),
    ] {
        let tmp = tempfile::TempDir::new().unwrap();
        crate::helpers::write_default_content(&tmp.path().join("content"));
        let mut figment = crate::helpers::base_figment(tmp.path());
        for (name, value) in &settings {
            figment = figment.merge((*name, *value));
        }
        let Err(error) = merkwaardig::build(figment).await else {
            panic!("started with {settings:?}");
        };
        assert!(error.to_string().contains(key), "{key}: {error}");
    }
}

#[rocket::async_test]
async fn the_weekly_digest_goes_out_once_with_the_overview_and_the_weekly_kinds() {
    use merkwaardig::services::notify::digest::{Schedule, due, run_if_due};
    let inbox = Inbox::start();
    let app = mail_app(&inbox).await;
    app.get("/", As::Manager("mia")).await;
    for (who, settings) in [
        (As::Manager("mia"), json!({"digest": "email"})),
        (As::Staff("anna"), json!({"published": "digest"})),
    ] {
        let (status, body) = app
            .send_json("PUT", "/api/v1/me/notification-settings", &settings, who)
            .await;
        assert_eq!(status, Status::Ok, "{body}");
    }
    app.submit_published(
        As::Staff("anna"),
        "Een week om te onthouden",
        &["klantgericht"],
    )
    .await;
    app.submit(As::Staff("anna"), "Nog even wachten", &["betrouwbaar"])
        .await;
    // "published" goes weekly now: no mail at once.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert!(inbox.mails().is_empty(), "{:?}", inbox.mails());

    // The first moment after now at which the digest is due.
    let schedule = Schedule {
        weekday: chrono::Weekday::Mon,
        hour: 7,
    };
    let now = merkwaardig::clock::now();
    let next = due(now, schedule).0 + chrono::Duration::weeks(1) + chrono::Duration::minutes(1);
    let db = &app.state().db;
    assert!(run_if_due(db, next, schedule).await.unwrap());
    assert!(
        !run_if_due(db, next, schedule).await.unwrap(),
        "once a week"
    );

    let body = notices(&app, As::Manager("mia")).await;
    let digest = body["notifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "digest")
        .expect("the overview in the site");
    assert_eq!(
        digest["text"],
        "Je week in Merkwaardig: 1 gepubliceerd, 1 wachtend op moderatie, 0 gemeld."
    );

    let mails = inbox.wait_for(2).await;
    let to_mia = mails.iter().find(|m| m.to == ["mia@example.nl"]).unwrap();
    assert_eq!(to_mia.subject, "Je week in Merkwaardig");
    assert!(
        to_mia.text.contains("1 verhaal wacht op moderatie"),
        "{}",
        to_mia.text
    );
    assert!(
        to_mia.text.contains("– Nog even wachten"),
        "{}",
        to_mia.text
    );
    assert!(to_mia.text.contains("– Klantgericht: 1"), "{}", to_mia.text);
    let to_anna = mails.iter().find(|m| m.to == ["anna@example.nl"]).unwrap();
    assert!(
        to_anna
            .text
            .contains("Je verhaal “Een week om te onthouden” is gepubliceerd."),
        "{}",
        to_anna.text
    );
    assert!(
        !to_anna.text.contains("Voor managers"),
        "no overview for staff"
    );
    assert!(to_anna.list_unsubscribe.contains("kind=digest"));

    // Stopping the weekly mail puts the weekly kinds back in the site.
    let link = to_anna
        .list_unsubscribe
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_start_matches(SITE)
        .to_owned();
    assert_eq!(app.client.post(link).dispatch().await.status(), Status::Ok);
    let (_, settings) = app
        .get_json("/api/v1/me/notification-settings", As::Staff("anna"))
        .await;
    assert_eq!(settings["settings"][0]["channel"], "site");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(inbox.mails().len(), 2);
}
