//! Thank-you notes under published stories, and readers' reports about
//! them. A note taken down is kept (with who took it down), hidden.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notes {
    Table,
    Id,
    StoryId,
    AuthorId,
    AuthorName,
    BodyMd,
    CreatedAt,
    RemovedAt,
    RemovedBy,
}

#[derive(DeriveIden)]
enum NoteReports {
    Table,
    NoteId,
    ReporterId,
    Reason,
    CreatedAt,
    ResolvedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notes::Table)
                    .col(pk_auto(Notes::Id))
                    .col(integer(Notes::StoryId))
                    .col(string(Notes::AuthorId))
                    .col(string(Notes::AuthorName))
                    .col(text(Notes::BodyMd))
                    .col(timestamp_with_time_zone(Notes::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notes::RemovedAt))
                    .col(string_null(Notes::RemovedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notes::Table, Notes::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notes_story")
                    .table(Notes::Table)
                    .col(Notes::StoryId)
                    .col(Notes::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NoteReports::Table)
                    .col(integer(NoteReports::NoteId))
                    .col(string(NoteReports::ReporterId))
                    .col(text(NoteReports::Reason))
                    .col(timestamp_with_time_zone(NoteReports::CreatedAt))
                    .col(timestamp_with_time_zone_null(NoteReports::ResolvedAt))
                    .primary_key(
                        Index::create()
                            .col(NoteReports::NoteId)
                            .col(NoteReports::ReporterId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoteReports::Table, NoteReports::NoteId)
                            .to(Notes::Table, Notes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NoteReports::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Notes::Table).to_owned())
            .await
    }
}
