//! One size, start to end: load every engine, run the query set in-process
//! on each, then through HTTP on the real binary, then the pages, then the
//! writes ([`crate::writes`]).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::cache;
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
    /// Where ours spent the in-process passes (and their check pass).
    pub phases: crate::phases::Phases,
    /// Ours in-process on each typo's intended word, spelt right (the
    /// exact query the typo-tolerant retry is held against).
    pub intended: Latencies,
    /// (what, connections, load)
    pub http: Vec<(String, u32, Load)>,
    pub pages: Vec<(String, Load)>,
    /// The whole set with the server's own `took_ms` beside each request.
    pub split: ours::ServerSplit,
    /// The first pass through HTTP, with the index dropped from the page
    /// cache first.
    pub cold: Cold,
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
    let phases;
    {
        let mut ours = Ours::open(&data);
        let before = crate::phases::Phases::now();
        in_process.push(time_all("Merkwaardig", &mut ours, queries, rounds));
        phases = crate::phases::Phases::now().since(&before);
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
    let paths = |class: Option<Class>| -> Vec<String> {
        queries
            .iter()
            .filter(|q| class.is_none_or(|c| q.class == c))
            .map(Query::path)
            .collect()
    };
    let (mut server, cold) = start_cold(&data, &paths(None));
    // Marks for the most inspiring order, as many as the quick benchmark
    // had (half a mark per story at 10k).
    server.mark_inspiring(size, 5_000);
    let mut http = Vec::new();
    let base = &server.base;
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
        phases,
        intended,
        http,
        pages,
        split,
        cold,
        memory,
        writes,
    }
}

/// The first pass of the whole set through HTTP, cold: how much of the
/// index the runs before left in the page cache, then the index dropped
/// from it and the service started, and every query once, one at a time.
/// It is the warm-up of the timed passes too.
pub struct Cold {
    /// The index in the page cache as the runs before left it.
    pub as_left: cache::Residency,
    /// Right after dropping it (what stays is mapped by someone).
    pub dropped: cache::Residency,
    /// After the pass.
    pub after: cache::Residency,
    pub pass: ours::ServerSplit,
}

pub fn start_cold(data: &Path, paths: &[String]) -> (ours::Server, Cold) {
    let index = ours::index_dir(data);
    let as_left = cache::residency(&index);
    cache::evict(&index);
    let dropped = cache::residency(&index);
    let server = ours::Server::start(data);
    let pass = ours::server_split(&server.base, paths);
    let after = cache::residency(&index);
    let cold = Cold {
        as_left,
        dropped,
        after,
        pass,
    };
    (server, cold)
}
