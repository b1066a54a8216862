//! Where the indexer stands in the change log: a cursor that never passes a
//! hole in the ids younger than a grace period. PostgreSQL hands out sequence
//! values before transactions commit, so id 11 may become visible before id
//! 10; an old hole is a rolled-back transaction.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

/// The cursor and what lies beyond it.
#[derive(Debug, Default, Clone)]
pub struct Progress {
    /// Every log id up to here is applied (or a hole given up on).
    pub cursor: i64,
    /// Log ids beyond a hole that are applied already.
    applied_beyond: BTreeSet<i64>,
    /// Holes in the ids, with when they were first seen.
    holes: HashMap<i64, Instant>,
}

impl Progress {
    pub fn new(cursor: i64) -> Progress {
        Progress {
            cursor,
            ..Default::default()
        }
    }

    /// The log ids beyond a hole that are applied already.
    pub fn applied_beyond(&self) -> &BTreeSet<i64> {
        &self.applied_beyond
    }

    /// The rows of a batch still to apply.
    pub fn pending<'a>(&self, rows: &'a [(i64, i32)]) -> Vec<&'a (i64, i32)> {
        rows.iter()
            .filter(|(id, _)| !self.applied_beyond.contains(id))
            .collect()
    }

    /// Records that `rows` (sorted by id) are applied, and moves the cursor
    /// over every id that is applied or a hole older than `grace`.
    pub fn advance(&mut self, rows: &[(i64, i32)], now: Instant, grace: Duration) {
        self.applied_beyond.extend(rows.iter().map(|(id, _)| *id));
        let mut next = self.cursor + 1;
        loop {
            if self.applied_beyond.remove(&next) {
                self.holes.remove(&next);
                next += 1;
                continue;
            }
            // `next` has not been seen: a hole if anything beyond it was.
            let Some(&beyond) = self.applied_beyond.iter().next() else {
                break;
            };
            debug_assert!(beyond > next);
            let first_seen = *self.holes.entry(next).or_insert(now);
            if now.duration_since(first_seen) >= grace {
                tracing::debug!(id = next, "gave up waiting for log id (rolled back)");
                self.holes.remove(&next);
                next += 1;
            } else {
                break;
            }
        }
        self.cursor = next - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRACE: Duration = Duration::from_secs(10);

    #[test]
    fn the_cursor_moves_over_contiguous_ids() {
        let mut progress = Progress::new(0);
        progress.advance(&[(1, 1), (2, 1), (3, 2)], Instant::now(), GRACE);
        assert_eq!(progress.cursor, 3);
    }

    #[test]
    fn the_cursor_waits_at_a_hole_until_it_is_filled() {
        let mut progress = Progress::new(10);
        let now = Instant::now();
        progress.advance(&[(12, 7)], now, GRACE);
        assert_eq!(progress.cursor, 10, "11 is not visible yet");
        assert!(
            progress.pending(&[(12, 7)]).is_empty(),
            "12 is not applied twice"
        );
        progress.advance(&[(11, 5)], now, GRACE);
        assert_eq!(progress.cursor, 12);
    }

    #[test]
    fn an_old_hole_is_taken_as_a_rolled_back_transaction() {
        let mut progress = Progress::new(10);
        let start = Instant::now();
        progress.advance(&[(12, 7)], start, GRACE);
        progress.advance(&[], start + GRACE, GRACE);
        assert_eq!(progress.cursor, 12);
    }
}
