//! Thank-you notes: short replies under a published story by signed-in
//! people. The story's author and the colleagues it names are told. Notes
//! are published at once under either moderation mode; a reader can report
//! one and a manager takes it down (or dismisses the report); its writer
//! can take it down too. A note taken down is kept, never shown.
//!
//! Notes are conversation, not stories: they stay out of the search index,
//! the feeds and the widgets (which show a story to people who cannot
//! answer it), and the story's JSON does not carry them.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::begin_write;
use crate::db::entities::{note, note_report, story};
use crate::domain::{NoteBody, NoticeKind, ReportReason, StoryStatus, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::services::notify::{self, Notice, To};
use crate::services::stories;

/// How many notes one story shows at most (the newest).
pub const LIST_MAX: u64 = 200;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteWriter {
    pub id: String,
    pub name: String,
}

/// A note as a reader sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoteView {
    pub id: i32,
    pub story_id: i32,
    pub writer: NoteWriter,
    /// Markdown as written.
    pub body: String,
    /// Rendered and sanitised.
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    /// The reader may take it down (its writer, a manager).
    pub can_delete: bool,
}

fn view(model: note::Model, viewer: Option<&User>) -> NoteView {
    let can_delete = viewer.is_some_and(|user| {
        user.via_token.is_none() && (user.id == model.author_id || user.is_manager())
    });
    NoteView {
        id: model.id,
        story_id: model.story_id,
        writer: NoteWriter {
            id: model.author_id,
            name: model.author_name,
        },
        body_html: crate::markdown::render(&model.body_md).into_string(),
        body: model.body_md,
        created_at: model.created_at,
        can_delete,
    }
}

/// A published story the viewer may see, or why not (`404` hidden, `409`
/// not published).
async fn published_story(
    db: &DatabaseConnection,
    viewer: Option<&User>,
    story_id: i32,
) -> AppResult<stories::StoryView> {
    let story = stories::get(db, viewer, story_id).await?;
    if story.status != StoryStatus::Published {
        return Err(AppError::Conflict(Msg::new("error-note-unpublished")));
    }
    Ok(story)
}

/// The notes under a published story, oldest first (a conversation).
pub async fn list(
    db: &DatabaseConnection,
    viewer: Option<&User>,
    story_id: i32,
) -> AppResult<Vec<NoteView>> {
    published_story(db, viewer, story_id).await?;
    let mut rows = note::Entity::find()
        .filter(note::Column::StoryId.eq(story_id))
        .filter(note::Column::RemovedAt.is_null())
        .order_by_desc(note::Column::Id)
        .limit(LIST_MAX)
        .all(db)
        .await?;
    rows.reverse();
    Ok(rows.into_iter().map(|row| view(row, viewer)).collect())
}

fn require_person(user: &User) -> AppResult<()> {
    if user.via_token.is_some() {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// `user` thanks the author of a published story. The author and the
/// colleagues the story names are told (not the writer).
pub async fn add(
    db: &DatabaseConnection,
    user: &User,
    story_id: i32,
    body: &str,
) -> AppResult<NoteView> {
    require_person(user)?;
    let story = published_story(db, Some(user), story_id).await?;
    let body = NoteBody::parse(body).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = begin_write(db).await?;
    let row = note::ActiveModel {
        story_id: Set(story_id),
        author_id: Set(user.id.clone()),
        author_name: Set(user.name.clone()),
        body_md: Set(body.as_str().to_owned()),
        created_at: Set(now()),
        removed_at: Set(None),
        removed_by: Set(None),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let model = story::Entity::find_by_id(story_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut told: Vec<String> = story.people.iter().map(|p| p.id.clone()).collect();
    if !model.author_left {
        told.push(model.author_id.clone());
    }
    let notice = Notice::new(NoticeKind::Note)
        .story(story_id, &story.title)
        .arg("name", user.name.as_str());
    notify::emit(&tx, To::People(told), &notice, Some(&user.id)).await?;
    tx.commit().await?;
    notify::wake();
    tracing::info!(story = story_id, note = row.id, by = %user.id, "thank-you note written");
    Ok(view(row, Some(user)))
}

/// Its writer or a manager takes a note down. Twice is once; someone else
/// `403`; an unknown note `404`.
pub async fn remove(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<i32> {
    require_person(user)?;
    let Some(row) = note::Entity::find_by_id(id).one(db).await? else {
        return Err(AppError::NotFound);
    };
    if row.author_id != user.id && !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    if row.removed_at.is_none() {
        let tx = begin_write(db).await?;
        note::Entity::update_many()
            .col_expr(note::Column::RemovedAt, Expr::value(now()))
            .col_expr(note::Column::RemovedBy, Expr::value(user.id.clone()))
            .filter(note::Column::Id.eq(id))
            .exec(&tx)
            .await?;
        resolve_reports(&tx, id).await?;
        tx.commit().await?;
        tracing::info!(note = id, by = %user.id, "thank-you note taken down");
    }
    Ok(row.story_id)
}

async fn resolve_reports<C: sea_orm::ConnectionTrait>(db: &C, note_id: i32) -> AppResult<()> {
    note_report::Entity::update_many()
        .col_expr(note_report::Column::ResolvedAt, Expr::value(now()))
        .filter(note_report::Column::NoteId.eq(note_id))
        .filter(note_report::Column::ResolvedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A reader reports a note to the managers (who are told); reporting twice
/// replaces the reason. Under either moderation mode: notes are never held
/// back, so this is how one is taken down.
pub async fn report(db: &DatabaseConnection, user: &User, id: i32, reason: &str) -> AppResult<i32> {
    require_person(user)?;
    let Some(row) = note::Entity::find_by_id(id)
        .filter(note::Column::RemovedAt.is_null())
        .one(db)
        .await?
    else {
        return Err(AppError::NotFound);
    };
    let story = published_story(db, Some(user), row.story_id).await?;
    let reason = ReportReason::parse(reason).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = begin_write(db).await?;
    note_report::Entity::insert(note_report::ActiveModel {
        note_id: Set(id),
        reporter_id: Set(user.id.clone()),
        reason: Set(reason.as_str().to_owned()),
        created_at: Set(now()),
        resolved_at: Set(None),
    })
    .on_conflict(
        OnConflict::columns([note_report::Column::NoteId, note_report::Column::ReporterId])
            .update_columns([
                note_report::Column::Reason,
                note_report::Column::CreatedAt,
                note_report::Column::ResolvedAt,
            ])
            .to_owned(),
    )
    .exec(&tx)
    .await?;
    let notice = Notice::new(NoticeKind::Reported)
        .story(row.story_id, &story.title)
        .arg("reason", reason.as_str())
        .arg("what", "note");
    notify::emit(&tx, To::Managers, &notice, Some(&user.id)).await?;
    tx.commit().await?;
    notify::wake();
    tracing::info!(note = id, by = %user.id, "thank-you note reported");
    Ok(row.story_id)
}

/// The story a note is under (`404` for an unknown note).
pub async fn story_of(db: &DatabaseConnection, id: i32) -> AppResult<i32> {
    note::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|row| row.story_id)
        .ok_or(AppError::NotFound)
}

/// A manager decides a reported note can stay.
pub async fn dismiss(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<()> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    if note::Entity::find_by_id(id).one(db).await?.is_none() {
        return Err(AppError::NotFound);
    }
    resolve_reports(db, id).await?;
    tracing::info!(note = id, by = %user.id, "note reports dismissed");
    Ok(())
}

/// A reported note with its open reports, for managers.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportedNote {
    pub note: NoteView,
    pub story_title: String,
    pub reasons: Vec<String>,
}

/// Notes with open reports, most reported first. Managers only.
pub async fn reported(db: &DatabaseConnection, user: &User) -> AppResult<Vec<ReportedNote>> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let reports = note_report::Entity::find()
        .filter(note_report::Column::ResolvedAt.is_null())
        .order_by_asc(note_report::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out: Vec<ReportedNote> = Vec::new();
    for report in reports {
        if let Some(existing) = out.iter_mut().find(|r| r.note.id == report.note_id) {
            existing.reasons.push(report.reason);
            continue;
        }
        let Some(row) = note::Entity::find_by_id(report.note_id)
            .filter(note::Column::RemovedAt.is_null())
            .one(db)
            .await?
        else {
            continue;
        };
        let title = story::Entity::find_by_id(row.story_id)
            .one(db)
            .await?
            .map(|s| s.title)
            .unwrap_or_default();
        out.push(ReportedNote {
            note: view(row, Some(user)),
            story_title: title,
            reasons: vec![report.reason],
        });
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.reasons.len()));
    Ok(out)
}

/// A person's notes and note reports go when they are forgotten.
pub(crate) async fn forget<C: sea_orm::ConnectionTrait>(db: &C, person_id: &str) -> AppResult<()> {
    note_report::Entity::delete_many()
        .filter(note_report::Column::ReporterId.eq(person_id))
        .exec(db)
        .await?;
    note::Entity::delete_many()
        .filter(note::Column::AuthorId.eq(person_id))
        .exec(db)
        .await?;
    Ok(())
}
