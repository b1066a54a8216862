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

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::Term;
use tantivy::query::{Query, TermSetQuery};

#[derive(Debug, Default)]
struct Marks {
    /// Every log id up to here is searchable.
    searchable_through: i64,
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
        if log_id > marks.searchable_through {
            let entry = marks.stories.entry(story).or_insert(log_id);
            *entry = (*entry).max(log_id);
        }
    }

    /// Called by the indexer after the index was reloaded through `cursor`.
    pub fn release(&self, cursor: i64) {
        let mut marks = self.marks();
        marks.searchable_through = marks.searchable_through.max(cursor);
        let through = marks.searchable_through;
        marks.stories.retain(|_, log_id| *log_id > through);
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
    use super::Unindexed;

    #[test]
    fn a_mark_lasts_until_its_change_is_searchable() {
        let unindexed = Unindexed::new(10);
        unindexed.mark(7, 12);
        unindexed.release(11);
        assert_eq!(unindexed.ids(), [7]);
        unindexed.release(12);
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
        unindexed.release(4);
        assert_eq!(
            unindexed.ids(),
            [7],
            "the change at 5 is not searchable yet"
        );
    }
}
