//! Request guards shared by the HTML routes.

use rocket::http::Status;
use rocket::request::{FlashMessage, FromRequest, Outcome, Request};

use super::identity::{SignedIn, Viewer};
use crate::AppState;
use crate::domain::User;
use crate::i18n::{self, UiLang};
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
    type Error = ();

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        // A page refuses what the API refuses (a token in the URL, say).
        let viewer = match req.guard::<Viewer>().await {
            Outcome::Success(viewer) => viewer.0,
            Outcome::Error((status, _)) => return Outcome::Error((status, ())),
            Outcome::Forward(status) => return Outcome::Forward(status),
        };
        let flash = req
            .guard::<Option<FlashMessage<'_>>>()
            .await
            .succeeded()
            .flatten()
            .map(|flash| (flash.kind().to_owned(), flash.message().to_owned()));
        let state = req.rocket().state::<AppState>();
        let dev_login = state.is_some_and(|s| s.dev_login);
        let sign_in = if dev_login {
            Some("/dev/login?back={back}".to_owned())
        } else {
            state
                .map(|s| s.settings.sign_in_url.clone())
                .filter(|url| !url.is_empty())
        };
        let lang = match req.guard::<UiLang>().await {
            Outcome::Success(lang) => lang,
            _ => UiLang::default(),
        };
        // The count in the header: a failure leaves it out, never the page.
        let unread = match (state, &viewer) {
            (Some(state), Some(user)) => crate::services::notify::unread_count(&state.db, user)
                .await
                .unwrap_or_else(|e| {
                    e.log();
                    0
                }),
            _ => 0,
        };
        Outcome::Success(Layout {
            unread,
            user: viewer,
            dev_login,
            flash,
            lang,
            here: req.uri().to_string(),
            sign_in,
        })
    }
}

/// Why a request that changes something is refused as cross-site, if it is:
/// the browser says so (`Sec-Fetch-Site: cross-site`), or its `Origin` is
/// `null` or another site than this one. This site is the `Host` the request
/// came in on, `X-Forwarded-Host` from a trusted proxy, or `public_url`.
/// Requests without these headers (programs, old browsers) pass: browsers
/// send `Origin` with every cross-origin POST, PUT and DELETE.
pub fn cross_site(req: &Request<'_>) -> Option<&'static str> {
    let headers = req.headers();
    if headers.get_one("Sec-Fetch-Site") == Some("cross-site") {
        return Some("cross-site request");
    }
    let origin = headers.get_one("Origin")?;
    if origin == "null" {
        return Some("request from an opaque origin");
    }
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin)
        .trim_end_matches('/');
    let state = req.rocket().state::<AppState>();
    let trusted = state.is_some_and(|s| {
        req.remote()
            .is_some_and(|peer| s.settings.trusted_proxies.contains(&peer.ip()))
    });
    let public = state.and_then(|s| s.settings.public_url.as_ref());
    // Rocket's host (the `Host` header, or HTTP/2's `:authority`) and the
    // header itself.
    let host = req.host().map(|host| host.to_string());
    let ours = host
        .as_deref()
        .into_iter()
        .chain(headers.get_one("Host"))
        .chain(
            headers
                .get_one("X-Forwarded-Host")
                .filter(|_| trusted)
                .and_then(|h| h.split(',').next())
                .map(str::trim),
        )
        .chain(public.map(|origin| origin.authority()))
        .any(|host| host.eq_ignore_ascii_case(origin_host));
    (!ours).then_some("request from another origin")
}

/// Refuses a form post that a browser says comes from another site, so that a
/// page elsewhere cannot make a signed-in user's browser change things here.
pub struct SameOrigin;

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SameOrigin {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match cross_site(req) {
            Some(reason) => Outcome::Error((Status::Forbidden, reason)),
            None => Outcome::Success(SameOrigin),
        }
    }
}

/// The caller of an API request that changes something, once the request
/// passed the defences against cross-site requests (see the README's
/// security section):
/// - a body, if any, is JSON: `415` for any other `Content-Type`, so no HTML
///   form (url-encoded, multipart or `text/plain`) can reach the API;
/// - the caller is signed in (`401`);
/// - a person's request (single sign-on headers or the development cookie)
///   passes the same-origin check of the forms (`403`); a program's bearer
///   token cannot be sent by another site's page, so its calls skip it.
pub struct Acting(pub User);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Acting {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let refuse = |status: Status, message: &'static str| {
            // A message id of `src/locales`, for the API's error body.
            req.local_cache(|| Some(message));
            Outcome::Error((status, message))
        };
        let has_body = req
            .headers()
            .get_one("Content-Length")
            .is_some_and(|length| length.trim() != "0")
            || req.headers().contains("Transfer-Encoding");
        let json = match req.content_type() {
            Some(content_type) => content_type.is_json(),
            None => !has_body,
        };
        if !json {
            return refuse(Status::UnsupportedMediaType, "error-content-type");
        }
        let user = match req.guard::<SignedIn>().await {
            Outcome::Success(SignedIn(user)) => user,
            Outcome::Error(e) => return Outcome::Error(e),
            Outcome::Forward(status) => return Outcome::Forward(status),
        };
        if user.via_token.is_none() && cross_site(req).is_some() {
            return refuse(Status::Forbidden, "error-cross-site");
        }
        Outcome::Success(Acting(user))
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

/// `raw` when it is a path on this site, never another host: browsers read
/// `//host` and `/\host` as another site.
pub fn local_path(raw: &str) -> Option<&str> {
    let local = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control);
    local.then_some(raw)
}
