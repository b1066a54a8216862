//! The caller's own stories and data.

use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use crate::AppState;
use crate::routes::identity::Viewer;
use crate::services::privacy;
use crate::services::stories::{self, StoryView};

use super::error::ApiResult;
use super::openapi::Common;
use super::signed_in;

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct StoriesBody {
    stories: Vec<StoryView>,
}

/// The caller's own stories, whatever their status.
#[utoipa::path(
    get, path = "/api/v1/me/stories", tag = "me",
    responses((status = 200, description = "the caller's stories, every status", body = StoriesBody), Common)
)]
#[get("/me/stories")]
pub(super) async fn my_stories(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<StoriesBody>> {
    let user = signed_in(viewer)?;
    let stories = stories::by_author(&state.db, &user).await?;
    Ok(Json(StoriesBody { stories }))
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
