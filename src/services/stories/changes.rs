//! How a change to a story is recorded: who may move it to which status
//! (asking [`crate::domain::transition`]), its revision in the history, its
//! change-log row, and keeping it out of search until re-indexed.

use sea_orm::{ActiveModelTrait, DatabaseTransaction, IntoActiveModel, Set};

use crate::clock::now;
use crate::db::{
    change_log,
    entities::{story, story_revision},
    story_tags,
};
use crate::domain::NoticeKind;
use crate::domain::{Action, Actor, Moderation, Refusal, Role, StoryStatus, User, transition};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::search::Unindexed;
use crate::services::notify::{self, Notice, To};

use super::*;
use crate::services::revisions::RevisionKind;

/// Who made a change, for the revision history.
#[derive(Debug, Clone, Copy)]
pub struct ChangedBy<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

impl<'a> From<&'a User> for ChangedBy<'a> {
    fn from(user: &'a User) -> Self {
        ChangedBy {
            id: &user.id,
            name: &user.name,
        }
    }
}

/// The slugs of a story's values, in the author's order.
async fn value_slugs(tx: &DatabaseTransaction, story_id: i32) -> AppResult<Vec<String>> {
    let mut tags = story_tags::of(tx, &[story_id]).await?;
    Ok(tags
        .remove(&story_id)
        .map(|tags| tags.into_iter().map(|t| t.slug).collect())
        .unwrap_or_default())
}

/// Tells of a change to a story inside its transaction (see
/// [`crate::services::notify::emit`]): `kind` to `to`, not to `actor`.
pub(super) async fn tell(
    tx: &DatabaseTransaction,
    model: &story::Model,
    kind: NoticeKind,
    to: To,
    actor: &str,
    reason: Option<&str>,
) -> AppResult<()> {
    let values = value_slugs(tx, model.id).await?;
    let mut notice = Notice::new(kind)
        .story(model.id, &model.title)
        .values(values);
    if let Some(reason) = reason {
        notice = notice.arg("reason", reason);
    }
    notify::emit(tx, to, &notice, Some(actor)).await
}

/// What a change of status tells whom: the author that a manager published,
/// rejected or took down their story (not when they did it themselves);
/// managers that a story waits for them; the webhooks that a story is out.
pub(super) async fn tell_status(
    tx: &DatabaseTransaction,
    model: &story::Model,
    before: StoryStatus,
    actor: &str,
) -> AppResult<()> {
    let after = status_of(model);
    if after == before {
        return Ok(());
    }
    let author = To::person(&model.author_id);
    let reason = model.reject_reason.as_deref();
    match (before, after) {
        (_, StoryStatus::Published) => {
            tell(tx, model, NoticeKind::Published, author, actor, None).await?;
            let named = super::named::ids_of(tx, model.id).await?;
            tell_named(tx, model, To::People(named)).await
        }
        (StoryStatus::Published, StoryStatus::Rejected) => {
            tell(tx, model, NoticeKind::TakenDown, author, actor, reason).await
        }
        (_, StoryStatus::Rejected) => {
            tell(tx, model, NoticeKind::Rejected, author, actor, reason).await
        }
        (_, StoryStatus::Pending) => {
            tell(tx, model, NoticeKind::Waiting, To::Managers, actor, None).await
        }
        _ => Ok(()),
    }
}

/// Tells colleagues a published story names them. The author's name goes
/// along unless the story is anonymous (then "a colleague").
pub(super) async fn tell_named(
    tx: &DatabaseTransaction,
    model: &story::Model,
    to: To,
) -> AppResult<()> {
    if matches!(&to, To::People(ids) if ids.is_empty()) {
        return Ok(());
    }
    let name = if model.anonymous || model.author_left {
        "anonymous"
    } else {
        model.author_name.as_str()
    };
    let values = value_slugs(tx, model.id).await?;
    let notice = Notice::new(NoticeKind::Named)
        .story(model.id, &model.title)
        .arg("name", name)
        .values(values);
    // The author is never told they named someone; the named are told even
    // when a manager's publication was the actor's doing.
    notify::emit(tx, to, &notice, Some(&model.author_id)).await
}

/// Appends the story as it now is to its history, inside the transaction of
/// the change.
pub(super) async fn record_revision(
    tx: &DatabaseTransaction,
    model: &story::Model,
    kind: RevisionKind,
    editor: ChangedBy<'_>,
    note: Option<&str>,
) -> AppResult<()> {
    let values = value_slugs(tx, model.id).await?;
    story_revision::ActiveModel {
        story_id: Set(model.id),
        kind: Set(kind.as_str().to_owned()),
        editor_id: Set(editor.id.to_owned()),
        editor_name: Set(editor.name.to_owned()),
        created_at: Set(now()),
        title: Set(model.title.clone()),
        body_md: Set(model.body_md.clone()),
        values: Set(values.join(",")),
        audience: Set(model.audience.clone()),
        team: Set(model.team.clone()),
        lang: Set(model.lang.clone()),
        anonymous: Set(model.anonymous),
        note: Set(note.map(str::to_owned)),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// How `user` stands to the story, for [`transition`].
pub(super) fn actor(model: &story::Model, user: &User) -> Actor {
    Actor {
        author: model.author_id == user.id && !model.author_left,
        manager: user.is_manager(),
        admin: user.role == Role::Admin,
    }
}

/// The status `user` may move the story to with `action`: the one rule of
/// [`crate::domain::transition`], its refusals as errors.
pub(super) fn next_status(
    model: &story::Model,
    user: &User,
    action: Action,
    moderation: Moderation,
) -> AppResult<StoryStatus> {
    transition(status_of(model), action, actor(model, user), moderation).map_err(|refusal| {
        match refusal {
            Refusal::Forbidden => AppError::Forbidden,
            Refusal::NotFound => AppError::NotFound,
            Refusal::Conflict(id) => AppError::Conflict(Msg::new(id)),
        }
    })
}

/// Logs the change for the indexers, commits, and keeps the story out of
/// this replica's search until its indexer has applied the change: what a
/// change hides is gone from search when the request returns.
pub(super) async fn commit_change(
    tx: DatabaseTransaction,
    unindexed: &Unindexed,
    id: i32,
) -> AppResult<()> {
    let log_id = change_log::append(&tx, id).await?;
    tx.commit().await?;
    unindexed.mark(id, log_id);
    notify::wake();
    Ok(())
}

/// Sets a story's status within one transaction, with its revision and log
/// row. A story that leaves `published` is no longer featured.
pub(super) async fn set_status(
    tx: DatabaseTransaction,
    unindexed: &Unindexed,
    model: story::Model,
    status: StoryStatus,
    reason: Option<String>,
    editor: ChangedBy<'_>,
) -> AppResult<()> {
    let id = model.id;
    let before = status_of(&model);
    let published_at = match (model.published_at, status) {
        (None, StoryStatus::Published) => Some(now()),
        (kept, _) => kept,
    };
    let mut active = model.into_active_model();
    active.status = Set(status.as_str().into());
    active.reject_reason = Set(reason.clone());
    active.published_at = Set(published_at);
    active.updated_at = Set(now());
    if status != StoryStatus::Published {
        active.featured_at = Set(None);
    }
    let model = active.update(&tx).await?;
    let kind = match status {
        StoryStatus::Published => RevisionKind::Published,
        StoryStatus::Rejected => RevisionKind::Rejected,
        _ => RevisionKind::Withdrawn,
    };
    record_revision(&tx, &model, kind, editor, reason.as_deref()).await?;
    if status != StoryStatus::Published {
        crate::services::reports::resolve_all(&tx, id).await?;
    }
    tell_status(&tx, &model, before, editor.id).await?;
    commit_change(tx, unindexed, id).await
}
