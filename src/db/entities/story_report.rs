//! A row of `story_reports`: a reader's report about a published story.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "story_reports")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub story_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub reporter_id: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: ChronoDateTimeUtc,
    pub resolved_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
