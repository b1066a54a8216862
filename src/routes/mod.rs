//! HTTP: thin routes that turn requests into service calls and results into
//! HTML or JSON. Each module exposes its routes; [`mount`] puts them in place.

mod admin;
mod admin_webhooks;
mod api;
pub mod assets;
mod barriers;
mod cors;
mod dev_login;
mod embed;
mod frame;
mod health;
mod identity;
mod insights;
mod language;
mod leading;
mod methods;
mod moderation;
mod my_stories;
mod notifications;
mod reading;
mod request;
mod request_id;
mod search_page;
mod security;
mod story_actions;
mod story_form;
mod syndication;

use rocket::{Build, Rocket};

pub fn mount(rocket: Rocket<Build>) -> Rocket<Build> {
    let embed_origins = rocket
        .state::<crate::AppState>()
        .map(|state| state.settings.embed_origins.clone())
        .unwrap_or_default();
    rocket
        // Our fairing sets every security header; Rocket's default Shield
        // would add `X-Frame-Options` to the pages made for framing.
        .attach(rocket::shield::Shield::new())
        .attach(security::SecurityHeaders::new(&embed_origins))
        .attach(cors::Cors)
        .attach(methods::NoMethodOverride)
        .attach(request_id::RequestId)
        .mount("/", request_id::traced(reading::routes()))
        .mount("/", request_id::traced(story_form::routes()))
        .mount("/", request_id::traced(moderation::routes()))
        .mount("/", request_id::traced(story_actions::routes()))
        .mount("/", request_id::traced(leading::routes()))
        .mount("/", request_id::traced(barriers::routes()))
        .mount("/", request_id::traced(insights::routes()))
        .mount("/", request_id::traced(language::routes()))
        .mount("/", request_id::traced(health::routes()))
        .mount("/", request_id::traced(assets::routes()))
        .mount("/", request_id::traced(search_page::routes()))
        .mount("/", request_id::traced(my_stories::routes()))
        .mount("/", request_id::traced(notifications::routes()))
        .mount("/", request_id::traced(admin::routes()))
        .mount("/", request_id::traced(admin_webhooks::routes()))
        .mount("/", request_id::traced(syndication::routes()))
        .mount(embed::BASE, request_id::traced(embed::routes()))
        .mount("/dev", request_id::traced(dev_login::routes()))
        .mount("/api/v1", request_id::traced(api::routes()))
        .mount("/api/v1", request_id::traced(cors::routes()))
        .register("/", frame::catchers())
        .register("/api", api::catchers())
        .register(embed::BASE, embed::catchers())
}
