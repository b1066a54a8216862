//! The insights as CSV: one table per section, in long form (one figure
//! per row) so that a spreadsheet can pivot it. Column names are stable
//! English identifiers, documented in the README; a hidden figure reads
//! `fewer than N`.

use super::Insights;
use crate::error::{AppError, AppResult};

/// A section of the insights, as `/insights.csv?section=` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Months,
    Balance,
    Leadership,
    Teams,
    Gaps,
    Barriers,
    Inspiring,
}

pub const SECTIONS: [Section; 7] = [
    Section::Months,
    Section::Balance,
    Section::Leadership,
    Section::Teams,
    Section::Gaps,
    Section::Barriers,
    Section::Inspiring,
];

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Months => "months",
            Section::Balance => "balance",
            Section::Leadership => "leadership",
            Section::Teams => "teams",
            Section::Gaps => "gaps",
            Section::Barriers => "barriers",
            Section::Inspiring => "inspiring",
        }
    }

    pub fn parse(raw: &str) -> Option<Section> {
        SECTIONS.into_iter().find(|section| section.as_str() == raw)
    }

    /// The column names, in order.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Section::Months => &["value", "kind", "month", "stories"],
            Section::Balance => &["kind", "stories", "tags", "share_of_tags"],
            Section::Leadership => &["value", "kind", "stories", "leadership", "share"],
            Section::Teams => &["team", "value", "stories"],
            Section::Gaps => &["gap", "team", "value", "last_published_at"],
            Section::Barriers => &["value", "open", "solved", "median_days_to_solve"],
            Section::Inspiring => &["value", "rank", "story", "title", "url", "inspired"],
        }
    }

    /// The file name a download gets.
    pub fn file_name(self, insights: &Insights) -> String {
        format!(
            "merkwaardig-{}-{}-{}.csv",
            self.as_str(),
            insights.from,
            insights.to
        )
    }
}

/// One section of the insights as CSV text.
pub fn csv(insights: &Insights, section: Section) -> AppResult<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let hidden = format!("fewer than {}", insights.min_group);
    let count = |n: Option<u32>| n.map_or_else(|| hidden.clone(), |n| n.to_string());
    let share = |n: Option<f64>| n.map_or_else(String::new, |n| n.to_string());
    let mut rows: Vec<Vec<String>> = Vec::new();
    match section {
        Section::Months => {
            for value in &insights.months.values {
                for (month, n) in insights.months.months.iter().zip(&value.counts) {
                    rows.push(vec![
                        value.value.slug.clone(),
                        value.value.kind.as_str().into(),
                        month.clone(),
                        count(*n),
                    ]);
                }
            }
        }
        Section::Balance => {
            for kind in &insights.balance {
                rows.push(vec![
                    kind.kind.as_str().into(),
                    count(kind.stories),
                    count(kind.tags),
                    share(kind.share_of_tags),
                ]);
            }
        }
        Section::Leadership => {
            for value in &insights.leadership {
                rows.push(vec![
                    value.value.slug.clone(),
                    value.value.kind.as_str().into(),
                    count(value.stories),
                    count(value.leadership),
                    share(value.share),
                ]);
            }
        }
        Section::Teams => {
            for row in &insights.teams.rows {
                // An empty team: the smaller teams and stories without one.
                let team = row.team.clone().unwrap_or_default();
                for (value, n) in insights.teams.values.iter().zip(&row.counts) {
                    rows.push(vec![team.clone(), value.slug.clone(), count(*n)]);
                }
            }
        }
        Section::Gaps => {
            let gaps = &insights.gaps;
            for silent in &gaps.silent {
                let last = silent.last_published_at.map(|at| at.to_rfc3339());
                rows.push(vec![
                    "silent".into(),
                    insights.team.clone().unwrap_or_default(),
                    silent.value.slug.clone(),
                    last.unwrap_or_default(),
                ]);
            }
            for team in &gaps.never_shared {
                for value in &team.values {
                    rows.push(vec![
                        "never_shared".into(),
                        team.team.clone(),
                        value.slug.clone(),
                        String::new(),
                    ]);
                }
            }
            for (gap, list) in [
                ("modelled_not_shown", &gaps.modelled_not_shown),
                ("shown_not_modelled", &gaps.shown_not_modelled),
            ] {
                for value in list {
                    rows.push(vec![
                        gap.into(),
                        insights.team.clone().unwrap_or_default(),
                        value.slug.clone(),
                        String::new(),
                    ]);
                }
            }
        }
        Section::Barriers => {
            for value in &insights.barriers {
                rows.push(vec![
                    value.value.slug.clone(),
                    value.open.to_string(),
                    value.solved.to_string(),
                    share(value.median_days_to_solve),
                ]);
            }
        }
        Section::Inspiring => {
            for value in &insights.inspiring {
                for (rank, story) in value.stories.iter().enumerate() {
                    rows.push(vec![
                        value.value.slug.clone(),
                        (rank + 1).to_string(),
                        story.id.to_string(),
                        story.title.clone(),
                        story.url.clone(),
                        story.inspired.to_string(),
                    ]);
                }
            }
        }
    }
    let failed = |error: csv::Error| AppError::Render(error.to_string());
    out.write_record(section.columns()).map_err(failed)?;
    for row in rows {
        out.write_record(&row).map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|error| AppError::Render(error.into_error().to_string()))?;
    String::from_utf8(bytes).map_err(|error| AppError::Render(error.to_string()))
}
