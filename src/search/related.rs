//! "Related stories": tantivy's more-like-this over the same index.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

use super::{SearchError, SearchIndex};
use crate::domain::Lang;

/// A story like another one: enough to link to it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RelatedStory {
    pub id: i32,
    pub title: String,
    pub url: String,
}

impl SearchIndex {
    /// Up to `limit` published stories that share the most telling words with
    /// story `id`; empty when that story is not in the index.
    pub fn related(&self, id: i32, limit: usize) -> Result<Vec<RelatedStory>, SearchError> {
        let generation = self.generation();
        let searcher = generation.reader.searcher();
        let f = &self.fields;
        let this = TermQuery::new(f.id_term(id), IndexRecordOption::Basic);
        let Some((_, address)) = searcher
            .search(&this, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(Vec::new());
        };
        // Only the story's words count: shared tags, language or audience
        // would make every story look alike.
        let doc: TantivyDocument = searcher.doc(address)?;
        let lang = doc
            .get_first(f.lang)
            .and_then(|v| v.as_str())
            .and_then(Lang::parse)
            .unwrap_or(Lang::Nl);
        let text = |field| -> Vec<OwnedValue> {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .map(|s| OwnedValue::Str(s.to_owned()))
                .collect()
        };
        let like: Box<dyn Query> = Box::new(
            MoreLikeThisQuery::builder()
                .with_min_doc_frequency(1)
                .with_min_term_frequency(1)
                .with_min_word_length(4)
                .with_max_query_terms(20)
                .with_document_fields(vec![
                    (f.title(lang), text(f.title(lang))),
                    (f.body(lang), text(f.body(lang))),
                ]),
        );
        let not_this: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_u64(f.id, id as u64),
            IndexRecordOption::Basic,
        ));
        let query = BooleanQuery::new(vec![(Occur::Should, like), (Occur::MustNot, not_this)]);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let lang = doc
                    .get_first(f.lang)
                    .and_then(|v| v.as_str())
                    .and_then(Lang::parse)
                    .unwrap_or(Lang::Nl);
                let id = doc.get_first(f.id).and_then(|v| v.as_u64()).unwrap_or(0) as i32;
                Ok(RelatedStory {
                    id,
                    title: doc
                        .get_first(f.title(lang))
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_owned(),
                    url: format!("/stories/{id}"),
                })
            })
            .collect()
    }
}
