//! A row of `story_values`: a story tagged with a value, in the author's order.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "story_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub story_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_id: i32,
    pub position: i32,
    /// The story's `published_at` while it is published, else empty: the
    /// value's stories in publication order (kept by `change_log::append`).
    pub listed_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::story::Entity",
        from = "Column::StoryId",
        to = "super::story::Column::Id"
    )]
    Story,
    #[sea_orm(
        belongs_to = "super::org_value::Entity",
        from = "Column::ValueId",
        to = "super::org_value::Column::Id"
    )]
    Value,
}

impl Related<super::story::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Story.def()
    }
}

impl Related<super::org_value::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Value.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
