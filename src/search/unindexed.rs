//! Stories this replica changed but has not re-indexed yet. A request that
//! takes a story down, withdraws it or edits it marks it here after its
//! transaction commits; every search and "related" list leaves the marked
//! stories out until the indexer has applied that change and made it
//! searchable. So from the moment such a request returns, this replica's
//! search no longer shows what it hid; other replicas follow the change log.
//!
//! The cost: one mutex and, while anything is marked (about one poll
//! interval after a change), one extra `MustNot` clause per search.
//! A process that serves no searches (the command line, a test with the
//! service stopped) passes a detached `Unindexed::default()`.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;

use tantivy::Term;
use tantivy::query::{Query, TermSetQuery};

#[derive(Debug, Default)]
struct Marks {
    /// Every log id up to here is searchable.
    searchable_through: i64,
    /// Log ids beyond a hole in the log (a transaction that took an id but
    /// has not committed yet) that are searchable already.
    searchable_beyond: BTreeSet<i64>,
    /// Story id → the log id of its latest change.
    stories: HashMap<i32, i64>,
}

#[derive(Debug, Default)]
pub struct Unindexed {
    marks: Mutex<Marks>,
}

impl Unindexed {
    pub fn new(searchable_through: i64) -> Unindexed {
        Unindexed {
            marks: Mutex::new(Marks {
                searchable_through,
                searchable_beyond: BTreeSet::new(),
                stories: HashMap::new(),
            }),
        }
    }

    fn marks(&self) -> std::sync::MutexGuard<'_, Marks> {
        self.marks.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Keeps `story` out of search until log row `log_id` is searchable. The
    /// check and the insert happen under the lock the indexer releases
    /// under, so a mark can never outlive the change it waits for.
    pub fn mark(&self, story: i32, log_id: i64) {
        let mut marks = self.marks();
        if log_id > marks.searchable_through && !marks.searchable_beyond.contains(&log_id) {
            let entry = marks.stories.entry(story).or_insert(log_id);
            *entry = (*entry).max(log_id);
        }
    }

    /// Called by the indexer after the index was reloaded through `cursor`
    /// and with the log ids `beyond` it (past a hole) applied as well: a
    /// change waiting behind a slow transaction's hole is searchable, so it
    /// must not stay hidden until the hole closes.
    pub fn release(&self, cursor: i64, beyond: &BTreeSet<i64>) {
        let mut marks = self.marks();
        marks.searchable_through = marks.searchable_through.max(cursor);
        let through = marks.searchable_through;
        marks.searchable_beyond = beyond.iter().copied().filter(|id| *id > through).collect();
        let Marks {
            stories,
            searchable_beyond,
            ..
        } = &mut *marks;
        stories.retain(|_, log_id| *log_id > through && !searchable_beyond.contains(log_id));
    }

    /// The stories to leave out now. Read it before taking a searcher: a mark
    /// released in between belongs to a change the searcher then already has.
    pub fn ids(&self) -> Vec<i32> {
        let marks = self.marks();
        marks.stories.keys().copied().collect()
    }

    /// A query matching the given stories, to add as `MustNot`; `None` when
    /// there are none.
    pub fn exclusion(ids: &[i32], term: impl Fn(i32) -> Term) -> Option<Box<dyn Query>> {
        (!ids.is_empty())
            .then(|| Box::new(TermSetQuery::new(ids.iter().map(|id| term(*id)))) as Box<dyn Query>)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::Unindexed;

    #[test]
    fn a_mark_lasts_until_its_change_is_searchable() {
        let unindexed = Unindexed::new(10);
        unindexed.mark(7, 12);
        unindexed.release(11, &BTreeSet::new());
        assert_eq!(unindexed.ids(), [7]);
        unindexed.release(12, &BTreeSet::new());
        assert!(unindexed.ids().is_empty());
    }

    #[test]
    fn a_change_already_searchable_is_not_marked() {
        let unindexed = Unindexed::new(10);
        unindexed.mark(7, 9);
        unindexed.mark(8, 10);
        assert!(unindexed.ids().is_empty());
    }

    #[test]
    fn the_latest_change_of_a_story_counts() {
        let unindexed = Unindexed::new(0);
        unindexed.mark(7, 5);
        unindexed.mark(7, 3);
        unindexed.release(4, &BTreeSet::new());
        assert_eq!(
            unindexed.ids(),
            [7],
            "the change at 5 is not searchable yet"
        );
    }

    #[test]
    fn a_change_applied_beyond_a_hole_is_released() {
        let unindexed = Unindexed::new(10);
        unindexed.mark(7, 12);
        unindexed.mark(8, 13);
        // 11 is a transaction still open; 12 is applied beyond it.
        unindexed.release(10, &BTreeSet::from([12]));
        assert_eq!(unindexed.ids(), [8]);
        unindexed.mark(9, 12);
        assert_eq!(
            unindexed.ids(),
            [8],
            "an applied change is not marked again"
        );
    }
}
