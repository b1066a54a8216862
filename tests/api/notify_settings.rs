//! What a person chooses: the channel per kind (API and page), the
//! unsubscribe link of a mail, the weekly digest; and mail settings that
//! cannot work stopping the start.

use rocket::http::Status;
use serde_json::json;

use crate::helpers::smtp::Inbox;
use crate::helpers::{As, TestApp, error_fields};
use crate::notifications::{SITE, mail_app, notices};

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
