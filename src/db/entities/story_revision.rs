//! A row of `story_revisions`: a story as it was after one change, with who made it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "story_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub story_id: i32,
    pub kind: String,
    pub editor_id: String,
    pub editor_name: String,
    pub created_at: ChronoDateTimeUtc,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    /// The value slugs, comma-separated, in the story's order.
    pub values: String,
    pub audience: String,
    pub team: Option<String>,
    pub lang: String,
    pub anonymous: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
