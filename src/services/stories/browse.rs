//! A value's page (and the list of all stories): its published stories
//! filtered, sorted, paginated, featured ones on top, with the teams for
//! its filter. What every page needs of all stories (counts, teams) comes
//! from [`StoryFacts`]; choosing a page reads only the listing indexes.

use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::entities::{org_value, reaction, story};
use crate::domain::{Audience, Lang, StoryStatus};
use crate::error::AppResult;
use crate::services::story_facts::{Facts, StoryFacts};

use super::StoryView;
use super::tagged::tagged_with;
use super::visibility::views_with;

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
    facts: &StoryFacts,
    value_slug: Option<&str>,
    filter: &BrowseFilter,
) -> AppResult<Browse> {
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
    let teams = match value {
        Some(value_id) => known.teams.get(&value_id),
        None => Some(&known.all_teams),
    };
    let mut teams: Vec<String> = teams.into_iter().flatten().cloned().collect();
    teams.sort_by_key(|t| t.to_lowercase());

    let matching = narrowed(published_of(value, &known), filter);
    let (featured_count, total) = totals(db, &matching, value, filter, &known).await?;
    // Featured means "on its values' pages": the list of all stories keeps
    // plain date order.
    let featured = if page == 1 && featured_count > 0 {
        let featured = matching
            .clone()
            .filter(story::Column::FeaturedAt.is_not_null());
        in_order(db, featured, filter.sort, 0, 3).await?
    } else {
        Vec::new()
    };
    let rest = if value.is_some() {
        matching.filter(story::Column::FeaturedAt.is_null())
    } else {
        matching
    };
    let offset = (page - 1) * BROWSE_PAGE;
    let models = in_order(db, rest, filter.sort, offset, BROWSE_PAGE).await?;
    Ok(Browse {
        featured: views_with(db, featured, None, false).await?,
        stories: views_with(db, models, None, false).await?,
        total,
        page,
        pages: total.div_ceil(BROWSE_PAGE),
        teams,
    })
}

/// The published stories of the value with id `value`, or all.
fn published_of(value: Option<i32>, known: &Facts) -> Select<story::Entity> {
    let published =
        story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Published.as_str()));
    match value {
        Some(value_id) => tagged_with(published, &[value_id], known),
        None => published,
    }
}

/// `query` narrowed by the page's filters.
fn narrowed(mut query: Select<story::Entity>, filter: &BrowseFilter) -> Select<story::Entity> {
    if let Some(author) = &filter.author {
        query = query
            .filter(story::Column::AuthorId.eq(author.as_str()))
            .filter(story::Column::Anonymous.eq(false))
            .filter(story::Column::AuthorLeft.eq(false));
    }
    if let Some(audience) = filter.audience {
        query = query.filter(story::Column::Audience.eq(audience.as_str()));
    }
    if let Some(team) = &filter.team {
        query = query.filter(story::Column::Team.eq(team.as_str()));
    }
    if let Some(lang) = filter.lang {
        query = query.filter(story::Column::Lang.eq(lang.as_str()));
    }
    if let Some(days) = filter.period.days() {
        query = query.filter(story::Column::PublishedAt.gte(now() - chrono::Duration::days(days)));
    }
    query
}

/// `query` newest first.
fn newest(query: Select<story::Entity>) -> Select<story::Entity> {
    query
        .order_by_desc(story::Column::PublishedAt)
        .order_by_desc(story::Column::Id)
}

/// How many of the matching stories are featured, and how many are not
/// (on the list of all stories, none is counted as featured). Without
/// filters these are known: the value's published stories less its
/// featured ones, which the featured index finds at once. With filters,
/// featured and not are counted in one pass.
async fn totals(
    db: &DatabaseConnection,
    matching: &Select<story::Entity>,
    value: Option<i32>,
    filter: &BrowseFilter,
    known: &Facts,
) -> AppResult<(u64, u64)> {
    let unfiltered = !filter.is_filtered() && filter.author.is_none();
    Ok(match value {
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
    })
}

/// The stories of one page of `query` in the page's order: first only
/// their ids (the listing index holds what the filters and the order need,
/// so choosing them reads no story's text), then those stories whole.
///
/// "Most inspiring" puts the stories that have marks first, the most marked
/// first, then the others newest first (among equals the newest first
/// throughout). Only the stories that have marks get theirs counted: ordering
/// all of a common value's stories by a count took 97 ms at 100,000 stories,
/// where most have none.
async fn in_order(
    db: &DatabaseConnection,
    query: Select<story::Entity>,
    sort: Sort,
    offset: u64,
    limit: u64,
) -> AppResult<Vec<story::Model>> {
    let ids = match sort {
        Sort::Newest => ids_of(db, newest(query), offset, limit).await?,
        Sort::Inspiring => {
            let marked_ids = || {
                reaction::Entity::find()
                    .select_only()
                    .column(reaction::Column::StoryId)
                    .into_query()
            };
            let marked = query
                .clone()
                .filter(story::Column::Id.in_subquery(marked_ids()));
            let by_marks = marked.clone().order_by(
                Expr::cust(
                    "(SELECT COUNT(*) FROM reactions WHERE reactions.story_id = stories.id)",
                ),
                Order::Desc,
            );
            let mut ids = ids_of(db, newest(by_marks), offset, limit).await?;
            let wanted = limit - ids.len() as u64;
            if wanted > 0 {
                // The marked stories end on this page, or before it.
                let skip = match (ids.is_empty(), offset) {
                    (true, 1..) => offset.saturating_sub(marked.count(db).await?),
                    _ => 0,
                };
                let unmarked = query.filter(story::Column::Id.not_in_subquery(marked_ids()));
                ids.extend(ids_of(db, newest(unmarked), skip, wanted).await?);
            }
            ids
        }
    };
    let mut models = story::Entity::find()
        .filter(story::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    models.sort_by_key(|m| ids.iter().position(|id| *id == m.id));
    Ok(models)
}

/// The ids of one page of an ordered query.
async fn ids_of(
    db: &DatabaseConnection,
    query: Select<story::Entity>,
    offset: u64,
    limit: u64,
) -> AppResult<Vec<i32>> {
    Ok(query
        .select_only()
        .column(story::Column::Id)
        .offset(offset)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await?)
}
