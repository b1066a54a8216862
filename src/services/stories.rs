//! Stories: submitting, reading with visibility rules, listing, editing,
//! withdrawing and moderating. Every write appends to `search_changes` in the
//! same transaction.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set,
};
use serde::Serialize;

use crate::config::Moderation;
use crate::db::{
    begin_write,
    entities::{org_value, story, story_value},
};
use crate::domain::{Audience, Lang, NewStory, RejectReason, StoryInput, StoryStatus, ValueKind};
use crate::error::{AppError, AppResult};
use crate::identity::{Role, User};
use crate::markdown;

use super::{record_search_change, values::active_value_kinds};

/// Timestamps are kept to whole seconds so that they sort the same as text
/// (SQLite) and as timestamps (PostgreSQL); ties are broken by id.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ValueTag {
    pub slug: String,
    pub name: String,
    pub kind: ValueKind,
}

#[derive(Debug, Clone, Serialize)]
pub struct Author {
    pub id: String,
    pub name: String,
}

/// A story as pages and the API show it.
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub stories: Vec<StoryView>,
    pub next: Option<String>,
}

pub const PAGE_MAX: u64 = 100;
pub const PAGE_DEFAULT: u64 = 20;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub value: Option<String>,
}

fn status_of(model: &story::Model) -> StoryStatus {
    StoryStatus::parse(&model.status).unwrap_or(StoryStatus::Pending)
}

/// Published stories are for everyone; the others only for their author and
/// for managers.
fn can_view(model: &story::Model, viewer: Option<&User>) -> bool {
    status_of(model) == StoryStatus::Published
        || viewer.is_some_and(|user| user.is_manager() || user.id == model.author_id)
}

pub(crate) async fn tags_of<C: ConnectionTrait>(
    db: &C,
    story_ids: &[i32],
) -> AppResult<HashMap<i32, Vec<ValueTag>>> {
    let rows = story_value::Entity::find()
        .filter(story_value::Column::StoryId.is_in(story_ids.iter().copied()))
        .order_by_asc(story_value::Column::StoryId)
        .order_by_asc(story_value::Column::Position)
        .find_also_related(org_value::Entity)
        .all(db)
        .await?;
    let mut tags: HashMap<i32, Vec<ValueTag>> = HashMap::new();
    for (tag, value) in rows {
        if let Some(value) = value {
            tags.entry(tag.story_id).or_default().push(ValueTag {
                kind: ValueKind::parse(&value.kind).unwrap_or(ValueKind::Brand),
                slug: value.slug,
                name: value.name,
            });
        }
    }
    Ok(tags)
}

fn view_of(model: story::Model, values: Vec<ValueTag>, inspired: u64) -> StoryView {
    StoryView {
        body_html: markdown::render(&model.body_md).into_string(),
        status: status_of(&model),
        audience: Audience::parse(&model.audience).unwrap_or(Audience::Customer),
        lang: Lang::parse(&model.lang).unwrap_or(Lang::Nl),
        author: Author {
            id: model.author_id,
            name: model.author_name,
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

async fn views_of(db: &DatabaseConnection, models: Vec<story::Model>) -> AppResult<Vec<StoryView>> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut tags = tags_of(db, &ids).await?;
    let inspired = super::reactions::counts(db, &ids).await?;
    Ok(models
        .into_iter()
        .map(|m| {
            let values = tags.remove(&m.id).unwrap_or_default();
            let count = inspired.get(&m.id).copied().unwrap_or(0);
            view_of(m, values, count)
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
    Ok(views_of(db, vec![model]).await?.remove(0))
}

async fn parse_input(db: &DatabaseConnection, input: &StoryInput) -> AppResult<NewStory> {
    let kinds = active_value_kinds(db).await?;
    NewStory::parse(input, &kinds).map_err(AppError::Validation)
}

async fn write_tags(tx: &DatabaseTransaction, story_id: i32, story: &NewStory) -> AppResult<()> {
    story_value::Entity::delete_many()
        .filter(story_value::Column::StoryId.eq(story_id))
        .exec(tx)
        .await?;
    let slugs: Vec<&str> = story.values().iter().map(|s| s.as_str()).collect();
    let ids: HashMap<String, i32> = org_value::Entity::find()
        .filter(org_value::Column::Slug.is_in(slugs))
        .all(tx)
        .await?
        .into_iter()
        .map(|v| (v.slug, v.id))
        .collect();
    for (position, slug) in story.values().iter().enumerate() {
        let value_id = *ids
            .get(slug.as_str())
            .ok_or_else(|| AppError::field("values", format!("`{slug}` is not a current value")))?;
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

/// Inserts a valid story with the given status and author, tags and log row
/// included, in one transaction. Used by submissions and the demo loader.
pub async fn insert(
    db: &DatabaseConnection,
    story: &NewStory,
    author: (&str, &str),
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
        author_id: Set(author.0.to_owned()),
        author_name: Set(author.1.to_owned()),
        status: Set(status.as_str().into()),
        reject_reason: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        published_at: Set((status == StoryStatus::Published).then_some(at)),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    write_tags(&tx, model.id, story).await?;
    record_search_change(&tx, model.id).await?;
    tx.commit().await?;
    Ok(model.id)
}

/// Submits a story: waiting for a manager under pre-moderation, published at
/// once under post-moderation.
pub async fn create(
    db: &DatabaseConnection,
    moderation: Moderation,
    user: &User,
    input: &StoryInput,
) -> AppResult<StoryView> {
    require_write(user)?;
    let story = parse_input(db, input).await?;
    let status = match moderation {
        Moderation::Pre => StoryStatus::Pending,
        Moderation::Post => StoryStatus::Published,
    };
    let id = insert(db, &story, (&user.id, &user.name), status, now()).await?;
    tracing::info!(story = id, author = %user.id, status = status.as_str(), "story submitted");
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

/// The author edits their story. Under pre-moderation an edited story goes
/// back to the queue, so nothing unreviewed becomes public; under
/// post-moderation a published story stays published.
pub async fn update(
    db: &DatabaseConnection,
    moderation: Moderation,
    user: &User,
    id: i32,
    input: &StoryInput,
) -> AppResult<StoryView> {
    require_write(user)?;
    let story = parse_input(db, input).await?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    if model.author_id != user.id {
        return Err(AppError::Forbidden);
    }
    let status = match (status_of(&model), moderation) {
        (StoryStatus::Withdrawn, _) => {
            return Err(AppError::Conflict(
                "a withdrawn story cannot be edited".into(),
            ));
        }
        (_, Moderation::Pre) => StoryStatus::Pending,
        (_, Moderation::Post) => StoryStatus::Published,
    };
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
    active.status = Set(status.as_str().into());
    active.reject_reason = Set(None);
    active.updated_at = Set(now());
    active.published_at = Set(published_at);
    active.update(&tx).await?;
    write_tags(&tx, id, &story).await?;
    record_search_change(&tx, id).await?;
    tx.commit().await?;
    tracing::info!(story = id, by = %user.id, status = status.as_str(), "story edited");
    get(db, Some(user), id).await
}

/// Sets a story's status within one transaction, with its log row.
async fn set_status(
    tx: DatabaseTransaction,
    model: story::Model,
    status: StoryStatus,
    reason: Option<String>,
) -> AppResult<()> {
    let id = model.id;
    let published_at = match (model.published_at, status) {
        (None, StoryStatus::Published) => Some(now()),
        (kept, _) => kept,
    };
    let mut active = model.into_active_model();
    active.status = Set(status.as_str().into());
    active.reject_reason = Set(reason);
    active.published_at = Set(published_at);
    active.updated_at = Set(now());
    active.update(&tx).await?;
    record_search_change(&tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// The author (or an admin) withdraws a story; it disappears for everyone
/// else. Withdrawing twice is not an error.
pub async fn withdraw(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<()> {
    require_write(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    if model.author_id != user.id && user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    if status_of(&model) == StoryStatus::Withdrawn {
        return Ok(());
    }
    set_status(tx, model, StoryStatus::Withdrawn, None).await?;
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

/// A manager publishes a pending or rejected story.
pub async fn publish(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<StoryView> {
    require_manager(user)?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    match status_of(&model) {
        StoryStatus::Withdrawn => {
            return Err(AppError::Conflict(
                "the author has withdrawn this story".into(),
            ));
        }
        StoryStatus::Published => {}
        StoryStatus::Pending | StoryStatus::Rejected => {
            set_status(tx, model, StoryStatus::Published, None).await?;
            tracing::info!(story = id, by = %user.id, "story published");
        }
    }
    get(db, Some(user), id).await
}

/// A manager rejects a pending story, or takes a published one down, with a
/// reason the author will read.
pub async fn reject(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    reason: &str,
) -> AppResult<StoryView> {
    require_manager(user)?;
    let reason = RejectReason::parse(reason).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = begin_write(db).await?;
    let model = load_for_change(&tx, user, id).await?;
    if status_of(&model) == StoryStatus::Withdrawn {
        return Err(AppError::Conflict(
            "the author has withdrawn this story".into(),
        ));
    }
    set_status(
        tx,
        model,
        StoryStatus::Rejected,
        Some(reason.as_str().to_owned()),
    )
    .await?;
    tracing::info!(story = id, by = %user.id, "story rejected");
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
    if let Some(slug) = &filter.value {
        let value_id = org_value::Entity::find()
            .filter(org_value::Column::Slug.eq(slug.as_str()))
            .one(db)
            .await?
            .map(|value| value.id);
        let Some(value_id) = value_id else {
            return Ok(Page {
                stories: Vec::new(),
                next: None,
            });
        };
        let tagged = story_value::Entity::find()
            .select_only()
            .column(story_value::Column::StoryId)
            .filter(story_value::Column::ValueId.eq(value_id))
            .into_query();
        query = query.filter(story::Column::Id.in_subquery(tagged));
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
        stories: views_of(db, models).await?,
        next,
    })
}

/// Stories waiting for a manager, oldest first.
pub async fn moderation_queue(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    require_manager(user)?;
    let models = story::Entity::find()
        .filter(story::Column::Status.eq(StoryStatus::Pending.as_str()))
        .order_by_asc(story::Column::CreatedAt)
        .order_by_asc(story::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    views_of(db, models).await
}

/// The user's own stories, whatever their status, most recently changed first.
pub async fn by_author(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    let models = story::Entity::find()
        .filter(story::Column::AuthorId.eq(user.id.as_str()))
        .order_by_desc(story::Column::UpdatedAt)
        .order_by_desc(story::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    views_of(db, models).await
}

/// Whether the database holds any story at all (demo loading).
pub async fn any_story(db: &DatabaseConnection) -> AppResult<bool> {
    Ok(story::Entity::find().one(db).await?.is_some())
}
