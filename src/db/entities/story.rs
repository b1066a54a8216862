//! A row of `stories`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub body_md: String,
    pub audience: String,
    pub team: Option<String>,
    pub lang: String,
    pub author_id: String,
    pub author_name: String,
    pub status: String,
    #[sea_orm(column_type = "Text", nullable)]
    pub reject_reason: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub published_at: Option<ChronoDateTimeUtc>,
    /// Shown as "a colleague from <team>"; managers still see the author.
    pub anonymous: bool,
    /// Featured stories lead their values' pages.
    pub featured_at: Option<ChronoDateTimeUtc>,
    /// The author has left and was anonymised: no name, no id.
    pub author_left: bool,
    /// A manager's story marked as an example of leading by example.
    pub leadership: bool,
    /// The author's own approach, in one line, shown with the title.
    pub approach: Option<String>,
    /// Its id in the tool it was imported from (`merkwaardig import`);
    /// unique; none for stories written here.
    pub external_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
