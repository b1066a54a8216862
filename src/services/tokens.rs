//! API tokens for programs: created and revoked by admins, shown once, stored
//! only as a SHA-256 hash. A token carries 256 random bits, so a fast hash is
//! enough: there is nothing to guess that a slow hash would protect.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::entities::api_token;
use crate::error::{AppError, AppResult};

use crate::clock::now;
pub use crate::domain::TokenScope;

/// What binds a widget token: the origins it may be used from and the values
/// it is fixed to. Empty lists bind nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Binding {
    /// Exact origins such as `https://intranet.example`.
    pub origins: Vec<String>,
    /// Value slugs; the token's searches and lists never go beyond them.
    pub values: Vec<String>,
}

impl Binding {
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty() && self.values.is_empty()
    }
}

/// A token as listed: never the secret itself.
#[derive(Debug, Clone, Serialize)]
pub struct TokenInfo {
    pub id: i32,
    pub name: String,
    pub scope: TokenScope,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub binding: Binding,
}

fn split(raw: Option<&str>, separator: char) -> Vec<String> {
    raw.unwrap_or("")
        .split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl From<api_token::Model> for TokenInfo {
    fn from(model: api_token::Model) -> Self {
        TokenInfo {
            id: model.id,
            scope: TokenScope::parse(&model.scope).unwrap_or(TokenScope::Search),
            binding: Binding {
                origins: split(model.origins.as_deref(), ' '),
                values: split(model.values.as_deref(), ','),
            },
            name: model.name,
            created_at: model.created_at,
            revoked_at: model.revoked_at,
        }
    }
}

/// An origin as browsers send it in `Origin`: `https://host[:port]`.
fn parse_origin(raw: &str) -> Option<String> {
    crate::domain::Origin::parse(raw)
        .ok()
        .map(|origin| origin.as_str().to_owned())
}

const PREFIX: &str = "mwt_";

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a token; the secret is returned once and never stored.
pub async fn create(
    db: &DatabaseConnection,
    name: &str,
    scope: TokenScope,
) -> AppResult<(TokenInfo, String)> {
    create_bound(db, name, scope, &Binding::default()).await
}

/// Creates a token bound to origins and values (a widget token).
pub async fn create_bound(
    db: &DatabaseConnection,
    name: &str,
    scope: TokenScope,
    binding: &Binding,
) -> AppResult<(TokenInfo, String)> {
    use crate::domain::FieldError;
    use crate::i18n::Msg;
    let name = name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 80 || name.contains('\0') {
        errors.push(FieldError::new("name", Msg::new("error-token-name")));
    }
    if !binding.is_empty() && scope != TokenScope::Search {
        errors.push(FieldError::new(
            "scope",
            Msg::new("error-token-bound-scope"),
        ));
    }
    let mut origins = Vec::new();
    for raw in &binding.origins {
        match parse_origin(raw) {
            Some(origin) if !origins.contains(&origin) => origins.push(origin),
            Some(_) => {}
            None => errors.push(FieldError::new(
                "origins",
                Msg::new("error-origin").arg("origin", raw.as_str()),
            )),
        }
    }
    let kinds = super::values::active_value_kinds(db).await?;
    let values = if binding.values.is_empty() {
        Vec::new()
    } else {
        match crate::domain::parse_value_tags(&binding.values, &kinds, 1) {
            Ok(slugs) => slugs.into_iter().map(|s| s.as_str().to_owned()).collect(),
            Err(mut tag_errors) => {
                errors.append(&mut tag_errors);
                Vec::new()
            }
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| {
        tracing::error!(error = %e, "no randomness available");
        AppError::BadRequest(crate::i18n::Msg::new("error-internal"))
    })?;
    let secret = format!("{PREFIX}{}", hex::encode(bytes));
    let model = api_token::ActiveModel {
        name: Set(name.to_owned()),
        scope: Set(scope.as_str().into()),
        token_hash: Set(hash(&secret)),
        created_at: Set(now()),
        revoked_at: Set(None),
        origins: Set((!origins.is_empty()).then(|| origins.join(" "))),
        values: Set((!values.is_empty()).then(|| values.join(","))),
        ..Default::default()
    }
    .insert(db)
    .await?;
    tracing::info!(
        token = model.id,
        name,
        scope = scope.as_str(),
        "API token created"
    );
    Ok((model.into(), secret))
}

pub async fn list(db: &DatabaseConnection) -> AppResult<Vec<TokenInfo>> {
    let models = api_token::Entity::find()
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?;
    Ok(models.into_iter().map(TokenInfo::from).collect())
}

/// Revokes a token; effective for the very next request.
pub async fn revoke(db: &DatabaseConnection, id: i32) -> AppResult<TokenInfo> {
    let model = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if model.revoked_at.is_some() {
        return Ok(model.into());
    }
    let mut active = model.into_active_model();
    active.revoked_at = Set(Some(now()));
    let model = active.update(db).await?;
    tracing::info!(token = id, "API token revoked");
    Ok(model.into())
}

/// The live token with this secret, if any.
pub async fn authenticate(db: &DatabaseConnection, secret: &str) -> AppResult<Option<TokenInfo>> {
    if !secret.starts_with(PREFIX) {
        return Ok(None);
    }
    Ok(api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash(secret)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .map(TokenInfo::from))
}
