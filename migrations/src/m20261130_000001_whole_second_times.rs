//! Story times to whole seconds.
//!
//! Every time the service writes is whole seconds (`clock::now`), and lists
//! page by a story's time and id, the cursor naming the last one's time in
//! seconds. `merkwaardig import` kept a line's fractions of a second
//! (`09:30:00.900Z`) until it too stored whole seconds; a page that ended on
//! such a story skipped the stories published later within the same
//! second. This rounds the times such an import left down to their second:
//! the stories' own, and each value's copy of the publication time
//! (`story_values.listed_at`). Rows without fractions are left alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [(&str, &str); 4] = [
    ("stories", "created_at"),
    ("stories", "updated_at"),
    ("stories", "published_at"),
    ("story_values", "listed_at"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let connection = manager.get_connection();
        for (table, column) in COLUMNS {
            let sql = match manager.get_database_backend() {
                DatabaseBackend::Postgres => format!(
                    "UPDATE {table} SET {column} = date_trunc('second', {column}) \
                     WHERE {column} <> date_trunc('second', {column})"
                ),
                // SQLite keeps them as RFC 3339 text in UTC, a fraction only
                // where there is one.
                _ => format!(
                    "UPDATE {table} SET {column} = strftime('%Y-%m-%dT%H:%M:%S+00:00', {column}) \
                     WHERE {column} LIKE '%.%'"
                ),
            };
            connection.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    /// The fractions are gone; nothing to undo.
    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
