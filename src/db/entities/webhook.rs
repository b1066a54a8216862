//! A row of `webhooks`: an outgoing webhook an administrator configured.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "webhooks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub url: String,
    /// `teams`, `slack` or `json`.
    pub format: String,
    /// Notification kinds, comma-separated.
    pub events: String,
    /// Value slugs, comma-separated; empty: every value.
    pub values: String,
    /// Signs the `json` format (HMAC-SHA256).
    pub secret: String,
    pub active: bool,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
