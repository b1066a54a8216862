//! Searching: lenient user query syntax (words, "phrases", -exclusion, OR),
//! filters, facet counts over all matches, highlighted snippets, and a typo
//! tolerant second try when the exact query finds nothing.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::sort_key::{SortBySimilarityScore, SortByStaticFastValue};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{Order, TantivyDocument, Term};

use super::params::SearchQuery;
use super::snippets::Snippets;
use super::statistics::Statistics;
use super::syntax;
use super::text_query::{Builder, Mode};
use super::{SearchError, SearchIndex};
use crate::domain::Lang;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub id: i32,
    pub title: String,
    /// The title as HTML: escaped, the words that matched in `<mark>`.
    pub title_html: String,
    /// HTML in which only `<mark>` is markup; all story text is escaped. Cut
    /// from the story's plain text (no Markdown), whole words, "…" where
    /// the story goes on.
    pub snippet: String,
    pub values: Vec<String>,
    pub url: String,
    pub lang: Lang,
    pub published_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, Default, utoipa::ToSchema)]
pub struct Facets {
    pub values: BTreeMap<String, u64>,
}

/// A word of the query that is in no story, and the words one edit away
/// that were searched in its place.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Correction {
    pub typed: String,
    pub instead: Vec<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
    /// True when nothing matched exactly and these are near matches (typos).
    pub fuzzy: bool,
    /// When `fuzzy`: what was searched instead of which word. Empty otherwise.
    pub corrections: Vec<Correction>,
    pub took_ms: f64,
}

/// From this many stories on, a search's segments are searched side by
/// side, one thread per core. Below it a search takes about a millisecond
/// and handing segments to other threads would cost more than it saves;
/// above it a broad query (a common word, a short prefix) scores and counts
/// hundreds of thousands of stories, and two cores halve the wait for the
/// one who asked. Under load every core is busy anyway, and the threads are
/// shared, so no more segments are searched at once than there are cores.
pub const PARALLEL_FROM: u64 = 250_000;

/// The threads for [`PARALLEL_FROM`]: one per core, none on one core.
pub(super) fn parallel_executor() -> Option<tantivy::Executor> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores > 1)
        .then(|| tantivy::Executor::multi_thread(cores, "search-").ok())
        .flatten()
}

impl SearchIndex {
    /// Runs a search against the current snapshot of the index.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let started = Instant::now();
        let metrics = crate::metrics::get();
        let _timer = metrics.search_duration.start_timer();
        let phases = &metrics.search_phases;
        let (generation, searcher, hidden) = self.snapshot();
        let mut filters = self.filters(query);
        filters.extend(hidden.map(|q| (Occur::MustNot, q)));
        let mut parsed = syntax::parse(&query.text);
        if !query.typing {
            parsed.prefix = None;
        }
        let statistics = Statistics::new(&searcher);
        let build = Builder {
            fields: &self.fields,
            index: &generation.index,
            statistics: &statistics,
            synonyms: &self.synonyms,
            words: &self.words,
            segments: super::word_cache::segments_of(&searcher),
        };
        let exact = phases
            .query
            .observe_closure_duration(|| build.query(&parsed, Mode::Exact));
        let mut results = self.run(&statistics, exact, &filters, query)?;
        if results.total == 0 {
            // Only a word in no story can be a typo; its corrections are
            // looked up once, for the retry and for the answer.
            let corrections = phases
                .corrections
                .observe_closure_duration(|| build.corrections_of(&parsed));
            if !corrections.is_empty() {
                let corrected = phases.query.observe_closure_duration(|| {
                    build.query(&parsed, Mode::Corrected(&corrections))
                });
                let retry = self.run(&statistics, corrected, &filters, query)?;
                if retry.total > 0 {
                    results = retry;
                    results.fuzzy = true;
                    results.corrections = corrections;
                }
            }
        }
        results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(results)
    }

    /// Stories tagged with any of these values.
    pub(super) fn any_value(&self, slugs: &[impl AsRef<str>]) -> Box<dyn Query> {
        let any: Vec<(Occur, Box<dyn Query>)> = slugs
            .iter()
            .map(|slug| {
                let facet = Facet::from_path(["value", slug.as_ref()]);
                let term = Term::from_facet(self.fields.value, &facet);
                let query: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                (Occur::Should, query)
            })
            .collect();
        Box::new(BooleanQuery::new(any))
    }

    fn filters(&self, query: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
        let f = &self.fields;
        let term =
            |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
        let mut filters = Vec::new();
        if !query.values.is_empty() {
            filters.push((Occur::Must, self.any_value(&query.values)));
        }
        if let Some(audience) = query.audience {
            filters.push((
                Occur::Must,
                term(Term::from_field_text(f.audience, audience.as_str())),
            ));
        }
        if let Some(team) = &query.team {
            filters.push((
                Occur::Must,
                term(Term::from_field_text(f.team, &team.to_lowercase())),
            ));
        }
        if let Some(lang) = query.lang {
            filters.push((
                Occur::Must,
                term(Term::from_field_text(f.lang, lang.as_str())),
            ));
        }
        filters
    }

    fn run(
        &self,
        statistics: &Statistics,
        text_query: Box<dyn Query>,
        filters: &[(Occur, Box<dyn Query>)],
        request: &SearchQuery,
    ) -> Result<SearchResults, SearchError> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        clauses.extend(filters.iter().map(|(occur, q)| (*occur, q.box_clone())));
        let query = BooleanQuery::new(clauses);

        let mut facets = FacetCollector::for_field("value");
        facets.add_facet(Facet::from("/value"));
        // Relevance first; among equal scores the newer story wins, and
        // among stories published in the same second the higher id: an
        // order that does not depend on where the index keeps a document
        // (which a rebuild or a merge changes). The two are read only for a
        // story whose score reaches the best so far (tantivy compares a tuple
        // key lazily): a broad query matches tens of thousands.
        let top = TopDocs::with_limit(request.limit)
            .and_offset(request.offset)
            .order_by((
                SortBySimilarityScore,
                (
                    (
                        SortByStaticFastValue::<i64>::for_field("published_at"),
                        Order::Desc,
                    ),
                    (SortByStaticFastValue::<u64>::for_field("id"), Order::Desc),
                ),
            ));
        let collectors = (top, Count, facets);
        let searcher = statistics.searcher();
        let phases = &crate::metrics::get().search_phases;
        let matching = phases.matching.start_timer();
        let (top_docs, total, facet_counts) = match &self.parallel {
            Some(threads) if searcher.num_docs() >= PARALLEL_FROM => searcher
                .search_with_executor(
                    &query,
                    &collectors,
                    threads,
                    EnableScoring::enabled_from_statistics_provider(statistics, searcher),
                )?,
            _ => searcher.search_with_statistics_provider(&query, &collectors, statistics)?,
        };
        matching.observe_duration();

        let mut values = BTreeMap::new();
        for (facet, count) in facet_counts.get("/value") {
            if let Some(slug) = facet.to_path().last() {
                values.insert((*slug).to_owned(), count);
            }
        }

        let stories = phases.stories.start_timer();
        let docs = top_docs
            .into_iter()
            .map(|(_, address)| searcher.doc::<TantivyDocument>(address))
            .collect::<Result<Vec<_>, _>>()?;
        stories.observe_duration();
        let marking = phases.snippets.start_timer();
        let snippets = Snippets::new(statistics, &*text_query, &self.fields)?;
        let hits = docs.iter().map(|doc| self.hit(doc, &snippets)).collect();
        marking.observe_duration();
        Ok(SearchResults {
            total,
            hits,
            facets: Facets { values },
            fuzzy: false,
            corrections: Vec::new(),
            took_ms: 0.0,
        })
    }

    fn hit(&self, doc: &TantivyDocument, snippets: &Snippets) -> SearchHit {
        let f = &self.fields;
        let lang = f.lang_of(doc);
        let id = f.id_of(doc);
        let published = doc
            .get_first(f.published_at)
            .and_then(|v| v.as_i64())
            .unwrap_or(0);
        let values = doc
            .get_all(f.value)
            .filter_map(|v| v.as_facet())
            // Stored facets come in their encoded form: segments joined by NUL.
            .filter_map(|facet| facet.rsplit('\0').next().map(str::to_owned))
            .collect();
        let (title_html, snippet) = snippets.of(doc, f, lang);
        SearchHit {
            id,
            title: f.text_of(doc, f.title(lang)),
            title_html,
            snippet,
            values,
            url: format!("/stories/{id}"),
            lang,
            published_at: DateTime::from_timestamp(published, 0).unwrap_or_default(),
        }
    }
}
