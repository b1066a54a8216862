//! Story times to whole seconds.
//!
//! Every time the service writes is whole seconds (`clock::now`), and lists
//! page by a story's time and id, the cursor naming the last one's time in
//! seconds. `merkwaardig import` kept a line's fractions of a second
//! (`09:30:00.900Z`) until it too stored whole seconds; a page that ended on
//! such a story skipped the stories published later within the same
//! second. This rounds the times such an import left down to their second:
//! the stories' own, each value's copy of the publication time
//! (`story_values.listed_at`) and the first revision's. Rows without
//! fractions are left alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each table's times; a table is read once.
const TABLES: [(&str, &[&str]); 3] = [
    (
        "stories",
        &["created_at", "updated_at", "published_at", "featured_at"],
    ),
    ("story_values", &["listed_at"]),
    ("story_revisions", &["created_at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
        // SQLite keeps them as RFC 3339 text in UTC, with a fraction only
        // where there is one.
        let whole = |column: &str| {
            if postgres {
                format!("date_trunc('second', {column})")
            } else {
                format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', {column})")
            }
        };
        let fraction = |column: &str| {
            if postgres {
                format!("{column} <> date_trunc('second', {column})")
            } else {
                format!("{column} LIKE '%.%'")
            }
        };
        for (table, columns) in TABLES {
            let set: Vec<String> = columns
                .iter()
                .map(|c| format!("{c} = {}", whole(c)))
                .collect();
            let any: Vec<String> = columns.iter().map(|c| fraction(c)).collect();
            let sql = format!(
                "UPDATE {table} SET {} WHERE {}",
                set.join(", "),
                any.join(" OR ")
            );
            manager.get_connection().execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    /// The fractions are gone; nothing to undo.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
