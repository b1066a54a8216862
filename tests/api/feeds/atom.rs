use chrono::{DateTime, FixedOffset};
use rocket::http::Status;
use serde_json::json;

use super::{SITE, TRUSTED, alternate, fetch_feed, get_from_host, spawn_public, story_ids};
use crate::helpers::{As, TestApp, story_json};

fn time(value: &serde_json::Value) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(value.as_str().expect("a timestamp")).unwrap()
}

#[rocket::async_test]
async fn the_site_feed_holds_exactly_the_published_stories_newest_first() {
    let app = spawn_public().await;
    let first = app
        .submit_published(As::Staff("anna"), "Eerste verhaal", &["klantgericht"])
        .await;
    let second = app
        .submit_published(As::Staff("bram"), "Tweede verhaal", &["samen-sterker"])
        .await;
    let _pending = app
        .submit(As::Staff("anna"), "Wachtend verhaal", &["klantgericht"])
        .await;
    let rejected = app
        .submit(As::Staff("anna"), "Afgewezen verhaal", &["klantgericht"])
        .await;
    let (status, _) = app
        .moderate(
            rejected,
            "reject",
            &json!({"reason": "Nog wat te kort."}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let withdrawn = app
        .submit_published(As::Staff("anna"), "Ingetrokken verhaal", &["klantgericht"])
        .await;
    assert_eq!(
        app.withdraw(withdrawn, As::Staff("anna")).await,
        Status::NoContent
    );

    let feed = fetch_feed(&app, "/feed.atom").await;

    let mut ids = story_ids(&feed);
    ids.sort();
    assert_eq!(ids, vec![first, second], "only the published stories");
    assert_eq!(feed.title().as_str(), "Merkwaardig — verhalen");
    let links: Vec<(&str, &str)> = feed.links().iter().map(|l| (l.rel(), l.href())).collect();
    assert!(
        links.contains(&("self", "https://intranet.example/feed.atom")),
        "{links:?}"
    );
    assert!(
        links.contains(&("alternate", "https://intranet.example/")),
        "{links:?}"
    );
    assert!(!feed.authors().is_empty(), "the feed has an author");
    assert!(!feed.id().is_empty());
}

#[rocket::async_test]
async fn a_value_feed_holds_only_the_stories_of_that_value() {
    let app = spawn_public().await;
    let klant = app
        .submit_published(As::Staff("anna"), "Over klanten", &["klantgericht"])
        .await;
    let both = app
        .submit_published(
            As::Staff("anna"),
            "Over klanten en betrouwbaarheid",
            &["klantgericht", "betrouwbaar"],
        )
        .await;
    let _betrouwbaar = app
        .submit_published(As::Staff("anna"), "Alleen betrouwbaar", &["betrouwbaar"])
        .await;

    let feed = fetch_feed(&app, "/values/klantgericht/feed.atom").await;

    let mut ids = story_ids(&feed);
    ids.sort();
    assert_eq!(ids, vec![klant, both]);
    assert_eq!(feed.title().as_str(), "Merkwaardig — Klantgericht");
    let self_link = feed.links().iter().find(|l| l.rel() == "self").unwrap();
    assert_eq!(
        self_link.href(),
        "https://intranet.example/values/klantgericht/feed.atom"
    );
    let all = fetch_feed(&app, "/feed.atom").await;
    assert_ne!(feed.id(), all.id(), "each feed has its own id");
}

#[rocket::async_test]
async fn an_unknown_value_has_no_feed() {
    let app = TestApp::spawn().await;
    let response = app
        .get("/values/bestaat-niet/feed.atom", As::Anonymous)
        .await;
    assert_eq!(response.status(), Status::NotFound);
}

#[rocket::async_test]
async fn an_entry_carries_title_dates_link_author_values_and_language() {
    let app = spawn_public().await;
    let id = app
        .submit_published(
            As::Staff("anna"),
            "Samen & \"sterk\" <hier>",
            &["klantgericht", "samen-sterker"],
        )
        .await;
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;

    let feed = fetch_feed(&app, "/feed.atom").await;

    let entry = &feed.entries()[0];
    assert_eq!(entry.title().as_str(), "Samen & \"sterk\" <hier>");
    assert_eq!(alternate(entry), format!("{SITE}/stories/{id}"));
    assert_eq!(entry.updated(), &time(&story["updated_at"]));
    assert_eq!(entry.published(), Some(&time(&story["published_at"])));
    assert_eq!(
        feed.updated(),
        entry.updated(),
        "the feed is as new as its newest entry"
    );
    let authors: Vec<&str> = entry.authors().iter().map(|a| a.name()).collect();
    assert_eq!(authors, vec!["Anna"], "the name the site shows");
    let categories: Vec<(&str, Option<&str>)> = entry
        .categories()
        .iter()
        .map(|c| (c.term(), c.label()))
        .collect();
    assert_eq!(
        categories,
        vec![
            ("klantgericht", Some("Klantgericht")),
            ("samen-sterker", Some("Samen sterker"))
        ]
    );
    let content = entry.content().expect("content");
    assert_eq!(content.content_type(), Some("html"));
    assert_eq!(content.lang(), Some("nl"));
}

#[rocket::async_test]
async fn the_content_is_the_sanitised_html_of_the_story() {
    let app = spawn_public().await;
    let story = json!({
        "title": "Met een script erin",
        "body": "Hallo **wereld** <script>alert(1)</script>\n\n<img src=x onerror=alert(2)> [klik](javascript:alert(3))",
        "values": ["klantgericht"],
    });
    let (status, created) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Created);
    app.publish(created["id"].as_i64().unwrap()).await;

    let feed = fetch_feed(&app, "/feed.atom").await;

    let html = feed.entries()[0]
        .content()
        .unwrap()
        .value()
        .unwrap()
        .to_lowercase();
    assert!(html.contains("<strong>wereld</strong>"), "{html}");
    assert!(!html.contains("<script"), "no script element: {html}");
    assert!(
        !html.contains("onerror") && !html.contains("javascript:"),
        "{html}"
    );
}

#[rocket::async_test]
async fn entry_ids_stay_the_same_across_fetches_hosts_edits_and_restarts() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    let id = app
        .submit(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let entry_id = |xml: String| {
        atom_syndication::Feed::read_from(xml.as_bytes())
            .unwrap()
            .entries()[0]
            .id()
            .to_owned()
    };
    let first =
        entry_id(get_from_host(&app, "/feed.atom", TRUSTED, &[("Host", "a.example")]).await);
    let again =
        entry_id(get_from_host(&app, "/feed.atom", TRUSTED, &[("Host", "a.example")]).await);
    let other_host =
        entry_id(get_from_host(&app, "/feed.atom", TRUSTED, &[("Host", "b.example:8080")]).await);
    assert_eq!(first, again);
    assert_eq!(first, other_host, "the host name is no part of the id");
    assert!(first.starts_with("urn:uuid:"), "{first}");

    let (status, edited) = app
        .edit(
            id,
            &story_json("Een verhaal, herschreven", &["klantgericht", "betrouwbaar"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{edited}");
    let feed = fetch_feed(&app, "/feed.atom").await;
    assert_eq!(feed.entries()[0].id(), first, "editing keeps the id");
    assert_eq!(
        feed.entries()[0].title().as_str(),
        "Een verhaal, herschreven"
    );
    assert_eq!(feed.entries()[0].updated(), &time(&edited["updated_at"]));

    let app = app.restart().await;
    let feed = fetch_feed(&app, "/feed.atom").await;
    assert_eq!(feed.entries()[0].id(), first, "a restart keeps the id");
}

#[rocket::async_test]
async fn two_installations_give_the_same_story_different_ids() {
    let one = TestApp::spawn().await;
    let two = TestApp::spawn().await;
    for app in [&one, &two] {
        app.submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
            .await;
    }
    let a = fetch_feed(&one, "/feed.atom").await;
    let b = fetch_feed(&two, "/feed.atom").await;
    assert_eq!(story_ids(&a), story_ids(&b), "the same story id");
    assert_ne!(a.entries()[0].id(), b.entries()[0].id());
    assert_ne!(a.id(), b.id());
}

#[rocket::async_test]
async fn an_empty_feed_is_valid_and_does_not_change_between_fetches() {
    let app = TestApp::spawn().await;
    let first = fetch_feed(&app, "/values/betrouwbaar/feed.atom").await;
    assert!(first.entries().is_empty());
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let app = app.restart().await;
    let again = fetch_feed(&app, "/values/betrouwbaar/feed.atom").await;
    assert_eq!(first.updated(), again.updated());
    assert_eq!(first.id(), again.id());
}

#[rocket::async_test]
async fn absolute_urls_follow_the_request_without_public_url() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let link = |xml: String| {
        let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap();
        alternate(&feed.entries()[0]).to_owned()
    };

    let plain = link(
        get_from_host(
            &app,
            "/feed.atom",
            TRUSTED,
            &[("Host", "merk.example:8080")],
        )
        .await,
    );
    assert_eq!(plain, format!("http://merk.example:8080/stories/{id}"));

    let proxied = link(
        get_from_host(
            &app,
            "/feed.atom",
            TRUSTED,
            &[
                ("Host", "backend:8000"),
                ("X-Forwarded-Proto", "https"),
                ("X-Forwarded-Host", "merk.example"),
            ],
        )
        .await,
    );
    assert_eq!(proxied, format!("https://merk.example/stories/{id}"));

    let untrusted = link(
        get_from_host(
            &app,
            "/feed.atom",
            "10.20.30.40:5000",
            &[
                ("Host", "merk.example"),
                ("X-Forwarded-Proto", "https"),
                ("X-Forwarded-Host", "evil.example"),
            ],
        )
        .await,
    );
    assert_eq!(
        untrusted,
        format!("http://merk.example/stories/{id}"),
        "forwarded headers count only from a trusted proxy"
    );

    let forged =
        link(get_from_host(&app, "/feed.atom", TRUSTED, &[("Host", "evil.example/x?")]).await);
    assert!(
        !forged.contains("evil"),
        "a malformed Host is not used: {forged}"
    );
}

#[rocket::async_test]
async fn an_anonymous_author_stays_anonymous_in_feeds_and_oembed() {
    let app = spawn_public().await;
    let id = app
        .publish_story(
            "Anoniem in de feed",
            "Ik hielp een collega met een lastige klant, ook al was het mijn vrije middag.",
            serde_json::json!({"anonymous": true, "team": "Planning"}),
        )
        .await;
    let feed = fetch_feed(&app, "/feed.atom").await;
    let authors: Vec<&str> = feed.entries()[0]
        .authors()
        .iter()
        .map(|a| a.name())
        .collect();
    assert_eq!(authors, ["een collega van Planning"]);
    let (_, oembed) = app
        .get_json(
            &format!("/oembed?url={SITE}/stories/{id}&format=json"),
            As::Anonymous,
        )
        .await;
    assert_eq!(oembed["author_name"], "een collega van Planning");
    let (_, card) = app
        .get_html(&format!("/embed/stories/{id}"), As::Anonymous)
        .await;
    assert!(card.contains("een collega van Planning") && !card.contains("Anna"));
}
