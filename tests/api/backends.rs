//! The flows that depend on the database engine, run on SQLite and on
//! PostgreSQL alike: the same code must behave the same on both.

use rocket::http::Status;
use serde_json::Value;

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
);

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
    app.send_json(
        "POST",
        &format!("/api/v1/stories/{id}/publish"),
        &Value::Null,
        As::Manager("mia"),
    )
    .await;
    let (_, list) = app
        .get_json("/api/v1/stories?value=samen-sterker", As::Anonymous)
        .await;
    assert_eq!(ids(&list), [id]);
    let (_, values) = app.get_json("/api/v1/values", As::Anonymous).await;
    assert_eq!(values["values"][0]["story_count"], 1);

    let (status, edited) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}"),
            &story_json("Nieuwe titel", &["betrouwbaar"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(edited["values"][0]["slug"], "betrouwbaar");
    app.send_json(
        "POST",
        &format!("/api/v1/stories/{id}/publish"),
        &Value::Null,
        As::Manager("mia"),
    )
    .await;
    let (_, list) = app
        .get_json("/api/v1/stories?value=klantgericht", As::Anonymous)
        .await;
    assert!(ids(&list).is_empty(), "re-tagged away from klantgericht");

    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/stories/{id}"),
            &Value::Null,
            As::Staff("anna"),
        )
        .await;
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
    app.send_json(
        "DELETE",
        &format!("/api/v1/stories/{id}"),
        &Value::Null,
        As::Staff("anna"),
    )
    .await;
    let rows = search_change::Entity::find()
        .order_by_asc(search_change::Column::Id)
        .all(&app.state().db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.windows(2).all(|w| w[0].id < w[1].id));
}
