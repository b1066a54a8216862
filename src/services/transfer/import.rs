//! `merkwaardig import FILE.jsonl`, in two passes over the file. [`check`]
//! reads every line and reports every problem, holding nothing but the
//! external ids seen (a file may be far larger than memory should hold).
//! [`import`] reads it again and writes the valid lines in batches of
//! [`Options::batch`], one transaction each.
//!
//! The search index follows in one of two ways. Each story's change-log
//! row is written with it, and every replica's indexer picks it up — the
//! way every other change travels. Or, for a large import, no rows are
//! written and this data folder's index is rebuilt from the database at the
//! end (as `merkwaardig reindex` does: a running service switches to it).
//! The rebuild records the log's head as its cursor, so changes the service
//! made meanwhile are applied after it, and stories written without rows
//! are in it because it reads the stories themselves; a mark in
//! `search_log_marks` makes sure an import that stopped before its rebuild
//! is followed by one (the next import's). Automatic only on
//! SQLite, which has one process and so one index per database: replicas
//! sharing a PostgreSQL database each keep their own index, which only the
//! log reaches.

use std::collections::{HashMap, HashSet, hash_map::Entry};
use std::io::{BufRead, BufReader, Read as _};
use std::path::{Path, PathBuf};

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter, Set};

use super::line::{self, Incoming, LINE_MAX_BYTES};
use super::write::{self, Context};
use super::{Problem, Progress, TransferError};
use crate::db::entities::{org_value, search_log_mark};
use crate::services::values::active_value_kinds;

/// More valid lines than this and the index is rebuilt at the end rather
/// than following the change log (on SQLite; see the module's text).
pub const REBUILD_ABOVE: usize = 5_000;

/// How the search index learns of the imported stories.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexMode {
    /// Rebuild on SQLite above [`REBUILD_ABOVE`] valid lines, else the log.
    Auto,
    /// A change-log row per story.
    Log,
    /// No rows; rebuild this data folder's index at the end.
    Rebuild,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub index: IndexMode,
    /// Stories per transaction.
    pub batch: usize,
    /// Where the search index lives (`<data_dir>/search`).
    pub data_dir: PathBuf,
}

/// What the first pass found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Lines that hold something (blank ones are passed over).
    pub lines: usize,
    pub valid: usize,
    /// Valid lines without an `external_id` of their own.
    pub without_id: usize,
    /// Every problem, with its line number, in the file's order.
    pub problems: Vec<(usize, Problem)>,
    invalid: HashSet<usize>,
}

impl Checked {
    /// How many lines have a problem.
    pub fn invalid(&self) -> usize {
        self.invalid.len()
    }
}

/// How the index learnt of the stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexOutcome {
    /// Each story has its change-log row; every replica's indexer follows.
    FollowsLog,
    /// This data folder's index was rebuilt: generation, log cursor.
    Rebuilt { generation: String, cursor: i64 },
    /// Nothing was added, nothing is owed: the index stays as it is.
    Untouched,
}

/// What the import did.
#[derive(Debug, Clone)]
pub struct Imported {
    pub added: usize,
    /// Lines whose story was in the database already.
    pub already: usize,
    /// Of those added, how many are published.
    pub published: usize,
    pub index: IndexOutcome,
}

/// The first pass: every line read and checked, every problem reported.
/// A line whose external id (or, without one, whose story) came before is
/// a problem too: the first one counts.
pub async fn check(
    db: &DatabaseConnection,
    path: &Path,
    progress: &dyn Progress,
) -> Result<Checked, TransferError> {
    let kinds = active_value_kinds(db).await?;
    let now = crate::clock::now();
    let mut checked = Checked::default();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut lines = Lines::open(path)?;
    while let Some((number, consumed, read)) = lines.next()? {
        progress.advance(consumed);
        let parsed = match read {
            LineRead::Blank => continue,
            LineRead::Text(text) => line::parse(text, &kinds, now),
            LineRead::Refused(problem) => Err(vec![problem]),
        };
        checked.lines += 1;
        let problems = match parsed {
            Ok(incoming) => match first_seen.entry(incoming.external_id) {
                Entry::Vacant(entry) => {
                    entry.insert(number);
                    checked.valid += 1;
                    checked.without_id += usize::from(!incoming.given_id);
                    continue;
                }
                Entry::Occupied(first) if incoming.given_id => vec![Problem::new(
                    "external_id",
                    format!("`{}` is also on line {}", first.key(), first.get()),
                )],
                Entry::Occupied(first) => vec![Problem::line(format!(
                    "the same story (author, title, text and publication) is also on line {}",
                    first.get()
                ))],
            },
            Err(problems) => problems,
        };
        checked.invalid.insert(number);
        checked
            .problems
            .extend(problems.into_iter().map(|p| (number, p)));
    }
    Ok(checked)
}

/// Whether the import rebuilds the index rather than writing the log.
pub fn rebuilds(mode: IndexMode, backend: DbBackend, valid: usize) -> bool {
    match mode {
        IndexMode::Log => false,
        IndexMode::Rebuild => true,
        IndexMode::Auto => backend == DbBackend::Sqlite && valid > REBUILD_ABOVE,
    }
}

/// The second pass: the valid lines of a checked file, written. Lines
/// `checked` found invalid are passed over (the caller decides, by
/// [`Options::skip_invalid`], whether to import at all).
pub async fn import(
    db: &DatabaseConnection,
    path: &Path,
    checked: &Checked,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Imported, TransferError> {
    let rebuild = rebuilds(options.index, db.get_database_backend(), checked.valid);
    let kinds = active_value_kinds(db).await?;
    let value_ids = org_value::Entity::find()
        .filter(org_value::Column::Archived.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|value| (value.slug, value.id))
        .collect();
    let installation = crate::services::installation::ensure(db).await?;
    let mut context = Context {
        value_ids,
        own_prefix: super::export::own_prefix(&installation.uuid),
        write_log: !rebuild,
        people_seen: HashSet::new(),
    };
    let now = crate::clock::now();
    let mut imported = Imported {
        added: 0,
        already: 0,
        published: 0,
        index: IndexOutcome::FollowsLog,
    };
    // An earlier rebuilding import that stopped before its rebuild.
    let owed = rebuild_owed(db).await?;
    if rebuild {
        owe_rebuild(db, true).await?;
    }
    let mut batch: Vec<Incoming> = Vec::with_capacity(options.batch);
    let mut lines = Lines::open(path)?;
    while let Some((number, _, read)) = lines.next()? {
        let text = match read {
            LineRead::Blank => continue,
            _ if checked.invalid.contains(&number) => continue,
            LineRead::Text(text) => text,
            LineRead::Refused(_) => return Err(TransferError::FileChanged(number)),
        };
        let incoming =
            line::parse(text, &kinds, now).map_err(|_| TransferError::FileChanged(number))?;
        batch.push(incoming);
        if batch.len() >= options.batch.max(1) {
            write_batch(db, &mut context, &mut batch, &mut imported, progress).await?;
        }
    }
    write_batch(db, &mut context, &mut batch, &mut imported, progress).await?;
    if rebuild && imported.added == 0 && !owed {
        imported.index = IndexOutcome::Untouched;
    } else if rebuild || owed {
        progress.rebuilding();
        let root = crate::search::store::root(&options.data_dir);
        let fields = crate::search::schema::Fields::new();
        let opened = crate::search::rebuild_generation(db, &root, &fields).await?;
        imported.index = IndexOutcome::Rebuilt {
            generation: opened.generation.name.clone(),
            cursor: opened.cursor,
        };
    }
    if rebuild || owed {
        owe_rebuild(db, false).await?;
    }
    Ok(imported)
}

/// The mark a rebuilding import sets while it writes stories without
/// change-log rows and clears once the index is rebuilt: an import that
/// stopped in between leaves it, and the next import rebuilds even when it
/// has nothing to add.
const REBUILD_OWED: &str = "import_rebuild_owed";

async fn rebuild_owed(db: &DatabaseConnection) -> Result<bool, TransferError> {
    Ok(search_log_mark::Entity::find_by_id(REBUILD_OWED.to_owned())
        .one(db)
        .await?
        .is_some())
}

async fn owe_rebuild(db: &DatabaseConnection, owed: bool) -> Result<(), TransferError> {
    if owed {
        search_log_mark::Entity::insert(search_log_mark::ActiveModel {
            name: Set(REBUILD_OWED.to_owned()),
            value: Set(1),
        })
        .on_conflict(
            OnConflict::column(search_log_mark::Column::Name)
                .update_column(search_log_mark::Column::Value)
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    } else {
        search_log_mark::Entity::delete_by_id(REBUILD_OWED.to_owned())
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn write_batch(
    db: &DatabaseConnection,
    context: &mut Context,
    batch: &mut Vec<Incoming>,
    imported: &mut Imported,
    progress: &dyn Progress,
) -> Result<(), TransferError> {
    if batch.is_empty() {
        return Ok(());
    }
    let size = batch.len();
    let written = write::batch(db, context, std::mem::take(batch)).await?;
    imported.added += written.added;
    imported.already += written.already;
    imported.published += written.published;
    progress.advance(size as u64);
    Ok(())
}

/// A file read line by line, each at most [`LINE_MAX_BYTES`].
struct Lines {
    path: PathBuf,
    reader: BufReader<std::fs::File>,
    buffer: Vec<u8>,
    number: usize,
}

/// One line as read.
enum LineRead<'a> {
    Blank,
    Text(&'a str),
    /// Too long, or not UTF-8.
    Refused(Problem),
}

impl Lines {
    fn open(path: &Path) -> Result<Lines, TransferError> {
        let file = std::fs::File::open(path).map_err(|source| TransferError::File {
            path: path.to_owned(),
            source,
        })?;
        Ok(Lines {
            path: path.to_owned(),
            reader: BufReader::with_capacity(1 << 20, file),
            buffer: Vec::new(),
            number: 0,
        })
    }

    /// The next line: its number, the bytes it took, what it holds.
    fn next(&mut self) -> Result<Option<(usize, u64, LineRead<'_>)>, TransferError> {
        let failed = |source| TransferError::File {
            path: self.path.clone(),
            source,
        };
        self.buffer.clear();
        let limit = LINE_MAX_BYTES as u64 + 1;
        let read = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut self.buffer)
            .map_err(failed)?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let consumed = read as u64;
        if self.buffer.last() != Some(&b'\n') && self.buffer.len() > LINE_MAX_BYTES {
            let rest = self.reader.skip_until(b'\n').map_err(failed)?;
            let problem = Problem::line(format!("longer than {LINE_MAX_BYTES} bytes"));
            return Ok(Some((
                self.number,
                consumed + rest as u64,
                LineRead::Refused(problem),
            )));
        }
        let text = match std::str::from_utf8(&self.buffer) {
            Ok(text) => text.trim_end_matches(['\n', '\r']),
            Err(e) => {
                let problem = Problem::line(format!(
                    "not UTF-8 (a bad byte after {} bytes)",
                    e.valid_up_to()
                ));
                return Ok(Some((self.number, consumed, LineRead::Refused(problem))));
            }
        };
        let read = if text.trim().is_empty() {
            LineRead::Blank
        } else {
            LineRead::Text(text)
        };
        Ok(Some((self.number, consumed, read)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_import_rebuilds_on_sqlite_only_unless_asked() {
        let sqlite = DbBackend::Sqlite;
        let postgres = DbBackend::Postgres;
        assert!(!rebuilds(IndexMode::Auto, sqlite, REBUILD_ABOVE));
        assert!(rebuilds(IndexMode::Auto, sqlite, REBUILD_ABOVE + 1));
        assert!(!rebuilds(IndexMode::Auto, postgres, 1_000_000));
        assert!(rebuilds(IndexMode::Rebuild, postgres, 1));
        assert!(!rebuilds(IndexMode::Log, sqlite, 1_000_000));
    }
}
