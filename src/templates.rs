//! The HTML pages: one askama template struct per page, compiled with the
//! code. Templates escape everything except values of type
//! [`crate::markdown::SafeHtml`]-derived strings marked `|safe`, which only
//! ever hold sanitised HTML.

use askama::Template;

use crate::domain::Audience;
use crate::services::reports::Reported;
use crate::services::revisions::Revision;
use crate::services::stories::{Browse, BrowseFilter, GroupKey, Queued, StoryView};
use crate::services::values::{ValueDetail, ValueSummary};

mod barriers;
mod insights;
mod layout;
mod notifications;
mod story_form;
pub use barriers::{
    BarrierChangeData, BarrierFormData, BarrierFormPage, BarrierGroup, BarrierPage, BarriersPage,
};
pub use insights::InsightsPage;
pub use layout::Layout;
pub use notifications::{
    AdminWebhooksPage, NoticeSettingsPage, NotificationsPage, UnsubscribePage,
};
pub use story_form::{SimilarNotice, StoryFormData, StoryFormPage};

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
    /// The values' current stories of the month: (value name, story).
    pub monthly: Vec<(String, StoryView)>,
}

/// One page of a list of stories, its filters, and links to the pages
/// before and after that keep them: a value's page, all stories, a team's
/// or a person's.
pub struct StoryList {
    pub browse: Browse,
    pub filter: BrowseFilter,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// Whether any filter narrows the list.
    pub filtered: bool,
    /// The page's own path, where the filters and pages point.
    pub base: String,
}

#[derive(Template)]
#[template(path = "value.html", config = "src/askama.toml")]
pub struct ValuePage {
    pub layout: Layout,
    pub value: ValueDetail,
    pub list: StoryList,
    /// `team` or `audience` when the stories are shown side by side.
    pub grouping: Option<&'static str>,
    pub side_by_side: crate::services::stories::SideBySide,
    /// Managers' leadership examples of this value (cards).
    pub leaders: Vec<StoryView>,
    /// The current story of the month (a card).
    pub monthly: Option<StoryView>,
    /// For a manager: their own commitment, as written or being written.
    pub commitment_form: Option<CommitmentForm>,
    /// "You said, we did": the solved barriers of this value (signed in only).
    pub solved: Vec<crate::services::barriers::BarrierView>,
}

impl ValuePage {
    /// The heading of a group of stories about one audience.
    pub fn audience_heading(&self, audience: &Audience) -> &'static str {
        match audience {
            Audience::Customer => "variety-customers",
            Audience::Colleague => "variety-colleagues",
        }
    }

    /// This value's list, filtered on one team.
    pub fn team_href(&self, team: &str) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("team", team)
            .finish();
        format!("/values/{}?{query}#stories", self.value.summary.slug)
    }
}

/// A manager's "how I show this value" form.
pub struct CommitmentForm {
    pub body: String,
    pub error: Option<String>,
    /// They have a current commitment (so it can be withdrawn).
    pub has_own: bool,
}

/// Every published story (`/stories`), a team's, or a person's.
#[derive(Template)]
#[template(path = "stories.html", config = "src/askama.toml")]
pub struct StoriesPage {
    pub layout: Layout,
    /// "All stories", a team's or a person's.
    pub heading: String,
    pub list: StoryList,
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
    /// For managers: the author was last seen as a manager, so the story can
    /// be a leadership example.
    pub author_is_manager: bool,
    /// The thank-you notes under a published story.
    pub notes: Vec<crate::services::notes::NoteView>,
    /// A note being written: what was typed, and why it was not taken.
    pub note: NoteDraft,
}

/// A thank-you note as typed, kept when it was refused.
#[derive(Debug, Clone, Default)]
pub struct NoteDraft {
    pub body: String,
    pub error: Option<String>,
}

impl StoryPage {
    /// The reader is one of the colleagues this published story names.
    pub fn named_me(&self) -> bool {
        self.story.status == crate::domain::StoryStatus::Published
            && self
                .layout
                .user
                .as_ref()
                .is_some_and(|user| user.via_token.is_none() && self.story.names(user))
    }

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
    /// Thank-you notes with open reports.
    pub reported_notes: Vec<crate::services::notes::ReportedNote>,
    pub values: Vec<ValueSummary>,
}

#[derive(Template)]
#[template(path = "my_stories.html", config = "src/askama.toml")]
pub struct MyStoriesPage {
    pub layout: Layout,
    pub stories: Vec<StoryView>,
    /// Where the page of older ones starts, when there are more.
    pub next: Option<String>,
    /// A page after the first.
    pub later: bool,
    /// Published stories that name the reader.
    pub named: Vec<StoryView>,
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
    /// When `fuzzy`: which words were searched instead of which.
    pub corrected: Option<String>,
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
