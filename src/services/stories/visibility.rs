//! Who sees what: a story's view for a viewer, and the rule that hides a
//! story (and an anonymous author's name) from those who may not see it.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QuerySelect};

use crate::db::{entities::story, story_tags};
use crate::domain::{
    Action, Actor, Audience, Lang, Moderation, Role, StoryStatus, User, ValueTag, transition,
};
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
    people: Vec<crate::services::people::PersonRef>,
    viewer: Option<&User>,
    html: bool,
) -> StoryView {
    let known = !model.author_left && sees_author(&model, viewer);
    StoryView {
        featured: model.featured_at.is_some(),
        leadership: model.leadership,
        approach: model.approach.clone(),
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
        people,
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
    let inspired = crate::services::reactions::counts(db, &ids).await?;
    let mut people = super::named::of(db, &ids).await?;
    Ok(models
        .into_iter()
        .map(|m| {
            let values = tags.remove(&m.id).unwrap_or_default();
            let count = inspired.get(&m.id).copied().unwrap_or(0);
            let named = people.remove(&m.id).unwrap_or_default();
            view_of(m, values, count, named, viewer, html)
        })
        .collect())
}

/// Reads a story the viewer may see; any other is "not found", so that the
/// existence of hidden stories does not leak.
/// A widget token fixed to values sees only stories of those values.
pub async fn get(db: &DatabaseConnection, viewer: Option<&User>, id: i32) -> AppResult<StoryView> {
    let model = story::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|model| can_view(model, viewer))
        .ok_or(AppError::NotFound)?;
    let story = views_of(db, vec![model], viewer).await?.remove(0);
    let slugs: Vec<&str> = story.values.iter().map(|v| v.slug.as_str()).collect();
    if viewer.is_some_and(|user| !user.may_see_values(&slugs)) {
        return Err(AppError::NotFound);
    }
    Ok(story)
}

/// What a viewer may do with a story they see, for pages to offer; each
/// answer comes from the rule the write itself obeys
/// ([`crate::domain::transition`] for status changes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Permissions {
    /// Publish, reject or take it down, retag, feature (managers).
    pub moderate: bool,
    /// Report it to the managers (others than the author, under
    /// post-moderation, while it is published).
    pub report: bool,
    /// Read its history (the author and managers).
    pub history: bool,
}

impl Permissions {
    pub fn of(story: &StoryView, viewer: Option<&User>, moderation: Moderation) -> Permissions {
        let Some(user) = viewer else {
            return Permissions::default();
        };
        let actor = Actor {
            author: story.is_by(user) && !story.author.former,
            manager: user.is_manager(),
            admin: user.role == Role::Admin,
        };
        let may = |action| transition(story.status, action, actor, moderation).is_ok();
        Permissions {
            moderate: may(Action::Publish) || may(Action::Reject),
            report: story.status == StoryStatus::Published
                && moderation == Moderation::Post
                && user.can_write()
                && !actor.author,
            history: actor.author || actor.manager,
        }
    }
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
