//! Marks about the `search_changes` log; for now one: `pruned_through`, the
//! highest log id ever pruned. A replica whose cursor is below it has missed
//! changes and rebuilds its index from the database.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchLogMarks {
    Table,
    Name,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchLogMarks::Table)
                    .col(string(SearchLogMarks::Name).primary_key())
                    .col(big_integer(SearchLogMarks::Value))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SearchLogMarks::Table).to_owned())
            .await
    }
}
