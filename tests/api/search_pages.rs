//! The search page and the story page's related stories: what the HTML
//! shows of a search (the JSON API's side is in `search.rs`).

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp};

fn nl() -> Value {
    json!({"lang": "nl"})
}

#[rocket::async_test]
async fn the_search_page_keeps_the_query_and_highlights_hits() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Blije klant",
            "De klant kreeg een nieuwe <b>omvormer</b>.",
            nl(),
        )
        .await;
    app.search_caught_up().await;
    let (status, html) = app.get_html("/search?q=omvormer", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("value=\"omvormer\""),
        "the query stays in the box"
    );
    assert!(html.contains(&format!("href=\"/stories/{id}\"")));
    assert!(html.contains("<mark>omvormer</mark>"), "{html}");
    assert!(
        !html.contains("<b>omvormer"),
        "story markup is escaped in snippets"
    );
    assert!(html.contains("1 verhaal gevonden"));
}

#[rocket::async_test]
async fn the_search_page_offers_value_facets_with_counts() {
    let app = TestApp::spawn().await;
    app.publish_story(
        "Een",
        "Een verhaal over de planning.",
        json!({"values": ["klantgericht"]}),
    )
    .await;
    app.publish_story(
        "Twee",
        "Nog een verhaal over de planning.",
        json!({"values": ["betrouwbaar", "klantgericht"]}),
    )
    .await;
    app.search_caught_up().await;
    let (_, html) = app.get_html("/search?q=planning", As::Anonymous).await;
    assert!(
        html.contains("href=\"/search?q=planning&#38;value=klantgericht\""),
        "{html}"
    );
    assert!(html.contains("Klantgericht <span class=\"count\">2</span>"));
    assert!(html.contains("Betrouwbaar <span class=\"count\">1</span>"));
    let (_, filtered) = app
        .get_html("/search?q=planning&value=betrouwbaar", As::Anonymous)
        .await;
    assert!(filtered.contains("aria-current=\"true\""));
    assert!(filtered.contains("1 verhaal gevonden"));
}

#[rocket::async_test]
async fn an_empty_result_suggests_the_values() {
    let app = TestApp::spawn().await;
    let (status, html) = app
        .get_html("/search?q=onvindbaarwoord", As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("Niets gevonden"));
    assert!(
        html.contains("href=\"/values/klantgericht\""),
        "values suggested"
    );
}

#[rocket::async_test]
async fn the_search_page_paginates() {
    let app = TestApp::spawn().await;
    for n in 0..12 {
        app.publish_story(
            &format!("Verhaal {n}"),
            "Een verhaal over de laadpaal.",
            nl(),
        )
        .await;
    }
    app.search_caught_up().await;
    let (_, first) = app.get_html("/search?q=laadpaal", As::Anonymous).await;
    assert!(
        first.contains("href=\"/search?q=laadpaal&#38;offset=10\" rel=\"next\""),
        "{first}"
    );
    let (_, second) = app
        .get_html("/search?q=laadpaal&offset=10", As::Anonymous)
        .await;
    assert!(second.contains("rel=\"prev\""));
    assert!(!second.contains("rel=\"next\""));
}

#[rocket::async_test]
async fn an_absurd_search_on_the_page_says_why() {
    let app = TestApp::spawn().await;
    let q = "ab+".repeat(40);
    let (status, html) = app.get_html(&format!("/search?q={q}"), As::Anonymous).await;
    assert_eq!(status, Status::BadRequest);
    assert!(html.contains("id=\"q-error\""));
    assert!(html.contains("hoogstens 32 woorden"), "Dutch by default");
}

#[rocket::async_test]
async fn every_page_has_a_search_box() {
    let app = TestApp::spawn().await;
    for path in ["/", "/values/klantgericht", "/search"] {
        let (_, html) = app.get_html(path, As::Anonymous).await;
        assert!(html.contains("role=\"search\""), "{path}");
        assert!(html.contains("<label for=\"site-q\""), "{path}");
    }
}

#[rocket::async_test]
async fn a_story_page_links_related_stories() {
    let app = TestApp::spawn().await;
    let a = app
        .publish_story(
            "Warmtepomp bij mevrouw Jansen",
            "De warmtepomp maakte lawaai; de monteur stelde de warmtepomp opnieuw af.",
            nl(),
        )
        .await;
    let b = app
        .publish_story(
            "Nog een warmtepomp",
            "Ook deze warmtepomp werd door de monteur afgesteld.",
            nl(),
        )
        .await;
    let c = app
        .publish_story(
            "Koffie op kantoor",
            "De koffieautomaat op kantoor is vernieuwd.",
            nl(),
        )
        .await;
    app.search_caught_up().await;
    let (_, body) = app
        .get_json(&format!("/api/v1/stories/{a}/related"), As::Anonymous)
        .await;
    let related: Vec<i64> = body["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(related.first(), Some(&b), "{body}");
    assert!(!related.contains(&a), "not itself");
    assert!(!related.contains(&c), "unrelated stories stay out");
    let (_, html) = app.get_html(&format!("/stories/{a}"), As::Anonymous).await;
    assert!(html.contains("Meer verhalen zoals dit"));
    assert!(html.contains(&format!("href=\"/stories/{b}\"")));
}
