//! Turning a parsed query ([`super::syntax`]) into tantivy queries over the
//! Dutch and English fields: the exact query, the typo-tolerant retry (the
//! same tree, so exclusions still exclude, `OR` stays OR, phrases stay exact
//! phrases) and the prefix of a word still being typed.

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, Searcher, Term};

use super::schema::{self, Fields};
use super::synonyms::Synonyms;
use super::syntax::{Atom, Parsed};

/// Title matches weigh double.
const TITLE_BOOST: f32 = 2.0;
/// A word this long or longer may be one edit off in the retry; a shorter
/// one would change too much.
const FUZZY_MIN_CHARS: usize = 5;
/// How many indexed words an unfinished word may stand for, per field and
/// segment: what keeps a two- or three-letter prefix fast on a big index.
pub const PREFIX_EXPANSIONS: u32 = 50;

/// Exact, or with words one edit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Typos,
}

pub struct Builder<'a> {
    pub fields: &'a Fields,
    pub index: &'a Index,
    pub synonyms: &'a Synonyms,
}

impl Builder<'_> {
    /// The whole query; everything when nothing is asked for (or only
    /// exclusions: "everything but").
    pub fn query(&self, parsed: &Parsed, mode: Mode) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let last = parsed.parts.len().saturating_sub(1);
        for (n, part) in parsed.parts.iter().enumerate() {
            // Exclusions are exact: a typo retry never widens what is left out.
            let mode = if part.excluded { Mode::Exact } else { mode };
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = part
                .alternatives
                .iter()
                .flat_map(|atom| self.with_synonyms(atom))
                .filter_map(|atom| self.atom(atom, mode))
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
    /// that field is; `None` when it has nothing to search for.
    fn atom(&self, atom: &Atom, mode: Mode) -> Option<Box<dyn Query>> {
        let (text, phrase) = match atom {
            Atom::Word(word) => (word.as_str(), false),
            Atom::Phrase(phrase) => (phrase.as_str(), true),
        };
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, analyzer) in self.fields.text_fields() {
            let tokens = schema::analyze(self.index, analyzer, text);
            let terms: Vec<Term> = tokens
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            let query: Box<dyn Query> = match terms.len() {
                0 => continue,
                1 if !phrase && mode == Mode::Typos && text.chars().count() >= FUZZY_MIN_CHARS => {
                    Box::new(FuzzyTermQuery::new(terms[0].clone(), 1, true))
                }
                1 => Box::new(TermQuery::new(
                    terms[0].clone(),
                    IndexRecordOption::WithFreqs,
                )),
                // A word the analyser splits (`e-mail`) is a phrase too.
                _ => Box::new(PhraseQuery::new(terms)),
            };
            let query = if self.fields.is_title(field) {
                Box::new(BoostQuery::new(query, TITLE_BOOST))
            } else {
                query
            };
            fields.push((Occur::Should, query));
        }
        (!fields.is_empty()).then(|| Box::new(BooleanQuery::new(fields)) as Box<dyn Query>)
    }

    /// The indexed words that begin with `prefix` (lowercased and folded, not
    /// stemmed: a stem is a beginning of its word), at most
    /// [`PREFIX_EXPANSIONS`] of them per field and segment.
    fn prefix(&self, prefix: &str) -> Option<Box<dyn Query>> {
        let folded = schema::analyze(self.index, schema::FOLD, prefix);
        let [folded] = folded.as_slice() else {
            return None;
        };
        let fields: Vec<(Occur, Box<dyn Query>)> = self
            .fields
            .text_fields()
            .iter()
            .map(|(field, _)| {
                let mut query = PhrasePrefixQuery::new(vec![Term::from_field_text(*field, folded)]);
                query.set_max_expansions(PREFIX_EXPANSIONS);
                (Occur::Should, Box::new(query) as Box<dyn Query>)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(fields)))
    }

    /// Whether some word the query requires is in no field of the index:
    /// only then can a typo be the reason nothing matched. Known words that
    /// simply never meet are an answer, not a typo.
    pub fn has_unknown_word(&self, parsed: &Parsed, searcher: &Searcher) -> bool {
        parsed
            .parts
            .iter()
            .filter(|part| !part.excluded)
            .flat_map(|part| &part.alternatives)
            .filter_map(|atom| match atom {
                Atom::Word(word) => Some(word),
                Atom::Phrase(_) => None,
            })
            .any(|word| {
                let known = self.fields.text_fields().iter().any(|(field, analyzer)| {
                    schema::analyze(self.index, analyzer, word)
                        .iter()
                        .all(|token| {
                            searcher
                                .doc_freq(&Term::from_field_text(*field, token))
                                .is_ok_and(|n| n > 0)
                        })
                });
                !known
            })
    }
}
