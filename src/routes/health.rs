//! Health: whether the service and its database answer.

use rocket::http::Status;
use rocket::{Route, State, get};

use crate::AppState;

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

pub fn routes() -> Vec<Route> {
    rocket::routes![healthz]
}
