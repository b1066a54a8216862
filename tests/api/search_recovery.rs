//! The index is derived from the database: whatever happens to it, it ends up
//! holding exactly the published stories.

use serde_json::json;

use std::path::{Path, PathBuf};

use crate::helpers::TestApp;

/// The folder of the index generation in use.
fn index_dir(dir: &Path) -> PathBuf {
    let root = dir.join("data/search");
    root.join(merkwaardig::search::store::current(&root).expect("an index in use"))
}

fn reindex_command(mut command: std::process::Command) -> std::process::Output {
    command.arg("reindex").output().expect("the binary runs")
}

async fn seed(app: &TestApp) -> Vec<i64> {
    let mut ids = Vec::new();
    for (title, body, lang) in [
        ("Klant blij", "De klant was blij met de warmtepomp.", "nl"),
        ("Op tijd", "Precies op tijd bij de klant.", "nl"),
        (
            "Customer call",
            "A customer called about her solar panels.",
            "en",
        ),
    ] {
        ids.push(app.publish_story(title, body, json!({"lang": lang})).await);
    }
    ids
}

async fn snapshot(app: &TestApp) -> Vec<(Vec<i64>, serde_json::Value)> {
    let mut results = Vec::new();
    for query in [
        "q=klanten",
        "q=customers",
        "q=%22op+tijd%22",
        "",
        "value=klantgericht",
    ] {
        let (hits, body) = app.search(query).await;
        results.push((hits, body["facets"].clone()));
    }
    results
}

#[rocket::async_test]
async fn changes_made_while_the_indexer_was_down_are_caught_up_on_restart() {
    use merkwaardig::services::stories;
    let app = TestApp::spawn().await;
    let ids = seed(&app).await;
    app.search_caught_up().await;
    let db = app.state().db.clone();

    // The process dies after the database committed but before the index did:
    // here the indexer is gone while the changes are written.
    let stopped = app.stop().await;
    let new = crate::helpers::insert_published(
        &db,
        "Na de crash",
        "Een verhaal over een laadpaal dat na de crash kwam.",
    )
    .await;
    let anna = crate::helpers::person("anna", merkwaardig::domain::Role::Staff);
    stories::withdraw(&db, &Default::default(), &anna, ids[0] as i32)
        .await
        .unwrap();
    drop(db);

    let app = stopped.start().await;
    let (hits, _) = app.search("q=laadpaal").await;
    assert_eq!(hits, [new], "nothing missing");
    let (hits, _) = app.search("q=warmtepomp").await;
    assert!(hits.is_empty(), "nothing extra");
    let (all, _) = app.search("limit=50").await;
    assert_eq!(all.len(), 3);
}

#[rocket::async_test]
async fn a_deleted_index_is_rebuilt_with_identical_results() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let before = snapshot(&app).await;
    let stopped = app.stop().await;
    let dir = stopped.dir.clone();
    std::fs::remove_dir_all(dir.join("data/search")).unwrap();
    let app = stopped.start().await;
    assert_eq!(snapshot(&app).await, before);
}

#[rocket::async_test]
async fn an_unreadable_index_is_rebuilt() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let before = snapshot(&app).await;
    let stopped = app.stop().await;
    let dir = stopped.dir.clone();
    std::fs::write(index_dir(&dir).join("meta.json"), "{ not json").unwrap();
    let app = stopped.start().await;
    assert_eq!(snapshot(&app).await, before);
}

#[rocket::async_test]
async fn an_index_from_another_schema_version_is_rebuilt() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let before = snapshot(&app).await;
    let stopped = app.stop().await;
    let dir = stopped.dir.clone();
    let meta_path = index_dir(&dir).join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let current = format!(
        "\\\"schema\\\":{}",
        merkwaardig::search::schema::SCHEMA_VERSION
    );
    let old = meta.replace(&current, "\\\"schema\\\":0");
    assert_ne!(meta, old, "the payload names the schema version");
    std::fs::write(&meta_path, old).unwrap();
    let app = stopped.start().await;
    assert_eq!(snapshot(&app).await, before);
}

#[rocket::async_test]
async fn a_writer_lock_file_left_behind_does_not_block() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let stopped = app.stop().await;
    let dir = stopped.dir.clone();
    std::fs::write(index_dir(&dir).join(".tantivy-writer.lock"), "").unwrap();
    std::fs::write(index_dir(&dir).join(".tantivy-meta.lock"), "").unwrap();
    let app = stopped.start().await;
    let id = app
        .publish_story("Na het slot", "Een verhaal over een sleutelbos.", json!({}))
        .await;
    let (hits, _) = app.search("q=sleutelbos").await;
    assert_eq!(hits, [id]);
}

#[rocket::async_test]
async fn reindex_while_stopped_switches_to_a_fresh_generation() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let before = snapshot(&app).await;
    let old = index_dir(&app.dir);
    let stopped = app.stop().await;
    let dir = stopped.dir.clone();
    let output = reindex_command(stopped.command());
    assert!(output.status.success(), "{output:?}");
    assert_ne!(index_dir(&dir), old, "a new generation is in use");
    let app = stopped.start().await;
    assert_eq!(snapshot(&app).await, before);
    assert!(!old.exists(), "the old generation is cleaned up");
}

#[rocket::async_test]
async fn reindex_while_running_switches_over_and_keeps_indexing() {
    let app = TestApp::spawn().await;
    seed(&app).await;
    let before = snapshot(&app).await;
    let old = app.state().search.index.generation().name.clone();
    let output = reindex_command(app.command());
    assert!(output.status.success(), "{output:?}");
    let new = merkwaardig::search::store::current(&app.dir.join("data/search")).unwrap();
    assert_ne!(new, old);
    let mut waited = 0;
    while app.state().search.index.generation().name != new {
        assert!(
            waited < 100,
            "the service did not move to the new generation"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
    assert_eq!(snapshot(&app).await, before);
    let id = app
        .publish_story("Na de herbouw", "Een verhaal over een regenton.", json!({}))
        .await;
    let (hits, _) = app.search("q=regenton").await;
    assert_eq!(hits, [id]);
}

/// A replica that was away while the log was pruned past its cursor cannot
/// catch up from the log; it sees the mark and rebuilds from the database.
#[rocket::async_test]
async fn a_replica_behind_the_pruned_log_rebuilds_from_the_database() {
    use merkwaardig::db::change_log;

    let app = TestApp::spawn().await;
    seed(&app).await;
    app.search_caught_up().await;
    let db = app.state().db.clone();
    let stopped = app.stop().await;

    // While it is away: two new stories, then the log is pruned of all but
    // its newest row.
    for (title, body) in [
        (
            "Gemist verhaal",
            "Een verhaal over een omvormer, geschreven terwijl de replica weg was.",
        ),
        (
            "Laatste verhaal",
            "Nog een verhaal, zodat de nieuwste logregel blijft staan.",
        ),
    ] {
        crate::helpers::insert_published(&db, title, body).await;
    }
    let pruned = change_log::prune(&db, chrono::Utc::now() + chrono::Duration::minutes(1))
        .await
        .unwrap();
    assert!(pruned >= 2, "the log was pruned ({pruned} rows)");
    assert!(change_log::pruned_through(&db).await.unwrap() > 0);
    drop(db);

    let app = stopped.start().await;
    let (hits, _) = app.search("q=omvormer").await;
    assert_eq!(hits.len(), 1, "the story whose log row was pruned is found");
    let (all, _) = app.search("limit=50").await;
    assert_eq!(all.len(), 5, "and nothing is missing");
}

#[rocket::async_test]
async fn pruning_keeps_the_newest_row_and_recent_ones() {
    use merkwaardig::db::change_log;
    let app = TestApp::spawn().await;
    seed(&app).await;
    let db = &app.state().db;
    let head = merkwaardig::db::change_log::head(db).await.unwrap();
    assert_eq!(
        change_log::prune(db, chrono::Utc::now() - chrono::Duration::days(1))
            .await
            .unwrap(),
        0,
        "nothing is old enough"
    );
    change_log::prune(db, chrono::Utc::now() + chrono::Duration::minutes(1))
        .await
        .unwrap();
    assert_eq!(
        merkwaardig::db::change_log::head(db).await.unwrap(),
        head,
        "the newest row stays, so ids are never handed out twice"
    );
    assert_eq!(change_log::pruned_through(db).await.unwrap(), head - 1);
}

#[rocket::async_test]
async fn an_index_holding_a_story_twice_or_a_withdrawn_one_is_repaired_at_start_up() {
    use merkwaardig::search::schema::{self, Fields};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    let app = TestApp::spawn().await;
    let ids = seed(&app).await;
    assert_eq!(
        app.withdraw(ids[1], crate::helpers::As::Staff("anna"))
            .await,
        rocket::http::Status::NoContent
    );
    app.search_caught_up().await;
    let stopped = app.stop().await;

    // What the lost delete left behind: an old copy of a published story and
    // a withdrawn story, committed with the cursor unchanged, so the log
    // gives the indexer no reason to look at either.
    let index = Index::open_in_dir(index_dir(&stopped.dir)).unwrap();
    schema::register_analyzers(&index);
    let f = Fields::new();
    let payload = index.load_metas().unwrap().payload;
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for (id, text) in [
        (ids[0], "oude tekst over de warmtepomp"),
        (ids[1], "ingetrokken tekst"),
    ] {
        let mut doc = TantivyDocument::default();
        doc.add_u64(f.id, id as u64);
        doc.add_text(f.lang, "nl");
        doc.add_text(f.title_nl, "Oud");
        doc.add_text(f.body_nl, text);
        doc.add_i64(f.published_at, 0);
        writer.add_document(doc).unwrap();
    }
    let mut prepared = writer.prepare_commit().unwrap();
    prepared.set_payload(payload.as_deref().unwrap());
    prepared.commit().unwrap();
    drop(writer);

    let app = stopped.start().await;
    let (hits, _) = app.search("q=warmtepomp").await;
    assert_eq!(hits, [ids[0]], "held once, with its current text");
    let (hits, _) = app.search("q=oude").await;
    assert!(hits.is_empty(), "the old text is gone");
    let (hits, _) = app.search("q=ingetrokken").await;
    assert!(hits.is_empty(), "the withdrawn story is gone");
    let (all, body) = app.search("limit=50").await;
    assert_eq!(all.len(), 2, "{body}");
}
