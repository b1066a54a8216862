//! "This inspired me": one reaction per person per published story, undoable.
//! Marking twice or undoing twice changes nothing.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::Serialize;

use crate::db::entities::reaction;
use crate::domain::StoryStatus;
use crate::domain::User;
use crate::error::{AppError, AppResult};

use super::stories;
use crate::clock::now;

/// A story's reactions as one person sees them.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Inspired {
    pub count: u64,
    /// Whether this person marked it.
    pub by_me: bool,
}

async fn published(db: &DatabaseConnection, user: &User, story_id: i32) -> AppResult<()> {
    let story = stories::get(db, Some(user), story_id).await?;
    if story.status != StoryStatus::Published {
        return Err(AppError::Conflict(crate::i18n::Msg::new(
            "error-inspire-unpublished",
        )));
    }
    if !user.can_write() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Marks that the story inspired `user`.
pub async fn inspire(db: &DatabaseConnection, user: &User, story_id: i32) -> AppResult<Inspired> {
    published(db, user, story_id).await?;
    reaction::Entity::insert(reaction::ActiveModel {
        story_id: Set(story_id),
        user_id: Set(user.id.clone()),
        created_at: Set(now()),
    })
    // Already marked: nothing to do (the primary key is story and person).
    .on_conflict_do_nothing()
    .exec(db)
    .await?;
    on_story(db, Some(user), story_id).await
}

/// Takes the reaction back.
pub async fn undo(db: &DatabaseConnection, user: &User, story_id: i32) -> AppResult<Inspired> {
    published(db, user, story_id).await?;
    reaction::Entity::delete_many()
        .filter(reaction::Column::StoryId.eq(story_id))
        .filter(reaction::Column::UserId.eq(user.id.as_str()))
        .exec(db)
        .await?;
    on_story(db, Some(user), story_id).await
}

/// The "this inspired me" button: marks the story, or takes the mark back
/// when `user` had marked it.
pub async fn toggle(db: &DatabaseConnection, user: &User, story_id: i32) -> AppResult<Inspired> {
    if on_story(db, Some(user), story_id).await?.by_me {
        undo(db, user, story_id).await
    } else {
        inspire(db, user, story_id).await
    }
}

/// The reactions on one story, as `viewer` sees them.
pub async fn on_story(
    db: &DatabaseConnection,
    viewer: Option<&User>,
    story_id: i32,
) -> AppResult<Inspired> {
    let count = reaction::Entity::find()
        .filter(reaction::Column::StoryId.eq(story_id))
        .count(db)
        .await?;
    let by_me = match viewer {
        Some(user) => reaction::Entity::find_by_id((story_id, user.id.clone()))
            .one(db)
            .await?
            .is_some(),
        None => false,
    };
    Ok(Inspired { count, by_me })
}

#[derive(FromQueryResult)]
struct Count {
    story_id: i32,
    n: i64,
}

/// Reaction counts of several stories.
pub async fn counts<C: sea_orm::ConnectionTrait>(
    db: &C,
    story_ids: &[i32],
) -> AppResult<HashMap<i32, u64>> {
    let rows = reaction::Entity::find()
        .select_only()
        .column(reaction::Column::StoryId)
        .column_as(reaction::Column::UserId.count(), "n")
        .filter(reaction::Column::StoryId.is_in(story_ids.iter().copied()))
        .group_by(reaction::Column::StoryId)
        .into_model::<Count>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.story_id, r.n.max(0) as u64))
        .collect())
}
