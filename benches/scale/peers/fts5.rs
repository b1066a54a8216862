//! SQLite FTS5 as a web app would use it: the stories in a table, an FTS5
//! index over title and body with the table as its content (the text is not
//! stored twice), `bm25` with the title weighted as ours is, `snippet()`,
//! `count(*)` and the value counts by a join. Accents are folded
//! (`remove_diacritics 2`); FTS5 has no Dutch stemmer, so none is used.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};

use crate::corpus;
use crate::engines::{Answer, Engine};
use crate::queries::{Kind, Query};

pub struct Fts5 {
    db: Connection,
}

/// How loading went: the rows, then the index built from them.
pub struct Built {
    pub load: Duration,
    pub index: Duration,
    pub text_bytes: u64,
    pub file: PathBuf,
}

pub fn build(dir: &Path, corpus_file: &Path, size: usize) -> Built {
    let file = dir.join(format!("fts5-{size}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    let mut db = Connection::open(&file).unwrap();
    db.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = NORMAL;
         CREATE TABLE stories (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
             lang TEXT NOT NULL, team TEXT, audience TEXT NOT NULL, published_at TEXT NOT NULL);
         CREATE TABLE story_values (value TEXT NOT NULL, story_id INTEGER NOT NULL,
             PRIMARY KEY (value, story_id)) WITHOUT ROWID;
         CREATE INDEX story_values_story ON story_values (story_id);
         CREATE VIRTUAL TABLE fts USING fts5 (title, body, content = 'stories',
             content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
         INSERT INTO fts (fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)');",
    )
    .unwrap();
    let started = Instant::now();
    let mut text_bytes = 0;
    let tx = db.transaction().unwrap();
    {
        let mut story = tx
            .prepare("INSERT INTO stories VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .unwrap();
        let mut value = tx
            .prepare("INSERT INTO story_values VALUES (?1, ?2)")
            .unwrap();
        for (n, s) in corpus::read(corpus_file).enumerate() {
            let id = n as i64 + 1;
            text_bytes += (s.title.len() + s.body.len()) as u64;
            story
                .execute(params![
                    id,
                    s.title,
                    s.body,
                    s.lang,
                    s.team,
                    s.audience,
                    s.published_at
                ])
                .unwrap();
            for v in &s.values {
                value.execute(params![v, id]).unwrap();
            }
        }
    }
    tx.commit().unwrap();
    let load = started.elapsed();
    let started = Instant::now();
    db.execute_batch("INSERT INTO fts (fts) VALUES ('rebuild'); PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    Built {
        load,
        index: started.elapsed(),
        text_bytes,
        file,
    }
}

impl Fts5 {
    pub fn open(file: &Path) -> Fts5 {
        let db = Connection::open(file).unwrap();
        db.execute_batch("PRAGMA cache_size = -262144;").unwrap();
        Fts5 { db }
    }
}

/// FTS5's query syntax: each word quoted, a phrase as one string, `*` after
/// a word being typed.
fn match_text(query: &Query) -> String {
    let quoted: Vec<String> = query.words.iter().map(|w| format!("\"{w}\"")).collect();
    let mut text = match query.kind {
        Kind::And => quoted.join(" "),
        Kind::Or => quoted.join(" OR "),
        Kind::Phrase => format!("\"{}\"", query.words.join(" ")),
    };
    if query.prefix {
        text.push('*');
    }
    text
}

impl Engine for Fts5 {
    fn search(&mut self, query: &Query) -> Answer {
        let text = match_text(query);
        let filter = if query.value.is_some() {
            " AND EXISTS (SELECT 1 FROM story_values v WHERE v.value = ?2 AND v.story_id = fts.rowid)"
        } else {
            " AND ?2 IS NULL"
        };
        let value = query.value;
        let mut top = self
            .db
            .prepare_cached(&format!(
                "SELECT s.id, s.title, snippet(fts, 1, '<mark>', '</mark>', '…', 24)
                 FROM fts JOIN stories s ON s.id = fts.rowid
                 WHERE fts MATCH ?1{filter} ORDER BY rank LIMIT 10"
            ))
            .unwrap();
        let hits = top
            .query_map(params![text, value], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .unwrap()
            .map(Result::unwrap)
            .count();
        let total: i64 = self
            .db
            .prepare_cached(&format!(
                "SELECT count(*) FROM fts WHERE fts MATCH ?1{filter}"
            ))
            .unwrap()
            .query_row(params![text, value], |row| row.get(0))
            .unwrap();
        let mut facets = self
            .db
            .prepare_cached(&format!(
                "SELECT v.value, count(*) FROM fts JOIN story_values v ON v.story_id = fts.rowid
                 WHERE fts MATCH ?1{filter} GROUP BY v.value"
            ))
            .unwrap();
        let _: Vec<(String, i64)> = facets
            .query_map(params![text, value], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        Answer {
            total: total as usize,
            hits,
        }
    }
}
