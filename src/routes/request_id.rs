//! A request id on every response (`X-Request-Id`): the one a trusted proxy
//! sent, when it is a plain token, or a new random one; and on every log line
//! written while the request is handled (a `request` span around each route's
//! handler), ending with one line per request with the method, the path, the
//! status and the time taken, so an operator can follow a request from the
//! proxy's log into ours.

use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Data, Request, Response};

use crate::AppState;

const HEADER: &str = "X-Request-Id";
const MAX_CHARS: usize = 64;

/// The id of this request and when it arrived.
#[derive(Debug, Clone)]
struct Started {
    id: String,
    at: Instant,
}

pub struct RequestId;

/// A proxy's id, when it is safe to echo and log: letters, digits, `-`,
/// `_`, `.`, at most 64 of them.
fn acceptable(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_CHARS
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn new_id() -> String {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        return format!("{:x}", Instant::now().elapsed().as_nanos());
    }
    hex::encode(bytes)
}

#[rocket::async_trait]
impl Fairing for RequestId {
    fn info(&self) -> Info {
        Info {
            name: "Request id",
            kind: Kind::Request | Kind::Response,
        }
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        let trusted = req.rocket().state::<AppState>().is_some_and(|s| {
            req.remote()
                .is_some_and(|peer| s.settings.trusted_proxies.contains(&peer.ip()))
        });
        let id = req
            .headers()
            .get_one(HEADER)
            .filter(|id| trusted && acceptable(id))
            .map(str::to_owned)
            .unwrap_or_else(new_id);
        req.local_cache(|| Started {
            id,
            at: Instant::now(),
        });
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let started = req.local_cache(|| Started {
            id: new_id(),
            at: Instant::now(),
        });
        res.set_header(Header::new(HEADER, started.id.clone()));
        // The route's pattern, not the path: one series per route, however
        // many stories there are.
        let route = req
            .route()
            .map(|r| r.uri.origin.path().to_string())
            .unwrap_or_else(|| "unmatched".to_owned());
        let method = req.method().as_str();
        let metrics = crate::metrics::get();
        metrics
            .http_requests
            .with_label_values(&[method, route.as_str(), &res.status().code.to_string()])
            .inc();
        metrics
            .http_duration
            .with_label_values(&[method, route.as_str()])
            .observe(started.at.elapsed().as_secs_f64());
        let _span = span(started).entered();
        tracing::info!(
            method = %req.method(),
            path = %req.uri().path(),
            status = res.status().code,
            ms = started.at.elapsed().as_secs_f64() * 1000.0,
            "request"
        );
    }
}

/// The span every log line about this request is written in.
fn span(started: &Started) -> tracing::Span {
    tracing::info_span!("request", request_id = %started.id)
}

/// The span of this request, for its handler to run in (see
/// [`super::handling`]): Rocket 0.5 has no span of its own per request.
pub(super) fn span_of(req: &Request<'_>) -> tracing::Span {
    span(req.local_cache(|| Started {
        id: new_id(),
        at: Instant::now(),
    }))
}

#[cfg(test)]
mod tests {
    use super::acceptable;

    #[test]
    fn only_plain_tokens_are_taken_from_a_proxy() {
        assert!(acceptable("3f2a-91c0_x.y"));
        assert!(!acceptable(""));
        assert!(!acceptable("a b"));
        assert!(!acceptable("a\\nforged log line"));
        assert!(!acceptable(&"x".repeat(65)));
    }
}
