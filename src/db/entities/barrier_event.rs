//! A row of `barrier_events`: one step in a barrier's history — its report,
//! or a manager's change of status, owner or linked story, with a reply.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "barrier_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub barrier_id: i32,
    pub actor_id: String,
    pub actor_name: String,
    /// The status it moved to, when it moved.
    pub status: Option<String>,
    /// The new owner, when the owner changed.
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    /// A story linked to it, when one was linked.
    pub story_id: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reply_md: Option<String>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
