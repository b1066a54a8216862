//! `content/stories/*.md`: the example stories loaded in demo mode.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{ContentError, ContentErrors, front_matter, markdown_files};
use crate::domain::{NewStory, StoryInput, ValueKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    values: Vec<String>,
    audience: String,
    team: Option<String>,
    lang: String,
    author: String,
    author_name: String,
    published_at: toml::value::Datetime,
    /// One line: the author's own approach.
    approach: Option<String>,
    /// A manager's leadership example (the author must be one of
    /// `content/people.toml`'s managers).
    #[serde(default)]
    leadership: bool,
}

/// An example story, valid against the values it was loaded with.
#[derive(Debug, Clone)]
pub struct DemoStory {
    pub story: NewStory,
    pub author_id: String,
    pub author_name: String,
    pub published_at: DateTime<Utc>,
}

/// Loads `<content_dir>/stories/*.md`; a missing folder means no examples.
pub fn load_demo_stories(
    content_dir: &Path,
    active_values: &HashMap<String, ValueKind>,
) -> Result<Vec<DemoStory>, ContentErrors> {
    let dir = content_dir.join("stories");
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let files = markdown_files(&dir).map_err(|e| ContentErrors(vec![e]))?;
    let mut stories = Vec::new();
    let mut errors = Vec::new();
    for file in &files {
        match load_one(file, active_values) {
            Ok(story) => stories.push(story),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        stories.sort_by_key(|s| s.published_at);
        Ok(stories)
    } else {
        Err(ContentErrors(errors))
    }
}

fn load_one(
    file: &Path,
    active_values: &HashMap<String, ValueKind>,
) -> Result<DemoStory, ContentError> {
    let source = std::fs::read_to_string(file)
        .map_err(|e| ContentError::new(file, None, format!("cannot read the file: {e}")))?;
    let (fm, body) = front_matter::parse::<FrontMatter>(file, &source)?;
    let input = StoryInput {
        title: fm.title,
        body,
        values: fm.values,
        audience: Some(fm.audience),
        team: fm.team,
        lang: Some(fm.lang),
        anonymous: false,
        approach: fm.approach,
        leadership: Some(fm.leadership),
        people: None,
    };
    let story = NewStory::parse(&input, active_values).map_err(|errors| {
        let list: Vec<String> = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        ContentError::new(file, None, list.join("; "))
    })?;
    let published_at = DateTime::parse_from_rfc3339(&fm.published_at.to_string())
        .map_err(|e| {
            ContentError::new(
                file,
                None,
                format!(
                    "published_at is a date and time with offset, e.g. 2026-09-14T09:30:00Z: {e}"
                ),
            )
        })?
        .with_timezone(&Utc);
    if fm.author.trim().is_empty() || fm.author_name.trim().is_empty() {
        return Err(ContentError::new(
            file,
            None,
            "author and author_name are required",
        ));
    }
    Ok(DemoStory {
        story,
        author_id: fm.author.trim().to_owned(),
        author_name: fm.author_name.trim().to_owned(),
        published_at,
    })
}
