//! Database schema of Merkwaardig, one append-only migration per change.
//! Never edit a migration that has landed: add a new one.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_create_tables;
mod m20261123_000001_create_api_tokens;
mod m20261123_000002_create_reactions;
mod m20261123_000003_workflows;
mod m20261123_000004_widget_tokens;
mod m20261123_000005_create_installation;
mod m20261123_000006_search_log_marks;
mod m20261124_000001_five_habits;
mod m20261125_000001_notifications;
mod m20261125_000002_story_people;
mod m20261125_000003_notes;
mod m20261126_000001_story_external_id;
mod m20261127_000001_story_listing_index;
mod m20261128_000001_story_leadership_index;
mod m20261129_000001_value_listing;
mod m20261130_000001_whole_second_times;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_create_tables::Migration),
            Box::new(m20261123_000001_create_api_tokens::Migration),
            Box::new(m20261123_000002_create_reactions::Migration),
            Box::new(m20261123_000003_workflows::Migration),
            Box::new(m20261123_000004_widget_tokens::Migration),
            Box::new(m20261123_000005_create_installation::Migration),
            Box::new(m20261123_000006_search_log_marks::Migration),
            Box::new(m20261124_000001_five_habits::Migration),
            Box::new(m20261125_000001_notifications::Migration),
            Box::new(m20261125_000002_story_people::Migration),
            Box::new(m20261125_000003_notes::Migration),
            Box::new(m20261126_000001_story_external_id::Migration),
            Box::new(m20261127_000001_story_listing_index::Migration),
            Box::new(m20261128_000001_story_leadership_index::Migration),
            Box::new(m20261129_000001_value_listing::Migration),
            Box::new(m20261130_000001_whole_second_times::Migration),
        ]
    }
}
