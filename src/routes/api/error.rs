//! The API's errors: an `AppError` answered as JSON with a status that means
//! something and, for bad input, one entry per field; reading JSON bodies;
//! the catcher for everything Rocket refuses before a handler runs.

use rocket::http::{Header, Status};
use rocket::response::{self, Responder};
use rocket::serde::json::{self, Json};
use rocket::{Catcher, Request, catch};
use serde_json::json;

use crate::domain::FieldError;
use crate::error::AppError;
use crate::i18n::{Msg, UiLang};
use crate::rate_limits::RetryAfter;

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
pub(super) const ERRORS_MAX: usize = 20;

pub(super) type ApiResult<T> = Result<T, ApiError>;

/// Reads a JSON body, turning Rocket's errors into ours: a body over the limit
/// is 413, malformed JSON or unknown fields are 422 naming the field.
pub(super) fn json_body<T>(parsed: Result<Json<T>, json::Error<'_>>) -> ApiResult<T> {
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

#[catch(default)]
pub(super) fn api_error(status: Status, req: &Request<'_>) -> ApiError {
    let error = match status.code {
        401 => AppError::Unauthorized,
        403 => match req.local_cache(|| None::<&'static str>) {
            Some(id) => AppError::Refused(Msg::new(id)),
            None => AppError::Forbidden,
        },
        404 => {
            let allowed = crate::routes::methods::allowed(req.rocket(), req.uri().path().as_str());
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
