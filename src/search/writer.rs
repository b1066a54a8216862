//! Opening tantivy's `IndexWriter` safely: every writer this service uses
//! comes from [`acquire_writer`], which works around a lost-delete hazard of
//! a reopened writer.
//!
//! **The hazard (tantivy 0.27).** A new writer seeds its opstamp counter with
//! the opstamp P of the last commit (`IndexWriter::new`: `Stamper::new(
//! meta.opstamp)`), and the counter is a `fetch_add`, so the first operation
//! gets P again. When that operation is a delete and, before the next
//! commit, a merge of committed segments starts (its target opstamp is the
//! last commit's, P: `segment_updater.rs`, `consider_merge_options`), then
//! `advance_deletes` skips every segment whose `delete_opstamp` is already P
//! ("already up to date"), while the merged segment inherits the delete
//! cursor of the first (largest) merged segment, which has moved past the
//! delete. The delete counts as applied but never was: after a restart, an
//! edited story is in the index twice or a withdrawn one stays. A crash (or
//! a writer dropped while merging) leaves exactly the `meta.json` whose
//! segments the merge policy wants to merge at once. Related upstream:
//! tantivy issue 2666 (duplicate opstamps).
//!
//! **The workaround.** Right after creating a writer, `run` an empty batch of
//! operations: it takes opstamp P and writes nothing, so the first real
//! delete gets P + 1, which every merge target of P leaves for later. The
//! test `tantivy_hands_a_reopened_writers_first_operation_the_last_commits_opstamp`
//! fails once tantivy stops doing that; the workaround may then go.

use std::time::Duration;

use std::collections::HashSet;

use tantivy::index::{SegmentId, SegmentMeta};
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::SearchError;

/// Memory for the writer; below ~15 MB tantivy flushes nearly every document.
pub const WRITER_MEMORY: usize = 50_000_000;

/// The writer lock is an OS lock, released when its holder ends, so a lock
/// file left behind by a crash never blocks. Within one process a previous
/// writer may still be shutting down (tests restart the app in-process), so
/// wait for it a little.
pub async fn acquire_writer(index: &Index) -> Result<IndexWriter, SearchError> {
    let mut waited = Duration::ZERO;
    loop {
        match index.writer_with_num_threads(1, WRITER_MEMORY) {
            Ok(writer) => return Ok(prepared(writer)?),
            Err(tantivy::TantivyError::LockFailure(..)) if waited < Duration::from_secs(10) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                waited += Duration::from_millis(50);
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// A segment of which more than this share of its documents is deleted is
/// merged with its level, even when the level is not yet full. Without it,
/// deleted documents stay until eight segments of a size meet: right after
/// every story of an index was edited once, half of what a search walked was
/// deleted and it took 1.3–1.6 times as long as on a merged index. The same
/// third as Lucene's `TieredMergePolicy` allows.
const DELETED_BEFORE_MERGE: f32 = 0.3;

/// A segment of fewer documents is small: tantivy's `LogMergePolicy` counts
/// them all as its smallest layer.
const SMALL: u32 = 10_000;

/// tantivy's merge policy, with [`DELETED_BEFORE_MERGE`], and [`SmallFirst`].
fn set_merge_policy(writer: &IndexWriter) {
    writer.set_merge_policy(Box::new(SmallFirst { log: log_policy() }));
}

/// tantivy's `LogMergePolicy` with [`DELETED_BEFORE_MERGE`].
fn log_policy() -> LogMergePolicy {
    let mut log = LogMergePolicy::default();
    log.set_del_docs_ratio_before_merge(DELETED_BEFORE_MERGE);
    log
}

/// tantivy's `LogMergePolicy`, and besides: the [`SMALL`] segments it leaves
/// alone are merged together as soon as there are two. Every commit of the
/// indexer makes a segment of the few stories that changed, and the log
/// policy lets eight of a layer gather before it merges them; but every
/// segment costs each search a lookup of every query term (a prefix's
/// completions are a hundred terms and more). After 10,000 single-story
/// edits at 100k the index had 12 segments instead of 6 and the whole set's
/// p95 was 1.46 times that of the freshly built index. Merging the small
/// ones at once costs little, because they are small; a small index is
/// then one segment.
#[derive(Debug)]
struct SmallFirst {
    log: LogMergePolicy,
}

impl MergePolicy for SmallFirst {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let mut candidates = self.log.compute_merge_candidates(segments);
        let merging: HashSet<SegmentId> = candidates
            .iter()
            .flat_map(|candidate| candidate.0.iter().copied())
            .collect();
        let small: Vec<SegmentId> = segments
            .iter()
            .filter(|s| !merging.contains(&s.id()) && s.num_docs() < SMALL)
            .map(SegmentMeta::id)
            .collect();
        if small.len() >= 2 {
            candidates.push(MergeCandidate(small));
        }
        candidates
    }
}

/// A new writer made ready for the service: the merge policy, the opstamp
/// burnt, and the files of a commit that never completed removed.
///
/// **The files.** A commit writes each touched segment's deletes to a file
/// named by the segment and the commit's opstamp, and `meta.json` last. A
/// process killed in between leaves those files, and its restart replays
/// the same changes from the same cursor with the same opstamps: its
/// commit then wants the same file names, and tantivy refuses to overwrite
/// one (`FileAlreadyExists`), so the service could not start again. The
/// files are tantivy's own ("managed"), listed before they are written, so
/// its garbage collection (which otherwise runs only after a commit)
/// removes every one the last `meta.json` does not name.
fn prepared(writer: IndexWriter) -> tantivy::Result<IndexWriter> {
    set_merge_policy(&writer);
    let writer = burn_reused_opstamp(writer)?;
    writer.garbage_collect_files().wait()?;
    Ok(writer)
}

/// Uses up the opstamp a new writer would hand out a second time (see the
/// module comment).
fn burn_reused_opstamp(writer: IndexWriter) -> tantivy::Result<IndexWriter> {
    writer.run(Vec::<UserOperation<TantivyDocument>>::new())?;
    Ok(writer)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use tantivy::collector::Count;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::query::TermQuery;
    use tantivy::schema::{FAST, Field, INDEXED, IndexRecordOption, STORED, Schema, TEXT};
    use tantivy::{Index, IndexWriter, Term, doc};

    use super::{burn_reused_opstamp, log_policy, prepared};

    #[derive(Clone, Copy)]
    struct Fields {
        id: Field,
        body: Field,
    }

    fn create(dir: &Path) -> (Index, Fields) {
        let mut builder = Schema::builder();
        let id = builder.add_u64_field("id", INDEXED | STORED | FAST);
        let body = builder.add_text_field("body", TEXT | STORED);
        let index = Index::create_in_dir(dir, builder.build()).unwrap();
        (index, Fields { id, body })
    }

    /// One batch as the indexer applies it: ids ascending, each deleted and
    /// added back when still published, then a commit.
    fn batch(writer: &mut IndexWriter, f: Fields, rows: &[(u64, Option<&str>)]) {
        for (id, body) in rows {
            writer.delete_term(Term::from_field_u64(f.id, *id));
            if let Some(body) = body {
                writer
                    .add_document(doc!(f.id => *id, f.body => *body))
                    .unwrap();
            }
        }
        writer.commit().unwrap();
    }

    /// The files a crash leaves while a merge runs: nine committed segments
    /// the default merge policy wants to merge (built here without merging),
    /// the largest first and never touched by a delete, and a last commit (P)
    /// that updated story 2, so the segment holding story 1 has
    /// `delete_opstamp == P`. A filler story per small segment keeps each
    /// segment alive (an emptied one would be dropped, hiding the hazard).
    fn crash_image(dir: &Path) -> Fields {
        let (index, f) = create(dir);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        let big: Vec<(u64, Option<&str>)> = (100..120).map(|i| (i, Some("old text"))).collect();
        batch(&mut writer, f, &big);
        for k in 0..7u64 {
            batch(
                &mut writer,
                f,
                &[
                    (2 * k + 1, Some("old text")),
                    (2 * k + 2, Some("old text")),
                    (1000 + k, Some("filler")),
                ],
            );
        }
        batch(&mut writer, f, &[(2, Some("new text"))]);
        f
    }

    fn copies(index: &Index, f: Fields, id: u64) -> usize {
        let query = TermQuery::new(Term::from_field_u64(f.id, id), IndexRecordOption::Basic);
        index
            .reader()
            .unwrap()
            .searcher()
            .search(&query, &Count)
            .unwrap()
    }

    /// Restarts on the crash image with a writer from `open`, re-applies the
    /// log after the cursor (story 1 withdrawn, story 3 edited) and one more
    /// batch, lets merges finish, and counts the copies of story 1.
    fn copies_of_withdrawn_story_after_restart(open: fn(&Index) -> IndexWriter) -> usize {
        let dir = tempfile::tempdir().unwrap();
        let f = crash_image(dir.path());
        let index = Index::open_in_dir(dir.path()).unwrap();
        let mut writer = open(&index);
        batch(&mut writer, f, &[(1, None), (3, Some("new text"))]);
        batch(&mut writer, f, &[(500, Some("a later story"))]);
        writer.wait_merging_threads().unwrap();
        copies(&index, f, 1)
    }

    fn plain(index: &Index) -> IndexWriter {
        index.writer_with_num_threads(1, 15_000_000).unwrap()
    }

    fn ours(index: &Index) -> IndexWriter {
        burn_reused_opstamp(plain(index)).unwrap()
    }

    /// The upstream behaviour the workaround exists for, kept as a minimal
    /// reproduction: when this fails, tantivy has changed.
    #[test]
    fn tantivy_hands_a_reopened_writers_first_operation_the_last_commits_opstamp() {
        let dir = tempfile::tempdir().unwrap();
        let f = crash_image(dir.path());
        let index = Index::open_in_dir(dir.path()).unwrap();
        let last_commit = index.load_metas().unwrap().opstamp;
        let first = plain(&index).delete_term(Term::from_field_u64(f.id, 1));
        assert_eq!(first, last_commit);
        assert_eq!(
            copies_of_withdrawn_story_after_restart(plain),
            1,
            "without the workaround the delete is lost in the merge"
        );
    }

    #[test]
    fn with_the_workaround_a_delete_after_a_restart_is_never_lost() {
        let dir = tempfile::tempdir().unwrap();
        let f = crash_image(dir.path());
        let index = Index::open_in_dir(dir.path()).unwrap();
        let last_commit = index.load_metas().unwrap().opstamp;
        let first = ours(&index).delete_term(Term::from_field_u64(f.id, 1));
        assert!(first > last_commit);
        assert_eq!(copies_of_withdrawn_story_after_restart(ours), 0);
    }

    /// One change as a restarted service applies it: story 1 edited.
    fn edit_story_one(writer: &mut IndexWriter, f: Fields) -> tantivy::Result<u64> {
        writer.delete_term(Term::from_field_u64(f.id, 1));
        writer.add_document(doc!(f.id => 1u64, f.body => "new text"))?;
        writer.commit()
    }

    #[test]
    fn a_restart_after_a_commit_killed_before_its_meta_json_applies_the_change_again() {
        let dir = tempfile::tempdir().unwrap();
        let (index, f) = create(dir.path());
        let mut writer = burn_reused_opstamp(plain(&index)).unwrap();
        let stories: Vec<(u64, Option<&str>)> = (1..6).map(|i| (i, Some("old text"))).collect();
        batch(&mut writer, f, &stories);
        drop(writer);
        // The killed process: its commit wrote the segment's delete file,
        // and the kill came before `meta.json`.
        let meta = std::fs::read(dir.path().join("meta.json")).unwrap();
        let mut killed = burn_reused_opstamp(plain(&index)).unwrap();
        edit_story_one(&mut killed, f).unwrap();
        drop(killed);
        std::fs::write(dir.path().join("meta.json"), &meta).unwrap();

        let index = Index::open_in_dir(dir.path()).unwrap();
        let mut unprepared = burn_reused_opstamp(plain(&index)).unwrap();
        let refused = edit_story_one(&mut unprepared, f).unwrap_err();
        assert!(
            refused.to_string().contains("FileAlreadyExists"),
            "tantivy refuses the same delete file again: {refused}"
        );
        drop(unprepared);

        let index = Index::open_in_dir(dir.path()).unwrap();
        let mut writer = prepared(plain(&index)).unwrap();
        edit_story_one(&mut writer, f).unwrap();
        assert_eq!(copies(&index, f, 1), 1);
    }

    #[test]
    fn small_segments_are_merged_together_as_soon_as_there_are_two() {
        let dir = tempfile::tempdir().unwrap();
        let (index, _) = create(dir.path());
        use tantivy::indexer::MergePolicy;
        let policy = super::SmallFirst { log: log_policy() };
        let segments = |sizes: &[u32]| -> Vec<tantivy::index::SegmentMeta> {
            sizes
                .iter()
                .map(|&n| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), n))
                .collect()
        };
        let merged = |sizes: &[u32]| -> Vec<Vec<u32>> {
            let metas = segments(sizes);
            let size_of = |id| metas.iter().find(|m| m.id() == id).unwrap().num_docs();
            let mut merges: Vec<Vec<u32>> = policy
                .compute_merge_candidates(&metas)
                .into_iter()
                .map(|c| {
                    let mut sizes: Vec<u32> = c.0.into_iter().map(size_of).collect();
                    sizes.sort_unstable();
                    sizes
                })
                .collect();
            merges.sort();
            merges
        };
        // Six large segments, as a reindex of 100k leaves them: nothing to do.
        assert!(merged(&[16_000; 6]).is_empty());
        // One small one waits for another.
        assert!(merged(&[16_000, 16_000, 16_000, 200]).is_empty());
        assert_eq!(
            merged(&[16_000, 16_000, 16_000, 200, 60, 9_999]),
            [vec![60, 200, 9_999]]
        );
        // Not small: as large as the log policy's smallest layer.
        assert!(merged(&[16_000, 16_000, 10_000, 60]).is_empty());
        // A small index becomes one segment.
        assert_eq!(merged(&[5_000, 5_000, 40]), [vec![40, 5_000, 5_000]]);
    }

    #[test]
    fn a_segment_with_a_third_of_its_stories_deleted_is_merged_away() {
        let dir = tempfile::tempdir().unwrap();
        let (index, f) = create(dir.path());
        let deleted_after = |edited: std::ops::Range<u64>| {
            // The log policy alone: its segments here are all small.
            let mut writer = plain(&index);
            writer.set_merge_policy(Box::new(log_policy()));
            let edits: Vec<(u64, Option<&str>)> = edited.map(|i| (i, Some("edited"))).collect();
            batch(&mut writer, f, &edits);
            writer.wait_merging_threads().unwrap();
            let searcher = index.reader().unwrap().searcher();
            let segments = searcher.segment_readers();
            let deleted: u32 = segments.iter().map(|s| s.num_deleted_docs()).sum();
            (segments.len(), deleted)
        };
        let mut writer = plain(&index);
        let stories: Vec<(u64, Option<&str>)> = (0..100).map(|i| (i, Some("text"))).collect();
        batch(&mut writer, f, &stories);
        drop(writer);
        assert_eq!(
            deleted_after(0..20),
            (2, 20),
            "a fifth deleted: left as it is"
        );
        assert_eq!(
            deleted_after(20..40),
            (1, 0),
            "two fifths of the first segment deleted: merged, the deleted stories gone"
        );
    }
}
