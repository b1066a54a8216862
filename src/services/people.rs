//! The people the service has seen: everyone the single sign-on headers (or
//! the development sign-in) named, with their name, e-mail and the role their
//! groups gave them when last seen. Managers are chosen from here as a
//! barrier's owner, and a story counts as a manager's by its author's role.
//! Programs (tokens) are not people.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::clock::now;
use crate::db::entities::person;
use crate::domain::{Role, User};
use crate::error::AppResult;
use crate::i18n::UiLang;

/// How often an unchanged person's "last seen" is written at most.
const REFRESH: Duration = Duration::from_secs(3600);

/// Someone as others may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PersonRef {
    pub id: String,
    pub name: String,
}

impl From<person::Model> for PersonRef {
    fn from(model: person::Model) -> Self {
        PersonRef {
            id: model.id,
            name: model.name,
        }
    }
}

/// Remembers who was recorded when, so that a person's requests write to the
/// database only when something about them changed, or once an hour.
#[derive(Default)]
pub struct Seen {
    recorded: Mutex<HashMap<String, (Recorded, Instant)>>,
}

/// What was last written about a person, and when.
#[derive(PartialEq)]
struct Recorded {
    name: String,
    email: Option<String>,
    role: Role,
    groups: Vec<String>,
    lang: UiLang,
}

impl Seen {
    /// Records that `user` made a request (a person, not a program). A
    /// failure is logged and otherwise ignored: being recorded is never a
    /// reason to refuse a request.
    /// `lang` is the interface language of the request: the language of
    /// the person's mails.
    pub async fn record(&self, db: &DatabaseConnection, user: &User, lang: UiLang) {
        if user.via_token.is_some() || !crate::domain::is_person_id(&user.id) {
            return;
        }
        let now = Recorded {
            name: user.name.clone(),
            email: user.email.clone(),
            role: user.role,
            groups: user.groups.clone(),
            lang,
        };
        let fresh = {
            let recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
            recorded
                .get(&user.id)
                .is_some_and(|(was, at)| *was == now && at.elapsed() < REFRESH)
        };
        if fresh {
            return;
        }
        match upsert(db, user, lang).await {
            Ok(()) => {
                let mut recorded = self.recorded.lock().unwrap_or_else(|e| e.into_inner());
                recorded.insert(user.id.clone(), (now, Instant::now()));
            }
            Err(e) => tracing::warn!(person = %user.id, error = %e, "could not record a person"),
        }
    }
}

async fn upsert(db: &DatabaseConnection, user: &User, lang: UiLang) -> Result<(), sea_orm::DbErr> {
    let at = now();
    person::Entity::insert(person::ActiveModel {
        id: Set(user.id.clone()),
        name: Set(user.name.clone()),
        email: Set(user.email.clone()),
        role: Set(user.role.as_str().to_owned()),
        first_seen: Set(at),
        last_seen: Set(at),
        lang: Set(Some(lang.as_str().to_owned())),
        groups: Set(user.groups.join(",")),
        mail_token: Set(Some(new_mail_token())),
    })
    .on_conflict(
        OnConflict::column(person::Column::Id)
            .update_columns([
                person::Column::Name,
                person::Column::Email,
                person::Column::Role,
                person::Column::LastSeen,
                person::Column::Lang,
                person::Column::Groups,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// A fresh secret for a person's unsubscribe links.
fn new_mail_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system has randomness");
    hex::encode(bytes)
}

/// What a mail to a person needs: where to, in which language, and the
/// secret of their unsubscribe links (made now for someone seen before
/// there were any).
#[derive(Debug, Clone)]
pub struct Mailbox {
    pub name: String,
    pub email: Option<String>,
    pub lang: Option<UiLang>,
    pub mail_token: String,
}

pub async fn mailbox<C: ConnectionTrait>(db: &C, id: &str) -> AppResult<Option<Mailbox>> {
    let Some(model) = person::Entity::find_by_id(id.to_owned()).one(db).await? else {
        return Ok(None);
    };
    let mail_token = match model.mail_token {
        Some(token) => token,
        None => {
            let token = new_mail_token();
            person::Entity::update_many()
                .col_expr(person::Column::MailToken, token.clone().into())
                .filter(person::Column::Id.eq(id))
                .filter(person::Column::MailToken.is_null())
                .exec(db)
                .await?;
            // Another replica may have been first: read back what won.
            person::Entity::find_by_id(id.to_owned())
                .one(db)
                .await?
                .and_then(|m| m.mail_token)
                .unwrap_or(token)
        }
    };
    Ok(Some(Mailbox {
        name: model.name,
        email: model.email.filter(|e| !e.trim().is_empty()),
        lang: model.lang.as_deref().and_then(UiLang::parse),
        mail_token,
    }))
}

/// The person whose unsubscribe links carry this secret.
pub async fn by_mail_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> AppResult<Option<PersonRef>> {
    if token.is_empty() {
        return Ok(None);
    }
    Ok(person::Entity::find()
        .filter(person::Column::MailToken.eq(token))
        .one(db)
        .await?
        .map(PersonRef::from))
}

fn role_of(model: &person::Model) -> Role {
    match model.role.as_str() {
        "admin" => Role::Admin,
        "manager" => Role::Manager,
        _ => Role::Staff,
    }
}

/// A known person, if the service has seen them.
pub async fn find<C: ConnectionTrait>(db: &C, id: &str) -> AppResult<Option<(PersonRef, Role)>> {
    if id.contains('\0') {
        // Nobody's id holds a NUL (and PostgreSQL would refuse the query).
        return Ok(None);
    }
    Ok(person::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .map(|model| {
            let role = role_of(&model);
            (
                PersonRef {
                    id: model.id,
                    name: model.name,
                },
                role,
            )
        }))
}

/// Whether the service last saw `id` as a manager (or admin).
pub async fn is_manager<C: ConnectionTrait>(db: &C, id: &str) -> AppResult<bool> {
    Ok(find(db, id)
        .await?
        .is_some_and(|(_, role)| role >= Role::Manager))
}

/// Every known manager and admin, by name: who may own a barrier.
pub async fn managers<C: ConnectionTrait>(db: &C) -> AppResult<Vec<PersonRef>> {
    Ok(person::Entity::find()
        .filter(person::Column::Role.is_in([Role::Manager.as_str(), Role::Admin.as_str()]))
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(PersonRef::from)
        .collect())
}

/// How many people a search for colleagues finds at most.
pub const SUGGEST_MAX: u64 = 10;

/// People whose name (or id) contains `q` (case-insensitive), by name, at
/// most `limit`; never `except` (the one asking). For naming colleagues.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    q: &str,
    limit: u64,
    except: &str,
) -> AppResult<Vec<PersonRef>> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
    let q = q.trim().to_lowercase();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    // As long as a story search may be (SQLite refuses a LIKE pattern of
    // 50,000 bytes or more with an error).
    let max = crate::search::QUERY_MAX_CHARS;
    if q.chars().count() > max {
        return Err(crate::error::AppError::field(
            "q",
            crate::i18n::Msg::new("error-query-long").arg("max", max),
        ));
    }
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("%{escaped}%");
    let matches = |column: person::Column| {
        Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern.clone()).escape('\\'))
    };
    Ok(person::Entity::find()
        .filter(matches(person::Column::Name).or(matches(person::Column::Id)))
        .filter(person::Column::Id.ne(except))
        .order_by_asc(person::Column::Name)
        .order_by_asc(person::Column::Id)
        .limit(Ord::min(limit, SUGGEST_MAX))
        .all(db)
        .await?
        .into_iter()
        .map(PersonRef::from)
        .collect())
}
