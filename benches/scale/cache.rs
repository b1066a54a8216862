//! The index in the kernel's page cache: how much of it is there, and
//! dropping it from there.
//!
//! The service reads its index through memory maps, so a search is as fast
//! as its pages are warm. What the runs before a measurement read decides
//! how warm they are: at a million stories the peers' data alone (6.5 GB of
//! FTS5, PostgreSQL's tables) is more than the page cache keeps beside a
//! 5 GB index. So the benchmark says how much of the index was in memory
//! when the HTTP searches began, then drops it on purpose and measures one
//! pass cold — a reproducible figure, rather than one that depends on what
//! ran before — and then the timed passes warm.

use std::path::Path;
use std::process::Command;

/// Bytes of a folder's files in the page cache, and their size.
#[derive(Clone, Copy, Debug, Default)]
pub struct Residency {
    pub resident: u64,
    pub total: u64,
}

impl Residency {
    pub fn share(&self) -> f64 {
        self.resident as f64 / self.total.max(1) as f64
    }

    /// `41% of 5,233 MB`
    pub fn describe(&self) -> String {
        format!(
            "{:.0}% of {:.0} MB",
            self.share() * 100.0,
            self.total as f64 / 1e6
        )
    }
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        match entry.file_type() {
            Ok(t) if t.is_dir() => files.extend(self::files(&entry.path())),
            Ok(t) if t.is_file() => files.push(entry.path()),
            _ => {}
        }
    }
    files
}

/// How much of the files under `dir` is in the page cache, as util-linux's
/// `fincore` counts it (`mincore` over each file).
pub fn residency(dir: &Path) -> Residency {
    let files = files(dir);
    if files.is_empty() {
        return Residency::default();
    }
    let output = Command::new("fincore")
        .args(["--bytes", "--noheadings", "--raw", "-o", "RES,SIZE"])
        .args(&files)
        .output()
        .expect("fincore (util-linux) runs");
    assert!(
        output.status.success(),
        "fincore failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut residency = Residency::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let mut numbers = line
            .split_whitespace()
            .map(|n| n.parse::<u64>().unwrap_or(0));
        residency.resident += numbers.next().unwrap_or(0);
        residency.total += numbers.next().unwrap_or(0);
    }
    residency
}

/// Asks the kernel to drop the files under `dir` from its page cache
/// (`posix_fadvise(POSIX_FADV_DONTNEED)`): their clean pages that no process
/// has mapped go; the next read comes from the disk. Each file is written
/// out first, as only clean pages can go (right after an import some are
/// not yet).
pub fn evict(dir: &Path) {
    use std::os::fd::AsRawFd;
    for path in files(dir) {
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        if let Err(e) = file.sync_data() {
            eprintln!("could not write out {}: {e}", path.display());
        }
        // SAFETY: the descriptor is open for the call's length; the advice
        // changes only what the kernel caches, never the file.
        let refused =
            unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        if refused != 0 {
            eprintln!(
                "the kernel kept {} cached (error {refused})",
                path.display()
            );
        }
    }
}
