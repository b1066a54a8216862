//! A row of `people`: someone the sign-on has shown the service, with the
//! role their groups gave them when last seen.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    /// `staff`, `manager` or `admin`.
    pub role: String,
    pub first_seen: ChronoDateTimeUtc,
    pub last_seen: ChronoDateTimeUtc,
    /// The interface language they last used (`nl`, `en`): their mails'.
    pub lang: Option<String>,
    /// Their groups from the sign-on, comma-separated, as last seen.
    pub groups: String,
    /// The secret in their unsubscribe links, made with their first mail.
    pub mail_token: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
