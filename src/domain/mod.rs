//! Domain types that can only hold valid data ("parse, don't validate"):
//! a route that holds a [`NewStory`] cannot hold bad input.

mod origin;
mod story;
mod value;

pub use origin::Origin;
pub use story::{Audience, Lang, NewStory, RejectReason, StoryInput, StoryStatus, limits};
pub use value::{ValueKind, ValueSlug};

use serde::Serialize;

/// One problem with one input field, as shown beside the field in a form and
/// listed in a 422 response of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}
