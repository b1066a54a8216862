//! Each value's list of its stories in publication order
//! (`story_values.listed_at`, which value pages, feeds, widgets and the API
//! read instead of all stories): it holds exactly the value's published
//! stories, whatever happens to a story, and lists read through it come out
//! newest first, page after page. (The import's side is checked in
//! `transfer.rs`.)

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rocket::http::Status;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{As, TestApp, ids};

/// Every tag's `listed_at` is its story's `published_at` while the story is
/// published, and empty otherwise.
pub async fn assert_lists_in_step(app: &TestApp) {
    use merkwaardig::db::entities::{story, story_value};
    let db = &app.state().db;
    let stories: HashMap<i32, (String, Option<DateTime<Utc>>)> = story::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, (s.status, s.published_at)))
        .collect();
    let tags = story_value::Entity::find().all(db).await.unwrap();
    assert!(!tags.is_empty());
    for tag in tags {
        let (status, published_at) = &stories[&tag.story_id];
        let expected = if status == "published" {
            *published_at
        } else {
            None
        };
        assert_eq!(
            tag.listed_at, expected,
            "story {} ({status}) in value {}",
            tag.story_id, tag.value_id
        );
    }
}

/// The ids a value's API list gives, one page of `limit` after another.
async fn listed(app: &TestApp, value: &str, limit: usize) -> Vec<i64> {
    let mut all = Vec::new();
    let mut path = format!("/api/v1/stories?value={value}&limit={limit}");
    loop {
        let (status, body) = app.get_json(&path, As::Anonymous).await;
        assert_eq!(status, Status::Ok, "{body}");
        all.extend(ids(&body));
        match body["next"].as_str() {
            Some(next) => {
                path = format!("/api/v1/stories?value={value}&limit={limit}&cursor={next}")
            }
            None => return all,
        }
    }
}

#[rocket::async_test]
async fn a_values_list_follows_publishing_rejecting_withdrawing_and_retagging() {
    let app = TestApp::spawn().await;
    let mut klant = Vec::new();
    for n in 0..4 {
        klant.push(
            app.submit_published(As::Staff("anna"), &format!("Klant {n}"), &["klantgericht"])
                .await,
        );
    }
    let both = app
        .submit_published(
            As::Staff("bea"),
            "Allebei",
            &["klantgericht", "samen-sterker"],
        )
        .await;
    let pending = app
        .submit(As::Staff("bea"), "Nog niet", &["klantgericht"])
        .await;
    let rejected = app
        .submit(As::Staff("bea"), "Afgewezen", &["klantgericht"])
        .await;
    let (status, body) = app
        .moderate(
            rejected,
            "reject",
            &json!({"reason": "Te kort"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(
        app.withdraw(klant[1], As::Staff("anna")).await,
        Status::NoContent
    );
    assert_lists_in_step(&app).await;

    // Newest first, pending, rejected and withdrawn left out, one at a time
    // as well as all at once.
    let expected = vec![both, klant[3], klant[2], klant[0]];
    assert_eq!(listed(&app, "klantgericht", 1).await, expected);
    assert_eq!(listed(&app, "klantgericht", 10).await, expected);
    assert_eq!(listed(&app, "samen-sterker", 10).await, vec![both]);
    let (_, page) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(
        page.contains("Klant 3") && !page.contains("Nog niet"),
        "{page}"
    );
    assert!(!page.contains("Klant 1") && !page.contains("Afgewezen"));

    // Retagged: it leaves one value's list and joins the other's, in its
    // place by date.
    let (status, body) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{}/values", klant[2]),
            &json!({"values": ["samen-sterker"]}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    // Published later: on top.
    app.publish(pending).await;
    assert_lists_in_step(&app).await;
    assert_eq!(
        listed(&app, "klantgericht", 2).await,
        vec![pending, both, klant[3], klant[0]]
    );
    assert_eq!(listed(&app, "samen-sterker", 1).await, vec![both, klant[2]]);

    // A colleague forgotten with their stories withdrawn.
    let done = merkwaardig::services::privacy::forget(
        &app.state().db,
        "bea",
        merkwaardig::config::DepartedStories::Withdraw,
    )
    .await
    .unwrap();
    // Published and rejected alike.
    assert_eq!(done.withdrawn, 3);
    assert_lists_in_step(&app).await;
    assert_eq!(
        listed(&app, "klantgericht", 3).await,
        vec![klant[3], klant[0]]
    );
    assert_eq!(listed(&app, "samen-sterker", 3).await, vec![klant[2]]);
}
