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

/// Removes the generation folders older than `keep`. A newer one may be a
/// rebuild another process is writing (`merkwaardig reindex`, or `import`),
/// which it switches to when done: removing that would fail the rebuild.
pub fn remove_others(root: &Path, keep: &str) {
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("gen-")
            && older(&name, keep)
            && let Err(e) = std::fs::remove_dir_all(entry.path())
        {
            tracing::warn!(dir = %entry.path().display(), error = %e, "could not remove an old search index");
        }
    }
}

/// Whether generation `name` was made before `than` (their names hold the
/// time they were made); any other name but `than` counts as older.
fn older(name: &str, than: &str) -> bool {
    let stamp = |name: &str| name.strip_prefix("gen-")?.parse::<u128>().ok();
    match (stamp(name), stamp(than)) {
        (Some(name), Some(than)) => name < than,
        _ => name != than,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_older_generations_are_removed() {
        let root = tempfile::TempDir::new().unwrap();
        for name in ["gen-100", "gen-200", "gen-300"] {
            std::fs::create_dir(root.path().join(name)).unwrap();
        }
        remove_others(root.path(), "gen-200");
        let exists = |name: &str| root.path().join(name).exists();
        assert!(!exists("gen-100"), "an older one goes");
        assert!(exists("gen-200"));
        assert!(
            exists("gen-300"),
            "a newer one may be a rebuild in progress"
        );
    }
}
