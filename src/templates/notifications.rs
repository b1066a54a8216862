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

/// Outgoing webhooks and undelivered messages, for administrators.
#[derive(Template)]
#[template(path = "admin_webhooks.html", config = "src/askama.toml")]
pub struct AdminWebhooksPage {
    pub layout: Layout,
    pub hooks: Vec<crate::services::notify::webhook_admin::WebhookView>,
    pub troubled: Vec<crate::services::notify::outbox::DeliveryView>,
    pub values: Vec<crate::services::values::ValueSummary>,
    pub form: crate::services::notify::webhook_admin::WebhookInput,
    pub errors: Vec<FieldError>,
    /// The secret of a `json` webhook just added, shown this once.
    pub secret: Option<String>,
}

impl AdminWebhooksPage {
    pub const FORMATS: [&'static str; 3] = crate::services::notify::webhooks::FORMATS;
    pub const KINDS: [NoticeKind; 5] = crate::services::notify::webhooks::KINDS;

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| self.layout.sentence(&e.message))
    }

    pub fn format_label(&self, format: &str) -> &'static str {
        match format {
            "teams" => "webhooks-format-teams",
            "slack" => "webhooks-format-slack",
            _ => "webhooks-format-json",
        }
    }

    pub fn event_label(&self, kind: &NoticeKind) -> &'static str {
        match kind {
            NoticeKind::Published => "webhooks-event-published",
            NoticeKind::Monthly => "webhooks-event-monthly",
            NoticeKind::Barrier => "webhooks-event-barrier",
            NoticeKind::Waiting => "webhooks-event-waiting",
            _ => "webhooks-event-reported",
        }
    }

    /// Whether the form has this event ticked.
    pub fn wants(&self, kind: &NoticeKind) -> bool {
        self.form.events.iter().any(|e| e == kind.as_str())
    }

    pub fn value_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.values
            .iter()
            .find(|v| v.slug == slug)
            .map_or(slug, |v| v.name.as_str())
    }
}
