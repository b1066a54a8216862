//! What a search asks the term dictionaries, asked once.
//!
//! How many stories hold a term is looked up in every segment's term
//! dictionary, and one search asked it several times of the same term: the
//! query builder (whether a form is in any story), tantivy's BM25 weight of
//! each clause, and the highlighters (each term's rarity). At 100k stories
//! those lookups were about a tenth of a search. One `Statistics` serves a
//! search's questions, remembering each answer; the query builder also
//! leaves out the clauses of terms that no story holds, which would cost
//! every segment another lookup for nothing.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// One search's view of the index's statistics; the same numbers as the
/// searcher's own (so ranking is unchanged), each looked up once.
pub struct Statistics<'a> {
    searcher: &'a Searcher,
    doc_freqs: RefCell<HashMap<Term, u64, foldhash::fast::RandomState>>,
    tokens: RefCell<HashMap<Field, u64, foldhash::fast::RandomState>>,
}

impl<'a> Statistics<'a> {
    pub fn new(searcher: &'a Searcher) -> Statistics<'a> {
        Statistics {
            searcher,
            doc_freqs: RefCell::default(),
            tokens: RefCell::default(),
        }
    }

    pub fn searcher(&self) -> &'a Searcher {
        self.searcher
    }

    /// How many stories hold `term`, over all segments.
    pub fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(known) = self.doc_freqs.borrow().get(term) {
            return Ok(*known);
        }
        let doc_freq = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), doc_freq);
        Ok(doc_freq)
    }

    /// Whether some story holds `term`; no when the index cannot tell.
    pub fn holds(&self, term: &Term) -> bool {
        self.doc_freq(term).is_ok_and(|n| n > 0)
    }

    /// Whether no story holds `term`, for certain: a clause for it may be
    /// left out. (When the index cannot tell, the clause stays and the
    /// search reports the error.)
    pub fn lacks(&self, term: &Term) -> bool {
        matches!(self.doc_freq(term), Ok(0))
    }
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(known) = self.tokens.borrow().get(&field) {
            return Ok(*known);
        }
        let tokens = self.searcher.total_num_tokens(field)?;
        self.tokens.borrow_mut().insert(field, tokens);
        Ok(tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Statistics::doc_freq(self, term)
    }
}
