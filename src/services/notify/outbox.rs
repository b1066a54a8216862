//! The outbox (table `deliveries`): every mail and webhook call to make,
//! written in the transaction of the change that causes it. Delivery tasks
//! on any number of replicas [`claim`] rows for a lease, send them, and
//! [`finish`] each: delivered, retried later with exponential backoff, or
//! given up on after the configured time (kept, visible to administrators,
//! and sent again when one asks).
//!
//! A row is sent at least once. A task that dies between sending and
//! marking leaves the row claimed until its lease runs out; it is then sent
//! again with the same idempotency key (the mail's `Message-ID`, the
//! webhook's `Idempotency-Key`), by which receivers recognise the repeat.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::{begin_write, entities::delivery};
use crate::domain::{NoticeKind, User};
use crate::error::{AppError, AppResult};

pub const EMAIL: &str = "email";
pub const WEBHOOK: &str = "webhook";

/// A fresh idempotency key.
fn new_key() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    hex::encode(bytes)
}

/// Queues a mail about notification `notification_id` to `recipient`.
pub(super) async fn add_mail<C: ConnectionTrait>(
    db: &C,
    recipient: &str,
    notification_id: i32,
    kind: NoticeKind,
    at: DateTime<Utc>,
) -> AppResult<()> {
    add(
        db,
        EMAIL,
        Some(recipient),
        Some(notification_id),
        None,
        kind,
        "{}",
        at,
    )
    .await
}

/// Queues someone's weekly digest mail (`payload`: its content).
pub(super) async fn add_digest<C: ConnectionTrait>(
    db: &C,
    recipient: &str,
    notification_id: Option<i32>,
    payload: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    add(
        db,
        EMAIL,
        Some(recipient),
        notification_id,
        None,
        NoticeKind::Digest,
        payload,
        at,
    )
    .await
}

/// Queues a call of webhook `webhook_id` with this JSON body.
pub(super) async fn add_webhook<C: ConnectionTrait>(
    db: &C,
    webhook_id: i32,
    kind: NoticeKind,
    body: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    add(db, WEBHOOK, None, None, Some(webhook_id), kind, body, at).await
}

#[allow(clippy::too_many_arguments)]
async fn add<C: ConnectionTrait>(
    db: &C,
    channel: &str,
    recipient: Option<&str>,
    notification_id: Option<i32>,
    webhook_id: Option<i32>,
    kind: NoticeKind,
    payload: &str,
    at: DateTime<Utc>,
) -> AppResult<()> {
    delivery::ActiveModel {
        key: Set(new_key()),
        channel: Set(channel.to_owned()),
        recipient_id: Set(recipient.map(str::to_owned)),
        notification_id: Set(notification_id),
        webhook_id: Set(webhook_id),
        kind: Set(kind.as_str().to_owned()),
        payload: Set(payload.to_owned()),
        created_at: Set(at),
        next_attempt_at: Set(at),
        attempts: Set(0),
        claimed_until: Set(None),
        delivered_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Claims up to `limit` rows that are due and not claimed by a live task,
/// for `lease`. On PostgreSQL the candidates are locked with `FOR UPDATE
/// SKIP LOCKED`, so replicas claiming at once take different rows; SQLite
/// has one writer at a time, which does the same.
pub async fn claim(
    db: &DatabaseConnection,
    lease: Duration,
    limit: u64,
) -> AppResult<Vec<delivery::Model>> {
    let at = now();
    let tx = begin_write(db).await?;
    let mut query = delivery::Entity::find()
        .filter(delivery::Column::DeliveredAt.is_null())
        .filter(delivery::Column::FailedAt.is_null())
        .filter(delivery::Column::NextAttemptAt.lte(at))
        .filter(
            delivery::Column::ClaimedUntil
                .is_null()
                .or(delivery::Column::ClaimedUntil.lt(at)),
        )
        .order_by_asc(delivery::Column::Id)
        .limit(limit);
    if db.get_database_backend() == DatabaseBackend::Postgres {
        query = query.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let rows = query.all(&tx).await?;
    if rows.is_empty() {
        tx.commit().await?;
        return Ok(rows);
    }
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    delivery::Entity::update_many()
        .col_expr(delivery::Column::ClaimedUntil, Expr::value(at + lease))
        .col_expr(
            delivery::Column::Attempts,
            Expr::col(delivery::Column::Attempts).add(1),
        )
        .filter(delivery::Column::Id.is_in(ids))
        .exec(&tx)
        .await?;
    tx.commit().await?;
    Ok(rows
        .into_iter()
        .map(|mut row| {
            row.attempts += 1;
            row
        })
        .collect())
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// Failed for now (a server down, a timeout): try again later.
    Retry(String),
    /// Failed for good (the receiver refused it): give up now.
    Refused(String),
    /// Nothing to send any more (the person was forgotten, mail is off).
    Dropped(String),
}

/// How long to wait before attempt `attempts + 1`: `first`, doubled with
/// every attempt, at most an hour.
pub fn backoff(first: Duration, attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    let wait = Ord::max(first.num_seconds(), 1).saturating_mul(1_i64 << doublings);
    Duration::seconds(Ord::min(wait, 3_600))
}

/// Records an attempt on a claimed row.
pub async fn finish(
    db: &DatabaseConnection,
    row: &delivery::Model,
    attempt: Attempt,
    first_retry: Duration,
    give_up: Duration,
) -> AppResult<()> {
    let at = now();
    let update = delivery::Entity::update_many().filter(delivery::Column::Id.eq(row.id));
    let update = match &attempt {
        Attempt::Sent => {
            tracing::info!(delivery = row.id, channel = %row.channel, kind = %row.kind, attempts = row.attempts, "delivered");
            update
                .col_expr(delivery::Column::DeliveredAt, Expr::value(at))
                .col_expr(
                    delivery::Column::ClaimedUntil,
                    Expr::value(None::<DateTime<Utc>>),
                )
                .col_expr(delivery::Column::LastError, Expr::value(None::<String>))
        }
        Attempt::Dropped(why) => {
            tracing::info!(delivery = row.id, channel = %row.channel, kind = %row.kind, reason = %why, "delivery dropped");
            delivery::Entity::delete_many()
                .filter(delivery::Column::Id.eq(row.id))
                .exec(db)
                .await?;
            return Ok(());
        }
        Attempt::Retry(error) if at - row.created_at < give_up => {
            let next = at + backoff(first_retry, row.attempts);
            tracing::warn!(delivery = row.id, channel = %row.channel, kind = %row.kind, attempts = row.attempts, error = %error, next = %next, "delivery failed; will try again");
            update
                .col_expr(delivery::Column::NextAttemptAt, Expr::value(next))
                .col_expr(
                    delivery::Column::ClaimedUntil,
                    Expr::value(None::<DateTime<Utc>>),
                )
                .col_expr(delivery::Column::LastError, Expr::value(error.clone()))
        }
        Attempt::Retry(error) | Attempt::Refused(error) => {
            tracing::error!(delivery = row.id, channel = %row.channel, kind = %row.kind, attempts = row.attempts, error = %error, "delivery given up; an administrator can send it again");
            update
                .col_expr(delivery::Column::FailedAt, Expr::value(at))
                .col_expr(
                    delivery::Column::ClaimedUntil,
                    Expr::value(None::<DateTime<Utc>>),
                )
                .col_expr(delivery::Column::LastError, Expr::value(error.clone()))
        }
    };
    update.exec(db).await?;
    Ok(())
}

/// A message given up on, or still trying, as administrators see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeliveryView {
    pub id: i32,
    pub channel: String,
    pub kind: String,
    /// The person it is for (mail), or the webhook's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub webhook_id: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
    pub failed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

/// Messages that failed at least once and are not delivered: given up on
/// first, then the ones still being tried. Administrators only.
pub async fn troubled(db: &DatabaseConnection, user: &User) -> AppResult<Vec<DeliveryView>> {
    super::require_admin(user)?;
    Ok(delivery::Entity::find()
        .filter(delivery::Column::DeliveredAt.is_null())
        .filter(delivery::Column::LastError.is_not_null())
        .order_by_desc(delivery::Column::FailedAt)
        .order_by_desc(delivery::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(|row| DeliveryView {
            id: row.id,
            channel: row.channel,
            kind: row.kind,
            recipient: row.recipient_id,
            webhook_id: row.webhook_id,
            created_at: row.created_at,
            attempts: row.attempts,
            failed: row.failed_at.is_some(),
            last_error: row.last_error,
        })
        .collect())
}

/// An administrator sends a message given up on again (from now, with a
/// new deadline). `404` for an unknown id; a delivered one stays delivered.
pub async fn retry(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<()> {
    super::require_admin(user)?;
    let Some(row) = delivery::Entity::find_by_id(id).one(db).await? else {
        return Err(AppError::NotFound);
    };
    if row.delivered_at.is_some() {
        return Ok(());
    }
    let at = now();
    let mut active: delivery::ActiveModel = row.into();
    active.failed_at = Set(None);
    active.next_attempt_at = Set(at);
    active.created_at = Set(at);
    active.claimed_until = Set(None);
    active.update(db).await?;
    tracing::info!(delivery = id, by = %user.id, "delivery sent again by an administrator");
    super::wake();
    Ok(())
}

/// How many rows wait to be sent (for tests and health).
pub async fn pending(db: &DatabaseConnection) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(delivery::Entity::find()
        .filter(delivery::Column::DeliveredAt.is_null())
        .filter(delivery::Column::FailedAt.is_null())
        .count(db)
        .await?)
}

/// How many messages wait to be sent, and how many were given up on.
pub async fn counts(db: &DatabaseConnection) -> AppResult<(u64, u64)> {
    use sea_orm::PaginatorTrait;
    let failed = delivery::Entity::find()
        .filter(delivery::Column::DeliveredAt.is_null())
        .filter(delivery::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    Ok((pending(db).await?, failed))
}

pub(super) async fn forget<C: ConnectionTrait>(db: &C, person_id: &str) -> AppResult<u64> {
    Ok(delivery::Entity::delete_many()
        .filter(delivery::Column::RecipientId.eq(person_id))
        .exec(db)
        .await?
        .rows_affected)
}
