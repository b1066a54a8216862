//! Leading by example: per value, each manager's short commitment — "how I
//! show this value" — written, edited and withdrawn by its manager, every
//! version kept (a version without a body withdraws it).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::{begin_write, entities::commitment};
use crate::domain::{User, barrier_limits, length};
use crate::error::{AppError, AppResult};
use crate::markdown;
use crate::services::people::PersonRef;
use crate::services::values::active_value_id;

/// A manager's current commitment to a value.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Commitment {
    pub manager: PersonRef,
    /// The Markdown as written (for the manager's own form).
    #[serde(skip)]
    pub body: String,
    pub body_html: String,
    pub updated_at: DateTime<Utc>,
}

fn require_person_manager(user: &User) -> AppResult<()> {
    // A commitment is a person's word; programs have none.
    if user.is_manager() && user.via_token.is_none() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Writes or edits the caller's commitment to the value `slug` (an active
/// value; `404` otherwise). Markdown of 10 to 1,000 characters.
pub async fn write(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    slug: &str,
    body: &str,
) -> AppResult<Commitment> {
    require_person_manager(user)?;
    let body = body.trim().replace("\r\n", "\n");
    length(
        "body",
        &body,
        barrier_limits::COMMITMENT_MIN,
        barrier_limits::COMMITMENT_MAX,
    )
    .map_err(|e| AppError::Validation(vec![e]))?;
    let tx = begin_write(db).await?;
    let value_id = active_value_id(&tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let at = now();
    commitment::ActiveModel {
        value_id: Set(value_id),
        manager_id: Set(user.id.clone()),
        manager_name: Set(user.name.clone()),
        body_md: Set(Some(body.clone())),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    tx.commit().await?;
    tracing::info!(value = slug, manager = %user.id, "commitment written");
    Ok(Commitment {
        manager: PersonRef {
            id: user.id.clone(),
            name: user.name.clone(),
        },
        body_html: markdown::render(&body).into_string(),
        body,
        updated_at: at,
    })
}

/// Withdraws the caller's commitment to the value (kept in the history).
/// Withdrawing what is not there is not an error.
pub async fn withdraw(db: &sea_orm::DatabaseConnection, user: &User, slug: &str) -> AppResult<()> {
    require_person_manager(user)?;
    let tx = begin_write(db).await?;
    let value_id = active_value_id(&tx, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = current_of(&tx, value_id).await?;
    if current.iter().any(|c| c.manager.id == user.id) {
        commitment::ActiveModel {
            value_id: Set(value_id),
            manager_id: Set(user.id.clone()),
            manager_name: Set(user.name.clone()),
            body_md: Set(None),
            created_at: Set(now()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
        tracing::info!(value = slug, manager = %user.id, "commitment withdrawn");
    }
    tx.commit().await?;
    Ok(())
}

/// The current commitments to a value, most recently written first.
pub async fn current_of<C: ConnectionTrait>(db: &C, value_id: i32) -> AppResult<Vec<Commitment>> {
    let versions = commitment::Entity::find()
        .filter(commitment::Column::ValueId.eq(value_id))
        .order_by_asc(commitment::Column::Id)
        .all(db)
        .await?;
    Ok(current(versions).remove(&value_id).unwrap_or_default())
}

/// The value ids each manager currently has a commitment to.
pub async fn committed_values<C: ConnectionTrait>(
    db: &C,
) -> AppResult<HashMap<i32, Vec<Commitment>>> {
    let versions = commitment::Entity::find()
        .order_by_asc(commitment::Column::Id)
        .all(db)
        .await?;
    Ok(current(versions))
}

/// The newest version per value and manager, those with a body, newest first.
fn current(versions: Vec<commitment::Model>) -> HashMap<i32, Vec<Commitment>> {
    let mut latest: HashMap<(i32, String), commitment::Model> = HashMap::new();
    for version in versions {
        latest.insert((version.value_id, version.manager_id.clone()), version);
    }
    let mut latest: Vec<commitment::Model> = latest.into_values().collect();
    // Most recently written first (ids grow with time, also within a second).
    latest.sort_by_key(|version| std::cmp::Reverse(version.id));
    let mut by_value: HashMap<i32, Vec<Commitment>> = HashMap::new();
    for version in latest {
        let value_id = version.value_id;
        let Some(body) = version.body_md else {
            continue;
        };
        by_value.entry(value_id).or_default().push(Commitment {
            manager: PersonRef {
                id: version.manager_id,
                name: version.manager_name,
            },
            body_html: markdown::render(&body).into_string(),
            body,
            updated_at: version.created_at,
        });
    }
    by_value
}
