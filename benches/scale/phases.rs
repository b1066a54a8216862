//! Where an in-process search of ours spends its time, phase by phase, from
//! the service's own `search_phase_seconds` (`src/metrics.rs`): read before
//! and after the timed passes, so every run's report carries the profile
//! beside its figures (`--profile` under `perf` goes deeper).

use std::fmt::Write;

/// What the report calls the phases, in the order [`Phases::now`] reads
/// them (`query`, `matching`, `stories`, `snippets`, `corrections`).
const PHASES: [&str; 5] = [
    "building the query (stems, compounds, a typed word's completions)",
    "matching, ranking, the count and the counts per value",
    "reading the ten hits' stored stories",
    "snippets and titles, marked",
    "looking up a mistyped word's corrections",
];

/// Seconds spent, in all searches and per phase, and how many searches.
pub struct Phases {
    pub searches: u64,
    pub total: f64,
    pub phases: Vec<f64>,
}

impl Phases {
    /// The counters as they stand.
    pub fn now() -> Phases {
        let metrics = merkwaardig::metrics::get();
        let p = &metrics.search_phases;
        Phases {
            searches: metrics.search_duration.get_sample_count(),
            total: metrics.search_duration.get_sample_sum(),
            phases: [
                &p.query,
                &p.matching,
                &p.stories,
                &p.snippets,
                &p.corrections,
            ]
            .iter()
            .map(|h| h.get_sample_sum())
            .collect(),
        }
    }

    /// What was spent since `before`.
    pub fn since(&self, before: &Phases) -> Phases {
        Phases {
            searches: self.searches - before.searches,
            total: self.total - before.total,
            phases: self
                .phases
                .iter()
                .zip(&before.phases)
                .map(|(now, then)| now - then)
                .collect(),
        }
    }

    /// The report's table: each phase's mean per search and share.
    pub fn markdown(&self, out: &mut String) {
        if self.searches == 0 || self.total <= 0.0 {
            return;
        }
        let _ = writeln!(
            out,
            "\n### Where an in-process search's time goes\n\nOver {} searches of the whole set in-process, from the service's `search_phase_seconds`: the mean per search.\n\n| phase | ms per search | share |\n|---|---|---|",
            self.searches
        );
        let per = |seconds: f64| seconds * 1000.0 / self.searches as f64;
        for (name, seconds) in PHASES.iter().zip(&self.phases) {
            let _ = writeln!(
                out,
                "| {name} | {:.3} | {:.0}% |",
                per(*seconds),
                100.0 * seconds / self.total
            );
        }
        let rest = self.total - self.phases.iter().sum::<f64>();
        let _ = writeln!(
            out,
            "| the rest (the index's snapshot, filters, the answer) | {:.3} | {:.0}% |\n| **a search** | **{:.3}** | 100% |",
            per(rest),
            100.0 * rest / self.total,
            per(self.total)
        );
    }
}
