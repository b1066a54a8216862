//! A row of `deliveries`, the outbox: one message to send by mail or to a
//! webhook, written in the transaction of the change that caused it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The idempotency key: the mail's `Message-ID`, the webhook's
    /// `Idempotency-Key`.
    #[sea_orm(unique)]
    pub key: String,
    /// `email` or `webhook`.
    pub channel: String,
    pub recipient_id: Option<String>,
    pub notification_id: Option<i32>,
    pub webhook_id: Option<i32>,
    pub kind: String,
    /// What to send: for a webhook its JSON body; for a mail what the
    /// notification does not hold.
    pub payload: String,
    pub created_at: ChronoDateTimeUtc,
    pub next_attempt_at: ChronoDateTimeUtc,
    pub attempts: i32,
    /// A delivery task is sending it until then.
    pub claimed_until: Option<ChronoDateTimeUtc>,
    pub delivered_at: Option<ChronoDateTimeUtc>,
    /// Given up on.
    pub failed_at: Option<ChronoDateTimeUtc>,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
