//! `merkwaardig import` and `merkwaardig export`, the real binary against a
//! test app's folders and database (SQLite, or PostgreSQL when the suite
//! runs on it): every bad line reported, nothing half-imported, re-runs
//! adding nothing, the index following (by the log or by a rebuild), and an
//! export that imports into a fresh app as it was.

use std::path::{Path, PathBuf};
use std::process::Output;

use rocket::http::Status;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::helpers::{As, TestApp};

mod many;
mod round_trip;
mod times;

fn published(external_id: &str, title: &str, body: &str, author: Value) -> Value {
    json!({
        "external_id": external_id,
        "title": title,
        "body": body,
        "values": ["klantgericht"],
        "audience": "customer",
        "team": "Monteurs",
        "lang": "nl",
        "author": author,
        "published_at": "2024-05-14T09:30:00Z",
        "status": "published",
    })
}

/// Three stories: two published (one without an external id), one pending.
fn good_lines() -> Vec<Value> {
    let mut pending = published(
        "old-3",
        "Een collega geholpen",
        "Toen de planning vastliep, hielp ik een collega met de route van morgen.",
        json!({"id": "bas", "name": "Bas Jansen"}),
    );
    pending["status"] = json!("pending");
    pending["values"] = json!(["samen-sterker"]);
    pending.as_object_mut().unwrap().remove("published_at");
    let mut without_id = published(
        "",
        "Solar panels before the storm",
        "A customer called about her solar panels; we came the same afternoon.",
        json!(null),
    );
    without_id.as_object_mut().unwrap().remove("external_id");
    without_id["lang"] = json!("en");
    vec![
        published(
            "old-1",
            "De warmtepomp op zondag",
            "De warmtepomp van mevrouw De Boer viel uit; we kwamen op zondag langs.",
            json!({"id": "anna", "name": "Anna de Vries"}),
        ),
        pending,
        without_id,
    ]
}

fn write_lines(app: &TestApp, name: &str, lines: &[Value]) -> PathBuf {
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    write_text(&app.dir, name, &text)
}

fn write_text(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(mut command: std::process::Command, args: &[&str]) -> (Output, String) {
    let output = command.args(args).output().expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output, stderr)
}

fn import(app: &TestApp, file: &Path, extra: &[&str]) -> (Output, String) {
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(app.command(), &args)
}

async fn story_count(app: &TestApp) -> u64 {
    merkwaardig::db::entities::story::Entity::find()
        .count(&app.state().db)
        .await
        .unwrap()
}

/// The titles of the published stories, as anyone lists them.
async fn published_titles(app: &TestApp) -> Vec<String> {
    let (status, body) = app
        .get_json("/api/v1/stories?limit=100", As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    let mut titles: Vec<String> = body["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

#[rocket::async_test]
async fn a_valid_file_imports_its_stories_with_their_authors_and_they_are_found() {
    let app = TestApp::spawn().await;
    let file = write_lines(&app, "stories.jsonl", &good_lines());
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported 3 stories (2 published)") && stderr.contains("change log"),
        "{stderr}"
    );
    assert_eq!(
        published_titles(&app).await,
        ["De warmtepomp op zondag", "Solar panels before the storm"]
    );
    // Each value lists its imported published stories, and only those.
    crate::value_lists::assert_lists_in_step(&app).await;

    let (_, list) = app.get_json("/api/v1/stories", As::Anonymous).await;
    let warmtepomp = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "De warmtepomp op zondag")
        .unwrap();
    assert_eq!(warmtepomp["author"]["name"], "Anna de Vries");
    assert_eq!(warmtepomp["author"]["id"], "anna");
    assert_eq!(warmtepomp["published_at"], "2024-05-14T09:30:00Z");
    assert_eq!(warmtepomp["team"], "Monteurs");
    assert_eq!(warmtepomp["values"][0]["slug"], "klantgericht");
    let solar = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["lang"] == "en")
        .unwrap();
    assert_eq!(
        solar["author"]["former"], true,
        "author null: a former colleague"
    );

    // The pending story: there for managers, with its author, not for others.
    let (_, queue) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert!(
        queue.to_string().contains("Een collega geholpen"),
        "{queue}"
    );
    // Its author is a person the service knows, so colleagues can name them.
    let (_, people) = app
        .get_json("/api/v1/people?q=jansen", As::Staff("cor"))
        .await;
    assert_eq!(
        people["people"],
        json!([{"id": "bas", "name": "Bas Jansen"}])
    );

    // The running app's indexer followed the change log.
    let (hits, _) = app.search("q=warmtepomp").await;
    assert_eq!(hits.len(), 1);
    let (hits, _) = app.search("q=solar+panels").await;
    assert_eq!(hits.len(), 1);
    let (hits, _) = app.search("q=planning+collega").await;
    assert!(hits.is_empty(), "a pending story is never found");
}

fn bad_file(app: &TestApp) -> PathBuf {
    let mut lines: Vec<String> = good_lines().iter().map(Value::to_string).collect();
    let mut unknown_value = published(
        "old-4",
        "Klant tevreden",
        "De klant was blij met de snelle hulp van het team vandaag.",
        json!({"id": "anna"}),
    );
    unknown_value["values"] = json!(["klantgerich"]);
    let mut no_date = unknown_value.clone();
    no_date["external_id"] = json!("old-5");
    no_date["values"] = json!(["betrouwbaar"]);
    no_date.as_object_mut().unwrap().remove("published_at");
    lines.insert(1, unknown_value.to_string());
    lines.push(String::new());
    lines.push(no_date.to_string());
    lines.push("{\"title\": \"kapot".to_owned());
    write_text(&app.dir, "bad.jsonl", &(lines.join("\n") + "\n"))
}

#[rocket::async_test]
async fn bad_lines_are_each_reported_with_their_line_and_field_and_nothing_is_imported() {
    let app = TestApp::spawn().await;
    let file = bad_file(&app);
    let (output, stderr) = import(&app, &file, &[]);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for expected in [
        "line 2: values: `klantgerich` is not one of the organisation's current values",
        "line 6: published_at: required for a published story",
        "line 7: not valid JSON",
        "3 of 6 lines are not valid; nothing was imported",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert_eq!(stderr.matches("line ").count(), 3, "{stderr}");
    assert_eq!(story_count(&app).await, 0);
}

#[rocket::async_test]
async fn with_skip_invalid_the_valid_lines_are_imported_and_the_others_reported() {
    let app = TestApp::spawn().await;
    let file = bad_file(&app);
    let (output, stderr) = import(&app, &file, &["--skip-invalid"]);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("line 2: values: `klantgerich`"), "{stderr}");
    assert!(
        stderr.contains("imported 3 stories (2 published)")
            && stderr.contains("3 invalid lines skipped"),
        "{stderr}"
    );
    assert_eq!(story_count(&app).await, 3);
}

#[rocket::async_test]
async fn importing_the_same_file_again_adds_nothing() {
    let app = TestApp::spawn().await;
    let file = write_lines(&app, "stories.jsonl", &good_lines());
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");
    let head = merkwaardig::db::change_log::head(&app.state().db)
        .await
        .unwrap();
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported 0 stories (0 published)") && stderr.contains("3 already there"),
        "{stderr}"
    );
    assert_eq!(story_count(&app).await, 3);
    let again = merkwaardig::db::change_log::head(&app.state().db)
        .await
        .unwrap();
    assert_eq!(again, head, "nothing changed, nothing logged");

    // A file with one new line among them adds just that one.
    let mut lines = good_lines();
    lines.push(published(
        "old-9",
        "Nog een verhaal",
        "Weer een klant die we dezelfde dag konden helpen met de omvormer.",
        json!({"id": "anna"}),
    ));
    let file = write_lines(&app, "more.jsonl", &lines);
    let (_, stderr) = import(&app, &file, &[]);
    assert!(
        stderr.contains("imported 1 stories") && stderr.contains("3 already there"),
        "{stderr}"
    );
    assert_eq!(story_count(&app).await, 4);
}

#[rocket::async_test]
async fn stories_imported_while_the_service_is_stopped_are_found_after_its_start() {
    let app = TestApp::spawn().await;
    let stopped = app.stop().await;
    let file = write_text(
        &stopped.dir,
        "stories.jsonl",
        &good_lines()
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
    );
    let (output, stderr) = run(stopped.command(), &["import", file.to_str().unwrap()]);
    assert!(output.status.success(), "{stderr}");
    let app = stopped.start().await;
    let (hits, _) = app.search("q=warmtepomp").await;
    assert_eq!(hits.len(), 1);
    let (hits, _) = app.search("").await;
    assert_eq!(hits.len(), 2, "the published ones");
}

#[rocket::async_test]
async fn a_large_import_rebuilds_the_index_and_a_running_service_switches_to_it() {
    let app = TestApp::spawn().await;
    let before = app.state().search.index.generation().name.clone();
    let head = merkwaardig::db::change_log::head(&app.state().db)
        .await
        .unwrap();
    let file = write_lines(&app, "stories.jsonl", &good_lines());
    let (output, stderr) = import(&app, &file, &["--index", "rebuild"]);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("search index rebuilt"), "{stderr}");
    let after = merkwaardig::db::change_log::head(&app.state().db)
        .await
        .unwrap();
    assert_eq!(
        after, head,
        "no change-log rows: the rebuild carries the stories"
    );

    switched(&app, &before).await;
    let (hits, _) = app.search("q=warmtepomp").await;
    assert_eq!(hits.len(), 1);
    let (hits, body) = app.search("").await;
    assert_eq!(hits.len(), 2, "the published ones: {body}");
    // And it goes on following the log.
    let id = app
        .submit_published(
            As::Staff("cor"),
            "Na de import geschreven",
            &["klantgericht"],
        )
        .await;
    let (hits, _) = app.search("q=storing").await;
    assert!(hits.contains(&id), "{hits:?}");
}

/// Waits until the app searches another index generation than `before`.
async fn switched(app: &TestApp, before: &str) {
    let mut waited = 0;
    while app.state().search.index.generation().name == before {
        assert!(waited < 100, "the service did not move to the new index");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        waited += 1;
    }
}

#[rocket::async_test]
async fn a_rebuild_an_import_stopped_before_is_made_by_the_next_one() {
    use merkwaardig::db::entities::{search_log_mark, story};
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::spawn().await;
    let first = app.state().search.index.generation().name.clone();
    let file = write_lines(&app, "stories.jsonl", &good_lines());
    let (output, stderr) = import(&app, &file, &["--index", "rebuild"]);
    assert!(output.status.success(), "{stderr}");
    switched(&app, &first).await;
    let (_, stderr) = import(&app, &file, &["--index", "rebuild"]);
    assert!(
        stderr.contains("3 already there")
            && stderr.contains("nothing new: the search index stays"),
        "{stderr}"
    );

    // As an import that stopped before its rebuild leaves things: a
    // published story without a change-log row, and the mark.
    let db = &app.state().db;
    let at = chrono::Utc::now();
    story::ActiveModel {
        title: Set("Zonder logregel".into()),
        body_md: Set("Een verhaal over een regenton die overliep.".into()),
        audience: Set("customer".into()),
        lang: Set("nl".into()),
        author_id: Set("anna".into()),
        author_name: Set("Anna".into()),
        status: Set("published".into()),
        created_at: Set(at),
        updated_at: Set(at),
        published_at: Set(Some(at)),
        external_id: Set(Some("half-1".into())),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    search_log_mark::ActiveModel {
        name: Set("import_rebuild_owed".into()),
        value: Set(1),
    }
    .insert(db)
    .await
    .unwrap();
    let (hits, _) = app.search("q=regenton").await;
    assert!(
        hits.is_empty(),
        "without its row the index never learns of it"
    );
    let before = app.state().search.index.generation().name.clone();
    let (_, stderr) = import(&app, &file, &[]);
    assert!(
        stderr.contains("3 already there") && stderr.contains("search index rebuilt"),
        "{stderr}"
    );
    switched(&app, &before).await;
    let (hits, _) = app.search("q=regenton").await;
    assert_eq!(hits.len(), 1, "the story the stopped import left is found");
}
