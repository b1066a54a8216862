//! The HTML pages: one askama template struct per page, compiled with the
//! code. Templates escape everything except values of type
//! [`crate::markdown::SafeHtml`]-derived strings marked `|safe`, which only
//! ever hold sanitised HTML.

use askama::Template;

use crate::domain::FieldError;
use crate::domain::User;
use crate::i18n::{Msg, UiLang};
use crate::services::reports::Reported;
use crate::services::revisions::Revision;
use crate::services::stories::{Browse, BrowseFilter, Queued, StoryView};
use crate::services::values::{ValueDetail, ValueSummary};

/// What every page shows around its content, and the reader's language.
pub struct Layout {
    pub user: Option<User>,
    pub dev_login: bool,
    /// (kind, message): `success` or `error`, already in the reader's language.
    pub flash: Option<(String, String)>,
    pub lang: UiLang,
    /// The path and query of this page, to come back to after switching
    /// language or signing in.
    pub here: String,
    /// Where to sign in, with `{back}` for the path to return to; `None`
    /// when there is no sign-in page to send a reader to.
    pub sign_in: Option<String>,
}

impl Layout {
    /// The layout of a page for nobody in particular, in the default
    /// language (when a request's own cannot be had).
    pub fn plain() -> Layout {
        Layout {
            user: None,
            dev_login: false,
            flash: None,
            lang: UiLang::default(),
            here: "/".to_owned(),
            sign_in: None,
        }
    }

    /// The sign-in address that returns the reader to `back`.
    pub fn sign_in_to(&self, back: &str) -> Option<String> {
        let encoded: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        self.sign_in
            .as_ref()
            .map(|pattern| pattern.replace("{back}", &encoded))
    }

    /// The sign-in address that returns the reader to this page.
    pub fn sign_in_here(&self) -> Option<String> {
        self.sign_in_to(&self.here)
    }

    /// A text of the interface.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// A text with a count (plurals).
    pub fn tn(&self, id: &'static str, count: impl Into<crate::i18n::Arg>) -> String {
        self.lang.msg(&Msg::new(id).arg("count", count))
    }

    /// A text with one named text argument.
    pub fn ta(&self, id: &'static str, name: &'static str, value: &str) -> String {
        self.lang.msg(&Msg::new(id).arg(name, value))
    }

    pub fn msg(&self, msg: &Msg) -> String {
        self.lang.msg(msg)
    }

    /// A message written for the API (`give your story a title of at least
    /// 3 characters`) as a sentence for a page: a capital, a full stop.
    pub fn sentence(&self, msg: &Msg) -> String {
        let text = self.lang.msg(msg);
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return text;
        };
        let mut sentence: String = first.to_uppercase().chain(chars).collect();
        if !sentence.ends_with(['.', '!', '?', '…']) {
            sentence.push('.');
        }
        sentence
    }

    /// A date as readers in this language write it in running text:
    /// `12 november 2026`, `12 November 2026`.
    pub fn date(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        use chrono::Datelike;
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        match self.lang {
            UiLang::Nl => format!("{} {} {}", at.day(), NL[at.month0() as usize], at.year()),
            UiLang::En => at.format("%-d %B %Y").to_string(),
        }
    }

    pub fn datetime(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("{} {}", self.date(at), at.format("%H:%M"))
    }

    /// The fingerprinted URL of a stylesheet or script.
    pub fn asset(&self, name: &str) -> String {
        crate::routes::assets::asset_url(name)
    }

    /// The other languages, for the switch.
    pub fn other_langs(&self) -> Vec<UiLang> {
        UiLang::ALL
            .into_iter()
            .filter(|l| *l != self.lang)
            .collect()
    }

    /// "Page 2 of 5".
    pub fn page_of(&self, page: &u64, pages: &u64) -> String {
        self.lang
            .msg(&Msg::new("page-of").arg("page", page).arg("pages", pages))
    }

    /// Which part of the site this page belongs to, for the navigation's
    /// `aria-current`: `values`, `stories`, `share`, `mine`, `moderation`,
    /// `admin`, or empty.
    pub fn section(&self) -> &'static str {
        let path = self.here.split('?').next().unwrap_or("");
        match path {
            "/" => "values",
            "/stories/new" => "share",
            "/stories" => "stories",
            _ if path.starts_with("/values/") => "values",
            _ if path.starts_with("/stories/") => "stories",
            _ if path.starts_with("/my/") => "mine",
            _ if path.starts_with("/moderation") => "moderation",
            _ if path.starts_with("/admin/") => "admin",
            _ => "",
        }
    }

    pub fn is_manager(&self) -> bool {
        self.user.as_ref().is_some_and(User::is_manager)
    }

    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == crate::domain::Role::Admin)
    }
}

pub struct ValueGroup {
    pub key: &'static str,
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
    pub browse: Browse,
    pub filter: BrowseFilter,
    /// Links to the previous and next page, keeping the filters.
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Whether any filter narrows the list.
    pub filtered: bool,
    /// The page's own path, where the filters and pages point.
    pub base: String,
}

/// Every published story (`/stories`).
#[derive(Template)]
#[template(path = "stories.html", config = "src/askama.toml")]
pub struct StoriesPage {
    pub layout: Layout,
    /// "All stories", a team's or a person's.
    pub heading: String,
    pub browse: Browse,
    pub filter: BrowseFilter,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub filtered: bool,
    pub base: String,
}

#[derive(Template)]
#[template(path = "story.html", config = "src/askama.toml")]
pub struct StoryPage {
    pub layout: Layout,
    pub story: StoryView,
    pub can_moderate: bool,
    pub related: Vec<crate::search::related::RelatedStory>,
    pub inspired: crate::services::reactions::Inspired,
    /// Post-moderation: staff may flag a published story.
    pub can_report: bool,
    /// The author and managers may read the history.
    pub can_see_history: bool,
    /// For the manager's tag adjustment.
    pub values: Vec<ValueSummary>,
    /// The oEmbed discovery URL; published stories only.
    pub oembed: Option<String>,
}

impl StoryPage {
    /// Where the moderation forms return to: this story.
    pub fn back(&self) -> String {
        format!("/stories/{}", self.story.id)
    }
}

#[derive(Template)]
#[template(path = "moderation.html", config = "src/askama.toml")]
pub struct ModerationPage {
    pub layout: Layout,
    pub queue: Vec<Queued>,
    pub reported: Vec<Reported>,
    pub values: Vec<ValueSummary>,
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
    pub anonymous: bool,
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
    /// The story can still be kept as a draft (new, or a draft).
    pub draftable: bool,
    /// The Markdown rendered as it will appear, after "Preview".
    pub preview: Option<String>,
}

impl StoryFormPage {
    /// The error beside a field, in the reader's language.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
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
            anonymous: story.author.anonymous,
        }
    }
}

#[derive(Template)]
#[template(path = "history.html", config = "src/askama.toml")]
pub struct HistoryPage {
    pub layout: Layout,
    pub story: StoryView,
    pub revisions: Vec<Revision>,
    /// (slug, name) of every value, to name the slugs in the history.
    pub value_names: Vec<(String, String)>,
}

impl HistoryPage {
    /// The message id naming a changed field.
    pub fn field_message(&self, field: &str) -> &'static str {
        match field {
            "title" => "field-title",
            "body" => "field-body",
            "values" => "field-values",
            "audience" => "field-audience",
            "team" => "field-team",
            "lang" => "field-lang",
            _ => "field-anonymous",
        }
    }

    pub fn value_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.value_names
            .iter()
            .find(|(s, _)| s == slug)
            .map(|(_, name)| name.as_str())
            .unwrap_or(slug)
    }
}

#[derive(Template)]
#[template(path = "admin_tokens.html", config = "src/askama.toml")]
pub struct AdminTokensPage {
    pub layout: Layout,
    pub tokens: Vec<crate::services::tokens::TokenInfo>,
    /// A token just created, shown this once.
    pub created: Option<CreatedToken>,
    pub form: TokenFormData,
    pub error: Option<String>,
    /// The values a widget token can be fixed to.
    pub values: Vec<ValueSummary>,
}

/// A token's secret as shown once after creating it, and for a widget
/// token the HTML to paste into an intranet page.
pub struct CreatedToken {
    pub secret: String,
    pub snippet: Option<String>,
}

impl AdminTokensPage {
    /// A value's name for its slug (the slug when it is gone).
    pub fn value_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.values
            .iter()
            .find(|v| v.slug == slug)
            .map_or(slug, |v| v.name.as_str())
    }
}

/// What the admin typed into the token form, kept when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct TokenFormData {
    pub name: String,
    pub scope: String,
    pub origins: String,
    pub values: Vec<String>,
}

#[derive(Template)]
#[template(path = "dev_login.html", config = "src/askama.toml")]
pub struct DevLoginPage {
    pub layout: Layout,
    pub name: String,
    pub error: bool,
    /// Where the reader goes once signed in (a path of this site).
    pub back: String,
}

#[derive(Template)]
#[template(path = "error.html", config = "src/askama.toml")]
pub struct ErrorPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
    /// On "please sign in": where to sign in and come back to this page.
    pub sign_in: Option<String>,
}

#[derive(Template)]
#[template(path = "embed_search.html", config = "src/askama.toml")]
pub struct EmbedSearchPage {
    pub layout: Layout,
    pub query: String,
    /// The value filter, kept in the form.
    pub values: Vec<String>,
    pub searched: bool,
    pub error: Option<String>,
    pub total: usize,
    pub hits: Vec<crate::search::SearchHit>,
    /// The full search on Merkwaardig.
    pub more: String,
}

#[derive(Template)]
#[template(path = "embed_stories.html", config = "src/askama.toml")]
pub struct EmbedStoriesPage {
    pub layout: Layout,
    pub stories: Vec<StoryView>,
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
    pub layout: Layout,
    pub story: StoryView,
    /// Where "read on Merkwaardig" leads.
    pub story_url: String,
}

/// What an embed shows when its story is not (or no longer) published.
#[derive(Template)]
#[template(path = "embed_missing.html", config = "src/askama.toml")]
pub struct EmbedMissingPage {
    pub layout: Layout,
}

/// The OpenSearch description: how browsers search this site.
#[derive(Template)]
#[template(path = "opensearch.xml", config = "src/askama.toml")]
pub struct OpenSearchDescription {
    pub description: String,
    pub lang: &'static str,
    pub search_page: String,
    pub search_api: String,
    pub self_url: String,
}
