//! The database connection: opening SQLite or PostgreSQL with the settings
//! that make concurrent use safe, running migrations, and starting write
//! transactions that take the write lock up front.

pub mod backup;
pub mod change_log;
pub mod entities;
pub mod rounds;
pub mod story_tags;
pub mod upkeep;

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    TransactionOptions, TransactionTrait,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};

use crate::config::Settings;

/// A statement that takes longer is logged as a warning, with its SQL: no
/// page's statements come near it. Only counting all published stories per
/// value ([`crate::services::story_facts`], remembered between requests) and
/// the index's check at start-up may, from about a million stories on.
pub const SLOW_STATEMENT: Duration = Duration::from_secs(1);

/// Opens the database named by the settings and brings its schema up to date.
///
/// SQLite runs in WAL mode with `synchronous=NORMAL`: a committed transaction
/// survives a crash of the process (the WAL is on disk), though the last
/// transactions before a power loss may be rolled back. Operators who need
/// power-loss durability use PostgreSQL.
pub async fn connect(settings: &Settings) -> Result<DatabaseConnection, DbErr> {
    let url = settings.effective_database_url();
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(settings.database_pool_size.max(1))
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        // Statements are not logged, except those slower than
        // SLOW_STATEMENT: a warning with the statement (target `sqlx::query`).
        .sqlx_logging(true)
        .sqlx_logging_level(log::LevelFilter::Trace)
        .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, SLOW_STATEMENT)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                .create_if_missing(true)
        })
        // A write that fails with a full disk makes SQLite roll the whole
        // transaction back by itself; sqlx's own ROLLBACK then fails and it
        // goes on counting the connection as inside a transaction — its
        // next "transaction" would be a savepoint that never commits and
        // holds the write lock for good. Such a connection is closed on
        // its way back to the pool (tests/api/disk_full.rs).
        .map_sqlx_sqlite_pool_opts(|pool| {
            pool.after_release(|conn, _| {
                Box::pin(async move {
                    use sea_orm::sqlx::Connection;
                    if conn.is_in_transaction() {
                        tracing::warn!(
                            "closing a database connection left inside a failed transaction"
                        );
                        return Ok(false);
                    }
                    Ok(true)
                })
            })
        });
    let db = Database::connect(options).await?;
    migrate(&db).await?;
    refresh_statistics(&db).await?;
    Ok(db)
}

/// On SQLite, lets the query planner know how the tables have grown
/// (`ANALYZE`, on a sample of each index, where the sizes changed much
/// since it last looked), as SQLite advises for a process that opens its
/// database for a long time. Without it the planner guesses, and at 100,000
/// stories it chose to walk every published story to find the 5,000 that
/// have "this inspired me" marks (52 ms; 17 ms with the statistics).
/// PostgreSQL keeps its statistics by itself. Run at every start, after an
/// import, and hourly while the service runs ([`upkeep`]).
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return Ok(());
    }
    db.execute_unprepared("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")
        .await?;
    Ok(())
}

/// An arbitrary constant: the advisory lock replicas take to migrate and to
/// set up their data at start-up.
const STARTUP_LOCK: i64 = 0x6d65_726b_7761;

/// A replica's turn at the start-up work that must not run twice at once
/// (mirroring the values, the demo stories, the installation's id): on
/// PostgreSQL a transaction holding the start-up lock until it is committed,
/// so replicas starting together take turns; `None` on SQLite.
pub async fn take_turn(db: &DatabaseConnection) -> Result<Option<DatabaseTransaction>, DbErr> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(None);
    }
    let turn = db.begin().await?;
    turn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})"))
        .await?;
    Ok(Some(turn))
}

/// Brings the schema up to date. On PostgreSQL several replicas may start at
/// once (a rolling deployment): each migrates in one transaction holding an
/// advisory lock, so they take turns and the later ones find the work done
/// instead of failing on a table the first has just made. SQLite has one
/// process per database file.
async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    if db.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Migrator::up(db, None).await;
    }
    let tx = db.begin().await?;
    tx.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({STARTUP_LOCK})"))
        .await?;
    Migrator::up(&tx, None).await?;
    tx.commit().await
}

/// Begins a transaction that will write. On SQLite it is `BEGIN IMMEDIATE`:
/// a deferred transaction that reads and then writes fails with
/// `SQLITE_BUSY_SNAPSHOT` under concurrency, which no busy timeout cures.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
