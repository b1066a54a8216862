//! Thank-you notes under published stories: reading, writing, taking down,
//! reporting.

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::{self, Json};
use rocket::{State, delete, get, post};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::AppError;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::notes::{self, NoteView};

use super::error::{ApiResult, json_body};
use super::openapi::{Common, Conflict, Invalid, NotFound, NotJson, TooLarge};

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct NotesBody {
    /// Oldest first, at most 200 (the newest).
    notes: Vec<NoteView>,
}

/// The thank-you notes under a published story.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/notes", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = NotesBody), NotFound, Conflict, Common)
)]
#[get("/stories/<id>/notes")]
pub(super) async fn list_notes(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<NotesBody>> {
    let notes = notes::list(&state.db, viewer.user(), id).await?;
    Ok(Json(NotesBody { notes }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteInput {
    /// Markdown, 2 to 1,000 characters.
    #[schema(min_length = 2, max_length = 1000)]
    body: String,
}

/// Thanks the author of a published story (a person, not a program); the
/// author and the colleagues it names are told. At most `notes_per_hour`
/// per person.
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/notes", tag = "stories",
    params(("id" = i32, Path)),
    request_body = NoteInput,
    responses((status = 201, body = NoteView), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[post("/stories/<id>/notes", data = "<input>")]
pub(super) async fn write_note(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<NoteInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<NoteView>>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    state
        .rate_limits
        .note(&user.id)
        .map_err(AppError::TooManyRequests)?;
    let note = notes::add(&state.db, &user, id, &input.body).await?;
    Ok(Created::new(format!("/api/v1/stories/{id}/notes")).body(Json(note)))
}

/// Takes a note down: its writer, or a manager.
#[utoipa::path(
    delete, path = "/api/v1/notes/{id}", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 204, description = "taken down"), NotFound, NotJson, Common)
)]
#[delete("/notes/<id>")]
pub(super) async fn delete_note(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    notes::remove(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NoteReportInput {
    /// Why, for the managers: 1 to 1,000 characters.
    #[schema(min_length = 1, max_length = 1000)]
    reason: String,
}

/// Reports a note to the managers (under either moderation mode).
#[utoipa::path(
    post, path = "/api/v1/notes/{id}/reports", tag = "stories",
    params(("id" = i32, Path)),
    request_body = NoteReportInput,
    responses((status = 204, description = "reported"), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[post("/notes/<id>/reports", data = "<input>")]
pub(super) async fn report_note(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<NoteReportInput>, json::Error<'_>>,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    notes::report(&state.db, &user, id, &input.reason).await?;
    Ok(NoContent)
}

/// A manager decides a reported note can stay.
#[utoipa::path(
    delete, path = "/api/v1/notes/{id}/reports", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 204, description = "dismissed"), NotFound, NotJson, Common)
)]
#[delete("/notes/<id>/reports")]
pub(super) async fn dismiss_note_reports(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    notes::dismiss(&state.db, &user, id).await?;
    Ok(NoContent)
}
