//! A story's id in the tool it was imported from (`merkwaardig import`):
//! unique, so importing the same file again adds nothing; empty for stories
//! written here.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    ExternalId,
}

const INDEX: &str = "idx_stories_external_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Stories::Table)
                    .add_column(string_null(Stories::ExternalId))
                    .to_owned(),
            )
            .await?;
        // Unique where set; any number of stories have none.
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Stories::Table)
                    .col(Stories::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Stories::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Stories::Table)
                    .drop_column(Stories::ExternalId)
                    .to_owned(),
            )
            .await
    }
}
