//! The barrier pages: the report form, the board or one's own list, and one
//! barrier with the manager's form.

use askama::Template;

use super::Layout;
use crate::domain::FieldError;
use crate::services::values::ValueSummary;

/// What someone typed into the barrier form, kept when it is shown again.
#[derive(Debug, Clone, Default)]
pub struct BarrierFormData {
    pub title: String,
    pub body: String,
    pub values: Vec<String>,
    pub anonymous: bool,
}

/// Reporting a barrier.
#[derive(Template)]
#[template(path = "barrier_form.html", config = "src/askama.toml")]
pub struct BarrierFormPage {
    pub layout: Layout,
    pub form: BarrierFormData,
    pub errors: Vec<FieldError>,
    pub values: Vec<ValueSummary>,
}

impl BarrierFormPage {
    /// The error beside a field, in the reader's language.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
    }
}

/// One group of barriers on the board or in "my barriers".
pub struct BarrierGroup {
    pub status: crate::domain::BarrierStatus,
    pub barriers: Vec<crate::services::barriers::BarrierView>,
}

/// `/barriers`: a manager's board (by status, oldest first, filtered by
/// value and words), or someone's own barriers; with the solved ones of all.
#[derive(Template)]
#[template(path = "barriers.html", config = "src/askama.toml")]
pub struct BarriersPage {
    pub layout: Layout,
    pub board: bool,
    pub groups: Vec<BarrierGroup>,
    /// "You said, we did": recently solved, for everyone signed in.
    pub solved: Vec<crate::services::barriers::BarrierView>,
    pub values: Vec<ValueSummary>,
    pub value: String,
    pub q: String,
}

impl BarriersPage {
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.barriers.len()).sum()
    }
}

/// What a manager typed into a barrier's change form.
#[derive(Debug, Clone, Default)]
pub struct BarrierChangeData {
    pub status: String,
    pub owner: String,
    pub reply: String,
    pub story: String,
}

/// One barrier with its history, and for managers the form to move it.
#[derive(Template)]
#[template(path = "barrier.html", config = "src/askama.toml")]
pub struct BarrierPage {
    pub layout: Layout,
    pub barrier: crate::services::barriers::BarrierView,
    /// For managers: who may own it.
    pub managers: Vec<crate::services::people::PersonRef>,
    pub form: BarrierChangeData,
    pub errors: Vec<FieldError>,
}

impl BarrierPage {
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
    }

    /// Who the manager may hand the barrier to: themselves (`me`) and the
    /// other known managers, never the current owner.
    pub fn owner_choices(&self) -> Vec<(String, String)> {
        let owner = self.barrier.owner.as_ref().map(|o| o.id.as_str());
        let me = self.layout.user.as_ref().map(|u| u.id.as_str());
        let mut choices = Vec::new();
        if me.is_some() && me != owner {
            choices.push(("me".to_owned(), self.layout.t("barrier-owner-me")));
        }
        for manager in &self.managers {
            let id = Some(manager.id.as_str());
            if id != owner && id != me {
                choices.push((manager.id.clone(), manager.name.clone()));
            }
        }
        choices
    }

    /// The statuses a manager may choose from here.
    pub fn next_statuses(&self) -> Vec<crate::domain::BarrierStatus> {
        use crate::domain::{BarrierStatus, barrier_transition};
        BarrierStatus::ALL
            .into_iter()
            .filter(|to| barrier_transition(self.barrier.status, *to, true).is_ok())
            .collect()
    }
}
