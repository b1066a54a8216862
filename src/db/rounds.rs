//! Periodic work that must happen once across all replicas, not once per
//! replica (pruning the change log): each round is claimed in the database.
//! The claim is a row of `search_log_marks` holding when the last round
//! started, read `FOR UPDATE` so that two replicas asking at once queue up
//! and the second sees the first's claim.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QuerySelect, Set,
};

use super::begin_write;
use super::entities::search_log_mark;

/// Claims a round of the work `name` for this replica at `now`, when the
/// last round started `every` or longer ago. Returns whether it is ours.
pub async fn claim(
    db: &DatabaseConnection,
    name: &str,
    every: Duration,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let tx = begin_write(db).await?;
    search_log_mark::Entity::insert(search_log_mark::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(0),
    })
    .on_conflict_do_nothing()
    .exec(&tx)
    .await?;
    let Some(mark) = search_log_mark::Entity::find_by_id(name.to_owned())
        .lock_exclusive()
        .one(&tx)
        .await?
    else {
        tx.commit().await?;
        return Ok(false);
    };
    let every = i64::try_from(every.as_secs()).unwrap_or(i64::MAX);
    if now.timestamp() - mark.value < every {
        tx.commit().await?;
        return Ok(false);
    }
    let mut mark = mark.into_active_model();
    mark.value = Set(now.timestamp());
    mark.update(&tx).await?;
    tx.commit().await?;
    Ok(true)
}
