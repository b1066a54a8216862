use rocket::http::Status;

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn stories_survive_a_restart() {
    let app = TestApp::spawn().await;
    let published = app
        .submit_published(As::Staff("anna"), "Blijft bewaard", &["klantgericht"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Wacht nog", &["betrouwbaar"])
        .await;
    let app = app.restart().await;
    let (status, story) = app
        .get_json(&format!("/api/v1/stories/{published}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(story["title"], "Blijft bewaard");
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{pending}"), As::Staff("anna"))
        .await;
    assert_eq!(story["status"], "pending");
}

#[rocket::async_test]
async fn the_data_folder_and_secret_key_are_created_on_first_start() {
    let app = TestApp::spawn().await;
    let data = app.dir.join("data");
    assert!(data.join("merkwaardig.db").exists());
    let key = std::fs::read_to_string(data.join("secret.key")).unwrap();
    let app = app.restart().await;
    assert_eq!(
        std::fs::read_to_string(app.dir.join("data/secret.key")).unwrap(),
        key,
        "the key is kept"
    );
}

#[rocket::async_test]
async fn health_says_ok_when_the_database_answers() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get_html("/healthz", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(body, "ok");
}

#[rocket::async_test]
async fn a_bad_setting_refuses_to_start_naming_the_key() {
    let tmp = tempfile::TempDir::new().unwrap();
    crate::helpers::write_default_content(&tmp.path().join("content"));
    let figment = crate::helpers::base_figment(tmp.path()).merge(("moderation", "sometimes"));
    let Err(error) = merkwaardig::build(figment).await else {
        panic!("the app started with a bad setting");
    };
    let error = error.to_string();
    assert!(error.contains("moderation"), "{error}");
    assert!(error.contains("sometimes"), "{error}");
}
