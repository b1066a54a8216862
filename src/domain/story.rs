//! Stories: what a valid submission is (the states it moves through are in
//! [`super::lifecycle`]).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{FieldError, Lang, ValueKind, ValueSlug};
use crate::i18n::Msg;

/// Explicit limits, shown in error messages and the README.
pub mod field_limits {
    pub const TITLE_MIN: usize = 3;
    pub const TITLE_MAX: usize = 120;
    pub const BODY_MIN: usize = 20;
    pub const BODY_MAX: usize = 20_000;
    pub const VALUES_MIN: usize = 1;
    pub const VALUES_MAX: usize = 3;
    pub const TEAM_MAX: usize = 60;
    pub const REASON_MAX: usize = 1_000;
    pub const APPROACH_MAX: usize = 120;
    /// A thank-you note: 2 to 1,000 characters.
    pub const NOTE_MIN: usize = 2;
    pub const NOTE_MAX: usize = 1_000;
}

/// Who the story is about: a customer or a colleague.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Customer,
    Colleague,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Customer => "customer",
            Audience::Colleague => "colleague",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "customer" => Some(Audience::Customer),
            "colleague" => Some(Audience::Colleague),
            _ => None,
        }
    }
}

/// A story as submitted, before validation (JSON body or form).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StoryInput {
    /// 3 to 120 characters (a draft: at most 120), white space collapsed.
    #[schema(min_length = 3, max_length = 120)]
    pub title: String,
    /// Markdown, 20 to 20,000 characters (a draft: at most 20,000).
    #[schema(min_length = 20, max_length = 20000)]
    pub body: String,
    /// 1 to 3 slugs of current values (a draft: 0 to 3).
    #[schema(min_items = 1, max_items = 3)]
    pub values: Vec<String>,
    /// `customer` or `colleague`; when left out: colleague if every value is
    /// a core value, else customer.
    #[serde(default)]
    pub audience: Option<String>,
    /// At most 60 characters.
    #[serde(default)]
    #[schema(max_length = 60)]
    pub team: Option<String>,
    /// `nl` or `en`; detected from the text when left out.
    #[serde(default)]
    pub lang: Option<String>,
    /// Publish as "a colleague from <team>" instead of the author's name.
    #[serde(default)]
    pub anonymous: bool,
    /// The author's own approach in one line (at most 120 characters),
    /// shown next to the title in lists.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub approach: Option<String>,
    /// A manager's story as an example of leading by example (`422` when the
    /// author is not a manager). Left out on an edit: unchanged.
    #[serde(default)]
    pub leadership: Option<bool>,
    /// Ids of colleagues who took part (people the service knows, at most
    /// 10, not the author). Left out on an edit: unchanged.
    #[serde(default)]
    #[schema(max_items = 10)]
    pub people: Option<Vec<String>>,
}

/// A valid story submission: title, body and tags within their limits, only
/// active values, audience and language settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStory {
    title: String,
    body: String,
    values: Vec<ValueSlug>,
    audience: Audience,
    team: Option<String>,
    lang: Lang,
    anonymous: bool,
    approach: Option<String>,
    leadership: Option<bool>,
    /// Ids of the colleagues it names (checked against the people the
    /// service knows by the story service); `None`: unchanged on an edit.
    people: Option<Vec<String>>,
}

/// How complete a story must be: ready for readers, or a draft to finish
/// later (any length up to the limits, values may still be missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Submission,
    Draft,
}

impl NewStory {
    /// Checks every field and reports all problems at once. `active_values`
    /// maps the slugs of the values that can be tagged to their kind.
    pub fn parse(
        input: &StoryInput,
        active_values: &HashMap<String, ValueKind>,
    ) -> Result<Self, Vec<FieldError>> {
        Self::parse_as(input, active_values, Completeness::Submission)
    }

    pub fn parse_as(
        input: &StoryInput,
        active_values: &HashMap<String, ValueKind>,
        completeness: Completeness,
    ) -> Result<Self, Vec<FieldError>> {
        use field_limits::*;
        let draft = completeness == Completeness::Draft;
        let mut errors = Vec::new();

        let title = collapse_whitespace(&input.title);
        let title_len = title.chars().count();
        if title_len < TITLE_MIN && !draft {
            errors.push(FieldError::new(
                "title",
                Msg::new("error-title-short").arg("min", TITLE_MIN),
            ));
        } else if title_len > TITLE_MAX {
            errors.push(FieldError::new(
                "title",
                Msg::new("error-title-long")
                    .arg("length", title_len)
                    .arg("max", TITLE_MAX),
            ));
        }

        let body = input.body.trim().replace("\r\n", "\n");
        let body_len = body.chars().count();
        if body_len < BODY_MIN && !draft {
            errors.push(FieldError::new(
                "body",
                Msg::new("error-body-short").arg("min", BODY_MIN),
            ));
        } else if body_len > BODY_MAX {
            errors.push(FieldError::new(
                "body",
                Msg::new("error-body-long")
                    .arg("length", body_len)
                    .arg("max", BODY_MAX),
            ));
        }

        let min_values = if draft { 0 } else { VALUES_MIN };
        let values = match parse_value_tags(&input.values, active_values, min_values) {
            Ok(values) => values,
            Err(mut tag_errors) => {
                errors.append(&mut tag_errors);
                Vec::new()
            }
        };

        let audience = match input.audience.as_deref().map(str::trim) {
            None | Some("") => {
                // A story tagged only with core values is about colleagues.
                let all_core = !values.is_empty()
                    && values
                        .iter()
                        .all(|slug| active_values.get(slug.as_str()) == Some(&ValueKind::Core));
                Some(if all_core {
                    Audience::Colleague
                } else {
                    Audience::Customer
                })
            }
            Some(raw) => {
                let parsed = Audience::parse(raw);
                if parsed.is_none() {
                    errors.push(FieldError::new("audience", Msg::new("error-audience")));
                }
                parsed
            }
        };

        let team = input
            .team
            .as_deref()
            .map(collapse_whitespace)
            .filter(|team| !team.is_empty());
        if let Some(team) = &team
            && team.chars().count() > TEAM_MAX
        {
            errors.push(FieldError::new(
                "team",
                Msg::new("error-team-long").arg("max", TEAM_MAX),
            ));
        }

        let approach = input
            .approach
            .as_deref()
            .map(collapse_whitespace)
            .filter(|approach| !approach.is_empty());
        if let Some(approach) = &approach
            && approach.chars().count() > APPROACH_MAX
        {
            errors.push(FieldError::new(
                "approach",
                Msg::new("error-approach-long").arg("max", APPROACH_MAX),
            ));
        }

        for (field, text) in [
            ("title", title.as_str()),
            ("body", body.as_str()),
            ("team", team.as_deref().unwrap_or_default()),
            ("approach", approach.as_deref().unwrap_or_default()),
        ] {
            if let Err(e) = super::refuse_nul(field, text) {
                errors.push(e);
            }
        }

        let lang = match input.lang.as_deref().map(str::trim) {
            None | Some("") => Some(Lang::detect(&format!("{title}\n{body}"))),
            Some(raw) => {
                let parsed = Lang::parse(raw);
                if parsed.is_none() {
                    errors.push(FieldError::new("lang", Msg::new("error-lang")));
                }
                parsed
            }
        };

        match (errors.is_empty(), audience, lang) {
            (true, Some(audience), Some(lang)) => Ok(NewStory {
                title,
                body,
                values,
                audience,
                team,
                lang,
                anonymous: input.anonymous,
                approach,
                leadership: input.leadership,
                people: None,
            }),
            _ => Err(errors),
        }
    }

    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn body(&self) -> &str {
        &self.body
    }
    pub fn values(&self) -> &[ValueSlug] {
        &self.values
    }
    pub fn audience(&self) -> Audience {
        self.audience
    }
    pub fn team(&self) -> Option<&str> {
        self.team.as_deref()
    }
    pub fn lang(&self) -> Lang {
        self.lang
    }
    pub fn anonymous(&self) -> bool {
        self.anonymous
    }
    pub fn approach(&self) -> Option<&str> {
        self.approach.as_deref()
    }
    /// Whether the author asks for a leadership example; `None`: not said.
    pub fn leadership(&self) -> Option<bool> {
        self.leadership
    }

    /// The named colleagues' ids, once checked; `None`: unchanged.
    pub fn people(&self) -> Option<&[String]> {
        self.people.as_deref()
    }

    /// The story with its named colleagues, checked by the caller.
    pub fn with_people(mut self, ids: Option<Vec<String>>) -> NewStory {
        self.people = ids;
        self
    }
}

/// The values a story is tagged with: known, active, no duplicates, at
/// least `min` and at most [`field_limits::VALUES_MAX`].
pub fn parse_value_tags(
    raw: &[String],
    active_values: &HashMap<String, ValueKind>,
    min: usize,
) -> Result<Vec<ValueSlug>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut values: Vec<ValueSlug> = Vec::new();
    for raw in raw {
        let raw = raw.trim();
        match ValueSlug::parse(raw) {
            Ok(slug) if active_values.contains_key(slug.as_str()) => {
                if !values.contains(&slug) {
                    values.push(slug);
                }
            }
            _ => errors.push(FieldError::new(
                "values",
                Msg::new("error-value-unknown").arg("value", raw),
            )),
        }
    }
    if values.len() < min && errors.is_empty() {
        errors.push(FieldError::new("values", Msg::new("error-values-none")));
    } else if values.len() > field_limits::VALUES_MAX {
        errors.push(FieldError::new(
            "values",
            Msg::new("error-values-many").arg("max", field_limits::VALUES_MAX),
        ));
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
