//! The OpenAPI description of the API (utoipa), served at
//! `/api/v1/openapi.json`, with the error answers written once.

use rocket::get;

/// How every error of the API looks (for the OpenAPI description; the
/// responder below writes it).
#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub(super) struct ErrorBody {
    /// What went wrong, in English or the language `Accept-Language` asks for.
    error: String,
    /// A stable code, e.g. `error-not-found`.
    code: String,
    /// For invalid input: one entry per field.
    errors: Vec<FieldErrorBody>,
}

#[allow(dead_code)]
#[derive(utoipa::ToSchema)]
pub(super) struct FieldErrorBody {
    field: String,
    code: String,
    message: String,
}

/// What any endpoint may answer, written once for the OpenAPI document.
#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
pub(super) enum Common {
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
pub(super) struct NotFound(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 409, description = "the story's state does not allow it")]
pub(super) struct Conflict(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 413, description = "the body is larger than 64 KiB")]
pub(super) struct TooLarge(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(
    status = 415,
    description = "a body that is not `application/json`: changes are accepted only as JSON"
)]
pub(super) struct NotJson(ErrorBody);

#[allow(dead_code)]
#[derive(utoipa::IntoResponses)]
#[response(status = 422, description = "invalid input, one entry per field")]
pub(super) struct Invalid(ErrorBody);

/// The OpenAPI description of this API, served at `/api/v1/openapi.json`.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Merkwaardig API",
        description = "Values and show-and-tell stories. People are identified by the single sign-on proxy's headers, programs by `Authorization: Bearer <token>`; see the README for roles and scopes."
    ),
    paths(
        super::values::list_values, super::values::get_value, super::values::write_commitment, super::values::withdraw_commitment, super::values::pick_story_of_the_month, super::stories::create_story, super::stories::get_story, super::stories::list_stories, super::stories::update_story, super::stories::story_revisions, super::moderation::retag_story, super::moderation::feature_story, super::moderation::unfeature_story, super::moderation::mark_leadership, super::moderation::unmark_leadership, super::stories::report_story, super::moderation::dismiss_reports, super::moderation::moderation, super::me::my_stories, super::me::my_export, super::me::find_people, super::stories::withdraw_story, super::moderation::publish_story, super::moderation::reject_story, super::search::search, super::search::related_stories, super::stories::inspire, super::stories::uninspire, super::stories::unname_me, super::notes::list_notes, super::notes::write_note, super::notes::delete_note, super::notes::report_note, super::notes::dismiss_note_reports, super::barriers::report_barrier, super::barriers::list_barriers, super::barriers::get_barrier, super::barriers::change_barrier, super::insights::get_insights, super::notifications::my_notifications, super::notifications::read_notifications, super::notifications::my_notification_settings, super::notifications::change_notification_settings, super::notifications::list_webhooks, super::notifications::create_webhook, super::notifications::delete_webhook, super::notifications::list_deliveries, super::notifications::retry_delivery
    ),
    // The error bodies are named by the responses above only, which utoipa
    // does not follow into the components: listed here, or every `$ref` to
    // them would point nowhere.
    components(schemas(ErrorBody, FieldErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = []), ()),
    tags(
        (name = "values", description = "The values library"),
        (name = "stories", description = "Stories: submitting, reading, editing"),
        (name = "moderation", description = "For managers"),
        (name = "search", description = "Full-text search over published stories"),
        (name = "barriers", description = "What staff may expect of us: barriers reported, taken and solved"),
        (name = "insights", description = "Where the values are alive and where they are not (managers and administrators)"),
        (name = "me", description = "The caller's own data and notifications"),
        (name = "admin", description = "For administrators: outgoing webhooks and undelivered messages")
    )
)]
pub struct ApiDoc;

pub(super) struct BearerAuth;

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
pub(super) fn openapi() -> (rocket::http::ContentType, String) {
    use utoipa::OpenApi;
    (
        rocket::http::ContentType::JSON,
        ApiDoc::openapi().to_pretty_json().unwrap_or_default(),
    )
}
