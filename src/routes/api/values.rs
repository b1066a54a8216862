//! The values library, read.

use rocket::response::status::NoContent;
use rocket::serde::json::{self, Json};
use rocket::{State, delete, get, put};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::error::AppError;
use crate::routes::identity::Viewer;
use crate::routes::request::Acting;
use crate::services::commitments::{self, Commitment};
use crate::services::monthly::{self, MonthlyPick};
use crate::services::values::{self, ValueDetail, ValueSummary};

use super::error::{ApiError, ApiResult, json_body};
use super::openapi::{Common, Invalid, NotFound, NotJson, TooLarge};

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct ValuesBody {
    values: Vec<ValueSummary>,
}

#[utoipa::path(
    get, path = "/api/v1/values", tag = "values",
    responses((status = 200, description = "the active values, in order", body = ValuesBody), Common)
)]
#[get("/values")]
pub(super) async fn list_values(
    state: &State<AppState>,
    _viewer: Viewer,
) -> ApiResult<Json<ValuesBody>> {
    let values = values::list_values(&state.db, &state.story_facts).await?;
    Ok(Json(ValuesBody { values }))
}

#[utoipa::path(
    get, path = "/api/v1/values/{slug}", tag = "values",
    params(("slug" = String, Path, description = "the value's slug")),
    responses((status = 200, description = "one value with its guidance, managers' commitments and leadership examples, and its stories of the month", body = ValueDetail), NotFound, Common)
)]
#[get("/values/<slug>")]
pub(super) async fn get_value(
    state: &State<AppState>,
    _viewer: Viewer,
    slug: &str,
) -> ApiResult<Json<ValueDetail>> {
    values::get_value(&state.db, &state.story_facts, slug)
        .await?
        .map(Json)
        .ok_or(ApiError(AppError::NotFound))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CommitmentBody {
    /// Markdown, 10 to 1,000 characters: how you show this value.
    #[schema(min_length = 10, max_length = 1000)]
    body: String,
}

/// A manager writes or edits their own commitment to a value: "how I show it".
#[utoipa::path(
    put, path = "/api/v1/values/{slug}/commitment", tag = "values",
    params(("slug" = String, Path, description = "an active value's slug")),
    request_body = CommitmentBody,
    responses((status = 200, description = "the caller's commitment as it now reads", body = Commitment), NotFound, Invalid, NotJson, TooLarge, Common)
)]
#[put("/values/<slug>/commitment", data = "<input>")]
pub(super) async fn write_commitment(
    state: &State<AppState>,
    acting: Acting,
    slug: &str,
    input: Result<Json<CommitmentBody>, json::Error<'_>>,
) -> ApiResult<Json<Commitment>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(
        commitments::write(&state.db, &user, slug, &input.body).await?,
    ))
}

/// A manager withdraws their commitment to a value (its history is kept).
#[utoipa::path(
    delete, path = "/api/v1/values/{slug}/commitment", tag = "values",
    params(("slug" = String, Path, description = "an active value's slug")),
    responses((status = 204, description = "withdrawn, or there was none"), NotFound, NotJson, Common)
)]
#[delete("/values/<slug>/commitment")]
pub(super) async fn withdraw_commitment(
    state: &State<AppState>,
    acting: Acting,
    slug: &str,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    commitments::withdraw(&state.db, &user, slug).await?;
    Ok(NoContent)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct MonthlyBody {
    /// A published story tagged with this value.
    story: i32,
}

/// A manager picks the value's story of the month (for the current month;
/// picking again replaces it).
#[utoipa::path(
    put, path = "/api/v1/values/{slug}/story-of-the-month", tag = "values",
    params(("slug" = String, Path, description = "an active value's slug")),
    request_body = MonthlyBody,
    responses((status = 200, description = "the pick", body = MonthlyPick), NotFound, Invalid, NotJson, TooLarge, Common)
)]
#[put("/values/<slug>/story-of-the-month", data = "<input>")]
pub(super) async fn pick_story_of_the_month(
    state: &State<AppState>,
    acting: Acting,
    slug: &str,
    input: Result<Json<MonthlyBody>, json::Error<'_>>,
) -> ApiResult<Json<MonthlyPick>> {
    let Acting(user) = acting;
    let input = json_body(input)?;
    Ok(Json(
        monthly::pick(&state.db, &user, slug, input.story).await?,
    ))
}
