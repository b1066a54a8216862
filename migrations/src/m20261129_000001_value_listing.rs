//! A value's stories, newest first, read from the value's own list.
//!
//! A value page, feed or widget wants a value's newest published stories.
//! With only `story_values (value_id)`, the database either lists all of the
//! value's stories and sorts them by date (a value with 300,000 stories at a
//! million), or walks all stories newest first asking each whether it has
//! the value; that walk is quick only while the value's stories are spread
//! evenly over time. A value much used a year ago and little since was
//! walked past hundreds of thousands of newer stories.
//!
//! `story_values.listed_at` is the story's `published_at` while it is
//! published, and empty otherwise; it is kept in step, in the transaction
//! of every change to a story, by `change_log::append`. Indexed after the
//! value, it gives each value its stories in publication order, so a page
//! reads its twenty and stops, however the stories are spread. The old
//! index on `value_id` alone is the new one's beginning, and goes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::timestamp_with_time_zone_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StoryValues {
    Table,
    ValueId,
    ListedAt,
    StoryId,
}

const NAME: &str = "idx_story_values_listed";
const OLD: &str = "idx_story_values_value";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StoryValues::Table)
                    .add_column(timestamp_with_time_zone_null(StoryValues::ListedAt))
                    .to_owned(),
            )
            .await?;
        // Plain SQL that both databases read the same way.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE story_values SET listed_at = (SELECT stories.published_at \
                 FROM stories WHERE stories.id = story_values.story_id \
                 AND stories.status = 'published')",
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(StoryValues::Table)
                    .col(StoryValues::ValueId)
                    .col(StoryValues::ListedAt)
                    .col(StoryValues::StoryId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(StoryValues::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(StoryValues::Table)
                    .col(StoryValues::ValueId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(StoryValues::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StoryValues::Table)
                    .drop_column(StoryValues::ListedAt)
                    .to_owned(),
            )
            .await
    }
}
