//! Stories: the views pages and the API show, and the services that read,
//! write, moderate and list them — one concern a file:
//! [`visibility`] (who sees what), [`changes`] (how a change is recorded),
//! [`writing`] (the author's side), [`moderation`] (the manager's side),
//! [`listing`] (lists), [`browse`] (value pages), [`named`] (the colleagues a
//! story names), [`counts`] (for the metrics), [`variety`] (a value's stories side
//! by side by team or audience). Every write appends to the change log
//! in the same transaction.

mod browse;
mod changes;
mod counts;
mod listing;
mod moderation;
mod named;
mod tagged;
mod variety;
mod visibility;
mod writing;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::db::entities::story;
use crate::domain::{Audience, Lang, StoryStatus, User, ValueTag};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, UiLang};

pub use browse::{BROWSE_PAGE, Browse, BrowseFilter, Period, Sort, browse};
pub use changes::ChangedBy;
pub use counts::count_by_status;
pub use listing::{
    Cursor, ListFilter, MINE_MAX, PAGE_DEFAULT, PAGE_MAX, Page, Paging, all_by_author, any_story,
    by_author, list_published,
};
pub use moderation::{
    OtherStory, Queued, moderation_queue, publish, reject, retag, set_featured, set_leadership,
};
pub(crate) use named::forget as forget_named;
pub(crate) use named::of as named_people;
pub use named::{NAMED_MAX, naming, unname};
pub(crate) use tagged::each_tagged_with;
pub use variety::{GroupKey, Grouping, SideBySide, StoryGroup, side_by_side};
pub(crate) use visibility::views_of;
pub use visibility::{Permissions, get};
pub use writing::{Save, create, insert, update, withdraw};

/// Who wrote a story, as the reader may know it. For an anonymous story
/// only the author and managers get the name; for an author who left and was
/// anonymised nobody does.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Author {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Shown as "a colleague from <team>".
    pub anonymous: bool,
    /// The author has left the organisation.
    pub former: bool,
}

/// How long a card's excerpt may be, in characters.
const EXCERPT_CHARS: usize = 180;

/// A story as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoryView {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub values: Vec<ValueTag>,
    pub audience: Audience,
    pub team: Option<String>,
    pub lang: Lang,
    pub status: StoryStatus,
    pub author: Author,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// How many people marked "this inspired me".
    pub inspired: u64,
    /// Featured on its values' pages.
    pub featured: bool,
    /// A manager's story, an example of leading by example.
    pub leadership: bool,
    /// The author's own approach, in one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approach: Option<String>,
    /// The colleagues the story names, in order.
    pub people: Vec<crate::services::people::PersonRef>,
}

impl StoryView {
    /// The byline in the reader's language: the name, or "a colleague from
    /// <team>", or "a former colleague".
    pub fn byline(&self, lang: &UiLang) -> String {
        if self.author.former {
            return lang.t("byline-former");
        }
        match (&self.author.name, self.author.anonymous, &self.team) {
            (Some(name), false, _) => name.clone(),
            (Some(name), true, _) => {
                lang.msg(&Msg::new("byline-anonymous-seen").arg("name", name.as_str()))
            }
            (None, _, Some(team)) => lang.msg(&Msg::new("byline-team").arg("team", team.as_str())),
            (None, _, None) => lang.t("byline-colleague"),
        }
    }

    /// The first lines of the story as plain text, for a card.
    pub fn excerpt(&self) -> String {
        crate::markdown::excerpt(&crate::markdown::plain_text(&self.body), EXCERPT_CHARS)
    }

    /// Minutes to read the story.
    pub fn reading_minutes(&self) -> u64 {
        crate::markdown::reading_minutes(&crate::markdown::plain_text(&self.body))
    }

    /// The author's page, when the story names its author to everyone.
    pub fn author_page(&self) -> Option<String> {
        if self.author.anonymous || self.author.former || self.status != StoryStatus::Published {
            return None;
        }
        let id = self.author.id.as_deref()?;
        let encoded: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
        Some(format!("/people/{encoded}"))
    }

    /// The page of the story's team (every published story of that team).
    pub fn team_page(&self) -> Option<String> {
        if self.status != StoryStatus::Published {
            return None;
        }
        let team = self.team.as_deref()?;
        let encoded: String = form_urlencoded::byte_serialize(team.as_bytes()).collect();
        Some(format!("/stories?team={encoded}"))
    }

    /// Whether the story names `user`.
    pub fn names(&self, user: &User) -> bool {
        self.people.iter().any(|p| p.id == user.id)
    }

    /// Whether `user` wrote it (false once the author is anonymised).
    pub fn is_by(&self, user: &User) -> bool {
        self.author.id.as_deref() == Some(user.id.as_str())
    }
}

pub(super) fn status_of(model: &story::Model) -> StoryStatus {
    StoryStatus::parse(&model.status).unwrap_or(StoryStatus::Pending)
}

pub(super) fn require_write(user: &User) -> AppResult<()> {
    if user.can_write() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

pub(super) fn require_manager(user: &User) -> AppResult<()> {
    if user.is_manager() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
