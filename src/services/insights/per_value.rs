//! The figures per value that are not about a team: barriers (open,
//! solved, median days to solve) and the most inspiring stories.

use std::collections::HashMap;

use super::facts::{Facts, StoryFact};
use super::{InsightsQuery, InspiringStory, ValueBarriers, ValueInspiring, ValueRef};
use crate::domain::{BarrierStatus, median};

/// Stories listed per value as the most inspiring.
const INSPIRING_PER_VALUE: usize = 3;

pub(super) fn barriers(
    facts: &Facts,
    values: &[ValueRef],
    position: &HashMap<i32, usize>,
    query: &InsightsQuery,
) -> Vec<ValueBarriers> {
    let period = &query.period;
    let mut open = vec![0u32; values.len()];
    let mut solved = vec![0u32; values.len()];
    let mut days: Vec<Vec<f64>> = vec![Vec::new(); values.len()];
    for barrier in &facts.barriers {
        let places = barrier
            .value_ids
            .iter()
            .filter_map(|id| position.get(id).copied());
        let is_open = !matches!(
            barrier.status,
            BarrierStatus::Solved | BarrierStatus::WontSolve
        );
        let solved_in_period = match (barrier.status, barrier.closed_at) {
            (BarrierStatus::Solved, Some(closed)) => period.contains(&closed).then_some(closed),
            _ => None,
        };
        for at in places {
            if is_open && barrier.created_at < period.end() {
                open[at] += 1;
            }
            if let Some(closed) = solved_in_period {
                solved[at] += 1;
                let took = (closed - barrier.created_at).num_seconds() as f64 / 86_400.0;
                days[at].push(took);
            }
        }
    }
    values
        .iter()
        .enumerate()
        .map(|(at, value)| ValueBarriers {
            value: value.clone(),
            open: open[at],
            solved: solved[at],
            median_days_to_solve: median(std::mem::take(&mut days[at]))
                .map(|days| (days * 10.0).round() / 10.0),
        })
        .collect()
}

pub(super) fn inspiring(
    values: &[ValueRef],
    in_period: &[&StoryFact],
    tagged: &dyn Fn(&StoryFact) -> Vec<usize>,
) -> Vec<ValueInspiring> {
    let mut per_value: Vec<Vec<&StoryFact>> = vec![Vec::new(); values.len()];
    for story in in_period.iter().filter(|story| story.inspired > 0) {
        for at in tagged(story) {
            per_value[at].push(story);
        }
    }
    values
        .iter()
        .zip(per_value)
        .filter(|(_, stories)| !stories.is_empty())
        .map(|(value, mut stories)| {
            stories.sort_by(|a, b| {
                b.inspired
                    .cmp(&a.inspired)
                    .then(b.published_at.cmp(&a.published_at))
            });
            ValueInspiring {
                value: value.clone(),
                stories: stories
                    .into_iter()
                    .take(INSPIRING_PER_VALUE)
                    .map(|story| InspiringStory {
                        id: story.id,
                        title: story.title.clone(),
                        url: format!("/stories/{}", story.id),
                        inspired: story.inspired,
                    })
                    .collect(),
            }
        })
        .collect()
}
