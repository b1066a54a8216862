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

const WIDGET_JS: &str = include_str!("../assets/widget.js");

/// The intranet widgets, loaded by pages of other origins. Module scripts
/// are fetched with CORS, so the script is open to every origin; it is
/// public and holds no data.
#[derive(rocket::Responder)]
struct Widget {
    body: &'static str,
    content_type: ContentType,
    cache: Header<'static>,
    cors: Header<'static>,
}

fn widget(cache: &'static str) -> Widget {
    Widget {
        body: WIDGET_JS,
        content_type: ContentType::JavaScript,
        cache: Header::new("Cache-Control", cache),
        cors: Header::new("Access-Control-Allow-Origin", "*"),
    }
}

/// The current widget, for the two-line snippet; picked up by pages within
/// minutes of an upgrade.
#[rocket::get("/widget.js")]
fn widget_current() -> Widget {
    widget("public, max-age=300")
}

/// One version's widget at a URL that never changes, for pages that pin a
/// version with Subresource Integrity.
#[rocket::get("/widget/<version>/widget.js")]
fn widget_versioned(version: &str) -> Option<Widget> {
    (version == env!("CARGO_PKG_VERSION")).then(|| widget("public, max-age=31536000, immutable"))
}

pub fn routes() -> Vec<rocket::Route> {
    rocket::routes![style, form_js, widget_current, widget_versioned]
}
