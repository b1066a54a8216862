//! Full-text search over published stories with tantivy.
//!
//! The index is derived from the database: it is opened (or rebuilt, when it
//! is missing, from another schema version or unreadable) at start-up, and one
//! indexer task keeps it in step by following the `search_changes` log.

mod beginnings;
mod common_pairs;
mod compounds;
mod consistency;
mod corrections;
pub mod indexer;
mod params;
mod progress;
mod query;
mod rebuild;
pub mod related;
pub mod schema;
pub mod similar;
mod snippets;
mod statistics;
pub mod store;
mod synonyms;
mod syntax;
mod text_query;
mod unindexed;
mod word_cache;
mod writer;

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};
use tokio::sync::watch;

pub use params::{QUERY_MAX_CHARS, SearchParams, SearchQuery};
pub use query::{Correction, PARALLEL_FROM, SearchHit, SearchResults};
use schema::{Fields, SCHEMA_VERSION};
pub use unindexed::Unindexed;
use writer::acquire_writer;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    /// The log was pruned beyond this replica's cursor: changes were missed.
    #[error("the change log was pruned through {pruned}, beyond the index's cursor {cursor}")]
    FellBehind { cursor: i64, pruned: i64 },
}

impl From<SearchError> for crate::error::AppError {
    fn from(error: SearchError) -> Self {
        crate::error::AppError::Search(Box::new(error))
    }
}

/// One generation of the index, opened.
pub struct Generation {
    pub name: String,
    index: Index,
    reader: IndexReader,
}

/// The searchable index, shared by the request handlers and the indexer.
pub struct SearchIndex {
    generation: RwLock<Arc<Generation>>,
    fields: Fields,
    /// The log id up to which the index is searchable.
    applied: watch::Sender<i64>,
    /// Stories changed on this replica and not yet re-indexed: left out.
    unindexed: Unindexed,
    /// The glossary's groups of equivalent words.
    synonyms: synonyms::Synonyms,
    /// Query words' compounds and completions, per set of segments.
    words: word_cache::WordCache,
    /// Threads that search the segments of a large index side by side
    /// (see [`query::PARALLEL_FROM`]); `None` on one core.
    parallel: Option<tantivy::Executor>,
}

/// Owned by the application: the index, and the indexer task that stops when
/// this handle is dropped.
pub struct Search {
    pub index: Arc<SearchIndex>,
    _stop: watch::Sender<()>,
}

/// An open generation with its writer and where its log cursor stands.
pub struct Opened {
    pub generation: Generation,
    pub writer: IndexWriter,
    pub cursor: i64,
}

impl Search {
    /// Opens the index in use under `<data_dir>/search`, rebuilding it from the
    /// database when needed, and starts the indexer.
    /// Log rows older than `retention` are pruned about once an hour (never,
    /// when `None`).
    pub async fn start(
        db: DatabaseConnection,
        data_dir: &Path,
        retention: Option<std::time::Duration>,
        glossary: &crate::content::Glossary,
    ) -> Result<Search, SearchError> {
        let root = store::root(data_dir);
        let fields = Fields::new();
        let opened = match open_current(&root, &fields).await? {
            Some(opened) => {
                tracing::info!(cursor = opened.cursor, generation = %opened.generation.name, "search index opened; catching up from the log");
                consistency::repair(&db, &fields, opened).await?
            }
            None => rebuild_generation(&db, &root, &fields).await?,
        };
        store::remove_others(&root, &opened.generation.name);
        let (applied, _) = watch::channel(opened.cursor);
        let synonyms = synonyms::Synonyms::new(glossary, &opened.generation.index);
        compounds::warm_up();
        let search = Arc::new(SearchIndex {
            generation: RwLock::new(Arc::new(opened.generation)),
            fields,
            applied,
            unindexed: Unindexed::new(opened.cursor),
            synonyms,
            words: word_cache::WordCache::default(),
            parallel: query::parallel_executor(),
        });
        let (stop, stopped) = watch::channel(());
        tokio::spawn(indexer::run(
            search.clone(),
            db,
            root,
            opened.writer,
            opened.cursor,
            retention,
            stopped,
        ));
        Ok(Search {
            index: search,
            _stop: stop,
        })
    }
}

impl SearchIndex {
    /// The log id up to which everything is searchable.
    pub fn applied(&self) -> i64 {
        *self.applied.borrow()
    }

    /// The stories changed on this replica that searches leave out until
    /// they are re-indexed; story writes mark them (see [`unindexed`]).
    pub fn unindexed(&self) -> &Unindexed {
        &self.unindexed
    }

    /// Marks the log searchable through `cursor`, and the ids `beyond` it:
    /// the index was reloaded.
    fn searchable(&self, cursor: i64, beyond: &std::collections::BTreeSet<i64>) {
        // Marks first: whoever waits for `applied` must find them gone.
        self.unindexed.release(cursor, beyond);
        self.applied.send_replace(cursor);
    }

    /// The searcher to run a query on, and what it must leave out. The marks
    /// are read first (see [`Unindexed::ids`]).
    fn snapshot(
        &self,
    ) -> (
        Arc<Generation>,
        tantivy::Searcher,
        Option<Box<dyn tantivy::query::Query>>,
    ) {
        let ids = self.unindexed.ids();
        let generation = self.generation();
        let searcher = generation.reader.searcher();
        let exclusion = Unindexed::exclusion(&ids, |id| self.fields.id_term(id));
        (generation, searcher, exclusion)
    }

    /// Waits until the index has applied the log up to `log_id`, or `timeout`.
    pub async fn wait_for(&self, log_id: i64, timeout: Duration) -> bool {
        let mut rx = self.applied.subscribe();
        tokio::time::timeout(timeout, rx.wait_for(|applied| *applied >= log_id))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// The generation searches run against now.
    pub fn generation(&self) -> Arc<Generation> {
        self.generation
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn replace_generation(&self, generation: Generation) {
        *self
            .generation
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(generation);
    }
}

/// Rebuilds the whole index from the database into a new generation and
/// makes it current. Used at start-up when needed and by `merkwaardig reindex`.
pub async fn rebuild_generation(
    db: &DatabaseConnection,
    root: &Path,
    fields: &Fields,
) -> Result<Opened, SearchError> {
    let (name, dir) = store::new_generation(root)?;
    let index = Index::builder()
        .schema(fields.schema.clone())
        .settings(schema::index_settings())
        .create_in_dir(&dir)?;
    schema::register_analyzers(&index);
    let started = std::time::Instant::now();
    let (cursor, stories) = rebuild::rebuild(db, fields, &index).await?;
    tracing::info!(
        stories,
        cursor,
        seconds = started.elapsed().as_secs_f64(),
        "search index rebuilt from the database"
    );
    let writer = acquire_writer(&index).await?;
    store::switch_to(root, &name)?;
    Opened::new(name, index, writer, cursor)
}

impl Opened {
    fn new(
        name: String,
        index: Index,
        writer: IndexWriter,
        cursor: i64,
    ) -> Result<Opened, SearchError> {
        // Reloaded explicitly after each of our commits, so a write is
        // searchable as soon as the indexer reports it applied. The policy
        // also watches `meta.json`, which background merges rewrite when they
        // finish: without it, searches kept reading the pre-merge segments
        // until the next story change (measured: p95 1.47× a merged index
        // after 10,000 edits, 1.10× after one edit more).
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(Opened {
            generation: Generation {
                name,
                index,
                reader,
            },
            writer,
            cursor,
        })
    }
}

/// Opens the generation named in `CURRENT`; `None` when there is none or it
/// cannot be used (it is then rebuilt).
pub async fn open_current(root: &Path, fields: &Fields) -> Result<Option<Opened>, SearchError> {
    let Some(name) = store::current(root) else {
        return Ok(None);
    };
    let dir = root.join(&name);
    let (index, cursor) = match open_existing(&dir, fields) {
        Ok(found) => found,
        Err(reason) => {
            tracing::warn!(dir = %dir.display(), %reason, "search index unusable; rebuilding it from the database");
            return Ok(None);
        }
    };
    let writer = acquire_writer(&index).await?;
    Opened::new(name, index, writer, cursor).map(Some)
}

/// Opens an index and checks that it can be used: same schema, a payload of
/// this version, readable segments.
fn open_existing(dir: &Path, fields: &Fields) -> Result<(Index, i64), String> {
    if !dir.join("meta.json").exists() {
        return Err("no index in the folder".into());
    }
    let index = Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    if index.schema() != fields.schema {
        return Err("the index was written with another schema".into());
    }
    let metas = index.load_metas().map_err(|e| e.to_string())?;
    let payload = indexer::Payload::parse(metas.payload.as_deref())
        .ok_or_else(|| "the index has no commit payload".to_owned())?;
    if payload.schema != SCHEMA_VERSION {
        return Err(format!(
            "the index has schema version {}, this version uses {SCHEMA_VERSION}",
            payload.schema
        ));
    }
    schema::register_analyzers(&index);
    index
        .reader()
        .map_err(|e| e.to_string())?
        .searcher()
        .segment_readers()
        .iter()
        .try_for_each(|segment| segment.inverted_index(fields.title_nl).map(|_| ()))
        .map_err(|e| e.to_string())?;
    Ok((index, payload.cursor))
}
