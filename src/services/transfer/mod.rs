//! Stories in and out in bulk, one JSON object a line (JSONL): `merkwaardig
//! import` ([`import`]: check every line, then write in large transactions)
//! and `merkwaardig export` ([`export`]: every story, in the same format, so
//! that an export imports into an empty database as it was). [`line`] reads
//! and checks one line with the rules a submitted story obeys
//! ([`crate::domain::NewStory`]), [`fields`] taking its JSON apart field by
//! field; [`write`] writes a batch of them.
//!
//! Every story that comes in gets an `external_id`: the one on its line, or
//! one derived from its author, title, text and date (`sha256:…`), so that
//! importing the same file again adds nothing. An export names a story
//! written here `merkwaardig:<installation>:<id>`, which an import into the
//! same database recognises as that story.

pub mod export;
mod fields;
pub mod import;
pub mod line;
mod write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use export::export;
pub use import::{
    Checked, Imported, IndexMode, IndexOutcome, Options, REBUILD_ABOVE, check, import,
};

/// The fields of a line, in the order an export writes them.
pub const FIELDS: [&str; 16] = [
    "external_id",
    "title",
    "body",
    "values",
    "audience",
    "team",
    "lang",
    "author",
    "status",
    "published_at",
    "created_at",
    "anonymous",
    "approach",
    "reject_reason",
    "featured",
    "people",
];

/// A person on a line: the author, or a colleague the story names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonLine {
    pub id: String,
    /// Defaults to the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A line as an export writes it (an import reads the same fields, field by
/// field, to name each problem).
#[derive(Debug, Clone, Serialize)]
pub struct StoryLine {
    pub external_id: String,
    pub title: String,
    pub body: String,
    pub values: Vec<String>,
    pub audience: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub lang: String,
    /// `None`: a former colleague (forgotten, or a program's token).
    pub author: Option<PersonLine>,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approach: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reject_reason: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub featured: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonLine>,
}

/// What is wrong with a line: the field (empty for the line as a whole)
/// and why, in English (the command line's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub reason: String,
}

impl Problem {
    pub fn new(field: &str, reason: impl Into<String>) -> Problem {
        Problem {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    /// A problem with the line as a whole (not JSON, not an object).
    pub fn line(reason: impl Into<String>) -> Problem {
        Problem::new("", reason)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.field, self.reason)
        }
    }
}

/// How far a long run has come, for a progress bar.
pub trait Progress: Sync {
    /// `n` more done: bytes while checking, stories while importing or
    /// exporting.
    fn advance(&self, _n: u64) {}
    /// The import's last step has begun: rebuilding the search index.
    fn rebuilding(&self) {}
}

/// No progress shown.
impl Progress for () {}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("{path}: {source}")]
    File {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("writing the export: {0}")]
    Write(std::io::Error),
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    App(#[from] crate::error::AppError),
    #[error("rebuilding the search index: {0}")]
    Search(#[from] crate::search::SearchError),
    /// A line checked before is no longer valid: the file changed meanwhile.
    #[error(
        "line {0} changed while importing; nothing after it was imported; run the import again"
    )]
    FileChanged(usize),
}
