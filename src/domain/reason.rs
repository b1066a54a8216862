//! The reasons people give: a manager's for rejecting or taking a story down,
//! which its author reads, and a reader's for reporting one. Each is trimmed,
//! not empty, and at most [`field_limits::REASON_MAX`] characters.

use super::FieldError;
use super::field_limits;
use crate::i18n::Msg;

/// The reason of the field `reason`, or why it is not one; `empty` is the
/// message for a reason left out.
fn reason(raw: &str, empty: &'static str) -> Result<String, FieldError> {
    let reason = raw.trim();
    super::refuse_nul("reason", reason)?;
    let len = reason.chars().count();
    if len == 0 {
        Err(FieldError::new("reason", Msg::new(empty)))
    } else if len > field_limits::REASON_MAX {
        Err(FieldError::new(
            "reason",
            Msg::new("error-reason-long").arg("max", field_limits::REASON_MAX),
        ))
    } else {
        Ok(reason.to_owned())
    }
}

/// A manager's reason for rejecting a story, which the author will read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectReason(String);

impl RejectReason {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        reason(raw, "error-reason-empty").map(RejectReason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a reader reports a published story (managers read it; the reporter
/// stays anonymous).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportReason(String);

impl ReportReason {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        reason(raw, "error-report-reason").map(ReportReason)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A thank-you note: Markdown, trimmed, [`field_limits::NOTE_MIN`] to
/// [`field_limits::NOTE_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteBody(String);

impl NoteBody {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let body = raw.trim().replace("\r\n", "\n");
        super::refuse_nul("body", &body)?;
        let len = body.chars().count();
        if len < field_limits::NOTE_MIN {
            Err(FieldError::new(
                "body",
                Msg::new("error-note-short").arg("min", field_limits::NOTE_MIN),
            ))
        } else if len > field_limits::NOTE_MAX {
            Err(FieldError::new(
                "body",
                Msg::new("error-note-long").arg("max", field_limits::NOTE_MAX),
            ))
        } else {
            Ok(NoteBody(body))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_and_bounded() {
        assert_eq!(
            RejectReason::parse("  Naam klant  ").unwrap().as_str(),
            "Naam klant"
        );
        assert_eq!(
            ReportReason::parse(" ").unwrap_err().message.id,
            "error-report-reason"
        );
        assert_eq!(
            RejectReason::parse(" ").unwrap_err().message.id,
            "error-reason-empty"
        );
        assert_eq!(
            NoteBody::parse(" x ").unwrap_err().message.id,
            "error-note-short"
        );
        assert_eq!(NoteBody::parse(" Dank! ").unwrap().as_str(), "Dank!");
        let long_note = "x".repeat(field_limits::NOTE_MAX + 1);
        assert_eq!(
            NoteBody::parse(&long_note).unwrap_err().message.id,
            "error-note-long"
        );
        let long = "x".repeat(field_limits::REASON_MAX + 1);
        assert_eq!(
            ReportReason::parse(&long).unwrap_err().message.id,
            "error-reason-long"
        );
    }
}
