//! The caller's own stories and data.

use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use crate::AppState;
use crate::routes::identity::Viewer;
use crate::services::privacy;
use crate::services::stories::{self, Page};

use super::error::ApiResult;
use super::openapi::{Common, Invalid};
use super::signed_in;

/// The caller's own stories, whatever their status, most recently changed
/// first: all of them unless they wrote more than 500 (`next` then names
/// the page after).
#[utoipa::path(
    get, path = "/api/v1/me/stories", tag = "me",
    params(
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 500, description = "1 to 500, default 500"),
        ("cursor" = Option<String>, Query, description = "`next` of the previous page"),
    ),
    responses((status = 200, description = "the caller's stories, every status; `next` when there are more", body = Page), Invalid, Common)
)]
#[get("/me/stories?<limit>&<cursor>")]
pub(super) async fn my_stories(
    state: &State<AppState>,
    viewer: Viewer,
    limit: Option<String>,
    cursor: Option<String>,
) -> ApiResult<Json<Page>> {
    let user = signed_in(viewer)?;
    let paging = stories::Paging::parse_within(
        limit.as_deref(),
        cursor.as_deref(),
        stories::MINE_MAX,
        stories::MINE_MAX,
    )?;
    Ok(Json(stories::by_author(&state.db, &user, paging).await?))
}

/// Everything the caller gave us: stories with history, reactions, reports.
#[utoipa::path(
    get, path = "/api/v1/me/export", tag = "me",
    responses((status = 200, description = "everything the caller gave", body = privacy::Export), Common)
)]
#[get("/me/export")]
pub(super) async fn my_export(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<privacy::Export>> {
    let user = signed_in(viewer)?;
    Ok(Json(privacy::export(&state.db, &user).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct PeopleBody {
    people: Vec<crate::services::people::PersonRef>,
}

/// Colleagues the service knows whose name (or id) contains `q`, by name:
/// for naming the people who took part in a story. Not the caller; no
/// e-mail addresses. People and programs that may write (not a `search`
/// token).
#[utoipa::path(
    get, path = "/api/v1/people", tag = "me",
    params(
        ("q" = Option<String>, Query, description = "part of a name or id (case does not matter); missing or empty: nobody"),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 10, description = "at most this many (default 10)"),
    ),
    responses((status = 200, description = "at most `limit`, by name", body = PeopleBody), Invalid, Common)
)]
#[get("/people?<q>&<limit>")]
pub(super) async fn find_people(
    state: &State<AppState>,
    viewer: Viewer,
    q: Option<&str>,
    limit: Option<&str>,
) -> ApiResult<Json<PeopleBody>> {
    let user = signed_in(viewer)?;
    if !user.can_write() {
        return Err(crate::error::AppError::Forbidden.into());
    }
    let limit = super::limit_param(
        limit,
        crate::services::people::SUGGEST_MAX,
        crate::services::people::SUGGEST_MAX,
    )?;
    let people =
        crate::services::people::search(&state.db, q.unwrap_or(""), limit, &user.id).await?;
    Ok(Json(PeopleBody { people }))
}
