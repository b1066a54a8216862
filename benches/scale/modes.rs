//! The single-purpose modes: one part of a run, for iterating on it in
//! minutes — our pipeline alone for a profiler (`--profile`), the edits
//! alone (`--edits`), the searches through HTTP alone (`--http`).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::engines::{Engine, Ours};
use crate::load;
use crate::measure::start_cold;
use crate::ours;
use crate::queries::{Class, Query};

/// Only Merkwaardig's pipeline in-process, over and over for 30 seconds, so
/// that a profiler attached to this process (`perf record -g -p PID`) sees
/// nothing else. Imports the corpus first unless its data folder exists.
pub fn profile(dir: &Path, corpus: &Path, size: usize, queries: &[Query]) {
    let data = dir.join(format!("data-{}", crate::size_name(size)));
    if !data.join("search").exists() {
        ours::import(&data, corpus);
    }
    let mut ours = Ours::open(&data);
    eprintln!("profiling: process {}, 30 s", std::process::id());
    let started = Instant::now();
    let before = crate::phases::Phases::now();
    let mut latencies = Vec::new();
    let mut each = vec![Vec::new(); queries.len()];
    while started.elapsed() < Duration::from_secs(30) {
        for (n, query) in queries.iter().enumerate() {
            let at = Instant::now();
            ours.search(query);
            latencies.push(at.elapsed());
            each[n].push(at.elapsed());
        }
    }
    // The slowest queries by their own median: where to look first.
    let mut medians: Vec<(Duration, String)> = each
        .iter_mut()
        .zip(queries)
        .map(|(times, query)| {
            times.sort();
            (crate::report::percentile(times, 0.5), query.text())
        })
        .collect();
    let mut phases = String::new();
    crate::phases::Phases::now()
        .since(&before)
        .markdown(&mut phases);
    eprintln!("{phases}");
    medians.sort_by_key(|(median, _)| std::cmp::Reverse(*median));
    for (median, text) in medians.iter().take(8) {
        eprintln!("  {:.3} ms  {text}", median.as_secs_f64() * 1000.0);
    }
    latencies.sort();
    eprintln!(
        "{} searches, p50 {:.3} ms, p95 {:.3} ms",
        latencies.len(),
        crate::report::percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        crate::report::percentile(&latencies, 0.95).as_secs_f64() * 1000.0
    );
}

/// Only the 10,000 edits and the whole set through HTTP before and after
/// them, on the data folder of an earlier run, reindexed first so that
/// "before" is a freshly built index: for trying a merge policy in minutes
/// rather than a whole run.
pub fn edits_only(dir: &Path, corpus: &Path, size: usize, queries: &[Query]) {
    let data = dir.join(format!("data-{}", crate::size_name(size)));
    if !data.join("search").exists() {
        ours::import(&data, corpus);
    }
    ours::reindex(&data);
    load::ensure_wrk();
    let mut server = ours::Server::start(&data);
    let paths: Vec<String> = queries.iter().map(Query::path).collect();
    // Warm: every query once.
    load::run(dir, &server.base, &paths, None, 1, 2);
    let edits = crate::edits::run(dir, corpus, &data, &mut server, &paths);
    eprintln!(
        "{} edits in {:.1} s, {} refused",
        edits.edits, edits.seconds, edits.errors
    );
    for (state, segments, load) in &edits.states {
        eprintln!(
            "{}: {} segments ({} documents, {} deleted), p50 {:.2} ms, p95 {:.2} ms",
            state.name(),
            segments.count,
            segments.docs,
            segments.deleted,
            load.p50_ms,
            load.p95_ms
        );
    }
}

/// Only the searches through HTTP, on the data folder of an earlier run as
/// it is (no import, no reindex, no peers): the cold first pass, then the
/// whole set and each class warm. For a size whose full run takes an hour.
pub fn http_only(dir: &Path, corpus: &Path, size: usize, queries: &[Query]) {
    let data = dir.join(format!("data-{}", crate::size_name(size)));
    if !data.join("search").exists() {
        ours::import(&data, corpus);
    }
    load::ensure_wrk();
    let paths: Vec<String> = queries.iter().map(Query::path).collect();
    let (server, cold) = start_cold(&data, &paths);
    let ms = |d| crate::report::ms(crate::report::percentile(&cold.pass.request, d));
    eprintln!(
        "index in the page cache as left: {}; dropped: {}; after the cold pass: {}",
        cold.as_left.describe(),
        cold.dropped.describe(),
        cold.after.describe()
    );
    eprintln!(
        "cold pass, one at a time: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms; {:.1} s, the first 20 {:.0} ms",
        ms(0.5),
        ms(0.95),
        ms(0.99),
        cold.pass.wall.as_secs_f64(),
        crate::report::ms(cold.pass.first.iter().sum::<Duration>())
    );
    // As the full run does: marks, then the timed passes.
    let started = Instant::now();
    server.mark_inspiring(size, 5_000);
    eprintln!("5,000 marks in {:.1} s", started.elapsed().as_secs_f64());
    let whole = load::run(dir, &server.base, &paths, None, 1, 8);
    eprintln!(
        "whole set warm (wrk, 1 connection): p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        whole.p50_ms, whole.p95_ms, whole.p99_ms
    );
    for class in Class::ALL {
        let class_paths: Vec<String> = queries
            .iter()
            .filter(|q| q.class == class)
            .map(Query::path)
            .collect();
        let load = load::run(dir, &server.base, &class_paths, None, 1, 3);
        eprintln!(
            "  {}: p50 {:.2} ms, p95 {:.2} ms",
            class.name(),
            load.p50_ms,
            load.p95_ms
        );
    }
    eprintln!("memory: {}", server.memory().describe());
}
