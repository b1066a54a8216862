//! One row naming this installation: a random id made once, so that feed and
//! entry ids stay the same across restarts, replicas and host names.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Installation {
    Table,
    Id,
    Uuid,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Installation::Table)
                    .col(integer(Installation::Id).primary_key())
                    .col(string(Installation::Uuid))
                    .col(timestamp_with_time_zone(Installation::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Installation::Table).to_owned())
            .await
    }
}
