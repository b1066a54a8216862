//! What managers do: the queue and reports, publishing, rejecting or taking
//! down, adjusting tags, featuring.

use rocket::response::status::NoContent;
use rocket::serde::json::{self, Json};
use rocket::{State, delete, get, post, put};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::reports::{self, Reported};
use crate::services::stories::{self, Queued, StoryView};

use super::error::{ApiResult, json_body};
use super::openapi::{Common, Conflict, Invalid, NotFound, NotJson, TooLarge};
use super::signed_in;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RetagBody {
    /// 1 to 3 slugs of current values.
    #[schema(min_items = 1, max_items = 3)]
    values: Vec<String>,
    /// Why, for the history; at most 1,000 characters.
    #[serde(default)]
    #[schema(max_length = 1000)]
    note: String,
}

/// A manager adjusts the value tags; the change is kept in the history.
#[utoipa::path(
    put, path = "/api/v1/stories/{id}/values", tag = "moderation",
    params(("id" = i32, Path)),
    request_body = RetagBody,
    responses((status = 200, body = StoryView), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[put("/stories/<id>/values", data = "<input>")]
pub(super) async fn retag_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<RetagBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(
        stories::retag(
            &state.db,
            state.search.index.unindexed(),
            &user,
            id,
            &input.values,
            &input.note,
        )
        .await?,
    ))
}

#[utoipa::path(
    put, path = "/api/v1/stories/{id}/featured", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[put("/stories/<id>/featured")]
pub(super) async fn feature_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::set_featured(&state.db, &user, id, true).await?,
    ))
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/featured", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[delete("/stories/<id>/featured")]
pub(super) async fn unfeature_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::set_featured(&state.db, &user, id, false).await?,
    ))
}

/// A manager marks a manager's story as a leadership example.
#[utoipa::path(
    put, path = "/api/v1/stories/{id}/leadership", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[put("/stories/<id>/leadership")]
pub(super) async fn mark_leadership(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::set_leadership(&state.db, &user, id, true).await?,
    ))
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/leadership", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[delete("/stories/<id>/leadership")]
pub(super) async fn unmark_leadership(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::set_leadership(&state.db, &user, id, false).await?,
    ))
}

/// A manager dismisses the reports about a story.
#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/reports", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 204, description = "the reports are dismissed"), NotFound, NotJson, Common)
)]
#[delete("/stories/<id>/reports")]
pub(super) async fn dismiss_reports(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    reports::dismiss(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ModerationBody {
    queue: Vec<Queued>,
    reported: Vec<Reported>,
    /// Thank-you notes with open reports, most reported first.
    reported_notes: Vec<crate::services::notes::ReportedNote>,
}

/// What waits for a manager: the queue, oldest first, and reported stories.
#[utoipa::path(
    get, path = "/api/v1/moderation", tag = "moderation",
    responses((status = 200, body = ModerationBody), Common)
)]
#[get("/moderation")]
pub(super) async fn moderation(
    state: &State<AppState>,
    viewer: Viewer,
) -> ApiResult<Json<ModerationBody>> {
    let user = signed_in(viewer)?;
    Ok(Json(ModerationBody {
        queue: stories::moderation_queue(&state.db, &user).await?,
        reported: reports::reported_stories(&state.db, &user).await?,
        reported_notes: crate::services::notes::reported(&state.db, &user).await?,
    }))
}

#[utoipa::path(
    post, path = "/api/v1/stories/{id}/publish", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[post("/stories/<id>/publish")]
pub(super) async fn publish_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::publish(&state.db, state.search.index.unindexed(), &user, id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RejectBody {
    /// What the author will read; 1 to 1,000 characters.
    #[schema(min_length = 1, max_length = 1000)]
    reason: String,
}

#[utoipa::path(
    post, path = "/api/v1/stories/{id}/reject", tag = "moderation",
    params(("id" = i32, Path)),
    request_body = RejectBody,
    responses((status = 200, body = StoryView), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[post("/stories/<id>/reject", data = "<input>")]
pub(super) async fn reject_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<RejectBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(
        stories::reject(
            &state.db,
            state.search.index.unindexed(),
            &user,
            id,
            &input.reason,
        )
        .await?,
    ))
}
