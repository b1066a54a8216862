//! Real word frequencies for Dutch and English, from the PyPI package
//! `wordfreq` (its "large" lists: subtitles, Wikipedia, news, web text and
//! more, each word with its frequency). Installed once into a virtual
//! environment in the cache folder and dumped to a TSV file per language
//! next to the corpus; the generator samples words by these frequencies.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Pinned, like every tool the project installs: another version has other
/// lists, and the corpus (hence every figure) would change with it.
const WORDFREQ: &str = "3.1.1";
/// The most frequent words kept per language: enough for a long tail of rare
/// words, as real text has.
const VOCABULARY: usize = 100_000;

/// One language's words, most frequent first, with a cumulative table to
/// sample from.
pub struct Words {
    pub words: Vec<String>,
    cumulative: Vec<f64>,
}

impl Words {
    /// The word list of `lang` (`nl`, `en`), dumped into `dir` on first use.
    pub fn load(dir: &Path, lang: &str) -> Words {
        let file = dir.join(format!("words-{lang}-{WORDFREQ}.tsv"));
        if !file.exists() {
            dump(dir);
        }
        let text = std::fs::read_to_string(&file).expect("the word list is readable");
        let mut words = Vec::new();
        let mut cumulative = Vec::new();
        let mut sum = 0.0;
        for line in text.lines() {
            let Some((word, frequency)) = line.split_once('\t') else {
                continue;
            };
            sum += frequency.parse::<f64>().expect("a frequency");
            words.push(word.to_owned());
            cumulative.push(sum);
        }
        assert!(
            words.len() > 10_000,
            "{} holds too few words",
            file.display()
        );
        Words { words, cumulative }
    }

    /// A word drawn by its frequency in real text.
    pub fn sample(&self, rng: &mut fastrand::Rng) -> &str {
        let total = *self.cumulative.last().unwrap();
        let at = rng.f64() * total;
        let i = self.cumulative.partition_point(|&c| c < at);
        &self.words[i.min(self.words.len() - 1)]
    }
}

fn venv() -> PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache"));
    cache.join(format!("merkwaardig-bench/wordfreq-{WORDFREQ}"))
}

/// Installs wordfreq into its virtual environment when needed and writes
/// both languages' lists: alphabetic words only (no numbers or
/// punctuation), lowercase, with their frequencies.
fn dump(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let venv = venv();
    let python = venv.join("bin/python");
    if !python.exists() {
        eprintln!("installing wordfreq {WORDFREQ} into {}", venv.display());
        run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
        run(Command::new(venv.join("bin/pip")).args([
            "install",
            "--quiet",
            "--disable-pip-version-check",
            &format!("wordfreq=={WORDFREQ}"),
        ]));
    }
    let script = format!(
        r#"
import sys, wordfreq
for lang in ("nl", "en"):
    out = open(sys.argv[1] + "/words-" + lang + "-{WORDFREQ}.tsv", "w")
    kept = 0
    for word in wordfreq.top_n_list(lang, {VOCABULARY} * 2, wordlist="large"):
        if word.isalpha() and word == word.lower():
            out.write(word + "\t" + repr(wordfreq.word_frequency(word, lang, wordlist="large")) + "\n")
            kept += 1
            if kept == {VOCABULARY}:
                break
    out.close()
"#
    );
    run(Command::new(&python).arg("-c").arg(script).arg(dir));
}

fn run(command: &mut Command) {
    let status = command
        .status()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(status.success(), "{command:?} failed: {status}");
}
