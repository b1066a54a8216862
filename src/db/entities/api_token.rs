//! A row of `api_tokens`: a program's token, kept only as its SHA-256 hash.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub scope: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: ChronoDateTimeUtc,
    pub revoked_at: Option<ChronoDateTimeUtc>,
    /// Space-separated exact origins the token may be used from; none: any.
    #[sea_orm(column_type = "Text", nullable)]
    pub origins: Option<String>,
    /// Comma-separated value slugs the token is fixed to; none: all values.
    #[sea_orm(column_type = "Text", nullable)]
    pub values: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
