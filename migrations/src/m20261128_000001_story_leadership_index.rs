//! A value page shows its managers' leadership examples, the newest first:
//! a few stories among all. Found through the listing index, they were
//! either all of the value's stories looked up and sorted (95 ms at 100,000
//! stories) or every story passed; this index holds them apart, newest
//! first, so that the page asks only them whether they are the value's.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Status,
    Leadership,
    PublishedAt,
    Id,
}

const NAME: &str = "idx_stories_leadership";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(Stories::Table)
                    .col(Stories::Status)
                    .col(Stories::Leadership)
                    .col(Stories::PublishedAt)
                    .col(Stories::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(NAME).table(Stories::Table).to_owned())
            .await
    }
}
