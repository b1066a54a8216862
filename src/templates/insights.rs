//! The insights page: the figures from [`crate::services::insights`], with
//! the geometry of its SVG charts worked out here so that the template
//! only draws what it is given (and escapes every name it shows).

use askama::Template;

use super::Layout;
use crate::domain::{FieldError, ValueKind};
use crate::services::insights::{Insights, ValueMonths};

/// Height of a monthly chart, in SVG units; bars leave a line for the axis.
const CHART_HEIGHT: u32 = 48;
const BAR_WIDTH: u32 = 14;
const BAR_STEP: u32 = 20;

/// One bar of a value's monthly chart.
pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub height: u32,
    /// `YYYY-MM`, for the bar's tooltip.
    pub month: String,
    pub count: u32,
}

/// A value's stories per month, drawn as bars on a scale shared by all
/// values (so that rows compare).
pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
}

impl Chart {
    fn of(value: &ValueMonths, months: &[String], max: u32) -> Option<Chart> {
        let counts: Option<Vec<u32>> = value.counts.iter().copied().collect();
        let counts = counts?;
        let room = CHART_HEIGHT - 2;
        let bars = counts
            .iter()
            .zip(months)
            .enumerate()
            .map(|(at, (&count, month))| {
                // A month with stories is at least two units tall, so that
                // one story never disappears next to many.
                let height = if count == 0 {
                    0
                } else {
                    (count * room).div_ceil(max.max(1)).max(2)
                };
                Bar {
                    x: at as u32 * BAR_STEP + 3,
                    y: CHART_HEIGHT - 1 - height,
                    height,
                    month: month.clone(),
                    count,
                }
            })
            .collect();
        Some(Chart {
            width: months.len() as u32 * BAR_STEP,
            height: CHART_HEIGHT,
            bars,
        })
    }

    pub fn bar_width(&self) -> u32 {
        BAR_WIDTH
    }
}

/// `/insights`.
#[derive(Template)]
#[template(path = "insights.html", config = "src/askama.toml")]
pub struct InsightsPage {
    pub layout: Layout,
    pub insights: Insights,
    /// One chart per value in `insights.months.values`; `None` when hidden.
    pub charts: Vec<Option<Chart>>,
    pub errors: Vec<FieldError>,
    /// What was typed in the filter form, kept when it had an error.
    pub from: String,
    pub to: String,
    /// The largest count in the team × value matrix, for its shading.
    pub matrix_max: u32,
}

impl InsightsPage {
    pub fn new(
        layout: Layout,
        insights: Insights,
        errors: Vec<FieldError>,
        from: String,
        to: String,
    ) -> Self {
        let max = insights
            .months
            .values
            .iter()
            .flat_map(|v| v.counts.iter().flatten().copied())
            .max()
            .unwrap_or(0);
        let charts = insights
            .months
            .values
            .iter()
            .map(|value| Chart::of(value, &insights.months.months, max))
            .collect();
        let matrix_max = insights
            .teams
            .rows
            .iter()
            .flat_map(|row| row.counts.iter().flatten().copied())
            .max()
            .unwrap_or(0);
        InsightsPage {
            layout,
            insights,
            charts,
            errors,
            from,
            to,
            matrix_max,
        }
    }

    /// The error beside a field, in the reader's language.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
    }

    /// A figure, or "fewer than 5" when it is hidden.
    pub fn figure(&self, count: &Option<u32>) -> String {
        match count {
            Some(count) => count.to_string(),
            None => self.hidden_figure(),
        }
    }

    pub fn hidden_figure(&self) -> String {
        self.layout
            .tn("insights-fewer-than", self.insights.min_group)
    }

    /// A share as a whole percentage.
    pub fn percent(&self, share: &Option<f64>) -> String {
        share.map_or_else(|| "–".into(), |share| format!("{:.0}%", share * 100.0))
    }

    /// A share as a number 0–100, for a bar's length.
    pub fn whole_percent(&self, share: &Option<f64>) -> u32 {
        share.map_or(0, |share| (share * 100.0).round().clamp(0.0, 100.0) as u32)
    }

    /// Shade 0–4 for a matrix cell.
    pub fn heat(&self, count: &Option<u32>) -> u32 {
        match count {
            Some(0) | None => 0,
            Some(count) => (count * 4).div_ceil(self.matrix_max.max(1)).min(4),
        }
    }

    /// The link to a section's CSV table for the period and team shown.
    pub fn csv_href(&self, section: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("section", section)
            .append_pair("from", &self.insights.from.to_string())
            .append_pair("to", &self.insights.to.to_string());
        if let Some(team) = &self.insights.team {
            query.append_pair("team", team);
        }
        format!("/insights.csv?{}", query.finish())
    }

    /// The heading of a kind of value.
    pub fn kind_heading(&self, kind: &ValueKind) -> &'static str {
        match kind {
            ValueKind::Brand => "group-brand",
            ValueKind::Core => "group-core",
        }
    }

    pub fn median_days(&self, days: &Option<f64>) -> String {
        days.map_or_else(|| "–".into(), |days| format!("{days:.1}"))
    }
}
