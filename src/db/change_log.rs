//! The change log (table `search_changes`): a row is appended with every
//! change to a story, in the same transaction ([`append`]); every replica's
//! search indexer reads it from its own cursor; it is never consumed. Old rows are pruned after `search_log_retention_days`; the
//! highest pruned id is kept as the mark `pruned_through`, so that a replica
//! whose cursor lies below it knows it missed changes and rebuilds its index
//! from the database instead of taking the gap for rolled-back transactions.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, OnConflict},
};

use super::begin_write;
use super::entities::{search_change, search_log_mark, story, story_value};
use crate::domain::StoryStatus;

const PRUNED_THROUGH: &str = "pruned_through";

/// Appends a row for a change to story `story_id` and returns its id. Call it
/// inside the transaction that changes the story, so the change and its log
/// row commit together.
///
/// Every change to a story passes here, so here its value tags learn
/// whether and since when the story is listed (see [`follow_listing`]).
pub async fn append<C: ConnectionTrait>(db: &C, story_id: i32) -> Result<i64, DbErr> {
    follow_listing(db, story_id).await?;
    let row = search_change::ActiveModel {
        story_id: Set(story_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Sets `story_values.listed_at` of the story's tags to its `published_at`
/// while it is published, and empties it otherwise (a story erased has no
/// tags left). Each value's list of its stories in publication order (the
/// index `idx_story_values_listed`) thus always holds exactly its published
/// stories.
async fn follow_listing<C: ConnectionTrait>(db: &C, story_id: i32) -> Result<(), DbErr> {
    let story: Option<(String, Option<DateTime<Utc>>)> = story::Entity::find_by_id(story_id)
        .select_only()
        .column(story::Column::Status)
        .column(story::Column::PublishedAt)
        .into_tuple()
        .one(db)
        .await?;
    let listed_at = story
        .filter(|(status, _)| status == StoryStatus::Published.as_str())
        .and_then(|(_, published_at)| published_at);
    story_value::Entity::update_many()
        .col_expr(story_value::Column::ListedAt, Expr::value(listed_at))
        .filter(story_value::Column::StoryId.eq(story_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The highest log id so far (0 for an empty log).
pub async fn head<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(search_change::Entity::find()
        .select_only()
        .column(search_change::Column::Id)
        .order_by_desc(search_change::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?
        .unwrap_or(0))
}

/// When the oldest row after `cursor` was written: how long a change has
/// waited for an indexer at that cursor. `None` when nothing waits.
pub async fn oldest_after<C: ConnectionTrait>(
    db: &C,
    cursor: i64,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(search_change::Entity::find()
        .filter(search_change::Column::Id.gt(cursor))
        .order_by_asc(search_change::Column::Id)
        .one(db)
        .await?
        .map(|row| row.created_at))
}

/// The rows after `cursor`, oldest first, at most `limit`: (log id, story id).
pub async fn after<C: ConnectionTrait>(
    db: &C,
    cursor: i64,
    limit: u64,
) -> Result<Vec<(i64, i32)>, DbErr> {
    search_change::Entity::find()
        .select_only()
        .column(search_change::Column::Id)
        .column(search_change::Column::StoryId)
        .filter(search_change::Column::Id.gt(cursor))
        .order_by_asc(search_change::Column::Id)
        .limit(limit)
        .into_tuple()
        .all(db)
        .await
}

/// The highest log id ever pruned (0 when nothing was).
pub async fn pruned_through<C: ConnectionTrait>(db: &C) -> Result<i64, DbErr> {
    Ok(
        search_log_mark::Entity::find_by_id(PRUNED_THROUGH.to_owned())
            .one(db)
            .await?
            .map(|mark| mark.value)
            .unwrap_or(0),
    )
}

/// Deletes the log rows written before `before`, always keeping the newest
/// row (so ids are never handed out twice), and moves the mark. Returns how
/// many rows went.
pub async fn prune(db: &DatabaseConnection, before: DateTime<Utc>) -> Result<u64, DbErr> {
    let tx = begin_write(db).await?;
    let head: Option<i64> = search_change::Entity::find()
        .select_only()
        .column(search_change::Column::Id)
        .order_by_desc(search_change::Column::Id)
        .into_tuple()
        .one(&tx)
        .await?;
    let Some(head) = head else {
        tx.commit().await?;
        return Ok(0);
    };
    let through: Option<i64> = search_change::Entity::find()
        .select_only()
        .column(search_change::Column::Id)
        .filter(search_change::Column::CreatedAt.lt(before))
        .filter(search_change::Column::Id.lt(head))
        .order_by_desc(search_change::Column::Id)
        .into_tuple()
        .one(&tx)
        .await?;
    let Some(through) = through else {
        tx.commit().await?;
        return Ok(0);
    };
    let deleted = search_change::Entity::delete_many()
        .filter(search_change::Column::Id.lte(through))
        .exec(&tx)
        .await?
        .rows_affected;
    let previous = pruned_through(&tx).await?;
    search_log_mark::Entity::insert(search_log_mark::ActiveModel {
        name: Set(PRUNED_THROUGH.to_owned()),
        value: Set(through.max(previous)),
    })
    .on_conflict(
        OnConflict::column(search_log_mark::Column::Name)
            .update_column(search_log_mark::Column::Value)
            .to_owned(),
    )
    .exec(&tx)
    .await?;
    tx.commit().await?;
    tracing::info!(rows = deleted, through, "search change log pruned");
    Ok(deleted)
}
