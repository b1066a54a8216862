//! "This inspired me": one reaction per person per published story, undoable.
//! Marking twice or undoing twice changes nothing.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::Serialize;

use crate::db::entities::{notification, reaction, story};
use crate::domain::NoticeKind;
use crate::domain::StoryStatus;
use crate::domain::User;
use crate::error::{AppError, AppResult};
use crate::services::notify::{self, Notice, To};

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

/// Marks that the story inspired `user`. When the marks reach `milestone`
/// (0: never) the author is told, once per story.
pub async fn inspire(
    db: &DatabaseConnection,
    user: &User,
    story_id: i32,
    milestone: u32,
) -> AppResult<Inspired> {
    published(db, user, story_id).await?;
    let tx = crate::db::begin_write(db).await?;
    let inserted = reaction::Entity::insert(reaction::ActiveModel {
        story_id: Set(story_id),
        user_id: Set(user.id.clone()),
        created_at: Set(now()),
    })
    // Already marked: nothing to do (the primary key is story and person).
    .on_conflict_do_nothing()
    .exec_without_returning(&tx)
    .await?;
    let inserted = matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0);
    if inserted && milestone > 0 {
        let count = reaction::Entity::find()
            .filter(reaction::Column::StoryId.eq(story_id))
            .count(&tx)
            .await?;
        if count == u64::from(milestone) {
            tell_milestone(&tx, story_id, count).await?;
        }
    }
    tx.commit().await?;
    notify::wake();
    on_story(db, Some(user), story_id).await
}

/// Tells the author their story reached the milestone, unless they were
/// told before (marks taken back and given again).
async fn tell_milestone<C: sea_orm::ConnectionTrait>(
    tx: &C,
    story_id: i32,
    count: u64,
) -> AppResult<()> {
    let Some(model) = story::Entity::find_by_id(story_id).one(tx).await? else {
        return Ok(());
    };
    let told = notification::Entity::find()
        .filter(notification::Column::Kind.eq(NoticeKind::Inspired.as_str()))
        .filter(notification::Column::StoryId.eq(story_id))
        .count(tx)
        .await?
        > 0;
    if told {
        return Ok(());
    }
    let notice = Notice::new(NoticeKind::Inspired)
        .story(story_id, &model.title)
        .arg("count", count as i64);
    notify::emit(tx, To::person(&model.author_id), &notice, None).await
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
pub async fn toggle(
    db: &DatabaseConnection,
    user: &User,
    story_id: i32,
    milestone: u32,
) -> AppResult<Inspired> {
    if on_story(db, Some(user), story_id).await?.by_me {
        undo(db, user, story_id).await
    } else {
        inspire(db, user, story_id, milestone).await
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
