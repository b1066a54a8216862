//! Insights for managers: where the values are alive and where they are
//! not. Published stories per value and month, the balance of brand and
//! core values, leadership examples, a team × value matrix, the gaps, the
//! barriers and the most inspiring stories — one answer for the page, the
//! API and the CSV tables.
//!
//! Privacy: a figure about a group of fewer than `insights_min_group`
//! people (the people who shared a published story, in a team or in the
//! whole organisation) is `null` ("fewer than 5"). No figure is ever per
//! person, so an anonymous author cannot be told apart here.

mod facts;
mod per_value;
mod table;
mod tally;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::{DateRange, User, ValueKind};
use crate::error::{AppError, AppResult};

pub use table::{SECTIONS, Section, csv};

/// What a manager asks for: a period and, optionally, one team.
#[derive(Debug, Clone)]
pub struct InsightsQuery {
    pub period: DateRange,
    /// Exactly as written on the stories; `None`: the whole organisation.
    pub team: Option<String>,
}

impl InsightsQuery {
    /// From the `from`, `to` and `team` parameters (`422` naming the field).
    pub fn parse(from: Option<&str>, to: Option<&str>, team: Option<&str>) -> AppResult<Self> {
        let today = crate::clock::now().date_naive();
        let period = DateRange::parse(from, to, today).map_err(AppError::Validation)?;
        let team = team.map(str::trim).filter(|team| !team.is_empty());
        Ok(InsightsQuery {
            period,
            team: team.map(String::from),
        })
    }
}

/// The settings that shape every answer.
#[derive(Debug, Clone, Copy)]
pub struct InsightsRules {
    /// The smallest group a figure may be about.
    pub min_group: u32,
    /// A value without a published story for this many days is a gap.
    pub gap_days: u32,
}

impl InsightsRules {
    pub fn of(settings: &crate::config::Settings) -> Self {
        InsightsRules {
            min_group: settings.insights_min_group,
            gap_days: settings.insights_gap_days,
        }
    }
}

/// A value, as the insights name it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueRef {
    pub slug: String,
    pub name: String,
    pub kind: ValueKind,
}

/// Everything on the insights page.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Insights {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The team the figures are about; `null`: the whole organisation.
    pub team: Option<String>,
    /// Figures about fewer people than this are `null`.
    pub min_group: u32,
    pub gap_days: u32,
    /// True when the chosen team (or the whole organisation) has fewer than
    /// `min_group` people who shared a story: every story figure is `null`.
    pub hidden: bool,
    /// The teams named on published stories, for choosing one.
    pub teams_known: Vec<String>,
    pub months: MonthlyStories,
    pub balance: Vec<KindBalance>,
    pub leadership: Vec<ValueLeadership>,
    pub teams: TeamMatrix,
    pub gaps: Gaps,
    /// Barriers are not tied to a team: always the whole organisation.
    pub barriers: Vec<ValueBarriers>,
    pub inspiring: Vec<ValueInspiring>,
}

/// Published stories per value and calendar month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthlyStories {
    /// `YYYY-MM`, oldest first; `counts` below follow this order.
    pub months: Vec<String>,
    pub values: Vec<ValueMonths>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueMonths {
    pub value: ValueRef,
    pub counts: Vec<Option<u32>>,
    pub total: Option<u32>,
}

/// Brand values (towards customers) against core values (towards
/// colleagues) in the period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KindBalance {
    pub kind: ValueKind,
    /// Stories tagged with at least one value of this kind.
    pub stories: Option<u32>,
    /// Tags of this kind on those stories.
    pub tags: Option<u32>,
    /// This kind's share of all value tags, 0–1.
    pub share_of_tags: Option<f64>,
}

/// How many of a value's stories are managers' leadership examples.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueLeadership {
    pub value: ValueRef,
    pub stories: Option<u32>,
    pub leadership: Option<u32>,
    /// 0–1; `null` without stories.
    pub share: Option<f64>,
}

/// Story counts per team and value.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamMatrix {
    /// The columns, in the order of each row's `counts`.
    pub values: Vec<ValueRef>,
    pub rows: Vec<TeamRow>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamRow {
    /// `null`: the teams with fewer than `min_group` people, and stories
    /// without a team, together.
    pub team: Option<String>,
    /// Whether the row's group is large enough to show its figures.
    pub shown: bool,
    pub counts: Vec<Option<u32>>,
    pub total: Option<u32>,
}

/// Where the values are not alive.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Gaps {
    /// Values without a published story in the `gap_days` before `to`.
    pub silent: Vec<SilentValue>,
    /// Per team (large enough to show): values it never shared a story about.
    pub never_shared: Vec<TeamGap>,
    /// Managers show these (a commitment or a leadership example) but
    /// the teams' own stories in the period do not.
    pub modelled_not_shown: Vec<ValueRef>,
    /// The teams' stories show these, but no manager models them.
    pub shown_not_modelled: Vec<ValueRef>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SilentValue {
    pub value: ValueRef,
    /// The last story before `to`; `null`: never.
    pub last_published_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TeamGap {
    pub team: String,
    pub values: Vec<ValueRef>,
}

/// Barriers tagged with a value.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueBarriers {
    pub value: ValueRef,
    /// Reported before the end of the period and not closed now.
    pub open: u32,
    /// Solved within the period.
    pub solved: u32,
    /// From report to solution, for those solved in the period.
    pub median_days_to_solve: Option<f64>,
}

/// The stories published in the period that inspired the most people.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueInspiring {
    pub value: ValueRef,
    pub stories: Vec<InspiringStory>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct InspiringStory {
    pub id: i32,
    pub title: String,
    pub url: String,
    /// People who marked "this inspired me".
    pub inspired: u32,
}

/// The insights for a manager or an administrator.
pub async fn compute(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    query: &InsightsQuery,
    rules: InsightsRules,
) -> AppResult<Insights> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let facts = facts::load(db, query.period.end()).await?;
    Ok(tally::tally(&facts, query, rules))
}
