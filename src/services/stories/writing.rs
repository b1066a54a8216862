//! The author's side: submitting, saving drafts, editing and withdrawing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    IntoActiveModel, QueryFilter, Set,
};

use crate::clock::now;
use crate::db::{
    begin_write, change_log,
    entities::{org_value, story, story_value},
};
use crate::domain::{
    Action, Actor, Completeness, Moderation, NewStory, StoryInput, StoryStatus, User, ValueSlug,
    transition,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::search::Unindexed;
use crate::services::notify::To;

use super::changes::{commit_change, next_status, record_revision, set_status, tell_status};
use super::visibility::load_for_change;
use super::*;
use crate::services::revisions::RevisionKind;
use crate::services::values::active_value_kinds;

/// Checks a story as `user` wrote it: its fields, and that only a manager
/// offers their story as a leadership example.
pub(super) async fn parse_input(
    db: &DatabaseConnection,
    user: &User,
    input: &StoryInput,
    completeness: Completeness,
) -> AppResult<NewStory> {
    let kinds = active_value_kinds(db).await?;
    let parsed = NewStory::parse_as(input, &kinds, completeness);
    if input.leadership == Some(true) && !user.is_manager() {
        let mut errors = parsed.err().unwrap_or_default();
        errors.push(crate::domain::FieldError::new(
            "leadership",
            Msg::new("error-leadership-manager"),
        ));
        return Err(AppError::Validation(errors));
    }
    // A leadership example shows how a named manager lives a value; marked
    // on an anonymous story it would tell everyone its author is a manager.
    if input.leadership == Some(true) && input.anonymous {
        let mut errors = parsed.err().unwrap_or_default();
        errors.push(crate::domain::FieldError::new(
            "leadership",
            Msg::new("error-leadership-anonymous"),
        ));
        return Err(AppError::Validation(errors));
    }
    // The colleagues it names: people the service knows, not the author.
    let people = match &input.people {
        None => Ok(None),
        Some(entries) => super::named::check(db, &user.id, entries).await?.map(Some),
    };
    match (parsed, people) {
        (Ok(story), Ok(people)) => Ok(story.with_people(people)),
        (parsed, people) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(people.err().unwrap_or_default());
            Err(AppError::Validation(errors))
        }
    }
}

pub(super) async fn write_tags(
    tx: &DatabaseTransaction,
    story_id: i32,
    slugs: &[ValueSlug],
) -> AppResult<()> {
    story_value::Entity::delete_many()
        .filter(story_value::Column::StoryId.eq(story_id))
        .exec(tx)
        .await?;
    let wanted: Vec<&str> = slugs.iter().map(|s| s.as_str()).collect();
    let ids: HashMap<String, i32> = org_value::Entity::find()
        .filter(org_value::Column::Slug.is_in(wanted))
        .all(tx)
        .await?
        .into_iter()
        .map(|v| (v.slug, v.id))
        .collect();
    for (position, slug) in slugs.iter().enumerate() {
        let value_id = *ids.get(slug.as_str()).ok_or_else(|| {
            AppError::field(
                "values",
                Msg::new("error-value-unknown").arg("value", slug.as_str()),
            )
        })?;
        story_value::ActiveModel {
            story_id: Set(story_id),
            value_id: Set(value_id),
            position: Set(position as i32),
            // Set with the change's log row (`change_log::append`).
            listed_at: Set(None),
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

/// Inserts a valid story with the given status and author, tags, history and
/// log row included, in one transaction. Used by submissions and the demo
/// loader.
pub async fn insert(
    db: &DatabaseConnection,
    story: &NewStory,
    author: ChangedBy<'_>,
    status: StoryStatus,
    at: DateTime<Utc>,
) -> AppResult<i32> {
    let tx = begin_write(db).await?;
    let model = story::ActiveModel {
        title: Set(story.title().to_owned()),
        body_md: Set(story.body().to_owned()),
        audience: Set(story.audience().as_str().into()),
        team: Set(story.team().map(str::to_owned)),
        lang: Set(story.lang().as_str().into()),
        author_id: Set(author.id.to_owned()),
        author_name: Set(author.name.to_owned()),
        status: Set(status.as_str().into()),
        reject_reason: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        published_at: Set((status == StoryStatus::Published).then_some(at)),
        anonymous: Set(story.anonymous()),
        featured_at: Set(None),
        author_left: Set(false),
        leadership: Set(story.leadership().unwrap_or(false)),
        approach: Set(story.approach().map(str::to_owned)),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    write_tags(&tx, model.id, story.values()).await?;
    if let Some(people) = story.people() {
        super::named::write(&tx, model.id, people).await?;
    }
    record_revision(&tx, &model, RevisionKind::Created, author, None).await?;
    tell_status(&tx, &model, StoryStatus::Draft, author.id).await?;
    change_log::append(&tx, model.id).await?;
    tx.commit().await?;
    crate::services::notify::wake();
    Ok(model.id)
}

/// What the author asks for when saving the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Save {
    /// Keep it as a draft to finish later; only the author sees it.
    Draft,
    /// Send it in: to the queue under pre-moderation, online under post.
    Submit,
}

impl Save {
    fn completeness(self) -> Completeness {
        match self {
            Save::Draft => Completeness::Draft,
            Save::Submit => Completeness::Submission,
        }
    }

    fn action(self) -> Action {
        match self {
            Save::Draft => Action::SaveDraft,
            Save::Submit => Action::Submit,
        }
    }
}

/// Submits a story, or saves it as a draft.
pub async fn create(
    db: &DatabaseConnection,
    moderation: Moderation,
    user: &User,
    input: &StoryInput,
    save: Save,
) -> AppResult<StoryView> {
    require_write(user)?;
    let story = parse_input(db, user, input, save.completeness()).await?;
    // A new story starts as a draft that is saved or submitted.
    let author = Actor {
        author: true,
        ..Actor::default()
    };
    let status = transition(StoryStatus::Draft, save.action(), author, moderation)
        .map_err(|_| AppError::Forbidden)?;
    let id = insert(db, &story, user.into(), status, now()).await?;
    tracing::info!(story = id, author = %user.id, status = status.as_str(), "story saved");
    get(db, Some(user), id).await
}

/// The author edits their story, each edit kept as a revision; where the
/// story goes next is [`transition`]'s to say (under pre-moderation back to
/// the queue; a story a manager rejected or took down always goes back to
/// the queue). Only a draft can be saved as a draft again.
pub async fn update(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    moderation: Moderation,
    user: &User,
    id: i32,
    input: &StoryInput,
    save: Save,
) -> AppResult<StoryView> {
    require_write(user)?;
    let story = parse_input(db, user, input, save.completeness()).await?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    let current = status_of(&model);
    let status = next_status(&model, user, save.action(), moderation)?;
    let published_at = match (model.published_at, status) {
        (None, StoryStatus::Published) => Some(now()),
        (kept, _) => kept,
    };
    let mut active = model.into_active_model();
    active.title = Set(story.title().to_owned());
    active.body_md = Set(story.body().to_owned());
    active.audience = Set(story.audience().as_str().into());
    active.team = Set(story.team().map(str::to_owned));
    active.lang = Set(story.lang().as_str().into());
    active.anonymous = Set(story.anonymous());
    active.approach = Set(story.approach().map(str::to_owned));
    if let Some(leadership) = story.leadership() {
        active.leadership = Set(leadership);
    }
    // Made anonymous, a story stops being a leadership example (see
    // `parse_input`).
    if story.anonymous() {
        active.leadership = Set(false);
    }
    active.status = Set(status.as_str().into());
    active.reject_reason = Set(None);
    active.updated_at = Set(now());
    active.published_at = Set(published_at);
    if status != StoryStatus::Published {
        active.featured_at = Set(None);
    }
    let model = active.update(&tx).await?;
    write_tags(&tx, id, story.values()).await?;
    let newly_named = match story.people() {
        Some(people) => super::named::write(&tx, id, people).await?,
        None => Vec::new(),
    };
    let kind = match (current, status) {
        (StoryStatus::Draft, _) => RevisionKind::Created,
        (StoryStatus::Published | StoryStatus::Rejected, StoryStatus::Pending) => {
            RevisionKind::Resubmitted
        }
        _ => RevisionKind::Edited,
    };
    record_revision(&tx, &model, kind, user.into(), None).await?;
    tell_status(&tx, &model, current, &user.id).await?;
    // Named in a story that stays online: told now (once published, the
    // others were told with the publication).
    if current == StoryStatus::Published && status == StoryStatus::Published {
        super::changes::tell_named(&tx, &model, To::People(newly_named)).await?;
    }
    commit_change(tx, unindexed, id).await?;
    tracing::info!(story = id, by = %user.id, status = status.as_str(), "story edited");
    get(db, Some(user), id).await
}

/// The author (or an admin) withdraws a story; it disappears for everyone
/// else. Withdrawing twice is not an error.
pub async fn withdraw(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    user: &User,
    id: i32,
) -> AppResult<()> {
    require_write(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    // The moderation mode plays no part in withdrawing.
    let status = next_status(&model, user, Action::Withdraw, Moderation::Pre)?;
    if status == status_of(&model) {
        return Ok(());
    }
    set_status(tx, unindexed, model, status, None, user.into()).await?;
    tracing::info!(story = id, by = %user.id, "story withdrawn");
    Ok(())
}
