//! HTTP methods: Rocket's `_method` override is switched off, so a plain
//! HTML form (which can only GET or POST) never becomes a PUT or DELETE; and
//! a path that exists under other methods answers `405` with `Allow`.

use rocket::data::Data;
use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Method;
use rocket::{Request, Rocket};

/// Undoes Rocket's method override. Rocket turns a form POST whose first
/// field is `_method=put|delete|…` into that method before any fairing runs
/// (and offers no setting to stop it); this fairing turns it back into the
/// POST it was, which no state-changing API route accepts.
pub struct NoMethodOverride;

#[rocket::async_trait]
impl Fairing for NoMethodOverride {
    fn info(&self) -> Info {
        Info {
            name: "No _method override",
            kind: Kind::Request,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, data: &mut Data<'_>) {
        if req.method() == Method::Post || !req.content_type().is_some_and(|ct| ct.is_form()) {
            return;
        }
        // The same look Rocket took: the first field of the form.
        let peeked = data.peek("_method=delete".len()).await;
        let overridden = std::str::from_utf8(peeked)
            .ok()
            .and_then(|raw| rocket::form::Form::values(raw).next())
            .is_some_and(|field| field.name == "_method");
        if overridden {
            req.set_method(Method::Post);
        }
    }
}

/// Whether a request path matches a route's path template: static segments
/// equal, `<x>` any one segment, `<x..>` the rest.
fn path_matches(template: &str, path: &str) -> bool {
    let mut template = template.split('/').filter(|s| !s.is_empty());
    let mut path = path.split('/').filter(|s| !s.is_empty());
    loop {
        match (template.next(), path.next()) {
            (None, None) => return true,
            (Some(t), _) if t.starts_with('<') && t.ends_with("..>") => return true,
            (Some(t), Some(_)) if t.starts_with('<') => {}
            (Some(t), Some(p)) if t == p => {}
            _ => return false,
        }
    }
}

/// The methods the mounted routes accept for this path (empty: the path
/// itself is unknown), for a `405` answer's `Allow` header.
pub fn allowed<P>(rocket: &Rocket<P>, path: &str) -> Vec<Method>
where
    P: rocket::Phase,
{
    // CORS preflights are answered for any path; they say nothing of it.
    let mut methods: Vec<Method> = rocket
        .routes()
        .filter(|route| route.method != Method::Options)
        .filter(|route| path_matches(route.uri.path(), path))
        .map(|route| route.method)
        .collect();
    methods.sort_by_key(|m| m.as_str());
    methods.dedup();
    methods
}

#[cfg(test)]
mod tests {
    use super::path_matches;

    #[test]
    fn templates_match_paths_segment_by_segment() {
        assert!(path_matches("/api/v1/stories/<id>", "/api/v1/stories/12"));
        assert!(path_matches("/api/v1/stories", "/api/v1/stories/"));
        assert!(!path_matches("/api/v1/stories/<id>", "/api/v1/stories"));
        assert!(!path_matches(
            "/api/v1/stories/<id>",
            "/api/v1/stories/12/related"
        ));
        assert!(path_matches("/static/<path..>", "/static/a/b.css"));
        assert!(!path_matches("/api/v1/values", "/api/v1/stories"));
    }
}
