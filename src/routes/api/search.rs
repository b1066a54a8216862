//! Full-text search and related stories.

use rocket::serde::json::Json;
use rocket::{State, get};
use serde::Serialize;

use crate::AppState;
use crate::error::AppError;
use crate::routes::identity::Viewer;
use crate::search::{SearchParams, SearchQuery, SearchResults};

use super::error::ApiResult;
use super::limit_param;
use super::openapi::{Common, Invalid, NotFound};

/// Full-text search over published stories.
#[utoipa::path(
    get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "words (all must match), \"a phrase\", -excluded, a OR b; at most 200 characters and 32 words. Any text is a valid query: what is not query syntax is read as words. Without a space at the end, the last word (3 letters or more) also matches as the beginning of a word, for searching while typing. Words of the organisation's glossary stand for their whole group, in both languages; a Dutch word also finds the compounds it is part of (`service` finds klantenservice, ranked below the word itself), and a Dutch compound its parts written near each other"),
        ("value" = Vec<String>, Query, description = "only stories of any of these values"),
        ("audience" = Option<String>, Query, description = "`customer` or `colleague`"),
        ("team" = Option<String>, Query),
        ("lang" = Option<String>, Query, description = "`nl` or `en`"),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 50, description = "1 to 50, default 10"),
        ("offset" = Option<u64>, Query, minimum = 0, maximum = 1000, description = "0 to 1,000"),
    ),
    responses((status = 200, body = SearchResults), Common)
)]
#[get("/search?<params..>")]
pub(super) async fn search(
    state: &State<AppState>,
    viewer: Viewer,
    mut params: SearchParams,
) -> ApiResult<Json<SearchResults>> {
    if let Some(user) = viewer.user() {
        params.value = user
            .narrow_values(std::mem::take(&mut params.value))
            .map_err(AppError::Refused)?;
    }
    let query = SearchQuery::parse(&params).map_err(AppError::BadQuery)?;
    let results = state.search.index.search(&query).map_err(AppError::from)?;
    Ok(Json(results))
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct RelatedBody {
    stories: Vec<crate::search::related::RelatedStory>,
}

/// Published stories like this one (more-like-this over the search index).
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/related", tag = "search",
    params(("id" = i32, Path), ("limit" = Option<u64>, Query, minimum = 1, maximum = 10, description = "1 to 10, default 3")),
    responses((status = 200, body = RelatedBody), NotFound, Invalid, Common)
)]
#[get("/stories/<id>/related?<limit>")]
pub(super) async fn related_stories(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    limit: Option<&str>,
) -> ApiResult<Json<RelatedBody>> {
    let limit = limit_param(limit, 3, 10)? as usize;
    // The story itself must be one the caller may see.
    crate::services::stories::get(&state.db, viewer.user(), id).await?;
    let values = viewer
        .user()
        .map(|u| u.fixed_values.as_slice())
        .unwrap_or(&[]);
    let related = state
        .search
        .index
        .related(id, limit, values)
        .map_err(AppError::from)?;
    Ok(Json(RelatedBody { stories: related }))
}
