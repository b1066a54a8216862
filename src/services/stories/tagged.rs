//! Narrowing a list of stories to those tagged with some values, in the
//! form the database answers quickly when it reads the stories newest first
//! and stops after a page.
//!
//! Left to choose, SQLite reads all of a common value's tags, looks up each
//! of its stories and sorts them, to keep 20: 95 ms for a value page's
//! leadership examples at 100,000 stories (its statistics accurate or not),
//! where walking the stories newest first and asking each whether it is
//! tagged finds a page after a few dozen questions. For a value that few
//! stories have, the walk would pass nearly all stories, and the list of its
//! stories is quicker. Which is which comes from the remembered counts
//! ([`Facts`]), so the choice costs no query.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait, Select};

use crate::db::entities::{story, story_value};
use crate::services::story_facts::Facts;

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
    let tagged: u64 = value_ids
        .iter()
        .map(|id| known.counts.get(id).copied().unwrap_or(0))
        .sum();
    if tagged * 100 >= known.published * WALK_FROM_PERCENT {
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
