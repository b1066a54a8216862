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
use crate::i18n::{Msg, UiLang};
use crate::identity::{User, Viewer};
use crate::limits::RetryAfter;
use crate::search::{SearchParams, SearchQuery, SearchResults};
use crate::services::reactions::{self, Inspired};
use crate::services::reports::{self, Reported};
use crate::services::stories::{
    self, Cursor, ListFilter, PAGE_DEFAULT, PAGE_MAX, Page, Queued, Save, StoryView,
};
use crate::services::values::{self, ValueDetail, ValueSummary};
use crate::services::{privacy, revisions};

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
        // Programs rarely send `Accept-Language`; English is their default.
        let lang = req
            .headers()
            .get_one("Accept-Language")
            .and_then(UiLang::from_accept_language)
            .unwrap_or(UiLang::En);
        let errors: Vec<serde_json::Value> = match &self.0 {
            AppError::Validation(errors) | AppError::BadQuery(errors) => errors
                .iter()
                .map(|e| {
                    json!({
                        "field": e.field,
                        "code": e.message.id,
                        "message": lang.msg(&e.message),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let message = self.0.message();
        let body = json!({ "error": lang.msg(&message), "code": message.id, "errors": errors });
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
        Err(json::Error::Io(e)) => Err(ApiError(AppError::BadRequest(
            Msg::new("error-body-unreadable").arg("detail", e.to_string()),
        ))),
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
                field,
                Msg::new("error-json").arg("detail", message),
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

/// `?draft=true` keeps the story as a draft that only its author sees.
fn save_of(draft: Option<bool>) -> Save {
    if draft == Some(true) {
        Save::Draft
    } else {
        Save::Submit
    }
}

#[post("/stories?<draft>", data = "<input>")]
async fn create_story(
    state: &State<AppState>,
    viewer: Viewer,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<StoryView>>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    state
        .limits
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

/// A story the viewer may see; for a widget token also one of its values.
async fn visible_story(state: &AppState, viewer: &Viewer, id: i32) -> ApiResult<StoryView> {
    let story = stories::get(&state.db, viewer.user(), id).await?;
    let slugs: Vec<&str> = story.values.iter().map(|v| v.slug.as_str()).collect();
    match viewer.user() {
        Some(user) if !user.may_see_values(&slugs) => Err(ApiError(AppError::NotFound)),
        _ => Ok(story),
    }
}

#[get("/stories/<id>")]
async fn get_story(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<Json<StoryView>> {
    Ok(Json(visible_story(state, &viewer, id).await?))
}

#[get("/stories?<value>&<featured>&<limit>&<cursor>")]
async fn list_stories(
    state: &State<AppState>,
    viewer: Viewer,
    value: Vec<String>,
    featured: Option<bool>,
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
                    Msg::new("error-number-range")
                        .arg("field", "limit")
                        .arg("min", 1)
                        .arg("max", PAGE_MAX),
                )
            })?,
    };
    let cursor = match cursor {
        None => None,
        Some(raw) => Some(
            Cursor::parse(raw)
                .ok_or_else(|| AppError::field("cursor", Msg::new("error-cursor")))?,
        ),
    };
    let values = match viewer.user() {
        Some(user) => user.narrow_values(value)?,
        None => value,
    };
    let filter = ListFilter {
        values,
        featured: featured.unwrap_or(false),
    };
    Ok(Json(
        stories::list_published(&state.db, &filter, cursor, limit).await?,
    ))
}

#[put("/stories/<id>?<draft>", data = "<input>")]
async fn update_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    Ok(Json(
        stories::update(
            &state.db,
            state.settings.moderation,
            &user,
            id,
            &input,
            save_of(draft),
        )
        .await?,
    ))
}

/// Who changed what and when; for the author and managers.
#[get("/stories/<id>/revisions")]
async fn story_revisions(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<serde_json::Value>> {
    let user = signed_in(viewer)?;
    let history = revisions::history(&state.db, Some(&user), id).await?;
    Ok(Json(json!({ "revisions": history })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetagBody {
    values: Vec<String>,
    #[serde(default)]
    note: String,
}

/// A manager adjusts the value tags; the change is kept in the history.
#[put("/stories/<id>/values", data = "<input>")]
async fn retag_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    input: Result<Json<RetagBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
    Ok(Json(
        stories::retag(&state.db, &user, id, &input.values, &input.note).await?,
    ))
}

#[put("/stories/<id>/featured")]
async fn feature_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    Ok(Json(
        stories::set_featured(&state.db, &user, id, true).await?,
    ))
}

#[delete("/stories/<id>/featured")]
async fn unfeature_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let user = signed_in(viewer)?;
    Ok(Json(
        stories::set_featured(&state.db, &user, id, false).await?,
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportBody {
    reason: String,
}

/// Post-moderation: flags a published story for a manager.
#[post("/stories/<id>/reports", data = "<input>")]
async fn report_story(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    input: Result<Json<ReportBody>, json::Error<'_>>,
) -> ApiResult<NoContent> {
    let user = signed_in(viewer)?;
    let input = body(input)?;
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

/// A manager dismisses the reports about a story.
#[delete("/stories/<id>/reports")]
async fn dismiss_reports(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<NoContent> {
    let user = signed_in(viewer)?;
    reports::dismiss(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[derive(Serialize)]
struct ModerationBody {
    queue: Vec<Queued>,
    reported: Vec<Reported>,
}

/// What waits for a manager: the queue, oldest first, and reported stories.
#[get("/moderation")]
async fn moderation(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<ModerationBody>> {
    let user = signed_in(viewer)?;
    Ok(Json(ModerationBody {
        queue: stories::moderation_queue(&state.db, &user).await?,
        reported: reports::open(&state.db, &user).await?,
    }))
}

/// The caller's own stories, whatever their status.
#[get("/me/stories")]
async fn my_stories(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<serde_json::Value>> {
    let user = signed_in(viewer)?;
    let stories = stories::by_author(&state.db, &user).await?;
    Ok(Json(json!({ "stories": stories })))
}

/// Everything the caller gave us: stories with history, reactions, reports.
#[get("/me/export")]
async fn my_export(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<privacy::Export>> {
    let user = signed_in(viewer)?;
    Ok(Json(privacy::export(&state.db, &user).await?))
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
    viewer: Viewer,
    mut params: SearchParams,
) -> ApiResult<Json<SearchResults>> {
    if let Some(user) = viewer.user() {
        params.value = user.narrow_values(std::mem::take(&mut params.value))?;
    }
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
    visible_story(state, &viewer, id).await?;
    let limit = limit.unwrap_or(3).clamp(1, 10);
    let mut related = state
        .search
        .index
        .related(id, limit)
        .map_err(AppError::from)?;
    if viewer.user().is_some_and(|u| !u.fixed_values.is_empty()) {
        // A widget token sees only stories of its values.
        let mut kept = Vec::with_capacity(related.len());
        for story in related {
            if visible_story(state, &viewer, story.id).await.is_ok() {
                kept.push(story);
            }
        }
        related = kept;
    }
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
        reject_story,
        story_revisions,
        retag_story,
        feature_story,
        unfeature_story,
        report_story,
        dismiss_reports,
        moderation,
        my_stories,
        my_export
    ]
}

#[catch(default)]
fn api_error(status: Status, req: &Request<'_>) -> ApiError {
    let error = match status.code {
        401 => AppError::Unauthorized,
        403 => match req.local_cache(|| None::<&'static str>) {
            Some(id) => AppError::Refused(Msg::new(id)),
            None => AppError::Forbidden,
        },
        404 => AppError::NotFound,
        413 => AppError::PayloadTooLarge("64 KiB".into()),
        429 => match req.local_cache(|| None::<RetryAfter>) {
            Some(wait) => AppError::TooManyRequests(*wait),
            None => AppError::BadRequest(Msg::new("error-429")),
        },
        400 => AppError::BadRequest(Msg::new(
            req.local_cache(|| None::<&'static str>)
                .unwrap_or("error-bad-request"),
        )),
        _ => AppError::BadRequest(Msg::new("error-other-title").arg("code", status.code)),
    };
    ApiError(error)
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![api_error]
}
