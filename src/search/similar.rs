//! "Someone told a story very like this one": while a story is written, the
//! published story most like it, when it is *very* alike — as encouragement
//! to add one's own angle, never as a block.
//!
//! Candidates come from tantivy's more-like-this over the draft's words;
//! each is then measured by the cosine of the two texts' TF-IDF vectors
//! (terms as the index analyses them, so stemmed and with compounds split;
//! document frequencies from the index). That gives a number from 0 to 1
//! that does not grow with the length of a text, unlike a BM25 score, so
//! one threshold ([`SIMILAR_THRESHOLD`]) means the same for a short story
//! and a long one. Measured on the example stories: no two of them reach
//! 0.3 (several share a subject, like customers and returns); one of them
//! retold with a line of one's own measures 0.94 whole, 0.70 with half its
//! sentences, 0.53 with only two of its eleven.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue};
use tantivy::{Searcher, TantivyDocument, Term};

use super::common_pairs;
use super::related::RelatedStory;
use super::{SearchError, SearchIndex};
use crate::domain::Lang;

/// From this cosine similarity on, a story counts as very similar.
pub const SIMILAR_THRESHOLD: f32 = 0.5;

/// Candidates measured.
const CANDIDATES: usize = 5;

/// A published story very like a draft.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SimilarStory {
    pub story: RelatedStory,
    /// Cosine similarity, 0–1.
    pub similarity: f32,
}

impl SearchIndex {
    /// The published story most like `title` and `body` (in `lang`), when
    /// it is at least [`SIMILAR_THRESHOLD`] alike; never story `except`
    /// (the one being edited).
    pub fn similar(
        &self,
        title: &str,
        body: &str,
        lang: Lang,
        except: Option<i32>,
    ) -> Result<Option<SimilarStory>, SearchError> {
        let (_generation, searcher, hidden) = self.snapshot();
        let f = &self.fields;
        let (title_field, body_field) = (f.title(lang), f.body(lang));
        let draft = weights(&searcher, title_field, body_field, title, body)?;
        if draft.is_empty() {
            return Ok(None);
        }
        let like: Box<dyn Query> = Box::new(
            MoreLikeThisQuery::builder()
                .with_min_doc_frequency(1)
                .with_min_term_frequency(1)
                .with_min_word_length(4)
                .with_max_query_terms(25)
                .with_document_fields(vec![
                    (title_field, vec![OwnedValue::Str(title.to_owned())]),
                    (body_field, vec![OwnedValue::Str(body.to_owned())]),
                ]),
        );
        let mut clauses = vec![(Occur::Should, like)];
        if let Some(id) = except {
            let this: Box<dyn Query> =
                Box::new(TermQuery::new(f.id_term(id), IndexRecordOption::Basic));
            clauses.push((Occur::MustNot, this));
        }
        clauses.extend(hidden.map(|q| (Occur::MustNot, q)));
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        let mut best: Option<SimilarStory> = None;
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            // A story in the other language is not "very like" in wording.
            if f.lang_of(&doc) != lang {
                continue;
            }
            let other = weights(
                &searcher,
                title_field,
                body_field,
                &f.text_of(&doc, title_field),
                &f.text_of(&doc, body_field),
            )?;
            let similarity = cosine(&draft, &other);
            if best.as_ref().is_none_or(|b| similarity > b.similarity) {
                let id = f.id_of(&doc);
                best = Some(SimilarStory {
                    story: RelatedStory {
                        id,
                        title: f.text_of(&doc, title_field),
                        url: format!("/stories/{id}"),
                    },
                    similarity,
                });
            }
        }
        Ok(best.filter(|b| b.similarity >= SIMILAR_THRESHOLD))
    }
}

/// A text's terms weighted by TF-IDF: `(1 + ln tf) · ln(1 + N / (1 + df))`,
/// title and body together, the document frequency taken from the body.
fn weights(
    searcher: &Searcher,
    title_field: Field,
    body_field: Field,
    title: &str,
    body: &str,
) -> Result<HashMap<String, f32>, SearchError> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for (field, text) in [(title_field, title), (body_field, body)] {
        let mut analyzer = searcher.index().tokenizer_for_field(field)?;
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.text.chars().count() >= 3 && !common_pairs::is_pair(&token.text) {
                *counts.entry(token.text.clone()).or_default() += 1;
            }
        }
    }
    let docs = searcher.num_docs() as f32;
    let mut weights = HashMap::with_capacity(counts.len());
    for (text, count) in counts {
        let df = searcher.doc_freq(&Term::from_field_text(body_field, &text))? as f32;
        let idf = (1.0 + docs / (1.0 + df)).ln();
        weights.insert(text, (1.0 + (count as f32).ln()) * idf);
    }
    Ok(weights)
}

fn cosine(a: &HashMap<String, f32>, b: &HashMap<String, f32>) -> f32 {
    let dot: f32 = a
        .iter()
        .filter_map(|(term, x)| b.get(term).map(|y| x * y))
        .sum();
    let norm = |v: &HashMap<String, f32>| v.values().map(|x| x * x).sum::<f32>().sqrt();
    let denominator = norm(a) * norm(b);
    if denominator == 0.0 {
        0.0
    } else {
        dot / denominator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vector(pairs: &[(&str, f32)]) -> HashMap<String, f32> {
        pairs.iter().map(|(t, w)| (t.to_string(), *w)).collect()
    }

    #[test]
    fn cosine_is_one_for_the_same_text_and_zero_for_nothing_in_common() {
        let a = vector(&[("retour", 2.0), ("omvormer", 1.0)]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(&a, &vector(&[("sneeuw", 1.0)])), 0.0);
        assert_eq!(cosine(&a, &HashMap::new()), 0.0);
        let half = cosine(
            &vector(&[("a", 1.0), ("b", 1.0)]),
            &vector(&[("a", 1.0), ("c", 1.0)]),
        );
        assert!((half - 0.5).abs() < 1e-6);
    }
}
