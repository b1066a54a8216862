//! Prometheus metrics (the `prometheus` crate), served at `/metrics`:
//! what the process counts as it goes (requests by route and status, their
//! latency, search latency, the indexer's batches and commits) and what is
//! read when Prometheus scrapes (index lag, stories by status, the database
//! pool, the outbox), plus the process's own (memory, CPU, open files).
//!
//! One registry per process: replicas are separate processes, and tests
//! that start several apps in one process share the counters.

use std::sync::LazyLock;

use prometheus::{
    Encoder, Gauge, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec,
    Opts, Registry, TextEncoder,
};

/// The phases of a search, each a child of `search_phase_seconds`: what an
/// operator (and the benchmark's report) reads to see where a search's
/// time goes. The phases of a typo's retry count in the same phases.
pub struct SearchPhases {
    /// Turning the words into the index's query: stems, compounds,
    /// completions of a word being typed, whether stories hold them.
    pub query: Histogram,
    /// Matching, ranking, counting and the counts per value.
    pub matching: Histogram,
    /// Reading the hits' stored stories.
    pub stories: Histogram,
    /// The hits' snippets and titles, marked.
    pub snippets: Histogram,
    /// Looking up a mistyped word's corrections.
    pub corrections: Histogram,
}

pub struct Metrics {
    pub registry: Registry,
    /// Requests by method, route (the route's pattern, not the path) and status.
    pub http_requests: IntCounterVec,
    pub http_duration: HistogramVec,
    pub search_duration: Histogram,
    /// Where a search's time goes, phase by phase (see [`SearchPhases`]).
    pub search_phases: SearchPhases,
    /// Changes applied per indexer commit.
    pub index_batch: Histogram,
    pub index_commit: Histogram,
    pub index_applied: IntGauge,
    pub change_log_head: IntGauge,
    pub index_lag_seconds: Gauge,
    pub stories: IntGaugeVec,
    pub db_pool_connections: IntGauge,
    pub db_pool_idle: IntGauge,
    pub outbox_pending: IntGauge,
    pub outbox_failed: IntGauge,
}

/// Latency buckets in seconds, from half a millisecond to ten seconds.
const LATENCY: [f64; 14] = [
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0,
];

/// A search's phases take from tens of microseconds on.
const PHASE: [f64; 12] = [
    0.00005, 0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.2, 1.0,
];

fn build() -> Result<Metrics, prometheus::Error> {
    let registry = Registry::new_custom(Some("merkwaardig".into()), None)?;
    let http_requests = IntCounterVec::new(
        Opts::new(
            "http_requests_total",
            "HTTP requests by method, route and status",
        ),
        &["method", "route", "status"],
    )?;
    let http_duration = HistogramVec::new(
        HistogramOpts::new("http_request_duration_seconds", "HTTP request latency")
            .buckets(LATENCY.to_vec()),
        &["method", "route"],
    )?;
    let search_duration = Histogram::with_opts(
        HistogramOpts::new(
            "search_duration_seconds",
            "Full-text search latency in the server",
        )
        .buckets(LATENCY.to_vec()),
    )?;
    let phases = HistogramVec::new(
        HistogramOpts::new(
            "search_phase_seconds",
            "Time of each phase of a full-text search in the server",
        )
        .buckets(PHASE.to_vec()),
        &["phase"],
    )?;
    let search_phases = SearchPhases {
        query: phases.with_label_values(&["query"]),
        matching: phases.with_label_values(&["matching"]),
        stories: phases.with_label_values(&["stories"]),
        snippets: phases.with_label_values(&["snippets"]),
        corrections: phases.with_label_values(&["corrections"]),
    };
    let index_batch = Histogram::with_opts(
        HistogramOpts::new(
            "indexer_batch_changes",
            "Changes applied per indexer commit",
        )
        .buckets(vec![
            1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0,
        ]),
    )?;
    let index_commit = Histogram::with_opts(
        HistogramOpts::new("indexer_commit_seconds", "Time to apply and commit a batch")
            .buckets(LATENCY.to_vec()),
    )?;
    let index_applied = IntGauge::new(
        "index_applied_log_id",
        "The change-log id up to which this replica's index is searchable",
    )?;
    let change_log_head = IntGauge::new("change_log_head_id", "The newest change-log id")?;
    let index_lag_seconds = Gauge::new(
        "index_lag_seconds",
        "How long the oldest change not yet searchable on this replica has waited",
    )?;
    let stories = IntGaugeVec::new(Opts::new("stories", "Stories by status"), &["status"])?;
    let db_pool_connections = IntGauge::new("db_pool_connections", "Open database connections")?;
    let db_pool_idle = IntGauge::new("db_pool_idle_connections", "Idle database connections")?;
    let outbox_pending = IntGauge::new(
        "outbox_pending",
        "Mails and webhook calls waiting to be sent",
    )?;
    let outbox_failed = IntGauge::new("outbox_failed", "Mails and webhook calls given up on")?;
    registry.register(Box::new(http_requests.clone()))?;
    registry.register(Box::new(http_duration.clone()))?;
    registry.register(Box::new(search_duration.clone()))?;
    registry.register(Box::new(phases))?;
    registry.register(Box::new(index_batch.clone()))?;
    registry.register(Box::new(index_commit.clone()))?;
    registry.register(Box::new(index_applied.clone()))?;
    registry.register(Box::new(change_log_head.clone()))?;
    registry.register(Box::new(index_lag_seconds.clone()))?;
    registry.register(Box::new(stories.clone()))?;
    registry.register(Box::new(db_pool_connections.clone()))?;
    registry.register(Box::new(db_pool_idle.clone()))?;
    registry.register(Box::new(outbox_pending.clone()))?;
    registry.register(Box::new(outbox_failed.clone()))?;
    #[cfg(target_os = "linux")]
    registry.register(Box::new(
        prometheus::process_collector::ProcessCollector::for_self(),
    ))?;
    Ok(Metrics {
        registry,
        http_requests,
        http_duration,
        search_duration,
        search_phases,
        index_batch,
        index_commit,
        index_applied,
        change_log_head,
        index_lag_seconds,
        stories,
        db_pool_connections,
        db_pool_idle,
        outbox_pending,
        outbox_failed,
    })
}

static METRICS: LazyLock<Metrics> =
    LazyLock::new(|| build().expect("the metrics are defined once, with valid names"));

/// The process's metrics.
pub fn get() -> &'static Metrics {
    &METRICS
}

/// Everything in the text format Prometheus scrapes.
pub fn render() -> String {
    let mut out = Vec::new();
    let families = METRICS.registry.gather();
    if let Err(e) = TextEncoder::new().encode(&families, &mut out) {
        tracing::error!(error = %e, "metrics could not be written");
    }
    String::from_utf8(out).unwrap_or_default()
}
