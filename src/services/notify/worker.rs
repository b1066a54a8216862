//! The delivery task: claims due outbox rows, sends each (mail or webhook),
//! and records what became of it. It wakes when a transaction with outbox
//! rows commits in this process and otherwise looks every few seconds, so
//! rows written by other replicas, or due again after a backoff, are found.
//! It stops when the application does; a message it was sending is then
//! sent again by whichever task claims it once its lease has run out.

use std::time::Duration;

use sea_orm::{DatabaseConnection, EntityTrait};
use tokio::sync::watch;

use super::mail::{Mailer, NoticeMail};
use super::outbox::{self, Attempt, EMAIL, WEBHOOK};
use crate::db::entities::{delivery, story};
use crate::domain::{NoticeKind, StoryStatus};
use crate::i18n::UiLang;

/// How often an idle task looks for work.
const POLL: Duration = Duration::from_secs(2);
/// Rows claimed at once.
const BATCH: u64 = 16;
/// How often a task looks whether the weekly digest is due.
const DIGEST_CHECK: Duration = Duration::from_secs(60);

/// How the task sends.
#[derive(Debug, Clone)]
pub struct DeliveryConfig {
    /// `None`: mail is off, and mails are dropped.
    pub mailer: Option<Mailer>,
    /// The site's address for links in webhooks (relative without one).
    pub base: String,
    /// The language of a recipient never seen choosing one, and of webhooks.
    pub lang: UiLang,
    /// How long one mail or webhook call may take.
    pub timeout: Duration,
    /// The wait before the first retry; doubled with every further one.
    pub first_retry: Duration,
    /// When to give up on a message, counted from when it was written.
    pub give_up: Duration,
    /// When the weekly digest is written.
    pub digest: super::digest::Schedule,
}

/// The running task; it stops when this is dropped.
pub struct Delivery {
    _stop: watch::Sender<()>,
}

/// Starts the delivery task.
pub fn start(db: DatabaseConnection, config: DeliveryConfig) -> Delivery {
    let (stop, stopped) = watch::channel(());
    tokio::spawn(run(db, config, stopped));
    Delivery { _stop: stop }
}

async fn run(db: DatabaseConnection, config: DeliveryConfig, mut stopped: watch::Receiver<()>) {
    // Long enough for a send to end (or time out) before another task may
    // take the row over.
    let lease = chrono::Duration::from_std(config.timeout * 2 + Duration::from_secs(5))
        .unwrap_or(chrono::Duration::minutes(1));
    let first_retry =
        chrono::Duration::from_std(config.first_retry).unwrap_or(chrono::Duration::seconds(30));
    let give_up = chrono::Duration::from_std(config.give_up).unwrap_or(chrono::Duration::days(2));
    let mut digest_checked: Option<std::time::Instant> = None;
    loop {
        if digest_checked.is_none_or(|at| at.elapsed() >= DIGEST_CHECK) {
            digest_checked = Some(std::time::Instant::now());
            if let Err(e) = super::digest::run_if_due(&db, crate::clock::now(), config.digest).await
            {
                tracing::warn!(error = %e, "could not write the weekly digest; will try again");
            }
        }
        let woken = super::WAKE.notified();
        let rows = match outbox::claim(&db, lease, BATCH).await {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(error = %e, "could not look for messages to send");
                Vec::new()
            }
        };
        for row in &rows {
            let attempt = deliver(&db, &config, row).await;
            if let Err(e) = outbox::finish(&db, row, attempt, first_retry, give_up).await {
                tracing::warn!(delivery = row.id, error = %e, "could not record a delivery; it will be sent again");
            }
        }
        if rows.len() as u64 == BATCH && stopped.has_changed().is_ok() {
            continue;
        }
        tokio::select! {
            _ = woken => {}
            _ = tokio::time::sleep(POLL) => {}
            _ = stopped.changed() => return,
        }
    }
}

async fn deliver(
    db: &DatabaseConnection,
    config: &DeliveryConfig,
    row: &delivery::Model,
) -> Attempt {
    let kind = NoticeKind::parse(&row.kind);
    match row.channel.as_str() {
        EMAIL => mail(db, config, row).await,
        WEBHOOK => {
            if let Some(dropped) = outdated(db, kind, story_of_event(row)).await {
                return dropped;
            }
            super::webhooks::send(db, row, config.lang, &config.base, config.timeout).await
        }
        other => Attempt::Refused(format!("unknown channel {other}")),
    }
}

fn story_of_event(row: &delivery::Model) -> Option<i32> {
    serde_json::from_str::<super::webhooks::Event>(&row.payload)
        .ok()
        .and_then(|event| event.story_id)
}

async fn mail(db: &DatabaseConnection, config: &DeliveryConfig, row: &delivery::Model) -> Attempt {
    let Some(mailer) = &config.mailer else {
        return Attempt::Dropped("mail is off (smtp_url is empty)".into());
    };
    if row.kind == NoticeKind::Digest.as_str() {
        return digest_mail(db, config, mailer, row).await;
    }
    let (Some(notification_id), Some(recipient)) = (row.notification_id, &row.recipient_id) else {
        return Attempt::Refused("a mail without a notification or recipient".into());
    };
    let notification = match super::by_ids(db, &[notification_id]).await {
        Ok(mut found) => match found.remove(&notification_id) {
            Some(n) => n,
            None => return Attempt::Dropped("the notification is gone".into()),
        },
        Err(e) => return Attempt::Retry(e.to_string()),
    };
    if let Some(dropped) = outdated(
        db,
        NoticeKind::parse(&notification.kind),
        notification.story_id,
    )
    .await
    {
        return dropped;
    }
    let (mailbox, lang) = match addressee(db, config, recipient).await {
        Ok(found) => found,
        Err(attempt) => return attempt,
    };
    let Some(view) = super::view_of(notification, lang) else {
        return Attempt::Refused("a notification of an unknown kind".into());
    };
    let content = NoticeMail {
        kind: view.kind,
        text: view.text,
        path: view.url,
    };
    match mailer.compose(&mailbox, lang, &content, &row.key) {
        Ok(message) => mailer.send(message).await,
        Err(e) => Attempt::Refused(e),
    }
}

/// A message that no longer fits what it is about is not sent: news of a
/// published story once it was withdrawn or taken down, a story waiting
/// for moderation once a manager judged it.
async fn outdated(
    db: &DatabaseConnection,
    kind: Option<NoticeKind>,
    story_id: Option<i32>,
) -> Option<Attempt> {
    let (Some(kind), Some(story_id)) = (kind, story_id) else {
        return None;
    };
    let needs = match kind {
        NoticeKind::Published
        | NoticeKind::Named
        | NoticeKind::Note
        | NoticeKind::Inspired
        | NoticeKind::Monthly => StoryStatus::Published,
        NoticeKind::Waiting => StoryStatus::Pending,
        _ => return None,
    };
    match story::Entity::find_by_id(story_id).one(db).await {
        Ok(Some(model)) if StoryStatus::parse(&model.status) == Some(needs) => None,
        Ok(_) => Some(Attempt::Dropped(format!(
            "the story is no longer {}",
            needs.as_str()
        ))),
        Err(e) => Some(Attempt::Retry(e.to_string())),
    }
}

/// The weekly digest mail: the managers' overview and the week's
/// notifications of the kinds the person gets weekly.
async fn digest_mail(
    db: &DatabaseConnection,
    config: &DeliveryConfig,
    mailer: &Mailer,
    row: &delivery::Model,
) -> Attempt {
    let Some(recipient) = &row.recipient_id else {
        return Attempt::Refused("a digest without a recipient".into());
    };
    let content: super::digest::DigestContent = match serde_json::from_str(&row.payload) {
        Ok(content) => content,
        Err(e) => return Attempt::Refused(format!("unreadable digest: {e}")),
    };
    let (mailbox, lang) = match addressee(db, config, recipient).await {
        Ok(found) => found,
        Err(attempt) => return attempt,
    };
    let items = match super::by_ids(db, &content.items).await {
        Ok(found) => {
            let mut rows: Vec<_> = found.into_values().collect();
            rows.sort_by_key(|n| n.id);
            rows.into_iter()
                .filter_map(|n| super::view_of(n, lang))
                .collect::<Vec<_>>()
        }
        Err(e) => return Attempt::Retry(e.to_string()),
    };
    match mailer.compose_digest(&mailbox, lang, content.overview.as_ref(), &items, &row.key) {
        Ok(message) => mailer.send(message).await,
        Err(e) => Attempt::Refused(e),
    }
}

/// Where a mail to `recipient` goes, and in which language; why not when
/// it cannot (forgotten, no address: dropped; the database: later).
async fn addressee(
    db: &DatabaseConnection,
    config: &DeliveryConfig,
    recipient: &str,
) -> Result<(crate::services::people::Mailbox, crate::i18n::UiLang), Attempt> {
    match crate::services::people::mailbox(db, recipient).await {
        Ok(Some(mailbox)) if mailbox.email.is_some() => {
            let lang = mailbox.lang.unwrap_or(config.lang);
            Ok((mailbox, lang))
        }
        Ok(Some(_)) => Err(Attempt::Dropped("the person has no mail address".into())),
        Ok(None) => Err(Attempt::Dropped("the person was forgotten".into())),
        Err(e) => Err(Attempt::Retry(e.to_string())),
    }
}
