//! The corpus in search: every story's snippet and marked title, and every
//! payload as the query of the API, the search page and the embed.

use std::collections::HashMap;

use rocket::http::Status;
use scraper::Html;
use serde_json::Value;

use super::surfaces::{check_titles, spawn, submit_all, titles_by_id};
use super::{assert_inert, attrs, payloads};
use crate::helpers::As;

/// A hit's title or snippet: only `<mark>` is markup. Returns its text.
fn only_marks(html: &str, surface: &str) -> String {
    let fragment = Html::parse_fragment(html);
    for element in fragment.root_element().descendent_elements() {
        let el = element.value();
        assert!(
            el.name() == "html" || (el.name() == "mark" && el.attrs().next().is_none()),
            "{surface}: {el:?} in {html}"
        );
    }
    fragment.root_element().text().collect()
}

/// Checks the hits of a search answer; returns how many there were.
fn check_hits(body: &Value, titles: &HashMap<i64, String>, surface: &str) -> usize {
    let hits = body["hits"]
        .as_array()
        .unwrap_or_else(|| panic!("{surface}: {body}"));
    for hit in hits {
        let title = &titles[&hit["id"].as_i64().unwrap()];
        assert_eq!(hit["title"], title.as_str(), "{surface}");
        let shown = only_marks(hit["title_html"].as_str().unwrap(), surface);
        assert_eq!(&shown, title, "{surface}: title_html");
        only_marks(hit["snippet"].as_str().unwrap(), surface);
    }
    hits.len()
}

#[rocket::async_test]
async fn hostile_stories_and_queries_stay_inert_in_search() {
    let app = spawn().await;
    let stories = submit_all(&app).await;
    for story in &stories {
        app.publish(story.id).await;
    }
    let titles = titles_by_id(&stories);
    app.search_caught_up().await;

    // Browsing: every story's opening as a snippet.
    let mut listed = 0;
    for offset in (0..stories.len()).step_by(50) {
        let path = format!("/api/v1/search?limit=50&offset={offset}");
        let (status, body) = app.get_json(&path, As::Anonymous).await;
        assert_eq!(status, Status::Ok, "{path}");
        listed += check_hits(&body, &titles, &path);
    }
    assert_eq!(listed, stories.len());

    // Every payload as the query: the answer, the page and the embed.
    let newlines = |text: &str| text.replace("\r\n", "\n").replace('\r', "\n");
    let mut found = 0;
    for payload in payloads() {
        let q: String = form_urlencoded::byte_serialize(payload.as_bytes()).collect();
        let path = format!("/api/v1/search?q={q}&limit=50");
        let (status, body) = app.get_json(&path, As::Anonymous).await;
        let surface = format!("the search API for {payload:?}");
        match status {
            Status::Ok => found += check_hits(&body, &titles, &surface),
            Status::BadRequest => assert_eq!(body["errors"][0]["field"], "q", "{surface}"),
            other => panic!("{surface}: {other}"),
        }
        for base in ["/search", "/embed/search"] {
            let (page_status, html) = app.get_html(&format!("{base}?q={q}"), As::Anonymous).await;
            let surface = format!("{base} for {payload:?}");
            assert_eq!(page_status, status, "{surface}");
            assert_inert(&html, &surface);
            check_titles(&html, "li.hit h2 a, li.hit h3 a", &titles, &surface);
            let typed = attrs(&html, "input#q", "value");
            assert_eq!(typed.len(), 1, "{surface}");
            assert_eq!(
                newlines(&typed[0]),
                newlines(&payload),
                "{surface}: the query as typed"
            );
        }
    }
    assert!(
        found > stories.len(),
        "the payloads find their stories: {found}"
    );
}
