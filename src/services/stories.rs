//! Stories: submitting, reading with visibility rules, listing, editing,
//! withdrawing and moderating. Every write appends to `search_changes` in the
//! same transaction.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::{
    begin_write,
    entities::{org_value, story, story_revision, story_value},
};
use crate::domain::{
    Action, Actor, Audience, Completeness, Lang, Moderation, NewStory, Refusal, RejectReason,
    StoryInput, StoryStatus, ValueSlug, ValueTag, transition,
};
use crate::domain::{Role, User};
use crate::error::{AppError, AppResult};
use crate::i18n::{Msg, UiLang};
use crate::markdown;
use crate::search::Unindexed;

use super::revisions::RevisionKind;
use super::values::active_value_kinds;
use crate::db::{change_log, story_tags};

/// Who wrote a story, as the reader may know it. For an anonymous story
/// only the author and managers get the name; for an author who left and was
/// anonymised nobody does.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Author {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Shown as "a colleague from <team>".
    pub anonymous: bool,
    /// The author has left the organisation.
    pub former: bool,
}

/// A story as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StoryView {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub values: Vec<ValueTag>,
    pub audience: Audience,
    pub team: Option<String>,
    pub lang: Lang,
    pub status: StoryStatus,
    pub author: Author,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// How many people marked "this inspired me".
    pub inspired: u64,
    /// Featured on its values' pages.
    pub featured: bool,
}

impl StoryView {
    /// The byline in the reader's language: the name, or "a colleague from
    /// <team>", or "a former colleague".
    pub fn byline(&self, lang: &UiLang) -> String {
        if self.author.former {
            return lang.t("byline-former");
        }
        match (&self.author.name, self.author.anonymous, &self.team) {
            (Some(name), false, _) => name.clone(),
            (Some(name), true, _) => {
                lang.msg(&Msg::new("byline-anonymous-seen").arg("name", name.as_str()))
            }
            (None, _, Some(team)) => lang.msg(&Msg::new("byline-team").arg("team", team.as_str())),
            (None, _, None) => lang.t("byline-colleague"),
        }
    }

    /// Whether `user` wrote it (false once the author is anonymised).
    pub fn is_by(&self, user: &User) -> bool {
        self.author.id.as_deref() == Some(user.id.as_str())
    }
}

/// A position in the newest-first list of published stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    published_at: DateTime<Utc>,
    id: i32,
}

impl Cursor {
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (secs, id) = raw.split_once('.')?;
        Some(Cursor {
            published_at: DateTime::from_timestamp(secs.parse().ok()?, 0)?,
            id: id.parse().ok()?,
        })
    }

    pub fn encode(&self) -> String {
        format!("{}.{}", self.published_at.timestamp(), self.id)
    }
}

/// One page of stories and where the next one starts.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Page {
    pub stories: Vec<StoryView>,
    pub next: Option<String>,
}

pub const PAGE_MAX: u64 = 100;
pub const PAGE_DEFAULT: u64 = 20;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Stories tagged with any of these values; empty: all.
    pub values: Vec<String>,
    /// Only featured stories.
    pub featured: bool,
    /// Cards only: leave `body_html` empty (pages that list titles).
    pub cards: bool,
}

fn status_of(model: &story::Model) -> StoryStatus {
    StoryStatus::parse(&model.status).unwrap_or(StoryStatus::Pending)
}

/// Published stories are for everyone; drafts only for their author; the
/// others for their author and for managers.
fn can_view(model: &story::Model, viewer: Option<&User>) -> bool {
    let is_author = viewer.is_some_and(|user| user.id == model.author_id);
    match status_of(model) {
        StoryStatus::Published => true,
        StoryStatus::Draft => is_author,
        _ => is_author || viewer.is_some_and(User::is_manager),
    }
}

/// Whether the viewer may know who wrote an anonymous story.
fn sees_author(model: &story::Model, viewer: Option<&User>) -> bool {
    !model.anonymous || viewer.is_some_and(|user| user.is_manager() || user.id == model.author_id)
}

fn view_of(
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
async fn views_with<C: ConnectionTrait>(
    db: &C,
    models: Vec<story::Model>,
    viewer: Option<&User>,
    html: bool,
) -> AppResult<Vec<StoryView>> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut tags = story_tags::of(db, &ids).await?;
    let inspired = super::reactions::counts(db, &ids).await?;
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

async fn parse_input(
    db: &DatabaseConnection,
    input: &StoryInput,
    completeness: Completeness,
) -> AppResult<NewStory> {
    let kinds = active_value_kinds(db).await?;
    NewStory::parse_as(input, &kinds, completeness).map_err(AppError::Validation)
}

async fn write_tags(tx: &DatabaseTransaction, story_id: i32, slugs: &[ValueSlug]) -> AppResult<()> {
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
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}

/// Who made a change, for the revision history.
#[derive(Debug, Clone, Copy)]
pub struct Editor<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

impl<'a> From<&'a User> for Editor<'a> {
    fn from(user: &'a User) -> Self {
        Editor {
            id: &user.id,
            name: &user.name,
        }
    }
}

/// Appends the story as it now is to its history, inside the transaction of
/// the change.
async fn record_revision(
    tx: &DatabaseTransaction,
    model: &story::Model,
    kind: RevisionKind,
    editor: Editor<'_>,
    note: Option<&str>,
) -> AppResult<()> {
    let tags = story_tags::of(tx, &[model.id]).await?;
    let values: Vec<String> = tags
        .get(&model.id)
        .map(|tags| tags.iter().map(|t| t.slug.clone()).collect())
        .unwrap_or_default();
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

/// Inserts a valid story with the given status and author, tags, history and
/// log row included, in one transaction. Used by submissions and the demo
/// loader.
pub async fn insert(
    db: &DatabaseConnection,
    story: &NewStory,
    author: Editor<'_>,
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
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    write_tags(&tx, model.id, story.values()).await?;
    record_revision(&tx, &model, RevisionKind::Created, author, None).await?;
    change_log::append(&tx, model.id).await?;
    tx.commit().await?;
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
    let story = parse_input(db, input, save.completeness()).await?;
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

/// Loads a story for a change inside `tx`, refusing those the user may not see.
async fn load_for_change(
    tx: &DatabaseTransaction,
    user: &User,
    id: i32,
) -> AppResult<story::Model> {
    story::Entity::find_by_id(id)
        .one(tx)
        .await?
        .filter(|model| can_view(model, Some(user)))
        .ok_or(AppError::NotFound)
}

/// How `user` stands to the story, for [`transition`].
fn actor(model: &story::Model, user: &User) -> Actor {
    Actor {
        author: model.author_id == user.id && !model.author_left,
        manager: user.is_manager(),
        admin: user.role == Role::Admin,
    }
}

/// The status `user` may move the story to with `action`: the one rule of
/// [`crate::domain::transition`], its refusals as errors.
fn next_status(
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
async fn commit_change(tx: DatabaseTransaction, unindexed: &Unindexed, id: i32) -> AppResult<()> {
    let log_id = change_log::append(&tx, id).await?;
    tx.commit().await?;
    unindexed.mark(id, log_id);
    Ok(())
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
    let story = parse_input(db, input, save.completeness()).await?;
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
    active.status = Set(status.as_str().into());
    active.reject_reason = Set(None);
    active.updated_at = Set(now());
    active.published_at = Set(published_at);
    if status != StoryStatus::Published {
        active.featured_at = Set(None);
    }
    let model = active.update(&tx).await?;
    write_tags(&tx, id, story.values()).await?;
    let kind = match (current, status) {
        (StoryStatus::Draft, _) => RevisionKind::Created,
        (StoryStatus::Published | StoryStatus::Rejected, StoryStatus::Pending) => {
            RevisionKind::Resubmitted
        }
        _ => RevisionKind::Edited,
    };
    record_revision(&tx, &model, kind, user.into(), None).await?;
    commit_change(tx, unindexed, id).await?;
    tracing::info!(story = id, by = %user.id, status = status.as_str(), "story edited");
    get(db, Some(user), id).await
}

/// Sets a story's status within one transaction, with its revision and log
/// row. A story that leaves `published` is no longer featured.
async fn set_status(
    tx: DatabaseTransaction,
    unindexed: &Unindexed,
    model: story::Model,
    status: StoryStatus,
    reason: Option<String>,
    editor: Editor<'_>,
) -> AppResult<()> {
    let id = model.id;
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
        super::reports::resolve_all(&tx, id).await?;
    }
    commit_change(tx, unindexed, id).await
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

fn require_write(user: &User) -> AppResult<()> {
    if user.can_write() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn require_manager(user: &User) -> AppResult<()> {
    if user.is_manager() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Refuses moderation of stories that are not the manager's to judge.
fn moderatable(model: &story::Model) -> AppResult<()> {
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

/// Published stories, newest first, optionally of one value.
pub async fn list_published(
    db: &DatabaseConnection,
    filter: &ListFilter,
    cursor: Option<Cursor>,
    limit: u64,
) -> AppResult<Page> {
    let limit = limit.clamp(1, PAGE_MAX);
    let mut query =
        story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Published.as_str()));
    if !filter.values.is_empty() {
        let value_ids: Vec<i32> = org_value::Entity::find()
            .filter(org_value::Column::Slug.is_in(filter.values.iter().map(String::as_str)))
            .all(db)
            .await?
            .into_iter()
            .map(|value| value.id)
            .collect();
        if value_ids.is_empty() {
            return Ok(Page {
                stories: Vec::new(),
                next: None,
            });
        }
        let tagged = story_value::Entity::find()
            .select_only()
            .column(story_value::Column::StoryId)
            .filter(story_value::Column::ValueId.is_in(value_ids))
            .into_query();
        query = query.filter(story::Column::Id.in_subquery(tagged));
    }
    if filter.featured {
        query = query.filter(story::Column::FeaturedAt.is_not_null());
    }
    if let Some(cursor) = cursor {
        query = query.filter(
            Condition::any()
                .add(story::Column::PublishedAt.lt(cursor.published_at))
                .add(
                    Condition::all()
                        .add(story::Column::PublishedAt.eq(cursor.published_at))
                        .add(story::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut models = query
        .order_by_desc(story::Column::PublishedAt)
        .order_by_desc(story::Column::Id)
        .limit(limit + 1)
        .all(db)
        .await?;
    let next = if models.len() as u64 > limit {
        models.truncate(limit as usize);
        models.last().and_then(|last| {
            last.published_at.map(|published_at| {
                Cursor {
                    published_at,
                    id: last.id,
                }
                .encode()
            })
        })
    } else {
        None
    };
    Ok(Page {
        stories: views_with(db, models, None, !filter.cards).await?,
        next,
    })
}

/// How a value page orders its stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Newest,
    /// Most "this inspired me" marks first.
    Inspiring,
}

impl Sort {
    pub fn parse(raw: &str) -> Option<Sort> {
        match raw {
            "newest" => Some(Sort::Newest),
            "inspiring" => Some(Sort::Inspiring),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Inspiring => "inspiring",
        }
    }
}

/// How far back a value page looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    All,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::All, Period::Month, Period::Quarter, Period::Year];

    pub fn parse(raw: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::All => "all",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }

    fn days(self) -> Option<i64> {
        match self {
            Period::All => None,
            Period::Month => Some(31),
            Period::Quarter => Some(92),
            Period::Year => Some(366),
        }
    }
}

/// The filters and order of a value page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BrowseFilter {
    pub audience: Option<Audience>,
    pub team: Option<String>,
    pub lang: Option<Lang>,
    pub period: Period,
    pub sort: Sort,
    /// 1-based.
    pub page: u64,
}

impl BrowseFilter {
    pub fn is_filtered(&self) -> bool {
        self.audience.is_some()
            || self.team.is_some()
            || self.lang.is_some()
            || self.period != Period::All
    }
}

/// One page of a value's published stories, featured ones first.
#[derive(Debug, Clone, Serialize)]
pub struct Browse {
    /// Featured stories that match the filters (first page only).
    pub featured: Vec<StoryView>,
    pub stories: Vec<StoryView>,
    /// Matching stories that are not featured.
    pub total: u64,
    pub page: u64,
    pub pages: u64,
    /// The teams that have published stories about this value, for the filter.
    pub teams: Vec<String>,
}

pub const BROWSE_PAGE: u64 = 20;

/// The published stories of one value, filtered, sorted and paginated, with
/// the featured ones on top.
pub async fn browse(
    db: &DatabaseConnection,
    value_slug: &str,
    filter: &BrowseFilter,
) -> AppResult<Browse> {
    use sea_orm::{Order, PaginatorTrait, sea_query::Expr};

    let page = filter.page.max(1);
    let empty = Browse {
        featured: Vec::new(),
        stories: Vec::new(),
        total: 0,
        page,
        pages: 0,
        teams: Vec::new(),
    };
    let Some(value) = org_value::Entity::find()
        .filter(org_value::Column::Slug.eq(value_slug))
        .one(db)
        .await?
    else {
        return Ok(empty);
    };
    let tagged = || {
        story_value::Entity::find()
            .select_only()
            .column(story_value::Column::StoryId)
            .filter(story_value::Column::ValueId.eq(value.id))
            .into_query()
    };
    let of_value = || {
        story::Entity::find()
            .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
            .filter(story::Column::Id.in_subquery(tagged()))
    };
    let teams: Vec<Option<String>> = of_value()
        .select_only()
        .column(story::Column::Team)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut teams: Vec<String> = teams.into_iter().flatten().collect();
    teams.sort_by_key(|t| t.to_lowercase());

    let mut matching = of_value();
    if let Some(audience) = filter.audience {
        matching = matching.filter(story::Column::Audience.eq(audience.as_str()));
    }
    if let Some(team) = &filter.team {
        matching = matching.filter(story::Column::Team.eq(team.as_str()));
    }
    if let Some(lang) = filter.lang {
        matching = matching.filter(story::Column::Lang.eq(lang.as_str()));
    }
    if let Some(days) = filter.period.days() {
        matching =
            matching.filter(story::Column::PublishedAt.gte(now() - chrono::Duration::days(days)));
    }
    let order = |query: sea_orm::Select<story::Entity>| {
        let query = match filter.sort {
            Sort::Newest => query,
            Sort::Inspiring => query.order_by(
                Expr::cust(
                    "(SELECT COUNT(*) FROM reactions WHERE reactions.story_id = stories.id)",
                ),
                Order::Desc,
            ),
        };
        query
            .order_by_desc(story::Column::PublishedAt)
            .order_by_desc(story::Column::Id)
    };
    let featured = if page == 1 {
        order(
            matching
                .clone()
                .filter(story::Column::FeaturedAt.is_not_null()),
        )
        .limit(3)
        .all(db)
        .await?
    } else {
        Vec::new()
    };
    let rest = matching.filter(story::Column::FeaturedAt.is_null());
    let total = rest.clone().count(db).await?;
    let models = order(rest)
        .offset((page - 1) * BROWSE_PAGE)
        .limit(BROWSE_PAGE)
        .all(db)
        .await?;
    Ok(Browse {
        featured: views_with(db, featured, None, false).await?,
        stories: views_with(db, models, None, false).await?,
        total,
        page,
        pages: total.div_ceil(BROWSE_PAGE),
        teams,
    })
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

/// The user's own stories, whatever their status, most recently changed first.
pub async fn by_author(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    let models = story::Entity::find()
        .filter(story::Column::AuthorId.eq(user.id.as_str()))
        .filter(story::Column::AuthorLeft.eq(false))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    views_of(db, models, Some(user)).await
}

/// Whether the database holds any story at all (demo loading).
pub async fn any_story(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(story::Entity::find().one(db).await?.is_some())
}
