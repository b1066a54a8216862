//! Lists of stories (a value's page, all stories) filter a value's stories
//! by status, featured or not, leadership example or not, team, audience
//! and language, count them per value, and sort them
//! by date: this index holds all of that, so those queries read the index
//! alone and never the stories' rows, which carry their whole text (at 10k
//! stories, a value's page went from reading thousands of pages of story
//! text per query to reading none). It takes the place of the index on
//! (status, published_at, id), which is its beginning.
//!
//! A second, smaller index puts featured stories apart, so that a value's
//! featured stories are found without passing all the others, and a value
//! page's stories that are not featured are read newest first.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Status,
    PublishedAt,
    Id,
    FeaturedAt,
    Leadership,
    Team,
    Audience,
    Lang,
}

const OLD: &str = "idx_stories_status_published";
const NEW: &str = "idx_stories_listing";
const FEATURED: &str = "idx_stories_featured";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NEW)
                    .table(Stories::Table)
                    .col(Stories::Status)
                    .col(Stories::PublishedAt)
                    .col(Stories::Id)
                    .col(Stories::FeaturedAt)
                    .col(Stories::Leadership)
                    .col(Stories::Team)
                    .col(Stories::Audience)
                    .col(Stories::Lang)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(FEATURED)
                    .table(Stories::Table)
                    .col(Stories::Status)
                    .col(Stories::FeaturedAt)
                    .col(Stories::PublishedAt)
                    .col(Stories::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(OLD).table(Stories::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(OLD)
                    .table(Stories::Table)
                    .col(Stories::Status)
                    .col(Stories::PublishedAt)
                    .col(Stories::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(FEATURED)
                    .table(Stories::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(Index::drop().name(NEW).table(Stories::Table).to_owned())
            .await
    }
}
