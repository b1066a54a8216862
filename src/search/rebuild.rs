//! Building a whole index from the database: at start-up when there is none
//! or it cannot be used, by `merkwaardig reindex`, and after a large import.
//!
//! Unlike the indexer, which commits every batch so that a crash resumes
//! from the last one, a rebuild writes into a new generation that nobody
//! reads until it is complete: it commits once, at the end (a crash leaves a
//! folder that is never switched to and is removed later). That, and a
//! pipeline that keeps every core busy, is what makes it fast:
//!
//! - a task reads the published stories in chunks, by id (keyset, so each
//!   query is an index range however far it has come), with their values;
//! - the next chunk is read while the previous one is turned into documents
//!   on a blocking thread and handed to tantivy's indexing threads, one per
//!   core, each with its share of [`MEMORY`].
//!
//! Measured with `cargo bench --bench scale` (README, "Performance").

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tantivy::{Index, IndexWriter};
use tokio::sync::mpsc;

use super::SearchError;
use super::indexer::{Payload, document};
use super::schema::{Fields, SCHEMA_VERSION};
use crate::db::entities::story;
use crate::db::{change_log, story_tags};
use crate::domain::StoryStatus;

/// Stories read per query.
const CHUNK: u64 = 1_000;
/// Memory for the indexing threads together. A segment is written when a
/// thread's share is full: more memory, fewer and larger segments, less
/// merging. Held only while a rebuild runs.
const MEMORY: usize = 256_000_000;

/// Chunks read ahead of the indexing.
const AHEAD: usize = 2;

type Chunk = Vec<(story::Model, Vec<String>)>;

/// Indexes every published story into `index` (new and empty) as of the log
/// head read first, and commits once with that head as the cursor: changes
/// made during the rebuild come after it and are applied by the indexer.
/// Returns the cursor and how many stories were indexed.
pub async fn rebuild(
    db: &DatabaseConnection,
    fields: &Fields,
    index: &Index,
) -> Result<(i64, usize), SearchError> {
    let mark = change_log::head(db).await?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let writer: IndexWriter = index.writer_with_num_threads(threads, MEMORY)?;
    let (sender, mut chunks) = mpsc::channel::<Chunk>(AHEAD);
    let read = read_all(db, sender);
    let write = async {
        let mut writer = writer;
        let mut count = 0;
        while let Some(chunk) = chunks.recv().await {
            count += chunk.len();
            let fields = fields.clone();
            writer = tokio::task::spawn_blocking(move || -> tantivy::Result<IndexWriter> {
                for (row, values) in chunk {
                    writer.add_document(document(&fields, &row, &values))?;
                }
                Ok(writer)
            })
            .await
            .map_err(|e| {
                tantivy::TantivyError::SystemError(format!("rebuild task failed: {e}"))
            })??;
        }
        Ok::<_, SearchError>((writer, count))
    };
    let (read, written) = tokio::join!(read, write);
    let (writer, count) = written?;
    read?;
    tokio::task::spawn_blocking(move || -> tantivy::Result<()> {
        let mut writer = writer;
        let payload = Payload {
            schema: SCHEMA_VERSION,
            cursor: mark,
        };
        let json = serde_json::to_string(&payload).unwrap_or_default();
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&json);
        prepared.commit()?;
        // Merges the segments the indexing threads wrote before anyone
        // searches them.
        writer.wait_merging_threads()
    })
    .await
    .map_err(|e| tantivy::TantivyError::SystemError(format!("rebuild task failed: {e}")))??;
    Ok((mark, count))
}

/// Sends the published stories with their values' slugs, in id order, a
/// chunk at a time; stops early when the receiving side has failed.
///
/// Each chunk is a range of ids, whatever the stories' status, and the
/// published ones are kept here: a query that also filtered on the status
/// let SQLite choose an index by status and sort every published story
/// after `after` by id, for every chunk. At 100,000 stories that was a
/// quadratic 20 GB of sorting, half the reading thread's time, measured
/// with `perf` on a rebuild.
async fn read_all(db: &DatabaseConnection, chunks: mpsc::Sender<Chunk>) -> Result<(), SearchError> {
    let mut after = 0;
    loop {
        let mut rows = story::Entity::find()
            .filter(story::Column::Id.gt(after))
            .order_by_asc(story::Column::Id)
            .limit(CHUNK)
            .all(db)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.id;
        rows.retain(|row| row.status == StoryStatus::Published.as_str());
        let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
        let mut tags = story_tags::of(db, &ids).await?;
        let chunk = rows
            .into_iter()
            .map(|row| {
                let slugs = tags
                    .remove(&row.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|tag| tag.slug)
                    .collect();
                (row, slugs)
            })
            .collect();
        if chunks.send(chunk).await.is_err() {
            return Ok(());
        }
    }
}
