//! The `content/` folder: values (reviewed like code), the glossary and the
//! example stories.
//! Files are Markdown with TOML front matter between `+++` lines (Zola's
//! convention). Loading reports every problem with its file and line.

mod front_matter;
mod glossary;
mod stories;
mod values;

use std::fmt;
use std::path::{Path, PathBuf};

pub use glossary::{Glossary, load_glossary};
pub use stories::{DemoStory, load_demo_stories};
pub use values::{ValueDef, load_values};

/// One problem in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl ContentError {
    fn new(file: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        ContentError {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// All problems found in a content folder, one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

/// The Markdown files directly in `dir`, sorted by name so that loading and
/// error reports are the same on every machine.
fn markdown_files(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| ContentError::new(dir, None, format!("cannot read the folder: {e}")))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| ContentError::new(dir, None, format!("cannot read the folder: {e}")))?
            .path();
        if path.extension().is_some_and(|ext| ext == "md") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
