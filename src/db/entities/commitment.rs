//! A row of `commitments`: one version of a manager's "how I show this
//! value". The newest version per value and manager is the current one; a
//! version without a body withdraws it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "commitments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub value_id: i32,
    pub manager_id: String,
    pub manager_name: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub body_md: Option<String>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
