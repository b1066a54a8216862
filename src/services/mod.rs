//! The domain services: every read and write of values and stories, shared by
//! the HTML pages and the JSON API so the two never disagree.

pub mod demo;
pub mod installation;
pub mod privacy;
pub mod reactions;
pub mod reports;
pub mod revisions;
pub mod search_log;
pub mod stories;
pub mod tokens;
pub mod values;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

use crate::db::entities::search_change;

/// Appends a row to the `search_changes` log and returns its id. Call it
/// inside the transaction that changes the story, so the change and its log
/// row commit together.
pub async fn record_search_change<C: ConnectionTrait>(db: &C, story_id: i32) -> Result<i64, DbErr> {
    let row = search_change::ActiveModel {
        story_id: Set(story_id),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}
