//! The JSON API under `/api/v1`. Errors are JSON with a status that means
//! something and, for bad input, one entry per field.

use rocket::http::{Header, Status};
use rocket::response::status::{Created, NoContent};
use rocket::response::{self, Responder};
use rocket::serde::json::{self, Json};
use rocket::{Catcher, Request, Route, State, catch, delete, get, post, put};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::identity::Viewer;
use super::request::Acting;
use crate::AppState;
use crate::domain::User;
use crate::domain::{FieldError, StoryInput};
use crate::error::AppError;
use crate::i18n::{Msg, UiLang};
use crate::rate_limits::RetryAfter;
use crate::search::{SearchParams, SearchQuery, SearchResults};
use crate::services::reactions::{self, Inspired};
use crate::services::reports::{self, Reported};
use crate::services::stories::{
    self, Cursor, ListFilter, PAGE_DEFAULT, PAGE_MAX, Page, Queued, Save, StoryView,
};
use crate::services::values::{self, ValueDetail, ValueSummary};
use crate::services::{privacy, revisions};

/// How every error of the API looks (for the OpenAPI description; the
/// responder below writes it).
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
struct ErrorBody {
    /// What went wrong, in English or the language `Accept-Language` asks for.
    error: String,
    /// A stable code, e.g. `error-not-found`.
    code: String,
    /// For invalid input: one entry per field.
    errors: Vec<FieldErrorBody>,
}

#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
struct FieldErrorBody {
    field: String,
    code: String,
    message: String,
}

/// What any endpoint may answer, written once for the OpenAPI document.
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
enum Common {
    #[response(
        status = 400,
        description = "bad request, e.g. a token in the URL (send it as `Authorization: Bearer`) or a search that cannot be run; the reason in `error`"
    )]
    BadRequest(ErrorBody),
    #[response(
        status = 401,
        description = "no identity, or an unknown or revoked token: sign in or send a token"
    )]
    Unauthenticated(ErrorBody),
    #[response(
        status = 403,
        description = "the role or token does not allow it (a token bound to other origins or values), or a person's change requested from another site"
    )]
    Forbidden(ErrorBody),
    #[response(status = 429, description = "too many requests; see `Retry-After`")]
    TooMany(ErrorBody),
}

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 404, description = "not found, or not visible to the caller")]
struct NotFound(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 409, description = "the story's state does not allow it")]
struct Conflict(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 413, description = "the body is larger than 64 KiB")]
struct TooLarge(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(
    status = 415,
    description = "a body that is not `application/json`: changes are accepted only as JSON"
)]
struct NotJson(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 422, description = "invalid input, one entry per field")]
struct Invalid(ErrorBody);

/// The OpenAPI description of this API, served at `/api/v1/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Merkwaardig API",
        description = "Values and show-and-tell stories. People are identified by the single sign-on proxy's headers, programs by `Authorization: Bearer <token>`; see the README for roles and scopes."
    ),
    paths(
        list_values, get_value, create_story, get_story, list_stories, update_story,
        story_revisions, retag_story, feature_story, unfeature_story, report_story,
        dismiss_reports, moderation, my_stories, my_export, withdraw_story, publish_story,
        reject_story, search, related_stories, inspire, uninspire
    ),
    modifiers(&BearerAuth),
    security(("bearer" = []), ()),
    tags(
        (name = "values", description = "The values library"),
        (name = "stories", description = "Stories: submitting, reading, editing"),
        (name = "moderation", description = "For managers"),
        (name = "search", description = "Full-text search over published stories"),
        (name = "me", description = "The caller's own data")
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token from `merkwaardig token create` or /admin/tokens",
                    ))
                    .build(),
            ),
        );
    }
}

/// The OpenAPI 3 description of everything under `/api/v1`.
#[get("/openapi.json")]
fn openapi() -> (rocket::http::ContentType, String) {
    use utoipa::OpenApi;
    (
        rocket::http::ContentType::JSON,
        ApiDoc::openapi().to_pretty_json().unwrap_or_default(),
    )
}

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
                // However much was wrong, the answer stays small.
                .take(ERRORS_MAX)
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
        if let AppError::MethodNotAllowed(allow) = &self.0 {
            response.set_header(Header::new("Allow", allow.clone()));
        }
        Ok(response)
    }
}

/// At most this many field errors in one answer.
const ERRORS_MAX: usize = 20;

type ApiResult<T> = Result<T, ApiError>;

/// A `limit` query parameter: `default` when absent, else a whole number
/// from 1 to `max`, or a field error.
fn limit_param(raw: Option<&str>, default: u64, max: u64) -> ApiResult<u64> {
    let Some(raw) = raw else {
        return Ok(default);
    };
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            ApiError(AppError::field(
                "limit",
                Msg::new("error-number-range")
                    .arg("field", "limit")
                    .arg("min", 1)
                    .arg("max", max),
            ))
        })
}

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
        Err(json::Error::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
            Err(ApiError(AppError::field(
                "body",
                Msg::new("error-json").arg("detail", "the body is not valid UTF-8"),
            )))
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

#[derive(Serialize, utoipa::ToSchema)]
struct ValuesBody {
    values: Vec<ValueSummary>,
}

#[utoipa::path(
    get, path = "/api/v1/values", tag = "values",
    responses((status = 200, description = "the active values, in order", body = ValuesBody), Common)
)]
#[get("/values")]
async fn list_values(state: &State<AppState>, _viewer: Viewer) -> ApiResult<Json<ValuesBody>> {
    let values = values::list_values(&state.db).await?;
    Ok(Json(ValuesBody { values }))
}

#[utoipa::path(
    get, path = "/api/v1/values/{slug}", tag = "values",
    params(("slug" = String, Path, description = "the value's slug")),
    responses((status = 200, description = "one value with its guidance", body = ValueDetail), NotFound, Common)
)]
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

#[utoipa::path(
    post, path = "/api/v1/stories", tag = "stories",
    params(("draft" = Option<bool>, Query, description = "keep it as a draft that only the author sees")),
    request_body = StoryInput,
    responses((status = 201, description = "the story, pending (pre-moderation), published (post-moderation) or a draft", body = StoryView), TooLarge, Invalid, NotJson, Common)
)]
#[post("/stories?<draft>", data = "<input>")]
async fn create_story(
    state: &State<AppState>,
    acting: Acting,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Created<Json<StoryView>>> {
    let Acting(user) = acting;
    let input = body(input)?;
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

/// A story the viewer may see; for a widget token also one of its values.
async fn visible_story(state: &AppState, viewer: &Viewer, id: i32) -> ApiResult<StoryView> {
    let story = stories::get(&state.db, viewer.user(), id).await?;
    let slugs: Vec<&str> = story.values.iter().map(|v| v.slug.as_str()).collect();
    match viewer.user() {
        Some(user) if !user.may_see_values(&slugs) => Err(ApiError(AppError::NotFound)),
        _ => Ok(story),
    }
}

#[utoipa::path(
    get, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Common)
)]
#[get("/stories/<id>")]
async fn get_story(state: &State<AppState>, viewer: Viewer, id: i32) -> ApiResult<Json<StoryView>> {
    Ok(Json(visible_story(state, &viewer, id).await?))
}

#[utoipa::path(
    get, path = "/api/v1/stories", tag = "stories",
    params(
        ("value" = Vec<String>, Query, description = "only stories tagged with any of these values"),
        ("featured" = Option<bool>, Query, description = "only featured stories"),
        ("limit" = Option<u64>, Query, minimum = 1, maximum = 100, description = "1 to 100, default 20"),
        ("cursor" = Option<String>, Query, description = "`next` of the previous page"),
    ),
    responses((status = 200, description = "published stories, newest first", body = Page), Invalid, Common)
)]
#[get("/stories?<value>&<featured>&<limit>&<cursor>")]
async fn list_stories(
    state: &State<AppState>,
    viewer: Viewer,
    value: Vec<String>,
    featured: Option<bool>,
    limit: Option<&str>,
    cursor: Option<&str>,
) -> ApiResult<Json<Page>> {
    let limit = limit_param(limit, PAGE_DEFAULT, PAGE_MAX)?;
    let cursor = match cursor {
        None => None,
        Some(raw) => Some(
            Cursor::parse(raw)
                .ok_or_else(|| AppError::field("cursor", Msg::new("error-cursor")))?,
        ),
    };
    let values = match viewer.user() {
        Some(user) => user.narrow_values(value).map_err(AppError::Refused)?,
        None => value,
    };
    let filter = ListFilter {
        values,
        featured: featured.unwrap_or(false),
        cards: false,
    };
    Ok(Json(
        stories::list_published(&state.db, &filter, cursor, limit).await?,
    ))
}

#[utoipa::path(
    put, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path), ("draft" = Option<bool>, Query, description = "save a draft again as a draft")),
    request_body = StoryInput,
    responses((status = 200, description = "the edited story", body = StoryView), NotFound, Conflict, Invalid, NotJson, Common)
)]
#[put("/stories/<id>?<draft>", data = "<input>")]
async fn update_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    draft: Option<bool>,
    input: Result<Json<StoryInput>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = body(input)?;
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
struct RevisionsBody {
    revisions: Vec<revisions::Revision>,
}

/// Who changed what and when; for the author and managers.
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/revisions", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, description = "the history, newest first; for the author and managers", body = RevisionsBody), NotFound, Common)
)]
#[get("/stories/<id>/revisions")]
async fn story_revisions(
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
struct RetagBody {
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
    responses((status = 200, body = StoryView), NotFound, Conflict, Invalid, NotJson, Common)
)]
#[put("/stories/<id>/values", data = "<input>")]
async fn retag_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<RetagBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = body(input)?;
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
async fn feature_story(
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
async fn unfeature_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    Ok(Json(
        stories::set_featured(&state.db, &user, id, false).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
struct ReportBody {
    /// What is wrong with it; 1 to 1,000 characters.
    #[schema(min_length = 1, max_length = 1000)]
    reason: String,
}

/// Post-moderation: flags a published story for a manager.
#[utoipa::path(
    post, path = "/api/v1/stories/{id}/reports", tag = "stories",
    params(("id" = i32, Path)),
    request_body = ReportBody,
    responses((status = 204, description = "reported (post-moderation only)"), NotFound, Conflict, Invalid, NotJson, Common)
)]
#[post("/stories/<id>/reports", data = "<input>")]
async fn report_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<ReportBody>, json::Error<'_>>,
) -> ApiResult<NoContent> {
    let Acting(user) = acting;
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
#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/reports", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 204, description = "the reports are dismissed"), NotJson, Common)
)]
#[delete("/stories/<id>/reports")]
async fn dismiss_reports(state: &State<AppState>, acting: Acting, id: i32) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    reports::dismiss(&state.db, &user, id).await?;
    Ok(NoContent)
}

#[derive(Serialize, utoipa::ToSchema)]
struct ModerationBody {
    queue: Vec<Queued>,
    reported: Vec<Reported>,
}

/// What waits for a manager: the queue, oldest first, and reported stories.
#[utoipa::path(
    get, path = "/api/v1/moderation", tag = "moderation",
    responses((status = 200, body = ModerationBody), Common)
)]
#[get("/moderation")]
async fn moderation(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<ModerationBody>> {
    let user = signed_in(viewer)?;
    Ok(Json(ModerationBody {
        queue: stories::moderation_queue(&state.db, &user).await?,
        reported: reports::open(&state.db, &user).await?,
    }))
}

#[derive(Serialize, utoipa::ToSchema)]
struct StoriesBody {
    stories: Vec<StoryView>,
}

/// The caller's own stories, whatever their status.
#[utoipa::path(
    get, path = "/api/v1/me/stories", tag = "me",
    responses((status = 200, description = "the caller's stories, every status", body = StoriesBody), Common)
)]
#[get("/me/stories")]
async fn my_stories(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<StoriesBody>> {
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
async fn my_export(state: &State<AppState>, viewer: Viewer) -> ApiResult<Json<privacy::Export>> {
    let user = signed_in(viewer)?;
    Ok(Json(privacy::export(&state.db, &user).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 204, description = "withdrawn"), NotFound, NotJson, Common)
)]
#[delete("/stories/<id>")]
async fn withdraw_story(state: &State<AppState>, acting: Acting, id: i32) -> ApiResult<NoContent> {
    let Acting(user) = acting;
    stories::withdraw(&state.db, state.search.index.unindexed(), &user, id).await?;
    Ok(NoContent)
}

#[utoipa::path(
    post, path = "/api/v1/stories/{id}/publish", tag = "moderation",
    params(("id" = i32, Path)),
    responses((status = 200, body = StoryView), NotFound, Conflict, NotJson, Common)
)]
#[post("/stories/<id>/publish")]
async fn publish_story(
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
struct RejectBody {
    /// What the author will read; 1 to 1,000 characters.
    #[schema(min_length = 1, max_length = 1000)]
    reason: String,
}

#[utoipa::path(
    post, path = "/api/v1/stories/{id}/reject", tag = "moderation",
    params(("id" = i32, Path)),
    request_body = RejectBody,
    responses((status = 200, body = StoryView), NotFound, Conflict, Invalid, NotJson, Common)
)]
#[post("/stories/<id>/reject", data = "<input>")]
async fn reject_story(
    state: &State<AppState>,
    acting: Acting,
    id: i32,
    input: Result<Json<RejectBody>, json::Error<'_>>,
) -> ApiResult<Json<StoryView>> {
    let Acting(user) = acting;
    let input = body(input)?;
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

/// Full-text search over published stories.
#[utoipa::path(
    get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = Option<String>, Query, max_length = 200, description = "words, \"a phrase\", -excluded, OR; at most 200 characters and 32 words. Any text is a valid query: what is not query syntax is read as words"),
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
async fn search(
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
struct RelatedBody {
    stories: Vec<crate::search::related::RelatedStory>,
}

/// Published stories like this one (more-like-this over the search index).
#[utoipa::path(
    get, path = "/api/v1/stories/{id}/related", tag = "search",
    params(("id" = i32, Path), ("limit" = Option<u64>, Query, minimum = 1, maximum = 10, description = "1 to 10, default 3")),
    responses((status = 200, body = RelatedBody), NotFound, Invalid, Common)
)]
#[get("/stories/<id>/related?<limit>")]
async fn related_stories(
    state: &State<AppState>,
    viewer: Viewer,
    id: i32,
    limit: Option<&str>,
) -> ApiResult<Json<RelatedBody>> {
    let limit = limit_param(limit, 3, 10)? as usize;
    visible_story(state, &viewer, id).await?;
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
    Ok(Json(RelatedBody { stories: related }))
}

/// "This inspired me": marking twice is marking once.
#[utoipa::path(
    put, path = "/api/v1/stories/{id}/inspired", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = Inspired), NotFound, Conflict, NotJson, Common)
)]
#[put("/stories/<id>/inspired")]
async fn inspire(state: &State<AppState>, acting: Acting, id: i32) -> ApiResult<Json<Inspired>> {
    let Acting(user) = acting;
    state
        .rate_limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(reactions::inspire(&state.db, &user, id).await?))
}

#[utoipa::path(
    delete, path = "/api/v1/stories/{id}/inspired", tag = "stories",
    params(("id" = i32, Path)),
    responses((status = 200, body = Inspired), NotFound, Conflict, NotJson, Common)
)]
#[delete("/stories/<id>/inspired")]
async fn uninspire(state: &State<AppState>, acting: Acting, id: i32) -> ApiResult<Json<Inspired>> {
    let Acting(user) = acting;
    state
        .rate_limits
        .reaction(&user.id)
        .map_err(AppError::TooManyRequests)?;
    Ok(Json(reactions::undo(&state.db, &user, id).await?))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        openapi,
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
        404 => {
            let allowed = super::methods::allowed(req.rocket(), req.uri().path().as_str());
            if allowed.is_empty() || allowed.contains(&req.method()) {
                AppError::NotFound
            } else {
                let names: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
                AppError::MethodNotAllowed(names.join(", "))
            }
        }
        // A path parameter that is no id (`abc`, `2147483648`, bad UTF-8):
        // there is no such thing to find.
        422 => AppError::NotFound,
        413 => AppError::PayloadTooLarge("64 KiB".into()),
        415 => AppError::UnsupportedMediaType,
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
