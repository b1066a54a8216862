//! A row of `barrier_values`: a barrier tagged with a value.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barrier_values")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub barrier_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value_id: i32,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::org_value::Entity",
        from = "Column::ValueId",
        to = "super::org_value::Column::Id"
    )]
    Value,
}

impl Related<super::org_value::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Value.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
