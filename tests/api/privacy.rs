//! Privacy: a person downloads what they gave; an admin command forgets
//! someone who left.

use rocket::http::Status;
use serde_json::{Value, json};

use merkwaardig::config::DepartedStories;
use merkwaardig::services::privacy;

use crate::helpers::{As, TestApp, ids};

#[rocket::async_test]
async fn a_person_downloads_their_own_stories_and_reactions() {
    let app = TestApp::spawn().await;
    let mine = app
        .submit_published(As::Staff("anna"), "Van Anna", &["klantgericht"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Nog in de wachtrij", &["klantgericht"])
        .await;
    let bobs = app
        .submit_published(As::Staff("bob"), "Van Bob", &["klantgericht"])
        .await;
    app.send_json(
        "PUT",
        &format!("/api/v1/stories/{bobs}/inspired"),
        &Value::Null,
        As::Staff("anna"),
    )
    .await;

    let response = app.get("/my/export", As::Staff("anna")).await;
    assert_eq!(response.status(), Status::Ok);
    assert!(
        response
            .headers()
            .get_one("Content-Disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let export: Value = response.into_json().await.unwrap();
    assert_eq!(export["user"]["id"], "anna");
    let mut stories = ids(&export);
    stories.sort();
    assert_eq!(stories, vec![mine, pending], "every status, only hers");
    assert!(export["stories"][0]["history"][0]["kind"].is_string());
    assert_eq!(
        export["reactions"],
        json!([{"story_id": bobs, "at": export["reactions"][0]["at"]}])
    );

    let (status, api) = app.get_json("/api/v1/me/export", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(api["stories"].as_array().unwrap().len(), 2);
    let (status, _) = app.get_json("/api/v1/me/export", As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
}

#[rocket::async_test]
async fn forgetting_keeps_the_stories_by_a_former_colleague() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Blijft staan", &["klantgericht"])
        .await;
    let bobs = app
        .submit_published(As::Staff("bob"), "Van Bob", &["klantgericht"])
        .await;
    app.send_json(
        "PUT",
        &format!("/api/v1/stories/{bobs}/inspired"),
        &Value::Null,
        As::Staff("anna"),
    )
    .await;
    let done = privacy::forget(&app.state().db, "anna", DepartedStories::Keep)
        .await
        .unwrap();
    assert_eq!((done.stories, done.withdrawn, done.reactions), (1, 0, 1));

    for who in [As::Manager("mia"), As::Anonymous] {
        let (_, story) = app.get_json(&format!("/api/v1/stories/{id}"), who).await;
        assert_eq!(story["status"], "published");
        assert!(story["author"].get("name").is_none(), "{story}");
        assert_eq!(story["author"]["former"], true);
    }
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Manager("mia"))
        .await;
    assert!(html.contains("een oud-collega") && !html.contains("Anna"));
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{id}/revisions"),
            As::Manager("mia"),
        )
        .await;
    assert!(!history.to_string().contains("Anna"), "{history}");
    let (_, page) = app
        .get_html(&format!("/stories/{id}/history"), As::Manager("mia"))
        .await;
    assert!(
        page.contains("Geschreven</strong> · een oud-collega"),
        "the history names nobody: {page}"
    );
    let (_, bob) = app
        .get_json(&format!("/api/v1/stories/{bobs}"), As::Anonymous)
        .await;
    assert_eq!(bob["inspired"], 1, "the count stays");
    // If anna comes back she starts afresh: the old stories are not hers.
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert!(ids(&mine).is_empty());
    let (_, reactions) = app.get_json("/api/v1/me/export", As::Staff("anna")).await;
    assert!(reactions["reactions"].as_array().unwrap().is_empty());
}

#[rocket::async_test]
async fn forgetting_can_withdraw_the_stories_from_everywhere() {
    let app = TestApp::spawn_with(|f| f.merge(("departed_stories", "withdraw"))).await;
    let id = app
        .submit_published(As::Staff("anna"), "Verdwijnt", &["klantgericht"])
        .await;
    app.search_caught_up().await;
    assert_eq!(app.search("Verdwijnt").await.0, vec![id]);
    let run = app
        .command()
        .args(["user", "forget", "anna"])
        .env("ROCKET_DEPARTED_STORIES", "withdraw")
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("1 stories (1 withdrawn)"));
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
    app.search_caught_up().await;
    assert!(
        app.search("Verdwijnt").await.0.is_empty(),
        "gone from search"
    );
}
