//! Values, stories, their tags and the `search_changes` log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgValues {
    Table,
    Id,
    Slug,
    Name,
    Kind,
    Summary,
    SortOrder,
    Lang,
    GuidanceMd,
    Archived,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Stories {
    Table,
    Id,
    Title,
    BodyMd,
    Audience,
    Team,
    Lang,
    AuthorId,
    AuthorName,
    Status,
    RejectReason,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum StoryValues {
    Table,
    StoryId,
    ValueId,
    Position,
}

#[derive(DeriveIden)]
enum SearchChanges {
    Table,
    Id,
    StoryId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrgValues::Table)
                    .col(pk_auto(OrgValues::Id))
                    .col(string_uniq(OrgValues::Slug))
                    .col(string(OrgValues::Name))
                    .col(string(OrgValues::Kind))
                    .col(string(OrgValues::Summary))
                    .col(integer(OrgValues::SortOrder))
                    .col(string(OrgValues::Lang))
                    .col(text(OrgValues::GuidanceMd))
                    .col(boolean(OrgValues::Archived).default(false))
                    .col(timestamp_with_time_zone(OrgValues::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Stories::Table)
                    .col(pk_auto(Stories::Id))
                    .col(string(Stories::Title))
                    .col(text(Stories::BodyMd))
                    .col(string(Stories::Audience))
                    .col(string_null(Stories::Team))
                    .col(string(Stories::Lang))
                    .col(string(Stories::AuthorId))
                    .col(string(Stories::AuthorName))
                    .col(string(Stories::Status))
                    .col(text_null(Stories::RejectReason))
                    .col(timestamp_with_time_zone(Stories::CreatedAt))
                    .col(timestamp_with_time_zone(Stories::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Stories::PublishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stories_status_published")
                    .table(Stories::Table)
                    .col(Stories::Status)
                    .col(Stories::PublishedAt)
                    .col(Stories::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stories_author")
                    .table(Stories::Table)
                    .col(Stories::AuthorId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StoryValues::Table)
                    .col(integer(StoryValues::StoryId))
                    .col(integer(StoryValues::ValueId))
                    .col(integer(StoryValues::Position))
                    .primary_key(
                        Index::create()
                            .col(StoryValues::StoryId)
                            .col(StoryValues::ValueId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryValues::Table, StoryValues::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryValues::Table, StoryValues::ValueId)
                            .to(OrgValues::Table, OrgValues::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_story_values_value")
                    .table(StoryValues::Table)
                    .col(StoryValues::ValueId)
                    .to_owned(),
            )
            .await?;

        // The log the search indexer follows: one row per change that may alter
        // what search shows. Written in the same transaction as the change; read,
        // never consumed, by every replica (see DESIGN.md).
        manager
            .create_table(
                Table::create()
                    .table(SearchChanges::Table)
                    .col(big_pk_auto(SearchChanges::Id))
                    .col(integer(SearchChanges::StoryId))
                    .col(timestamp_with_time_zone(SearchChanges::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SearchChanges::Table.into_iden(),
            StoryValues::Table.into_iden(),
            Stories::Table.into_iden(),
            OrgValues::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
