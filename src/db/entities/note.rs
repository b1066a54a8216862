//! A row of `notes`: a thank-you note under a published story.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub story_id: i32,
    pub author_id: String,
    pub author_name: String,
    pub body_md: String,
    pub created_at: ChronoDateTimeUtc,
    /// Taken down (by its writer or a manager): kept, never shown.
    pub removed_at: Option<ChronoDateTimeUtc>,
    pub removed_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
