//! Story of the month: per value, a manager picks a published story tagged
//! with it, for the month of the pick (picking again that month replaces
//! it). A value's current story of the month is its latest pick whose story
//! is still published; earlier picks stay visible on the value page.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::Serialize;

use crate::clock::now;
use crate::db::begin_write;
use crate::db::entities::{monthly_pick, org_value, story, story_value};
use crate::domain::NoticeKind;
use crate::domain::{StoryStatus, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::services::notify::{self, Notice, To};
use crate::services::values::active_value_id;

/// A value's story of the month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthlyPick {
    /// The story's id.
    pub story: i32,
    pub title: String,
    /// `YYYY-MM`.
    pub month: String,
    pub url: String,
    pub picked_at: DateTime<Utc>,
}

/// The month a pick made now is for.
pub fn this_month() -> String {
    now().format("%Y-%m").to_string()
}

/// A manager picks `story_id` as the value's story of this month: a
/// published story tagged with that value (`422` on `story` otherwise).
pub async fn pick(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    slug: &str,
    story_id: i32,
) -> AppResult<MonthlyPick> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let tx = begin_write(db).await?;
    let value_id = active_value_id(&tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let published = story::Entity::find_by_id(story_id)
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .one(&tx)
        .await?;
    let tagged = story_value::Entity::find_by_id((story_id, value_id))
        .one(&tx)
        .await?
        .is_some();
    let Some(model) = published.filter(|_| tagged) else {
        return Err(AppError::field(
            "story",
            Msg::new("error-monthly-story").arg("value", slug),
        ));
    };
    let month = this_month();
    let at = now();
    monthly_pick::Entity::insert(monthly_pick::ActiveModel {
        value_id: Set(value_id),
        month: Set(month.clone()),
        story_id: Set(story_id),
        picked_by_id: Set(user.id.clone()),
        picked_by_name: Set(user.name.clone()),
        picked_at: Set(at),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([monthly_pick::Column::ValueId, monthly_pick::Column::Month])
            .update_columns([
                monthly_pick::Column::StoryId,
                monthly_pick::Column::PickedById,
                monthly_pick::Column::PickedByName,
                monthly_pick::Column::PickedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await?;
    let notice = Notice::new(NoticeKind::Monthly)
        .story(story_id, &model.title)
        .values(vec![slug.to_owned()]);
    notify::emit(&tx, To::person(&model.author_id), &notice, Some(&user.id)).await?;
    tx.commit().await?;
    notify::wake();
    tracing::info!(value = slug, story = story_id, by = %user.id, %month, "story of the month picked");
    Ok(MonthlyPick {
        story: story_id,
        title: model.title,
        url: format!("/stories/{story_id}"),
        month,
        picked_at: at,
    })
}

/// Every value's picks whose stories are still published, newest month
/// first, by value id.
async fn picks<C: ConnectionTrait>(
    db: &C,
    value_id: Option<i32>,
) -> AppResult<HashMap<i32, Vec<MonthlyPick>>> {
    let mut query = monthly_pick::Entity::find()
        .find_also_related(story::Entity)
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .order_by_desc(monthly_pick::Column::Month);
    if let Some(value_id) = value_id {
        query = query.filter(monthly_pick::Column::ValueId.eq(value_id));
    }
    let mut by_value: HashMap<i32, Vec<MonthlyPick>> = HashMap::new();
    for (pick, story) in query.all(db).await? {
        let Some(story) = story else { continue };
        by_value
            .entry(pick.value_id)
            .or_default()
            .push(MonthlyPick {
                story: pick.story_id,
                title: story.title,
                url: format!("/stories/{}", pick.story_id),
                month: pick.month,
                picked_at: pick.picked_at,
            });
    }
    Ok(by_value)
}

/// A value's current story of the month and the earlier ones.
pub async fn of_value<C: ConnectionTrait>(
    db: &C,
    value_id: i32,
) -> AppResult<(Option<MonthlyPick>, Vec<MonthlyPick>)> {
    let mut list = picks(db, Some(value_id))
        .await?
        .remove(&value_id)
        .unwrap_or_default();
    if list.is_empty() {
        return Ok((None, Vec::new()));
    }
    let current = list.remove(0);
    Ok((Some(current), list))
}

/// The current story of the month of every active value: (value slug, pick),
/// in the values' order.
pub async fn current<C: ConnectionTrait>(db: &C) -> AppResult<Vec<(String, MonthlyPick)>> {
    let mut by_value = picks(db, None).await?;
    let values = org_value::Entity::find()
        .filter(org_value::Column::Archived.eq(false))
        .order_by_asc(org_value::Column::SortOrder)
        .all(db)
        .await?;
    Ok(values
        .into_iter()
        .filter_map(|value| {
            let first = by_value.get_mut(&value.id)?.drain(..).next()?;
            Some((value.slug, first))
        })
        .collect())
}

/// The ids of the stories that are a value's current story of the month.
pub async fn current_story_ids<C: ConnectionTrait>(db: &C) -> AppResult<Vec<i32>> {
    Ok(current(db)
        .await?
        .into_iter()
        .map(|(_, p)| p.story)
        .collect())
}
