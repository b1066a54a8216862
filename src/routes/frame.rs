//! The frame every HTML page shares: rendering a template, the status of a
//! service error, and the error pages (Rocket's catchers) in the reader's
//! language.

use askama::Template;
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{Catcher, Request, catch};

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::templates::{ErrorPage, Layout};

pub(super) type PageResult = Result<RawHtml<String>, Status>;

/// Renders a page; a template error is a 500 with the cause in the log.
pub fn render(page: impl Template) -> PageResult {
    page.render().map(RawHtml).map_err(|e| {
        tracing::error!(error = %e, "template error");
        Status::InternalServerError
    })
}

/// Turns a service error into the status whose catcher shows the error page.
pub(super) fn error_status(error: AppError) -> Status {
    error.log();
    error.status()
}

async fn error_page(req: &Request<'_>, heading: Msg, message: &'static str) -> RawHtml<String> {
    page_with(req, heading, message, false).await
}

async fn page_with(
    req: &Request<'_>,
    heading: Msg,
    message: &'static str,
    offer_sign_in: bool,
) -> RawHtml<String> {
    let layout = match req.guard::<Layout>().await {
        rocket::outcome::Outcome::Success(layout) => layout,
        _ => Layout::plain(),
    };
    // Back to this page once signed in; after a form was posted, to the
    // page it was on (a GET can be repeated, a POST not).
    let back = if req.method() == rocket::http::Method::Get {
        req.uri().to_string()
    } else {
        req.headers()
            .get_one("Referer")
            .and_then(|referer| url::Url::parse(referer).ok())
            .map(|url| match url.query() {
                Some(query) => format!("{}?{query}", url.path()),
                None => url.path().to_owned(),
            })
            .unwrap_or_else(|| "/".to_owned())
    };
    let page = ErrorPage {
        heading: layout.msg(&heading),
        message: layout.t(message),
        sign_in: offer_sign_in.then(|| layout.sign_in_to(&back)).flatten(),
        layout,
    };
    RawHtml(page.render().unwrap_or_else(|_| heading.to_string()))
}

#[catch(401)]
async fn unauthorized(req: &Request<'_>) -> RawHtml<String> {
    // With a sign-in page to send the reader to, the page offers it.
    let can_sign_in = req
        .rocket()
        .state::<AppState>()
        .is_some_and(|s| s.dev_login || !s.settings.sign_in_url.is_empty());
    let message = if can_sign_in {
        "error-401-dev"
    } else {
        "error-401-sso"
    };
    page_with(req, Msg::new("error-401-title"), message, true).await
}

#[catch(403)]
async fn forbidden(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-403-title"), "error-403").await
}

#[catch(404)]
async fn not_found(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-404-title"), "error-404").await
}

#[catch(409)]
async fn conflict(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-409-title"), "error-409").await
}

#[catch(413)]
async fn too_large(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-413-title"), "error-413").await
}

#[catch(429)]
async fn too_many(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-429-title"), "error-429").await
}

#[catch(503)]
async fn unavailable(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-503-title"), "error-503").await
}

#[catch(default)]
async fn other(status: Status, req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        Msg::new("error-other-title").arg("code", status.code),
        "error-other",
    )
    .await
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![
        unauthorized,
        forbidden,
        not_found,
        conflict,
        too_large,
        too_many,
        unavailable,
        other
    ]
}
