//! The manager's side: publishing, rejecting or taking down, adjusting the
//! value tags, featuring, and the moderation queue.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::{begin_write, entities::story};
use crate::domain::{Action, Moderation, RejectReason, StoryStatus, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::search::Unindexed;

use super::changes::{commit_change, next_status, record_revision, set_status};
use super::visibility::load_for_change;
use super::writing::write_tags;
use super::*;
use crate::services::revisions::RevisionKind;
use crate::services::values::active_value_kinds;

/// Refuses moderation of stories that are not the manager's to judge.
pub(super) fn moderatable(model: &story::Model) -> AppResult<()> {
    match status_of(model) {
        StoryStatus::Withdrawn => Err(AppError::Conflict(Msg::new("error-withdrawn"))),
        // Drafts are invisible to managers; this cannot normally happen.
        StoryStatus::Draft => Err(AppError::NotFound),
        _ => Ok(()),
    }
}

/// A manager publishes a pending or rejected story.
pub async fn publish(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    user: &User,
    id: i32,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    let status = next_status(&model, user, Action::Publish, Moderation::Pre)?;
    if status != status_of(&model) {
        set_status(tx, unindexed, model, status, None, user.into()).await?;
        tracing::info!(story = id, by = %user.id, "story published");
    }
    get(db, Some(user), id).await
}

/// A manager rejects a pending story, or takes a published one down, with a
/// reason the author will read.
pub async fn reject(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    user: &User,
    id: i32,
    reason: &str,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let reason = RejectReason::parse(reason).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    let status = next_status(&model, user, Action::Reject, Moderation::Pre)?;
    set_status(
        tx,
        unindexed,
        model,
        status,
        Some(reason.as_str().to_owned()),
        user.into(),
    )
    .await?;
    tracing::info!(story = id, by = %user.id, "story rejected");
    get(db, Some(user), id).await
}

/// A manager changes which values a story is tagged with; the change and its
/// reason are kept in the story's history.
pub async fn retag(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    user: &User,
    id: i32,
    values: &[String],
    note: &str,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let kinds = active_value_kinds(db).await?;
    let slugs =
        crate::domain::parse_value_tags(values, &kinds, crate::domain::field_limits::VALUES_MIN)
            .map_err(AppError::Validation)?;
    let note = note.trim();
    crate::domain::refuse_nul("note", note).map_err(|e| AppError::Validation(vec![e]))?;
    if note.chars().count() > crate::domain::field_limits::REASON_MAX {
        return Err(AppError::field(
            "note",
            Msg::new("error-reason-long").arg("max", crate::domain::field_limits::REASON_MAX),
        ));
    }
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    moderatable(&model)?;
    write_tags(&tx, id, &slugs).await?;
    let mut active = model.into_active_model();
    active.updated_at = Set(now());
    let model = active.update(&tx).await?;
    let note = (!note.is_empty()).then_some(note);
    record_revision(&tx, &model, RevisionKind::Retagged, user.into(), note).await?;
    commit_change(tx, unindexed, id).await?;
    tracing::info!(story = id, by = %user.id, "story retagged");
    get(db, Some(user), id).await
}

/// A manager features a published story on its values' pages, or stops
/// featuring it.
pub async fn set_featured(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    featured: bool,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    if status_of(&model) != StoryStatus::Published {
        return Err(AppError::Conflict(Msg::new("error-feature-unpublished")));
    }
    if model.featured_at.is_some() != featured {
        let mut active = model.into_active_model();
        active.featured_at = Set(featured.then(now));
        let model = active.update(&tx).await?;
        let kind = if featured {
            RevisionKind::Featured
        } else {
            RevisionKind::Unfeatured
        };
        record_revision(&tx, &model, kind, user.into(), None).await?;
        tx.commit().await?;
        tracing::info!(story = id, by = %user.id, featured, "story featuring changed");
    }
    get(db, Some(user), id).await
}

/// A manager marks a manager's story as a leadership example, or stops.
/// Only a story whose author the service last saw as a manager can be one
/// (`409` otherwise); a withdrawn one cannot change.
pub async fn set_leadership(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    leadership: bool,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    moderatable(&model)?;
    if leadership && model.anonymous {
        return Err(AppError::Conflict(Msg::new("error-leadership-anonymous")));
    }
    if leadership
        && !model.leadership
        && !crate::services::people::is_manager(&tx, &model.author_id).await?
    {
        return Err(AppError::Conflict(Msg::new("error-leadership-author")));
    }
    if model.leadership != leadership {
        let mut active = model.into_active_model();
        active.leadership = Set(leadership);
        let model = active.update(&tx).await?;
        let kind = if leadership {
            RevisionKind::Leadership
        } else {
            RevisionKind::LeadershipOff
        };
        record_revision(&tx, &model, kind, user.into(), None).await?;
        tx.commit().await?;
        tracing::info!(story = id, by = %user.id, leadership, "leadership example changed");
    }
    get(db, Some(user), id).await
}

/// A story waiting in the moderation queue, with what the manager needs to
/// judge it: the author's other stories.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Queued {
    pub story: StoryView,
    pub others: Vec<OtherStory>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OtherStory {
    pub id: i32,
    pub title: String,
    pub status: StoryStatus,
}

/// Stories waiting for a manager, oldest first, each with the author's
/// other stories (drafts excepted: those are the author's own business).
pub async fn moderation_queue(db: &DatabaseConnection, user: &User) -> AppResult<Vec<Queued>> {
    require_manager(user)?;
    let models = story::Entity::find()
        .filter(story::Column::Status.eq(StoryStatus::Pending.as_str()))
        .order_by_asc(story::Column::CreatedAt)
        .order_by_asc(story::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let authors: Vec<String> = models.iter().map(|m| m.author_id.clone()).collect();
    let mut others: HashMap<String, Vec<story::Model>> = HashMap::new();
    for other in story::Entity::find()
        .filter(story::Column::AuthorId.is_in(authors))
        .filter(story::Column::Status.ne(StoryStatus::Draft.as_str()))
        .order_by_desc(story::Column::CreatedAt)
        .order_by_desc(story::Column::Id)
        .all(db)
        .await?
    {
        others
            .entry(other.author_id.clone())
            .or_default()
            .push(other);
    }
    let views = views_of(db, models, Some(user)).await?;
    Ok(views
        .into_iter()
        .map(|story| {
            let others = story
                .author
                .id
                .as_ref()
                .and_then(|author| others.get(author))
                .map(|list| {
                    list.iter()
                        .filter(|m| m.id != story.id)
                        .take(10)
                        .map(|m| OtherStory {
                            id: m.id,
                            title: m.title.clone(),
                            status: status_of(m),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Queued { story, others }
        })
        .collect())
}
