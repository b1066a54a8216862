//! The stylesheets, compiled into the binary and cached by browsers.

use rocket::http::{ContentType, Header};

#[derive(rocket::Responder)]
struct Cached<T> {
    body: T,
    content_type: ContentType,
    cache: Header<'static>,
}

const STYLE: &str = include_str!("../assets/style.css");

#[rocket::get("/static/style.css")]
fn style() -> Cached<&'static str> {
    Cached {
        body: STYLE,
        content_type: ContentType::CSS,
        cache: Header::new("Cache-Control", "public, max-age=3600"),
    }
}

const EMBED_STYLE: &str = include_str!("../assets/embed.css");

/// The embeds' own small stylesheet (they have no site layout).
#[rocket::get("/static/embed.css")]
fn embed_style() -> Cached<&'static str> {
    Cached {
        body: EMBED_STYLE,
        content_type: ContentType::CSS,
        cache: Header::new("Cache-Control", "public, max-age=3600"),
    }
}

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![style, embed_style]
}
