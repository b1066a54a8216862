//! A row of `barriers`: what stopped someone from living a value.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barriers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    pub reporter_id: String,
    pub reporter_name: String,
    /// The reporter's name is for managers only.
    pub anonymous: bool,
    pub status: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    /// A story that shows the improvement.
    pub story_id: Option<i32>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// When it was last solved or declined.
    pub closed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
