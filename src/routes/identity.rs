//! Who is asking. Behind the single sign-on proxy the identity comes from the
//! `X-Forwarded-*` headers, trusted only from configured proxy addresses; for
//! trying Merkwaardig out, a development sign-in kept in a private cookie
//! works while the service listens on loopback.

use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};

use crate::AppState;
use crate::config::Settings;
use crate::domain::TokenScope;
use crate::domain::{Role, User};
use crate::services::tokens;

/// The request's user, if any. Never fails: pages decide what anonymous
/// visitors may see.
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<User>);

impl Viewer {
    pub fn user(&self) -> Option<&User> {
        self.0.as_ref()
    }
}

const DEV_COOKIE: &str = "merkwaardig_dev_user";
const MAX_HEADER_CHARS: usize = crate::domain::IDENTITY_MAX_CHARS;

/// Query parameters that would carry a token in a URL, where it leaks into
/// logs, histories and `Referer` headers: refused outright.
const TOKEN_PARAMS: [&str; 3] = ["access_token", "token", "api_key"];

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Viewer {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(state) = req.rocket().state::<AppState>() else {
            return Outcome::Success(Viewer(None));
        };
        if TOKEN_PARAMS
            .iter()
            .any(|p| req.query_value::<&str>(p).is_some())
        {
            // A message id of `src/locales`, for the error response.
            let message = "error-token-in-url";
            req.local_cache(|| Some(message));
            return Outcome::Error((Status::BadRequest, message));
        }
        if let Some(authorization) = req.headers().get_one("Authorization") {
            let (user, token) = match bearer_user(state, authorization).await {
                Ok(found) => found,
                Err(status) => return Outcome::Error((status, "invalid or revoked token")),
            };
            let token_id = token.id;
            // A token bound to origins works only from those sites' pages.
            let origins = &token.binding.origins;
            if !origins.is_empty() {
                let origin = req.headers().get_one("Origin").unwrap_or("");
                if !origins.iter().any(|allowed| allowed == origin) {
                    let message = "error-token-origin";
                    req.local_cache(|| Some(message));
                    return Outcome::Error((Status::Forbidden, message));
                }
            }
            if let Err(wait) = state.rate_limits.api_call(token_id) {
                req.local_cache(|| Some(wait));
                return Outcome::Error((Status::TooManyRequests, "too many requests"));
            }
            return Outcome::Success(Viewer(Some(user)));
        }
        let trusted = req
            .remote()
            .is_some_and(|peer| state.settings.trusted_proxies.contains(&peer.ip()));
        let user = match from_proxy_headers(req, &state.settings) {
            Some(user) if trusted => Some(user),
            _ if state.dev_login => dev_user(req.cookies()),
            _ => None,
        };
        if let Some(user) = &user {
            let lang = super::request::negotiate_lang(req, state.settings.default_language);
            state.people.record(&state.db, user, lang).await;
        }
        Outcome::Success(Viewer(user))
    }
}

/// A program calling with `Authorization: Bearer <token>`.
async fn bearer_user(
    state: &AppState,
    authorization: &str,
) -> Result<(User, tokens::TokenInfo), Status> {
    let secret = authorization
        .strip_prefix("Bearer ")
        .map(str::trim)
        .ok_or(Status::Unauthorized)?;
    match tokens::authenticate(&state.db, secret).await {
        Ok(Some(token)) => Ok((
            User {
                id: format!("token:{}", token.id),
                name: token.name.clone(),
                email: None,
                role: if token.scope == TokenScope::Admin {
                    Role::Admin
                } else {
                    Role::Staff
                },
                via_token: Some(token.scope),
                fixed_values: token.binding.values.clone(),
                groups: Vec::new(),
            },
            token,
        )),
        Ok(None) => Err(Status::Unauthorized),
        Err(e) => {
            e.log();
            Err(Status::InternalServerError)
        }
    }
}

fn header(req: &Request<'_>, name: &str) -> Option<String> {
    let value = req.headers().get_one(name)?.trim();
    (!value.is_empty()).then(|| value.chars().take(MAX_HEADER_CHARS).collect())
}

fn from_proxy_headers(req: &Request<'_>, settings: &Settings) -> Option<User> {
    let id = header(req, "X-Forwarded-User").filter(|id| crate::domain::is_person_id(id))?;
    let name = header(req, "X-Forwarded-Preferred-Username").unwrap_or_else(|| id.clone());
    let email = header(req, "X-Forwarded-Email");
    let groups: Vec<String> = req
        .headers()
        .get_one("X-Forwarded-Groups")
        .unwrap_or("")
        .split(',')
        .map(|group| group.trim().to_owned())
        .filter(|group| !group.is_empty())
        .collect();
    Some(User {
        id,
        name,
        email,
        role: role_for_groups(&groups, settings),
        via_token: None,
        fixed_values: Vec::new(),
        groups,
    })
}

/// Maps the proxy's groups to a role with the configured group names.
pub fn role_for_groups(groups: &[String], settings: &Settings) -> Role {
    let member = |names: &[String]| groups.iter().any(|g| names.iter().any(|n| n == g));
    if member(&settings.admin_groups) {
        Role::Admin
    } else if member(&settings.manager_groups) {
        Role::Manager
    } else {
        Role::Staff
    }
}

fn dev_user(cookies: &CookieJar<'_>) -> Option<User> {
    let cookie = cookies.get_private(DEV_COOKIE)?;
    serde_json::from_str(cookie.value()).ok()
}

/// Signs in on the development sign-in page.
pub fn dev_sign_in(cookies: &CookieJar<'_>, user: &User) {
    let value = serde_json::to_string(user).unwrap_or_default();
    let cookie = Cookie::build((DEV_COOKIE, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/");
    cookies.add_private(cookie);
}

pub fn dev_sign_out(cookies: &CookieJar<'_>) {
    cookies.remove_private(Cookie::build(DEV_COOKIE).path("/"));
}

/// A page or form that needs someone signed in: the user, or `401` (whose
/// page offers the sign-in). Pages take the user from here; the page frame
/// (`Layout`) only shows who is signed in.
pub struct SignedIn(pub User);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for SignedIn {
    type Error = &'static str;

    async fn from_request(req: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        match req.guard::<Viewer>().await {
            Outcome::Success(Viewer(Some(user))) => Outcome::Success(SignedIn(user)),
            Outcome::Success(Viewer(None)) => Outcome::Error((Status::Unauthorized, "sign in")),
            Outcome::Error(e) => Outcome::Error(e),
            Outcome::Forward(status) => Outcome::Forward(status),
        }
    }
}
