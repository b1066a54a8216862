//! The indexer: one task per process owns the `IndexWriter`, follows the
//! `search_changes` log after its cursor, re-reads the stories it names and
//! applies them, committing in batches with the cursor in the commit payload.
//! Re-applying a change is idempotent, so a crash anywhere loses nothing: on
//! start the indexer resumes from the payload of the last commit.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use tantivy::schema::Facet;
use tantivy::{IndexWriter, TantivyDocument};
use tokio::sync::watch;

use super::progress::Progress;
use super::schema::{self, Fields, SCHEMA_VERSION};
use super::{SearchIndex, store};
use crate::db::entities::story;
use crate::db::{change_log, story_tags};
use crate::domain::{Lang, StoryStatus};

/// How often the log is polled: a story is searchable within about this long.
pub const POLL_INTERVAL: Duration = Duration::from_millis(150);
/// Log rows read per batch.
const BATCH: u64 = 2_000;
/// How often each replica asks whether a pruning round is due.
const PRUNE_CHECK_EVERY: Duration = Duration::from_secs(600);
/// The name of the pruning round's claim (see [`crate::db::rounds`]).
const PRUNE_ROUND: &str = "change_log_pruned_at";
/// How often old rows of the change log are pruned, across all replicas.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// How long a hole in the log ids is waited for before it is taken to be a
/// rolled-back transaction. PostgreSQL hands out sequence values before the
/// transactions commit, so id 11 may become visible before id 10: the cursor
/// never passes a hole younger than this.
pub const GAP_GRACE: Duration = Duration::from_secs(10);

/// What the index records about itself in each commit.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
pub struct Payload {
    pub schema: u32,
    /// Every log row up to and including this id is in the index.
    pub cursor: i64,
}

impl Payload {
    pub fn parse(raw: Option<&str>) -> Option<Payload> {
        serde_json::from_str(raw?).ok()
    }
}

/// One story's change to apply: delete it, and add it back when published.
pub type Change = (i32, Option<TantivyDocument>);

/// Story ids per query: PostgreSQL takes at most 65,535 parameters, and
/// the consistency check may re-apply more stories than that (after a
/// large import while the service was stopped).
const IDS_PER_QUERY: usize = 10_000;

/// Builds the index documents of these stories as they are now; stories that
/// are not published (or no longer exist) become deletions only.
pub async fn documents(
    db: &DatabaseConnection,
    fields: &Fields,
    ids: &[i32],
) -> Result<Vec<Change>, sea_orm::DbErr> {
    let mut changes = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        changes.extend(documents_of(db, fields, chunk).await?);
    }
    Ok(changes)
}

async fn documents_of(
    db: &DatabaseConnection,
    fields: &Fields,
    ids: &[i32],
) -> Result<Vec<Change>, sea_orm::DbErr> {
    let rows = story::Entity::find()
        .filter(story::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    let published: Vec<story::Model> = rows
        .into_iter()
        .filter(|row| row.status == StoryStatus::Published.as_str())
        .collect();
    let published_ids: Vec<i32> = published.iter().map(|s| s.id).collect();
    let mut tags = story_tags::of(db, &published_ids).await?;
    let mut docs: HashMap<i32, TantivyDocument> = HashMap::new();
    for row in published {
        let values = tags.remove(&row.id).unwrap_or_default();
        let slugs: Vec<String> = values.into_iter().map(|t| t.slug).collect();
        docs.insert(row.id, document(fields, &row, &slugs));
    }
    Ok(ids.iter().map(|id| (*id, docs.remove(id))).collect())
}

pub(super) fn document(fields: &Fields, row: &story::Model, values: &[String]) -> TantivyDocument {
    let lang = Lang::parse(&row.lang).unwrap_or(Lang::Nl);
    let mut doc = TantivyDocument::default();
    doc.add_u64(fields.id, row.id as u64);
    doc.add_text(fields.lang, lang.as_str());
    // The body as plain text, indexed and stored: Markdown syntax is not
    // words, and a hit's snippet is cut from this text without parsing the
    // Markdown again on every search.
    let body = crate::markdown::plain_text(&row.body_md);
    doc.add_text(fields.title(lang), &row.title);
    let (words, beginnings) = schema::word_fields(&[&row.title, &body], lang);
    doc.add_text(fields.words, words);
    doc.add_text(fields.begins, beginnings);
    doc.add_text(fields.body(lang), body);
    for slug in values {
        doc.add_facet(fields.value, Facet::from_path(["value", slug.as_str()]));
    }
    doc.add_text(fields.audience, &row.audience);
    if let Some(team) = &row.team {
        doc.add_text(fields.team, team);
    }
    let published = row.published_at.unwrap_or(row.created_at).timestamp();
    doc.add_i64(fields.published_at, published);
    doc
}

/// Applies changes and commits them with `payload`, off the async threads.
/// The writer moves into the blocking task and back out, so no lock is held
/// across a panic.
pub async fn apply(
    mut writer: IndexWriter,
    fields: Fields,
    changes: Vec<Change>,
    payload: Payload,
) -> Result<IndexWriter, tantivy::TantivyError> {
    let started = std::time::Instant::now();
    let batch = changes.len();
    let result = tokio::task::spawn_blocking(move || {
        for (id, doc) in changes {
            writer.delete_term(fields.id_term(id));
            if let Some(doc) = doc {
                writer.add_document(doc)?;
            }
        }
        let json = serde_json::to_string(&payload).unwrap_or_default();
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&json);
        prepared.commit()?;
        Ok(writer)
    })
    .await
    .map_err(|e| tantivy::TantivyError::SystemError(format!("indexer task failed: {e}")))?;
    if result.is_ok() {
        let metrics = crate::metrics::get();
        metrics.index_batch.observe(batch as f64);
        metrics
            .index_commit
            .observe(started.elapsed().as_secs_f64());
    }
    result
}

/// Runs until `stop` is dropped: polls the log, applies, commits, reloads.
/// Moves over to a new generation when `CURRENT` names one (after
/// `merkwaardig reindex`), and recovers from errors by reopening the index
/// at its last commit, which loses nothing: the log is re-read from there.
pub async fn run(
    search: Arc<SearchIndex>,
    db: DatabaseConnection,
    root: PathBuf,
    writer: IndexWriter,
    cursor: i64,
    retention: Option<Duration>,
    mut stop: watch::Receiver<()>,
) {
    let mut writer = Some(writer);
    // The first pruning a minute after the start, then hourly.
    let mut next_prune = Instant::now() + Duration::from_secs(60);
    let mut progress = Progress::new(cursor);
    let mut commits: u64 = 0;
    let mut delay = POLL_INTERVAL;
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            _ = tokio::time::sleep(delay) => {}
        }
        delay = POLL_INTERVAL;
        if let Some(retention) = retention
            && Instant::now() >= next_prune
        {
            next_prune = Instant::now() + PRUNE_CHECK_EVERY;
            let now = chrono::Utc::now();
            // One replica a round: the others find it claimed.
            match crate::db::rounds::claim(&db, PRUNE_ROUND, PRUNE_EVERY, now).await {
                Ok(true) => {
                    let before = now
                        - chrono::Duration::from_std(retention).unwrap_or(chrono::Duration::MAX);
                    if let Err(e) = change_log::prune(&db, before).await {
                        tracing::warn!(error = %e, "pruning the change log failed; trying again later");
                    }
                }
                Ok(false) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "cannot claim the pruning round; trying again later")
                }
            }
        }
        let switch_to = store::current(&root).filter(|name| *name != search.generation().name);
        if writer.is_none() || switch_to.is_some() {
            drop(writer.take());
            let opened = match super::open_current(&root, &search.fields).await {
                Ok(Some(opened)) => super::consistency::repair(&db, &search.fields, opened)
                    .await
                    .map(Some),
                other => other,
            };
            match opened {
                Ok(Some(opened)) => {
                    tracing::info!(generation = %opened.generation.name, cursor = opened.cursor, "search indexer (re)opened the index");
                    store::remove_others(&root, &opened.generation.name);
                    search.replace_generation(opened.generation);
                    progress = Progress::new(opened.cursor);
                    search.searchable(opened.cursor, &Default::default());
                    writer = Some(opened.writer);
                }
                Ok(None) => {
                    tracing::error!("the current search index cannot be opened; retrying");
                    delay = Duration::from_secs(5);
                    continue;
                }
                Err(e) => {
                    tracing::error!(error = %e, "cannot reopen the search index; retrying");
                    delay = Duration::from_secs(5);
                    continue;
                }
            }
        }
        let Some(current) = writer.take() else {
            continue;
        };
        match step(&search, &db, current, &mut progress).await {
            Ok((next, committed)) => {
                if committed {
                    commits += 1;
                    if commits.is_multiple_of(200) {
                        let _ = next.garbage_collect_files().await;
                    }
                }
                writer = Some(next);
            }
            Err(e @ super::SearchError::FellBehind { .. }) => {
                tracing::warn!(error = %e, "search index fell behind the change log; rebuilding it from the database");
                if let Err(e) = super::rebuild_generation(&db, &root, &search.fields).await {
                    tracing::error!(error = %e, "rebuilding the search index failed; retrying");
                    delay = Duration::from_secs(5);
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "search indexer step failed; resuming from the last commit");
                delay = Duration::from_secs(1);
            }
        }
    }
    tracing::debug!("search indexer stopped");
    if let Some(writer) = writer
        && let Err(e) = tokio::task::spawn_blocking(move || writer.wait_merging_threads()).await
    {
        tracing::warn!(error = %e, "search indexer did not shut down cleanly");
    }
}

/// One poll: returns the writer and whether it committed.
async fn step(
    search: &SearchIndex,
    db: &DatabaseConnection,
    writer: IndexWriter,
    progress: &mut Progress,
) -> Result<(IndexWriter, bool), super::SearchError> {
    let rows = change_log::after(db, progress.cursor, BATCH).await?;
    // A gap right at the cursor: a transaction still running, one rolled
    // back — or rows pruned before this replica read them.
    if rows
        .first()
        .is_some_and(|(first, _)| *first > progress.cursor + 1)
    {
        let pruned = change_log::pruned_through(db).await?;
        if progress.cursor < pruned {
            return Err(super::SearchError::FellBehind {
                cursor: progress.cursor,
                pruned,
            });
        }
    }
    let pending = progress.pending(&rows);
    let before = progress.cursor;
    let mut story_ids: Vec<i32> = pending.iter().map(|(_, story)| *story).collect();
    story_ids.sort_unstable();
    story_ids.dedup();
    let changes = if story_ids.is_empty() {
        Vec::new()
    } else {
        documents(db, &search.fields, &story_ids).await?
    };
    let applied: Vec<(i64, i32)> = pending.into_iter().copied().collect();
    let mut after = progress.clone();
    after.advance(&applied, Instant::now(), GAP_GRACE);
    if changes.is_empty() && after.cursor == before {
        *progress = after;
        return Ok((writer, false));
    }
    let payload = Payload {
        schema: SCHEMA_VERSION,
        cursor: after.cursor,
    };
    let writer = apply(writer, search.fields.clone(), changes, payload).await?;
    // Advance only after the commit returned, then make it visible.
    *progress = after;
    search.generation().reader.reload()?;
    search.searchable(progress.cursor, progress.applied_beyond());
    Ok((writer, true))
}
