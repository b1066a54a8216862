//! What a query word stands for in the index's vocabulary, remembered for
//! as long as the vocabulary stays the same.
//!
//! A Dutch word's compounds and parts ([`super::compounds`]) and an
//! unfinished word's completions are looked up in the term dictionaries of
//! every segment: at 100,000 stories that was a fifth of a one-word search.
//! They depend only on which segments the searcher holds (a term dictionary
//! never changes once its segment is written, and deletions leave it as it
//! is), so the segments' ids are the key: a commit or a merge makes another
//! set and starts the cache afresh. Common words are asked for over and
//! over, and a search box sends every prefix on its way to a word. A
//! mistyped word's corrections are remembered the same way.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

use tantivy::Searcher;
use tantivy::schema::Field;

/// What a query word stands for besides itself, as the query builder
/// searches it: [`super::compounds::Expansion`] with the compounds resolved
/// to the terms the index holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    /// The compounds that have the word as a part, as the terms of each
    /// field that holds them (only compounds some Dutch story holds).
    pub wholes: Vec<(Field, String)>,
    /// The stem of the word's other number (`paneel` → `panel`).
    pub other_number: Option<String>,
    /// The word's own parts, when it is a compound.
    pub parts: Option<(String, String)>,
}

/// Entries kept per kind before the cache starts afresh: a bound on its
/// memory (a few MB) whatever is typed at it.
const MOST: usize = 4_096;

#[derive(Default)]
pub struct WordCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Which segments the entries were learnt from.
    segments: u64,
    expansions: HashMap<String, Arc<Expanded>>,
    beginnings: HashMap<(Field, String), Arc<Vec<String>>>,
    corrections: HashMap<String, Arc<Vec<String>>>,
}

/// A fingerprint of the segments `searcher` searches.
pub fn segments_of(searcher: &Searcher) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for segment in searcher.segment_readers() {
        segment.segment_id().hash(&mut hasher);
    }
    hasher.finish()
}

impl WordCache {
    /// The expansion of `word` for the segments `segments`, from `learn`
    /// when it is not known yet.
    pub fn expansion(
        &self,
        segments: u64,
        word: &str,
        learn: impl FnOnce() -> Expanded,
    ) -> Arc<Expanded> {
        self.remembered(segments, |inner| &mut inner.expansions, word, learn)
    }

    /// The indexed words of `field` that begin with `prefix`, for the
    /// segments `segments`, from `learn` when not known yet.
    pub fn beginning(
        &self,
        segments: u64,
        field: Field,
        prefix: &str,
        learn: impl FnOnce() -> Vec<String>,
    ) -> Arc<Vec<String>> {
        let key = (field, prefix.to_owned());
        self.remembered(segments, |inner| &mut inner.beginnings, &key, learn)
    }

    /// The indexed words `word` may be a typo of, for the segments
    /// `segments`, from `learn` when not known yet.
    pub fn corrections(
        &self,
        segments: u64,
        word: &str,
        learn: impl FnOnce() -> Vec<String>,
    ) -> Arc<Vec<String>> {
        self.remembered(segments, |inner| &mut inner.corrections, word, learn)
    }

    /// The entry for `key` in the map `kind` picks, learnt when missing.
    fn remembered<K, Q, V>(
        &self,
        segments: u64,
        kind: impl Fn(&mut Inner) -> &mut HashMap<K, Arc<V>>,
        key: &Q,
        learn: impl FnOnce() -> V,
    ) -> Arc<V>
    where
        K: std::borrow::Borrow<Q> + Eq + Hash,
        Q: ToOwned<Owned = K> + Eq + Hash + ?Sized,
    {
        if let Some(known) = self.with(segments, |inner| kind(inner).get(key).cloned()) {
            return known;
        }
        // Learnt outside the lock: another search may learn the same word
        // at the same time, and both answers are the same.
        let learnt = Arc::new(learn());
        self.with(segments, |inner| {
            let map = kind(inner);
            if map.len() >= MOST {
                map.clear();
            }
            map.insert(key.to_owned(), learnt.clone());
        });
        learnt
    }

    /// Runs `f` on the entries for `segments`, forgetting those of other
    /// segments first.
    fn with<T>(&self, segments: u64, f: impl FnOnce(&mut Inner) -> T) -> T {
        let mut inner = self
            .inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if inner.segments != segments {
            inner.segments = segments;
            inner.expansions.clear();
            inner.beginnings.clear();
            inner.corrections.clear();
        }
        f(&mut inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_last_as_long_as_the_segments() {
        let cache = WordCache::default();
        let field = Field::from_field_id(0);
        let mut asked = 0;
        let mut ask = |segments: u64| {
            cache
                .beginning(segments, field, "kla", || {
                    asked += 1;
                    vec![format!("klant{segments}")]
                })
                .as_ref()
                .clone()
        };
        assert_eq!(ask(1), ["klant1"]);
        assert_eq!(ask(1), ["klant1"]);
        assert_eq!(ask(2), ["klant2"], "other segments, learnt again");
        assert_eq!(ask(1), ["klant1"]);
        assert_eq!(asked, 3);

        let wholes = |segments: u64, whole: &str| {
            cache
                .expansion(segments, "service", || Expanded {
                    wholes: vec![(field, whole.to_owned())],
                    ..Expanded::default()
                })
                .wholes[0]
                .1
                .clone()
        };
        assert_eq!(wholes(1, "klantenservice"), "klantenservice");
        assert_eq!(wholes(1, "other"), "klantenservice", "remembered");
        assert_eq!(wholes(3, "servicedesk"), "servicedesk");
    }

    #[test]
    fn the_cache_starts_afresh_when_full() {
        let cache = WordCache::default();
        let field = Field::from_field_id(0);
        for n in 0..MOST + 10 {
            cache.beginning(1, field, &n.to_string(), Vec::new);
        }
        let inner = cache.inner.lock().unwrap();
        assert!(inner.beginnings.len() <= MOST && inner.beginnings.len() >= 10);
    }
}
