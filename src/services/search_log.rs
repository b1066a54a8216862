//! The `search_changes` log: written with every change to a story (see
//! [`super::record_search_change`]), read by every replica's indexer, never
//! consumed. Old rows are pruned after `search_log_retention_days`; the
//! highest pruned id is kept as the mark `pruned_through`, so that a replica
//! whose cursor lies below it knows it missed changes and rebuilds its index
//! from the database instead of taking the gap for rolled-back transactions.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::OnConflict,
};

use crate::db::{
    begin_write,
    entities::{search_change, search_log_mark},
};

const PRUNED_THROUGH: &str = "pruned_through";

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
