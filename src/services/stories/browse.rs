//! A value's page (and the list of all stories): its published stories
//! filtered, sorted, paginated, featured ones on top, with the teams for
//! its filter. What every page needs of all stories (counts, teams) comes
//! from [`StoryFacts`]; choosing a page reads only the listing indexes.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Select,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::entities::{org_value, reaction, story};
use crate::domain::{Audience, Lang};
use crate::error::AppResult;
use crate::services::story_facts::{Facts, StoryFacts};

use super::StoryView;
use super::tagged::{Published, featured, listed_since};
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

    // A value's stories come from its list, unless the page narrows them by
    // what the listing index holds of each story; its featured ones, few,
    // through the featured index.
    let by_story = filter.audience.is_some()
        || filter.team.is_some()
        || filter.lang.is_some()
        || filter.author.is_some();
    let (published, featured_of) = match value {
        Some(value_id) => (
            Published::of_value(value_id, &known, by_story),
            Published::Tagged {
                value_id,
                walk: true,
            },
        ),
        None => (Published::All, Published::All),
    };
    let since = filter
        .period
        .days()
        .map(|days| now() - chrono::Duration::days(days));
    let matching = narrowed(published, filter, since);
    let featured_matching = featured(db, narrowed(featured_of, filter, since)).await?;
    let (featured_count, total) = totals(
        db,
        (published, &matching),
        &featured_matching,
        filter,
        since,
        &known,
    )
    .await?;
    // Featured means "on its values' pages": the list of all stories keeps
    // plain date order.
    let featured = if page == 1 && featured_count > 0 {
        in_order(db, featured_matching, featured_of, filter.sort, 0, 3).await?
    } else {
        Vec::new()
    };
    let rest = if value.is_some() {
        matching.filter(story::Column::FeaturedAt.is_null())
    } else {
        matching
    };
    let offset = (page - 1) * BROWSE_PAGE;
    let models = in_order(db, rest, published, filter.sort, offset, BROWSE_PAGE).await?;
    Ok(Browse {
        featured: views_with(db, featured, None, false).await?,
        stories: views_with(db, models, None, false).await?,
        total,
        page,
        pages: total.div_ceil(BROWSE_PAGE),
        teams,
    })
}

/// The `published` stories narrowed by the page's filters.
fn narrowed(
    published: Published,
    filter: &BrowseFilter,
    since: Option<DateTime<Utc>>,
) -> Select<story::Entity> {
    let mut query = published.query();
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
    if let Some(since) = since {
        query = published.since(query, since);
    }
    query
}

/// How many of the matching stories are featured, and how many are not
/// (on the list of all stories, none is counted as featured): the featured
/// ones, few, through the featured index, and the others as all matching
/// less those. Without filters all are known from the facts; with them,
/// a value's are counted from its list, or where the filters need the
/// listing index, from that (neither reads the stories' text).
async fn totals(
    db: &DatabaseConnection,
    (published, matching): (Published, &Select<story::Entity>),
    featured_matching: &Select<story::Entity>,
    filter: &BrowseFilter,
    since: Option<DateTime<Utc>>,
    known: &Facts,
) -> AppResult<(u64, u64)> {
    let unfiltered = !filter.is_filtered() && filter.author.is_none();
    let featured = || featured_matching.clone().count(db);
    Ok(match published {
        Published::Listed(value_id) => {
            let featured = featured().await?;
            let all = match unfiltered {
                true => known.counts.get(&value_id).copied().unwrap_or(0),
                false => listed_since(db, value_id, since).await?,
            };
            (featured, all.saturating_sub(featured))
        }
        Published::Tagged { .. } => {
            let featured = featured().await?;
            (
                featured,
                matching.clone().count(db).await?.saturating_sub(featured),
            )
        }
        Published::All if unfiltered => (0, known.published),
        Published::All => (0, matching.clone().count(db).await?),
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
    published: Published,
    sort: Sort,
    offset: u64,
    limit: u64,
) -> AppResult<Vec<story::Model>> {
    let ids = match sort {
        Sort::Newest => ids_of(db, published.newest(query), offset, limit).await?,
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
            let mut ids = ids_of(db, published.newest(by_marks), offset, limit).await?;
            let wanted = limit - ids.len() as u64;
            if wanted > 0 {
                // The marked stories end on this page, or before it.
                let skip = match (ids.is_empty(), offset) {
                    (true, 1..) => offset.saturating_sub(marked.count(db).await?),
                    _ => 0,
                };
                let unmarked = query.filter(story::Column::Id.not_in_subquery(marked_ids()));
                ids.extend(ids_of(db, published.newest(unmarked), skip, wanted).await?);
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
