//! Cross-origin access for intranet widgets: the read endpoints of the API
//! answer browsers on the configured `embed_origins` (exact match), and never
//! with credentials — a widget calls with its token, not with anyone's
//! cookies or sign-on.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::{Header, Method, Status};
use rocket::{Request, Response, Route, options};

use crate::AppState;

/// The endpoints a widget may call from another origin: reading values,
/// published stories and search. Everything else stays same-origin.
fn shareable(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    let is_id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        ["search"] | ["values"] | ["values", _] | ["stories"] => true,
        ["stories", id] => is_id(id),
        ["stories", id, "related"] => is_id(id),
        _ => false,
    }
}

/// The request's `Origin` when it is one of the configured ones.
fn allowed_origin<'r>(req: &'r Request<'_>) -> Option<&'r str> {
    let origin = req.headers().get_one("Origin")?;
    let state = req.rocket().state::<AppState>()?;
    state
        .settings
        .embed_origins
        .iter()
        .any(|allowed| allowed.as_str() == origin)
        .then_some(origin)
}

pub struct Cors;

#[rocket::async_trait]
impl Fairing for Cors {
    fn info(&self) -> Info {
        Info {
            name: "CORS for intranet widgets",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let path = req.uri().path();
        if path.starts_with("/api/") {
            // Whether an answer carries CORS headers depends on the Origin.
            res.adjoin_header(Header::new("Vary", "Origin"));
        }
        let method_ok = matches!(req.method(), Method::Get | Method::Head | Method::Options);
        let Some(origin) = allowed_origin(req) else {
            return;
        };
        if !method_ok || !shareable(path.as_str()) {
            return;
        }
        res.set_header(Header::new(
            "Access-Control-Allow-Origin",
            origin.to_owned(),
        ));
        res.set_header(Header::new("Access-Control-Expose-Headers", "Retry-After"));
        if req.method() == Method::Options {
            res.set_header(Header::new("Access-Control-Allow-Methods", "GET"));
            res.set_header(Header::new("Access-Control-Allow-Headers", "Authorization"));
            res.set_header(Header::new("Access-Control-Max-Age", "600"));
        }
    }
}

/// Preflight requests: answered empty; the fairing adds the headers when the
/// origin and the path allow it.
#[options("/<_..>")]
fn preflight() -> Status {
    Status::NoContent
}

pub fn routes() -> Vec<Route> {
    rocket::routes![preflight]
}

#[cfg(test)]
mod tests {
    use super::shareable;

    #[test]
    fn only_the_read_endpoints_are_shared() {
        for path in [
            "/api/v1/search",
            "/api/v1/values",
            "/api/v1/values/klantgericht",
            "/api/v1/stories",
            "/api/v1/stories/12",
            "/api/v1/stories/12/related",
        ] {
            assert!(shareable(path), "{path}");
        }
        for path in [
            "/api/v1/me/export",
            "/api/v1/moderation",
            "/api/v1/stories/12/revisions",
            "/api/v1/stories/abc",
            "/stories/12",
            "/api/v2/search",
        ] {
            assert!(!shareable(path), "{path}");
        }
    }
}
