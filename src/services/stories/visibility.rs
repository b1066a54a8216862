//! Who sees what: a story's view for a viewer, and the rule that hides a
//! story (and an anonymous author's name) from those who may not see it.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QuerySelect};

use crate::db::{entities::story, story_tags};
use crate::domain::{Audience, Lang, StoryStatus, User, ValueTag};
use crate::error::{AppError, AppResult};
use crate::markdown;

use super::*;

/// Published stories are for everyone; drafts only for their author; the
/// others for their author and for managers.
pub(super) fn can_view(model: &story::Model, viewer: Option<&User>) -> bool {
    let is_author = viewer.is_some_and(|user| user.id == model.author_id);
    match status_of(model) {
        StoryStatus::Published => true,
        StoryStatus::Draft => is_author,
        _ => is_author || viewer.is_some_and(User::is_manager),
    }
}

/// Whether the viewer may know who wrote an anonymous story.
pub(super) fn sees_author(model: &story::Model, viewer: Option<&User>) -> bool {
    !model.anonymous || viewer.is_some_and(|user| user.is_manager() || user.id == model.author_id)
}

pub(super) fn view_of(
    model: story::Model,
    values: Vec<ValueTag>,
    inspired: u64,
    viewer: Option<&User>,
    html: bool,
) -> StoryView {
    let known = !model.author_left && sees_author(&model, viewer);
    StoryView {
        featured: model.featured_at.is_some(),
        // Rendering and sanitising is most of a list's cost; cards skip it.
        body_html: if html {
            markdown::render(&model.body_md).into_string()
        } else {
            String::new()
        },
        status: status_of(&model),
        audience: Audience::parse(&model.audience).unwrap_or(Audience::Customer),
        lang: Lang::parse(&model.lang).unwrap_or(Lang::Nl),
        author: Author {
            id: known.then_some(model.author_id),
            name: known.then_some(model.author_name),
            anonymous: model.anonymous,
            former: model.author_left,
        },
        id: model.id,
        title: model.title,
        body: model.body_md,
        values,
        team: model.team,
        reject_reason: model.reject_reason,
        created_at: model.created_at,
        updated_at: model.updated_at,
        published_at: model.published_at,
        inspired,
    }
}

pub(crate) async fn views_of<C: ConnectionTrait>(
    db: &C,
    models: Vec<story::Model>,
    viewer: Option<&User>,
) -> AppResult<Vec<StoryView>> {
    views_with(db, models, viewer, true).await
}

/// Views of stories; `html: false` leaves `body_html` empty, for cards that
/// show only the title and byline.
pub(super) async fn views_with<C: ConnectionTrait>(
    db: &C,
    models: Vec<story::Model>,
    viewer: Option<&User>,
    html: bool,
) -> AppResult<Vec<StoryView>> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut tags = story_tags::of(db, &ids).await?;
    let inspired = super::super::reactions::counts(db, &ids).await?;
    Ok(models
        .into_iter()
        .map(|m| {
            let values = tags.remove(&m.id).unwrap_or_default();
            let count = inspired.get(&m.id).copied().unwrap_or(0);
            view_of(m, values, count, viewer, html)
        })
        .collect())
}

/// Reads a story the viewer may see; any other is "not found", so that the
/// existence of hidden stories does not leak.
pub async fn get(db: &DatabaseConnection, viewer: Option<&User>, id: i32) -> AppResult<StoryView> {
    let model = story::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|model| can_view(model, viewer))
        .ok_or(AppError::NotFound)?;
    Ok(views_of(db, vec![model], viewer).await?.remove(0))
}

/// Loads a story for a change inside `tx`, refusing those the user may not see.
pub(super) async fn load_for_change(
    tx: &DatabaseTransaction,
    user: &User,
    id: i32,
) -> AppResult<story::Model> {
    // Locked until the transaction ends (`SELECT … FOR UPDATE` on
    // PostgreSQL; SQLite's `BEGIN IMMEDIATE` already serialises writers), so
    // two changes never both decide on the same stale status: an author's
    // edit cannot overwrite a take-down that committed in between.
    story::Entity::find_by_id(id)
        .lock_exclusive()
        .one(tx)
        .await?
        .filter(|model| can_view(model, Some(user)))
        .ok_or(AppError::NotFound)
}
