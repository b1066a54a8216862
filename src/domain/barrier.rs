//! Barriers: what stopped someone from living a value ("what may staff
//! expect of us?"). What a valid report is, the states a barrier moves
//! through, and [`barrier_transition`], the one rule for which status may
//! follow which.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{FieldError, ValueKind, ValueSlug, parse_value_tags};
use crate::i18n::Msg;

/// Explicit limits, shown in error messages, the OpenAPI document and the README.
pub mod barrier_limits {
    pub const TITLE_MIN: usize = 3;
    pub const TITLE_MAX: usize = 120;
    pub const BODY_MIN: usize = 20;
    pub const BODY_MAX: usize = 5_000;
    pub const REPLY_MAX: usize = 5_000;
    pub const COMMITMENT_MIN: usize = 10;
    pub const COMMITMENT_MAX: usize = 1_000;
}

/// Where a barrier is: reported, seen by a manager, being worked on, and
/// finally solved or (with a reason) not solved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BarrierStatus {
    New,
    Acknowledged,
    InProgress,
    Solved,
    WontSolve,
}

impl BarrierStatus {
    pub const ALL: [BarrierStatus; 5] = [
        BarrierStatus::New,
        BarrierStatus::Acknowledged,
        BarrierStatus::InProgress,
        BarrierStatus::Solved,
        BarrierStatus::WontSolve,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BarrierStatus::New => "new",
            BarrierStatus::Acknowledged => "acknowledged",
            BarrierStatus::InProgress => "in_progress",
            BarrierStatus::Solved => "solved",
            BarrierStatus::WontSolve => "wont_solve",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        BarrierStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The message id of its name in the interface.
    pub fn message_id(self) -> &'static str {
        match self {
            BarrierStatus::New => "barrier-status-new",
            BarrierStatus::Acknowledged => "barrier-status-acknowledged",
            BarrierStatus::InProgress => "barrier-status-in_progress",
            BarrierStatus::Solved => "barrier-status-solved",
            BarrierStatus::WontSolve => "barrier-status-wont_solve",
        }
    }

    /// Solved or declined: a manager's answer is final until reopened.
    pub fn is_closed(self) -> bool {
        matches!(self, BarrierStatus::Solved | BarrierStatus::WontSolve)
    }

    fn step(self) -> u8 {
        match self {
            BarrierStatus::New => 0,
            BarrierStatus::Acknowledged => 1,
            BarrierStatus::InProgress => 2,
            BarrierStatus::Solved | BarrierStatus::WontSolve => 3,
        }
    }
}

/// Why a status change is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarrierRefusal {
    /// The change goes backwards (or between the two endings): `409`.
    Conflict,
    /// Solving or declining needs a reply saying what was done or why not: `422`.
    ReplyRequired,
}

/// The one rule for a barrier's status: forward moves may skip steps; a
/// solved or declined barrier may be reopened to `in_progress`; nothing goes
/// back to `new`, or from one ending to the other. Staying where it is is
/// always allowed (a reply, or a new owner, without a move). Solving or
/// declining needs a reply.
pub fn barrier_transition(
    from: BarrierStatus,
    to: BarrierStatus,
    has_reply: bool,
) -> Result<(), BarrierRefusal> {
    if from == to {
        return Ok(());
    }
    let reopening = from.is_closed() && to == BarrierStatus::InProgress;
    if to.step() <= from.step() && !reopening {
        return Err(BarrierRefusal::Conflict);
    }
    if to.is_closed() && !has_reply {
        return Err(BarrierRefusal::ReplyRequired);
    }
    Ok(())
}

/// A barrier as reported, before validation (JSON body or form).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BarrierInput {
    /// 3 to 120 characters: what got in the way, in a line.
    #[schema(min_length = 3, max_length = 120)]
    pub title: String,
    /// Markdown, 20 to 5,000 characters: what you wanted to do, and what stopped you.
    #[schema(min_length = 20, max_length = 5000)]
    pub body: String,
    /// 1 to 3 slugs of current values you wanted to live.
    #[schema(min_items = 1, max_items = 3)]
    pub values: Vec<String>,
    /// Hide your name from everyone but the managers.
    #[serde(default)]
    pub anonymous: bool,
}

/// A valid barrier report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBarrier {
    pub title: String,
    pub body: String,
    pub values: Vec<ValueSlug>,
    pub anonymous: bool,
}

impl NewBarrier {
    /// Checks every field and reports all problems at once.
    pub fn parse(
        input: &BarrierInput,
        active_values: &HashMap<String, ValueKind>,
    ) -> Result<NewBarrier, Vec<FieldError>> {
        use barrier_limits::*;
        let mut errors = Vec::new();
        let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Err(e) = length("title", &title, TITLE_MIN, TITLE_MAX) {
            errors.push(e);
        }
        let body = input.body.trim().replace("\r\n", "\n");
        if let Err(e) = length("body", &body, BODY_MIN, BODY_MAX) {
            errors.push(e);
        }
        let values = parse_value_tags(&input.values, active_values, 1).unwrap_or_else(|mut e| {
            errors.append(&mut e);
            Vec::new()
        });
        if errors.is_empty() {
            Ok(NewBarrier {
                title,
                body,
                values,
                anonymous: input.anonymous,
            })
        } else {
            Err(errors)
        }
    }
}

/// Text of `min` to `max` characters without NUL, or the error for `field`.
pub fn length(field: &str, text: &str, min: usize, max: usize) -> Result<(), FieldError> {
    super::refuse_nul(field, text)?;
    let count = text.chars().count();
    if count < min {
        Err(FieldError::new(
            field,
            Msg::new("error-text-short").arg("min", min),
        ))
    } else if count > max {
        Err(FieldError::new(
            field,
            Msg::new("error-text-long")
                .arg("length", count)
                .arg("max", max),
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::BarrierStatus::*;
    use super::*;

    /// The whole table: every pair of statuses, without and with a reply.
    #[test]
    fn the_transition_table() {
        use BarrierRefusal::*;
        let table = [
            // from, to, without a reply, with one
            (New, New, Ok(()), Ok(())),
            (New, Acknowledged, Ok(()), Ok(())),
            (New, InProgress, Ok(()), Ok(())),
            (New, Solved, Err(ReplyRequired), Ok(())),
            (New, WontSolve, Err(ReplyRequired), Ok(())),
            (Acknowledged, New, Err(Conflict), Err(Conflict)),
            (Acknowledged, Acknowledged, Ok(()), Ok(())),
            (Acknowledged, InProgress, Ok(()), Ok(())),
            (Acknowledged, Solved, Err(ReplyRequired), Ok(())),
            (Acknowledged, WontSolve, Err(ReplyRequired), Ok(())),
            (InProgress, New, Err(Conflict), Err(Conflict)),
            (InProgress, Acknowledged, Err(Conflict), Err(Conflict)),
            (InProgress, InProgress, Ok(()), Ok(())),
            (InProgress, Solved, Err(ReplyRequired), Ok(())),
            (InProgress, WontSolve, Err(ReplyRequired), Ok(())),
            (Solved, New, Err(Conflict), Err(Conflict)),
            (Solved, Acknowledged, Err(Conflict), Err(Conflict)),
            (Solved, InProgress, Ok(()), Ok(())),
            (Solved, Solved, Ok(()), Ok(())),
            (Solved, WontSolve, Err(Conflict), Err(Conflict)),
            (WontSolve, New, Err(Conflict), Err(Conflict)),
            (WontSolve, Acknowledged, Err(Conflict), Err(Conflict)),
            (WontSolve, InProgress, Ok(()), Ok(())),
            (WontSolve, Solved, Err(Conflict), Err(Conflict)),
            (WontSolve, WontSolve, Ok(()), Ok(())),
        ];
        assert_eq!(table.len(), 25, "every pair");
        for (from, to, without, with) in table {
            assert_eq!(
                barrier_transition(from, to, false),
                without,
                "{from:?} → {to:?}"
            );
            assert_eq!(
                barrier_transition(from, to, true),
                with,
                "{from:?} → {to:?} with a reply"
            );
        }
    }

    #[test]
    fn statuses_round_trip() {
        for status in BarrierStatus::ALL {
            assert_eq!(BarrierStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(BarrierStatus::parse("done"), None);
    }

    #[test]
    fn a_report_is_checked_field_by_field() {
        let values = HashMap::from([("klantgericht".to_owned(), ValueKind::Brand)]);
        let bad = BarrierInput {
            title: "x".into(),
            body: "kort".into(),
            values: vec![],
            anonymous: false,
        };
        let fields: Vec<String> = NewBarrier::parse(&bad, &values)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["title", "body", "values"]);
        let good = BarrierInput {
            title: "  Retourformulier   ".into(),
            body: "Het retourformulier vraagt drie handtekeningen.".into(),
            values: vec!["klantgericht".into()],
            anonymous: true,
        };
        let barrier = NewBarrier::parse(&good, &values).unwrap();
        assert_eq!(barrier.title, "Retourformulier");
        assert!(barrier.anonymous);
    }
}
