//! Barriers in the pages (report, follow, move along), and in a person's
//! data: the export, and what `user forget` leaves of a departed reporter.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::barriers::{change, report};
use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn the_pages_report_follow_and_move_a_barrier() {
    let app = TestApp::spawn().await;
    let (status, form) = app
        .get_html("/barriers/new?value=klantgericht", As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(form.contains("value=\"klantgericht\" checked"));
    let bad = app
        .post_form(
            "/barriers",
            "title=Te&body=kort&values=klantgericht",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(bad.status(), Status::UnprocessableEntity);
    let html = bad.into_string().await.unwrap();
    assert!(
        html.contains("value=\"Te\""),
        "the form keeps what was typed"
    );
    let done = app
        .post_form(
            "/barriers",
            "title=Drie+handtekeningen&body=Het+retourformulier+vraagt+drie+handtekeningen.&values=klantgericht&anonymous=true",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(done.status(), Status::SeeOther);
    let location = done.headers().get_one("Location").unwrap().to_owned();
    let (_, page) = app.get_html(&location, As::Staff("anna")).await;
    assert!(page.contains("Drie handtekeningen"));
    assert!(
        !page.contains("action=\"/barriers/"),
        "no manager form for staff"
    );

    let (_, page) = app.get_html(&location, As::Manager("mia")).await;
    assert!(
        page.contains(&format!("action=\"{location}\"")),
        "the manager's form"
    );
    let refused = app
        .post_form(&location, "status=solved&reply=", As::Manager("mia"))
        .await;
    assert_eq!(
        refused.status(),
        Status::UnprocessableEntity,
        "a reply is required"
    );
    let moved = app
        .post_form(
            &location,
            "status=solved&owner=me&reply=Nu+is+%C3%A9%C3%A9n+handtekening+genoeg.",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(moved.status(), Status::SeeOther);
    let (_, page) = app.get_html(&location, As::Staff("bob")).await;
    assert!(
        page.contains("Nu is één handtekening genoeg."),
        "solved: everyone signed in reads it"
    );
    assert!(!page.contains("Anna"));
}

#[rocket::async_test]
async fn a_reporter_gets_their_barriers_in_the_export_and_a_departed_one_is_forgotten() {
    let app = TestApp::spawn().await;
    let id = report(&app, As::Staff("anna"), "Drie handtekeningen", false).await;
    change(
        &app,
        id,
        json!({"status": "acknowledged", "owner": "me", "reply": "We kijken ernaar."}),
        As::Manager("mia"),
    )
    .await;
    let (_, export) = app.get_json("/api/v1/me/export", As::Staff("anna")).await;
    assert_eq!(export["barriers"][0]["id"], id);
    assert_eq!(
        export["barriers"][0]["history"].as_array().unwrap().len(),
        2
    );

    merkwaardig::services::privacy::forget(
        &app.state().db,
        "anna",
        merkwaardig::config::DepartedStories::Keep,
    )
    .await
    .unwrap();
    merkwaardig::services::privacy::forget(
        &app.state().db,
        "mia",
        merkwaardig::config::DepartedStories::Keep,
    )
    .await
    .unwrap();
    let (_, seen) = app
        .get_json(&format!("/api/v1/barriers/{id}"), As::Manager("max"))
        .await;
    let text = seen.to_string();
    assert!(
        !text.contains("Anna") && !text.contains("\"anna\""),
        "{text}"
    );
    assert!(!text.contains("Mia") && !text.contains("\"mia\""), "{text}");
    assert_eq!(
        seen["title"], "Drie handtekeningen",
        "the barrier itself stays"
    );
    assert_eq!(seen["owner"], Value::Null);
}
