//! The stylesheet and the one script, compiled into the binary and cached by
//! browsers.

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

const FORM_JS: &str = include_str!("../assets/form.js");

/// The story form's live preview; the form works without it.
#[rocket::get("/static/form.js")]
fn form_js() -> Cached<&'static str> {
    Cached {
        body: FORM_JS,
        content_type: ContentType::JavaScript,
        cache: Header::new("Cache-Control", "public, max-age=3600"),
    }
}

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![style, form_js]
}
