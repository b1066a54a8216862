//! The insights' rules on a known set of facts: seven people in "Monteurs",
//! two in "Planning", one story without a team; three values.

use chrono::{DateTime, NaiveDate, Utc};

use super::facts::{BarrierFact, CommitmentFact, Facts, StoryFact, ValueFact};
use super::tally::tally;
use super::{Insights, InsightsQuery, InsightsRules, Section, ValueRef, table};
use crate::domain::{BarrierStatus, DateRange, ValueKind};

const KLANT: i32 = 1;
const EERLIJK: i32 = 2;
const SAMEN: i32 = 3;

fn at(raw: &str) -> DateTime<Utc> {
    format!("{raw}T12:00:00Z").parse().unwrap()
}

fn value(id: i32, slug: &str, kind: ValueKind) -> ValueFact {
    ValueFact {
        id,
        value: ValueRef {
            slug: slug.into(),
            name: slug.into(),
            kind,
        },
    }
}

fn story(id: i32, team: Option<&str>, author: &str, day: &str, values: &[i32]) -> StoryFact {
    StoryFact {
        id,
        title: format!("Story {id}"),
        team: team.map(Into::into),
        author_id: author.into(),
        published_at: at(day),
        leadership: false,
        value_ids: values.to_vec(),
        inspired: 0,
    }
}

fn facts() -> Facts {
    let mut stories = Vec::new();
    // Seven people in Monteurs, each one story about klantgericht in 2026.
    for n in 0..7 {
        stories.push(story(
            n + 1,
            Some("Monteurs"),
            &format!("m{n}"),
            "2026-03-10",
            &[KLANT],
        ));
    }
    // One of them also about eerlijk, in October, inspiring three people.
    let mut honest = story(20, Some("Monteurs"), "m0", "2026-10-02", &[KLANT, EERLIJK]);
    honest.inspired = 3;
    stories.push(honest);
    // A manager's leadership example about samen-sterker, in Monteurs.
    let mut lead = story(21, Some("Monteurs"), "boss", "2026-10-05", &[SAMEN]);
    lead.leadership = true;
    lead.inspired = 1;
    stories.push(lead);
    // Two people in Planning, one person without a team.
    stories.push(story(30, Some("Planning"), "p0", "2026-04-01", &[SAMEN]));
    stories.push(story(31, Some("Planning"), "p1", "2026-04-02", &[EERLIJK]));
    stories.push(story(40, None, "x0", "2025-01-01", &[EERLIJK]));
    stories.sort_by_key(|s| s.published_at);
    Facts {
        values: vec![
            value(KLANT, "klantgericht", ValueKind::Brand),
            value(EERLIJK, "eerlijk", ValueKind::Brand),
            value(SAMEN, "samen-sterker", ValueKind::Core),
        ],
        stories,
        commitments: vec![CommitmentFact {
            value_id: EERLIJK,
            manager_id: "boss".into(),
        }],
        barriers: vec![
            BarrierFact {
                status: BarrierStatus::Solved,
                value_ids: vec![KLANT],
                created_at: at("2026-05-01"),
                closed_at: Some(at("2026-05-05")),
            },
            BarrierFact {
                status: BarrierStatus::Solved,
                value_ids: vec![KLANT],
                created_at: at("2026-05-01"),
                closed_at: Some(at("2026-05-11")),
            },
            BarrierFact {
                status: BarrierStatus::InProgress,
                value_ids: vec![KLANT, SAMEN],
                created_at: at("2026-06-01"),
                closed_at: None,
            },
        ],
    }
}

fn insights(team: Option<&str>, min_group: u32) -> Insights {
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let query = InsightsQuery {
        period: DateRange::parse(None, None, today).unwrap(),
        team: team.map(Into::into),
    };
    let rules = InsightsRules {
        min_group,
        gap_days: 90,
    };
    tally(&facts(), &query, rules)
}

fn slugs(values: &[ValueRef]) -> Vec<&str> {
    values.iter().map(|v| v.slug.as_str()).collect()
}

#[test]
fn stories_are_counted_per_value_and_month_within_the_period() {
    let insights = insights(None, 5);
    assert!(!insights.hidden);
    let klant = &insights.months.values[0];
    assert_eq!(klant.total, Some(8));
    let march = insights
        .months
        .months
        .iter()
        .position(|m| m == "2026-03")
        .unwrap();
    assert_eq!(klant.counts[march], Some(7));
    // The 2025 story about eerlijk is before the period.
    assert_eq!(insights.months.values[1].total, Some(2));
}

#[test]
fn small_teams_are_hidden_and_counted_together_only_when_large_enough() {
    let insights = insights(None, 5);
    let rows = &insights.teams.rows;
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].team.as_deref(), Some("Monteurs"));
    assert_eq!(rows[0].counts, vec![Some(8), Some(1), Some(1)]);
    // Planning (two people) and the story without a team: three people.
    assert_eq!(rows[1].team, None);
    assert!(!rows[1].shown);
    assert_eq!(rows[1].counts, vec![None, None, None]);

    let generous = self::insights(None, 3);
    assert!(generous.teams.rows[1].shown);
    assert_eq!(
        generous.teams.rows[1].counts,
        vec![Some(0), Some(1), Some(1)]
    );
}

#[test]
fn a_team_smaller_than_the_minimum_shows_no_story_figures_at_all() {
    let insights = insights(Some("Planning"), 5);
    assert!(insights.hidden);
    assert!(insights.months.values.iter().all(|v| v.total.is_none()));
    assert!(
        insights
            .leadership
            .iter()
            .all(|v| v.stories.is_none() && v.share.is_none())
    );
    assert!(insights.balance.iter().all(|k| k.stories.is_none()));
    assert!(insights.gaps.silent.is_empty() && insights.gaps.never_shared.is_empty());
    assert!(insights.inspiring.is_empty());
    // Barriers are not about a team.
    assert_eq!(insights.barriers[0].solved, 2);
}

#[test]
fn gaps_name_silent_values_and_what_a_team_never_shared() {
    let insights = insights(None, 5);
    // Klantgericht and eerlijk had stories in October; samen-sterker only
    // a leadership example in October, which counts as a story too.
    assert!(insights.gaps.silent.is_empty());
    let old = self::insights(Some("Monteurs"), 5);
    assert!(old.gaps.silent.is_empty());
    let never = &insights.gaps.never_shared;
    assert_eq!(never.len(), 0, "Monteurs shared about every value");

    let mut facts = facts();
    facts.stories.retain(|s| s.id != 20 && s.id != 21);
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let query = InsightsQuery {
        period: DateRange::parse(None, None, today).unwrap(),
        team: None,
    };
    let rules = InsightsRules {
        min_group: 5,
        gap_days: 90,
    };
    let thinner = tally(&facts, &query, rules);
    // Nothing since April: every value is silent after 90 days.
    assert_eq!(
        slugs(
            &thinner
                .gaps
                .silent
                .iter()
                .map(|s| s.value.clone())
                .collect::<Vec<_>>()
        ),
        ["klantgericht", "eerlijk", "samen-sterker"]
    );
    assert_eq!(
        thinner.gaps.silent[0].last_published_at,
        Some(at("2026-03-10"))
    );
    assert_eq!(thinner.gaps.never_shared[0].team, "Monteurs");
    assert_eq!(
        slugs(&thinner.gaps.never_shared[0].values),
        ["eerlijk", "samen-sterker"]
    );
}

#[test]
fn what_managers_model_is_compared_with_what_teams_show() {
    let insights = insights(None, 5);
    // Eerlijk: a commitment and stories. Samen-sterker: a leadership example,
    // and Planning's story. Klantgericht: stories, no manager.
    assert!(insights.gaps.modelled_not_shown.is_empty());
    assert_eq!(slugs(&insights.gaps.shown_not_modelled), ["klantgericht"]);
    // Within Monteurs, samen-sterker is only the manager's.
    let monteurs = self::insights(Some("Monteurs"), 5);
    assert_eq!(slugs(&monteurs.gaps.modelled_not_shown), ["samen-sterker"]);
    assert_eq!(slugs(&monteurs.gaps.shown_not_modelled), ["klantgericht"]);
}

#[test]
fn barriers_count_open_and_solved_with_the_median_days() {
    let insights = insights(None, 5);
    let klant = &insights.barriers[0];
    assert_eq!((klant.open, klant.solved), (1, 2));
    assert_eq!(klant.median_days_to_solve, Some(7.0));
    assert_eq!(insights.barriers[2].open, 1);
    assert_eq!(insights.barriers[2].median_days_to_solve, None);
}

#[test]
fn balance_leadership_and_the_most_inspiring() {
    let insights = insights(None, 5);
    let brand = &insights.balance[0];
    // Stories 1–7, 20, 31 carry brand values (ten tags); 21 and 30 core.
    assert_eq!((brand.stories, brand.tags), (Some(9), Some(10)));
    assert_eq!(brand.share_of_tags, Some(0.833));
    let samen = &insights.leadership[2];
    assert_eq!(
        (samen.stories, samen.leadership, samen.share),
        (Some(2), Some(1), Some(0.5))
    );
    let inspiring: Vec<(&str, i32)> = insights
        .inspiring
        .iter()
        .flat_map(|v| v.stories.iter().map(move |s| (v.value.slug.as_str(), s.id)))
        .collect();
    assert_eq!(
        inspiring,
        [("klantgericht", 20), ("eerlijk", 20), ("samen-sterker", 21)]
    );
}

#[test]
fn every_csv_table_starts_with_its_documented_columns() {
    let insights = insights(None, 5);
    for section in super::SECTIONS {
        let text = table::csv(&insights, section).unwrap();
        let header = text.lines().next().unwrap();
        assert_eq!(header, section.columns().join(","), "{section:?}");
    }
    let teams = table::csv(&insights, Section::Teams).unwrap();
    assert!(teams.contains("Monteurs,klantgericht,8"), "{teams}");
    assert!(teams.contains(",eerlijk,fewer than 5"), "{teams}");
    let barriers = table::csv(&insights, Section::Barriers).unwrap();
    assert!(barriers.contains("klantgericht,1,2,7"), "{barriers}");
}
