//! Barriers: reporting what stopped you from living a value, following it,
//! and (managers) taking it, moving it along and replying.

use rocket::response::status::Created;
use rocket::serde::json::{self, Json};
use rocket::{State, get, post, put};
use serde::Serialize;

use crate::AppState;
use crate::domain::{BarrierInput, BarrierStatus, FieldError};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::barriers::{self, BarrierChange, BarrierQuery, BarrierView};

use super::error::{ApiError, ApiResult, json_body};
use super::openapi::{Common, Conflict, Invalid, NotFound, NotJson, TooLarge};
use super::signed_in;

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct BarriersBody {
    barriers: Vec<BarrierView>,
}

/// Reports a barrier: what stopped you from living a value.
#[utoipa::path(
    post, path = "/api/v1/barriers", tag = "barriers",
    request_body = BarrierInput,
    responses((status = 201, description = "the barrier, `new`", body = BarrierView), TooLarge, Invalid, NotJson, Common)
)]
#[post("/barriers", data = "<input>")]
pub(super) async fn report_barrier(
    state: &State<AppState>,
    acting: Acting,
    input: Result<Json<BarrierInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<BarrierView>>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    state
        .rate_limits
        .submission(&user.id)
        .map_err(AppError::TooManyRequests)?;
    let barrier = barriers::report(&state.db, &user, &input).await?;
    Ok(Created::new(format!("/api/v1/barriers/{}", barrier.id)).body(Json(barrier)))
}

/// Barriers as the caller may see them.
#[utoipa::path(
    get, path = "/api/v1/barriers", tag = "barriers",
    params(
        ("status" = Option<BarrierStatus>, Query, description = "`new`, `acknowledged`, `in_progress`, `solved` or `wont_solve`; staff: `solved` lists everyone's solved barriers (\"you said, we did\"), anything else their own"),
        ("value" = Option<String>, Query, description = "only barriers tagged with this value"),
        ("q" = Option<String>, Query, description = "words in the title or text (all of them)"),
        ("mine" = Option<bool>, Query, description = "only the caller's own reports"),
    ),
    responses((status = 200, description = "at most 500; open ones oldest first, solved ones most recently solved first", body = BarriersBody), Invalid, Common)
)]
#[get("/barriers?<status>&<value>&<q>&<mine>")]
pub(super) async fn list_barriers(
    state: &State<AppState>,
    viewer: Viewer,
    status: Option<&str>,
    value: Option<String>,
    q: Option<String>,
    mine: Option<bool>,
) -> ApiResult<Json<BarriersBody>> {
    let user = signed_in(viewer)?;
    let status = match status.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => Some(BarrierStatus::parse(raw).ok_or_else(|| {
            ApiError(AppError::Validation(vec![FieldError::new(
                "status",
                Msg::new("error-barrier-status"),
            )]))
        })?),
    };
    let query = BarrierQuery {
        status,
        value: value.filter(|v| !v.trim().is_empty()),
        q,
        mine: mine.unwrap_or(false),
    };
    let barriers = barriers::list(&state.db, &user, &query).await?;
    Ok(Json(BarriersBody { barriers }))
}

/// One barrier with its history: for its reporter and managers, and for
/// everyone signed in once it is solved.
#[utoipa::path(
    get, path = "/api/v1/barriers/{id}", tag = "barriers",
    params(("id" = i32, Path)),
    responses((status = 200, body = BarrierView), NotFound, Common)
)]
#[get("/barriers/<id>")]
pub(super) async fn get_barrier(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<BarrierView>> {
    let user = signed_in(viewer)?;
    Ok(Json(barriers::get(&state.db, &user, id).await?))
}

/// A manager changes a barrier's status or owner, links a story, or replies.
/// Forward moves may skip steps; a solved or declined barrier may be
/// reopened to `in_progress`; nothing goes back to `new` (`409`). Solving or
/// declining needs a reply (`422`).
#[utoipa::path(
    put, path = "/api/v1/barriers/{id}", tag = "barriers",
    params(("id" = i32, Path)),
    request_body = BarrierChange,
    responses((status = 200, description = "the barrier as it now is", body = BarrierView), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[put("/barriers/<id>", data = "<input>")]
pub(super) async fn change_barrier(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<BarrierChange>, json::Error<'_>>,
) -> ApiResult<Json<BarrierView>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(barriers::change(&state.db, &user, id, &input).await?))
}
