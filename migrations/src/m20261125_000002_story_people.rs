//! The colleagues a story names: who took part, in the order the author
//! named them. Their names come from `people`, so a new name shows
//! everywhere and a forgotten person disappears from every story.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum StoryPeople {
    Table,
    StoryId,
    PersonId,
    Position,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StoryPeople::Table)
                    .col(integer(StoryPeople::StoryId))
                    .col(string(StoryPeople::PersonId))
                    .col(integer(StoryPeople::Position))
                    .primary_key(
                        Index::create()
                            .col(StoryPeople::StoryId)
                            .col(StoryPeople::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StoryPeople::Table, StoryPeople::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_story_people_person")
                    .table(StoryPeople::Table)
                    .col(StoryPeople::PersonId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StoryPeople::Table).to_owned())
            .await
    }
}
