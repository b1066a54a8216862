//! A row of `notifications`: something a person is told in the site.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recipient_id: String,
    /// A [`crate::domain::NoticeKind`].
    pub kind: String,
    pub story_id: Option<i32>,
    pub barrier_id: Option<i32>,
    /// The arguments of its text, as JSON.
    pub data: String,
    pub created_at: ChronoDateTimeUtc,
    pub read_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
