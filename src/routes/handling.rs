//! What every route's handler goes through: a URL holding a NUL is refused
//! (see [`super::nul`]), and the handler runs in the request's span, so the
//! lines its guards and services log carry the request id (see
//! [`super::request_id`]). Rocket 0.5 has nothing around a handler but
//! fairings, which cannot answer early or wrap the handler's future; so each
//! route's handler is wrapped when it is mounted.

use rocket::http::Status;
use rocket::route::{Handler, Outcome, Route};
use rocket::{Data, Request};
use tracing::Instrument;

#[derive(Clone)]
struct Handled(Box<dyn Handler>);

#[rocket::async_trait]
impl Handler for Handled {
    async fn handle<'r>(&self, req: &'r Request<'_>, data: Data<'r>) -> Outcome<'r> {
        if super::nul::holds_nul(req.uri()) {
            return Outcome::Error(Status::BadRequest);
        }
        let span = super::request_id::span_of(req);
        self.0.handle(req, data).instrument(span).await
    }
}

/// These routes, each handler wrapped.
pub fn handled(routes: Vec<Route>) -> Vec<Route> {
    routes
        .into_iter()
        .map(|mut route| {
            route.handler = Box::new(Handled(route.handler));
            route
        })
        .collect()
}
