//! Outgoing webhooks: an administrator names a URL, a format and the kinds
//! (and values) it wants; [`enqueue`] adds an outbox row per matching
//! webhook to the transaction of the change, and the delivery task posts
//! it in the webhook's format:
//!
//! - `teams`: a message with an Adaptive Card, as Microsoft Teams incoming
//!   webhooks (Workflows) accept;
//! - `slack`: `text` and `blocks` with mrkdwn, as Slack incoming webhooks
//!   accept;
//! - `json`: the event as plain JSON, signed: `X-Merkwaardig-Signature:
//!   sha256=<hex>` is the HMAC-SHA256 with the webhook's secret of
//!   `<X-Merkwaardig-Timestamp>.<body>`.
//!
//! Every call carries `Idempotency-Key`, the same on a repeat. Adding and
//! removing webhooks is in [`super::webhook_admin`].
//!
//! Only what everyone may know leaves the service: a published story's
//! title and link; a barrier once it is solved; for the managers' kinds
//! (waiting, reported) that something waits, never which story.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::Sha256;

use super::Notice;
use super::outbox::{self, Attempt};
use crate::clock::now;
use crate::db::entities::webhook;
use crate::domain::NoticeKind;
use crate::error::AppResult;
use crate::i18n::{Msg, UiLang};

/// The kinds a webhook can carry.
pub const KINDS: [NoticeKind; 5] = [
    NoticeKind::Published,
    NoticeKind::Monthly,
    NoticeKind::Barrier,
    NoticeKind::Waiting,
    NoticeKind::Reported,
];

/// The formats a webhook can be sent in.
pub const FORMATS: [&str; 3] = ["teams", "slack", "json"];

/// What an outbox row for a webhook holds: the event, as it was.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub kind: NoticeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barrier_id: Option<i32>,
    pub data: serde_json::Map<String, Value>,
    pub values: Vec<String>,
    pub occurred_at: DateTime<Utc>,
}

/// Whether a notice may leave the service at all.
fn shareable(notice: &Notice) -> bool {
    match notice.kind {
        NoticeKind::Barrier => notice.data.get("status") == Some(&Value::from("solved")),
        kind => KINDS.contains(&kind),
    }
}

/// Queues the notice for every active webhook that wants its kind and one
/// of its values (or every value).
pub(super) async fn enqueue<C: ConnectionTrait>(
    db: &C,
    notice: &Notice,
    at: DateTime<Utc>,
) -> AppResult<()> {
    if !shareable(notice) {
        return Ok(());
    }
    let hooks = webhook::Entity::find()
        .filter(webhook::Column::Active.eq(true))
        .all(db)
        .await?;
    let wanted: Vec<&webhook::Model> = hooks
        .iter()
        .filter(|hook| split(&hook.events).any(|k| k == notice.kind.as_str()))
        .filter(|hook| {
            hook.values.is_empty()
                || notice.values.is_empty()
                || split(&hook.values).any(|v| notice.values.iter().any(|n| n == v))
        })
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    // The managers' kinds say that something waits, not what.
    let data = if notice.kind.for_managers() {
        serde_json::Map::new()
    } else {
        notice.data.clone()
    };
    let event = Event {
        kind: notice.kind,
        story_id: notice.story_id.filter(|_| !notice.kind.for_managers()),
        barrier_id: notice.barrier_id,
        data,
        values: notice.values.clone(),
        occurred_at: at,
    };
    let payload = serde_json::to_string(&event).unwrap_or_default();
    for hook in wanted {
        outbox::add_webhook(db, hook.id, notice.kind, &payload, at).await?;
    }
    Ok(())
}

pub(super) fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|s| !s.is_empty())
}

/// The text of an event in `lang`, as a channel reads it.
fn text(event: &Event, lang: UiLang) -> String {
    let id = match event.kind {
        NoticeKind::Published => "webhook-published",
        NoticeKind::Monthly => "webhook-monthly",
        NoticeKind::Barrier => "webhook-barrier",
        NoticeKind::Waiting => "webhook-waiting",
        _ => "webhook-reported",
    };
    let title = event
        .data
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("");
    lang.msg(&Msg::new(id).arg("title", title))
}

fn link(event: &Event, base: &str) -> String {
    format!(
        "{base}{}",
        super::path_of(event.kind, event.story_id, event.barrier_id)
    )
}

/// The body of a call in `format`.
pub fn body(format: &str, event: &Event, lang: UiLang, base: &str, key: &str) -> Value {
    let text = text(event, lang);
    let url = link(event, base);
    let open = lang.t("mail-open");
    match format {
        "teams" => json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": null,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        {"type": "TextBlock", "text": "Merkwaardig", "size": "Small", "isSubtle": true},
                        {"type": "TextBlock", "text": text, "wrap": true, "weight": "Bolder"}
                    ],
                    "actions": [{"type": "Action.OpenUrl", "title": open, "url": url}]
                }
            }]
        }),
        "slack" => {
            let escaped = slack_escape(&text);
            json!({
                "text": format!("{text} {url}"),
                "blocks": [{
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": format!("{escaped}\n<{url}|{}>", slack_escape(&open))}
                }]
            })
        }
        _ => json!({
            "id": key,
            "event": event.kind,
            "occurred_at": event.occurred_at,
            "text": text,
            "url": url,
            "story_id": event.story_id,
            "barrier_id": event.barrier_id,
            "title": event.data.get("title"),
            "values": event.values,
        }),
    }
}

/// Slack's mrkdwn needs only these three escaped.
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `sha256=<hex>`: the HMAC-SHA256 with `secret` of `<timestamp>.<body>`.
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// Posts one outbox row to its webhook.
pub async fn send(
    db: &DatabaseConnection,
    row: &crate::db::entities::delivery::Model,
    lang: UiLang,
    base: &str,
    timeout: std::time::Duration,
) -> Attempt {
    let hook = match row.webhook_id {
        Some(id) => webhook::Entity::find_by_id(id).one(db).await,
        None => Ok(None),
    };
    let hook = match hook {
        Ok(Some(hook)) if hook.active => hook,
        Ok(_) => return Attempt::Dropped("the webhook was removed or paused".into()),
        Err(e) => return Attempt::Retry(e.to_string()),
    };
    let event: Event = match serde_json::from_str(&row.payload) {
        Ok(event) => event,
        Err(e) => return Attempt::Refused(format!("unreadable event: {e}")),
    };
    let body = body(&hook.format, &event, lang, base, &row.key).to_string();
    let timestamp = now().timestamp();
    let signature =
        (hook.format == "json").then(|| signature(&hook.secret, timestamp, body.as_bytes()));
    let key = row.key.clone();
    let url = hook.url.clone();
    let call = tokio::task::spawn_blocking(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        let mut request = agent
            .post(&url)
            .header("Content-Type", "application/json")
            .header(
                "User-Agent",
                concat!("Merkwaardig/", env!("CARGO_PKG_VERSION")),
            )
            .header("Idempotency-Key", &key);
        if let Some(signature) = &signature {
            request = request
                .header("X-Merkwaardig-Timestamp", timestamp.to_string())
                .header("X-Merkwaardig-Signature", signature);
        }
        request
            .send(body.as_bytes())
            .map(|response| response.status().as_u16())
    })
    .await;
    match call {
        Ok(Ok(status)) if (200..300).contains(&status) => Attempt::Sent,
        // Too many requests or the receiver's trouble: later.
        Ok(Ok(status)) if status == 408 || status == 429 || status >= 500 => {
            Attempt::Retry(format!("the webhook answered {status}"))
        }
        Ok(Ok(status)) => Attempt::Refused(format!("the webhook answered {status}")),
        Ok(Err(e)) => Attempt::Retry(e.to_string()),
        Err(e) => Attempt::Retry(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_timestamp_and_body() {
        // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac geheim
        assert_eq!(
            signature("geheim", 1_700_000_000, br#"{"a":1}"#),
            "sha256=c2f0a59f12d0bcd3933234d85083c03b99e970604203fd059a320436bb602adf"
        );
    }

    #[test]
    fn slack_text_is_escaped_and_unsolved_barriers_stay_inside() {
        assert_eq!(slack_escape("a <b> & c"), "a &lt;b&gt; &amp; c");
        let open = Notice::new(NoticeKind::Barrier)
            .barrier(1, "x")
            .arg("status", "in_progress");
        assert!(!shareable(&open));
        let solved = Notice::new(NoticeKind::Barrier)
            .barrier(1, "x")
            .arg("status", "solved");
        assert!(shareable(&solved));
        assert!(!shareable(&Notice::new(NoticeKind::Named)));
    }
}
