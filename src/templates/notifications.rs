//! The notification pages: the list, the settings, and unsubscribing.

use askama::Template;

use super::Layout;
use crate::domain::{Channel, FieldError, NoticeKind};
use crate::services::notify::NoticeView;
use crate::services::notify::settings::KindChannel;

#[derive(Template)]
#[template(path = "notifications.html", config = "src/askama.toml")]
pub struct NotificationsPage {
    pub layout: Layout,
    pub notices: Vec<NoticeView>,
}

impl NotificationsPage {
    pub fn unread(&self) -> usize {
        self.notices.iter().filter(|n| !n.read).count()
    }
}

/// Which channel for which kind, in two groups: one's own, and managers'.
#[derive(Template)]
#[template(path = "notice_settings.html", config = "src/askama.toml")]
pub struct NoticeSettingsPage {
    pub layout: Layout,
    pub own: Vec<KindChannel>,
    pub managers: Vec<KindChannel>,
    /// Mail is not set up in this installation.
    pub mail_off: bool,
    pub errors: Vec<FieldError>,
}

impl NoticeSettingsPage {
    pub fn new(
        layout: Layout,
        choices: Vec<KindChannel>,
        mail_off: bool,
        errors: Vec<FieldError>,
    ) -> NoticeSettingsPage {
        let (managers, own) = choices.into_iter().partition(|c| c.kind.for_managers());
        NoticeSettingsPage {
            layout,
            own,
            managers,
            mail_off,
            errors,
        }
    }

    /// The error beside a kind, in the reader's language.
    pub fn error(&self, kind: &NoticeKind) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == kind.as_str())
            .map(|e| self.layout.sentence(&e.message))
    }

    pub fn email(&self) -> Option<&str> {
        self.layout.user.as_ref()?.email.as_deref()
    }

    /// The two groups with their headings, empty ones left out.
    pub fn groups(&self) -> Vec<(&'static str, &[KindChannel])> {
        [
            ("notice-settings-own", self.own.as_slice()),
            ("notice-settings-managers", self.managers.as_slice()),
        ]
        .into_iter()
        .filter(|(_, kinds)| !kinds.is_empty())
        .collect()
    }

    pub fn channels(&self, kind: &NoticeKind) -> &'static [Channel] {
        kind.channels()
    }
}

/// Where an unsubscribe link leads: a question, or what was done, or that
/// the link is not valid (`kind` is `None`).
#[derive(Template)]
#[template(path = "unsubscribe.html", config = "src/askama.toml")]
pub struct UnsubscribePage {
    pub layout: Layout,
    pub kind: Option<NoticeKind>,
    pub token: String,
    pub done: bool,
}

impl UnsubscribePage {
    pub fn kind_label(&self) -> String {
        self.kind
            .map(|kind| self.layout.t(kind.label_id()).to_lowercase())
            .unwrap_or_default()
    }
}
