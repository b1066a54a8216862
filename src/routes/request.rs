//! Request guards shared by the HTML routes.

use rocket::http::Status;
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};

use crate::AppState;
use crate::i18n::{self, UiLang};
use crate::identity::Viewer;
use crate::templates::Layout;

/// The interface language of a request: the reader's choice (cookie), else
/// the browser's `Accept-Language`, else `default`.
pub fn negotiate_lang(req: &Request<'_>, default: UiLang) -> UiLang {
    req.cookies()
        .get(i18n::COOKIE)
        .and_then(|c| UiLang::parse(c.value()))
        .or_else(|| {
            req.headers()
                .get_one("Accept-Language")
                .and_then(UiLang::from_accept_language)
        })
        .unwrap_or(default)
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for UiLang {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let default = req
            .rocket()
            .state::<AppState>()
            .map(|s| s.settings.default_language)
            .unwrap_or_default();
        Outcome::Success(negotiate_lang(req, default))
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Layout {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let viewer = req.guard::<Viewer>().await.succeeded().and_then(|v| v.0);
        let flash = req
            .guard::<Option<FlashMessage<'_>>>()
            .await
            .succeeded()
            .flatten()
            .map(|flash| (flash.kind().to_owned(), flash.message().to_owned()));
        let dev_login = req
            .rocket()
            .state::<AppState>()
            .is_some_and(|s| s.dev_login);
        let lang = match req.guard::<UiLang>().await {
            Outcome::Success(lang) => lang,
            _ => UiLang::default(),
        };
        Outcome::Success(Layout {
            user: viewer,
            dev_login,
            flash,
            lang,
            here: req.uri().to_string(),
        })
    }
}

/// Refuses a form post that a browser says comes from another site, so that a
/// page elsewhere cannot make a signed-in user's browser change things here.
pub struct SameOrigin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SameOrigin {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let headers = req.headers();
        if headers.get_one("Sec-Fetch-Site") == Some("cross-site") {
            return Outcome::Error((Status::Forbidden, "cross-site form post"));
        }
        if let (Some(origin), Some(host)) = (headers.get_one("Origin"), headers.get_one("Host")) {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin)
                .trim_end_matches('/');
            if origin == "null" || !origin_host.eq_ignore_ascii_case(host) {
                return Outcome::Error((Status::Forbidden, "form posted from another origin"));
            }
        }
        Outcome::Success(SameOrigin)
    }
}
