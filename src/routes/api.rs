//! The JSON API under `/api/v1`. Errors are JSON with a status that means
//! something and, for bad input, one entry per field.

use rocket::http::{Header, Status};
use rocket::response::status::{Created, NoContent};
use rocket::response::{self, Responder};
use rocket::serde::json::{self, Json};
use rocket::{Catcher, Request, Route, State, catch, delete, get, post, put};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::AppState;
use crate::domain::{FieldError, StoryInput};
use crate::error::AppError;
use crate::identity::{User, Viewer};
use crate::limits::RetryAfter;
use crate::search::{SearchParams, SearchQuery, SearchResults};
use crate::services::reactions::{self, Inspired};
use crate::services::stories::{self, Cursor, ListFilter, PAGE_DEFAULT, PAGE_MAX, Page, StoryView};
use crate::services::values::{self, ValueDetail, ValueSummary};

/// An [`AppError`] answered as JSON: `{"error": "...", "errors": [...]}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        ApiError(error)
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, req: &'r Request<'_>) -> response::Result<'static> {
        self.0.log();
        let errors = match &self.0 {
            AppError::Validation(errors) | AppError::BadQuery(errors) => errors.clone(),
            _ => Vec::new(),
        };
        let body = json!({ "error": self.0.to_string(), "errors": errors });
        let mut response = (self.0.status(), Json(body)).respond_to(req)?;
        if let AppError::TooManyRequests(wait) = &self.0 {
            response.set_header(Header::new("Retry-After", wait.seconds().to_string()));
        }
        Ok(response)
    }
}

type ApiResult<T> = Result<T, ApiError>;

fn signed_in(viewer: Viewer) -> ApiResult<User> {
    viewer.0.ok_or(ApiError(AppError::Unauthorized))
}

/// Reads a JSON body, turning Rocket's errors into ours: a body over the limit
/// is 413, malformed JSON or unknown fields are 422 naming the field.
fn body<T>(parsed: Result<Json<T>, json::Error<'_>>) -> ApiResult<T> {
    match parsed {
        Ok(Json(value)) => Ok(value),
        Err(json::Error::Io(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(ApiError(AppError::PayloadTooLarge("64 KiB".into())))
        }
        Err(json::Error::Io(e)) => Err(ApiError(AppError::BadRequest(format!(
            "could not read the request body: {e}"
        )))),
        Err(json::Error::Parse(_, e)) => {
            let message = e.to_string();
            let field = ["unknown field `", "missing field `"]
                .iter()
                .find_map(|prefix| {
                    let rest = message.split(prefix).nth(1)?;
                    rest.split('`').next()
                })
                .unwrap_or("body")
                .to_owned();
            Err(ApiError(AppError::Validation(vec![FieldError::new(
                field, message,
            )])))
        }
    }
}

#[derive(Serialize)]
struct ValuesBody {
    values: Vec<ValueSummary>,
}

#[get("/values")]
async fn list_values(state: &State<AppState>, _viewer: Viewer) -> ApiResult<Json<ValuesBody>> {
    let values = values::list_values(&state.db).await?;
    Ok(Json(ValuesBody { values }))
}

#[get("/values/<slug>")]
async fn get_value(
    state: &State<AppState>,
    _viewer: Viewer,
    slug: &str,
) -> ApiResult<Json<ValueDetail>> {
    values::get_value(&state.db, slug)
        .await?
        .map(Json)
        .ok_or(ApiError(AppError::NotFound))
}

#[post("/stories", data = "<input>")]
async fn create_story(
    state: &State<AppState>,
    viewer: Viewer,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<StoryView>>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    state
        .limits
        .submission(&user.id)
        .map_err(AppError::TooManyRequests)?;
    let story = stories::create(&state.db, state.settings.moderation, &user, &input).await?;
    Ok(Created::new(format!("/api/v1/stories/{}", story.id)).body(Json(story)))
}

#[get("/stories/<id>")]
async fn get_story(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<Json<StoryView>> {
    Ok(Json(stories::get(&state.db, viewer.user(), id).await?))
}

#[get("/stories?<value>&<limit>&<cursor>")]
async fn list_stories(
    state: &State<AppState>,
    _viewer: Viewer,
    value: Option<String>,
    limit: Option<&str>,
    cursor: Option<&str>,
) -> ApiResult<Json<Page>> {
    let limit = match limit {
        None => PAGE_DEFAULT,
        Some(raw) => raw
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=PAGE_MAX).contains(n))
            .ok_or_else(|| {
                AppError::field(
                    "limit",
                    format!("limit is a whole number from 1 to {PAGE_MAX}"),
                )
            })?,
    };
    let cursor = match cursor {
        None => None,
        Some(raw) => Some(Cursor::parse(raw).ok_or_else(|| {
            AppError::field("cursor", "cursor is the `next` value of a previous page")
        })?),
    };
    let filter = ListFilter { value };
    Ok(Json(
        stories::list_published(&state.db, &filter, cursor, limit).await?,
    ))
}

#[put("/stories/<id>", data = "<input>")]
async fn update_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    Ok(Json(
        stories::update(&state.db, state.settings.moderation, &user, id, &input).await?,
    ))
}

#[delete("/stories/<id>")]
async fn withdraw_story(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<NoContent> {
    let user = signed_in(viewer)?;
    stories::withdraw(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[post("/stories/<id>/publish")]
async fn publish_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    Ok(Json(stories::publish(&state.db, &user, id).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectBody {
    reason: String,
}

#[post("/stories/<id>/reject", data = "<input>")]
async fn reject_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    input: Result<Json<RejectBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    Ok(Json(
        stories::reject(&state.db, &user, id, &input.reason).await?,
    ))
}

/// Full-text search over published stories.
#[get("/search?<params..>")]
async fn search(
    state: &State<AppState>,
    _viewer: Viewer,
    params: SearchParams,
) -> ApiResult<Json<SearchResults>> {
    let query = SearchQuery::parse(&params).map_err(AppError::BadQuery)?;
    let results = state.search.index.search(&query).map_err(AppError::from)?;
    Ok(Json(results))
}

/// Published stories like this one (more-like-this over the search index).
#[get("/stories/<id>/related?<limit>")]
async fn related_stories(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    limit: Option<usize>,
) -> ApiResult<Json<serde_json::Value>> {
    stories::get(&state.db, viewer.user(), id).await?;
    let limit = limit.unwrap_or(3).clamp(1, 10);
    let related = state
        .search
        .index
        .related(id, limit)
        .map_err(AppError::from)?;
    Ok(Json(json!({ "stories": related })))
}

/// "This inspired me": marking twice is marking once.
#[put("/stories/<id>/inspired")]
async fn inspire(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<Json<Inspired>> {
    let user = signed_in(viewer)?;
    state
        .limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(reactions::inspire(&state.db, &user, id).await?))
}

#[delete("/stories/<id>/inspired")]
async fn uninspire(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<Json<Inspired>> {
    let user = signed_in(viewer)?;
    state
        .limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(reactions::undo(&state.db, &user, id).await?))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        inspire,
        uninspire,
        search,
        related_stories,
        list_values,
        get_value,
        create_story,
        get_story,
        list_stories,
        update_story,
        withdraw_story,
        publish_story,
        reject_story
    ]
}

#[catch(default)]
fn api_error(status: Status, req: &Request<'_>) -> ApiError {
    let error = match status.code {
        401 => AppError::Unauthorized,
        403 => AppError::Forbidden,
        404 => AppError::NotFound,
        413 => AppError::PayloadTooLarge("64 KiB".into()),
        429 => match req.local_cache(|| None::<RetryAfter>) {
            Some(wait) => AppError::TooManyRequests(*wait),
            None => AppError::BadRequest("too many requests".into()),
        },
        400 => AppError::BadRequest(
            req.local_cache(|| None::<&'static str>)
                .unwrap_or("the request could not be understood")
                .to_owned(),
        ),
        _ => AppError::BadRequest(status.reason().unwrap_or("error").to_owned()),
    };
    ApiError(error)
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![api_error]
}
