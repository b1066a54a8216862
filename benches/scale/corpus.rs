//! The corpus: seeded, reproducible stories that resemble real ones, written
//! in the import format (`merkwaardig import`), so that Merkwaardig loads it
//! as an organisation would and the peers load the very same lines.
//!
//! About half Dutch and half English; 150 to 1,500 words (log-uniform: most
//! stories are short, some long), in sentences and paragraphs; words drawn
//! by their frequency in real text ([`Words`]); a title of content words;
//! 1 to 3 values, a team, an audience, an author among 3,000 people and a
//! publication date in the three years before 2026. Story `n` depends only
//! on the seed and `n`, so the first 10,000 stories of the 1M corpus are the
//! 10k corpus, and queries drawn from the first stories match in every size.

use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::words::Words;

pub const SEED: u64 = 20_261_124;

/// The values of the example content (`content/values`), the first more
/// often: organisations tag some values far more than others.
pub const VALUES: &[(&str, u32)] = &[
    ("klantgericht", 30),
    ("samen-sterker", 20),
    ("betrouwbaar", 15),
    ("eerlijk", 12),
    ("persoonlijk", 10),
    ("eigenaarschap", 8),
    ("blijven-leren", 5),
];

const TEAMS: &[&str] = &[
    "Monteurs Noord",
    "Monteurs Zuid",
    "Klantenservice",
    "Planning",
    "Magazijn",
    "Verkoop",
    "Financiën",
    "HR",
    "Projecten",
    "Onderhoud",
    "Inkoop",
    "Directie",
];
const FIRST: &[&str] = &[
    "Anna", "Bas", "Chantal", "Daan", "Emma", "Fatima", "Gert", "Hanna", "Ilse", "Jeroen", "Kees",
    "Lotte", "Mohamed", "Noor", "Olivier", "Priya", "Ruben", "Sanne", "Tim", "Yusuf",
];
const LAST: &[&str] = &[
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Yilmaz",
];

/// One import line: the fields the corpus uses.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Story {
    pub external_id: String,
    pub title: String,
    pub body: String,
    pub values: Vec<String>,
    pub audience: String,
    pub team: String,
    pub lang: String,
    pub author: Author,
    pub published_at: String,
    pub status: String,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Author {
    pub id: String,
    pub name: String,
}

pub struct Generator {
    pub nl: Words,
    pub en: Words,
}

impl Generator {
    /// Story `n`.
    pub fn story(&self, n: u64) -> Story {
        let mut rng = fastrand::Rng::with_seed(SEED ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let dutch = rng.bool();
        let words = if dutch { &self.nl } else { &self.en };
        let length = (150f64.ln() + rng.f64() * 10f64.ln()).exp() as usize;
        let title_words = rng.usize(3..=8);
        let title = sentence(&mut rng, words, title_words, true);
        let mut body = String::with_capacity(length * 7);
        let mut written = 0;
        while written < length {
            for _ in 0..rng.usize(3..=6) {
                let n = rng.usize(5..=22).min(length - written).max(1);
                if !body.is_empty() && !body.ends_with('\n') {
                    body.push(' ');
                }
                body.push_str(&sentence(&mut rng, words, n, false));
                body.push('.');
                written += n;
                if written >= length {
                    break;
                }
            }
            body.push_str("\n\n");
        }
        let mut values = Vec::new();
        for _ in 0..rng.usize(1..=3) {
            let value = weighted(&mut rng, VALUES).to_owned();
            if !values.contains(&value) {
                values.push(value);
            }
        }
        let person = rng.usize(0..3_000);
        let days = rng.i64(0..3 * 365);
        let seconds = rng.i64(0..86_400);
        let published = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap()
            - chrono::Duration::days(days)
            - chrono::Duration::seconds(seconds);
        Story {
            external_id: format!("bench-{n}"),
            title,
            body: body.trim_end().to_owned(),
            values,
            audience: if rng.u8(0..10) < 6 {
                "customer"
            } else {
                "colleague"
            }
            .into(),
            team: TEAMS[rng.usize(0..TEAMS.len())].into(),
            lang: if dutch { "nl" } else { "en" }.into(),
            author: Author {
                id: format!("p{person}"),
                name: format!(
                    "{} {}",
                    FIRST[person % FIRST.len()],
                    LAST[(person / FIRST.len()) % LAST.len()]
                ),
            },
            published_at: published.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            status: "published".into(),
        }
    }
}

/// `n` words, the first capitalised; a title takes content words (none of
/// the 50 most frequent, which are mostly articles and prepositions).
fn sentence(rng: &mut fastrand::Rng, words: &Words, n: usize, title: bool) -> String {
    let mut out = String::new();
    for i in 0..n {
        let mut word = words.sample(rng);
        while title && words.words[..50].iter().any(|w| w == word) {
            word = words.sample(rng);
        }
        if i > 0 {
            out.push(' ');
        }
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push_str(word);
        }
    }
    out
}

fn weighted<'a>(rng: &mut fastrand::Rng, choices: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = choices.iter().map(|(_, w)| w).sum();
    let mut at = rng.u32(0..total);
    for (choice, weight) in choices {
        if at < *weight {
            return choice;
        }
        at -= weight;
    }
    choices[0].0
}

/// The corpus of `size` stories in `dir`, generated on first use (a file
/// per size; a half-written one is never taken for done).
pub fn ensure(dir: &Path, generator: &Generator, size: usize) -> PathBuf {
    let file = dir.join(format!("corpus-{size}-{SEED}.jsonl"));
    if file.exists() {
        return file;
    }
    let started = std::time::Instant::now();
    let partial = file.with_extension("partial");
    let mut out = BufWriter::new(std::fs::File::create(&partial).unwrap());
    for n in 0..size as u64 {
        serde_json::to_writer(&mut out, &generator.story(n)).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    std::fs::rename(&partial, &file).unwrap();
    eprintln!(
        "generated {size} stories in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        file.display()
    );
    file
}

/// Every story of a corpus file, in order, without holding them all.
pub fn read(file: &Path) -> impl Iterator<Item = Story> {
    let lines = std::io::BufReader::new(std::fs::File::open(file).unwrap()).lines();
    lines.map(|line| serde_json::from_str(&line.unwrap()).expect("a corpus line"))
}
