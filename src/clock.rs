//! The clock: timestamps as the database keeps them.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, to whole seconds, so that timestamps sort the same as text (SQLite)
/// and as timestamps (PostgreSQL); ties are broken by id.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}
