use rocket::http::Status;
use serde_json::json;

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn my_stories_lists_only_my_own_with_status_and_reason() {
    let app = TestApp::spawn().await;
    let published = app
        .submit_published(As::Staff("anna"), "Mijn gepubliceerde", &["klantgericht"])
        .await;
    let rejected = app
        .submit(As::Staff("anna"), "Mijn afgewezen", &["klantgericht"])
        .await;
    app.moderate(
        rejected,
        "reject",
        &json!({"reason": "Graag zonder namen"}),
        As::Manager("mia"),
    )
    .await;
    app.submit(As::Staff("bob"), "Van Bob", &["klantgericht"])
        .await;

    let (status, html) = app.get_html("/my/stories", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("Mijn gepubliceerde") && html.contains("Mijn afgewezen"));
    assert!(!html.contains("Van Bob"));
    assert!(html.contains("Gepubliceerd") && html.contains("Niet gepubliceerd"));
    assert!(
        html.contains("Graag zonder namen"),
        "the moderator's reason is shown"
    );
    assert!(html.contains(&format!("/stories/{published}/edit")));
    let (status, _) = app.get_html("/my/stories", As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
}

#[rocket::async_test]
async fn an_empty_my_stories_invites_a_first_story() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_html("/my/stories", As::Staff("anna")).await;
    assert!(html.contains("nog geen verhalen"));
    assert!(html.contains("href=\"/stories/new\""));
}

#[rocket::async_test]
async fn a_rejected_story_is_edited_and_resubmitted_through_the_form() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Eerste poging", &["klantgericht"])
        .await;
    app.moderate(
        id,
        "reject",
        &json!({"reason": "Te kort"}),
        As::Manager("mia"),
    )
    .await;

    let (status, form) = app
        .get_html(&format!("/stories/{id}/edit"), As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        form.contains("value=\"Eerste poging\""),
        "the form is filled in"
    );
    assert!(form.contains(&format!("action=\"/stories/{id}/edit\"")));

    let response = app
        .post_form(
            &format!("/stories/{id}/edit"),
            "title=Tweede+poging&body=Nu+met+meer+over+wat+het+voor+de+klant+betekende.&values=klantgericht",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(story["title"], "Tweede poging");
    assert_eq!(story["status"], "pending", "back in the queue");
    assert!(story.get("reject_reason").is_none());
}

#[rocket::async_test]
async fn an_invalid_edit_shows_the_errors_and_keeps_the_text() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Goed verhaal", &["klantgericht"])
        .await;
    let response = app
        .post_form(
            &format!("/stories/{id}/edit"),
            "title=Ok&body=Kort&values=klantgericht",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap();
    assert!(html.contains("value=\"Ok\"") && html.contains(">Kort</textarea>"));
    assert!(html.contains("Wijzigingen opslaan"));
}

#[rocket::async_test]
async fn others_cannot_edit_or_withdraw_my_story() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Van Anna", &["klantgericht"])
        .await;
    let (status, _) = app
        .get_html(&format!("/stories/{id}/edit"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::Forbidden);
    let response = app
        .post_form(&format!("/stories/{id}/withdraw"), "", As::Staff("bob"))
        .await;
    assert_eq!(response.status(), Status::Forbidden);
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
}

#[rocket::async_test]
async fn a_story_is_withdrawn_through_the_form() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Even online", &["klantgericht"])
        .await;
    let response = app
        .post_form(&format!("/stories/{id}/withdraw"), "", As::Staff("anna"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
    let (_, html) = app.get_html("/my/stories", As::Staff("anna")).await;
    assert!(html.contains("Ingetrokken"));
    assert!(
        !html.contains(&format!("/stories/{id}/edit")),
        "a withdrawn story is not edited"
    );
}
