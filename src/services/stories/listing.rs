//! Lists of stories: the newest published ones (with a cursor) and one's
//! own. A value's page is [`super::browse`].

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    Select,
};
use serde::Serialize;

use crate::db::entities::{org_value, story};
use crate::domain::User;
use crate::error::AppResult;
use crate::services::story_facts::StoryFacts;

use super::tagged::{Published, each_tagged_with, featured, tagged_with};
use super::visibility::*;
use super::*;
use crate::domain::{FieldError, parse_limit};
use crate::i18n::Msg;

/// A position in a newest-first list: the last story's time (published,
/// or for one's own stories last changed; whole seconds, as every time the
/// service keeps) and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    at: DateTime<Utc>,
    id: i32,
}

impl Cursor {
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (secs, id) = raw.split_once('.')?;
        Some(Cursor {
            at: DateTime::from_timestamp(secs.parse().ok()?, 0)?,
            id: id.parse().ok()?,
        })
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.at.timestamp(), self.id)
    }

    /// The rows after this position in a list ordered by `at_column`, then
    /// `id_column`, both descending: older, or as old with a lower id.
    pub(crate) fn older(self, at_column: Expr, id_column: Expr) -> Condition {
        Condition::any().add(at_column.clone().lt(self.at)).add(
            Condition::all()
                .add(at_column.eq(self.at))
                .add(id_column.lt(self.id)),
        )
    }
}

/// Keeps the first `limit` of `models` (read as one more than a page) and
/// gives the cursor after the last one kept when there were more; `at` is
/// the time the list is ordered by.
fn page_end(
    models: &mut Vec<story::Model>,
    limit: u64,
    at: impl Fn(&story::Model) -> Option<DateTime<Utc>>,
) -> Option<String> {
    if models.len() as u64 <= limit {
        return None;
    }
    models.truncate(limit as usize);
    let last = models.last()?;
    Some(
        Cursor {
            at: at(last)?,
            id: last.id,
        }
        .encode(),
    )
}

/// Which page of the newest-first list: after `cursor`, `limit` stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub cursor: Option<Cursor>,
    pub limit: u64,
}

impl Paging {
    /// The first `limit` stories.
    pub fn first(limit: u64) -> Paging {
        Paging {
            cursor: None,
            limit,
        }
    }

    /// `limit` (1 to [`PAGE_MAX`], default [`PAGE_DEFAULT`]) and `cursor` (the
    /// `next` of the previous page) as a query string gives them.
    pub fn parse(limit: Option<&str>, cursor: Option<&str>) -> AppResult<Paging> {
        Paging::parse_within(limit, cursor, PAGE_DEFAULT, PAGE_MAX)
    }

    /// [`Paging::parse`] with another default and most.
    pub fn parse_within(
        limit: Option<&str>,
        cursor: Option<&str>,
        default: u64,
        max: u64,
    ) -> AppResult<Paging> {
        let mut errors = Vec::new();
        let limit = parse_limit(limit, default, max)
            .map_err(|e| errors.push(e))
            .unwrap_or(default);
        let cursor = cursor.and_then(|raw| {
            let parsed = Cursor::parse(raw);
            if parsed.is_none() {
                errors.push(FieldError::new("cursor", Msg::new("error-cursor")));
            }
            parsed
        });
        if errors.is_empty() {
            Ok(Paging { cursor, limit })
        } else {
            Err(AppError::Validation(errors))
        }
    }
}

/// One page of stories and where the next one starts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page {
    pub stories: Vec<StoryView>,
    pub next: Option<String>,
}

pub const PAGE_MAX: u64 = 100;
pub const PAGE_DEFAULT: u64 = 20;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Stories tagged with any of these values; empty: all.
    pub values: Vec<String>,
    /// Only featured stories.
    pub featured: bool,
    /// Only managers' leadership examples.
    pub leadership: bool,
    /// Only the values' current stories of the month.
    pub story_of_the_month: bool,
    /// Cards only: leave `body_html` empty (pages that list titles).
    pub cards: bool,
}

/// Published stories, newest first, optionally of one value.
pub async fn list_published(
    db: &DatabaseConnection,
    facts: &StoryFacts,
    filter: &ListFilter,
    paging: Paging,
) -> AppResult<Page> {
    let Paging { cursor, limit } = paging;
    let limit = limit.clamp(1, PAGE_MAX);
    // One value's stories are read from its own list; several values' are
    // narrowed in the way [`tagged_with`] chooses, a manager's examples
    // (few) by asking each.
    let mut published = Published::All;
    let mut query = published.query();
    if !filter.values.is_empty() {
        let value_ids: Vec<i32> = org_value::Entity::find()
            .filter(org_value::Column::Slug.is_in(filter.values.iter().map(String::as_str)))
            .all(db)
            .await?
            .into_iter()
            .map(|value| value.id)
            .collect();
        query = match value_ids[..] {
            [] => {
                return Ok(Page {
                    stories: Vec::new(),
                    next: None,
                });
            }
            _ if filter.leadership => each_tagged_with(query, &value_ids),
            [value_id] => {
                // Featured or this month's: few, found through the listing
                // index and each asked.
                let narrowed = filter.featured || filter.story_of_the_month;
                published = Published::of_value(value_id, &*facts.get(db).await?, narrowed);
                published.query()
            }
            _ => tagged_with(query, &value_ids, &*facts.get(db).await?),
        };
    }
    if filter.featured {
        query = featured(db, query).await?;
    }
    if filter.story_of_the_month {
        let ids = crate::services::monthly::current_story_ids(db).await?;
        query = query.filter(story::Column::Id.is_in(ids));
    }
    if filter.leadership {
        query = query.filter(story::Column::Leadership.eq(true));
    }
    if let Some(cursor) = cursor {
        query = published.after(query, cursor);
    }
    let mut models = published.newest(query).limit(limit + 1).all(db).await?;
    let next = page_end(&mut models, limit, |story| story.published_at);
    Ok(Page {
        stories: views_with(db, models, None, !filter.cards).await?,
        next,
    })
}

/// How many of one's own stories a page holds at most, and unless asked
/// for fewer: all of them, for nearly everyone.
pub const MINE_MAX: u64 = 500;

/// The user's own stories, whatever their status, most recently changed
/// first.
fn own(user: &User) -> Select<story::Entity> {
    story::Entity::find()
        .filter(story::Column::AuthorId.eq(user.id.as_str()))
        .filter(story::Column::AuthorLeft.eq(false))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
}

/// One page of the user's own stories ([`own`]); `next` is where the page
/// after it starts.
pub async fn by_author(db: &DatabaseConnection, user: &User, paging: Paging) -> AppResult<Page> {
    let mut query = own(user);
    if let Some(cursor) = paging.cursor {
        query = query.filter(cursor.older(
            Expr::col((story::Entity, story::Column::UpdatedAt)),
            Expr::col((story::Entity, story::Column::Id)),
        ));
    }
    let mut models = query.limit(paging.limit + 1).all(db).await?;
    let next = page_end(&mut models, paging.limit, |story| Some(story.updated_at));
    Ok(Page {
        stories: views_of(db, models, Some(user)).await?,
        next,
    })
}

/// All of the user's own stories, for the export of everything they gave:
/// one query, so that a story changed while they are read (which moves it
/// in an order by last change) is neither missed nor read twice.
pub async fn all_by_author(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    let models = own(user).all(db).await?;
    views_of(db, models, Some(user)).await
}

/// Whether the database holds any story at all (demo loading).
pub async fn any_story(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(story::Entity::find().one(db).await?.is_some())
}
