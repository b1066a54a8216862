//! Staff and manager workflows: anonymous bylines, featured stories, authors
//! who left, the revision history of each story and reports from staff.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Id,
    Anonymous,
    FeaturedAt,
    AuthorLeft,
}

#[derive(DeriveIden)]
enum StoryRevisions {
    Table,
    Id,
    StoryId,
    Kind,
    EditorId,
    EditorName,
    CreatedAt,
    Title,
    BodyMd,
    Values,
    Audience,
    Team,
    Lang,
    Anonymous,
    Note,
}

#[derive(DeriveIden)]
enum StoryReports {
    Table,
    StoryId,
    ReporterId,
    Reason,
    CreatedAt,
    ResolvedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add several at once.
        for column in [
            boolean(Stories::Anonymous).default(false).to_owned(),
            timestamp_with_time_zone_null(Stories::FeaturedAt).to_owned(),
            boolean(Stories::AuthorLeft).default(false).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Stories::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        // A snapshot of the story after each change, with who made it: the
        // history shows what changed by comparing neighbours.
        manager
            .create_table(
                Table::create()
                    .table(StoryRevisions::Table)
                    .col(pk_auto(StoryRevisions::Id))
                    .col(integer(StoryRevisions::StoryId))
                    .col(string(StoryRevisions::Kind))
                    .col(string(StoryRevisions::EditorId))
                    .col(string(StoryRevisions::EditorName))
                    .col(timestamp_with_time_zone(StoryRevisions::CreatedAt))
                    .col(string(StoryRevisions::Title))
                    .col(text(StoryRevisions::BodyMd))
                    .col(string(StoryRevisions::Values))
                    .col(string(StoryRevisions::Audience))
                    .col(string_null(StoryRevisions::Team))
                    .col(string(StoryRevisions::Lang))
                    .col(boolean(StoryRevisions::Anonymous))
                    .col(text_null(StoryRevisions::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryRevisions::Table, StoryRevisions::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_story_revisions_story")
                    .table(StoryRevisions::Table)
                    .col(StoryRevisions::StoryId)
                    .col(StoryRevisions::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StoryReports::Table)
                    .col(integer(StoryReports::StoryId))
                    .col(string(StoryReports::ReporterId))
                    .col(text(StoryReports::Reason))
                    .col(timestamp_with_time_zone(StoryReports::CreatedAt))
                    .col(timestamp_with_time_zone_null(StoryReports::ResolvedAt))
                    .primary_key(
                        Index::create()
                            .col(StoryReports::StoryId)
                            .col(StoryReports::ReporterId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryReports::Table, StoryReports::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StoryReports::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(StoryRevisions::Table).to_owned())
            .await?;
        for column in [Stories::Anonymous, Stories::FeaturedAt, Stories::AuthorLeft] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Stories::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
