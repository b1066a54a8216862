//! How a barrier looks to its reader: the views pages and the API show,
//! with the reporter's name only for those who may know it, and the history.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::db::entities::{barrier, barrier_event, barrier_value, org_value, story};
use crate::domain::{BarrierStatus, StoryStatus, User, ValueKind, ValueTag};
use crate::error::AppResult;
use crate::markdown;
use crate::services::people::PersonRef;

use super::{sees_reporter, status_of};

/// Who reported a barrier, as the reader may know it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Reporter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The name is for managers (and the reporter) only.
    pub anonymous: bool,
}

/// A story linked to a barrier, showing the improvement.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LinkedStory {
    pub id: i32,
    pub title: String,
    pub url: String,
}

/// One step in a barrier's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BarrierEvent {
    /// `reported` (the first step) or `changed`.
    pub kind: String,
    /// Who did it; left out for an anonymous report, except for managers
    /// and the reporter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<PersonRef>,
    pub at: DateTime<Utc>,
    /// The status it moved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BarrierStatus>,
    /// The manager who took it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<PersonRef>,
    /// A story linked to it (when still published).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<LinkedStory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply_html: Option<String>,
}

/// A barrier as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BarrierView {
    pub id: i32,
    pub title: String,
    pub body: String,
    pub body_html: String,
    pub values: Vec<ValueTag>,
    pub status: BarrierStatus,
    pub reporter: Reporter,
    pub owner: Option<PersonRef>,
    /// A published story that shows the improvement.
    pub story: Option<LinkedStory>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was solved or declined (until reopened).
    pub closed_at: Option<DateTime<Utc>>,
    /// Every change and reply, oldest first (in lists: left out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<BarrierEvent>,
}

impl BarrierView {
    /// Whether `user` reported it.
    pub fn is_by(&self, user: &User) -> bool {
        self.reporter.id.as_deref() == Some(user.id.as_str())
    }

    /// The latest reply, for "you said, we did".
    pub fn last_reply(&self) -> Option<&str> {
        self.history
            .iter()
            .rev()
            .find_map(|e| e.reply_html.as_deref())
    }

    /// Days from report to solution, for a closed barrier.
    pub fn days_open(&self) -> Option<i64> {
        self.closed_at
            .map(|closed| Ord::max((closed - self.created_at).num_days(), 0))
    }
}

/// The values of each barrier, in the reporter's order.
pub(super) async fn tags_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> AppResult<HashMap<i32, Vec<ValueTag>>> {
    let mut tags: HashMap<i32, Vec<ValueTag>> = HashMap::new();
    for (tag, value) in barrier_value::Entity::find()
        .filter(barrier_value::Column::BarrierId.is_in(ids.iter().copied()))
        .order_by_asc(barrier_value::Column::Position)
        .find_also_related(org_value::Entity)
        .all(db)
        .await?
    {
        if let Some(value) = value {
            tags.entry(tag.barrier_id).or_default().push(ValueTag {
                kind: ValueKind::parse(&value.kind).unwrap_or(ValueKind::Brand),
                slug: value.slug,
                name: value.name,
            });
        }
    }
    Ok(tags)
}

pub(super) async fn views_of(
    db: &DatabaseConnection,
    models: Vec<barrier::Model>,
    user: &User,
    with_history: bool,
) -> AppResult<Vec<BarrierView>> {
    let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
    let mut tags = tags_of(db, &ids).await?;
    let mut events: HashMap<i32, Vec<barrier_event::Model>> = HashMap::new();
    if with_history {
        for event in barrier_event::Entity::find()
            .filter(barrier_event::Column::BarrierId.is_in(ids.clone()))
            .order_by_asc(barrier_event::Column::Id)
            .all(db)
            .await?
        {
            events.entry(event.barrier_id).or_default().push(event);
        }
    }
    let mut story_ids: Vec<i32> = models.iter().filter_map(|m| m.story_id).collect();
    story_ids.extend(events.values().flatten().filter_map(|e| e.story_id));
    let stories: HashMap<i32, LinkedStory> = story::Entity::find()
        .filter(story::Column::Id.is_in(story_ids))
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                LinkedStory {
                    id: s.id,
                    url: format!("/stories/{}", s.id),
                    title: s.title,
                },
            )
        })
        .collect();
    Ok(models
        .into_iter()
        .map(|model| {
            let known = sees_reporter(&model, user);
            let history = events
                .remove(&model.id)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let reported = i == 0;
                    BarrierEvent {
                        kind: if reported { "reported" } else { "changed" }.to_owned(),
                        by: (!reported || known).then_some(PersonRef {
                            id: e.actor_id,
                            name: e.actor_name,
                        }),
                        at: e.created_at,
                        status: e.status.as_deref().and_then(BarrierStatus::parse),
                        owner: e
                            .owner_id
                            .zip(e.owner_name)
                            .map(|(id, name)| PersonRef { id, name }),
                        story: e.story_id.and_then(|id| stories.get(&id).cloned()),
                        reply_html: e
                            .reply_md
                            .map(|reply| markdown::render(&reply).into_string()),
                    }
                })
                .collect();
            BarrierView {
                id: model.id,
                body_html: markdown::render(&model.body_md).into_string(),
                values: tags.remove(&model.id).unwrap_or_default(),
                status: status_of(&model),
                reporter: Reporter {
                    id: known.then(|| model.reporter_id.clone()),
                    name: known.then(|| model.reporter_name.clone()),
                    anonymous: model.anonymous,
                },
                owner: model
                    .owner_id
                    .clone()
                    .zip(model.owner_name.clone())
                    .map(|(id, name)| PersonRef { id, name }),
                story: model.story_id.and_then(|id| stories.get(&id).cloned()),
                title: model.title,
                body: model.body_md,
                created_at: model.created_at,
                updated_at: model.updated_at,
                closed_at: model.closed_at,
                history,
            }
        })
        .collect())
}
