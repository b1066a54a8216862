//! Barriers: what staff may expect of us. Anyone signed in reports what
//! stopped them from living a value; managers take it, move it along
//! ([`crate::domain::barrier_transition`] decides which status may follow
//! which) and reply; solved barriers become "you said, we did" for all
//! signed-in staff. Barriers are never in the search index, feeds, widgets,
//! oEmbed or related stories: nothing but this module reads them.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
};
use serde::Deserialize;

use crate::clock::now;
use crate::db::begin_write;
use crate::db::entities::{barrier, barrier_event, barrier_value, org_value, story};
use crate::domain::NoticeKind;
use crate::domain::{
    BarrierInput, BarrierRefusal, BarrierStatus, FieldError, NewBarrier, StoryStatus, TokenScope,
    User, barrier_limits, barrier_transition, length,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::services::notify::{self, Notice, To};
use crate::services::people::{self, PersonRef};

mod view;
use crate::services::values::active_value_kinds;
use view::views_of;
pub use view::{BarrierEvent, BarrierView, LinkedStory, Reporter};

/// A manager's change: any of a new status, a new owner, a linked story and
/// a reply (required to solve or decline).
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BarrierChange {
    /// `new`, `acknowledged`, `in_progress`, `solved` or `wont_solve`.
    #[serde(default)]
    pub status: Option<String>,
    /// `me`, or the id of a manager the service knows.
    #[serde(default)]
    pub owner: Option<String>,
    /// Markdown, at most 5,000 characters; required for `solved` and `wont_solve`.
    #[serde(default)]
    #[schema(max_length = 5000)]
    pub reply: Option<String>,
    /// A published story that shows the improvement.
    #[serde(default)]
    pub story: Option<i32>,
}

/// Which barriers a list asks for.
#[derive(Debug, Clone, Default)]
pub struct BarrierQuery {
    pub status: Option<BarrierStatus>,
    pub value: Option<String>,
    /// Words in the title or text (managers).
    pub q: Option<String>,
    /// Only the caller's own reports.
    pub mine: bool,
}

impl BarrierQuery {
    /// The same query over everyone's barriers rather than one's own.
    pub fn everyone(self) -> BarrierQuery {
        BarrierQuery {
            mine: false,
            ..self
        }
    }
}

/// The most barriers a list holds.
pub const LIST_MAX: u64 = 500;

/// People (and admin tokens) deal with barriers; a widget's or a submit
/// token never sees one.
fn require_person(user: &User) -> AppResult<()> {
    match user.via_token {
        None | Some(TokenScope::Admin) => Ok(()),
        Some(_) => Err(AppError::Forbidden),
    }
}

/// Managers see every barrier; the reporter their own; everyone else only
/// solved ones.
fn can_view(model: &barrier::Model, user: &User) -> bool {
    user.is_manager() || model.reporter_id == user.id || model.status == "solved"
}

fn sees_reporter(model: &barrier::Model, user: &User) -> bool {
    !model.anonymous || user.is_manager() || model.reporter_id == user.id
}

fn status_of(model: &barrier::Model) -> BarrierStatus {
    BarrierStatus::parse(&model.status).unwrap_or(BarrierStatus::New)
}

/// Anyone signed in reports a barrier; it starts as `new`.
pub async fn report(
    db: &DatabaseConnection,
    user: &User,
    input: &BarrierInput,
) -> AppResult<BarrierView> {
    if user.via_token.is_some() {
        // A barrier is a person's experience.
        return Err(AppError::Forbidden);
    }
    let kinds = active_value_kinds(db).await?;
    let new = NewBarrier::parse(input, &kinds).map_err(AppError::Validation)?;
    let at = now();
    let tx = begin_write(db).await?;
    let model = barrier::ActiveModel {
        title: Set(new.title),
        body_md: Set(new.body),
        reporter_id: Set(user.id.clone()),
        reporter_name: Set(user.name.clone()),
        anonymous: Set(new.anonymous),
        status: Set(BarrierStatus::New.as_str().to_owned()),
        owner_id: Set(None),
        owner_name: Set(None),
        story_id: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let slugs: Vec<&str> = new.values.iter().map(|s| s.as_str()).collect();
    let ids: HashMap<String, i32> = org_value::Entity::find()
        .filter(org_value::Column::Slug.is_in(slugs))
        .all(&tx)
        .await?
        .into_iter()
        .map(|v| (v.slug, v.id))
        .collect();
    for (position, slug) in new.values.iter().enumerate() {
        if let Some(value_id) = ids.get(slug.as_str()) {
            barrier_value::ActiveModel {
                barrier_id: Set(model.id),
                value_id: Set(*value_id),
                position: Set(position as i32),
            }
            .insert(&tx)
            .await?;
        }
    }
    barrier_event::ActiveModel {
        barrier_id: Set(model.id),
        actor_id: Set(user.id.clone()),
        actor_name: Set(user.name.clone()),
        status: Set(Some(BarrierStatus::New.as_str().to_owned())),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    tracing::info!(barrier = model.id, by = %user.id, "barrier reported");
    get(db, user, model.id).await
}

/// One barrier with its history, for those who may see it (`404` otherwise).
pub async fn get(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<BarrierView> {
    require_person(user)?;
    let model = barrier::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|model| can_view(model, user))
        .ok_or(AppError::NotFound)?;
    let mut views = views_of(db, vec![model], user, true).await?;
    Ok(views.remove(0))
}

/// Barriers as the caller may list them: managers any (filtered by status,
/// value, words); others the solved ones (`status=solved`) or their own.
/// Unsolved first-come-first-served (oldest first); solved ones newest first.
pub async fn list(
    db: &DatabaseConnection,
    user: &User,
    query: &BarrierQuery,
) -> AppResult<Vec<BarrierView>> {
    require_person(user)?;
    let mut select = barrier::Entity::find();
    let solved_only = query.status == Some(BarrierStatus::Solved);
    if query.mine || (!user.is_manager() && !solved_only) {
        select = select.filter(barrier::Column::ReporterId.eq(user.id.as_str()));
    }
    if let Some(status) = query.status {
        select = select.filter(barrier::Column::Status.eq(status.as_str()));
    }
    if let Some(slug) = query.value.as_deref() {
        let tagged = barrier_value::Entity::find()
            .select_only()
            .column(barrier_value::Column::BarrierId)
            .inner_join(org_value::Entity)
            .filter(org_value::Column::Slug.eq(slug))
            .into_query();
        select = select.filter(barrier::Column::Id.in_subquery(tagged));
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // As long as a story search may be (SQLite refuses a LIKE pattern
        // of 50,000 bytes or more with an error).
        let max = crate::search::QUERY_MAX_CHARS;
        if q.chars().count() > max {
            return Err(AppError::field(
                "q",
                Msg::new("error-query-long").arg("max", max),
            ));
        }
        let mut words = Condition::all();
        for word in q.split_whitespace().take(10) {
            let pattern = format!("%{}%", escape_like(&word.to_lowercase()));
            words = words.add(
                Condition::any()
                    .add(
                        Expr::expr(Func::lower(Expr::col(barrier::Column::Title)))
                            .like(LikeExpr::new(pattern.clone()).escape('\\')),
                    )
                    .add(
                        Expr::expr(Func::lower(Expr::col(barrier::Column::BodyMd)))
                            .like(LikeExpr::new(pattern).escape('\\')),
                    ),
            );
        }
        select = select.filter(words);
    }
    select = if solved_only {
        select
            .order_by_desc(barrier::Column::ClosedAt)
            .order_by_desc(barrier::Column::Id)
    } else {
        select
            .order_by_asc(barrier::Column::CreatedAt)
            .order_by_asc(barrier::Column::Id)
    };
    let models = select.limit(LIST_MAX).all(db).await?;
    views_of(db, models, user, solved_only).await
}

fn escape_like(raw: &str) -> String {
    raw.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// A manager changes a barrier: its status (see
/// [`crate::domain::barrier_transition`]), its owner, a linked story, and/or
/// a reply. Every change is one step in the history.
pub async fn change(
    db: &DatabaseConnection,
    user: &User,
    id: i32,
    change: &BarrierChange,
) -> AppResult<BarrierView> {
    require_person(user)?;
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let mut errors: Vec<FieldError> = Vec::new();
    let status = match change.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => {
            let parsed = BarrierStatus::parse(raw);
            if parsed.is_none() {
                errors.push(FieldError::new("status", Msg::new("error-barrier-status")));
            }
            parsed
        }
    };
    let reply = change
        .reply
        .as_deref()
        .map(|r| r.trim().replace("\r\n", "\n"))
        .filter(|r| !r.is_empty());
    if let Some(reply) = &reply
        && let Err(e) = length("reply", reply, 1, barrier_limits::REPLY_MAX)
    {
        errors.push(e);
    }
    let owner = match change.owner.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("me") if user.via_token.is_none() => Some(PersonRef {
            id: user.id.clone(),
            name: user.name.clone(),
        }),
        Some(id) => match people::find(db, id).await? {
            Some((person, role)) if role >= crate::domain::Role::Manager => Some(person),
            _ => {
                errors.push(FieldError::new(
                    "owner",
                    Msg::new("error-barrier-owner").arg("owner", id),
                ));
                None
            }
        },
    };
    let linked = match change.story {
        None => None,
        Some(story_id) => {
            let found = story::Entity::find_by_id(story_id)
                .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
                .one(db)
                .await?;
            if found.is_none() {
                errors.push(FieldError::new("story", Msg::new("error-barrier-story")));
            }
            found
        }
    };
    if status.is_none()
        && change.owner.is_none()
        && reply.is_none()
        && change.story.is_none()
        && errors.is_empty()
    {
        errors.push(FieldError::new("status", Msg::new("error-barrier-nothing")));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    let tx = begin_write(db).await?;
    let model = barrier::Entity::find_by_id(id)
        .lock_exclusive()
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let from = status_of(&model);
    let to = status.unwrap_or(from);
    barrier_transition(from, to, reply.is_some()).map_err(|refusal| match refusal {
        BarrierRefusal::Conflict => AppError::Conflict(
            Msg::new("error-barrier-transition")
                .arg("from", from.as_str())
                .arg("to", to.as_str()),
        ),
        BarrierRefusal::ReplyRequired => AppError::field("reply", Msg::new("error-barrier-reply")),
    })?;
    let new_owner = owner.filter(|o| model.owner_id.as_deref() != Some(o.id.as_str()));
    let new_story = linked.filter(|s| model.story_id != Some(s.id));
    let moved = to != from;
    if !moved && new_owner.is_none() && new_story.is_none() && reply.is_none() {
        tx.commit().await?;
        return get(db, user, id).await;
    }
    let at = now();
    let title = model.title.clone();
    let reporter = model.reporter_id.clone();
    let reply_given = reply.is_some();
    let mut active = model.into_active_model();
    active.updated_at = Set(at);
    if moved {
        active.status = Set(to.as_str().to_owned());
        active.closed_at = Set(to.is_closed().then_some(at));
    }
    if let Some(owner) = &new_owner {
        active.owner_id = Set(Some(owner.id.clone()));
        active.owner_name = Set(Some(owner.name.clone()));
    }
    if let Some(story) = &new_story {
        active.story_id = Set(Some(story.id));
    }
    active.update(&tx).await?;
    barrier_event::ActiveModel {
        barrier_id: Set(id),
        actor_id: Set(user.id.clone()),
        actor_name: Set(user.name.clone()),
        status: Set(moved.then(|| to.as_str().to_owned())),
        owner_id: Set(new_owner.as_ref().map(|o| o.id.clone())),
        owner_name: Set(new_owner.as_ref().map(|o| o.name.clone())),
        story_id: Set(new_story.as_ref().map(|s| s.id)),
        reply_md: Set(reply),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    // The reporter hears when their barrier moves (or is answered).
    if moved || reply_given {
        let notice = Notice::new(NoticeKind::Barrier)
            .barrier(id, &title)
            .arg("status", to.as_str())
            .values(
                view::tags_of(&tx, &[id])
                    .await?
                    .remove(&id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|tag| tag.slug)
                    .collect(),
            );
        notify::emit(&tx, To::person(&reporter), &notice, Some(&user.id)).await?;
    }
    tx.commit().await?;
    notify::wake();
    tracing::info!(barrier = id, by = %user.id, status = to.as_str(), "barrier changed");
    get(db, user, id).await
}
