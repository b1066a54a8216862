//! The caller's notifications and their channels; for administrators the
//! outgoing webhooks and the messages that could not be delivered.

use std::collections::BTreeMap;

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::{self, Json};
use rocket::{State, delete, get, post, put};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::i18n::UiLang;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::notify::outbox::{self, DeliveryView};
use crate::services::notify::settings::{self, KindChannel};
use crate::services::notify::webhook_admin::{self as webhooks, WebhookInput, WebhookView};
use crate::services::notify::{self, NoticeView};

use super::error::{ApiResult, json_body};
use super::openapi::{Common, Invalid, NotFound, NotJson, TooLarge};
use super::signed_in;

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct NoticesBody {
    /// How many are unread in all.
    unread: u64,
    /// The newest first, at most 100.
    notifications: Vec<NoticeView>,
}

/// The caller's notifications, newest first, their texts in the language
/// `Accept-Language` asks for.
#[utoipa::path(
    get, path = "/api/v1/me/notifications", tag = "me",
    params(("unread" = Option<bool>, Query, description = "only the unread ones")),
    responses((status = 200, description = "the newest 100", body = NoticesBody), Common)
)]
#[get("/me/notifications?<unread>")]
pub(super) async fn my_notifications(
    state: &State<AppState>,
    viewer: Viewer,
    lang: UiLang,
    unread: Option<bool>,
) -> ApiResult<Json<NoticesBody>> {
    let user = signed_in(viewer)?;
    let notifications = notify::list(&state.db, &user, unread.unwrap_or(false), lang).await?;
    let unread = notify::unread_count(&state.db, &user).await?;
    Ok(Json(NoticesBody {
        unread,
        notifications,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ReadInput {
    /// These notifications; left out: all of them.
    #[serde(default)]
    ids: Option<Vec<i32>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ReadBody {
    /// How many were marked read now.
    marked: u64,
    /// How many are still unread.
    unread: u64,
}

/// Marks the caller's notifications read: the ones named, or all (an empty
/// body or `{}`). Ids of others' notifications are ignored.
#[utoipa::path(
    post, path = "/api/v1/me/notifications/read", tag = "me",
    request_body(content = Option<ReadInput>, description = "`{\"ids\": [1, 2]}`, or nothing for all"),
    responses((status = 200, description = "marked", body = ReadBody), Invalid, NotJson, TooLarge, Common)
)]
#[post("/me/notifications/read", data = "<input>")]
pub(super) async fn read_notifications(
    state: &State<AppState>,
    acting: Acting,
    input: Result<Json<ReadInput>, json::Error<'_>>,
) -> ApiResult<Json<ReadBody>> {
    let Acting(user) = acting;
    let ids = match input {
        Err(json::Error::Parse(raw, _)) if raw.trim().is_empty() => None,
        other => json_body(other)?.ids,
    };
    let marked = notify::mark_read(&state.db, &user, ids.as_deref()).await?;
    let unread = notify::unread_count(&state.db, &user).await?;
    Ok(Json(ReadBody { marked, unread }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct SettingsBody {
    /// Every kind the caller can receive, with its channel: `off`, `site`,
    /// `email` (site and mail at once) or `digest` (site and a weekly mail).
    settings: Vec<KindChannel>,
}

/// The caller's channel for every kind of notification.
#[utoipa::path(
    get, path = "/api/v1/me/notification-settings", tag = "me",
    responses((status = 200, description = "per kind", body = SettingsBody), Common)
)]
#[get("/me/notification-settings")]
pub(super) async fn my_notification_settings(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<SettingsBody>> {
    let user = signed_in(viewer)?;
    let settings = settings::of(&state.db, &user).await?;
    Ok(Json(SettingsBody { settings }))
}

/// Changes the caller's channels: `{"published": "site", "waiting":
/// "email"}`; kinds left out keep theirs. All or nothing: an unknown kind or
/// channel is a `422` naming the kind.
#[utoipa::path(
    put, path = "/api/v1/me/notification-settings", tag = "me",
    request_body(content = BTreeMap<String, String>, description = "kind → channel"),
    responses((status = 200, description = "every kind as it now is", body = SettingsBody), Invalid, NotJson, TooLarge, Common)
)]
#[put("/me/notification-settings", data = "<input>")]
pub(super) async fn change_notification_settings(
    state: &State<AppState>,
    acting: Acting,
    input: Result<Json<BTreeMap<String, String>>, json::Error<'_>>,
) -> ApiResult<Json<SettingsBody>> {
    let Acting(user) = acting;
    let choices: Vec<(String, String)> = json_body(input)?.into_iter().collect();
    let settings = settings::set(&state.db, &user, &choices).await?;
    Ok(Json(SettingsBody { settings }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct WebhooksBody {
    webhooks: Vec<WebhookView>,
}

/// The outgoing webhooks (administrators).
#[utoipa::path(
    get, path = "/api/v1/webhooks", tag = "admin",
    responses((status = 200, description = "every webhook", body = WebhooksBody), Common)
)]
#[get("/webhooks")]
pub(super) async fn list_webhooks(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<WebhooksBody>> {
    let user = signed_in(viewer)?;
    let webhooks = webhooks::list(&state.db, &user).await?;
    Ok(Json(WebhooksBody { webhooks }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct NewWebhookBody {
    webhook: WebhookView,
    /// Signs the `json` format; shown only now.
    secret: String,
}

/// Adds an outgoing webhook (administrators): `format` is `teams`, `slack`
/// or `json`; `events` some of `published`, `monthly`, `barrier` (solved
/// ones), `waiting`, `reported`; `values` limits it to stories of those
/// values (empty: all).
#[utoipa::path(
    post, path = "/api/v1/webhooks", tag = "admin",
    request_body = WebhookInput,
    responses((status = 201, description = "added, with its secret", body = NewWebhookBody), Invalid, NotJson, TooLarge, Common)
)]
#[post("/webhooks", data = "<input>")]
pub(super) async fn create_webhook(
    state: &State<AppState>,
    acting: Acting,
    input: Result<Json<WebhookInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<NewWebhookBody>>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    let (webhook, secret) = webhooks::create(&state.db, &user, &input).await?;
    Ok(Created::new(format!("/api/v1/webhooks/{}", webhook.id))
        .body(Json(NewWebhookBody { webhook, secret })))
}

/// Removes an outgoing webhook (administrators); its unsent calls go too.
#[utoipa::path(
    delete, path = "/api/v1/webhooks/{id}", tag = "admin",
    params(("id" = i32, Path)),
    responses((status = 204, description = "removed"), NotFound, NotJson, Common)
)]
#[delete("/webhooks/<id>")]
pub(super) async fn delete_webhook(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    webhooks::remove(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct DeliveriesBody {
    /// Given up on first, then the ones still being tried.
    deliveries: Vec<DeliveryView>,
}

/// Mails and webhook calls that failed and are not delivered
/// (administrators).
#[utoipa::path(
    get, path = "/api/v1/deliveries", tag = "admin",
    responses((status = 200, description = "at most 200", body = DeliveriesBody), Common)
)]
#[get("/deliveries")]
pub(super) async fn list_deliveries(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<DeliveriesBody>> {
    let user = signed_in(viewer)?;
    let deliveries = outbox::troubled(&state.db, &user).await?;
    Ok(Json(DeliveriesBody { deliveries }))
}

/// Sends a message that was given up on again, from now (administrators).
#[utoipa::path(
    post, path = "/api/v1/deliveries/{id}/retry", tag = "admin",
    params(("id" = i32, Path)),
    responses((status = 204, description = "queued again"), NotFound, NotJson, Common)
)]
#[post("/deliveries/<id>/retry")]
pub(super) async fn retry_delivery(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    outbox::retry(&state.db, &user, id).await?;
    Ok(NoContent)
}
