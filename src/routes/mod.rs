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
mod handling;
mod health;
mod identity;
mod insights;
mod language;
mod leading;
mod methods;
mod moderation;
mod my_stories;
mod notifications;
mod nul;
mod reading;
mod request;
mod request_id;
mod search_page;
mod security;
mod story_actions;
mod story_form;
mod syndication;

use handling::handled;
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
        .mount("/", handled(reading::routes()))
        .mount("/", handled(story_form::routes()))
        .mount("/", handled(moderation::routes()))
        .mount("/", handled(story_actions::routes()))
        .mount("/", handled(leading::routes()))
        .mount("/", handled(barriers::routes()))
        .mount("/", handled(insights::routes()))
        .mount("/", handled(language::routes()))
        .mount("/", handled(health::routes()))
        .mount("/", handled(assets::routes()))
        .mount("/", handled(search_page::routes()))
        .mount("/", handled(my_stories::routes()))
        .mount("/", handled(notifications::routes()))
        .mount("/", handled(admin::routes()))
        .mount("/", handled(admin_webhooks::routes()))
        .mount("/", handled(syndication::routes()))
        .mount(embed::BASE, handled(embed::routes()))
        .mount("/dev", handled(dev_login::routes()))
        .mount("/api/v1", handled(api::routes()))
        .mount("/api/v1", handled(cors::routes()))
        .register("/", frame::catchers())
        .register("/api", api::catchers())
        .register(embed::BASE, embed::catchers())
}
