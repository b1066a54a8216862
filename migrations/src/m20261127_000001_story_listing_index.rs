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

#[derive(DeriveIden, Clone)]
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

use Stories::*;

const OLD: &str = "idx_stories_status_published";
const NEW: &str = "idx_stories_listing";
const FEATURED: &str = "idx_stories_featured";

/// The index `name` on these columns of `stories`.
fn index(name: &str, columns: &[Stories]) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(Stories::Table);
    for column in columns {
        index.col(column.clone());
    }
    index.to_owned()
}

fn drop(name: &str) -> IndexDropStatement {
    Index::drop().name(name).table(Stories::Table).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let listing = [
            Status,
            PublishedAt,
            Id,
            FeaturedAt,
            Leadership,
            Team,
            Audience,
            Lang,
        ];
        manager.create_index(index(NEW, &listing)).await?;
        let featured = [Status, FeaturedAt, PublishedAt, Id];
        manager.create_index(index(FEATURED, &featured)).await?;
        manager.drop_index(drop(OLD)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let old = [Status, PublishedAt, Id];
        manager.create_index(index(OLD, &old)).await?;
        manager.drop_index(drop(FEATURED)).await?;
        manager.drop_index(drop(NEW)).await
    }
}
