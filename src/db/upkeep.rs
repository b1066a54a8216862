//! The database's upkeep while the service runs: on SQLite, the query
//! planner's statistics are refreshed every hour, as SQLite advises for a
//! process that keeps its connections open for long. An installation grows
//! from a few stories to tens of thousands while the service runs for
//! months; statistics taken at its start would have the planner choose as
//! if it were still small. `PRAGMA optimize` looks at the tables and samples
//! only those whose size changed much, so an hour without change costs next
//! to nothing. PostgreSQL's autovacuum does this by itself.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::sync::watch;

/// How often the statistics are looked at.
pub const EVERY: Duration = Duration::from_secs(3600);

/// The running task; it stops when this is dropped.
pub struct Upkeep {
    _stop: watch::Sender<()>,
}

/// Starts the task: the first look after `every`, as the start-up has just
/// refreshed the statistics ([`super::refresh_statistics`]).
pub fn start(db: DatabaseConnection, every: Duration) -> Upkeep {
    let (stop, mut stopped) = watch::channel(());
    tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = stopped.changed() => break,
                _ = tokio::time::sleep(every) => {}
            }
            let started = std::time::Instant::now();
            match super::refresh_statistics(&db).await {
                Ok(()) => tracing::debug!(
                    ms = started.elapsed().as_millis() as u64,
                    "refreshed the query planner's statistics"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "could not refresh the query planner's statistics; trying again in an hour")
                }
            }
        }
    });
    Upkeep { _stop: stop }
}
