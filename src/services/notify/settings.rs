//! Each person's channel per kind of notification. Only choices that differ
//! from the kind's default are stored, so a default changed in a release
//! reaches everyone who never chose.

use std::collections::HashMap;

use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;

use crate::db::entities::notification_setting;
use crate::domain::{Channel, FieldError, NoticeKind, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;

/// One kind and the channel chosen for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct KindChannel {
    pub kind: NoticeKind,
    pub channel: Channel,
    /// Whether this is the kind's default (nothing chosen).
    pub default: bool,
}

/// The channel of each of `people` for `kind`, where they chose one.
pub async fn channels_of<C: ConnectionTrait>(
    db: &C,
    people: &[String],
    kind: NoticeKind,
) -> AppResult<HashMap<String, Channel>> {
    if people.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(notification_setting::Entity::find()
        .filter(notification_setting::Column::Kind.eq(kind.as_str()))
        .filter(notification_setting::Column::PersonId.is_in(people.iter().map(String::as_str)))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| Some((row.person_id, Channel::parse(&row.channel)?)))
        .collect())
}

/// The kinds `user` can receive (managers' kinds for managers only).
pub fn kinds_for(user: &User) -> Vec<NoticeKind> {
    NoticeKind::ALL
        .into_iter()
        .filter(|kind| !kind.for_managers() || user.is_manager())
        .collect()
}

/// `user`'s channel for every kind they can receive.
pub async fn of(db: &DatabaseConnection, user: &User) -> AppResult<Vec<KindChannel>> {
    if user.via_token.is_some() {
        return Err(AppError::Forbidden);
    }
    let chosen: HashMap<String, Channel> = notification_setting::Entity::find()
        .filter(notification_setting::Column::PersonId.eq(user.id.as_str()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|row| Some((row.kind, Channel::parse(&row.channel)?)))
        .collect();
    Ok(kinds_for(user)
        .into_iter()
        .map(|kind| match chosen.get(kind.as_str()) {
            Some(&channel) => KindChannel {
                kind,
                channel,
                default: channel == kind.default_channel(),
            },
            None => KindChannel {
                kind,
                channel: kind.default_channel(),
                default: true,
            },
        })
        .collect())
}

/// Sets `user`'s channels from (kind, channel) names, all or nothing: an
/// unknown kind or channel, or one the kind does not offer, is a `422`
/// naming the kind.
pub async fn set(
    db: &DatabaseConnection,
    user: &User,
    choices: &[(String, String)],
) -> AppResult<Vec<KindChannel>> {
    if user.via_token.is_some() {
        return Err(AppError::Forbidden);
    }
    let allowed = kinds_for(user);
    let mut parsed = Vec::new();
    let mut errors = Vec::new();
    for (kind, channel) in choices {
        let Some(k) = NoticeKind::parse(kind).filter(|k| allowed.contains(k)) else {
            errors.push(FieldError::new(
                kind.clone(),
                Msg::new("error-notice-kind").arg("kind", kind.as_str()),
            ));
            continue;
        };
        match Channel::parse(channel).filter(|c| k.channels().contains(c)) {
            Some(c) => parsed.push((k, c)),
            None => errors.push(FieldError::new(
                kind.clone(),
                Msg::new("error-notice-channel").arg("channel", channel.as_str()),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    for (kind, channel) in parsed {
        choose(db, &user.id, kind, channel).await?;
    }
    tracing::info!(person = %user.id, "notification settings changed");
    of(db, user).await
}

/// Stores one choice (removing it when it is the default).
pub async fn choose<C: ConnectionTrait>(
    db: &C,
    person_id: &str,
    kind: NoticeKind,
    channel: Channel,
) -> AppResult<()> {
    if channel == kind.default_channel() {
        notification_setting::Entity::delete_many()
            .filter(notification_setting::Column::PersonId.eq(person_id))
            .filter(notification_setting::Column::Kind.eq(kind.as_str()))
            .exec(db)
            .await?;
        return Ok(());
    }
    notification_setting::Entity::insert(notification_setting::ActiveModel {
        person_id: Set(person_id.to_owned()),
        kind: Set(kind.as_str().to_owned()),
        channel: Set(channel.as_str().to_owned()),
    })
    .on_conflict(
        OnConflict::columns([
            notification_setting::Column::PersonId,
            notification_setting::Column::Kind,
        ])
        .update_column(notification_setting::Column::Channel)
        .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Unsubscribes a person from the mails of one kind: it stays in the site.
pub async fn unsubscribe<C: ConnectionTrait>(
    db: &C,
    person_id: &str,
    kind: NoticeKind,
) -> AppResult<()> {
    choose(db, person_id, kind, Channel::Site).await?;
    if kind == NoticeKind::Digest {
        super::digest::stop_weekly_mail(db, person_id).await?;
    }
    tracing::info!(person = %person_id, kind = kind.as_str(), "unsubscribed from mails");
    Ok(())
}

pub(super) async fn forget<C: ConnectionTrait>(db: &C, person_id: &str) -> AppResult<u64> {
    Ok(notification_setting::Entity::delete_many()
        .filter(notification_setting::Column::PersonId.eq(person_id))
        .exec(db)
        .await?
        .rows_affected)
}
