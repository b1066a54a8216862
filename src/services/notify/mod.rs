//! Notifications: what happened that someone should know, told in the site,
//! by mail and to webhooks. A change that causes one calls [`emit`] inside
//! its own transaction, which writes the notifications and the outbox rows
//! ([`outbox`]) together with the change: nothing acknowledged is lost, and
//! nothing is told of a change that rolled back. The delivery task
//! ([`worker`]) sends the outbox rows; a request never waits for a mail
//! server or a webhook.
//!
//! One concern a file: [`settings`] (each person's channel per kind),
//! [`outbox`] (claiming, retrying, giving up), [`mail`] (composing and
//! sending mail), [`webhooks`] (their payloads and calls), [`webhook_admin`]
//! (their configuration),
//! [`worker`] (the delivery task), [`digest`] (the weekly digest).

pub mod digest;
pub mod mail;
pub mod outbox;
pub mod settings;
pub mod webhook_admin;
pub mod webhooks;
pub mod worker;

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use serde_json::Value;

use crate::clock::now;
use crate::db::entities::{notification, person};
use crate::domain::{Channel, NoticeKind, Role, User, is_person_id};
use crate::error::AppResult;
use crate::i18n::{Msg, UiLang};

/// Wakes the delivery tasks of this process once a transaction with outbox
/// rows has committed (they also look every few seconds, so a wake-up that
/// is missed only delays).
static WAKE: LazyLock<tokio::sync::Notify> = LazyLock::new(tokio::sync::Notify::new);

/// Call after committing a transaction that emitted notifications.
pub fn wake() {
    WAKE.notify_waiters();
}

/// Webhooks and undelivered messages are for administrators (people or
/// admin tokens).
pub(crate) fn require_admin(user: &User) -> AppResult<()> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(crate::error::AppError::Forbidden)
    }
}

/// Who is told.
#[derive(Debug, Clone)]
pub enum To {
    /// These people (ids); a repeated id is told once.
    People(Vec<String>),
    /// Every manager and administrator the service knows.
    Managers,
}

impl To {
    pub fn person(id: &str) -> To {
        To::People(vec![id.to_owned()])
    }
}

/// What happened: its kind, what it is about, and the arguments of its text
/// (a story's `title`, a `reason`, a `count`).
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: NoticeKind,
    pub story_id: Option<i32>,
    pub barrier_id: Option<i32>,
    pub data: serde_json::Map<String, Value>,
    /// The value slugs it concerns, for webhooks limited to some values.
    pub values: Vec<String>,
}

impl Notice {
    pub fn new(kind: NoticeKind) -> Notice {
        Notice {
            kind,
            story_id: None,
            barrier_id: None,
            data: serde_json::Map::new(),
            values: Vec::new(),
        }
    }

    pub fn story(mut self, id: i32, title: &str) -> Notice {
        self.story_id = Some(id);
        self.data.insert("title".into(), Value::from(title));
        self
    }

    pub fn barrier(mut self, id: i32, title: &str) -> Notice {
        self.barrier_id = Some(id);
        self.data.insert("title".into(), Value::from(title));
        self
    }

    pub fn arg(mut self, name: &str, value: impl Into<Value>) -> Notice {
        self.data.insert(name.into(), value.into());
        self
    }

    pub fn values(mut self, slugs: Vec<String>) -> Notice {
        self.values = slugs;
        self
    }

    /// Its text in `lang`.
    pub fn text(&self, lang: UiLang) -> String {
        text_of(self.kind, &self.data, lang)
    }

    /// The page it leads to, as a path.
    pub fn path(&self) -> String {
        path_of(self.kind, self.story_id, self.barrier_id)
    }
}

/// The arguments a notification's text may use.
const ARGS: [&str; 9] = [
    "title", "reason", "count", "status", "name", "value", "what", "waiting", "reported",
];

fn text_of(kind: NoticeKind, data: &serde_json::Map<String, Value>, lang: UiLang) -> String {
    let mut msg = Msg::new(kind.text_id());
    for name in ARGS {
        msg = match data.get(name) {
            Some(Value::Number(n)) => msg.arg(name, n.as_i64().unwrap_or(0)),
            Some(Value::String(s)) => msg.arg(name, s.as_str()),
            _ => msg,
        };
    }
    lang.msg(&msg)
}

fn path_of(kind: NoticeKind, story_id: Option<i32>, barrier_id: Option<i32>) -> String {
    match (kind, story_id, barrier_id) {
        (NoticeKind::Waiting | NoticeKind::Digest, _, _) => "/moderation".to_owned(),
        (NoticeKind::Reported, _, _) => "/moderation#reports".to_owned(),
        (_, _, Some(barrier)) => format!("/barriers/{barrier}"),
        (_, Some(story), _) => format!("/stories/{story}"),
        _ => "/notifications".to_owned(),
    }
}

/// Tells `to` of `notice`, inside the caller's transaction: a notification
/// in the site for everyone whose channel is not `off`, an outbox row for a
/// mail at once where they chose that, and an outbox row for every webhook
/// that wants this kind and these values. `actor` (who caused it) is not
/// told of their own doing. Kinds for managers reach managers only.
pub async fn emit<C: ConnectionTrait>(
    db: &C,
    to: To,
    notice: &Notice,
    actor: Option<&str>,
) -> AppResult<()> {
    let recipients = recipients(db, to, notice.kind, actor).await?;
    let channels = settings::channels_of(db, &recipients, notice.kind).await?;
    let at = now();
    let data = Value::Object(notice.data.clone()).to_string();
    for recipient in &recipients {
        let channel = channels
            .get(recipient)
            .copied()
            .unwrap_or(notice.kind.default_channel());
        if !channel.in_site() {
            continue;
        }
        let row = notification::ActiveModel {
            recipient_id: Set(recipient.clone()),
            kind: Set(notice.kind.as_str().to_owned()),
            story_id: Set(notice.story_id),
            barrier_id: Set(notice.barrier_id),
            data: Set(data.clone()),
            created_at: Set(at),
            read_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        if channel == Channel::Email {
            outbox::add_mail(db, recipient, row.id, notice.kind, at).await?;
        }
    }
    webhooks::enqueue(db, notice, at).await?;
    Ok(())
}

/// The people to tell: persons only (not programs, not former colleagues),
/// managers only for the managers' kinds, never the actor.
async fn recipients<C: ConnectionTrait>(
    db: &C,
    to: To,
    kind: NoticeKind,
    actor: Option<&str>,
) -> AppResult<Vec<String>> {
    let mut ids = match to {
        To::People(ids) => ids,
        To::Managers => crate::services::people::managers(db)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect(),
    };
    ids.sort();
    ids.dedup();
    ids.retain(|id| is_person_id(id) && Some(id.as_str()) != actor);
    if kind.for_managers() && !ids.is_empty() {
        let managers: Vec<String> = person::Entity::find()
            .select_only()
            .column(person::Column::Id)
            .filter(person::Column::Id.is_in(ids.clone()))
            .filter(person::Column::Role.is_in([Role::Manager.as_str(), Role::Admin.as_str()]))
            .into_tuple()
            .all(db)
            .await?;
        ids.retain(|id| managers.contains(id));
    }
    Ok(ids)
}

/// A notification as its recipient sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NoticeView {
    pub id: i32,
    pub kind: NoticeKind,
    /// What happened, in the reader's language.
    pub text: String,
    /// The page it leads to (a path of this site).
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story_id: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barrier_id: Option<i32>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// How many notifications a page shows at most.
pub const LIST_MAX: u64 = 100;

/// `user`'s newest notifications, at most [`LIST_MAX`] (unread ones only
/// when asked), in `lang`.
pub async fn list(
    db: &DatabaseConnection,
    user: &User,
    unread_only: bool,
    lang: UiLang,
) -> AppResult<Vec<NoticeView>> {
    let mut query = notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(user.id.as_str()))
        .order_by_desc(notification::Column::Id)
        .limit(LIST_MAX);
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    Ok(query
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| view_of(row, lang))
        .collect())
}

pub(crate) fn view_of(row: notification::Model, lang: UiLang) -> Option<NoticeView> {
    let kind = NoticeKind::parse(&row.kind)?;
    let data = match serde_json::from_str::<Value>(&row.data) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    Some(NoticeView {
        id: row.id,
        kind,
        text: text_of(kind, &data, lang),
        url: path_of(kind, row.story_id, row.barrier_id),
        story_id: row.story_id,
        barrier_id: row.barrier_id,
        created_at: row.created_at,
        read: row.read_at.is_some(),
    })
}

/// How many of `user`'s notifications are unread (for the header).
pub async fn unread_count(db: &DatabaseConnection, user: &User) -> AppResult<u64> {
    if user.via_token.is_some() {
        return Ok(0);
    }
    Ok(notification::Entity::find()
        .filter(notification::Column::RecipientId.eq(user.id.as_str()))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks `user`'s notifications read: these ids, or all of them. Ids of
/// someone else's notifications are ignored. Returns how many changed.
pub async fn mark_read(
    db: &DatabaseConnection,
    user: &User,
    ids: Option<&[i32]>,
) -> AppResult<u64> {
    if user.via_token.is_some() {
        return Err(crate::error::AppError::Forbidden);
    }
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, now().into())
        .filter(notification::Column::RecipientId.eq(user.id.as_str()))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = ids {
        update = update.filter(notification::Column::Id.is_in(ids.iter().copied()));
    }
    Ok(update.exec(db).await?.rows_affected)
}

/// Everything about `person_id` that notifications hold: their
/// notifications, settings and unsent mails. Part of forgetting a person.
pub async fn forget<C: ConnectionTrait>(db: &C, person_id: &str) -> AppResult<u64> {
    let mut removed = notification::Entity::delete_many()
        .filter(notification::Column::RecipientId.eq(person_id))
        .exec(db)
        .await?
        .rows_affected;
    removed += settings::forget(db, person_id).await?;
    removed += outbox::forget(db, person_id).await?;
    Ok(removed)
}

/// The data of notifications, by id (for mails).
pub(crate) async fn by_ids<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> AppResult<HashMap<i32, notification::Model>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row))
        .collect())
}
