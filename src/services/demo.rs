//! Demo mode: the example stories from `content/stories/` fill an empty
//! database, so a newcomer sees a living site at once.

use std::path::Path;

use sea_orm::DatabaseConnection;

use crate::content::{ContentErrors, load_demo_stories};
use crate::domain::StoryStatus;
use crate::error::AppError;

use super::{stories, values::active_value_kinds};

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
    Ok(examples.len())
}
