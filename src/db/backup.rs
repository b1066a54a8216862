//! Backups while serving. SQLite: `VACUUM INTO` writes a consistent copy of
//! the database to a new file in one read transaction, so writers go on
//! (WAL) and the copy is what a committed moment looked like. PostgreSQL has
//! its own tool for this (`pg_dump`); the README says how.
//!
//! The search index is not backed up: it is derived, and after a restore it
//! finds itself ahead of the database and repairs itself (see
//! `search::consistency`).

use std::path::Path;

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} exists already; choose a new file, so that no backup is overwritten")]
    Exists(String),
    #[error("the database is PostgreSQL: back it up with pg_dump (see the README)")]
    Postgres,
    #[error("the backup failed: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("the backup failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Writes a consistent copy of the SQLite database to `to` (a new file);
/// returns its size in bytes.
pub async fn to_file(db: &DatabaseConnection, to: &Path) -> Result<u64, BackupError> {
    if db.get_database_backend() == DatabaseBackend::Postgres {
        return Err(BackupError::Postgres);
    }
    if to.exists() {
        return Err(BackupError::Exists(to.display().to_string()));
    }
    if let Some(parent) = to.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let target = to.to_string_lossy().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{target}'"))
        .await?;
    let size = std::fs::metadata(to)?.len();
    tracing::info!(file = %to.display(), bytes = size, "database backed up");
    Ok(size)
}
