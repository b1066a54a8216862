//! The values library, read.

use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use crate::AppState;
use crate::error::AppError;
use crate::routes::identity::Viewer;
use crate::services::values::{self, ValueDetail, ValueSummary};

use super::error::{ApiError, ApiResult};
use super::openapi::{Common, NotFound};

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
    let values = values::list_values(&state.db).await?;
    Ok(Json(ValuesBody { values }))
}

#[utoipa::path(
    get, path = "/api/v1/values/{slug}", tag = "values",
    params(("slug" = String, Path, description = "the value's slug")),
    responses((status = 200, description = "one value with its guidance", body = ValueDetail), NotFound, Common)
)]
#[get("/values/<slug>")]
pub(super) async fn get_value(
    state: &State<AppState>,
    _viewer: Viewer,
    slug: &str,
) -> ApiResult<Json<ValueDetail>> {
    values::get_value(&state.db, slug)
        .await?
        .map(Json)
        .ok_or(ApiError(AppError::NotFound))
}
