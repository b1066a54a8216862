//! `merkwaardig export [FILE]`: every story, whatever its status, one line
//! each in the import's format, oldest first, read a page at a time. A
//! story written here is named `merkwaardig:<installation>:<id>`; an
//! imported one keeps its external id. So the file imports into an empty
//! database as it was, and into this one without adding anything.
//!
//! What a line holds beyond the story: its author (for an anonymous story
//! too: the export is the operator's copy, like a backup), the colleagues
//! it names, whether it is featured, a rejection's reason. Not: "this
//! inspired me" marks, thank-you notes, reports, the history, leadership
//! marks (they depend on the author's role, which the file cannot vouch
//! for). A story whose author is no person — forgotten with `user forget`,
//! or sent by a program's token — has `"author": null` ("a former
//! colleague").

use std::collections::HashMap;
use std::io::Write;

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::{PersonLine, Progress, StoryLine, TransferError};
use crate::db::entities::story;
use crate::db::story_tags;
use crate::domain::{StoryStatus, is_person_id};

/// Stories read per query.
const PAGE: u64 = 1_000;

/// How an export names the stories of the installation `uuid`.
pub fn own_prefix(uuid: &str) -> String {
    format!("merkwaardig:{uuid}:")
}

/// How many stories an export will write.
pub async fn count(db: &DatabaseConnection) -> Result<u64, TransferError> {
    Ok(story::Entity::find().count(db).await?)
}

/// Writes every story to `out`; returns how many.
pub async fn export(
    db: &DatabaseConnection,
    out: &mut (dyn Write + Send),
    progress: &dyn Progress,
) -> Result<usize, TransferError> {
    let installation = crate::services::installation::ensure(db).await?;
    let prefix = own_prefix(&installation.uuid);
    let mut after = 0;
    let mut written = 0;
    loop {
        let models = story::Entity::find()
            .filter(story::Column::Id.gt(after))
            .order_by_asc(story::Column::Id)
            .limit(PAGE)
            .all(db)
            .await?;
        let Some(last) = models.last() else {
            break;
        };
        after = last.id;
        let ids: Vec<i32> = models.iter().map(|m| m.id).collect();
        let mut tags = story_tags::of(db, &ids).await?;
        let mut named = named(db, &ids).await?;
        let mut text = Vec::with_capacity(models.len() * 2048);
        for model in models {
            let values = tags
                .remove(&model.id)
                .unwrap_or_default()
                .into_iter()
                .map(|tag| tag.slug)
                .collect();
            let people = named.remove(&model.id).unwrap_or_default();
            let line = line_of(model, values, people, &prefix);
            serde_json::to_writer(&mut text, &line)
                .map_err(std::io::Error::from)
                .map_err(TransferError::Write)?;
            text.push(b'\n');
            written += 1;
        }
        out.write_all(&text).map_err(TransferError::Write)?;
        progress.advance(ids.len() as u64);
    }
    out.flush().map_err(TransferError::Write)?;
    Ok(written)
}

fn line_of(
    model: story::Model,
    values: Vec<String>,
    people: Vec<PersonLine>,
    prefix: &str,
) -> StoryLine {
    let status = StoryStatus::parse(&model.status).unwrap_or(StoryStatus::Pending);
    let published = status == StoryStatus::Published;
    let author = (!model.author_left && is_person_id(&model.author_id)).then(|| PersonLine {
        id: model.author_id.clone(),
        name: Some(model.author_name.clone()),
    });
    StoryLine {
        external_id: model
            .external_id
            .unwrap_or_else(|| format!("{prefix}{}", model.id)),
        title: model.title,
        body: model.body_md,
        values,
        audience: model.audience,
        team: model.team,
        lang: model.lang,
        author,
        status: status.as_str().to_owned(),
        // The index dates a published story without one by its creation.
        published_at: match (status, model.published_at) {
            (StoryStatus::Draft, _) => None,
            (StoryStatus::Published, None) => Some(model.created_at),
            (_, at) => at,
        },
        created_at: model.created_at,
        anonymous: model.anonymous,
        approach: model.approach,
        reject_reason: model
            .reject_reason
            .filter(|_| status == StoryStatus::Rejected),
        featured: published && model.featured_at.is_some(),
        people,
    }
}

/// The colleagues these stories name, in order, with their names.
async fn named(
    db: &DatabaseConnection,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<PersonLine>>, TransferError> {
    Ok(crate::services::stories::named_people(db, ids)
        .await?
        .into_iter()
        .map(|(story, people)| {
            let lines = people
                .into_iter()
                .map(|person| PersonLine {
                    id: person.id,
                    name: Some(person.name),
                })
                .collect();
            (story, lines)
        })
        .collect())
}
