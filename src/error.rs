//! One error type for the application. Each variant maps to one HTTP status in
//! one place; internal causes are logged, never shown to the client.

use std::time::Duration;

use rocket::http::Status;
use sea_orm::DbErr;

use crate::domain::FieldError;
use crate::i18n::Msg;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("the input is not valid")]
    Validation(Vec<FieldError>),
    #[error("bad request: {}", .0.id)]
    BadRequest(Msg),
    #[error("the search is not valid")]
    BadQuery(Vec<FieldError>),
    #[error("sign in to do this")]
    Unauthorized,
    #[error("your role does not allow this")]
    Forbidden,
    /// Forbidden, with the reason.
    #[error("refused: {}", .0.id)]
    Refused(Msg),
    #[error("not found")]
    NotFound,
    #[error("conflict: {}", .0.id)]
    Conflict(Msg),
    #[error("too many requests; try again in {} seconds", .0.seconds())]
    TooManyRequests(RetryAfter),
    #[error("the request body is larger than the limit of {0}")]
    PayloadTooLarge(String),
    /// A change sent with a body that is not JSON.
    #[error("the body must be JSON")]
    UnsupportedMediaType,
    /// The path exists, under these other methods (the `Allow` header).
    #[error("this address does not take that method; it takes {0}")]
    MethodNotAllowed(String),
    #[error("not implemented: {}", .0.id)]
    NotImplemented(Msg),
    #[error("something went wrong on our side; it has been logged")]
    Database(#[from] DbErr),
    /// A page or document could not be written (template or XML writer).
    #[error("something went wrong on our side; it has been logged")]
    Render(String),
    /// The search index failed (the cause is the search module's error).
    #[error("something went wrong on our side; it has been logged")]
    Search(Box<dyn std::error::Error + Send + Sync>),
}

impl AppError {
    pub fn status(&self) -> Status {
        match self {
            AppError::Validation(_) => Status::UnprocessableEntity,
            AppError::BadRequest(_) | AppError::BadQuery(_) => Status::BadRequest,
            AppError::Unauthorized => Status::Unauthorized,
            AppError::Forbidden | AppError::Refused(_) => Status::Forbidden,
            AppError::NotFound => Status::NotFound,
            AppError::Conflict(_) => Status::Conflict,
            AppError::PayloadTooLarge(_) => Status::PayloadTooLarge,
            AppError::TooManyRequests(_) => Status::TooManyRequests,
            AppError::NotImplemented(_) => Status::NotImplemented,
            AppError::UnsupportedMediaType => Status::UnsupportedMediaType,
            AppError::MethodNotAllowed(_) => Status::MethodNotAllowed,
            AppError::Database(cause) if Outage::of(cause).is_some() => Status::ServiceUnavailable,
            AppError::Database(_) | AppError::Search(_) | AppError::Render(_) => {
                Status::InternalServerError
            }
        }
    }

    /// A validation error about one field.
    pub fn field(field: &str, message: impl Into<Msg>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// What the reader is told, in no language yet.
    pub fn message(&self) -> Msg {
        match self {
            AppError::Validation(_) => Msg::new("error-validation"),
            AppError::BadRequest(msg)
            | AppError::Conflict(msg)
            | AppError::Refused(msg)
            | AppError::NotImplemented(msg) => msg.clone(),
            AppError::BadQuery(_) => Msg::new("error-bad-query"),
            AppError::UnsupportedMediaType => Msg::new("error-content-type"),
            AppError::MethodNotAllowed(allow) => {
                Msg::new("error-method").arg("allow", allow.as_str())
            }
            AppError::Unauthorized => Msg::new("error-unauthorized"),
            AppError::Forbidden => Msg::new("error-forbidden"),
            AppError::NotFound => Msg::new("error-not-found"),
            AppError::TooManyRequests(wait) => {
                Msg::new("error-too-many").arg("seconds", wait.seconds())
            }
            AppError::PayloadTooLarge(limit) => {
                Msg::new("error-too-large").arg("limit", limit.as_str())
            }
            AppError::Database(cause) => match Outage::of(cause) {
                Some(Outage::DiskFull) => Msg::new("error-disk-full"),
                Some(Outage::Unreachable) => Msg::new("error-unavailable"),
                None => Msg::new("error-internal"),
            },
            AppError::Search(_) | AppError::Render(_) => Msg::new("error-internal"),
        }
    }

    /// Logs causes the client does not see.
    pub fn log(&self) {
        match self {
            AppError::Database(cause) => match Outage::of(cause) {
                Some(Outage::DiskFull) => {
                    tracing::error!(error = %cause, "the database's disk is full: changes are refused until space is freed")
                }
                Some(Outage::Unreachable) => {
                    tracing::error!(error = %cause, "the database cannot be reached: requests fail until it is back")
                }
                None => tracing::error!(error = %cause, "database error"),
            },
            AppError::Search(cause) => tracing::error!(error = %cause, "search error"),
            AppError::Render(cause) => tracing::error!(error = %cause, "render error"),
            _ => {}
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// A database error that is a state of the machine, not a fault in a
/// request: answered `503` (try again later) with what is wrong, so an
/// operator's monitoring and a person's retry both do the right thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outage {
    /// No space left where the database writes: nothing was saved.
    DiskFull,
    /// The database or its storage does not answer.
    Unreachable,
}

impl Outage {
    pub fn of(error: &DbErr) -> Option<Outage> {
        use sea_orm::{RuntimeErr, sqlx};
        let sqlx = match error {
            DbErr::ConnectionAcquire(_) => return Some(Outage::Unreachable),
            DbErr::Conn(RuntimeErr::SqlxError(e))
            | DbErr::Exec(RuntimeErr::SqlxError(e))
            | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
            _ => return None,
        };
        match sqlx.as_ref() {
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => Some(Outage::Unreachable),
            sqlx::Error::Database(e) => {
                let code = e.code()?;
                if e.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                    Self::of_sqlite(code.parse().ok()?)
                } else {
                    Self::of_sqlstate(&code)
                }
            }
            _ => None,
        }
    }

    /// SQLite's (extended) result code.
    fn of_sqlite(code: i32) -> Option<Outage> {
        // SQLITE_FULL; SQLITE_IOERR, SQLITE_CANTOPEN: the storage fails.
        match code & 0xff {
            13 => Some(Outage::DiskFull),
            10 | 14 => Some(Outage::Unreachable),
            _ => None,
        }
    }

    /// PostgreSQL's SQLSTATE (five characters, often all digits).
    fn of_sqlstate(code: &str) -> Option<Outage> {
        match code {
            // disk_full
            "53100" => Some(Outage::DiskFull),
            // connection exceptions; shutting down, starting up
            _ if code.starts_with("08") => Some(Outage::Unreachable),
            "57P01" | "57P02" | "57P03" => Some(Outage::Unreachable),
            _ => None,
        }
    }
}

/// How long to wait before trying again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// Whole seconds, at least one, for the `Retry-After` header.
    pub fn seconds(self) -> u64 {
        self.0.as_secs() + u64::from(self.0.subsec_nanos() > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::Outage;

    #[test]
    fn a_full_disk_and_an_absent_database_are_outages_other_errors_are_not() {
        // SQLite: SQLITE_FULL; SQLITE_IOERR_WRITE (an extended code); SQLITE_CANTOPEN;
        // SQLITE_CONSTRAINT_UNIQUE.
        assert_eq!(Outage::of_sqlite(13), Some(Outage::DiskFull));
        assert_eq!(Outage::of_sqlite(778), Some(Outage::Unreachable));
        assert_eq!(Outage::of_sqlite(14), Some(Outage::Unreachable));
        assert_eq!(Outage::of_sqlite(2067), None);
        // PostgreSQL: disk_full, connection_failure, admin_shutdown, unique_violation.
        assert_eq!(Outage::of_sqlstate("53100"), Some(Outage::DiskFull));
        assert_eq!(Outage::of_sqlstate("08006"), Some(Outage::Unreachable));
        assert_eq!(Outage::of_sqlstate("57P01"), Some(Outage::Unreachable));
        assert_eq!(Outage::of_sqlstate("23505"), None);
        assert_eq!(
            Outage::of(&sea_orm::DbErr::ConnectionAcquire(
                sea_orm::ConnAcquireErr::Timeout
            )),
            Some(Outage::Unreachable)
        );
        assert_eq!(
            Outage::of(&sea_orm::DbErr::RecordNotFound("x".into())),
            None
        );
    }
}
