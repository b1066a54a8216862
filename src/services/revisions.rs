//! The history of a story: a snapshot after every change, with who made it
//! and when. What changed is found by comparing each snapshot with the one
//! before it, so the history can never disagree with the stories themselves.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use crate::db::entities::story_revision;
use crate::domain::User;
use crate::error::AppResult;

/// What kind of change a revision records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum RevisionKind {
    Created,
    Edited,
    /// Edited after a rejection or take-down, and back in the queue.
    Resubmitted,
    Retagged,
    Published,
    Rejected,
    Withdrawn,
    Featured,
    Unfeatured,
    /// Marked as a manager's leadership example.
    Leadership,
    /// No longer a leadership example.
    #[serde(rename = "leadership_off")]
    LeadershipOff,
    /// A named colleague took their name off the story.
    Unnamed,
}

impl RevisionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RevisionKind::Created => "created",
            RevisionKind::Edited => "edited",
            RevisionKind::Resubmitted => "resubmitted",
            RevisionKind::Retagged => "retagged",
            RevisionKind::Published => "published",
            RevisionKind::Rejected => "rejected",
            RevisionKind::Withdrawn => "withdrawn",
            RevisionKind::Featured => "featured",
            RevisionKind::Unfeatured => "unfeatured",
            RevisionKind::Leadership => "leadership",
            RevisionKind::LeadershipOff => "leadership_off",
            RevisionKind::Unnamed => "unnamed",
        }
    }

    /// The message id of its name in the history.
    pub fn message_id(self) -> &'static str {
        match self {
            RevisionKind::Created => "revision-created",
            RevisionKind::Edited => "revision-edited",
            RevisionKind::Resubmitted => "revision-resubmitted",
            RevisionKind::Retagged => "revision-retagged",
            RevisionKind::Published => "revision-published",
            RevisionKind::Rejected => "revision-rejected",
            RevisionKind::Withdrawn => "revision-withdrawn",
            RevisionKind::Featured => "revision-featured",
            RevisionKind::Unfeatured => "revision-unfeatured",
            RevisionKind::Leadership => "revision-leadership",
            RevisionKind::LeadershipOff => "revision-leadership-off",
            RevisionKind::Unnamed => "revision-unnamed",
        }
    }

    fn parse(raw: &str) -> RevisionKind {
        match raw {
            "edited" => RevisionKind::Edited,
            "resubmitted" => RevisionKind::Resubmitted,
            "retagged" => RevisionKind::Retagged,
            "published" => RevisionKind::Published,
            "rejected" => RevisionKind::Rejected,
            "withdrawn" => RevisionKind::Withdrawn,
            "featured" => RevisionKind::Featured,
            "unfeatured" => RevisionKind::Unfeatured,
            "leadership" => RevisionKind::Leadership,
            "leadership_off" => RevisionKind::LeadershipOff,
            "unnamed" => RevisionKind::Unnamed,
            _ => RevisionKind::Created,
        }
    }
}

/// The editor id of every revision by someone who left (`user forget`).
pub const FORMER_EDITOR: &str = "former";

/// One line of a text comparison.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct DiffLine {
    /// `+` added, `-` removed, ` ` unchanged.
    pub sign: char,
    pub text: String,
}

/// One entry of a story's history.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Revision {
    pub id: i32,
    pub kind: RevisionKind,
    /// Who made the change; none when they left and were forgotten.
    pub editor: Option<String>,
    pub at: DateTime<Utc>,
    /// The fields that differ from the revision before: `title`, `body`,
    /// `values`, `audience`, `team`, `lang`, `anonymous`.
    pub changed: Vec<&'static str>,
    pub title: String,
    pub values: Vec<String>,
    /// A manager's reason (rejection, retagging).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The story text compared with the revision before, when it changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body_diff: Vec<DiffLine>,
}

fn changed_fields(
    before: &story_revision::Model,
    after: &story_revision::Model,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let pairs: [(&'static str, bool); 7] = [
        ("title", before.title != after.title),
        ("body", before.body_md != after.body_md),
        ("values", before.values != after.values),
        ("audience", before.audience != after.audience),
        ("team", before.team != after.team),
        ("lang", before.lang != after.lang),
        ("anonymous", before.anonymous != after.anonymous),
    ];
    for (field, differs) in pairs {
        if differs {
            changed.push(field);
        }
    }
    changed
}

/// The changed lines with a little context, as a reader wants to see them.
fn diff(before: &str, after: &str) -> Vec<DiffLine> {
    let diff = similar::TextDiff::from_lines(before, after);
    let mut lines = Vec::new();
    for group in diff.grouped_ops(1) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let sign = match change.tag() {
                    similar::ChangeTag::Insert => '+',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Equal => ' ',
                };
                lines.push(DiffLine {
                    sign,
                    text: change.value().trim_end_matches('\n').to_owned(),
                });
            }
        }
    }
    lines
}

/// The history of a story, newest first. Only its author and managers may
/// read it: it can hold the name of an anonymous author and rejected text.
pub async fn history(
    db: &DatabaseConnection,
    viewer: Option<&User>,
    story_id: i32,
) -> AppResult<Vec<Revision>> {
    let story = super::stories::get(db, viewer, story_id).await?;
    // The moderation mode plays no part in who reads the history.
    let allowed = super::stories::Permissions::of(&story, viewer, crate::domain::Moderation::Pre);
    if !allowed.history {
        return Err(crate::error::AppError::Forbidden);
    }
    let rows = story_revision::Entity::find()
        .filter(story_revision::Column::StoryId.eq(story_id))
        .order_by_asc(story_revision::Column::Id)
        .all(db)
        .await?;
    let mut history = Vec::with_capacity(rows.len());
    let mut previous: Option<&story_revision::Model> = None;
    for row in &rows {
        let (changed, body_diff) = match previous {
            Some(before) => {
                let changed = changed_fields(before, row);
                let body_diff = if changed.contains(&"body") {
                    diff(&before.body_md, &row.body_md)
                } else {
                    Vec::new()
                };
                (changed, body_diff)
            }
            None => (Vec::new(), Vec::new()),
        };
        history.push(Revision {
            id: row.id,
            kind: RevisionKind::parse(&row.kind),
            editor: (row.editor_id != FORMER_EDITOR).then(|| row.editor_name.clone()),
            at: row.created_at,
            changed,
            title: row.title.clone(),
            values: row
                .values
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            note: row.note.clone(),
            body_diff,
        });
        previous = Some(row);
    }
    history.reverse();
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_shows_removed_and_added_lines_with_context() {
        let lines = diff(
            "een\ntwee\ndrie\nvier\nvijf\n",
            "een\ntwee\nDRIE\nvier\nvijf\n",
        );
        let signs: String = lines.iter().map(|l| l.sign).collect();
        assert_eq!(signs, " -+ ");
        assert_eq!(lines[1].text, "drie");
        assert_eq!(lines[2].text, "DRIE");
    }
}
