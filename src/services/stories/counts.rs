//! Counting stories, for the operators' metrics.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QuerySelect};

use super::*;
use crate::domain::StoryStatus;

/// How many stories there are in every status (for the metrics).
pub async fn count_by_status(db: &DatabaseConnection) -> AppResult<Vec<(StoryStatus, i64)>> {
    let rows: Vec<(String, i64)> = story::Entity::find()
        .select_only()
        .column(story::Column::Status)
        .column_as(story::Column::Id.count(), "n")
        .group_by(story::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(StoryStatus::ALL
        .into_iter()
        .map(|status| {
            let n = rows
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, n)
        })
        .collect())
}
