//! A row of `story_people`: a colleague a story names.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "story_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub story_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
