//! Turning a parsed query ([`super::syntax`]) into tantivy queries over the
//! Dutch and English fields: the exact query, the typo-tolerant retry (the
//! same tree, so exclusions still exclude, `OR` stays OR, phrases stay exact
//! phrases) and the prefix of a word still being typed. The retry puts each
//! unknown word in place by its corrections ([`super::corrections`]).

use std::collections::{HashMap, HashSet};

use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

use super::beginnings;
use super::common_pairs;
use super::compounds::{self, Vocabulary};
use super::query::Correction;
use super::schema::{self, Fields};
use super::statistics::Statistics;
use super::synonyms::Synonyms;
use super::syntax::{Atom, Parsed};
use super::word_cache::{Expanded, WordCache};

/// Title matches weigh double.
const TITLE_BOOST: f32 = 2.0;
/// A compound found by its part (`klantenservice` for `service`), or a
/// compound's parts written apart, weigh half: a whole-word match ranks
/// above a part match.
const COMPOUND_BOOST: f32 = 0.5;
/// How many words may stand between a compound's parts written apart.
const PARTS_SLOP: u32 = 3;
/// A word this long or longer may be one edit off in the retry; a shorter
/// one would change too much.
pub(super) const FUZZY_MIN_CHARS: usize = 5;
/// How many words of the stories an unfinished word may stand for (the most
/// frequent of those looked at): what keeps a short prefix fast and its
/// query small on a big index.
pub const PREFIX_EXPANSIONS: usize = 50;
/// How many words beginning with the prefix are looked at, per segment, to
/// choose them.
const PREFIX_SCAN: usize = 1_000;

/// Exact, or with mistyped words in place by their corrections.
#[derive(Debug, Clone, Copy)]
pub enum Mode<'c> {
    Exact,
    Corrected(&'c [Correction]),
}

pub struct Builder<'a> {
    pub fields: &'a Fields,
    pub index: &'a Index,
    /// This search's searcher and statistics (whether a term is in any
    /// story).
    pub statistics: &'a Statistics<'a>,
    pub synonyms: &'a Synonyms,
    /// Expansions and completions already looked up for these segments.
    pub words: &'a WordCache,
    /// [`super::word_cache::segments_of`] the searcher.
    pub segments: u64,
}

impl Builder<'_> {
    /// The whole query; everything when nothing is asked for (or only
    /// exclusions: "everything but").
    pub fn query(&self, parsed: &Parsed, mode: Mode) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last = parsed.parts.len().saturating_sub(1);
        for (n, part) in parsed.parts.iter().enumerate() {
            // Exclusions are exact: a typo retry never widens what is left out.
            let corrected;
            let atoms = match mode {
                Mode::Corrected(corrections) if !part.excluded => {
                    corrected = super::corrections::corrected(&part.alternatives, corrections);
                    &corrected
                }
                _ => &part.alternatives,
            };
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = atoms
                .iter()
                .flat_map(|atom| self.with_synonyms(atom))
                .filter_map(|atom| self.atom(atom, part.excluded))
                .map(|q| (Occur::Should, q))
                .collect();
            if n == last
                && let Some(prefix) = &parsed.prefix
            {
                alternatives.extend(self.prefix(prefix).map(|q| (Occur::Should, q)));
            }
            if alternatives.is_empty() {
                // Nothing to search for in this part (only punctuation):
                // a required part that cannot match matches nothing.
                if !part.excluded {
                    return Box::new(BooleanQuery::new(Vec::new()));
                }
                continue;
            }
            let occur = if part.excluded {
                Occur::MustNot
            } else {
                Occur::Must
            };
            clauses.push((occur, Box::new(BooleanQuery::new(alternatives))));
        }
        if !clauses.iter().any(|(occur, _)| *occur == Occur::Must) {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The atom, or every member of its glossary group (itself among them).
    fn with_synonyms<'b>(&'b self, atom: &'b Atom) -> Vec<&'b Atom> {
        match self.synonyms.of(self.index, atom) {
            Some(group) => group.iter().chain(std::iter::once(atom)).collect(),
            None => vec![atom],
        }
    }

    /// A word or phrase in any of the four text fields, each analysed as
    /// that field is, and for a Dutch word also the compounds it is part of
    /// and its own parts ([`compounds`]; an excluded word leaves out its
    /// compounds but not stories that merely have its parts). `None` when
    /// it has nothing to search for.
    fn atom(&self, atom: &Atom, excluded: bool) -> Option<Box<dyn Query>> {
        let (text, phrase) = match atom {
            Atom::Word(word) => (word.as_str(), false),
            Atom::Phrase(phrase) => (phrase.as_str(), true),
        };
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        // Whether the text is words at all (not only punctuation).
        let mut words = false;
        for (field, analyzer) in self.fields.text_fields() {
            // A word the analyser splits (`e-mail`) is a phrase too; two
            // common words in a row are searched as their pair.
            let mut terms = common_pairs::phrase_terms(self.index, analyzer, field, text);
            words |= !terms.is_empty();
            // A term no story holds in this field (a Dutch word's English
            // stem, mostly) matches nothing here: no clause for it.
            if terms.is_empty() || terms.iter().any(|(_, term)| self.statistics.lacks(term)) {
                continue;
            }
            let query: Box<dyn Query> = match terms.len() {
                1 => Box::new(TermQuery::new(
                    terms.remove(0).1,
                    IndexRecordOption::WithFreqs,
                )),
                _ => Box::new(PhraseQuery::new_with_offset(terms)),
            };
            fields.push((Occur::Should, self.weighed(field, query, 1.0)));
        }
        if !phrase && words {
            let expansion = self
                .words
                .expansion(self.segments, text, || self.expanded(text));
            if let Some(other) = &expansion.other_number {
                for field in [self.fields.title_nl, self.fields.body_nl] {
                    if !self.holds(field, other) {
                        continue;
                    }
                    let query = self.weighed(field, term_query(field, other), 1.0);
                    fields.push((Occur::Should, query));
                }
            }
            for (field, form) in &expansion.wholes {
                let query = term_query(*field, form);
                fields.push((Occur::Should, self.weighed(*field, query, COMPOUND_BOOST)));
            }
            if let Some((first, last)) = expansion.parts.as_ref().filter(|_| !excluded) {
                // The parts written apart, near each other in either order:
                // "service voor klanten". Anywhere in the text would let
                // `overleg` find every story with `over` and `leg`.
                for field in [self.fields.title_nl, self.fields.body_nl] {
                    for (a, b) in [(&first, &last), (&last, &first)] {
                        let mut near = PhraseQuery::new(vec![
                            Term::from_field_text(field, a),
                            Term::from_field_text(field, b),
                        ]);
                        near.set_slop(PARTS_SLOP);
                        let query = self.weighed(field, Box::new(near), COMPOUND_BOOST);
                        fields.push((Occur::Should, query));
                    }
                }
            }
        }
        (!fields.is_empty()).then(|| Box::new(BooleanQuery::new(fields)) as Box<dyn Query>)
    }

    /// A word's compounds and parts ([`compounds`]), the compounds as the
    /// terms of the fields that some story holds. A compound counts only
    /// when a Dutch story holds it: compounds are Dutch, and English words
    /// may meet at a Dutch hyphenation break by chance (`dri-vers` for
    /// `verse`). One that does is searched in the English stories too, which
    /// name the Klantenservice as well. A term no story holds would cost
    /// every segment a lookup for nothing.
    fn expanded(&self, word: &str) -> Expanded {
        let expansion = compounds::get().expand(word, self);
        let dutch = [self.fields.title_nl, self.fields.body_nl];
        let mut wholes: Vec<(Field, String)> = Vec::new();
        for whole in &expansion.wholes {
            let mut terms: Vec<(Field, String)> = Vec::new();
            for (field, analyzer) in self.fields.text_fields() {
                for form in schema::analyze(self.index, analyzer, whole) {
                    if self.holds(field, &form) {
                        terms.push((field, form));
                    }
                }
            }
            if terms.iter().any(|(field, _)| dutch.contains(field)) {
                wholes.extend(terms);
            }
        }
        // Two compounds may share a stem (`zonnepaneel`, `zonnepanelen`).
        let mut seen = HashSet::new();
        wholes.retain(|term| seen.insert(term.clone()));
        Expanded {
            wholes,
            other_number: expansion.other_number,
            parts: expansion.parts,
        }
    }

    /// `query` with the weight of its field (titles count double) times
    /// `boost`.
    fn weighed(&self, field: Field, query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
        let boost = if self.fields.is_title(field) {
            boost * TITLE_BOOST
        } else {
            boost
        };
        if boost == 1.0 {
            query
        } else {
            Box::new(BoostQuery::new(query, boost))
        }
    }

    /// The stories with a word that begins with `prefix` (lowercased and
    /// folded). Up to [`beginnings::UP_TO`] letters that is one term of
    /// `begins`; a longer prefix has fewer completions, and the
    /// [`PREFIX_EXPANSIONS`] most frequent are searched as if each were
    /// typed whole: they rank like typed words and snippets mark them.
    /// Completed from the words as written, not from the stems: a stem may
    /// be shorter than what is typed (`thuisbatterij` is stemmed `thuisbat`,
    /// so no stem begins with `thuisbatt`).
    fn prefix(&self, prefix: &str) -> Option<Box<dyn Query>> {
        let folded = schema::analyze(self.index, schema::FOLD, prefix);
        let [folded] = folded.as_slice() else {
            return None;
        };
        if beginnings::is_indexed(folded) {
            // One term, however many words begin so.
            return Some(term_query(self.fields.begins, folded));
        }
        let marked = format!("{}{folded}", schema::FORWARDS);
        let mut words: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, analyzer) in self.fields.text_fields() {
            // Each field's forms of the completions, remembered with them.
            let forms = self.words.beginning(self.segments, field, &marked, || {
                let mut forms = Vec::new();
                let completions = self.words_beginning(self.fields.words, &marked);
                for completion in completions.iter() {
                    let word = completion.trim_start_matches(schema::FORWARDS);
                    for form in schema::analyze(self.index, analyzer, word) {
                        // A Dutch word's English stem is seldom in an
                        // English field: a clause less for every segment.
                        if !forms.contains(&form) && self.holds(field, &form) {
                            forms.push(form);
                        }
                    }
                }
                forms
            });
            for form in forms.iter() {
                words.push((
                    Occur::Should,
                    self.weighed(field, term_query(field, form), 1.0),
                ));
            }
        }
        (!words.is_empty()).then(|| Box::new(BooleanQuery::new(words)) as Box<dyn Query>)
    }

    /// The [`PREFIX_EXPANSIONS`] most frequent words of `field` that begin
    /// with `prefix`, looked up once per set of segments.
    fn words_beginning(&self, field: Field, prefix: &str) -> std::sync::Arc<Vec<String>> {
        self.words.beginning(self.segments, field, prefix, || {
            self.look_up_beginning(field, prefix)
        })
    }

    fn look_up_beginning(&self, field: Field, prefix: &str) -> Vec<String> {
        // No UTF-8 text holds the byte 0xFF: the end of the prefix's range.
        let mut end = prefix.as_bytes().to_vec();
        end.push(0xFF);
        let mut frequency: HashMap<String, u32> = HashMap::new();
        for segment in self.statistics.searcher().segment_readers() {
            let Ok(inverted) = segment.inverted_index(field) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().range().ge(prefix).lt(&end).into_stream() else {
                continue;
            };
            let mut seen = 0;
            while seen < PREFIX_SCAN && stream.advance() {
                seen += 1;
                if let Ok(word) = std::str::from_utf8(stream.key()) {
                    *frequency.entry(word.to_owned()).or_default() += stream.value().doc_freq;
                }
            }
        }
        let mut words: Vec<(String, u32)> = frequency.into_iter().collect();
        words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        words.truncate(PREFIX_EXPANSIONS);
        words.into_iter().map(|(word, _)| word).collect()
    }

    /// Whether every form of `word` is in one of the text fields.
    pub(super) fn is_known(&self, word: &str) -> bool {
        self.fields.text_fields().iter().any(|(field, analyzer)| {
            schema::analyze(self.index, analyzer, word)
                .iter()
                .all(|token| self.holds(*field, token))
        })
    }

    /// Whether some story holds `text` in `field`.
    fn holds(&self, field: Field, text: &str) -> bool {
        self.statistics.holds(&Term::from_field_text(field, text))
    }
}

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The index's own words, as the compound splitter asks about them.
impl Vocabulary for Builder<'_> {
    fn contains(&self, stem: &str) -> bool {
        [self.fields.title_nl, self.fields.body_nl]
            .iter()
            .any(|field| self.holds(*field, stem))
    }

    fn beginning_with(&self, prefix: &str) -> Vec<String> {
        let marked = format!("{}{prefix}", schema::FORWARDS);
        self.words_beginning(self.fields.words, &marked)
            .iter()
            .map(|word| word[1..].to_owned())
            .collect()
    }

    fn ending_with(&self, suffix: &str) -> Vec<String> {
        let marked: String = std::iter::once(schema::BACKWARDS)
            .chain(suffix.chars().rev())
            .collect();
        self.words_beginning(self.fields.words, &marked)
            .iter()
            .map(|word| word[1..].chars().rev().collect())
            .collect()
    }
}
