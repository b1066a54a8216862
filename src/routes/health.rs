//! Health for operators and load balancers: `/healthz` (the process and its
//! database answer), `/readyz` (ready to serve: the database answers and
//! this replica's search index is not far behind the change log) and
//! `/metrics` (Prometheus; see [`crate::metrics`]).

use rocket::http::Status;
use rocket::serde::json::Json;
use rocket::{Route, State, get};
use serde::Serialize;

use crate::AppState;
use crate::db::change_log;

#[get("/healthz")]
async fn healthz(state: &State<AppState>) -> (Status, &'static str) {
    match state.db.ping().await {
        Ok(()) => (Status::Ok, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            (Status::ServiceUnavailable, "database unavailable")
        }
    }
}

/// How far this replica's index is behind the change log.
#[derive(Debug, Serialize, PartialEq)]
struct IndexLag {
    /// Every change up to this log id is searchable here.
    applied: i64,
    /// The newest log id.
    head: i64,
    /// Changes written but not yet searchable here.
    behind: i64,
    /// How long the oldest of them has waited.
    lag_seconds: f64,
}

#[derive(Debug, Serialize)]
struct Readiness {
    ready: bool,
    database: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<IndexLag>,
}

/// Ready when the database answers and no change has waited longer than
/// `max_lag_seconds` to become searchable here.
fn ready(index: Option<&IndexLag>, max_lag_seconds: u32) -> bool {
    index.is_some_and(|lag| lag.lag_seconds <= f64::from(max_lag_seconds))
}

async fn index_lag(state: &AppState) -> Result<IndexLag, sea_orm::DbErr> {
    let applied = state.search.index.applied();
    let head = change_log::head(&state.db).await?;
    let oldest = change_log::oldest_after(&state.db, applied).await?;
    let lag_seconds = oldest.map_or(0.0, |at| {
        (chrono::Utc::now() - at).num_milliseconds().max(0) as f64 / 1000.0
    });
    Ok(IndexLag {
        applied,
        head,
        behind: (head - applied).max(0),
        lag_seconds,
    })
}

#[get("/readyz")]
async fn readyz(state: &State<AppState>) -> (Status, Json<Readiness>) {
    let index = match index_lag(state).await {
        Ok(lag) => Some(lag),
        Err(e) => {
            tracing::error!(error = %e, "readiness: database does not answer");
            None
        }
    };
    let ready = ready(index.as_ref(), state.settings.ready_max_index_lag_seconds);
    if !ready && let Some(lag) = &index {
        tracing::warn!(
            behind = lag.behind,
            lag_seconds = lag.lag_seconds,
            "not ready: the search index is behind"
        );
    }
    let status = if ready {
        Status::Ok
    } else {
        Status::ServiceUnavailable
    };
    let database = if index.is_some() { "ok" } else { "unavailable" };
    (
        status,
        Json(Readiness {
            ready,
            database,
            index,
        }),
    )
}

/// `Authorization: Bearer <metrics_token>`, when one is configured.
struct MetricsAccess(bool);

#[rocket::async_trait]
impl<'r> rocket::request::FromRequest<'r> for MetricsAccess {
    type Error = std::convert::Infallible;

    async fn from_request(
        req: &'r rocket::Request<'_>,
    ) -> rocket::request::Outcome<Self, Self::Error> {
        let token = req
            .rocket()
            .state::<AppState>()
            .map(|s| s.settings.metrics_token.as_str())
            .unwrap_or("");
        let sent = req
            .headers()
            .get_one("Authorization")
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim);
        // Compared as hashes, so the time taken says nothing about the token.
        let same = |sent: &str| {
            use sha2::{Digest, Sha256};
            Sha256::digest(sent.as_bytes()) == Sha256::digest(token.as_bytes())
        };
        rocket::request::Outcome::Success(MetricsAccess(token.is_empty() || sent.is_some_and(same)))
    }
}

/// The Prometheus text format: counters kept as the process runs, and the
/// index lag, stories by status, the database pool and the outbox read now.
#[get("/metrics")]
async fn metrics(
    state: &State<AppState>,
    access: MetricsAccess,
) -> Result<(rocket::http::ContentType, String), Status> {
    if !access.0 {
        return Err(Status::Unauthorized);
    }
    let m = crate::metrics::get();
    match index_lag(state).await {
        Ok(lag) => {
            m.index_applied.set(lag.applied);
            m.change_log_head.set(lag.head);
            m.index_lag_seconds.set(lag.lag_seconds);
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the index lag could not be read"),
    }
    match crate::services::stories::count_by_status(&state.db).await {
        Ok(counts) => {
            for (status, n) in counts {
                m.stories.with_label_values(&[status.as_str()]).set(n);
            }
        }
        Err(e) => e.log(),
    }
    let (size, idle) = match state.db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => {
            let pool = state.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
    };
    m.db_pool_connections.set(i64::from(size));
    m.db_pool_idle.set(idle as i64);
    match crate::services::notify::outbox::counts(&state.db).await {
        Ok((pending, failed)) => {
            m.outbox_pending.set(pending as i64);
            m.outbox_failed.set(failed as i64);
        }
        Err(e) => e.log(),
    }
    let text = crate::metrics::render();
    Ok((
        rocket::http::ContentType::new("text", "plain").with_params(("version", "0.0.4")),
        text,
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![healthz, readyz, metrics]
}

#[cfg(test)]
mod tests {
    use super::{IndexLag, ready};

    fn lag(seconds: f64) -> IndexLag {
        IndexLag {
            applied: 10,
            head: 12,
            behind: 2,
            lag_seconds: seconds,
        }
    }

    #[test]
    fn ready_while_the_index_keeps_up_and_the_database_answers() {
        assert!(ready(Some(&lag(0.2)), 30));
        assert!(ready(Some(&lag(30.0)), 30));
        assert!(!ready(Some(&lag(31.0)), 30), "the index is behind");
        assert!(!ready(None, 30), "no database");
    }
}
