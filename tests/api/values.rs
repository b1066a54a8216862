use rocket::http::Status;

use crate::helpers::{As, TestApp, write_value};

#[rocket::async_test]
async fn values_are_listed_in_their_configured_order() {
    let app = TestApp::spawn().await;
    let (status, body) = app.get_json("/api/v1/values", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    let slugs: Vec<&str> = body["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["klantgericht", "betrouwbaar", "samen-sterker"]);
    assert_eq!(body["values"][0]["kind"], "brand");
    assert_eq!(body["values"][2]["kind"], "core");
    assert_eq!(body["values"][0]["story_count"], 0);
}

#[rocket::async_test]
async fn a_value_has_its_guidance_rendered() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(body["name"], "Klantgericht");
    let html = body["guidance_html"].as_str().unwrap();
    assert!(html.contains("<strong>Klantgericht</strong>"), "{html}");
    assert!(html.contains("<h2>"), "{html}");
}

#[rocket::async_test]
async fn an_unknown_value_is_404_as_json() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .get_json("/api/v1/values/bestaat-niet", As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
    assert_eq!(body["error"], "not found");
}

#[rocket::async_test]
async fn story_counts_include_only_published_stories() {
    let app = TestApp::spawn().await;
    let published = app
        .submit_published(As::Staff("anna"), "Gepubliceerd verhaal", &["klantgericht"])
        .await;
    let waiting = app
        .submit(As::Staff("anna"), "Wachtend verhaal", &["klantgericht"])
        .await;
    let counts = || async {
        let (_, body) = app.get_json("/api/v1/values", As::Anonymous).await;
        let (_, page) = app
            .get_json("/api/v1/values/klantgericht", As::Anonymous)
            .await;
        assert_eq!(page["story_count"], body["values"][0]["story_count"]);
        (
            body["values"][0]["story_count"].clone(),
            body["values"][1]["story_count"].clone(),
        )
    };
    assert_eq!(counts().await, (1.into(), 0.into()));
    // The counts are remembered between requests, and counted again as
    // soon as a story changes.
    app.publish(waiting).await;
    assert_eq!(counts().await, (2.into(), 0.into()));
    assert_eq!(
        app.withdraw(published, As::Staff("anna")).await,
        Status::NoContent
    );
    assert_eq!(counts().await, (1.into(), 0.into()));
}

#[rocket::async_test]
async fn a_value_removed_from_content_is_archived_and_its_stories_keep_their_tags() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(
            As::Staff("anna"),
            "Samen opgelost",
            &["samen-sterker", "klantgericht"],
        )
        .await;
    std::fs::remove_file(app.dir.join("content/values/samen-sterker.md")).unwrap();
    let app = app.restart().await;

    let (_, list) = app.get_json("/api/v1/values", As::Anonymous).await;
    let slugs: Vec<&str> = list["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["klantgericht", "betrouwbaar"]);

    let (status, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    let tags: Vec<&str> = story["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["slug"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["samen-sterker", "klantgericht"]);

    let (status, value) = app
        .get_json("/api/v1/values/samen-sterker", As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(value["archived"], true);
}

#[rocket::async_test]
async fn an_archived_value_cannot_be_tagged_and_comes_back_when_restored() {
    let app = TestApp::spawn().await;
    std::fs::remove_file(app.dir.join("content/values/betrouwbaar.md")).unwrap();
    let app = app.restart().await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &crate::helpers::story_json("Op tijd", &["betrouwbaar"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(body["errors"][0]["field"], "values");

    write_value(
        &app.dir.join("content"),
        "betrouwbaar",
        "Betrouwbaar",
        "brand",
        2,
    );
    let app = app.restart().await;
    app.submit(As::Staff("anna"), "Op tijd", &["betrouwbaar"])
        .await;
}

#[rocket::async_test]
async fn changed_guidance_in_content_is_mirrored_at_start_up() {
    let app = TestApp::spawn().await;
    write_value(
        &app.dir.join("content"),
        "klantgericht",
        "Klant centraal",
        "brand",
        1,
    );
    let app = app.restart().await;
    let (_, body) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(body["name"], "Klant centraal");
}

/// A value page finds its stories one way when the value has many of all
/// stories (asking of the newest whether they are tagged) and another when
/// it has few (the list of its stories); both list the same.
#[rocket::async_test]
async fn value_pages_list_a_common_and_a_rare_value_alike() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 1000))).await;
    for n in 0..60 {
        app.submit_published(
            As::Staff("anna"),
            &format!("Veel verhaal {n}"),
            &["klantgericht"],
        )
        .await;
    }
    app.submit_published(As::Staff("bob"), "Zeldzaam verhaal", &["samen-sterker"])
        .await;

    let (status, rare) = app.get_html("/values/samen-sterker", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(rare.contains("Zeldzaam verhaal"), "{rare}");
    assert!(!rare.contains("Veel verhaal"));

    let (_, first) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(first.contains("Veel verhaal 59") && !first.contains("Veel verhaal 39"));
    assert!(!first.contains("Zeldzaam verhaal"));
    let (_, last) = app
        .get_html("/values/klantgericht?page=3", As::Anonymous)
        .await;
    assert!(last.contains("Veel verhaal 0") && last.contains("Veel verhaal 19"));
    assert!(!last.contains("Veel verhaal 20"));
    let (_, values) = app.get_json("/api/v1/values", As::Anonymous).await;
    assert_eq!(values["values"][0]["story_count"], 60);
}

/// "Most inspiring" lists the marked stories first (most marks first, then
/// the newest), then the unmarked ones newest first, and pages through both
/// without losing or repeating a story where the marked ones end.
#[rocket::async_test]
async fn most_inspiring_pages_through_marked_then_unmarked_stories() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 1000))).await;
    let mut ids = Vec::new();
    for n in 0..25 {
        let id = app
            .submit_published(
                As::Staff("anna"),
                &format!("Verhaal nr. {n:02}"),
                &["klantgericht"],
            )
            .await;
        ids.push(id);
    }
    for (n, who) in [(3, "bob"), (3, "carla"), (10, "bob"), (24, "dirk")] {
        let (status, _) = app
            .send_json(
                "PUT",
                &format!("/api/v1/stories/{}/inspired", ids[n]),
                &serde_json::Value::Null,
                As::Staff(who),
            )
            .await;
        assert_eq!(status, Status::Ok);
    }
    let titles = |html: &str| -> Vec<u32> {
        let mut seen = Vec::new();
        for part in html.split("Verhaal nr. ").skip(1) {
            let n: u32 = part[..2].parse().unwrap();
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
        seen
    };
    let (_, first) = app
        .get_html("/values/klantgericht?sort=inspiring", As::Anonymous)
        .await;
    let (_, second) = app
        .get_html("/values/klantgericht?sort=inspiring&page=2", As::Anonymous)
        .await;
    let unmarked = (0..24).rev().filter(|n| ![3, 10].contains(n));
    let expected: Vec<u32> = [3, 24, 10].into_iter().chain(unmarked).collect();
    assert_eq!(titles(&first), expected[..20]);
    assert_eq!(titles(&second), expected[20..]);
}

/// What SQLite's query planner knows of the stories table: one line per
/// index (`sqlite_stat1`), empty before the first analysis.
async fn stories_statistics(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let sql = "SELECT idx || ' ' || stat AS line FROM sqlite_stat1 WHERE tbl = 'stories' AND idx IS NOT NULL ORDER BY idx";
    match db
        .query_all_raw(Statement::from_string(DbBackend::Sqlite, sql))
        .await
    {
        Ok(rows) => rows
            .iter()
            .map(|row| row.try_get::<String>("", "line").unwrap())
            .collect(),
        // No sqlite_stat1 table before the first analysis.
        Err(_) => Vec::new(),
    }
}

fn on_sqlite(app: &TestApp) -> bool {
    app.state().db.get_database_backend() == sea_orm::DbBackend::Sqlite
}

/// On SQLite the query planner is given statistics at start-up (it chose a
/// slow way for the "most inspiring" page without them); PostgreSQL keeps
/// its own.
#[rocket::async_test]
async fn sqlite_statistics_are_refreshed_at_start_up() {
    let app = TestApp::spawn().await;
    if !on_sqlite(&app) {
        return;
    }
    for n in 0..3 {
        app.submit_published(
            As::Staff("anna"),
            &format!("Verhaal {n}"),
            &["klantgericht"],
        )
        .await;
    }
    let app = app.restart().await;
    assert!(!stories_statistics(&app.state().db).await.is_empty());
}

/// While the service runs, the statistics follow the tables as they grow
/// (hourly in the service; every 50 ms here).
#[rocket::async_test]
async fn sqlite_statistics_follow_the_tables_while_the_service_runs() {
    let app = TestApp::spawn().await;
    if !on_sqlite(&app) {
        return;
    }
    let before = stories_statistics(&app.state().db).await;
    // Several people: one may submit only so many an hour.
    const PEOPLE: [&str; 4] = ["anna", "bram", "carla", "daan"];
    for n in 0..40 {
        app.submit_published(
            As::Staff(PEOPLE[n % PEOPLE.len()]),
            &format!("Verhaal {n}"),
            &["klantgericht"],
        )
        .await;
    }
    assert_eq!(stories_statistics(&app.state().db).await, before);
    let _upkeep = merkwaardig::db::upkeep::start(
        app.state().db.clone(),
        std::time::Duration::from_millis(50),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let after = loop {
        let now = stories_statistics(&app.state().db).await;
        if now != before || std::time::Instant::now() > deadline {
            break now;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_ne!(after, before, "the statistics were not refreshed");
    // Each line gives the table's rows first: all 40 stories are counted.
    let rows: Vec<u64> = after
        .iter()
        .map(|line| line.split(' ').nth(1).unwrap().parse().unwrap())
        .collect();
    assert!(rows.iter().all(|&n| n >= 40), "{after:?}");
}
