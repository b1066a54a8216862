//! The counting itself, apart from the database so that the rules (the
//! gaps, the smallest group, the team × value matrix) are tested on a
//! known set of facts.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Duration;

use super::facts::{Facts, StoryFact};
use super::per_value::{barriers, inspiring};
use super::{
    Gaps, Insights, InsightsQuery, InsightsRules, KindBalance, MonthlyStories, SilentValue,
    TeamGap, TeamMatrix, TeamRow, ValueLeadership, ValueMonths, ValueRef,
};
use crate::domain::ValueKind;

/// Who shared: the distinct authors of published stories, per team, without
/// a team, and in all. An anonymised author who left has no id and is not
/// counted, which can only make a group look smaller (more figures hidden).
struct Groups<'a> {
    teams: BTreeMap<&'a str, HashSet<&'a str>>,
    no_team: HashSet<&'a str>,
    all: HashSet<&'a str>,
}

impl<'a> Groups<'a> {
    fn of(stories: &'a [StoryFact]) -> Self {
        let mut groups = Groups {
            teams: BTreeMap::new(),
            no_team: HashSet::new(),
            all: HashSet::new(),
        };
        for story in stories {
            let author = story.author_id.as_str();
            let members = match story.team.as_deref() {
                Some(team) => groups.teams.entry(team).or_default(),
                None => &mut groups.no_team,
            };
            if !author.is_empty() {
                members.insert(author);
                groups.all.insert(author);
            }
        }
        groups
    }

    fn size(&self, team: &str) -> usize {
        self.teams.get(team).map_or(0, HashSet::len)
    }
}

pub(super) fn tally(facts: &Facts, query: &InsightsQuery, rules: InsightsRules) -> Insights {
    let period = &query.period;
    let min = rules.min_group as usize;
    let groups = Groups::of(&facts.stories);
    let team = query.team.as_deref();
    let group_size = match team {
        None => groups.all.len(),
        Some(team) => groups.size(team),
    };
    let hidden = group_size < min;
    let shown = |count: u32| (!hidden).then_some(count);

    let position: HashMap<i32, usize> = facts
        .values
        .iter()
        .enumerate()
        .map(|(at, fact)| (fact.id, at))
        .collect();
    let values: Vec<ValueRef> = facts.values.iter().map(|fact| fact.value.clone()).collect();
    let scoped: Vec<&StoryFact> = facts
        .stories
        .iter()
        .filter(|story| team.is_none() || story.team.as_deref() == team)
        .collect();
    let in_period: Vec<&StoryFact> = scoped
        .iter()
        .copied()
        .filter(|story| period.contains(&story.published_at))
        .collect();
    // Per value, the positions of the active values a story carries.
    let tagged = |story: &StoryFact| -> Vec<usize> {
        story
            .value_ids
            .iter()
            .filter_map(|id| position.get(id).copied())
            .collect()
    };

    // Stories per value and month.
    let months = period.months();
    let month_at: HashMap<&str, usize> = months
        .iter()
        .enumerate()
        .map(|(at, m)| (m.as_str(), at))
        .collect();
    let mut per_month = vec![vec![0u32; months.len()]; values.len()];
    let mut per_value = vec![0u32; values.len()];
    let mut leadership = vec![0u32; values.len()];
    let mut kind_stories: HashMap<ValueKind, u32> = HashMap::new();
    let mut kind_tags: HashMap<ValueKind, u32> = HashMap::new();
    for story in &in_period {
        let month = story.published_at.format("%Y-%m").to_string();
        let at_month = month_at.get(month.as_str()).copied();
        let mut kinds = HashSet::new();
        for at in tagged(story) {
            per_value[at] += 1;
            if let Some(m) = at_month {
                per_month[at][m] += 1;
            }
            if story.leadership {
                leadership[at] += 1;
            }
            let kind = values[at].kind;
            *kind_tags.entry(kind).or_default() += 1;
            kinds.insert(kind);
        }
        for kind in kinds {
            *kind_stories.entry(kind).or_default() += 1;
        }
    }
    let monthly = MonthlyStories {
        months: months.clone(),
        values: values
            .iter()
            .enumerate()
            .map(|(at, value)| ValueMonths {
                value: value.clone(),
                counts: per_month[at].iter().map(|&n| shown(n)).collect(),
                total: shown(per_value[at]),
            })
            .collect(),
    };
    let all_tags: u32 = kind_tags.values().sum();
    let balance = [ValueKind::Brand, ValueKind::Core]
        .into_iter()
        .map(|kind| {
            let tags = kind_tags.get(&kind).copied().unwrap_or(0);
            KindBalance {
                kind,
                stories: shown(kind_stories.get(&kind).copied().unwrap_or(0)),
                tags: shown(tags),
                share_of_tags: (!hidden && all_tags > 0).then(|| ratio(tags, all_tags)),
            }
        })
        .collect();
    let leadership = values
        .iter()
        .enumerate()
        .map(|(at, value)| ValueLeadership {
            value: value.clone(),
            stories: shown(per_value[at]),
            leadership: shown(leadership[at]),
            share: (!hidden && per_value[at] > 0).then(|| ratio(leadership[at], per_value[at])),
        })
        .collect();

    Insights {
        from: period.from(),
        to: period.to(),
        team: query.team.clone(),
        min_group: rules.min_group,
        gap_days: rules.gap_days,
        hidden,
        teams_known: groups.teams.keys().map(|team| team.to_string()).collect(),
        months: monthly,
        balance,
        leadership,
        teams: team_matrix(&values, &groups, &in_period, &tagged, query, min, hidden),
        gaps: if hidden {
            Gaps::default()
        } else {
            gaps(
                facts, &values, &groups, &scoped, &in_period, &tagged, query, rules,
            )
        },
        barriers: barriers(facts, &values, &position, query),
        inspiring: if hidden {
            Vec::new()
        } else {
            inspiring(&values, &in_period, &tagged)
        },
    }
}

fn ratio(part: u32, whole: u32) -> f64 {
    // Three decimals are plenty for a share, and keep the JSON short.
    (f64::from(part) / f64::from(whole) * 1000.0).round() / 1000.0
}

/// Rows for the teams large enough to show, then one for the smaller teams
/// and stories without a team together (itself shown only when that group
/// is large enough). With one team chosen: only its row.
#[allow(clippy::too_many_arguments)]
fn team_matrix(
    values: &[ValueRef],
    groups: &Groups<'_>,
    in_period: &[&StoryFact],
    tagged: &dyn Fn(&StoryFact) -> Vec<usize>,
    query: &InsightsQuery,
    min: usize,
    hidden: bool,
) -> TeamMatrix {
    let count = |keep: &dyn Fn(&StoryFact) -> bool, shown: bool| {
        let mut counts = vec![0u32; values.len()];
        let mut total = 0;
        for story in in_period.iter().filter(|story| keep(story)) {
            total += 1;
            for at in tagged(story) {
                counts[at] += 1;
            }
        }
        let counts = counts.into_iter().map(|n| shown.then_some(n)).collect();
        (counts, shown.then_some(total))
    };
    let mut rows = Vec::new();
    if let Some(team) = &query.team {
        let (counts, total) = count(&|story| story.team.as_deref() == Some(team), !hidden);
        rows.push(TeamRow {
            team: Some(team.clone()),
            shown: !hidden,
            counts,
            total,
        });
        return TeamMatrix {
            values: values.to_vec(),
            rows,
        };
    }
    let big = |team: &str| groups.size(team) >= min;
    for team in groups.teams.keys().filter(|team| big(team)) {
        let (counts, total) = count(&|story| story.team.as_deref() == Some(*team), !hidden);
        rows.push(TeamRow {
            team: Some(team.to_string()),
            shown: !hidden,
            counts,
            total,
        });
    }
    let mut rest: HashSet<&str> = groups.no_team.clone();
    for (_, members) in groups.teams.iter().filter(|(team, _)| !big(team)) {
        rest.extend(members.iter().copied());
    }
    let any_rest = !groups.no_team.is_empty() || groups.teams.keys().any(|team| !big(team));
    if any_rest {
        let shown = !hidden && rest.len() >= min;
        let (counts, total) = count(
            &|story| story.team.as_deref().is_none_or(|team| !big(team)),
            shown,
        );
        rows.push(TeamRow {
            team: None,
            shown,
            counts,
            total,
        });
    }
    TeamMatrix {
        values: values.to_vec(),
        rows,
    }
}

#[allow(clippy::too_many_arguments)]
fn gaps(
    facts: &Facts,
    values: &[ValueRef],
    groups: &Groups<'_>,
    scoped: &[&StoryFact],
    in_period: &[&StoryFact],
    tagged: &dyn Fn(&StoryFact) -> Vec<usize>,
    query: &InsightsQuery,
    rules: InsightsRules,
) -> Gaps {
    let since = query.period.end() - Duration::days(i64::from(rules.gap_days));
    let mut last = vec![None; values.len()];
    for story in scoped {
        for at in tagged(story) {
            // Stories come oldest first: the last one written wins.
            last[at] = Some(story.published_at);
        }
    }
    let silent = values
        .iter()
        .zip(&last)
        .filter(|(_, last)| last.is_none_or(|at| at < since))
        .map(|(value, last)| SilentValue {
            value: value.clone(),
            last_published_at: *last,
        })
        .collect();

    let min = rules.min_group as usize;
    let teams: Vec<&str> = match query.team.as_deref() {
        Some(team) => vec![team],
        None => groups
            .teams
            .keys()
            .copied()
            .filter(|team| groups.size(team) >= min)
            .collect(),
    };
    let never_shared = teams
        .into_iter()
        .filter_map(|team| {
            let mut shared = vec![false; values.len()];
            for story in scoped
                .iter()
                .filter(|story| story.team.as_deref() == Some(team))
            {
                for at in tagged(story) {
                    shared[at] = true;
                }
            }
            let missing: Vec<ValueRef> = values
                .iter()
                .zip(&shared)
                .filter(|(_, shared)| !**shared)
                .map(|(value, _)| value.clone())
                .collect();
            (!missing.is_empty()).then(|| TeamGap {
                team: team.to_string(),
                values: missing,
            })
        })
        .collect();

    // Managers model a value with a commitment or a leadership example; a
    // team's own stories (not the leadership examples) show it. With a team
    // chosen, its managers are those who wrote a story in that team.
    let mut modelled = vec![false; values.len()];
    let mut shown = vec![false; values.len()];
    for story in in_period {
        for at in tagged(story) {
            if story.leadership {
                modelled[at] = true;
            } else {
                shown[at] = true;
            }
        }
    }
    let team_managers: Option<HashSet<&str>> = query
        .team
        .as_deref()
        .map(|team| groups.teams.get(team).cloned().unwrap_or_default());
    let position: HashMap<i32, usize> = facts
        .values
        .iter()
        .enumerate()
        .map(|(at, fact)| (fact.id, at))
        .collect();
    for commitment in &facts.commitments {
        let ours = team_managers
            .as_ref()
            .is_none_or(|managers| managers.contains(commitment.manager_id.as_str()));
        if let (true, Some(&at)) = (ours, position.get(&commitment.value_id)) {
            modelled[at] = true;
        }
    }
    let pick = |keep: &dyn Fn(usize) -> bool| -> Vec<ValueRef> {
        (0..values.len())
            .filter(|&at| keep(at))
            .map(|at| values[at].clone())
            .collect()
    };
    Gaps {
        silent,
        never_shared,
        modelled_not_shown: pick(&|at| modelled[at] && !shown[at]),
        shown_not_modelled: pick(&|at| shown[at] && !modelled[at]),
    }
}
