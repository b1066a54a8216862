//! Atom 1.0 feeds (RFC 4287) of published stories, written by the
//! `atom_syndication` crate, which does all XML escaping.
//!
//! Ids: every feed and entry id is a `urn:uuid:` derived from the
//! installation's own random id (kept in the database) and the story id, so
//! it stays the same across restarts, replicas, edits and changes of host
//! name — unlike a `tag:` URI or URL built from the host.

use atom_syndication::{
    Category, Content, Entry, Feed, Generator, Link, Person, Text, WriteConfig,
};
use chrono::{DateTime, FixedOffset};

use super::xml_text;
use crate::domain::Origin;
use crate::error::{AppError, AppResult};
use crate::i18n::UiLang;
use crate::services::installation::Installation;
use crate::services::stories::StoryView;

/// How many stories a feed holds: the newest.
pub const MAX_ENTRIES: u64 = 50;

pub const CONTENT_TYPE: (&str, &str) = ("application", "atom+xml");

/// Which feed: all published stories, or those of one value.
pub struct FeedInfo {
    /// Names the feed in its permanent id: `all` or `value:<slug>`.
    pub key: String,
    pub title: String,
    /// Root-relative path of the feed itself.
    pub self_path: String,
    /// Root-relative path of the page that shows the same stories.
    pub page_path: String,
    /// The value's current story of the month, marked with the category
    /// [`STORY_OF_THE_MONTH`] (and in the feed even when older than the rest).
    pub story_of_the_month: Option<i32>,
}

/// The category term that marks a value's story of the month in its feed.
pub const STORY_OF_THE_MONTH: &str = "story_of_the_month";

impl FeedInfo {
    pub fn all(lang: UiLang) -> FeedInfo {
        FeedInfo {
            key: "all".into(),
            title: lang.t("feed-all"),
            self_path: "/feed.atom".into(),
            page_path: "/".into(),
            story_of_the_month: None,
        }
    }

    pub fn value(slug: &str, name: &str) -> FeedInfo {
        FeedInfo {
            key: format!("value:{slug}"),
            title: format!("Merkwaardig — {name}"),
            self_path: format!("/values/{slug}/feed.atom"),
            page_path: format!("/values/{slug}"),
            story_of_the_month: None,
        }
    }
}

/// The permanent id of a story's entry.
pub fn entry_id(installation: &Installation, story_id: i32) -> String {
    installation.urn(&format!("story:{story_id}"))
}

fn link(href: String, rel: &str, mime_type: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(Some(mime_type.to_owned()));
    link
}

fn person(name: &str, uri: Option<String>) -> Person {
    let mut person = Person::default();
    person.set_name(xml_text(name));
    person.set_uri(uri);
    person
}

fn entry(
    site: &Origin,
    installation: &Installation,
    story: &StoryView,
    lang: UiLang,
    monthly: bool,
) -> Entry {
    let mut entry = Entry::default();
    entry.set_id(entry_id(installation, story.id));
    entry.set_title(Text::plain(xml_text(&story.title)));
    entry.set_updated(story.updated_at.fixed_offset());
    entry.set_published(story.published_at.map(|at| at.fixed_offset()));
    entry.set_links(vec![link(
        site.join(&format!("/stories/{}", story.id)),
        "alternate",
        "text/html",
    )]);
    // The byline as the site shows it to everyone: an anonymous author stays
    // "a colleague from <team>".
    entry.set_authors(vec![person(&story.byline(&lang), None)]);
    // The colleagues the story names took part: Atom's contributors.
    entry.set_contributors(
        story
            .people
            .iter()
            .map(|p| person(&p.name, None))
            .collect::<Vec<_>>(),
    );
    let scheme = site.join("/values/");
    let mut categories: Vec<Category> = story
        .values
        .iter()
        .map(|tag| {
            let mut category = Category::default();
            category.set_term(tag.slug.clone());
            category.set_scheme(Some(scheme.clone()));
            category.set_label(Some(xml_text(&tag.name)));
            category
        })
        .collect();
    if monthly {
        let mut category = Category::default();
        category.set_term(STORY_OF_THE_MONTH);
        category.set_scheme(Some(site.join("/")));
        category.set_label(Some(lang.t("monthly-heading")));
        categories.push(category);
    }
    entry.set_categories(categories);
    let mut content = Content::default();
    content.set_content_type(Some("html".to_owned()));
    content.set_lang(Some(story.lang.as_str().to_owned()));
    // Already sanitised by ammonia; the writer escapes it as text.
    content.set_value(Some(xml_text(&story.body_html)));
    entry.set_content(Some(content));
    entry
}

/// The feed as an XML document. `updated` is the latest change among the
/// entries, or the installation's creation when there are none, so an
/// unchanged feed never looks changed.
pub fn build(
    site: &Origin,
    installation: &Installation,
    info: &FeedInfo,
    stories: &[StoryView],
    lang: UiLang,
) -> AppResult<String> {
    let updated: DateTime<FixedOffset> = stories
        .iter()
        .map(|story| story.updated_at)
        .max()
        .unwrap_or(installation.created_at)
        .fixed_offset();
    let mut generator = Generator::default();
    generator.set_value("Merkwaardig");
    let mut feed = Feed::default();
    feed.set_id(installation.urn(&format!("feed:{}", info.key)));
    feed.set_title(Text::plain(xml_text(&info.title)));
    feed.set_updated(updated);
    feed.set_links(vec![
        link(site.join(&info.self_path), "self", "application/atom+xml"),
        link(site.join(&info.page_path), "alternate", "text/html"),
    ]);
    feed.set_authors(vec![person("Merkwaardig", Some(site.join("/")))]);
    feed.set_generator(Some(generator));
    feed.set_entries(
        stories
            .iter()
            .map(|story| {
                let monthly = info.story_of_the_month == Some(story.id);
                entry(site, installation, story, lang, monthly)
            })
            .collect::<Vec<_>>(),
    );
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: None,
    };
    let bytes = feed
        .write_with_config(Vec::new(), config)
        .map_err(|e| AppError::Render(format!("atom feed: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Render(format!("atom feed: {e}")))
}
