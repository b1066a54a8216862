//! The `<link>` tags by which browsers and readers find the feeds, the
//! search and oEmbed.

use crate::helpers::{As, TestApp};

const SITE_FEED: &str = r#"<link rel="alternate" type="application/atom+xml" title="Merkwaardig — verhalen" href="/feed.atom">"#;
const SEARCH: &str = r#"<link rel="search" type="application/opensearchdescription+xml" title="Merkwaardig" href="/opensearch.xml">"#;

fn head(html: &str) -> &str {
    html.split("</head>").next().unwrap()
}

#[rocket::async_test]
async fn every_page_links_the_site_feed_and_the_search() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    for path in [
        "/".to_owned(),
        "/values/klantgericht".to_owned(),
        format!("/stories/{id}"),
        "/search?q=klant".to_owned(),
        "/bestaat-niet".to_owned(),
    ] {
        let (_, html) = app.get_html(&path, As::Anonymous).await;
        assert!(head(&html).contains(SITE_FEED), "{path}: {}", head(&html));
        assert!(head(&html).contains(SEARCH), "{path}");
    }
}

#[rocket::async_test]
async fn a_value_page_links_its_own_feed() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_html("/values/samen-sterker", As::Anonymous).await;
    assert!(
        head(&html).contains(
            r#"<link rel="alternate" type="application/atom+xml" title="Merkwaardig — Samen sterker" href="/values/samen-sterker/feed.atom">"#
        ),
        "{}",
        head(&html)
    );
}

#[rocket::async_test]
async fn a_published_story_page_offers_oembed_and_others_do_not() {
    let app = super::spawn_public().await;
    let published = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Nog niet klaar", &["klantgericht"])
        .await;

    let (_, html) = app
        .get_html(&format!("/stories/{published}"), As::Anonymous)
        .await;
    let expected = format!(
        r#"<link rel="alternate" type="application/json+oembed" href="https://intranet.example/oembed?url=https%3A%2F%2Fintranet.example%2Fstories%2F{published}&#38;format=json" title="Een verhaal">"#
    );
    assert!(head(&html).contains(&expected), "{}", head(&html));

    let (_, html) = app
        .get_html(&format!("/stories/{pending}"), As::Staff("anna"))
        .await;
    assert!(html.contains("Nog niet klaar"), "the author sees it");
    assert!(!html.contains("json+oembed"), "but it offers no embed");
}
