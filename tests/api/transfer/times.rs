//! Times in an import file are kept to whole seconds, as every time the
//! service keeps: lists page by time and id, and a page's cursor names its
//! last story's time in seconds. Fractions an earlier import left are
//! rounded down by a migration.

use rocket::http::Status;
use sea_orm::{ConnectionTrait, DatabaseBackend};
use serde_json::{Value, json};

use super::{import, published, write_lines};
use crate::helpers::{As, TestApp};

/// Imports three stories published within 09:30:00, with these fractions.
fn lines(fractions: [&str; 3]) -> Vec<Value> {
    ["t-1", "t-2", "t-3"]
        .into_iter()
        .zip(fractions)
        .map(|(id, fraction)| {
            let mut line = published(
                id,
                &format!("Verhaal {id}"),
                "Op een zaterdag de monteur gebeld, en hij kwam.",
                json!({"id": "anna", "name": "Anna de Vries"}),
            );
            line["published_at"] = json!(format!("2024-05-14T09:30:00{fraction}Z"));
            line
        })
        .collect()
}

/// Every story of `list` (a path with a query string), one to a page, as
/// `who` sees it: titles sorted, and each one's `published_at`.
async fn page_through(app: &TestApp, list: &str, who: As) -> (Vec<String>, Vec<Value>) {
    let mut titles = Vec::new();
    let mut times = Vec::new();
    let mut next: Option<String> = None;
    for _ in 0..10 {
        let mut path = format!("{list}limit=1");
        if let Some(cursor) = &next {
            path.push_str(&format!("&cursor={cursor}"));
        }
        let (status, body) = app.get_json(&path, who).await;
        assert_eq!(status, Status::Ok, "{body}");
        for story in body["stories"].as_array().unwrap() {
            titles.push(story["title"].as_str().unwrap().to_owned());
            times.push(story["published_at"].clone());
        }
        next = body["next"].as_str().map(str::to_owned);
        if next.is_none() {
            break;
        }
    }
    titles.sort();
    (titles, times)
}

/// Paged by publication (all stories, and a value's, which keeps its own
/// copy of the time) and by last change (the author's own, which breaks the
/// tie of one second by id).
async fn assert_each_listed_once(app: &TestApp) {
    for (list, who) in [
        ("/api/v1/stories?", As::Anonymous),
        ("/api/v1/stories?value=klantgericht&", As::Anonymous),
        ("/api/v1/me/stories?", As::Staff("anna")),
    ] {
        let (titles, times) = page_through(app, list, who).await;
        assert_eq!(
            titles,
            ["Verhaal t-1", "Verhaal t-2", "Verhaal t-3"],
            "paging {list:?}"
        );
        assert_eq!(times, vec![json!("2024-05-14T09:30:00Z"); 3]);
    }
}

/// The fractions in another order than the lines: paging one story at a
/// time (all stories, and a value's) lists each once, in its second.
#[rocket::async_test]
async fn stories_imported_within_one_second_are_each_listed_once_when_paging() {
    let app = TestApp::spawn().await;
    let file = write_lines(&app, "fractions.jsonl", &lines([".900", ".100", ".500"]));
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");
    assert_each_listed_once(&app).await;
}

/// A database an earlier import left with fractions (written here as it
/// wrote them): the next start rounds them down, and paging lists each
/// story once.
#[rocket::async_test]
async fn fractions_an_earlier_import_left_are_rounded_down_at_the_next_start() {
    let app = TestApp::spawn().await;
    let file = write_lines(&app, "whole.jsonl", &lines(["", "", ""]));
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");
    let db = &app.state().db;
    let postgres = db.get_database_backend() == DatabaseBackend::Postgres;
    for (id, millis) in [(1, 900), (2, 100), (3, 500)] {
        let later = |column: &str| {
            if postgres {
                format!("{column} = {column} + interval '{millis} milliseconds'")
            } else {
                format!("{column} = replace({column}, '+00:00', '.{millis}+00:00')")
            }
        };
        let (published, updated, created, listed) = (
            later("published_at"),
            later("updated_at"),
            later("created_at"),
            later("listed_at"),
        );
        for sql in [
            format!("UPDATE stories SET {published}, {updated}, {created} WHERE id = {id}"),
            format!("UPDATE story_values SET {listed} WHERE story_id = {id}"),
        ] {
            db.execute_unprepared(&sql).await.unwrap();
        }
    }
    db.execute_unprepared(
        "DELETE FROM seaql_migrations WHERE version = 'm20261130_000001_whole_second_times'",
    )
    .await
    .unwrap();
    let (_, body) = app.get_json("/api/v1/stories?limit=1", As::Anonymous).await;
    assert_eq!(
        body["stories"][0]["published_at"],
        "2024-05-14T09:30:00.900Z"
    );

    let app = app.restart().await;
    assert_each_listed_once(&app).await;
}
