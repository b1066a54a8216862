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
        .mount("/", reading::routes())
        .mount("/", story_form::routes())
        .mount("/", moderation::routes())
        .mount("/", story_actions::routes())
        .mount("/", leading::routes())
        .mount("/", barriers::routes())
        .mount("/", insights::routes())
        .mount("/", language::routes())
        .mount("/", health::routes())
        .mount("/", assets::routes())
        .mount("/", search_page::routes())
        .mount("/", my_stories::routes())
        .mount("/", notifications::routes())
        .mount("/", admin::routes())
        .mount("/", admin_webhooks::routes())
        .mount("/", syndication::routes())
        .mount(embed::BASE, embed::routes())
        .mount("/dev", dev_login::routes())
        .mount("/api/v1", api::routes())
        .mount("/api/v1", cors::routes())
        .register("/", frame::catchers())
        .register("/api", api::catchers())
        .register(embed::BASE, embed::catchers())
}
