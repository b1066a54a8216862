//! What the insights are counted from, read in a handful of narrow queries:
//! the active values, the published stories up to the end of the period
//! with their values and "this inspired me" counts, the current
//! commitments, and the barriers with their values.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::ValueRef;
use crate::db::entities::{barrier, barrier_value, org_value, reaction, story, story_value};
use crate::domain::{BarrierStatus, StoryStatus, ValueKind};
use crate::error::AppResult;

pub(super) struct ValueFact {
    pub id: i32,
    pub value: ValueRef,
}

pub(super) struct StoryFact {
    pub id: i32,
    pub title: String,
    pub team: Option<String>,
    /// Empty for an author who left and was anonymised.
    pub author_id: String,
    pub published_at: DateTime<Utc>,
    pub leadership: bool,
    pub value_ids: Vec<i32>,
    pub inspired: u32,
}

pub(super) struct BarrierFact {
    pub status: BarrierStatus,
    pub value_ids: Vec<i32>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// A manager's current commitment to a value.
pub(super) struct CommitmentFact {
    pub value_id: i32,
    pub manager_id: String,
}

#[derive(Default)]
pub(super) struct Facts {
    /// Active values in their configured order.
    pub values: Vec<ValueFact>,
    /// Published before the end of the period, oldest first.
    pub stories: Vec<StoryFact>,
    pub commitments: Vec<CommitmentFact>,
    pub barriers: Vec<BarrierFact>,
}

type StoryRow = (
    i32,
    String,
    Option<String>,
    String,
    Option<DateTime<Utc>>,
    bool,
);

pub(super) async fn load(db: &sea_orm::DatabaseConnection, end: DateTime<Utc>) -> AppResult<Facts> {
    let values = org_value::Entity::find()
        .filter(org_value::Column::Archived.eq(false))
        .order_by_asc(org_value::Column::SortOrder)
        .order_by_asc(org_value::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|model| {
            let kind = ValueKind::parse(&model.kind)?;
            Some(ValueFact {
                id: model.id,
                value: ValueRef {
                    slug: model.slug,
                    name: model.name,
                    kind,
                },
            })
        })
        .collect();

    let rows: Vec<StoryRow> = story::Entity::find()
        .select_only()
        .columns([
            story::Column::Id,
            story::Column::Title,
            story::Column::Team,
            story::Column::AuthorId,
            story::Column::PublishedAt,
            story::Column::Leadership,
        ])
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .filter(story::Column::PublishedAt.lt(end))
        .order_by_asc(story::Column::PublishedAt)
        .order_by_asc(story::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut tags: HashMap<i32, Vec<i32>> = HashMap::new();
    for (story_id, value_id) in story_value::Entity::find()
        .select_only()
        .columns([story_value::Column::StoryId, story_value::Column::ValueId])
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
    {
        tags.entry(story_id).or_default().push(value_id);
    }
    let inspired: HashMap<i32, i64> = reaction::Entity::find()
        .select_only()
        .column(reaction::Column::StoryId)
        .column_as(reaction::Column::UserId.count(), "marks")
        .group_by(reaction::Column::StoryId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let stories = rows
        .into_iter()
        .filter_map(|(id, title, team, author_id, published_at, leadership)| {
            Some(StoryFact {
                id,
                title,
                team: team.filter(|team| !team.trim().is_empty()),
                author_id,
                published_at: published_at?,
                leadership,
                value_ids: tags.remove(&id).unwrap_or_default(),
                inspired: inspired
                    .get(&id)
                    .copied()
                    .unwrap_or(0)
                    .try_into()
                    .unwrap_or(u32::MAX),
            })
        })
        .collect();

    let commitments = crate::services::commitments::committed_values(db)
        .await?
        .into_iter()
        .flat_map(|(value_id, commitments)| {
            commitments
                .into_iter()
                .map(move |commitment| CommitmentFact {
                    value_id,
                    manager_id: commitment.manager.id,
                })
        })
        .collect();

    let mut barrier_tags: HashMap<i32, Vec<i32>> = HashMap::new();
    for (barrier_id, value_id) in barrier_value::Entity::find()
        .select_only()
        .columns([
            barrier_value::Column::BarrierId,
            barrier_value::Column::ValueId,
        ])
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
    {
        barrier_tags.entry(barrier_id).or_default().push(value_id);
    }
    let barriers = barrier::Entity::find()
        .select_only()
        .columns([
            barrier::Column::Id,
            barrier::Column::Status,
            barrier::Column::CreatedAt,
            barrier::Column::ClosedAt,
        ])
        .into_tuple::<(i32, String, DateTime<Utc>, Option<DateTime<Utc>>)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(id, status, created_at, closed_at)| {
            Some(BarrierFact {
                status: BarrierStatus::parse(&status)?,
                value_ids: barrier_tags.remove(&id).unwrap_or_default(),
                created_at,
                closed_at,
            })
        })
        .collect();

    Ok(Facts {
        values,
        stories,
        commitments,
        barriers,
    })
}
