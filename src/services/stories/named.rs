//! The colleagues a story names: checking who may be named (people the
//! service knows, at most [`NAMED_MAX`], not the author), writing them in
//! the story's transaction, telling them once the story is published, and a
//! named colleague taking their own name off (kept in the history).
//! Naming never reveals an anonymous story's author: the author cannot name
//! themselves, and the names shown are only the named colleagues'.

use std::collections::HashMap;

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::db::begin_write;
use crate::db::entities::{person, story, story_person};
use crate::domain::{FieldError, StoryStatus, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;
use crate::search::Unindexed;
use crate::services::people::PersonRef;
use crate::services::revisions::RevisionKind;

use super::changes::{commit_change, record_revision};
use super::*;

/// How many colleagues one story may name.
pub const NAMED_MAX: usize = 10;

/// Checks the people `author_id` names: known, not the author, at most
/// [`NAMED_MAX`]; each problem an error on `people` naming the entry. An
/// entry is a person's id, or else their name as the service knows it (so
/// the form's plain field takes names); a repeated person counts once.
pub(super) async fn check<C: ConnectionTrait>(
    db: &C,
    author_id: &str,
    entries: &[String],
) -> AppResult<Result<Vec<String>, Vec<FieldError>>> {
    let mut asked: Vec<&str> = Vec::new();
    for entry in entries.iter().map(|e| e.trim()) {
        if !entry.is_empty() && !asked.contains(&entry) {
            asked.push(entry);
        }
    }
    if asked.is_empty() {
        return Ok(Ok(Vec::new()));
    }
    if let Some(e) = asked
        .iter()
        .find_map(|e| crate::domain::refuse_nul("people", e).err())
    {
        return Ok(Err(vec![e]));
    }
    if asked.len() > NAMED_MAX {
        return Ok(Err(vec![FieldError::new(
            "people",
            Msg::new("error-people-many").arg("max", NAMED_MAX),
        )]));
    }
    let by_id: Vec<person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(asked.iter().map(|e| e.to_string())))
        .all(db)
        .await?;
    let by_name: Vec<person::Model> = person::Entity::find()
        .filter(person::Column::Name.is_in(asked.iter().map(|e| e.to_string())))
        .all(db)
        .await?;
    let mut ids: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for entry in asked {
        let found = match by_id.iter().find(|p| p.id == entry) {
            Some(person) => Some(person.id.clone()),
            None => {
                let named: Vec<&person::Model> =
                    by_name.iter().filter(|p| p.name == entry).collect();
                match named.as_slice() {
                    [one] => Some(one.id.clone()),
                    [] => None,
                    _ => {
                        errors.push(FieldError::new(
                            "people",
                            Msg::new("error-people-ambiguous").arg("person", entry),
                        ));
                        continue;
                    }
                }
            }
        };
        match found {
            Some(id) if id == author_id => {
                errors.push(FieldError::new("people", Msg::new("error-people-self")))
            }
            Some(id) => {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            None => errors.push(FieldError::new(
                "people",
                Msg::new("error-people-unknown").arg("person", entry),
            )),
        }
    }
    Ok(if errors.is_empty() {
        Ok(ids)
    } else {
        Err(errors)
    })
}

/// Replaces the named people of a story; returns the ones newly named.
pub(super) async fn write(
    tx: &DatabaseTransaction,
    story_id: i32,
    ids: &[String],
) -> AppResult<Vec<String>> {
    let before: Vec<String> = story_person::Entity::find()
        .filter(story_person::Column::StoryId.eq(story_id))
        .all(tx)
        .await?
        .into_iter()
        .map(|row| row.person_id)
        .collect();
    story_person::Entity::delete_many()
        .filter(story_person::Column::StoryId.eq(story_id))
        .exec(tx)
        .await?;
    for (position, id) in ids.iter().enumerate() {
        story_person::ActiveModel {
            story_id: Set(story_id),
            person_id: Set(id.clone()),
            position: Set(position as i32),
        }
        .insert(tx)
        .await?;
    }
    Ok(ids
        .iter()
        .filter(|id| !before.contains(id))
        .cloned()
        .collect())
}

/// The people each story names, in order, with their current names.
pub(crate) async fn of<C: ConnectionTrait>(
    db: &C,
    story_ids: &[i32],
) -> AppResult<HashMap<i32, Vec<PersonRef>>> {
    if story_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = story_person::Entity::find()
        .filter(story_person::Column::StoryId.is_in(story_ids.iter().copied()))
        .order_by_asc(story_person::Column::StoryId)
        .order_by_asc(story_person::Column::Position)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.person_id.clone()).collect();
    let names: HashMap<String, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    let mut out: HashMap<i32, Vec<PersonRef>> = HashMap::new();
    for row in rows {
        if let Some(name) = names.get(&row.person_id) {
            out.entry(row.story_id).or_default().push(PersonRef {
                id: row.person_id,
                name: name.clone(),
            });
        }
    }
    Ok(out)
}

/// The ids a story names.
pub(super) async fn ids_of<C: ConnectionTrait>(db: &C, story_id: i32) -> AppResult<Vec<String>> {
    Ok(story_person::Entity::find()
        .filter(story_person::Column::StoryId.eq(story_id))
        .order_by_asc(story_person::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.person_id)
        .collect())
}

/// A named colleague takes their name off a story they can see; the
/// history keeps that they did. Not named: `404`.
pub async fn unname(
    db: &DatabaseConnection,
    unindexed: &Unindexed,
    user: &User,
    id: i32,
) -> AppResult<()> {
    let tx = begin_write(db).await?;
    let named = story_person::Entity::find_by_id((id, user.id.clone()))
        .one(&tx)
        .await?;
    let model = story::Entity::find_by_id(id).one(&tx).await?;
    // Only a published story shows whom it names.
    let model = model.filter(|m| status_of(m) == StoryStatus::Published);
    let (Some(_), Some(model)) = (named, model) else {
        return Err(AppError::NotFound);
    };
    story_person::Entity::delete_by_id((id, user.id.clone()))
        .exec(&tx)
        .await?;
    record_revision(&tx, &model, RevisionKind::Unnamed, user.into(), None).await?;
    commit_change(tx, unindexed, id).await?;
    tracing::info!(story = id, person = %user.id, "took their name off a story");
    Ok(())
}

/// The published stories that name `user`, newest first.
pub async fn naming(db: &DatabaseConnection, user: &User) -> AppResult<Vec<StoryView>> {
    let ids: Vec<i32> = story_person::Entity::find()
        .filter(story_person::Column::PersonId.eq(user.id.as_str()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.story_id)
        .collect();
    let models = story::Entity::find()
        .filter(story::Column::Id.is_in(ids))
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .order_by_desc(story::Column::PublishedAt)
        .all(db)
        .await?;
    super::visibility::views_of(db, models, Some(user)).await
}

/// Removes a forgotten person from every story that named them.
pub(crate) async fn forget<C: ConnectionTrait>(db: &C, person_id: &str) -> AppResult<u64> {
    Ok(story_person::Entity::delete_many()
        .filter(story_person::Column::PersonId.eq(person_id))
        .exec(db)
        .await?
        .rows_affected)
}
