//! The story form: what the author typed (kept when the form comes back),
//! the page with its errors and preview, and the similar-story notice.

use askama::Template;

use super::Layout;
use crate::domain::FieldError;
use crate::services::stories::StoryView;
use crate::services::values::ValueSummary;

/// What the user typed into the story form, kept when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct StoryFormData {
    pub title: String,
    pub body: String,
    pub values: Vec<String>,
    pub audience: String,
    pub team: String,
    pub lang: String,
    pub anonymous: bool,
    pub approach: String,
    pub leadership: bool,
    /// Named colleagues, as typed: names separated by commas.
    pub people: String,
}

#[derive(Template)]
#[template(path = "story_form.html", config = "src/askama.toml")]
pub struct StoryFormPage {
    pub layout: Layout,
    pub form: StoryFormData,
    pub errors: Vec<FieldError>,
    pub values: Vec<ValueSummary>,
    /// Where the form posts to: `/stories`, or `/stories/<id>/edit`.
    pub action: String,
    pub editing: bool,
    /// The story can still be kept as a draft (new, or a draft).
    pub draftable: bool,
    /// The Markdown rendered as it will appear, after "Preview".
    pub preview: Option<String>,
    /// A published story very like this one, after "Preview".
    pub similar: Option<crate::search::similar::SimilarStory>,
    /// The story being edited, never "similar" to itself.
    pub except: Option<i32>,
}

impl StoryFormPage {
    /// Where the form's script asks for the similar-story notice.
    pub fn similar_href(&self) -> String {
        match self.except {
            Some(id) => format!("/similar?except={id}"),
            None => "/similar".to_owned(),
        }
    }
}

/// The similar-story notice alone, for the form's script.
#[derive(Template)]
#[template(path = "similar_notice.html", config = "src/askama.toml")]
pub struct SimilarNotice {
    pub layout: Layout,
    pub similar: crate::search::similar::SimilarStory,
}

impl StoryFormPage {
    /// The error beside a field, in the reader's language.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
    }

    /// Every error beside a field (named colleagues have one per name).
    pub fn errors_for(&self, field: &str) -> Vec<String> {
        self.errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
            .collect()
    }
}

impl StoryFormData {
    /// The form filled with a story, for editing.
    pub fn from_story(story: &StoryView) -> StoryFormData {
        StoryFormData {
            title: story.title.clone(),
            body: story.body.clone(),
            values: story.values.iter().map(|v| v.slug.clone()).collect(),
            audience: story.audience.as_str().to_owned(),
            team: story.team.clone().unwrap_or_default(),
            lang: story.lang.as_str().to_owned(),
            anonymous: story.author.anonymous,
            approach: story.approach.clone().unwrap_or_default(),
            leadership: story.leadership,
            people: story
                .people
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}
