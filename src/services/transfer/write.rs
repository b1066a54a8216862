//! Writing one batch of imported stories in one transaction, with a few
//! statements whatever its size: which are already there (two queries),
//! the people (authors and named colleagues, added when new), the stories,
//! their ids read back by external id, tags, named colleagues, a revision
//! each, and — unless the index is rebuilt afterwards — a change-log row
//! each, last, right before the commit (see `privacy::forget` for why last).

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QuerySelect, Set,
};

use super::TransferError;
use super::line::{Incoming, Person};
use crate::db::begin_write;
use crate::db::entities::{
    person, search_change, story, story_person, story_revision, story_value,
};
use crate::domain::StoryStatus;
use crate::services::revisions::{FORMER_EDITOR, RevisionKind};

/// What the whole import shares between batches.
pub(super) struct Context {
    /// Value slug → id, of the current values.
    pub value_ids: HashMap<String, i32>,
    /// `merkwaardig:<this installation>:`: an export's name for a story of
    /// this very database.
    pub own_prefix: String,
    /// Whether each story gets its change-log row (else the index is
    /// rebuilt at the end).
    pub write_log: bool,
    /// People already made sure of in this run.
    pub people_seen: HashSet<String>,
}

/// What one batch did.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Written {
    pub added: usize,
    pub already: usize,
    pub published: usize,
}

/// Rows per statement for the narrow tables (PostgreSQL takes at most
/// 65,535 parameters a statement).
const ROWS_PER_STATEMENT: usize = 2_000;

/// The author id a former colleague's story gets until it has its id.
const FORMER_PENDING: &str = "former:";

pub(super) async fn batch(
    db: &DatabaseConnection,
    context: &mut Context,
    batch: Vec<Incoming>,
) -> Result<Written, TransferError> {
    let tx = begin_write(db).await?;
    let there = already_there(&tx, context, &batch).await?;
    let (batch, skipped): (Vec<Incoming>, Vec<Incoming>) = batch
        .into_iter()
        .partition(|incoming| !there.contains(&incoming.external_id));
    let mut written = Written {
        already: skipped.len(),
        ..Written::default()
    };
    if batch.is_empty() {
        tx.commit().await?;
        return Ok(written);
    }
    add_people(&tx, context, &batch).await?;

    let stories: Vec<story::ActiveModel> = batch.iter().map(story_row).collect();
    story::Entity::insert_many(stories)
        .exec_without_returning(&tx)
        .await?;
    let external_ids: Vec<&str> = batch.iter().map(|s| s.external_id.as_str()).collect();
    let ids: HashMap<String, i32> = story::Entity::find()
        .select_only()
        .column(story::Column::ExternalId)
        .column(story::Column::Id)
        .filter(story::Column::ExternalId.is_in(external_ids))
        .into_tuple::<(String, i32)>()
        .all(&tx)
        .await?
        .into_iter()
        .collect();
    let id_of = |incoming: &Incoming| ids[&incoming.external_id];
    if batch.iter().any(|s| s.author.is_none()) {
        // Each departed author's story its own id, as `user forget` does,
        // so that their stories cannot be told to be one person's.
        story::Entity::update_many()
            .col_expr(
                story::Column::AuthorId,
                Expr::cust("'former:' || CAST(id AS TEXT)"),
            )
            .filter(story::Column::AuthorId.eq(FORMER_PENDING))
            .exec(&tx)
            .await?;
    }

    let mut tags = Vec::new();
    let mut named = Vec::new();
    for incoming in &batch {
        let id = id_of(incoming);
        let listed_at = match incoming.status {
            StoryStatus::Published => incoming.published_at,
            _ => None,
        };
        for (position, slug) in incoming.story.values().iter().enumerate() {
            tags.push(story_value::ActiveModel {
                story_id: Set(id),
                value_id: Set(context.value_ids[slug.as_str()]),
                position: Set(position as i32),
                listed_at: Set(listed_at),
            });
        }
        for (position, person) in incoming.people.iter().enumerate() {
            named.push(story_person::ActiveModel {
                story_id: Set(id),
                person_id: Set(person.id.clone()),
                position: Set(position as i32),
            });
        }
    }
    insert_all(&tx, tags).await?;
    insert_all(&tx, named).await?;
    let revisions: Vec<story_revision::ActiveModel> = batch
        .iter()
        .map(|incoming| revision_row(incoming, id_of(incoming)))
        .collect();
    insert_all(&tx, revisions).await?;
    if context.write_log {
        let at = crate::clock::now();
        let rows: Vec<search_change::ActiveModel> = batch
            .iter()
            .map(|incoming| search_change::ActiveModel {
                story_id: Set(id_of(incoming)),
                created_at: Set(at),
                ..Default::default()
            })
            .collect();
        insert_all(&tx, rows).await?;
    }
    tx.commit().await?;
    written.added = batch.len();
    written.published = batch
        .iter()
        .filter(|s| s.status == StoryStatus::Published)
        .count();
    Ok(written)
}

/// The external ids of the batch that are in the database already: stored
/// with a story, or an export's name of a story of this database.
async fn already_there(
    tx: &DatabaseTransaction,
    context: &Context,
    batch: &[Incoming],
) -> Result<HashSet<String>, TransferError> {
    let external_ids: Vec<&str> = batch.iter().map(|s| s.external_id.as_str()).collect();
    let mut there: HashSet<String> = story::Entity::find()
        .select_only()
        .column(story::Column::ExternalId)
        .filter(story::Column::ExternalId.is_in(external_ids))
        .into_tuple::<String>()
        .all(tx)
        .await?
        .into_iter()
        .collect();
    let own: HashMap<i32, &str> = batch
        .iter()
        .filter_map(|s| {
            let id = s.external_id.strip_prefix(&context.own_prefix)?;
            Some((id.parse().ok()?, s.external_id.as_str()))
        })
        .collect();
    if !own.is_empty() {
        let found: Vec<i32> = story::Entity::find()
            .select_only()
            .column(story::Column::Id)
            .filter(story::Column::Id.is_in(own.keys().copied()))
            .into_tuple()
            .all(tx)
            .await?;
        there.extend(found.iter().map(|id| own[id].to_owned()));
    }
    Ok(there)
}

/// Records the authors and named colleagues as people the service knows
/// (so that names show and they can be named), as the sign-on would: id
/// and name, role staff. Someone already known keeps what the sign-on said.
async fn add_people(
    tx: &DatabaseTransaction,
    context: &mut Context,
    batch: &[Incoming],
) -> Result<(), TransferError> {
    let now = crate::clock::now();
    let mut rows = Vec::new();
    let people = batch
        .iter()
        .flat_map(|s| s.author.iter().chain(s.people.iter()));
    for Person { id, name } in people {
        if context.people_seen.insert(id.clone()) {
            rows.push(person::ActiveModel {
                id: Set(id.clone()),
                name: Set(name.clone()),
                email: Set(None),
                role: Set(crate::domain::Role::Staff.as_str().to_owned()),
                first_seen: Set(now),
                last_seen: Set(now),
                lang: Set(None),
                groups: Set(String::new()),
                mail_token: Set(None),
            });
        }
    }
    for chunk in in_chunks(rows, ROWS_PER_STATEMENT / 4) {
        person::Entity::insert_many(chunk)
            .on_conflict(
                OnConflict::column(person::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}

/// Inserts rows a few thousand per statement.
async fn insert_all<A>(tx: &DatabaseTransaction, rows: Vec<A>) -> Result<(), TransferError>
where
    A: ActiveModelTrait + Send,
{
    for chunk in in_chunks(rows, ROWS_PER_STATEMENT) {
        A::Entity::insert_many(chunk)
            .exec_without_returning(tx)
            .await?;
    }
    Ok(())
}

/// `rows` in pieces of at most `size`, without copying them.
fn in_chunks<T>(mut rows: Vec<T>, size: usize) -> Vec<Vec<T>> {
    let mut chunks = Vec::new();
    while rows.len() > size {
        let rest = rows.split_off(size);
        chunks.push(std::mem::replace(&mut rows, rest));
    }
    if !rows.is_empty() {
        chunks.push(rows);
    }
    chunks
}

fn story_row(incoming: &Incoming) -> story::ActiveModel {
    let story = &incoming.story;
    let (author_id, author_name) = match &incoming.author {
        Some(author) => (author.id.clone(), author.name.clone()),
        None => (FORMER_PENDING.to_owned(), String::new()),
    };
    let updated_at = incoming
        .published_at
        .map_or(incoming.created_at, |at| at.max(incoming.created_at));
    let published = incoming.status == StoryStatus::Published;
    story::ActiveModel {
        title: Set(story.title().to_owned()),
        body_md: Set(story.body().to_owned()),
        audience: Set(story.audience().as_str().into()),
        team: Set(story.team().map(str::to_owned)),
        lang: Set(story.lang().as_str().into()),
        author_id: Set(author_id),
        author_name: Set(author_name),
        status: Set(incoming.status.as_str().into()),
        reject_reason: Set(incoming.reject_reason.clone()),
        created_at: Set(incoming.created_at),
        updated_at: Set(updated_at),
        published_at: Set(incoming.published_at),
        anonymous: Set(story.anonymous()),
        featured_at: Set(if published && incoming.featured {
            incoming.published_at
        } else {
            None
        }),
        author_left: Set(incoming.author.is_none()),
        leadership: Set(false),
        approach: Set(story.approach().map(str::to_owned)),
        external_id: Set(Some(incoming.external_id.clone())),
        ..Default::default()
    }
}

/// The story's first revision: written by its author when it was created.
fn revision_row(incoming: &Incoming, id: i32) -> story_revision::ActiveModel {
    let story = &incoming.story;
    let (editor_id, editor_name) = match &incoming.author {
        Some(author) => (author.id.clone(), author.name.clone()),
        None => (FORMER_EDITOR.to_owned(), String::new()),
    };
    let values: Vec<&str> = story.values().iter().map(|v| v.as_str()).collect();
    story_revision::ActiveModel {
        story_id: Set(id),
        kind: Set(RevisionKind::Created.as_str().to_owned()),
        editor_id: Set(editor_id),
        editor_name: Set(editor_name),
        created_at: Set(incoming.created_at),
        title: Set(story.title().to_owned()),
        body_md: Set(story.body().to_owned()),
        values: Set(values.join(",")),
        audience: Set(story.audience().as_str().into()),
        team: Set(story.team().map(str::to_owned)),
        lang: Set(story.lang().as_str().into()),
        anonymous: Set(story.anonymous()),
        note: Set(None),
        ..Default::default()
    }
}
