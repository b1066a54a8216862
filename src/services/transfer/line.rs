//! One line of an import file, read as JSON and checked: the story itself
//! with the rules a submitted story obeys ([`NewStory::parse_as`]: title,
//! body, values, audience, team, language, approach; a draft with a draft's
//! rules), and what only an import has — the author and the colleagues
//! named (people's ids, [`is_person_id`]), the status and its dates, a
//! rejection's reason ([`RejectReason`]), the external id. Every problem of
//! a line is reported, each with its field.

use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::fields::Fields;
use super::{FIELDS, PersonLine, Problem};
use crate::domain::{
    Completeness, IDENTITY_MAX_CHARS, NewStory, RejectReason, StoryInput, StoryStatus, ValueKind,
    is_person_id, refuse_nul,
};
use crate::i18n::Msg;
use crate::services::stories::NAMED_MAX;

/// The longest external id kept.
pub const EXTERNAL_ID_MAX: usize = 200;
/// A line longer than this (in bytes) is refused unread: a story at its
/// limits is far shorter.
pub const LINE_MAX_BYTES: usize = 1 << 20;

/// Someone on a line, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    pub name: String,
}

/// A valid line: a story ready to be written.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The line's own, or derived from the story (see [`derived_id`]).
    pub external_id: String,
    /// Whether `external_id` was on the line.
    pub given_id: bool,
    pub story: NewStory,
    pub status: StoryStatus,
    /// `None`: a former colleague.
    pub author: Option<Person>,
    pub people: Vec<Person>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub reject_reason: Option<String>,
    pub featured: bool,
}

/// Reads and checks one line. `kinds`: the current values and their kinds;
/// `now`: dates after it are refused, and a story without one was created
/// now.
pub fn parse(
    text: &str,
    kinds: &HashMap<String, ValueKind>,
    now: DateTime<Utc>,
) -> Result<Incoming, Vec<Problem>> {
    let mut map = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(vec![Problem::line("not a JSON object")]),
        Err(e) => return Err(vec![Problem::line(json_reason(&e))]),
    };
    let mut problems = Vec::new();
    let mut fields = Fields {
        map: &mut map,
        problems: &mut problems,
    };
    let external_id = fields.take::<String>("external_id");
    let title = fields.required::<String>("title");
    let body = fields.required::<String>("body");
    let status = fields.required::<String>("status");
    let draft = status.as_deref().map(str::trim) == Some(StoryStatus::Draft.as_str());
    let values = if draft {
        fields.take::<Vec<String>>("values")
    } else {
        fields.required::<Vec<String>>("values")
    };
    let audience = fields.take::<String>("audience");
    let team = fields.take::<String>("team");
    let lang = fields.take::<String>("lang");
    let author = fields.author();
    let published_at = fields.time("published_at", now);
    let created_at = fields.time("created_at", now);
    let anonymous = fields.take::<bool>("anonymous").unwrap_or(false);
    let approach = fields.take::<String>("approach");
    let reject_reason = fields.take::<String>("reject_reason");
    let featured = fields.take::<bool>("featured").unwrap_or(false);
    let named = fields.take::<Vec<PersonLine>>("people").unwrap_or_default();
    for key in map.keys() {
        problems.push(Problem::new(
            key,
            format!("not a field of the format ({})", FIELDS.join(", ")),
        ));
    }

    let status = status.and_then(|raw| {
        let parsed = StoryStatus::parse(raw.trim());
        if parsed.is_none() {
            problems.push(Problem::new(
                "status",
                "one of draft, pending, published, rejected, withdrawn",
            ));
        }
        parsed
    });

    // The story itself: exactly the rules of the story form and the API.
    let missing: Vec<&str> = [
        ("title", title.is_none()),
        ("body", body.is_none()),
        ("values", values.is_none()),
    ]
    .into_iter()
    .filter_map(|(field, absent)| absent.then_some(field))
    .collect();
    let input = StoryInput {
        title: title.unwrap_or_default(),
        body: body.unwrap_or_default(),
        values: values.unwrap_or_default(),
        audience,
        team,
        lang,
        anonymous,
        approach,
        leadership: None,
        people: None,
    };
    let completeness = if draft {
        Completeness::Draft
    } else {
        Completeness::Submission
    };
    let story = match NewStory::parse_as(&input, kinds, completeness) {
        Ok(story) => Some(story),
        Err(errors) => {
            // A missing field was reported as missing, not as too short.
            for e in errors
                .iter()
                .filter(|e| !missing.contains(&e.field.as_str()))
            {
                problems.push(Problem::new(&e.field, e.message.to_string()));
            }
            None
        }
    };

    let author = author.and_then(|author| match author {
        None => Some(None),
        Some(line) => person("author", line, &mut problems).map(Some),
    });
    let people = named_people(named, &author, &mut problems);

    if let Some(status) = status {
        match (status, published_at) {
            // (Unless it is there, but wrong.)
            (StoryStatus::Published, None)
                if !problems.iter().any(|p| p.field == "published_at") =>
            {
                problems.push(Problem::new(
                    "published_at",
                    "required for a published story",
                ))
            }
            (StoryStatus::Draft, Some(_)) => problems.push(Problem::new(
                "published_at",
                "a draft has never been published",
            )),
            _ => {}
        }
        if featured && status != StoryStatus::Published {
            problems.push(Problem::new(
                "featured",
                "only a published story can be featured",
            ));
        }
        if reject_reason.is_some() && status != StoryStatus::Rejected {
            problems.push(Problem::new(
                "reject_reason",
                "only a rejected story has one",
            ));
        }
    }
    if let (Some(created), Some(published)) = (created_at, published_at)
        && created > published
    {
        problems.push(Problem::new("created_at", "after published_at"));
    }
    let reject_reason = reject_reason.and_then(|raw| match RejectReason::parse(&raw) {
        Ok(reason) => Some(reason.as_str().to_owned()),
        Err(e) => {
            problems.push(Problem::new("reject_reason", e.message.to_string()));
            None
        }
    });
    let external_id = external_id.and_then(|raw| checked_external_id(&raw, &mut problems));

    match (story, status, author) {
        (Some(story), Some(status), Some(author)) if problems.is_empty() => {
            let given_id = external_id.is_some();
            let external_id =
                external_id.unwrap_or_else(|| derived_id(&story, author.as_ref(), published_at));
            Ok(Incoming {
                external_id,
                given_id,
                story,
                status,
                author,
                people,
                // Kept to whole seconds, as every time the service keeps
                // ([`crate::clock::now`]): lists page by time and id, which
                // holds only where times sort alike as text and as
                // timestamps and a page's cursor names its last one exactly.
                // The derived id above keeps the line's own time, so that a
                // file imported before finds its stories again.
                created_at: created_at.or(published_at).map(whole).unwrap_or(now),
                published_at: published_at.map(whole),
                reject_reason,
                featured,
            })
        }
        _ => Err(problems),
    }
}

fn whole(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(0)
}

/// The id of a story whose line has none: the same for the same author,
/// title, text and publication, so that importing the file again finds it.
pub fn derived_id(
    story: &NewStory,
    author: Option<&Person>,
    published_at: Option<DateTime<Utc>>,
) -> String {
    let published = published_at.map(|at| at.to_rfc3339()).unwrap_or_default();
    let digest = Sha256::new()
        .chain_update(author.map(|a| a.id.as_str()).unwrap_or_default())
        .chain_update([0])
        .chain_update(story.title())
        .chain_update([0])
        .chain_update(story.body())
        .chain_update([0])
        .chain_update(published)
        .finalize();
    format!("sha256:{}", hex::encode(&digest[..16]))
}

/// A person's id and name as the sign-on would give them: an id that names
/// a person (not `former:` or `token:`), both at most
/// [`IDENTITY_MAX_CHARS`], no NUL; the name defaults to the id.
fn person(field: &str, line: PersonLine, problems: &mut Vec<Problem>) -> Option<Person> {
    let before = problems.len();
    let id = line.id.trim().to_owned();
    let name = line
        .name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .unwrap_or(&id)
        .to_owned();
    if id.is_empty() {
        problems.push(Problem::new(field, "the id is empty"));
    } else if !is_person_id(&id) {
        problems.push(Problem::new(
            field,
            format!("`{id}` names no person (`former:` and `token:` ids are reserved)"),
        ));
    }
    for (what, text) in [("id", &id), ("name", &name)] {
        if text.chars().count() > IDENTITY_MAX_CHARS {
            problems.push(Problem::new(
                field,
                format!("the {what} has more than {IDENTITY_MAX_CHARS} characters"),
            ));
        }
        if let Err(e) = refuse_nul(field, text) {
            problems.push(Problem::new(field, format!("{what}: {}", e.message)));
        }
    }
    (problems.len() == before).then_some(Person { id, name })
}

/// The colleagues a story names, as the story form takes them: at most
/// [`NAMED_MAX`], not the author, each once.
fn named_people(
    lines: Vec<PersonLine>,
    author: &Option<Option<Person>>,
    problems: &mut Vec<Problem>,
) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    for line in lines {
        let Some(named) = person("people", line, problems) else {
            continue;
        };
        if matches!(author, Some(Some(author)) if author.id == named.id) {
            problems.push(Problem::new(
                "people",
                "the author is not named as a colleague",
            ));
        } else if !people.iter().any(|p| p.id == named.id) {
            people.push(named);
        }
    }
    if people.len() > NAMED_MAX {
        let message = Msg::new("error-people-many").arg("max", NAMED_MAX);
        problems.push(Problem::new("people", message.to_string()));
    }
    people
}

fn checked_external_id(raw: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let id = raw.trim();
    if id.is_empty() {
        problems.push(Problem::new("external_id", "empty (leave it out instead)"));
        return None;
    }
    if id.chars().count() > EXTERNAL_ID_MAX {
        problems.push(Problem::new(
            "external_id",
            format!("more than {EXTERNAL_ID_MAX} characters"),
        ));
        return None;
    }
    if let Err(e) = refuse_nul("external_id", id) {
        problems.push(Problem::new("external_id", e.message.to_string()));
        return None;
    }
    Some(id.to_owned())
}

/// serde_json's reason without its position, which is always "line 1".
fn json_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let reason = text.strip_suffix(&suffix).unwrap_or(&text);
    format!("not valid JSON: {reason} (column {})", e.column())
}

#[cfg(test)]
mod tests;
