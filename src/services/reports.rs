//! Reports: under post-moderation stories go online at once, so staff can
//! flag a published story for a manager to look at. A manager either takes
//! the story offline (reject with a reason; it leaves search) or dismisses
//! the reports.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    sea_query::Expr,
};
use serde::Serialize;

use crate::config::Moderation;
use crate::db::entities::{story, story_report};
use crate::domain::NoticeKind;
use crate::domain::User;
use crate::domain::{ReportReason, StoryStatus};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::services::notify::{self, Notice, To};

use super::stories::{self, StoryView};
use crate::clock::now;

/// A story with the open reports about it, for the moderation page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reported {
    pub story: StoryView,
    pub reports: Vec<ReportView>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportView {
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Flags a published story. Reporting twice replaces the reason.
pub async fn report(
    db: &DatabaseConnection,
    moderation: Moderation,
    user: &User,
    story_id: i32,
    reason: &str,
) -> AppResult<()> {
    if !user.can_write() {
        return Err(AppError::Forbidden);
    }
    if moderation != Moderation::Post {
        return Err(AppError::Conflict(Msg::new("error-report-pre")));
    }
    let story = stories::get(db, Some(user), story_id).await?;
    if story.status != StoryStatus::Published {
        return Err(AppError::Conflict(Msg::new("error-report-unpublished")));
    }
    let reason = ReportReason::parse(reason).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = crate::db::begin_write(db).await?;
    story_report::Entity::insert(story_report::ActiveModel {
        story_id: Set(story_id),
        reporter_id: Set(user.id.clone()),
        reason: Set(reason.as_str().to_owned()),
        created_at: Set(now()),
        resolved_at: Set(None),
    })
    .on_conflict(
        sea_orm::sea_query::OnConflict::columns([
            story_report::Column::StoryId,
            story_report::Column::ReporterId,
        ])
        .update_columns([
            story_report::Column::Reason,
            story_report::Column::CreatedAt,
            story_report::Column::ResolvedAt,
        ])
        .to_owned(),
    )
    .exec(&tx)
    .await?;
    let values = story.values.iter().map(|v| v.slug.to_string()).collect();
    let notice = Notice::new(NoticeKind::Reported)
        .story(story_id, &story.title)
        .arg("reason", reason.as_str())
        .arg("what", "story")
        .values(values);
    notify::emit(&tx, To::Managers, &notice, Some(&user.id)).await?;
    tx.commit().await?;
    notify::wake();
    tracing::info!(story = story_id, by = %user.id, "story reported");
    Ok(())
}

/// Marks every open report about a story as dealt with.
pub(crate) async fn resolve_all<C: ConnectionTrait>(db: &C, story_id: i32) -> AppResult<()> {
    story_report::Entity::update_many()
        .col_expr(story_report::Column::ResolvedAt, Expr::value(now()))
        .filter(story_report::Column::StoryId.eq(story_id))
        .filter(story_report::Column::ResolvedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A manager decides the story can stay online.
pub async fn dismiss(db: &DatabaseConnection, user: &User, story_id: i32) -> AppResult<()> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    resolve_all(db, story_id).await?;
    tracing::info!(story = story_id, by = %user.id, "reports dismissed");
    Ok(())
}

/// Published stories with open reports, most reported first. Reporters stay
/// anonymous, also to managers: a report is about the story.
pub async fn reported_stories(db: &DatabaseConnection, user: &User) -> AppResult<Vec<Reported>> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let rows = story_report::Entity::find()
        .filter(story_report::Column::ResolvedAt.is_null())
        .order_by_asc(story_report::Column::CreatedAt)
        .all(db)
        .await?;
    let mut by_story: HashMap<i32, Vec<ReportView>> = HashMap::new();
    for row in rows {
        by_story.entry(row.story_id).or_default().push(ReportView {
            reason: row.reason,
            at: row.created_at,
        });
    }
    let models = story::Entity::find()
        .filter(story::Column::Id.is_in(by_story.keys().copied()))
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .all(db)
        .await?;
    let views = stories::views_of(db, models, Some(user)).await?;
    let mut reported: Vec<Reported> = views
        .into_iter()
        .map(|story| Reported {
            reports: by_story.remove(&story.id).unwrap_or_default(),
            story,
        })
        .collect();
    reported.sort_by(|a, b| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then(a.story.id.cmp(&b.story.id))
    });
    Ok(reported)
}
