use rocket::http::Status;

use crate::helpers::process::{self, Server};
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
    // The SQLite file, unless the suite runs on PostgreSQL.
    assert!(!app.database_url().is_empty() || data.join("merkwaardig.db").exists());
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
    if !app.database_url().is_empty() {
        // PostgreSQL is backed up with pg_dump; the command says so.
        let refused =
            merkwaardig::db::backup::to_file(&app.state().db, &app.dir.join("b.db")).await;
        assert!(matches!(
            refused,
            Err(merkwaardig::db::backup::BackupError::Postgres)
        ));
        return;
    }
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

#[test]
fn on_sigterm_the_service_finishes_and_loses_nothing() {
    let Some((tmp, database_url)) = process::fresh() else {
        return;
    };
    let server = Server::start(tmp.path(), &database_url, &[]);
    let agent = process::agent();
    let mut ids = Vec::new();
    for n in 0..5 {
        let mut response = agent
            .post(&server.url("/api/v1/stories"))
            .header("X-Forwarded-User", "anna")
            .header("X-Forwarded-Groups", "managers")
            .header("Content-Type", "application/json")
            .send(
                serde_json::json!({"title": format!("Voor het stoppen {n}"), "body": "Een verhaal dat het stoppen overleeft, met een zonnepaneel.", "values": ["klantgericht"]})
                    .to_string(),
            )
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let body: serde_json::Value = response.body_mut().read_json().unwrap();
        let id = body["id"].as_i64().unwrap();
        let published = agent
            .post(&server.url(&format!("/api/v1/stories/{id}/publish")))
            .header("X-Forwarded-User", "mia")
            .header("X-Forwarded-Groups", "managers")
            .send_empty()
            .unwrap();
        assert_eq!(published.status().as_u16(), 200);
        ids.push(id);
    }

    let mut server = server;
    server.signal("TERM");
    let status = server.wait(std::time::Duration::from_secs(15));
    assert!(status.success(), "a clean exit: {status:?}");
    assert!(
        server.log().to_lowercase().contains("shutdown"),
        "{}",
        server.log()
    );
    drop(server);

    // Everything acknowledged is there after the next start, and searchable.
    let server = Server::start(tmp.path(), &database_url, &[]);
    let mut found = Vec::new();
    for _ in 0..100 {
        let mut response = agent
            .get(&server.url("/api/v1/search?q=zonnepaneel&limit=10"))
            .call()
            .unwrap();
        let body: serde_json::Value = response.body_mut().read_json().unwrap();
        found = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect();
        if found.len() == ids.len() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    found.sort();
    assert_eq!(found, ids);
}
