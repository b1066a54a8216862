//! Corrections for a mistyped word, for the typo-tolerant retry: when a
//! query finds nothing and one of its words is in no story, that word is put
//! in place by the indexed words one edit away, the most frequent first
//! ([`CORRECTIONS`]), found with a Levenshtein automaton over the `words`
//! field's dictionary, remembered per set of segments, and searched as if
//! typed. A fuzzy query per field walked the automaton over four stemmed
//! dictionaries for every search, scored every word one edit away alike, and
//! marked none of them in the snippets; at 100,000 stories it took 3.3 times
//! the exact query it stood in for.

use std::collections::{HashMap, HashSet};

use tantivy::Term;
use tantivy::query::FuzzyTermQuery;

use super::query::Correction;
use super::schema;
use super::syntax::{Atom, Parsed};
use super::text_query::{Builder, FUZZY_MIN_CHARS};

/// At most this many corrections stand in for a mistyped word, each at least
/// [`CORRECTION_SHARE`] as frequent as the most frequent: the words meant
/// are common, a rare one an edit away is more often a typo in a story.
const CORRECTIONS: usize = 3;
const CORRECTION_SHARE: u64 = 10;

/// `atoms` with each word that has corrections in place by them.
pub(super) fn corrected(atoms: &[Atom], corrections: &[Correction]) -> Vec<Atom> {
    let mut corrected = Vec::with_capacity(atoms.len());
    for atom in atoms {
        match atom {
            Atom::Word(word) => match corrections.iter().find(|c| c.typed == *word) {
                Some(correction) => {
                    corrected.extend(correction.instead.iter().cloned().map(Atom::Word));
                }
                None => corrected.push(atom.clone()),
            },
            Atom::Phrase(_) => corrected.push(atom.clone()),
        }
    }
    corrected
}

impl Builder<'_> {
    /// The words `parsed` requires that are in no story and long enough to
    /// be a typo, each with its corrections (a word with none is left out):
    /// what the retry puts in their place, and what the reader is told. Known
    /// words that simply never meet are an answer, not a typo: no retry.
    pub(super) fn corrections_of(&self, parsed: &Parsed) -> Vec<Correction> {
        parsed
            .parts
            .iter()
            .filter(|part| !part.excluded)
            .flat_map(|part| &part.alternatives)
            .filter_map(|atom| match atom {
                Atom::Word(word) if self.mistyped(word) => Some(Correction {
                    typed: word.clone(),
                    instead: self.corrections(word).as_ref().clone(),
                }),
                _ => None,
            })
            .filter(|correction| !correction.instead.is_empty())
            .collect()
    }

    /// Whether `word` is in no story and long enough to be a typo.
    fn mistyped(&self, word: &str) -> bool {
        word.chars().count() >= FUZZY_MIN_CHARS && !self.is_known(word)
    }

    fn corrections(&self, word: &str) -> std::sync::Arc<Vec<String>> {
        self.words
            .corrections(self.segments, word, || self.look_up_corrections(word))
    }

    /// The [`CORRECTIONS`] most frequent indexed words one edit (a letter
    /// added, left out, changed, or two swapped) from `word`, as written.
    fn look_up_corrections(&self, word: &str) -> Vec<String> {
        let folded = schema::analyze(self.index, schema::FOLD, word);
        let [folded] = folded.as_slice() else {
            return Vec::new();
        };
        let marked = format!("{}{folded}", schema::FORWARDS);
        let Ok(automaton) =
            FuzzyTermQuery::new(Term::from_field_text(self.fields.words, &marked), 1, true)
                .automaton()
        else {
            return Vec::new();
        };
        let mut frequency: HashMap<String, u64> = HashMap::new();
        for segment in self.statistics.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                // Backwards words are in the same field: only forwards ones.
                if let Some(found) = std::str::from_utf8(stream.key())
                    .ok()
                    .and_then(|key| key.strip_prefix(schema::FORWARDS))
                {
                    *frequency.entry(found.to_owned()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
        let mut words: Vec<(String, u64)> = frequency.into_iter().collect();
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let most = words.first().map_or(0, |(_, n)| *n);
        // Forms of one word (`initiate`, `initiated`; `rekenen`, `rekent`)
        // share a stem in their language: the most frequent stands for them.
        let mut stems = HashSet::new();
        words
            .into_iter()
            .take_while(|(_, n)| n * CORRECTION_SHARE >= most)
            .filter(|(word, _)| {
                let nl = schema::analyze(self.index, schema::NL, word);
                let en = schema::analyze(self.index, schema::EN, word);
                let new = !stems.contains(&(schema::NL, nl.clone()))
                    && !stems.contains(&(schema::EN, en.clone()));
                stems.insert((schema::NL, nl));
                stems.insert((schema::EN, en));
                new
            })
            .take(CORRECTIONS)
            .map(|(word, _)| word)
            .collect()
    }
}
