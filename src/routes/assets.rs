//! The stylesheet and the page scripts, compiled into the binary and cached
//! by browsers.

use std::sync::LazyLock;

use rocket::http::{ContentType, Header};
use sha2::{Digest, Sha256};

#[derive(rocket::Responder)]
struct Cached<T> {
    body: T,
    content_type: ContentType,
    cache: Header<'static>,
}

const STYLE: &str = include_str!("../assets/style.css");
const FORM_JS: &str = include_str!("../assets/form.js");
const PAGE_JS: &str = include_str!("../assets/page.js");

/// A short fingerprint of an asset's content. Pages link to
/// `/static/<name>?v=<fingerprint>`, so an upgrade shows at once while
/// browsers may keep each version for a year.
fn fingerprint(content: &str) -> String {
    hex::encode(&Sha256::digest(content.as_bytes())[..6])
}

static STYLE_VERSION: LazyLock<String> = LazyLock::new(|| fingerprint(STYLE));
static FORM_JS_VERSION: LazyLock<String> = LazyLock::new(|| fingerprint(FORM_JS));
static PAGE_JS_VERSION: LazyLock<String> = LazyLock::new(|| fingerprint(PAGE_JS));

/// The URL of a page asset, with its fingerprint.
pub fn asset_url(name: &str) -> String {
    let version = match name {
        "style.css" => STYLE_VERSION.as_str(),
        "form.js" => FORM_JS_VERSION.as_str(),
        "page.js" => PAGE_JS_VERSION.as_str(),
        _ => "",
    };
    format!("/static/{name}?v={version}")
}

/// A year for the current fingerprint; a few minutes for anything else
/// (an old page asking during an upgrade).
fn cache_for(requested: Option<&str>, current: &str) -> Header<'static> {
    let policy = if requested == Some(current) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    Header::new("Cache-Control", policy)
}

const FAVICON: &str = include_str!("../assets/favicon.svg");

/// The site's icon, for browsers that ask `/favicon.ico` as well as for the
/// `<link rel="icon">` of every page.
#[rocket::get("/favicon.svg")]
fn favicon() -> Cached<&'static str> {
    Cached {
        body: FAVICON,
        content_type: ContentType::SVG,
        cache: Header::new("Cache-Control", "public, max-age=86400"),
    }
}

#[rocket::get("/favicon.ico")]
fn favicon_ico() -> Cached<&'static str> {
    favicon()
}

#[rocket::get("/static/style.css?<v>")]
fn style(v: Option<&str>) -> Cached<&'static str> {
    Cached {
        body: STYLE,
        content_type: ContentType::CSS,
        cache: cache_for(v, &STYLE_VERSION),
    }
}

/// The story form's live preview; the form works without it.
#[rocket::get("/static/form.js?<v>")]
fn form_js(v: Option<&str>) -> Cached<&'static str> {
    Cached {
        body: FORM_JS,
        content_type: ContentType::JavaScript,
        cache: cache_for(v, &FORM_JS_VERSION),
    }
}

/// Small conveniences (filters applied at once, copy buttons); every page
/// works without them.
#[rocket::get("/static/page.js?<v>")]
fn page_js(v: Option<&str>) -> Cached<&'static str> {
    Cached {
        body: PAGE_JS,
        content_type: ContentType::JavaScript,
        cache: cache_for(v, &PAGE_JS_VERSION),
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
    rocket::routes![
        style,
        form_js,
        page_js,
        favicon,
        favicon_ico,
        widget_current,
        widget_versioned
    ]
}
