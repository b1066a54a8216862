//! The states a story moves through, and the one rule that says who may move
//! it from which state to which. Every write path of the services asks
//! [`transition`]; nothing else decides a story's next status.

use serde::{Deserialize, Serialize};

/// When a submitted story becomes visible to everyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Stories wait for a manager before anyone else sees them.
    Pre,
    /// Stories are published at once; managers can take them down.
    Post,
}

/// Where a story is in its life. Only `Published` stories are ever shown to
/// people other than their author and managers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StoryStatus {
    /// Saved by the author to finish later; only the author sees it.
    Draft,
    Pending,
    Published,
    Rejected,
    Withdrawn,
}

impl StoryStatus {
    pub const ALL: [StoryStatus; 5] = [
        StoryStatus::Draft,
        StoryStatus::Pending,
        StoryStatus::Published,
        StoryStatus::Rejected,
        StoryStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StoryStatus::Draft => "draft",
            StoryStatus::Pending => "pending",
            StoryStatus::Published => "published",
            StoryStatus::Rejected => "rejected",
            StoryStatus::Withdrawn => "withdrawn",
        }
    }

    /// The message id of its name in the interface.
    pub fn message_id(self) -> &'static str {
        match self {
            StoryStatus::Draft => "status-draft",
            StoryStatus::Pending => "status-pending",
            StoryStatus::Published => "status-published",
            StoryStatus::Rejected => "status-rejected",
            StoryStatus::Withdrawn => "status-withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        StoryStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What someone asks to do with a story's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The author saves an unfinished story to finish later.
    SaveDraft,
    /// The author sends the story in, the first time or after an edit.
    Submit,
    /// A manager publishes it.
    Publish,
    /// A manager rejects it, or takes it down, with a reason.
    Reject,
    /// The author (or an admin) withdraws it.
    Withdraw,
}

/// How the person acting stands to the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Actor {
    /// Wrote it (and has not left: a forgotten author is nobody's).
    pub author: bool,
    pub manager: bool,
    pub admin: bool,
}

/// Why a transition is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The actor's relation to the story does not allow the action.
    Forbidden,
    /// The story is invisible to the actor (drafts, to managers).
    NotFound,
    /// The story's status does not allow it; the message id says why.
    Conflict(&'static str),
}

/// The status a story moves to when `actor` asks for `action`, under the
/// moderation mode in force. `Ok(from)` means the action changes nothing
/// about the status (withdrawing twice, publishing a published story).
///
/// The rules that matter most: once a manager has rejected or taken a story
/// down, only a manager brings it back — its author's edit sends it to the
/// queue, under either moderation mode, and so does any edit of a story that
/// is already waiting there. Withdrawn is final.
pub fn transition(
    from: StoryStatus,
    action: Action,
    actor: Actor,
    moderation: Moderation,
) -> Result<StoryStatus, Refusal> {
    use StoryStatus::*;
    let allowed = match action {
        Action::SaveDraft | Action::Submit => actor.author,
        Action::Publish | Action::Reject => actor.manager || actor.admin,
        Action::Withdraw => actor.author || actor.admin,
    };
    if !allowed {
        return Err(Refusal::Forbidden);
    }
    match (action, from) {
        (_, Withdrawn) if action == Action::Withdraw => Ok(Withdrawn),
        (Action::SaveDraft | Action::Submit, Withdrawn) => {
            Err(Refusal::Conflict("error-withdrawn-edit"))
        }
        (_, Withdrawn) => Err(Refusal::Conflict("error-withdrawn")),
        (Action::Withdraw, _) => Ok(Withdrawn),
        (Action::SaveDraft, Draft) => Ok(Draft),
        (Action::SaveDraft, _) => Err(Refusal::Conflict("error-draft-only")),
        (Action::Submit, Draft) => Ok(match moderation {
            Moderation::Pre => Pending,
            Moderation::Post => Published,
        }),
        (Action::Submit, Published) => Ok(match moderation {
            Moderation::Pre => Pending,
            Moderation::Post => Published,
        }),
        (Action::Submit, Pending | Rejected) => Ok(Pending),
        // Managers never see drafts.
        (Action::Publish | Action::Reject, Draft) => Err(Refusal::NotFound),
        (Action::Publish, _) => Ok(Published),
        (Action::Reject, _) => Ok(Rejected),
    }
}

#[cfg(test)]
mod tests {
    use super::StoryStatus::*;
    use super::*;

    const AUTHOR: Actor = Actor {
        author: true,
        manager: false,
        admin: false,
    };
    const MANAGER: Actor = Actor {
        author: false,
        manager: true,
        admin: false,
    };
    const ADMIN: Actor = Actor {
        author: false,
        manager: true,
        admin: true,
    };
    const OTHER: Actor = Actor {
        author: false,
        manager: false,
        admin: false,
    };

    type Row = (
        StoryStatus,
        Action,
        Actor,
        Moderation,
        Result<StoryStatus, Refusal>,
    );

    /// Every (status, action, mode) for the actor who may act, with the
    /// expected outcome: the whole table, so a change to one cell shows.
    #[test]
    fn the_whole_transition_table() {
        use Action::*;
        use Moderation::*;
        let conflict = Refusal::Conflict;
        #[rustfmt::skip]
        let table: &[Row] = &[
            (Draft, SaveDraft, AUTHOR, Pre, Ok(Draft)),
            (Draft, Submit, AUTHOR, Pre, Ok(Pending)),
            (Draft, Submit, AUTHOR, Post, Ok(Published)),
            (Draft, Withdraw, AUTHOR, Pre, Ok(Withdrawn)),
            (Draft, Publish, MANAGER, Pre, Err(Refusal::NotFound)),
            (Draft, Reject, MANAGER, Post, Err(Refusal::NotFound)),
            (Pending, SaveDraft, AUTHOR, Pre, Err(conflict("error-draft-only"))),
            (Pending, Submit, AUTHOR, Pre, Ok(Pending)),
            (Pending, Submit, AUTHOR, Post, Ok(Pending)),
            (Pending, Publish, MANAGER, Pre, Ok(Published)),
            (Pending, Reject, MANAGER, Pre, Ok(Rejected)),
            (Pending, Withdraw, AUTHOR, Pre, Ok(Withdrawn)),
            (Published, SaveDraft, AUTHOR, Post, Err(conflict("error-draft-only"))),
            (Published, Submit, AUTHOR, Pre, Ok(Pending)),
            (Published, Submit, AUTHOR, Post, Ok(Published)),
            (Published, Publish, MANAGER, Pre, Ok(Published)),
            (Published, Reject, MANAGER, Post, Ok(Rejected)),
            (Published, Withdraw, AUTHOR, Post, Ok(Withdrawn)),
            (Published, Withdraw, ADMIN, Post, Ok(Withdrawn)),
            (Rejected, SaveDraft, AUTHOR, Pre, Err(conflict("error-draft-only"))),
            (Rejected, Submit, AUTHOR, Pre, Ok(Pending)),
            // A take-down stays down: the author's edit goes to the queue.
            (Rejected, Submit, AUTHOR, Post, Ok(Pending)),
            (Rejected, Publish, MANAGER, Post, Ok(Published)),
            (Rejected, Reject, MANAGER, Pre, Ok(Rejected)),
            (Rejected, Withdraw, AUTHOR, Post, Ok(Withdrawn)),
            (Withdrawn, SaveDraft, AUTHOR, Pre, Err(conflict("error-withdrawn-edit"))),
            (Withdrawn, Submit, AUTHOR, Post, Err(conflict("error-withdrawn-edit"))),
            (Withdrawn, Publish, MANAGER, Pre, Err(conflict("error-withdrawn"))),
            (Withdrawn, Reject, MANAGER, Post, Err(conflict("error-withdrawn"))),
            (Withdrawn, Withdraw, AUTHOR, Pre, Ok(Withdrawn)),
        ];
        for (from, action, actor, mode, expected) in table {
            assert_eq!(
                transition(*from, *action, *actor, *mode),
                *expected,
                "{from:?} --{action:?}--> under {mode:?}"
            );
        }
    }

    #[test]
    fn only_the_author_edits_and_only_managers_moderate() {
        for from in StoryStatus::ALL {
            for mode in [Moderation::Pre, Moderation::Post] {
                for action in [Action::SaveDraft, Action::Submit] {
                    for actor in [MANAGER, ADMIN, OTHER] {
                        assert_eq!(
                            transition(from, action, actor, mode),
                            Err(Refusal::Forbidden)
                        );
                    }
                }
                for action in [Action::Publish, Action::Reject] {
                    for actor in [AUTHOR, OTHER] {
                        assert_eq!(
                            transition(from, action, actor, mode),
                            Err(Refusal::Forbidden)
                        );
                    }
                }
                for actor in [MANAGER, OTHER] {
                    assert_eq!(
                        transition(from, Action::Withdraw, actor, mode),
                        Err(Refusal::Forbidden)
                    );
                }
            }
        }
    }

    #[test]
    fn no_author_action_ever_publishes_a_story_a_manager_held_back() {
        for mode in [Moderation::Pre, Moderation::Post] {
            for from in [Pending, Rejected] {
                for action in [Action::SaveDraft, Action::Submit, Action::Withdraw] {
                    assert_ne!(transition(from, action, AUTHOR, mode), Ok(Published));
                }
            }
        }
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in StoryStatus::ALL {
            assert_eq!(StoryStatus::parse(status.as_str()), Some(status));
        }
    }
}
