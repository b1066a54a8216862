//! Where index generations live on disk. `<data_dir>/search/` holds one folder
//! per generation and a `CURRENT` file naming the one in use. A rebuild writes
//! a new generation beside the old one and switches `CURRENT` with an atomic
//! rename, so there is never a moment without an index; the indexer of a
//! running service notices the switch and moves over.

use std::path::{Path, PathBuf};

const CURRENT: &str = "CURRENT";

pub fn root(data_dir: &Path) -> PathBuf {
    data_dir.join("search")
}

/// The generation in use, if any.
pub fn current(root: &Path) -> Option<String> {
    let name = std::fs::read_to_string(root.join(CURRENT)).ok()?;
    let name = name.trim();
    (!name.is_empty() && !name.contains(['/', '\\', '.'])).then(|| name.to_owned())
}

/// A fresh, empty folder for a new generation.
pub fn new_generation(root: &Path) -> std::io::Result<(String, PathBuf)> {
    std::fs::create_dir_all(root)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_micros();
    let name = format!("gen-{stamp}");
    let dir = root.join(&name);
    std::fs::create_dir(&dir)?;
    Ok((name, dir))
}

/// Makes `name` the generation in use, atomically.
pub fn switch_to(root: &Path, name: &str) -> std::io::Result<()> {
    let tmp = root.join(format!("{CURRENT}.tmp"));
    std::fs::write(&tmp, name)?;
    std::fs::rename(tmp, root.join(CURRENT))
}

/// Removes every generation folder but `keep`.
pub fn remove_others(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("gen-")
            && name != keep
            && let Err(e) = std::fs::remove_dir_all(entry.path())
        {
            tracing::warn!(dir = %entry.path().display(), error = %e, "could not remove an old search index");
        }
    }
}
