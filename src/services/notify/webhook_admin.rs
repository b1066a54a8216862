//! Outgoing webhooks as administrators configure them: the list, adding
//! one (checked field by field, its secret made and shown once) and
//! removing one.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, QueryOrder, Set};
use serde::{Deserialize, Serialize};

use super::webhooks::{FORMATS, KINDS, split};
use crate::clock::now;
use crate::db::entities::webhook;
use crate::domain::{FieldError, User};
use crate::error::{AppError, AppResult};
use crate::i18n::Msg;

/// A webhook as administrators see it (the secret only when made).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WebhookView {
    pub id: i32,
    pub name: String,
    pub url: String,
    pub format: String,
    pub events: Vec<String>,
    /// Empty: every value.
    pub values: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

fn view(model: webhook::Model) -> WebhookView {
    WebhookView {
        id: model.id,
        name: model.name,
        url: model.url,
        format: model.format,
        events: split(&model.events).map(str::to_owned).collect(),
        values: split(&model.values).map(str::to_owned).collect(),
        active: model.active,
        created_at: model.created_at,
    }
}

/// What an administrator fills in.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WebhookInput {
    pub name: String,
    pub url: String,
    pub format: String,
    pub events: Vec<String>,
    #[serde(default)]
    pub values: Vec<String>,
}

pub async fn list(db: &DatabaseConnection, user: &User) -> AppResult<Vec<WebhookView>> {
    super::require_admin(user)?;
    Ok(webhook::Entity::find()
        .order_by_asc(webhook::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// Adds a webhook; returns it with its secret (shown once).
pub async fn create(
    db: &DatabaseConnection,
    user: &User,
    input: &WebhookInput,
) -> AppResult<(WebhookView, String)> {
    super::require_admin(user)?;
    let known: Vec<String> = crate::services::values::active_value_kinds(db)
        .await?
        .into_keys()
        .collect();
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 80 || name.contains('\0') {
        errors.push(FieldError::new("name", Msg::new("error-webhook-name")));
    }
    let url = input.url.trim();
    let parsed = url::Url::parse(url).ok();
    if !parsed.as_ref().is_some_and(|u| {
        matches!(u.scheme(), "https" | "http")
            && u.host_str().is_some()
            && url.len() <= 2000
            && !url.contains('\0')
    }) {
        errors.push(FieldError::new("url", Msg::new("error-webhook-url")));
    }
    if !FORMATS.contains(&input.format.as_str()) {
        errors.push(FieldError::new("format", Msg::new("error-webhook-format")));
    }
    if input.events.is_empty()
        || input
            .events
            .iter()
            .any(|e| !KINDS.iter().any(|k| k.as_str() == e))
    {
        errors.push(FieldError::new("events", Msg::new("error-webhook-events")));
    }
    for value in &input.values {
        if !known.contains(value) {
            errors.push(FieldError::new(
                "values",
                Msg::new("error-value-unknown").arg("value", value.as_str()),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    let secret = hex::encode(bytes);
    let mut events = input.events.clone();
    events.dedup();
    let model = webhook::ActiveModel {
        name: Set(name.to_owned()),
        url: Set(url.to_owned()),
        format: Set(input.format.clone()),
        events: Set(events.join(",")),
        values: Set(input.values.join(",")),
        secret: Set(secret.clone()),
        active: Set(true),
        created_at: Set(now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(webhook = model.id, by = %user.id, format = %model.format, "webhook added");
    Ok((view(model), secret))
}

/// Removes a webhook; its unsent calls are dropped. `404` when unknown.
pub async fn remove(db: &DatabaseConnection, user: &User, id: i32) -> AppResult<()> {
    super::require_admin(user)?;
    let deleted = webhook::Entity::delete_by_id(id)
        .exec(db)
        .await?
        .rows_affected;
    if deleted == 0 {
        return Err(AppError::NotFound);
    }
    tracing::info!(webhook = id, by = %user.id, "webhook removed");
    Ok(())
}
