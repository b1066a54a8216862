//! One size, start to end: load every engine, run the query set in-process
//! on each, then through HTTP on the real binary, then the pages, then the
//! writes ([`crate::writes`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::engines::{Answer, Engine, Ours, Raw};
use crate::load::{self, Load};
use crate::ours;
use crate::peers::{fts5, postgres};
use crate::queries::{self, Class, Query};
use crate::writes::{self, Writes};

/// Latencies of one engine, per class.
pub struct Latencies {
    pub engine: &'static str,
    pub by_class: BTreeMap<Class, Vec<Duration>>,
    /// Matches per query of the first pass, per class.
    pub totals: BTreeMap<Class, Vec<usize>>,
}

impl Latencies {
    pub fn all(&self) -> Vec<Duration> {
        let mut all: Vec<Duration> = self.by_class.values().flatten().copied().collect();
        all.sort();
        all
    }

    pub fn class_totals(&self, class: Class) -> Vec<usize> {
        self.totals.get(&class).cloned().unwrap_or_default()
    }
}

pub struct Build {
    pub engine: &'static str,
    pub load: Option<Duration>,
    pub index: Duration,
    pub bytes: u64,
}

pub struct Run {
    pub size: usize,
    pub queries: usize,
    pub rounds: usize,
    pub text_bytes: u64,
    pub import: Duration,
    pub builds: Vec<Build>,
    pub in_process: Vec<Latencies>,
    /// Ours in-process on each typo's intended word, spelt right (the
    /// exact query the typo-tolerant retry is held against).
    pub intended: Latencies,
    /// (what, connections, load)
    pub http: Vec<(String, u32, Load)>,
    pub pages: Vec<(String, Load)>,
    /// The whole set with the server's own `took_ms` beside each request.
    pub split: ours::ServerSplit,
    /// Resident memory of the service after the searches and pages (MB),
    /// and its peak.
    pub memory: crate::ours::Memory,
    pub writes: Writes,
}

impl Run {
    /// The HTTP run of `what` (a class's name, `whole set`) with so many
    /// connections.
    pub fn http(&self, what: &str, connections: u32) -> Option<&Load> {
        self.http
            .iter()
            .find(|(w, c, _)| w == what && *c == connections)
            .map(|(_, _, load)| load)
    }

    pub fn engine(&self, name: &str) -> Option<&Latencies> {
        self.in_process.iter().find(|l| l.engine == name)
    }
}

/// Passes over the whole query set after a warm-up pass: fewer for larger
/// sizes, where each pass is long enough by itself.
fn rounds(size: usize) -> usize {
    match size {
        s if s <= 20_000 => 5,
        s if s <= 200_000 => 3,
        _ => 1,
    }
}

fn time_all(
    engine: &'static str,
    e: &mut dyn Engine,
    queries: &[Query],
    rounds: usize,
) -> Latencies {
    let mut totals: BTreeMap<Class, Vec<usize>> = BTreeMap::new();
    for query in queries {
        let answer = e.search(query);
        assert_eq!(
            answer.hits,
            answer.total.min(10),
            "{engine} returned a wrong page for {query:?}"
        );
        totals.entry(query.class).or_default().push(answer.total);
    }
    let mut by_class: BTreeMap<Class, Vec<Duration>> = BTreeMap::new();
    for _ in 0..rounds {
        for query in queries {
            let started = Instant::now();
            let Answer { .. } = e.search(query);
            by_class
                .entry(query.class)
                .or_default()
                .push(started.elapsed());
        }
    }
    for latencies in by_class.values_mut() {
        latencies.sort();
    }
    eprintln!("  {engine}: {} searches", rounds * queries.len());
    Latencies {
        engine,
        by_class,
        totals,
    }
}

pub fn run(
    dir: &Path,
    corpus: &Path,
    size: usize,
    queries: &[Query],
    postgres: Option<&postgres::Server>,
) -> Run {
    let rounds = rounds(size);
    let data = dir.join(format!("data-{}", crate::size_name(size)));
    eprintln!("{size} stories: merkwaardig import");
    let import = ours::import(&data, corpus);
    eprintln!("{size} stories: merkwaardig reindex");
    let reindex = ours::reindex(&data);
    let mut builds = vec![Build {
        engine: "Merkwaardig (tantivy)",
        load: None,
        index: reindex,
        bytes: ours::index_bytes(&data),
    }];
    eprintln!("{size} stories: SQLite FTS5");
    let fts_built = fts5::build(dir, corpus, size);
    builds.push(Build {
        engine: "SQLite FTS5",
        load: Some(fts_built.load),
        index: fts_built.index,
        bytes: std::fs::metadata(&fts_built.file)
            .map(|m| m.len())
            .unwrap_or(0),
    });
    let mut pg = postgres.map(|server| {
        eprintln!("{size} stories: PostgreSQL");
        let built = postgres::build(server, corpus, size);
        builds.push(Build {
            engine: "PostgreSQL GIN",
            load: Some(built.load),
            index: built.index,
            bytes: built.bytes,
        });
        built.db
    });

    eprintln!(
        "{size} stories: in-process, {rounds} passes of {} queries",
        queries.len()
    );
    let mut in_process = Vec::new();
    let intended;
    {
        let mut ours = Ours::open(&data);
        in_process.push(time_all("Merkwaardig", &mut ours, queries, rounds));
        let spelt_right: Vec<Query> = queries.iter().filter_map(Query::as_intended).collect();
        intended = time_all(
            "Merkwaardig, typos spelt right",
            &mut ours,
            &spelt_right,
            rounds,
        );
        let mut raw = Raw::open(&ours::index_dir(&data));
        in_process.push(time_all("raw tantivy", &mut raw, queries, rounds));
    }
    let mut fts = fts5::Fts5::open(&fts_built.file);
    in_process.push(time_all("SQLite FTS5", &mut fts, queries, rounds));
    if let Some(pg) = pg.as_mut() {
        in_process.push(time_all("PostgreSQL", pg, queries, rounds));
    }
    drop(pg);

    eprintln!("{size} stories: HTTP");
    load::ensure_wrk();
    let mut server = ours::Server::start(&data);
    // Marks for the most inspiring order, as many as the quick benchmark
    // had (half a mark per story at 10k).
    server.mark_inspiring(size, 5_000);
    let paths = |class: Option<Class>| -> Vec<String> {
        queries
            .iter()
            .filter(|q| class.is_none_or(|c| q.class == c))
            .map(Query::path)
            .collect()
    };
    let mut http = Vec::new();
    let base = &server.base;
    // Warm: every query once.
    load::run(dir, base, &paths(None), None, 1, 2);
    http.push((
        "whole set".to_owned(),
        1,
        load::run(dir, base, &paths(None), None, 1, 8),
    ));
    let split = ours::server_split(base, &paths(None));
    http.push((
        "whole set".to_owned(),
        4,
        load::run(dir, base, &paths(None), None, 4, 8),
    ));
    for class in Class::ALL {
        http.push((
            class.name().to_owned(),
            1,
            load::run(dir, base, &paths(Some(class)), None, 1, 3),
        ));
    }
    // Shapes the classes leave out: exclusions, Dutch compounds and their
    // parts, a word without its accent, a glossary word.
    let shapes: Vec<String> = queries::SHAPES
        .iter()
        .map(|q| format!("/api/v1/search?q={q}"))
        .collect();
    http.push((
        "exclusions, compounds, accents (15 fixed)".to_owned(),
        1,
        load::run(dir, base, &shapes, None, 1, 3),
    ));
    http.push((
        "`/healthz` (the framework alone)".to_owned(),
        1,
        load::run(dir, base, &["/healthz".to_owned()], None, 1, 3),
    ));
    let mut pages = Vec::new();
    for path in [
        "/",
        "/values/klantgericht",
        "/values/klantgericht?sort=inspiring",
        "/values/klantgericht?sort=inspiring&lang=en&period=year&page=3",
        "/values/klantgericht?by=team",
        "/values/klantgericht/feed.atom",
        "/stories",
        &format!("/stories/{}", size / 2),
        "/search?q=klant",
        "/feed.atom",
    ] {
        // Warm, as the searches are: the first request after the inspired
        // marks learns the story facts (a quarter second at 100k, once per
        // change) and fills SQLite's page cache.
        load::run(dir, base, &[path.to_owned()], None, 1, 1);
        pages.push((
            path.to_owned(),
            load::run(dir, base, &[path.to_owned()], None, 1, 3),
        ));
    }
    let memory = server.memory();
    let writes = writes::run(dir, corpus, &data, &mut server, &paths(None));
    drop(server);
    Run {
        size,
        queries: queries.len(),
        rounds,
        text_bytes: fts_built.text_bytes,
        import,
        builds,
        in_process,
        intended,
        http,
        pages,
        split,
        memory,
        writes,
    }
}

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
