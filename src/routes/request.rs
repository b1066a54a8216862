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

/// The site's public address for absolute links (feeds, OpenSearch, oEmbed):
/// `public_url` when configured; otherwise the scheme and host this request
/// came in on — `X-Forwarded-Proto`/`-Host` only from a trusted proxy, the
/// `Host` header else — and the listening address as a last resort.
pub struct Site(pub crate::domain::Origin);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Site {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        use crate::domain::Origin;
        let state = req.rocket().state::<AppState>();
        if let Some(origin) = state.and_then(|s| s.settings.public_url.clone()) {
            return Outcome::Success(Site(origin));
        }
        let trusted = state.is_some_and(|s| {
            req.remote()
                .is_some_and(|peer| s.settings.trusted_proxies.contains(&peer.ip()))
        });
        let forwarded = |name: &str| {
            let value = req.headers().get_one(name)?.split(',').next()?.trim();
            (trusted && !value.is_empty()).then_some(value)
        };
        let scheme = match forwarded("X-Forwarded-Proto") {
            Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        let from_request = forwarded("X-Forwarded-Host")
            .or_else(|| req.headers().get_one("Host"))
            .and_then(|host| Origin::from_host(scheme, host));
        let origin = from_request.unwrap_or_else(|| {
            let config = req.rocket().config();
            Origin::listening(config.address, config.port)
        });
        Outcome::Success(Site(origin))
    }
}
