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

#[rocket::async_test]
async fn a_backup_restores_and_the_index_follows_the_restored_database() {
    let app = TestApp::spawn().await;
    app.publish_story(
        "Voor de back-up",
        "Een verhaal over een zonnepaneel dat bewaard blijft.",
        serde_json::json!({}),
    )
    .await;
    let backup = app.dir.join("backups/merkwaardig-1.db");
    let bytes = merkwaardig::db::backup::to_file(&app.state().db, &backup)
        .await
        .unwrap();
    assert!(bytes > 0);
    // A second backup to the same file is refused: nothing is overwritten.
    assert!(
        merkwaardig::db::backup::to_file(&app.state().db, &backup)
            .await
            .is_err()
    );
    app.publish_story(
        "Na de back-up",
        "Een verhaal over een warmtepomp dat na de back-up kwam.",
        serde_json::json!({}),
    )
    .await;
    app.search_caught_up().await;
    let stopped = app.stop().await;

    // Restore: the copy in place of the database, the index left as it was.
    let data = stopped.dir.join("data");
    for extra in ["merkwaardig.db-wal", "merkwaardig.db-shm"] {
        let _ = std::fs::remove_file(data.join(extra));
    }
    std::fs::copy(&backup, data.join("merkwaardig.db")).unwrap();
    let app = stopped.start().await;

    let (hits, _) = app.search("q=zonnepaneel").await;
    assert_eq!(hits.len(), 1, "what the backup holds is found");
    let (hits, _) = app.search("q=warmtepomp").await;
    assert!(
        hits.is_empty(),
        "what came after the backup is gone: {hits:?}"
    );
    // New stories after the restore are indexed, although their log ids
    // were once used by the lost ones.
    app.publish_story(
        "Na het terugzetten",
        "Een verhaal over een thuisbatterij, na het terugzetten.",
        serde_json::json!({}),
    )
    .await;
    let (hits, _) = app.search("q=thuisbatterij").await;
    assert_eq!(hits.len(), 1);
}
