//! Many ways to live a value (habit 4): a value's published stories side
//! by side, grouped by team or by audience, so that the variety shows. The
//! groups with the most stories come first, each with its newest few.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Select};

use super::StoryView;
use super::visibility::views_with;
use crate::db::entities::{org_value, story};
use crate::domain::Audience;
use crate::error::AppResult;
use crate::services::story_facts::StoryFacts;

/// Groups shown at most (the rest: "and N more teams").
const GROUPS_MAX: usize = 12;
/// Stories shown per group.
const STORIES_PER_GROUP: u64 = 4;

/// How the stories are put side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Team,
    Audience,
}

impl Grouping {
    pub fn parse(raw: &str) -> Option<Grouping> {
        match raw {
            "team" => Some(Grouping::Team),
            "audience" => Some(Grouping::Audience),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Grouping::Team => "team",
            Grouping::Audience => "audience",
        }
    }
}

/// What a group has in common.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupKey {
    Team(String),
    NoTeam,
    Audience(Audience),
}

#[derive(Debug, Clone)]
pub struct StoryGroup {
    pub key: GroupKey,
    pub total: u64,
    /// The newest few, as cards.
    pub stories: Vec<StoryView>,
}

/// The groups, most stories first, and how many groups were left out.
#[derive(Debug, Clone, Default)]
pub struct SideBySide {
    pub groups: Vec<StoryGroup>,
    pub more: usize,
}

/// A value's published stories side by side; empty for an unknown value.
pub async fn side_by_side(
    db: &DatabaseConnection,
    facts: &StoryFacts,
    slug: &str,
    grouping: Grouping,
) -> AppResult<SideBySide> {
    let Some(value) = org_value::Entity::find()
        .filter(org_value::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(SideBySide::default());
    };
    let known = facts.get(db).await?;
    // Each group narrowed by team or audience, which the listing index holds.
    let published = super::tagged::Published::of_value(value.id, &known, true);
    let of_value = || -> Select<story::Entity> { published.query() };
    // Counted already, with all stories' counts.
    let per_group = match grouping {
        Grouping::Team => known.by_team.get(&value.id),
        Grouping::Audience => known.by_audience.get(&value.id),
    };
    let mut counts: Vec<(Option<String>, u64)> = per_group
        .into_iter()
        .flatten()
        .map(|(group, n)| (group.clone(), *n))
        .collect();
    // Most stories first; equal counts by name, the group without a team last.
    counts.sort_by(|(a, n), (b, m)| m.cmp(n).then(a.is_none().cmp(&b.is_none())).then(a.cmp(b)));
    let more = counts.len().saturating_sub(GROUPS_MAX);
    let mut groups = Vec::new();
    for (raw, total) in counts.into_iter().take(GROUPS_MAX) {
        let (key, members) = match (grouping, raw) {
            (Grouping::Team, Some(team)) if !team.trim().is_empty() => (
                GroupKey::Team(team.clone()),
                of_value().filter(story::Column::Team.eq(team)),
            ),
            (Grouping::Team, _) => (
                GroupKey::NoTeam,
                of_value().filter(
                    sea_orm::Condition::any()
                        .add(story::Column::Team.is_null())
                        .add(story::Column::Team.eq("")),
                ),
            ),
            (Grouping::Audience, raw) => {
                let Some(audience) = raw.as_deref().and_then(Audience::parse) else {
                    continue;
                };
                (
                    GroupKey::Audience(audience),
                    of_value().filter(story::Column::Audience.eq(audience.as_str())),
                )
            }
        };
        let models = published
            .newest(members)
            .limit(STORIES_PER_GROUP)
            .all(db)
            .await?;
        groups.push(StoryGroup {
            key,
            total,
            stories: views_with(db, models, None, false).await?,
        });
    }
    Ok(SideBySide { groups, more })
}
