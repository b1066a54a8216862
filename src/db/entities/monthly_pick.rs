//! A row of `monthly_picks`: a value's story of the month (one per value and
//! month).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "monthly_picks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value_id: i32,
    /// `YYYY-MM`.
    pub month: String,
    pub story_id: i32,
    pub picked_by_id: String,
    pub picked_by_name: String,
    pub picked_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::story::Entity",
        from = "Column::StoryId",
        to = "super::story::Column::Id"
    )]
    Story,
}

impl Related<super::story::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Story.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
