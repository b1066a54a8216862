//! Feeds, OpenSearch, oEmbed and embeds: what other programs read.

mod atom;
mod discovery;
mod embed;
mod oembed;
mod opensearch;

use atom_syndication::{Entry, Feed};
use rocket::http::{Header, Status};

use crate::helpers::{As, PROXY, TestApp};

pub const SITE: &str = "https://intranet.example";

/// An app whose `public_url` is [`SITE`].
pub async fn spawn_public() -> TestApp {
    TestApp::spawn_with(|f| f.merge(("public_url", SITE))).await
}

/// Fetches and parses a feed, checking its type and caching.
pub async fn fetch_feed(app: &TestApp, path: &str) -> Feed {
    let response = app.get(path, As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok, "{path}");
    assert_eq!(
        response.headers().get_one("Content-Type"),
        Some("application/atom+xml; charset=utf-8"),
        "{path}"
    );
    assert_eq!(
        response.headers().get_one("Cache-Control"),
        Some("no-cache"),
        "{path}"
    );
    let xml = response.into_string().await.unwrap();
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    assert_eq!(
        document.root_element().tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom"),
        "an Atom document"
    );
    Feed::read_from(xml.as_bytes()).expect("a valid Atom feed")
}

/// A GET with a `Host` header and, optionally, other headers, from `peer`.
pub async fn get_from_host(
    app: &TestApp,
    path: &str,
    peer: &str,
    headers: &[(&'static str, &'static str)],
) -> String {
    let mut request = app
        .client
        .get(path.to_owned())
        .remote(peer.parse().unwrap());
    for (name, value) in headers {
        request = request.header(Header::new(*name, *value));
    }
    let response = request.dispatch().await;
    assert_eq!(response.status(), Status::Ok, "{path}");
    response.into_string().await.unwrap()
}

pub fn alternate(entry: &Entry) -> &str {
    entry
        .links()
        .iter()
        .find(|link| link.rel() == "alternate")
        .map(|link| link.href())
        .expect("an alternate link")
}

/// The story ids of a feed's entries, from their links, in feed order.
pub fn story_ids(feed: &Feed) -> Vec<i64> {
    feed.entries()
        .iter()
        .map(|entry| {
            alternate(entry)
                .rsplit('/')
                .next()
                .and_then(|id| id.parse().ok())
                .expect("a story link")
        })
        .collect()
}

pub const TRUSTED: &str = PROXY;
