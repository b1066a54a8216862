//! The HTML pages: one askama template struct per page, compiled with the
//! code. Templates escape everything except values of type
//! [`crate::markdown::SafeHtml`]-derived strings marked `|safe`, which only
//! ever hold sanitised HTML.

use askama::Template;

use crate::domain::FieldError;
use crate::identity::User;
use crate::services::stories::{Page, StoryView};
use crate::services::values::{ValueDetail, ValueSummary};

/// What every page shows around its content.
pub struct Layout {
    pub user: Option<User>,
    pub dev_login: bool,
    /// (kind, message): `success` or `error`.
    pub flash: Option<(String, String)>,
}

pub struct ValueGroup {
    pub key: &'static str,
    pub title: &'static str,
    pub lead: &'static str,
    pub values: Vec<ValueSummary>,
}

#[derive(Template)]
#[template(path = "home.html", config = "src/askama.toml")]
pub struct HomePage {
    pub layout: Layout,
    pub groups: Vec<ValueGroup>,
    pub recent: Vec<StoryView>,
}

#[derive(Template)]
#[template(path = "value.html", config = "src/askama.toml")]
pub struct ValuePage {
    pub layout: Layout,
    pub value: ValueDetail,
    pub page: Page,
}

#[derive(Template)]
#[template(path = "story.html", config = "src/askama.toml")]
pub struct StoryPage {
    pub layout: Layout,
    pub story: StoryView,
    pub can_moderate: bool,
    pub related: Vec<crate::search::related::RelatedStory>,
    pub inspired: crate::services::reactions::Inspired,
    /// The oEmbed discovery URL; published stories only.
    pub oembed: Option<String>,
}

#[derive(Template)]
#[template(path = "moderation.html", config = "src/askama.toml")]
pub struct ModerationPage {
    pub layout: Layout,
    pub queue: Vec<StoryView>,
}

/// What the user typed into the story form, kept when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct StoryFormData {
    pub title: String,
    pub body: String,
    pub values: Vec<String>,
    pub audience: String,
    pub team: String,
    pub lang: String,
}

#[derive(Template)]
#[template(path = "story_form.html", config = "src/askama.toml")]
pub struct StoryFormPage {
    pub layout: Layout,
    pub form: StoryFormData,
    pub errors: Vec<FieldError>,
    pub values: Vec<ValueSummary>,
    /// Where the form posts to: `/stories`, or `/stories/<id>/edit`.
    pub action: String,
    pub editing: bool,
}

impl StoryFormPage {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "my_stories.html", config = "src/askama.toml")]
pub struct MyStoriesPage {
    pub layout: Layout,
    pub stories: Vec<StoryView>,
}

impl StoryFormData {
    /// The form filled with a story, for editing.
    pub fn from_story(story: &StoryView) -> StoryFormData {
        StoryFormData {
            title: story.title.clone(),
            body: story.body.clone(),
            values: story.values.iter().map(|v| v.slug.clone()).collect(),
            audience: story.audience.as_str().to_owned(),
            team: story.team.clone().unwrap_or_default(),
            lang: story.lang.as_str().to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "dev_login.html", config = "src/askama.toml")]
pub struct DevLoginPage {
    pub layout: Layout,
    pub name: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html", config = "src/askama.toml")]
pub struct ErrorPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
}

pub struct HitView {
    pub hit: crate::search::SearchHit,
    /// (slug, name, kind) of the values the story illustrates.
    pub values: Vec<(String, String, crate::domain::ValueKind)>,
}

pub struct FacetLink {
    pub name: String,
    pub count: u64,
    pub selected: bool,
    pub href: String,
}

#[derive(Template)]
#[template(path = "search.html", config = "src/askama.toml")]
pub struct SearchPage {
    pub layout: Layout,
    pub query: String,
    pub error: Option<String>,
    pub total: usize,
    pub fuzzy: bool,
    pub hits: Vec<HitView>,
    pub facets: Vec<FacetLink>,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// For the empty result: the values and their guidance.
    pub values: Vec<ValueSummary>,
    /// Whether anything was asked (an empty box shows the latest stories).
    pub searched: bool,
}

/// The story card that intranet pages frame (`/embed/stories/<id>`).
#[derive(Template)]
#[template(path = "embed_story.html", config = "src/askama.toml")]
pub struct EmbedStoryPage {
    pub story: StoryView,
    /// Where "read on Merkwaardig" leads.
    pub story_url: String,
}

/// What an embed shows when its story is not (or no longer) published.
#[derive(Template)]
#[template(path = "embed_missing.html", config = "src/askama.toml")]
pub struct EmbedMissingPage;

/// The OpenSearch description: how browsers search this site.
#[derive(Template)]
#[template(path = "opensearch.xml", config = "src/askama.toml")]
pub struct OpenSearchDescription {
    pub search_page: String,
    pub search_api: String,
    pub self_url: String,
}
