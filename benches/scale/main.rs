//! Merkwaardig at organisation scale, side by side with what an intranet team
//! would otherwise build: SQLite FTS5 and PostgreSQL full-text search (GIN).
//!
//! ```text
//! cargo bench --bench scale                 # 10,000 stories (a few minutes)
//! cargo bench --bench scale -- 100k         # sizes: 10k, 100k, 1m (several at once)
//! cargo bench --bench scale -- 100k --no-postgres
//! cargo bench --bench scale -- 10k --profile   # only ours in-process, 30 s, for `perf record -p`
//! cargo bench --bench scale -- 10k --profile=rare   # one query class (its name's first word)
//! cargo bench --bench scale -- 10k '--profile=ter zaken'   # one query of the set, by its text
//! cargo bench --bench scale -- 10k --profile=intended   # the typos spelt right
//! cargo bench --bench scale -- 10k --edits   # only the edits and the searches around them
//! cargo bench --bench scale -- 1m --http      # only the searches through HTTP, cold and warm
//! ```
//!
//! For each size: a generated corpus ([`corpus`]) is imported with
//! `merkwaardig import` and loaded into both peers; the same query set
//! ([`queries`]) runs in-process on all three (and on raw tantivy, for the
//! floor), and through HTTP on the real binary with `wrk` at fixed
//! concurrency; then the writes ([`writes`]: edits, freshness, 32 writers)
//! on the same server. The report (`target/bench-scale/report-<size>.md`)
//! opens with the issue's targets ([`targets`]) and holds every figure with
//! the ratios against the peers.

mod cache;
mod corpus;
mod edits;
mod engines;
mod load;
mod measure;
mod modes;
mod ours;
mod peers;
mod phases;
mod queries;
mod report;
mod targets;
mod words;
mod writes;

use std::path::PathBuf;

fn main() {
    let mut sizes = Vec::new();
    let mut postgres = true;
    let mut profile = false;
    let mut edits_only = false;
    let mut http_only = false;
    let mut class = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--bench" => {}
            "--no-postgres" => postgres = false,
            "--profile" => profile = true,
            "--edits" => edits_only = true,
            "--http" => http_only = true,
            only if only.starts_with("--profile=") => {
                profile = true;
                class = Some(only["--profile=".len()..].to_owned());
            }
            size => sizes
                .push(parse_size(size).unwrap_or_else(|| {
                    panic!("`{size}` is not a size: 10k, 100k, 1m or a number")
                })),
        }
    }
    if sizes.is_empty() {
        sizes.push(10_000);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-scale");
    std::fs::create_dir_all(&dir).unwrap();
    let generator = corpus::Generator {
        nl: words::Words::load(&dir, "nl"),
        en: words::Words::load(&dir, "en"),
    };
    let queries = queries::build(&generator);
    if profile {
        // `intended`: the typos spelt right, the exact searches they are
        // held against.
        let queries: Vec<_> = if class.as_deref() == Some("intended") {
            queries
                .iter()
                .filter_map(queries::Query::as_intended)
                .collect()
        } else {
            queries
                .into_iter()
                .filter(|q| {
                    class.as_ref().is_none_or(|c| {
                        q.class.name().starts_with(c.as_str()) || q.text().trim() == c
                    })
                })
                .collect()
        };
        assert!(!queries.is_empty(), "no query class begins with {class:?}");
        for size in sizes {
            let file = corpus::ensure(&dir, &generator, size);
            modes::profile(&dir, &file, size, &queries);
        }
        return;
    }
    if http_only {
        for size in sizes {
            let file = corpus::ensure(&dir, &generator, size);
            modes::http_only(&dir, &file, size, &queries);
        }
        return;
    }
    if edits_only {
        for size in sizes {
            let file = corpus::ensure(&dir, &generator, size);
            modes::edits_only(&dir, &file, size, &queries);
        }
        return;
    }
    let postgres = postgres.then(peers::postgres::Server::start).flatten();
    for size in sizes {
        let started = std::time::Instant::now();
        let file = corpus::ensure(&dir, &generator, size);
        let run = measure::run(&dir, &file, size, &queries, postgres.as_ref());
        let report = report::markdown(&run, started.elapsed());
        let out = dir.join(format!("report-{}.md", size_name(size)));
        std::fs::write(&out, &report).unwrap();
        println!("{report}");
        eprintln!("report written to {}", out.display());
    }
}

fn parse_size(raw: &str) -> Option<usize> {
    let raw = raw.to_lowercase().replace(['_', ','], "");
    if let Some(k) = raw.strip_suffix('k') {
        return k.parse::<usize>().ok().map(|k| k * 1_000);
    }
    if let Some(m) = raw.strip_suffix('m') {
        return m.parse::<usize>().ok().map(|m| m * 1_000_000);
    }
    raw.parse().ok()
}

pub fn size_name(size: usize) -> String {
    match size {
        s if s % 1_000_000 == 0 => format!("{}m", s / 1_000_000),
        s if s % 1_000 == 0 => format!("{}k", s / 1_000),
        s => s.to_string(),
    }
}
