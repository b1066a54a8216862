//! Full-text search over published stories with tantivy.
//!
//! The index is derived from the database: it is opened (or rebuilt, when it
//! is missing, from another schema version or unreadable) at start-up, and one
//! indexer task keeps it in step by following the `search_changes` log.

pub mod indexer;
mod query;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy};
use tokio::sync::watch;

pub use query::{SearchHit, SearchParams, SearchQuery, SearchResults};
use schema::{Fields, SCHEMA_VERSION};

/// Memory for the writer; below ~15 MB tantivy flushes nearly every document.
const WRITER_MEMORY: usize = 50_000_000;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("search index folder: {0}")]
    Io(#[from] std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
}

/// The searchable index, shared by the request handlers and the indexer.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The log id up to which the index is searchable.
    applied: watch::Sender<i64>,
}

/// Owned by the application: the index, and the indexer task that stops when
/// this handle is dropped.
pub struct Search {
    pub index: Arc<SearchIndex>,
    _stop: watch::Sender<()>,
}

impl Search {
    /// Opens the index in `<data_dir>/search`, rebuilding it from the database
    /// when needed, and starts the indexer.
    pub async fn start(db: DatabaseConnection, data_dir: &Path) -> Result<Search, SearchError> {
        let dir = data_dir.join("search");
        let fields = Fields::new();
        let (index, cursor) = open_or_recreate(&dir, &fields)?;
        let writer = acquire_writer(&index).await?;
        let (writer, cursor) = match cursor {
            Some(cursor) => {
                tracing::info!(cursor, "search index opened; catching up from the log");
                (writer, cursor)
            }
            None => indexer::rebuild(&db, &fields, writer).await?,
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let (applied, _) = watch::channel(cursor);
        let search = Arc::new(SearchIndex {
            index,
            reader,
            fields,
            applied,
        });
        let (stop, stopped) = watch::channel(());
        tokio::spawn(indexer::run(search.clone(), db, writer, cursor, stopped));
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

    /// Waits until the index has applied the log up to `log_id`, or `timeout`.
    pub async fn wait_for(&self, log_id: i64, timeout: Duration) -> bool {
        let mut rx = self.applied.subscribe();
        tokio::time::timeout(timeout, rx.wait_for(|applied| *applied >= log_id))
            .await
            .is_ok_and(|r| r.is_ok())
    }
}

/// Opens the index, or creates an empty one when there is none or the one
/// there cannot be used. Returns the cursor to resume from, or `None` when
/// the index must be rebuilt from the database.
fn open_or_recreate(dir: &Path, fields: &Fields) -> Result<(Index, Option<i64>), SearchError> {
    match open_existing(dir, fields) {
        Ok(Some((index, cursor))) => return Ok((index, Some(cursor))),
        Ok(None) => {}
        Err(reason) => {
            tracing::warn!(dir = %dir.display(), %reason, "search index unusable; rebuilding it from the database");
            std::fs::remove_dir_all(dir).or_else(ignore_not_found)?;
        }
    }
    std::fs::create_dir_all(dir)?;
    let index = Index::create(
        MmapDirectory::open(dir).map_err(tantivy::TantivyError::from)?,
        fields.schema.clone(),
        Default::default(),
    )?;
    schema::register_analyzers(&index);
    Ok((index, None))
}

/// `Ok(None)`: no index here yet. `Err`: an index that cannot be used.
fn open_existing(dir: &Path, fields: &Fields) -> Result<Option<(Index, i64)>, String> {
    if !dir.join("meta.json").exists() {
        return Ok(None);
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
    // Make sure every segment can be read before trusting the index.
    index
        .reader()
        .map_err(|e| e.to_string())?
        .searcher()
        .segment_readers()
        .iter()
        .try_for_each(|segment| segment.inverted_index(fields.title_nl).map(|_| ()))
        .map_err(|e| e.to_string())?;
    Ok(Some((index, payload.cursor)))
}

fn ignore_not_found(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::NotFound {
        Ok(())
    } else {
        Err(e)
    }
}

/// The writer lock is an OS lock, released when its holder ends, so a lock
/// file left behind by a crash never blocks. Within one process a previous
/// writer may still be shutting down (tests restart the app in-process), so
/// wait for it a little.
async fn acquire_writer(index: &Index) -> Result<IndexWriter, SearchError> {
    let mut waited = Duration::ZERO;
    loop {
        match index.writer_with_num_threads(1, WRITER_MEMORY) {
            Ok(writer) => return Ok(writer),
            Err(tantivy::TantivyError::LockFailure(..)) if waited < Duration::from_secs(10) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                waited += Duration::from_millis(50);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The folder the index of `data_dir` lives in.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}
