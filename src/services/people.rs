//! The people the service has seen: everyone the single sign-on headers (or
//! the development sign-in) named, with their name, e-mail and the role their
//! groups gave them when last seen. Managers are chosen from here as a
//! barrier's owner, and a story counts as a manager's by its author's role.
//! Programs (tokens) are not people.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::entities::person;
use crate::domain::{Role, User};
use crate::error::AppResult;

/// How often an unchanged person's "last seen" is written at most.
const REFRESH: Duration = Duration::from_secs(3600);

/// Someone as others may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

/// Remembers who was recorded when, so that a person's requests write to the
/// database only when something about them changed, or once an hour.
#[derive(Default)]
pub struct Seen {
    recorded: Mutex<HashMap<String, Recorded>>,
}

/// What was last written about a person (name, e-mail, role), and when.
type Recorded = (String, Option<String>, Role, Instant);

impl Seen {
    /// Records that `user` made a request (a person, not a program). A
    /// failure is logged and otherwise ignored: being recorded is never a
    /// reason to refuse a request.
    pub async fn record(&self, db: &DatabaseConnection, user: &User) {
        if user.via_token.is_some() || !crate::domain::is_person_id(&user.id) {
            return;
        }
        let fresh = {
            let recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
            recorded
                .get(&user.id)
                .is_some_and(|(name, email, role, at)| {
                    *name == user.name
                        && *email == user.email
                        && *role == user.role
                        && at.elapsed() < REFRESH
                })
        };
        if fresh {
            return;
        }
        match upsert(db, user).await {
            Ok(()) => {
                let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
                recorded.insert(
                    user.id.clone(),
                    (
                        user.name.clone(),
                        user.email.clone(),
                        user.role,
                        Instant::now(),
                    ),
                );
            }
            Err(e) => tracing::warn!(person = %user.id, error = %e, "could not record a person"),
        }
    }
}

async fn upsert(db: &DatabaseConnection, user: &User) -> Result<(), sea_orm::DbErr> {
    let at = now();
    person::Entity::insert(person::ActiveModel {
        id: Set(user.id.clone()),
        name: Set(user.name.clone()),
        email: Set(user.email.clone()),
        role: Set(user.role.as_str().to_owned()),
        first_seen: Set(at),
        last_seen: Set(at),
    })
    .on_conflict(
        OnConflict::column(person::Column::Id)
            .update_columns([
                person::Column::Name,
                person::Column::Email,
                person::Column::Role,
                person::Column::LastSeen,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

fn role_of(model: &person::Model) -> Role {
    match model.role.as_str() {
        "admin" => Role::Admin,
        "manager" => Role::Manager,
        _ => Role::Staff,
    }
}

/// A known person, if the service has seen them.
pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> AppResult<Option<(PersonRef, Role)>> {
    Ok(person::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .map(|model| {
            let role = role_of(&model);
            (
                PersonRef {
                    id: model.id,
                    name: model.name,
                },
                role,
            )
        }))
}

/// Whether the service last saw `id` as a manager (or admin).
pub async fn is_manager<C: ConnectionTrait>(db: &C, id: &str) -> AppResult<bool> {
    Ok(find(db, id)
        .await?
        .is_some_and(|(_, role)| role >= Role::Manager))
}

/// Every known manager and admin, by name: who may own a barrier.
pub async fn managers<C: ConnectionTrait>(db: &C) -> AppResult<Vec<PersonRef>> {
    Ok(person::Entity::find()
        .filter(person::Column::Role.is_in([Role::Manager.as_str(), Role::Admin.as_str()]))
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|model| PersonRef {
            id: model.id,
            name: model.name,
        })
        .collect())
}
