//! Every payload of the corpus in stories — bodies, titles, teams and
//! approaches — and each page, feed, embed and API answer that shows them:
//! no executable markup, and the one-line fields come back as the very text
//! that was written.

use std::collections::HashMap;

use rocket::http::Status;
use scraper::{ElementRef, Html};
use serde_json::{Value, json};

use super::{assert_inert, attrs, packed, payloads, texts};
use crate::helpers::{As, TestApp};

pub const SITE: &str = "https://intranet.example";
const VALUES: [&str; 3] = ["klantgericht", "betrouwbaar", "samen-sterker"];

/// A story as the service stored it.
pub struct Written {
    pub id: i64,
    pub title: String,
    pub team: String,
    pub approach: String,
    pub body: String,
    pub anonymous: bool,
}

pub async fn spawn() -> TestApp {
    TestApp::spawn_with(|f| {
        f.merge(("public_url", SITE))
            .merge(("submissions_per_hour", 10_000))
    })
    .await
}

/// Stories carrying the whole corpus: every payload in the body of one
/// story (as a block of its own and inside a sentence); the payloads that
/// fit in titles, in turn in approaches, and teams in turn. Each story is
/// submitted with a plain body and then edited, so its history shows the
/// payloads in a diff; all of them wait for a manager.
pub async fn submit_all(app: &TestApp) -> Vec<Written> {
    let all = payloads();
    let titles = packed(&all, 120, " ");
    let teams = packed(&all, 60, " ");
    let n = titles.len();
    let mut written = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        let mut body = format!("Verhaal {i}: zo ging het.\n\n");
        for payload in all.iter().skip(i).step_by(n) {
            body.push_str(&format!(
                "{payload}\n\nIn een zin: {payload} en verder.\n\n"
            ));
        }
        let mut story = json!({
            "title": title,
            "body": format!("Verhaal {i}, eerst nog zonder de rest erbij."),
            "values": [VALUES[i % VALUES.len()]],
            "team": teams[i % teams.len()],
            "approach": titles[n - 1 - i],
            "anonymous": i % 5 == 4,
            "lang": "nl",
        });
        let (status, created) = app
            .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
            .await;
        assert_eq!(status, Status::Created, "{created}");
        let id = created["id"].as_i64().unwrap();
        story["body"] = json!(body);
        let (status, edited) = app.edit(id, &story, As::Staff("anna")).await;
        assert_eq!(status, Status::Ok, "{edited}");
        assert_inert(edited["body_html"].as_str().unwrap(), "body_html (API)");
        assert_eq!(edited["title"], story["title"], "stored as written");
        written.push(Written {
            id,
            title: title.clone(),
            team: edited["team"].as_str().unwrap().to_owned(),
            approach: edited["approach"].as_str().unwrap().to_owned(),
            body: edited["body"].as_str().unwrap().to_owned(),
            anonymous: i % 5 == 4,
        });
    }
    written
}

pub fn titles_by_id(stories: &[Written]) -> HashMap<i64, String> {
    stories.iter().map(|s| (s.id, s.title.clone())).collect()
}

/// Checks the links to stories `selector` picks: each shows its story's
/// title as text. Returns how many there were.
pub fn check_titles(
    html: &str,
    selector: &str,
    titles: &HashMap<i64, String>,
    surface: &str,
) -> usize {
    let selector = scraper::Selector::parse(selector).unwrap();
    let page = Html::parse_document(html);
    let mut seen = 0;
    for link in page.select(&selector) {
        let href = link.value().attr("href").unwrap_or_default();
        let id: i64 = href.rsplit('/').next().unwrap().parse().unwrap();
        let shown: String = link.text().collect();
        assert_eq!(shown.trim(), titles[&id], "{surface}: the title of {href}");
        seen += 1;
    }
    seen
}

/// A page that must exist and be inert; its HTML.
pub async fn page(app: &TestApp, path: &str, who: As) -> String {
    let (status, html) = app.get_html(path, who).await;
    assert_eq!(status, Status::Ok, "{path}");
    assert_inert(&html, path);
    html
}

/// Checks an Atom feed: each entry's title is its story's title as text,
/// its HTML content inert once the XML is decoded.
async fn check_feed(app: &TestApp, path: &str, titles: &HashMap<i64, String>) -> usize {
    let (status, xml) = app.get_html(path, As::Anonymous).await;
    assert_eq!(status, Status::Ok, "{path}");
    let feed = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let mut entries = 0;
    for entry in feed.descendants().filter(|n| n.has_tag_name("entry")) {
        let child = |name: &str| entry.children().find(|n| n.has_tag_name(name)).unwrap();
        let href = child("link").attribute("href").unwrap();
        let id: i64 = href.rsplit('/').next().unwrap().parse().unwrap();
        assert_eq!(child("title").text(), Some(titles[&id].as_str()), "{path}");
        let content = child("content");
        assert_eq!(content.attribute("type"), Some("html"), "{path}");
        assert_inert(
            content.text().unwrap_or_default(),
            &format!("{path}, {href}"),
        );
        entries += 1;
    }
    entries
}

/// The oEmbed answer is one iframe of the story's card, its title escaped.
fn check_oembed(answer: &Value, story: &Written) {
    assert_eq!(answer["title"], story.title.as_str());
    let html = answer["html"].as_str().unwrap();
    let fragment = Html::parse_fragment(html);
    let elements: Vec<ElementRef<'_>> = fragment
        .root_element()
        .descendent_elements()
        .filter(|e| e.value().name() != "html")
        .collect();
    assert_eq!(elements.len(), 1, "oEmbed html is one element: {html}");
    let iframe = elements[0].value();
    assert_eq!(iframe.name(), "iframe", "{html}");
    let mut names: Vec<&str> = iframe.attrs().map(|(name, _)| name).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "height", "loading", "sandbox", "src", "style", "title", "width"
        ],
        "{html}"
    );
    let src = format!("{SITE}/embed/stories/{}", story.id);
    assert_eq!(iframe.attr("src"), Some(src.as_str()));
    assert_eq!(iframe.attr("title"), Some(story.title.as_str()));
    assert!(!iframe.attr("sandbox").unwrap().contains("allow-scripts"));
}

/// Follows a paginated list from `first`, checking every page; returns the
/// ids of the stories listed.
async fn walk(app: &TestApp, first: &str, titles: &HashMap<i64, String>) -> Vec<i64> {
    let mut ids = Vec::new();
    let mut next = Some(first.to_owned());
    while let Some(path) = next.take() {
        let html = page(app, &path, As::Anonymous).await;
        check_titles(&html, "article.story-card h3 a", titles, &path);
        for href in attrs(&html, "article.story-card h3 a", "href") {
            ids.push(href.rsplit('/').next().unwrap().parse().unwrap());
        }
        next = attrs(&html, "a[rel=next]", "href").pop();
        assert!(ids.len() <= titles.len(), "{first} goes on and on");
    }
    ids
}

#[rocket::async_test]
async fn hostile_stories_stay_inert_in_moderation_pages_lists_feeds_and_embeds() {
    let app = spawn().await;
    let stories = submit_all(&app).await;
    let titles = titles_by_id(&stories);

    // Waiting: the manager's queue, the author's list, form and page.
    let html = page(&app, "/moderation", As::Manager("mia")).await;
    let queued = check_titles(&html, ".queue-item h3 a", &titles, "/moderation");
    assert_eq!(queued, stories.len(), "every story waits");
    let (_, queue) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    for item in queue["queue"].as_array().unwrap() {
        assert_inert(
            item["story"]["body_html"].as_str().unwrap(),
            "the queue (API)",
        );
    }
    let html = page(&app, "/my/stories", As::Staff("anna")).await;
    assert_eq!(
        check_titles(&html, "ul.mine h2 a", &titles, "/my/stories"),
        stories.len()
    );
    for story in &stories {
        let path = format!("/stories/{}/edit", story.id);
        let html = page(&app, &path, As::Staff("anna")).await;
        assert_eq!(
            attrs(&html, "input#title", "value"),
            [story.title.as_str()],
            "{path}"
        );
        assert_eq!(
            attrs(&html, "input#team", "value"),
            [story.team.as_str()],
            "{path}"
        );
        assert_eq!(
            attrs(&html, "input#approach", "value"),
            [story.approach.as_str()],
            "{path}"
        );
        let newlines = |text: &str| text.replace("\r\n", "\n").replace('\r', "\n");
        let typed = texts(&html, "textarea#body");
        assert_eq!(newlines(&typed[0]), newlines(&story.body), "{path}");
        let path = format!("/stories/{}", story.id);
        let html = page(&app, &path, As::Manager("mia")).await;
        assert_eq!(
            texts(&html, "article.story > h1"),
            [story.title.as_str()],
            "{path}"
        );
    }

    // Published in batches: the newest-first surfaces see each batch.
    for batch in stories.chunks(20) {
        for story in batch {
            app.publish(story.id).await;
        }
        page(&app, "/", As::Anonymous).await;
        let html = page(&app, "/embed/stories?limit=20", As::Anonymous).await;
        let listed = check_titles(&html, "ul.embed-stories a", &titles, "/embed/stories");
        assert!(listed >= batch.len());
        assert!(check_feed(&app, "/feed.atom", &titles).await >= batch.len());
    }

    // Each story where it is shown on its own.
    for story in &stories {
        let path = format!("/stories/{}", story.id);
        let html = page(&app, &path, As::Anonymous).await;
        assert_eq!(
            texts(&html, "article.story > h1"),
            [story.title.as_str()],
            "{path}"
        );
        assert_eq!(
            texts(&html, "p.approach"),
            [story.approach.as_str()],
            "{path}"
        );
        assert!(texts(&html, "title")[0].starts_with(&story.title), "{path}");
        let discovery = attrs(&html, "link[type=\"application/json+oembed\"]", "title");
        assert_eq!(discovery, [story.title.as_str()], "{path}: an attribute");
        let team_links = texts(&html, "p.meta a[href^=\"/stories?team=\"]");
        if story.anonymous {
            assert!(team_links.is_empty(), "{path}");
        } else {
            assert_eq!(team_links, [story.team.as_str()], "{path}");
        }
        page(&app, &path, As::Manager("mia")).await;
        let history = page(&app, &format!("{path}/history"), As::Staff("anna")).await;
        assert!(
            texts(&history, "pre.diff")[0].contains("In een zin:"),
            "{path}/history"
        );
        let html = page(&app, &format!("/embed{path}"), As::Anonymous).await;
        assert_eq!(
            texts(&html, "article.embed-card > h1 a"),
            [story.title.as_str()],
            "/embed{path}"
        );
        let url: String =
            form_urlencoded::byte_serialize(format!("{SITE}{path}").as_bytes()).collect();
        let (status, answer) = app
            .get_json(&format!("/oembed?url={url}"), As::Anonymous)
            .await;
        assert_eq!(status, Status::Ok, "oEmbed for {path}");
        check_oembed(&answer, story);
        let (_, json) = app.get_json(&format!("/api/v1{path}"), As::Anonymous).await;
        assert_eq!(json["title"], story.title.as_str());
        assert_inert(json["body_html"].as_str().unwrap(), "body_html (API)");
    }

    // The lists, each page of them, and the feeds per value.
    let mut all = walk(&app, "/stories", &titles).await;
    all.sort_unstable();
    let mut expected: Vec<i64> = titles.keys().copied().collect();
    expected.sort_unstable();
    assert_eq!(all, expected, "/stories lists every story once");
    for value in VALUES {
        walk(&app, &format!("/values/{value}"), &titles).await;
        check_feed(&app, &format!("/values/{value}/feed.atom"), &titles).await;
    }
    let named = walk(&app, "/people/anna", &titles).await;
    assert_eq!(
        named.len(),
        stories.iter().filter(|s| !s.anonymous).count(),
        "the anonymous ones are not on her page"
    );
    let mut teams: Vec<&str> = stories.iter().map(|s| s.team.as_str()).collect();
    teams.dedup();
    for team in teams {
        let encoded: String = form_urlencoded::byte_serialize(team.as_bytes()).collect();
        let html = page(&app, &format!("/stories?team={encoded}"), As::Anonymous).await;
        assert!(
            texts(&html, "h1#stories")[0].contains(team),
            "the team in the heading"
        );
        assert!(check_titles(&html, "article.story-card h3 a", &titles, team) > 0);
    }
}
