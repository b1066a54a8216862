//! Stories: submitting, reading, listing, editing, withdrawing, reporting,
//! and marking "this inspired me".

use rocket::response::status::{Created, NoContent};
use rocket::serde::json::{self, Json};
use rocket::{State, delete, get, post, put};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::domain::StoryInput;
use crate::error::AppError;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::reactions::{self, Inspired};
use crate::services::reports::{self};
use crate::services::revisions;
use crate::services::stories::{self, ListFilter, Page, Save, StoryView};

use super::error::{ApiResult, json_body};
use super::openapi::{Common, Conflict, Invalid, NotFound, NotJson, TooLarge};
use super::signed_in;

/// `?draft=true` keeps the story as a draft that only its author sees.
pub(super) fn save_of(draft: Option<bool>) -> Save {
    if draft == Some(true) {
        Save::Draft
    } else {
        Save::Submit
    }
}

#[utoipa::path(
    post, path = "/api/v1/stories", tag = "stories",
    params(("draft" = Option<bool>, Query, description = "keep it as a draft that only the author sees")),
    request_body = StoryInput,
    responses((status = 201, description = "the story, pending (pre-moderation), published (post-moderation) or a draft", body = StoryView), TooLarge, Invalid, NotJson, Common)
)]
#[post("/stories?<draft>", data = "<input>")]
pub(super) async fn create_story(
    state: &State<AppState>,
    acting: Acting,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<StoryView>>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    state
        .rate_limits
        .submission(&user.id)
        .map_err(AppError::TooManyRequests)?;
    let story = stories::create(
        &state.db,
        state.settings.moderation,
        &user,
        &input,
        save_of(draft),
    )
    .await?;
    Ok(Created::new(format!("/api/v1/stories/{}", story.id)).body(Json(story)))
}

#[utoipa::path(
    get, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Common)
)]
#[get("/stories/<id>")]
pub(super) async fn get_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    Ok(Json(stories::get(&state.db, viewer.user(), id).await?))
}

/// The query of the story list (described by hand in the OpenAPI path).
#[derive(rocket::FromForm)]
pub(super) struct ListParams {
    value: Vec<String>,
    featured: Option<bool>,
    leadership: Option<bool>,
    story_of_the_month: Option<bool>,
    limit: Option<String>,
    cursor: Option<String>,
}

#[utoipa::path(
    get, path = "/api/v1/stories", tag = "stories",
    params(
        ("value" = Vec<String>, Query, description = "only stories tagged with any of these values"),
        ("featured" = Option<bool>, Query, description = "only featured stories"),
        ("leadership" = Option<bool>, Query, description = "only managers' leadership examples"),
        ("story_of_the_month" = Option<bool>, Query, description = "only the values' current stories of the month"),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 100, description = "1 to 100, default 20"),
        ("cursor" = Option<String>, Query, description = "`next` of the previous page"),
    ),
    responses((status = 200, description = "published stories, newest first", body = Page), Invalid, Common)
)]
#[get("/stories?<params..>")]
pub(super) async fn list_stories(
    state: &State<AppState>,
    viewer: Viewer,
    params: ListParams,
) -> ApiResult<Json<Page>> {
    let ListParams {
        value,
        featured,
        leadership,
        story_of_the_month,
        limit,
        cursor,
    } = params;
    let paging = stories::Paging::parse(limit.as_deref(), cursor.as_deref())?;
    let values = match viewer.user() {
        Some(user) => user.narrow_values(value).map_err(AppError::Refused)?,
        None => value,
    };
    let filter = ListFilter {
        values,
        featured: featured.unwrap_or(false),
        leadership: leadership.unwrap_or(false),
        story_of_the_month: story_of_the_month.unwrap_or(false),
        cards: false,
    };
    Ok(Json(
        stories::list_published(&state.db, &state.story_facts, &filter, paging).await?,
    ))
}

#[utoipa::path(
    put, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path), ("draft" = Option<bool>, Query, description = "save a draft again as a draft")),
    request_body = StoryInput,
    responses((status = 200, description = "the edited story", body = StoryView), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[put("/stories/<id>?<draft>", data = "<input>")]
pub(super) async fn update_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(
        stories::update(
            &state.db,
            state.search.index.unindexed(),
            state.settings.moderation,
            &user,
            id,
            &input,
            save_of(draft),
        )
        .await?,
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct RevisionsBody {
    revisions: Vec<revisions::Revision>,
}

/// Who changed what and when; for the author and managers.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/revisions", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, description = "the history, newest first; for the author and managers", body = RevisionsBody), NotFound, Common)
)]
#[get("/stories/<id>/revisions")]
pub(super) async fn story_revisions(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<RevisionsBody>> {
    let user = signed_in(viewer)?;
    let revisions = revisions::history(&state.db, Some(&user), id).await?;
    Ok(Json(RevisionsBody { revisions }))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ReportBody {
    /// What is wrong with it; 1 to 1,000 characters.
    #[schema(min_length = 1, max_length = 1000)]
    reason: String,
}

/// Post-moderation: flags a published story for a manager.
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/reports", tag = "stories",
    params(("id" = i32, Path)),
    request_body = ReportBody,
    responses((status = 204, description = "reported (post-moderation only)"), NotFound, Conflict, Invalid, NotJson, TooLarge, Common)
)]
#[post("/stories/<id>/reports", data = "<input>")]
pub(super) async fn report_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<ReportBody>, json::Error<'_>>,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    reports::report(
        &state.db,
        state.settings.moderation,
        &user,
        id,
        &input.reason,
    )
    .await?;
    Ok(NoContent)
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 204, description = "withdrawn"), NotFound, NotJson, Common)
)]
#[delete("/stories/<id>")]
pub(super) async fn withdraw_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    stories::withdraw(&state.db, state.search.index.unindexed(), &user, id).await?;
    Ok(NoContent)
}

/// "This inspired me": marking twice is marking once.
#[utoipa::path(
    put, path = "/api/v1/stories/{id}/inspired", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = Inspired), NotFound, Conflict, NotJson, Common)
)]
#[put("/stories/<id>/inspired")]
pub(super) async fn inspire(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<Inspired>> {
    let Acting(user) = acting;
    state
        .rate_limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(
        reactions::inspire(&state.db, &user, id, state.settings.inspired_milestone).await?,
    ))
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/inspired", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = Inspired), NotFound, Conflict, NotJson, Common)
)]
#[delete("/stories/<id>/inspired")]
pub(super) async fn uninspire(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<Inspired>> {
    let Acting(user) = acting;
    state
        .rate_limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(reactions::undo(&state.db, &user, id).await?))
}

/// A colleague the story names takes their own name off it (published
/// stories; kept in the history). Not named: `404`.
#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/people/me", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 204, description = "the name is off the story"), NotFound, NotJson, Common)
)]
#[delete("/stories/<id>/people/me")]
pub(super) async fn unname_me(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    if user.via_token.is_some() {
        return Err(AppError::Forbidden.into());
    }
    stories::unname(&state.db, state.search.index.unindexed(), &user, id).await?;
    Ok(NoContent)
}
