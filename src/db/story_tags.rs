//! The values each story is tagged with, in the order the author gave them.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{org_value, story_value};
use crate::domain::{ValueKind, ValueTag};

/// The tags of these stories; a story without tags has no entry.
pub async fn of<C: ConnectionTrait>(
    db: &C,
    story_ids: &[i32],
) -> Result<HashMap<i32, Vec<ValueTag>>, DbErr> {
    let rows = story_value::Entity::find()
        .filter(story_value::Column::StoryId.is_in(story_ids.iter().copied()))
        .order_by_asc(story_value::Column::StoryId)
        .order_by_asc(story_value::Column::Position)
        .find_also_related(org_value::Entity)
        .all(db)
        .await?;
    let mut tags: HashMap<i32, Vec<ValueTag>> = HashMap::new();
    for (tag, value) in rows {
        if let Some(value) = value {
            tags.entry(tag.story_id).or_default().push(ValueTag {
                kind: ValueKind::parse(&value.kind).unwrap_or(ValueKind::Brand),
                slug: value.slug,
                name: value.name,
            });
        }
    }
    Ok(tags)
}
