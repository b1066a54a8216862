//! The Markdown report: every figure, the ratios against the peers, the
//! machine it ran on, and the targets each marked met or not.

use std::fmt::Write;
use std::time::Duration;

use crate::measure::{Latencies, Run};
use crate::queries::Class;

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            let kb: f64 = m.lines().next()?.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb / 1024.0 / 1024.0)
        })
        .unwrap_or(0.0);
    format!("{cpu}, {cores} cores, {memory:.0} GiB")
}

/// A percentile in ms of one class of an engine's latencies (or of all).
pub fn class_p(l: Option<&Latencies>, class: Option<Class>, p: f64) -> Option<f64> {
    let l = l?;
    let sorted = match class {
        Some(c) => l.by_class.get(&c)?.clone(),
        None => l.all(),
    };
    Some(ms(percentile(&sorted, p)))
}

fn cell(v: Option<f64>) -> String {
    v.map_or("–".into(), |v| format!("{v:.2}"))
}

fn ratio(peer: Option<f64>, ours: f64) -> String {
    peer.map_or("–".into(), |p| format!("{:.1}×", p / ours.max(1e-9)))
}

pub fn markdown(run: &Run, took: Duration) -> String {
    let mut out = String::new();
    let size = run.size;
    let _ = writeln!(out, "## Merkwaardig at {size} stories\n");
    let _ = writeln!(
        out,
        "Machine: {}. Corpus: {size} stories, {:.0} MB of text; {} queries, {} timed passes in-process. The whole run took {:.0} s.\n",
        machine(),
        run.text_bytes as f64 / 1e6,
        run.queries,
        run.rounds,
        took.as_secs_f64()
    );
    out.push_str(&crate::targets::markdown(run));
    out.push('\n');

    let _ = writeln!(out, "### Search: p50 (ms) per query class\n");
    let _ = writeln!(
        out,
        "Merkwaardig through HTTP (`wrk`, 1 connection) and in-process (top 10, count, value counts, snippets); raw tantivy (top 10 and count) as the floor; the peers in-process with the same result shape.\n"
    );
    let _ = writeln!(
        out,
        "| queries | ours HTTP p50 | ours HTTP p95 | ours in-process p50 | raw tantivy p50 | FTS5 p50 | FTS5 p95 | PostgreSQL p50 | PostgreSQL p95 | FTS5 ÷ ours | PostgreSQL ÷ ours |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|---|");
    let ours = run.engine("Merkwaardig");
    let raw = run.engine("raw tantivy");
    let fts = run.engine("SQLite FTS5");
    let pg = run.engine("PostgreSQL");
    let mut rows: Vec<(String, Option<Class>)> = vec![("**whole set**".into(), None)];
    rows.extend(Class::ALL.iter().map(|c| (c.name().to_owned(), Some(*c))));
    for (label, class) in rows {
        let name = class.map_or("whole set", |c| c.name());
        let http = run
            .http
            .iter()
            .find(|(what, connections, _)| what == name && *connections == 1)
            .map(|(_, _, load)| load);
        let http_p50 = http.map_or(0.0, |l| l.p50_ms);
        let _ = writeln!(
            out,
            "| {label} | {:.2} | {:.2} | {} | {} | {} | {} | {} | {} | {} | {} |",
            http_p50,
            http.map_or(0.0, |l| l.p95_ms),
            cell(class_p(ours, class, 0.5)),
            cell(class_p(raw, class, 0.5)),
            cell(class_p(fts, class, 0.5)),
            cell(class_p(fts, class, 0.95)),
            cell(class_p(pg, class, 0.5)),
            cell(class_p(pg, class, 0.95)),
            ratio(class_p(fts, class, 0.5), http_p50),
            ratio(class_p(pg, class, 0.5), http_p50),
        );
    }

    let typo = class_p(ours, Some(Class::Typo), 0.5).unwrap_or(0.0);
    let exact = class_p(Some(&run.intended), None, 0.5).unwrap_or(0.0);
    let _ = writeln!(
        out,
        "\nThe typo-tolerant retry: a typo's in-process p50 is {typo:.2} ms, the same {} queries spelt as intended (the exact search) {exact:.2} ms: **{:.1}×**.",
        run.intended.all().len() / run.rounds.max(1),
        typo / exact.max(1e-9)
    );

    run.phases.markdown(&mut out);

    let _ = writeln!(out, "\n### Matches: median total per query class\n");
    let _ = writeln!(
        out,
        "Stemming differs (FTS5 has none; PostgreSQL drops stop words), so the counts differ somewhat; a typo finds nothing in the peers, near matches in ours.\n"
    );
    let _ = writeln!(
        out,
        "| queries | {} |",
        run.in_process
            .iter()
            .map(|l| l.engine)
            .collect::<Vec<_>>()
            .join(" | ")
    );
    let _ = writeln!(out, "|---|{}", "---|".repeat(run.in_process.len()));
    for class in Class::ALL {
        let medians: Vec<String> = run
            .in_process
            .iter()
            .map(|l| {
                let mut totals: Vec<usize> = l.class_totals(class);
                totals.sort();
                totals
                    .get(totals.len() / 2)
                    .map_or("–".into(), |t| t.to_string())
            })
            .collect();
        let _ = writeln!(out, "| {} | {} |", class.name(), medians.join(" | "));
    }

    let _ = writeln!(out, "\n### HTTP\n");
    let _ = writeln!(
        out,
        "| requests | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | wrk's CPU |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    for (what, connections, load) in &run.http {
        let _ = writeln!(
            out,
            "| {what} | {connections} | {:.0} | {:.2} | {:.2} | {:.2} | {} | {:.0}% |",
            load.per_second(),
            load.p50_ms,
            load.p95_ms,
            load.p99_ms,
            load.errors,
            load.tool_cpu * 100.0
        );
    }

    let split = &run.split;
    let _ = writeln!(
        out,
        "\nThe whole set once more, one request at a time from the benchmark itself, with each answer's own `took_ms` (the server's pipeline): request p50 {:.2} ms, p95 {:.2} ms; `took_ms` p50 {:.2} ms, p95 {:.2} ms; in-process p50 {}.",
        ms(percentile(&split.request, 0.5)),
        ms(percentile(&split.request, 0.95)),
        ms(percentile(&split.took, 0.5)),
        ms(percentile(&split.took, 0.95)),
        cell(class_p(run.engine("Merkwaardig"), None, 0.5)),
    );

    let cold = &run.cold;
    let _ = writeln!(
        out,
        "\nThe first pass, cold: the index was in the page cache to {} as the runs before left it; dropped from it ({} stayed), the service started and the whole set asked once, one request at a time: p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, {:.1} s in all, of which the first 20 requests {:.0} ms (the first reads of every segment's dictionaries and columns); {} of the index in the page cache after. Every other figure is warm, after this pass.",
        cold.as_left.describe(),
        cold.dropped.describe(),
        ms(percentile(&cold.pass.request, 0.5)),
        ms(percentile(&cold.pass.request, 0.95)),
        ms(percentile(&cold.pass.request, 0.99)),
        cold.pass.wall.as_secs_f64(),
        ms(cold.pass.first.iter().sum::<Duration>()),
        cold.after.describe(),
    );

    let _ = writeln!(out, "\n### Indexing\n");
    let _ = writeln!(
        out,
        "Merkwaardig: `merkwaardig import` of the JSONL file took **{:.1} s** ({:.0} stories/s, index included); the row below is `merkwaardig reindex`, the whole index again from the database. The peers: loading the rows, then building the index from them.\n",
        run.import.as_secs_f64(),
        size as f64 / run.import.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "| engine | load rows (s) | build index (s) | stories/s | MB/s | index on disk (MB) | bytes per story |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for build in &run.builds {
        let seconds = build.index.as_secs_f64();
        let _ = writeln!(
            out,
            "| {} | {} | {:.1} | {:.0} | {:.1} | {:.0} | {:.0} |",
            build.engine,
            build
                .load
                .map_or("–".into(), |l| format!("{:.1}", l.as_secs_f64())),
            seconds,
            size as f64 / seconds,
            run.text_bytes as f64 / 1e6 / seconds,
            build.bytes as f64 / 1e6,
            build.bytes as f64 / size as f64,
        );
    }

    let _ = writeln!(out, "\n### Pages (1 connection)\n");
    let _ = writeln!(
        out,
        "| page | p50 ms | p95 ms | p99 ms | requests/s | errors |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for (path, load) in &run.pages {
        let _ = writeln!(
            out,
            "| `{path}` | {:.2} | {:.2} | {:.2} | {:.0} | {} |",
            load.p50_ms,
            load.p95_ms,
            load.p99_ms,
            load.per_second(),
            load.errors
        );
    }
    let _ = writeln!(
        out,
        "\nResident memory of the service after the searches and pages: **{}**.",
        run.memory.describe()
    );
    writes(&mut out, run);
    out
}

/// `7 (17447, 6300 deleted)`
fn segments_cell(s: crate::ours::Segments) -> String {
    format!("{} ({}, {} deleted)", s.count, s.docs, s.deleted)
}

/// The writes: edits, freshness, durable submissions.
fn writes(out: &mut String, run: &Run) {
    let w = &run.writes;
    let e = &w.edits;
    let _ = writeln!(out, "\n### Writes\n");
    let _ = writeln!(
        out,
        "**{} single-story edits** (`PUT /api/v1/stories/{{id}}`, each by its author, {} clients) took {:.1} s ({:.0} edits/s, {} refused); when the indexer had applied them, the index had {} segments. The whole query set through HTTP (1 connection), each time with the service idle, and the index's segments then (from its `meta.json`; documents, of which deleted):\n",
        e.edits,
        crate::edits::EDITORS,
        e.seconds,
        e.edits as f64 / e.seconds.max(1e-9),
        e.errors,
        segments_cell(e.segments_caught_up),
    );
    let _ = writeln!(
        out,
        "| service | segments | requests/s | p50 ms | p95 ms | p99 ms | errors |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for (state, segments, load) in &e.states {
        let _ = writeln!(
            out,
            "| {} | {} | {:.0} | {:.2} | {:.2} | {:.2} | {} |",
            state.name(),
            segments_cell(*segments),
            load.per_second(),
            load.p50_ms,
            load.p95_ms,
            load.p99_ms,
            load.errors
        );
    }
    let _ = writeln!(
        out,
        "\nThe service reloads its searcher after its own commits and when a background merge rewrites `meta.json`. Resident memory after the edits: {}.",
        e.memory.describe()
    );
    let f = &w.freshness;
    let p = |q| ms(percentile(&f.latencies, q));
    let _ = writeln!(
        out,
        "\n**Publish → searchable**: {} stories submitted at {:.0}/s (`POST /api/v1/stories`, each with a made-up word of its own), each searched for every {} ms from its `201` until `/api/v1/search` found it exactly: p50 **{:.0} ms**, p95 **{:.0} ms**, p99 **{:.0} ms**, max {:.0} ms; {} refused, {} not found within 10 s.",
        f.submitted,
        f.rate,
        crate::writes::POLL.as_millis(),
        p(0.5),
        p(0.95),
        p(0.99),
        p(1.0),
        f.refused,
        f.lost
    );
    let d = &w.durable;
    let _ = writeln!(
        out,
        "\n**Durable writes**: `wrk` with {} connections submitting stories for {:.0} s, each request another person: **{:.0} stories/s** acknowledged (`201`), p50 {:.2} ms, p99 **{:.2} ms**, **{} errors**. The database held {} stories before and {} after: **+{}** for {} acknowledged ({}; up to {} more may be requests wrk left in flight); a search for their word finds {} once the indexer has caught up.",
        crate::writes::WRITERS,
        d.load.seconds,
        d.acknowledged() as f64 / d.load.seconds.max(1e-9),
        d.load.p50_ms,
        d.load.p99_ms,
        d.load.errors,
        d.stories_before,
        d.stories_after,
        d.stories_after - d.stories_before,
        d.acknowledged(),
        if d.durable() {
            "every acknowledged story is stored"
        } else {
            "**stories are missing**"
        },
        crate::writes::WRITERS,
        d.searchable
    );
}
