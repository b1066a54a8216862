//! The engines measured in-process, each answering a query with the same
//! result shape: the top 10 with a highlighted snippet each, the total count
//! and the count per value. Raw tantivy (top 10 and count only) is the floor
//! Merkwaardig's pipeline is compared with.

use std::path::Path;
use std::sync::Arc;

use merkwaardig::search::SearchIndex;
use merkwaardig::search::schema::{self, Fields};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, QueryParser, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{Index, Term};

use crate::queries::{Kind, Query};

/// What an engine found: the total and how many hits it returned.
#[derive(Clone, Copy, Debug, Default)]
pub struct Answer {
    pub total: usize,
    pub hits: usize,
}

pub trait Engine {
    fn search(&mut self, query: &Query) -> Answer;
}

/// Merkwaardig's search pipeline as the API route calls it, in-process: the
/// application built from the same settings as the binary, not launched.
pub struct Ours {
    _runtime: tokio::runtime::Runtime,
    _rocket: rocket::Rocket<rocket::Ignite>,
    index: Arc<SearchIndex>,
}

impl Ours {
    pub fn open(data: &Path) -> Ours {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let figment = merkwaardig::figment()
            .merge(("data_dir", data))
            .merge(("content_dir", content))
            .merge(("demo", false))
            .merge(("log_level", "off"));
        let rocket = runtime.block_on(async {
            let rocket = merkwaardig::build(figment).await.expect("the app builds");
            rocket.ignite().await.expect("the app ignites")
        });
        let index = rocket
            .state::<merkwaardig::AppState>()
            .unwrap()
            .search
            .index
            .clone();
        Ours {
            _runtime: runtime,
            _rocket: rocket,
            index,
        }
    }
}

impl Engine for Ours {
    fn search(&mut self, query: &Query) -> Answer {
        let params = merkwaardig::search::SearchParams {
            q: Some(query.text()),
            value: query.value.iter().map(|v| v.to_string()).collect(),
            ..Default::default()
        };
        let parsed = merkwaardig::search::SearchQuery::parse(&params).expect("a valid query");
        let results = self.index.search(&parsed).expect("the search runs");
        Answer {
            total: results.total,
            hits: results.hits.len(),
        }
    }
}

/// tantivy alone on the same index: its query parser over the four text
/// fields (AND by default), top 10 by BM25 and the count. No snippets,
/// facets, prefixes or typo tolerance: the floor, not a peer.
pub struct Raw {
    searcher: tantivy::Searcher,
    /// One thread per core from [`merkwaardig::search::PARALLEL_FROM`]
    /// stories on, as the service searches.
    parallel: Option<tantivy::Executor>,
    parser: QueryParser,
    fields: Fields,
}

impl Raw {
    pub fn open(index_dir: &Path) -> Raw {
        let index = Index::open_in_dir(index_dir).unwrap();
        schema::register_analyzers(&index);
        let fields = Fields::new();
        let text: Vec<_> = fields.text_fields().iter().map(|(f, _)| *f).collect();
        let mut parser = QueryParser::for_index(&index, text);
        parser.set_conjunction_by_default();
        let searcher = index.reader().unwrap().searcher();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parallel = (searcher.num_docs() >= merkwaardig::search::PARALLEL_FROM && cores > 1)
            .then(|| tantivy::Executor::multi_thread(cores, "raw-").unwrap());
        Raw {
            searcher,
            parallel,
            parser,
            fields,
        }
    }
}

impl Engine for Raw {
    fn search(&mut self, query: &Query) -> Answer {
        let text = match query.kind {
            Kind::And => query.words.join(" "),
            Kind::Or => query.words.join(" OR "),
            Kind::Phrase => format!("\"{}\"", query.words.join(" ")),
        };
        let mut parsed = self.parser.parse_query(&text).unwrap();
        if let Some(value) = query.value {
            let facet = Facet::from_path(["value", value]);
            let filter = TermQuery::new(
                Term::from_facet(self.fields.value, &facet),
                IndexRecordOption::Basic,
            );
            parsed = Box::new(BooleanQuery::new(vec![
                (Occur::Must, parsed),
                (Occur::Must, Box::new(filter)),
            ]));
        }
        let collectors = (TopDocs::with_limit(10).order_by_score(), Count);
        let (top, total) = match &self.parallel {
            Some(threads) => self.searcher.search_with_executor(
                &parsed,
                &collectors,
                threads,
                tantivy::query::EnableScoring::enabled_from_searcher(&self.searcher),
            ),
            None => self.searcher.search(&parsed, &collectors),
        }
        .unwrap();
        Answer {
            total,
            hits: top.len(),
        }
    }
}
