//! Lists of stories: the newest published ones (with a cursor), a value's
//! page (filtered, sorted, paginated, featured on top) and one's own.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::entities::{org_value, story, story_value};
use crate::domain::{Audience, Lang, StoryStatus, User};
use crate::error::AppResult;

use super::visibility::*;
use super::*;
use crate::domain::{FieldError, parse_limit};
use crate::i18n::Msg;

/// A position in the newest-first list of published stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    published_at: DateTime<Utc>,
    id: i32,
}

impl Cursor {
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (secs, id) = raw.split_once('.')?;
        Some(Cursor {
            published_at: DateTime::from_timestamp(secs.parse().ok()?, 0)?,
            id: id.parse().ok()?,
        })
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.published_at.timestamp(), self.id)
    }
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
        let mut errors = Vec::new();
        let limit = parse_limit(limit, PAGE_DEFAULT, PAGE_MAX)
            .map_err(|e| errors.push(e))
            .unwrap_or(PAGE_DEFAULT);
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
    filter: &ListFilter,
    paging: Paging,
) -> AppResult<Page> {
    let Paging { cursor, limit } = paging;
    let limit = limit.clamp(1, PAGE_MAX);
    let mut query =
        story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Published.as_str()));
    if !filter.values.is_empty() {
        let value_ids: Vec<i32> = org_value::Entity::find()
            .filter(org_value::Column::Slug.is_in(filter.values.iter().map(String::as_str)))
            .all(db)
            .await?
            .into_iter()
            .map(|value| value.id)
            .collect();
        if value_ids.is_empty() {
            return Ok(Page {
                stories: Vec::new(),
                next: None,
            });
        }
        let tagged = story_value::Entity::find()
            .select_only()
            .column(story_value::Column::StoryId)
            .filter(story_value::Column::ValueId.is_in(value_ids))
            .into_query();
        query = query.filter(story::Column::Id.in_subquery(tagged));
    }
    if filter.featured {
        query = query.filter(story::Column::FeaturedAt.is_not_null());
    }
    if filter.story_of_the_month {
        let ids = crate::services::monthly::current_story_ids(db).await?;
        query = query.filter(story::Column::Id.is_in(ids));
    }
    if filter.leadership {
        query = query.filter(story::Column::Leadership.eq(true));
    }
    if let Some(cursor) = cursor {
        query = query.filter(
            Condition::any()
                .add(story::Column::PublishedAt.lt(cursor.published_at))
                .add(
                    Condition::all()
                        .add(story::Column::PublishedAt.eq(cursor.published_at))
                        .add(story::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut models = query
        .order_by_desc(story::Column::PublishedAt)
        .order_by_desc(story::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = if models.len() as u64 > limit {
        models.truncate(limit as usize);
        models.last().and_then(|last| {
            last.published_at.map(|published_at| {
                Cursor {
                    published_at,
                    id: last.id,
                }
                .encode()
            })
        })
    } else {
        None
    };
    Ok(Page {
        stories: views_with(db, models, None, !filter.cards).await?,
        next,
    })
}

/// How a value page orders its stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    /// Most "this inspired me" marks first.
    Inspiring,
}

impl Sort {
    pub fn parse(raw: &str) -> Option<Sort> {
        match raw {
            "newest" => Some(Sort::Newest),
            "inspiring" => Some(Sort::Inspiring),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Inspiring => "inspiring",
        }
    }
}

/// How far back a value page looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    All,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::All, Period::Month, Period::Quarter, Period::Year];

    pub fn parse(raw: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::All => "all",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    fn days(self) -> Option<i64> {
        match self {
            Period::All => None,
            Period::Month => Some(31),
            Period::Quarter => Some(92),
            Period::Year => Some(366),
        }
    }
}

/// The filters and order of a value page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    /// Only the stories that name this author to everyone (an author's
    /// page: anonymous stories never appear on it).
    pub author: Option<String>,
    pub audience: Option<Audience>,
    pub team: Option<String>,
    pub lang: Option<Lang>,
    pub period: Period,
    pub sort: Sort,
    /// 1-based.
    pub page: u64,
}

impl BrowseFilter {
    pub fn is_filtered(&self) -> bool {
        self.audience.is_some()
            || self.team.is_some()
            || self.lang.is_some()
            || self.period != Period::All
    }
}

/// One page of a value's published stories, featured ones first.
#[derive(Debug, Clone, Serialize)]
pub struct Browse {
    /// Featured stories that match the filters (first page only).
    pub featured: Vec<StoryView>,
    pub stories: Vec<StoryView>,
    /// Matching stories that are not featured.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The teams that have published stories about this value, for the filter.
    pub teams: Vec<String>,
}

pub const BROWSE_PAGE: u64 = 20;

/// The published stories of one value (or of all values, when `value_slug`
/// is `None`), filtered, sorted and paginated; on a value's page the
/// featured ones come on top.
pub async fn browse(
    db: &DatabaseConnection,
    facts: &crate::services::story_facts::StoryFacts,
    value_slug: Option<&str>,
    filter: &BrowseFilter,
) -> AppResult<Browse> {
    use sea_orm::{Order, PaginatorTrait, sea_query::Expr};

    let page = filter.page.max(1);
    let value = match value_slug {
        Some(slug) => {
            let found = org_value::Entity::find()
                .filter(org_value::Column::Slug.eq(slug))
                .one(db)
                .await?;
            let Some(value) = found else {
                return Ok(Browse {
                    featured: Vec::new(),
                    stories: Vec::new(),
                    total: 0,
                    page,
                    pages: 0,
                    teams: Vec::new(),
                });
            };
            Some(value.id)
        }
        None => None,
    };
    let known = facts.get(db).await?;
    // Which stories are the value's: walking the newest first and asking
    // of each whether it is tagged finds a page of a value that many
    // stories have after a few dozen questions; a value that few have is
    // quicker the other way round, as the list of its stories.
    let common =
        value.is_some_and(|id| known.counts.get(&id).copied().unwrap_or(0) * 50 >= known.published);
    let of_value = || {
        let published =
            story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Published.as_str()));
        match value {
            Some(value_id) if common => {
                use sea_orm::sea_query::{ExprTrait, Query};
                let tagged = Query::select()
                    .expr(Expr::val(1))
                    .from(story_value::Entity)
                    .and_where(
                        Expr::col((story_value::Entity, story_value::Column::StoryId))
                            .equals((story::Entity, story::Column::Id)),
                    )
                    .and_where(
                        Expr::col((story_value::Entity, story_value::Column::ValueId)).eq(value_id),
                    )
                    .to_owned();
                published.filter(Expr::exists(tagged))
            }
            Some(value_id) => published.filter(
                story::Column::Id.in_subquery(
                    story_value::Entity::find()
                        .select_only()
                        .column(story_value::Column::StoryId)
                        .filter(story_value::Column::ValueId.eq(value_id))
                        .into_query(),
                ),
            ),
            None => published,
        }
    };
    let teams = match value {
        Some(value_id) => known.teams.get(&value_id),
        None => Some(&known.all_teams),
    };
    let mut teams: Vec<String> = teams.into_iter().flatten().cloned().collect();
    teams.sort_by_key(|t| t.to_lowercase());

    let mut matching = of_value();
    if let Some(author) = &filter.author {
        matching = matching
            .filter(story::Column::AuthorId.eq(author.as_str()))
            .filter(story::Column::Anonymous.eq(false))
            .filter(story::Column::AuthorLeft.eq(false));
    }
    if let Some(audience) = filter.audience {
        matching = matching.filter(story::Column::Audience.eq(audience.as_str()));
    }
    if let Some(team) = &filter.team {
        matching = matching.filter(story::Column::Team.eq(team.as_str()));
    }
    if let Some(lang) = filter.lang {
        matching = matching.filter(story::Column::Lang.eq(lang.as_str()));
    }
    if let Some(days) = filter.period.days() {
        matching =
            matching.filter(story::Column::PublishedAt.gte(now() - chrono::Duration::days(days)));
    }
    let order = |query: sea_orm::Select<story::Entity>| {
        let query = match filter.sort {
            Sort::Newest => query,
            Sort::Inspiring => query.order_by(
                Expr::cust(
                    "(SELECT COUNT(*) FROM reactions WHERE reactions.story_id = stories.id)",
                ),
                Order::Desc,
            ),
        };
        query
            .order_by_desc(story::Column::PublishedAt)
            .order_by_desc(story::Column::Id)
    };
    // Featured means "on its values' pages": the list of all stories keeps
    // plain date order. Featured and not are counted in one pass over the
    // matching stories; the featured ones are only looked for when some are.
    // Without filters the totals are known: the value's published stories
    // less its featured ones, which the featured index finds at once.
    let unfiltered = !filter.is_filtered() && filter.author.is_none();
    let (featured_count, total) = match value {
        Some(value_id) if unfiltered => {
            let featured = matching
                .clone()
                .filter(story::Column::FeaturedAt.is_not_null())
                .count(db)
                .await?;
            let all = known.counts.get(&value_id).copied().unwrap_or(0);
            (featured, all.saturating_sub(featured))
        }
        Some(_) => {
            // 1 or 0 rather than a boolean: the same type on both databases.
            let featured = || Expr::cust("CASE WHEN featured_at IS NULL THEN 0 ELSE 1 END");
            let counts: Vec<(i32, i64)> = matching
                .clone()
                .select_only()
                .column_as(featured(), "featured")
                .column_as(story::Column::Id.count(), "n")
                .group_by(featured())
                .into_tuple()
                .all(db)
                .await?;
            let of = |featured: bool| {
                counts
                    .iter()
                    .filter(|(f, _)| (*f == 1) == featured)
                    .map(|(_, n)| (*n).max(0) as u64)
                    .sum::<u64>()
            };
            (of(true), of(false))
        }
        None if unfiltered => (0, known.published),
        None => (0, matching.clone().count(db).await?),
    };
    let featured = if page == 1 && featured_count > 0 {
        let featured = matching
            .clone()
            .filter(story::Column::FeaturedAt.is_not_null());
        in_order(db, order(featured), 0, 3).await?
    } else {
        Vec::new()
    };
    let rest = if value.is_some() {
        matching.filter(story::Column::FeaturedAt.is_null())
    } else {
        matching
    };
    let models = in_order(db, order(rest), (page - 1) * BROWSE_PAGE, BROWSE_PAGE).await?;
    Ok(Browse {
        featured: views_with(db, featured, None, false).await?,
        stories: views_with(db, models, None, false).await?,
        total,
        page,
        pages: total.div_ceil(BROWSE_PAGE),
        teams,
    })
}

/// The stories of one page of an ordered query: first only their ids (the
/// listing index holds what the filters and the order need, so choosing
/// them reads no story's text, even when the order is computed, as by
/// reactions), then those stories whole.
async fn in_order(
    db: &DatabaseConnection,
    query: sea_orm::Select<story::Entity>,
    offset: u64,
    limit: u64,
) -> AppResult<Vec<story::Model>> {
    let ids: Vec<i32> = query
        .select_only()
        .column(story::Column::Id)
        .offset(offset)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?;
    let mut models = story::Entity::find()
        .filter(story::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    models.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
    Ok(models)
}

/// The user's own stories, whatever their status, most recently changed first.
pub async fn by_author(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    let models = story::Entity::find()
        .filter(story::Column::AuthorId.eq(user.id.as_str()))
        .filter(story::Column::AuthorLeft.eq(false))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    views_of(db, models, Some(user)).await
}

/// Whether the database holds any story at all (demo loading).
pub async fn any_story(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(story::Entity::find().one(db).await?.is_some())
}
