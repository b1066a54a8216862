//! Demo mode: the example stories from `content/stories/` fill an empty
//! database, so a newcomer sees a living site at once.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::clock::now;
use crate::content::{ContentErrors, load_demo_stories};
use crate::db::entities::{barrier, barrier_event, story};
use crate::domain::{BarrierInput, Role, StoryStatus, User};
use crate::error::AppError;

use super::barriers::{self, BarrierChange};
use super::people::Seen;
use super::{commitments, monthly, reactions, stories, values::active_value_kinds};

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Content(#[from] ContentErrors),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Loads the example stories as published stories when the database has no
/// story yet. Returns how many were loaded.
pub async fn load_if_empty(
    db: &DatabaseConnection,
    content_dir: &Path,
) -> Result<usize, DemoError> {
    if stories::any_story(db).await? {
        return Ok(0);
    }
    let kinds = active_value_kinds(db).await?;
    let examples = load_demo_stories(content_dir, &kinds)?;
    for example in &examples {
        stories::insert(
            db,
            &example.story,
            stories::ChangedBy {
                id: &example.author_id,
                name: &example.author_name,
            },
            StoryStatus::Published,
            example.published_at,
        )
        .await?;
    }
    load_habits(db, content_dir).await?;
    Ok(examples.len())
}

/// `content/demo.toml`: the five habits beside the example stories.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DemoHabits {
    #[serde(default)]
    people: Vec<DemoPerson>,
    #[serde(default)]
    commitments: Vec<DemoCommitment>,
    #[serde(default)]
    barriers: Vec<DemoBarrier>,
    #[serde(default)]
    stories_of_the_month: Vec<DemoMonthly>,
    #[serde(default)]
    inspired: Vec<DemoInspired>,
    #[serde(default)]
    notes: Vec<DemoNote>,
}

/// A thank-you note under an example story.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoNote {
    story: String,
    by: String,
    name: String,
    body: String,
}

/// Colleagues who marked an example story "this inspired me".
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoInspired {
    story: String,
    by: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    id: String,
    name: String,
    role: Role,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoCommitment {
    manager: String,
    value: String,
    body: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoBarrier {
    reporter: String,
    reporter_name: String,
    #[serde(default)]
    anonymous: bool,
    title: String,
    body: String,
    values: Vec<String>,
    status: String,
    owner: Option<String>,
    reply: Option<String>,
    /// The title of a story that shows the improvement.
    story: Option<String>,
    /// How long ago it was reported, so the insights have durations to show.
    #[serde(default)]
    reported_days_ago: u32,
    /// Days from the report to the owner's change (the solution).
    #[serde(default)]
    days_to_change: u32,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoMonthly {
    value: String,
    /// The title of an example story tagged with the value.
    story: String,
}

/// Loads `content/demo.toml` (when there is one) after the example stories:
/// the people and their roles, commitments, barriers and stories of the
/// month. Everything goes through the same services as the pages use, so
/// the example obeys the same rules.
async fn load_habits(db: &DatabaseConnection, content_dir: &Path) -> Result<(), DemoError> {
    let file = content_dir.join("demo.toml");
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Ok(());
    };
    let bad = |message: String| {
        DemoError::Content(ContentErrors(vec![crate::content::ContentError {
            file: file.clone(),
            line: None,
            message,
        }]))
    };
    let habits: DemoHabits = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let mut people: HashMap<String, User> = HashMap::new();
    for person in habits.people {
        let user = User {
            id: person.id.clone(),
            name: person.name,
            email: None,
            role: person.role,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        };
        Seen::default()
            .record(db, &user, crate::i18n::UiLang::Nl)
            .await;
        people.insert(person.id, user);
    }
    let manager = |id: &str| {
        people
            .get(id)
            .filter(|u| u.is_manager())
            .cloned()
            .ok_or_else(|| {
                bad(format!(
                    "`{id}` is not one of the managers under [[people]]"
                ))
            })
    };
    for commitment in habits.commitments {
        let user = manager(&commitment.manager)?;
        commitments::write(db, &user, &commitment.value, &commitment.body).await?;
    }
    let story_id = |title: &str| {
        let title = title.to_owned();
        async move {
            story::Entity::find()
                .filter(story::Column::Title.eq(title.as_str()))
                .one(db)
                .await
                .map_err(AppError::from)?
                .map(|s| s.id)
                .ok_or_else(|| bad(format!("no example story is titled `{title}`")))
        }
    };
    for example in habits.barriers {
        let reporter = User {
            id: example.reporter,
            name: example.reporter_name,
            email: None,
            role: Role::Staff,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        };
        let input = BarrierInput {
            title: example.title,
            body: example.body,
            values: example.values,
            anonymous: example.anonymous,
        };
        let barrier = barriers::report(db, &reporter, &input).await?;
        let reported = now() - Duration::days(i64::from(example.reported_days_ago));
        let changed = reported + Duration::days(i64::from(example.days_to_change));
        let Some(owner) = example.owner.as_deref() else {
            backdate_barrier(db, barrier.id, reported, changed).await?;
            continue;
        };
        let owner = manager(owner)?;
        let story = match example.story.as_deref() {
            Some(title) => Some(story_id(title).await?),
            None => None,
        };
        let change = BarrierChange {
            status: Some(example.status),
            owner: Some("me".into()),
            reply: example.reply,
            story,
        };
        barriers::change(db, &owner, barrier.id, &change).await?;
        backdate_barrier(db, barrier.id, reported, changed).await?;
    }
    let picker = people
        .values()
        .find(|u| u.is_manager())
        .cloned()
        .unwrap_or_else(|| User {
            id: "demo".into(),
            name: "Demo".into(),
            email: None,
            role: Role::Manager,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        });
    for pick in habits.stories_of_the_month {
        let id = story_id(&pick.story).await?;
        monthly::pick(db, &picker, &pick.value, id).await?;
    }
    for marks in habits.inspired {
        let id = story_id(&marks.story).await?;
        for person in marks.by {
            let reader = User {
                id: person.clone(),
                name: person,
                email: None,
                role: Role::Staff,
                via_token: None,
                fixed_values: Vec::new(),
                groups: Vec::new(),
            };
            reactions::inspire(db, &reader, id, 0).await?;
        }
    }
    for note in habits.notes {
        let id = story_id(&note.story).await?;
        let writer = User {
            id: note.by,
            name: note.name,
            email: None,
            role: Role::Staff,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        };
        crate::services::notes::add(db, &writer, id, &note.body).await?;
    }
    Ok(())
}

/// Moves an example barrier's report (and its first event) back to
/// `reported`, and the later events and the closing to `changed`: the
/// services stamp everything "now", which would make every example solved
/// in no time.
async fn backdate_barrier(
    db: &DatabaseConnection,
    id: i32,
    reported: DateTime<Utc>,
    changed: DateTime<Utc>,
) -> Result<(), DemoError> {
    let Some(model) = barrier::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(AppError::from)?
    else {
        return Ok(());
    };
    let closed = model.closed_at.is_some();
    let mut active: barrier::ActiveModel = model.into();
    active.created_at = Set(reported);
    active.updated_at = Set(changed);
    if closed {
        active.closed_at = Set(Some(changed));
    }
    active.update(db).await.map_err(AppError::from)?;
    let events = barrier_event::Entity::find()
        .filter(barrier_event::Column::BarrierId.eq(id))
        .order_by_asc(barrier_event::Column::Id)
        .all(db)
        .await
        .map_err(AppError::from)?;
    for (at, event) in events.into_iter().enumerate() {
        let mut active: barrier_event::ActiveModel = event.into();
        active.created_at = Set(if at == 0 { reported } else { changed });
        active.update(db).await.map_err(AppError::from)?;
    }
    Ok(())
}
