//! The flows that depend on the database engine, run on SQLite and on
//! PostgreSQL alike: the same code must behave the same on both.

use rocket::http::Status;
use serde_json::Value;

use crate::backends_outbox::notifications_and_outbox;
use crate::helpers::{As, Backend, TestApp, ids, story_json};

macro_rules! on_both_backends {
    ($($flow:ident),* $(,)?) => {
        mod sqlite {
            $(#[rocket::async_test]
            async fn $flow() {
                let app = super::TestApp::spawn_on(super::Backend::Sqlite, |f| f).await.unwrap();
                super::$flow(app).await;
            })*
        }
        mod postgres {
            $(#[rocket::async_test]
            async fn $flow() {
                if let Some(app) = super::TestApp::spawn_on(super::Backend::Postgres, |f| f).await {
                    super::$flow(app).await;
                }
            })*
        }
    };
}

on_both_backends!(
    story_lifecycle,
    newest_first_pagination,
    restart_and_archiving,
    concurrent_submissions,
    change_log_order,
    reactions_once_per_person,
    workflow_queries,
    log_pruning,
    rounds_claimed_once,
    notifications_and_outbox,
);

/// Pruning the change log: the newest row stays, the mark moves, twice is fine.
async fn log_pruning(app: TestApp) {
    use merkwaardig::db::change_log;
    for n in 0..3 {
        app.submit_published(As::Staff("anna"), &format!("Log {n}"), &["klantgericht"])
            .await;
    }
    let db = &app.state().db;
    let head = merkwaardig::db::change_log::head(db).await.unwrap();
    let later = chrono::Utc::now() + chrono::Duration::minutes(1);
    assert!(change_log::prune(db, later).await.unwrap() > 0);
    assert_eq!(
        change_log::prune(db, later).await.unwrap(),
        0,
        "only the head is left"
    );
    assert_eq!(merkwaardig::db::change_log::head(db).await.unwrap(), head);
    assert_eq!(change_log::pruned_through(db).await.unwrap(), head - 1);
    // New changes still get new, higher ids and are searchable.
    let id = app
        .submit_published(As::Staff("anna"), "Na het snoeien", &["klantgericht"])
        .await;
    assert!(merkwaardig::db::change_log::head(db).await.unwrap() > head);
    app.search_caught_up().await;
    let (_, body) = app
        .get_json("/api/v1/search?q=snoeien", As::Anonymous)
        .await;
    assert_eq!(body["hits"][0]["id"], id);
}

/// The queries of the workflows that lean on the engine: the value page's
/// filters and "most inspiring" order, report upserts, retagging, featuring,
/// the history and forgetting someone.
async fn workflow_queries(app: TestApp) {
    use serde_json::json;
    let quiet = app
        .submit_published(As::Staff("anna"), "Stil verhaal", &["klantgericht"])
        .await;
    let loved = app
        .submit_published(As::Staff("bob"), "Geliefd verhaal", &["klantgericht"])
        .await;
    let older = app
        .submit_published(As::Staff("anna"), "Ouder verhaal", &["klantgericht"])
        .await;
    for who in [As::Staff("carla"), As::Staff("dirk")] {
        app.send_json(
            "PUT",
            &format!("/api/v1/stories/{loved}/inspired"),
            &Value::Null,
            who,
        )
        .await;
    }
    let (_, html) = app
        .get_html(
            "/values/klantgericht?sort=inspiring&period=year&audience=customer",
            As::Anonymous,
        )
        .await;
    let at = |title: &str| html.find(title).unwrap_or_else(|| panic!("{title} listed"));
    assert!(at("Geliefd verhaal") < at("Ouder verhaal"));
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{quiet}/featured"),
            &Value::Null,
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let (_, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(
        html.find("Stil verhaal") < html.find("Ouder verhaal"),
        "featured first"
    );

    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{older}/values"),
            &json!({"values": ["samen-sterker"], "note": "over collega's"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{older}/revisions"),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(history["revisions"][0]["kind"], "retagged");

    let db = &app.state().db;
    use merkwaardig::services::reports;
    let carla = crate::helpers::person("carla", merkwaardig::domain::Role::Staff);
    let post = merkwaardig::config::Moderation::Post;
    reports::report(db, post, &carla, loved as i32, "eerste reden")
        .await
        .unwrap();
    reports::report(db, post, &carla, loved as i32, "tweede reden")
        .await
        .unwrap();
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert_eq!(
        body["reported"][0]["reports"],
        json!([{"reason": "tweede reden", "at": body["reported"][0]["reports"][0]["at"]}])
    );

    let done = merkwaardig::services::privacy::forget(
        db,
        "carla",
        merkwaardig::config::DepartedStories::Keep,
    )
    .await
    .unwrap();
    assert_eq!((done.reactions, done.reports), (1, 1));
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{loved}"), As::Anonymous)
        .await;
    assert_eq!(story["inspired"], 2, "counts stay");
}

async fn story_lifecycle(app: TestApp) {
    let id = app
        .submit(
            As::Staff("anna"),
            "Levensloop",
            &["klantgericht", "samen-sterker"],
        )
        .await;
    let (_, list) = app
        .get_json("/api/v1/stories?value=klantgericht", As::Anonymous)
        .await;
    assert!(ids(&list).is_empty());
    app.moderate(id, "publish", &Value::Null, As::Manager("mia"))
        .await;
    let (_, list) = app
        .get_json("/api/v1/stories?value=samen-sterker", As::Anonymous)
        .await;
    assert_eq!(ids(&list), [id]);
    let (_, values) = app.get_json("/api/v1/values", As::Anonymous).await;
    assert_eq!(values["values"][0]["story_count"], 1);

    let (status, edited) = app
        .edit(
            id,
            &story_json("Nieuwe titel", &["betrouwbaar"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(edited["values"][0]["slug"], "betrouwbaar");
    app.moderate(id, "publish", &Value::Null, As::Manager("mia"))
        .await;
    let (_, list) = app
        .get_json("/api/v1/stories?value=klantgericht", As::Anonymous)
        .await;
    assert!(ids(&list).is_empty(), "re-tagged away from klantgericht");

    let status = app.withdraw(id, As::Staff("anna")).await;
    assert_eq!(status, Status::NoContent);
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound);
}

async fn newest_first_pagination(app: TestApp) {
    let mut expected = Vec::new();
    for n in 0..7 {
        expected.push(
            app.submit_published(As::Staff("anna"), &format!("Pagina {n}"), &["klantgericht"])
                .await,
        );
    }
    expected.reverse();
    let mut seen = Vec::new();
    let mut path = "/api/v1/stories?limit=3".to_owned();
    loop {
        let (status, page) = app.get_json(&path, As::Anonymous).await;
        assert_eq!(status, Status::Ok);
        assert!(ids(&page).len() <= 3);
        seen.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => path = format!("/api/v1/stories?limit=3&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen, expected, "newest first, no gaps, no repeats");
}

async fn restart_and_archiving(app: TestApp) {
    let id = app
        .submit_published(As::Staff("anna"), "Blijft", &["samen-sterker"])
        .await;
    std::fs::remove_file(app.dir.join("content/values/samen-sterker.md")).unwrap();
    let app = app.restart().await;
    let (status, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(story["values"][0]["slug"], "samen-sterker");
    let (_, values) = app.get_json("/api/v1/values", As::Anonymous).await;
    assert_eq!(values["values"].as_array().unwrap().len(), 2);
}

async fn concurrent_submissions(app: TestApp) {
    let requests = (0..16).map(|n| {
        let body = story_json(&format!("Tegelijk {n}"), &["klantgericht"]);
        let app = &app;
        async move {
            app.send_json("POST", "/api/v1/stories", &body, As::Staff("anna"))
                .await
                .0
        }
    });
    let statuses = futures::future::join_all(requests).await;
    assert!(
        statuses.iter().all(|s| *s == Status::Created),
        "{statuses:?}"
    );
}

async fn change_log_order(app: TestApp) {
    use merkwaardig::db::entities::search_change;
    use sea_orm::{EntityTrait, QueryOrder};
    let id = app
        .submit_published(As::Staff("anna"), "Log", &["klantgericht"])
        .await;
    app.withdraw(id, As::Staff("anna")).await;
    let rows = search_change::Entity::find()
        .order_by_asc(search_change::Column::Id)
        .all(&app.state().db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
}

/// PostgreSQL hands out sequence values before transactions commit: a log row
/// with a lower id can become visible after one with a higher id. The indexer
/// must not move its cursor past such a hole, or that change is lost.
#[rocket::async_test]
async fn a_change_committed_out_of_order_is_not_skipped() {
    use merkwaardig::db::entities::story;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};
    let Some(app) = TestApp::spawn_on(Backend::Postgres, |f| f).await else {
        return;
    };
    let late = app
        .publish_story(
            "Vroeg",
            "Een verhaal over een omvormer.",
            serde_json::json!({}),
        )
        .await;
    app.search_caught_up().await;
    let index = &app.state().search.index;

    // A slow transaction takes the next log id but commits last.
    let db = &app.state().db;
    let tx = db.begin().await.unwrap();
    let mut model = story::Entity::find_by_id(late as i32)
        .one(&tx)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    model.title = Set("Laat gewijzigd".into());
    model.body_md = Set("Een verhaal over een regenton.".into());
    model.update(&tx).await.unwrap();
    merkwaardig::db::change_log::append(&tx, late as i32)
        .await
        .unwrap();
    let stuck_at = index.applied();

    // Later changes commit first and become searchable.
    let other = app
        .publish_story(
            "Ander",
            "Een verhaal over een laadpaal.",
            serde_json::json!({}),
        )
        .await;
    let mut found = Vec::new();
    for _ in 0..100 {
        found = app
            .get_json("/api/v1/search?q=laadpaal", As::Anonymous)
            .await
            .1["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect();
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(found, [other], "changes beyond the hole are applied");
    assert_eq!(index.applied(), stuck_at, "the cursor waits at the hole");

    tx.commit().await.unwrap();
    let (hits, _) = app.search("q=regenton").await;
    assert_eq!(hits, [late], "the late change is not skipped");
}

async fn reactions_once_per_person(app: TestApp) {
    let id = app
        .submit_published(As::Staff("anna"), "Reacties", &["klantgericht"])
        .await;
    let path = format!("/api/v1/stories/{id}/inspired");
    for _ in 0..2 {
        let (status, body) = app
            .send_json("PUT", &path, &Value::Null, As::Staff("bob"))
            .await;
        assert_eq!(status, Status::Ok, "{body}");
        assert_eq!(body["count"], 1);
    }
    let (_, body) = app
        .send_json("DELETE", &path, &Value::Null, As::Staff("bob"))
        .await;
    assert_eq!(body["count"], 0);
}

/// Periodic work claimed in the database happens once a round, whichever
/// replica asks first.
async fn rounds_claimed_once(app: TestApp) {
    use merkwaardig::db::rounds;
    let db = &app.state().db;
    let hour = std::time::Duration::from_secs(3600);
    let now = chrono::Utc::now();
    let claims =
        futures::future::join_all((0..4).map(|_| rounds::claim(db, "test_round", hour, now))).await;
    let won = claims.into_iter().filter(|c| *c.as_ref().unwrap()).count();
    assert_eq!(
        won, 1,
        "one of four replicas asking at once claims the round"
    );
    let later = now + chrono::Duration::minutes(30);
    assert!(!rounds::claim(db, "test_round", hour, later).await.unwrap());
    let next = now + chrono::Duration::minutes(61);
    assert!(rounds::claim(db, "test_round", hour, next).await.unwrap());
}
