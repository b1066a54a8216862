//! "Related stories": tantivy's more-like-this over the same index.

use tantivy::TantivyDocument;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue, Value};

use super::{SearchError, SearchIndex};

/// A story like another one: enough to link to it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RelatedStory {
    pub id: i32,
    pub title: String,
    pub url: String,
}

impl SearchIndex {
    /// Up to `limit` published stories that share the most telling words with
    /// story `id`, of any of `values` when given (a widget token's binding);
    /// empty when that story is not in the index.
    pub fn related(
        &self,
        id: i32,
        limit: usize,
        values: &[String],
    ) -> Result<Vec<RelatedStory>, SearchError> {
        let (_generation, searcher, hidden) = self.snapshot();
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
        let lang = f.lang_of(&doc);
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
        let not_this: Box<dyn Query> =
            Box::new(TermQuery::new(f.id_term(id), IndexRecordOption::Basic));
        let mut clauses = vec![(Occur::Should, like), (Occur::MustNot, not_this)];
        clauses.extend(hidden.map(|q| (Occur::MustNot, q)));
        if !values.is_empty() {
            clauses.push((Occur::Must, self.any_value(values)));
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
        top.into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let id = f.id_of(&doc);
                Ok(RelatedStory {
                    id,
                    title: f.text_of(&doc, f.title(f.lang_of(&doc))),
                    url: format!("/stories/{id}"),
                })
            })
            .collect()
    }
}
