//! Domain types that can only hold valid data ("parse, don't validate"):
//! a route that holds a [`NewStory`] cannot hold bad input.

mod barrier;
mod date_range;
mod lang;
mod lifecycle;
mod notification;
mod origin;
mod paging;
mod reason;
mod story;
mod user;
mod value;

pub use barrier::{
    BarrierInput, BarrierRefusal, BarrierStatus, NewBarrier, barrier_limits, barrier_transition,
    length,
};
pub use date_range::{DateRange, PERIOD_MAX_DAYS, median};
pub use lang::Lang;
pub use lifecycle::{Action, Actor, Moderation, Refusal, StoryStatus, transition};
pub use notification::{Channel, NoticeKind};
pub use origin::Origin;
pub use paging::parse_limit;
pub use reason::{NoteBody, RejectReason, ReportReason};
pub use story::{Audience, Completeness, NewStory, StoryInput, field_limits, parse_value_tags};
pub use user::{IDENTITY_MAX_CHARS, Role, TokenScope, User, is_person_id};
pub use value::{ValueKind, ValueSlug, ValueTag};

use crate::i18n::Msg;

/// One problem with one input field, as shown beside the field in a form and
/// listed in a 422 response of the API, in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub message: Msg,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<Msg>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Text people send may hold any character but NUL: no reader sees it, no
/// id or name holds it, and PostgreSQL refuses to store or compare it. The
/// error for `field` when `text` holds one.
pub fn refuse_nul(field: &str, text: &str) -> Result<(), FieldError> {
    if text.contains('\0') {
        Err(FieldError::new(field, Msg::new("error-text-nul")))
    } else {
        Ok(())
    }
}
