//! Narrowing a list of stories to those tagged with some values, in the
//! form the database answers quickly when it reads the stories newest first
//! and stops after a page.
//!
//! One value (a value page, its feed, a widget, side by side): its stories
//! are read from the value's own list in publication order
//! (`story_values.listed_at`, see [`Published`]), twenty after twenty
//! however the value's stories are spread over time.
//!
//! Several values (`?values=a,b` in the API): left to choose, SQLite reads
//! all of a common value's tags, looks up each of its stories and sorts
//! them, to keep 20; walking the stories newest first and asking each
//! whether it is tagged finds a page after a few dozen questions. For
//! values that few stories have, the walk would pass nearly all stories,
//! and the list of their stories is quicker. Which is which comes from the
//! remembered counts ([`Facts`]), so the choice costs no query.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, RelationTrait, Select,
};

use crate::db::entities::{story, story_value};
use crate::domain::StoryStatus;
use crate::error::AppResult;
use crate::services::story_facts::Facts;

/// The published stories, all or one value's, and how to read them newest
/// first. The order, the period and the paging cursor are said in the
/// columns of what is read, or the database sorts instead of reading in
/// order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Published {
    /// All, through the listing index on `stories`.
    All,
    /// One value's, read from its list in `story_values`
    /// (`idx_story_values_listed`), which holds a tag's `listed_at` only
    /// while its story is published: twenty stories are twenty entries,
    /// however the value's stories are spread over time. The story rows are
    /// read only for the stories kept.
    Listed(i32),
    /// One value's, found among all stories through the listing index (see
    /// [`tagged_with`]): for lists narrowed by what the listing index holds
    /// of a story (team, audience, language, featured) and the value's list
    /// does not. Asked of every story when `walk`, else of the value's list.
    Tagged { value_id: i32, walk: bool },
}

impl Published {
    /// One value's stories, for a list narrowed by other columns of the
    /// story (`narrowed`) or not.
    pub(crate) fn of_value(value_id: i32, known: &Facts, narrowed: bool) -> Published {
        if narrowed {
            Published::Tagged {
                value_id,
                walk: walk(&[value_id], known),
            }
        } else {
            Published::Listed(value_id)
        }
    }

    /// The stories.
    pub(crate) fn query(self) -> Select<story::Entity> {
        let published =
            story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Published.as_str()));
        match self {
            Published::All => published,
            // Listed means published: the story row is not asked.
            Published::Listed(value_id) => story::Entity::find()
                .join_rev(JoinType::InnerJoin, story_value::Relation::Story.def())
                .filter(story_value::Column::ValueId.eq(value_id))
                .filter(story_value::Column::ListedAt.is_not_null()),
            Published::Tagged { value_id, walk } => tagged(published, &[value_id], walk),
        }
    }

    /// `query` newest first (among stories published at the same moment,
    /// the higher id first).
    pub(crate) fn newest(self, query: Select<story::Entity>) -> Select<story::Entity> {
        match self {
            Published::Listed(_) => query
                .order_by_desc(story_value::Column::ListedAt)
                .order_by_desc(story_value::Column::StoryId),
            _ => query
                .order_by_desc(story::Column::PublishedAt)
                .order_by_desc(story::Column::Id),
        }
    }

    /// `query` narrowed to the stories published since `at`.
    pub(crate) fn since(
        self,
        query: Select<story::Entity>,
        at: DateTime<Utc>,
    ) -> Select<story::Entity> {
        match self {
            Published::Listed(_) => query.filter(story_value::Column::ListedAt.gte(at)),
            _ => query.filter(story::Column::PublishedAt.gte(at)),
        }
    }

    /// `query` narrowed to the stories after `cursor` (older than the story
    /// it names), in [`Published::newest`]'s order.
    pub(crate) fn after(
        self,
        query: Select<story::Entity>,
        cursor: super::Cursor,
    ) -> Select<story::Entity> {
        let (at_column, id_column) = match self {
            Published::Listed(_) => (
                Expr::col((story_value::Entity, story_value::Column::ListedAt)),
                Expr::col((story_value::Entity, story_value::Column::StoryId)),
            ),
            _ => (
                Expr::col((story::Entity, story::Column::PublishedAt)),
                Expr::col((story::Entity, story::Column::Id)),
            ),
        };
        query.filter(cursor.older(at_column, id_column))
    }
}

/// `query` narrowed to the featured stories. They are few (a value page
/// shows three), so their ids come first, through the featured index;
/// left to choose, SQLite walked all stories newest first to find them
/// (94 ms at a million stories, where none was featured), as it cannot know
/// how few stories have a `featured_at`.
pub(crate) async fn featured(
    db: &DatabaseConnection,
    query: Select<story::Entity>,
) -> AppResult<Select<story::Entity>> {
    let ids: Vec<i32> = story::Entity::find()
        .select_only()
        .column(story::Column::Id)
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .filter(story::Column::FeaturedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(query.filter(story::Column::Id.is_in(ids)))
}

/// How many of one value's published stories were published since `since`
/// (all, without), counted from the value's list alone.
pub(crate) async fn listed_since(
    db: &DatabaseConnection,
    value_id: i32,
    since: Option<DateTime<Utc>>,
) -> AppResult<u64> {
    let mut listed = story_value::Entity::find()
        .filter(story_value::Column::ValueId.eq(value_id))
        .filter(story_value::Column::ListedAt.is_not_null());
    if let Some(since) = since {
        listed = listed.filter(story_value::Column::ListedAt.gte(since));
    }
    Ok(listed.count(db).await?)
}

/// From this share of the published stories (in percent) on, the stories
/// are walked; below it their list is read.
const WALK_FROM_PERCENT: u64 = 2;

/// `query` narrowed to the stories tagged with any of `value_ids`: walked
/// or listed, whichever is quicker for values that many or few have.
pub(crate) fn tagged_with(
    query: Select<story::Entity>,
    value_ids: &[i32],
    known: &Facts,
) -> Select<story::Entity> {
    tagged(query, value_ids, walk(value_ids, known))
}

/// Whether stories tagged with any of `value_ids` are many enough to walk
/// all stories asking each.
fn walk(value_ids: &[i32], known: &Facts) -> bool {
    let tagged: u64 = value_ids
        .iter()
        .map(|id| known.counts.get(id).copied().unwrap_or(0))
        .sum();
    tagged * 100 >= known.published * WALK_FROM_PERCENT
}

fn tagged(query: Select<story::Entity>, value_ids: &[i32], walk: bool) -> Select<story::Entity> {
    if walk {
        each_tagged_with(query, value_ids)
    } else {
        let ids = story_value::Entity::find()
            .select_only()
            .column(story_value::Column::StoryId)
            .filter(story_value::Column::ValueId.is_in(value_ids.iter().copied()))
            .into_query();
        query.filter(story::Column::Id.in_subquery(ids))
    }
}

/// `query` narrowed to the stories tagged with any of `value_ids`, asking
/// each story in turn: for lists that are few already (a manager's
/// leadership examples) or walked newest first through many.
pub(crate) fn each_tagged_with(
    query: Select<story::Entity>,
    value_ids: &[i32],
) -> Select<story::Entity> {
    let is_tagged = Query::select()
        .expr(Expr::val(1))
        .from(story_value::Entity)
        .and_where(
            Expr::col((story_value::Entity, story_value::Column::StoryId))
                .equals((story::Entity, story::Column::Id)),
        )
        .and_where(story_value::Column::ValueId.is_in(value_ids.iter().copied()))
        .to_owned();
    query.filter(Expr::exists(is_tagged))
}
