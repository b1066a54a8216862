//! Properties of the renderer over generated input: Markdown and raw HTML
//! mixed with the tricks hostile text uses. Whatever comes in, rendering
//! does not panic, its output is a fixed point of the sanitiser, and no
//! script, event handler or dangerous link survives.

use proptest::prelude::*;

use super::{SANITIZER, excerpt, plain_text, render};

/// Pieces of Markdown, HTML and attack text, glued together at random.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "# ",
            "## ",
            "* ",
            "- ",
            "1. ",
            "> ",
            "```\n",
            "`",
            "**",
            "_",
            "~~",
            "| a | b |\n|---|---|\n",
            "[x](",
            ")",
            "![y](",
            "<",
            ">",
            "</",
            "\"",
            "'",
            "=",
            " ",
            "\n",
            "\n\n",
            "&",
            "&#",
            ";",
            "&#x6A;",
            "&lt;",
            "\\",
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"",
            "javascript:",
            "JaVaScRiPt:",
            "java\tscript:",
            "java&#10;script:",
            "vbscript:",
            "data:text/html,",
            "https://example.nl/",
            "mailto:a@b.nl",
            "<svg onload=x>",
            "<math>",
            "<iframe src=",
            "<style>",
            "<div style=\"x\">",
            " onclick=",
            " onmouseover=",
            "<!--",
            "-->",
            "<![CDATA[",
            "<base href=",
            "<form action=",
            "<textarea>",
            "<noscript>",
            "<p title=\"</noscript><img src=x onerror=y>\">",
            "\u{0}",
            "\u{202e}",
            "é",
            "ß",
            "🙂",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,6}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// Whether any element of `html` carries a script, a handler or a dangerous
/// link — read the way a browser would, by an HTML parser.
fn dangers(html: &str) -> Vec<String> {
    let fragment = scraper::Html::parse_fragment(html);
    let mut found = Vec::new();
    for element in fragment.tree.nodes().filter_map(|n| n.value().as_element()) {
        let tag = element.name();
        if [
            "script", "style", "iframe", "object", "embed", "svg", "math", "base", "form",
        ]
        .contains(&tag)
        {
            found.push(format!("<{tag}>"));
        }
        for (key, value) in element.attrs() {
            let value: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if key.starts_with("on") || key == "style" {
                found.push(format!("<{tag} {key}>"));
            }
            if ["href", "src"].contains(&key)
                && !(value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("mailto:"))
            {
                found.push(format!("<{tag} {key}={value}>"));
            }
        }
    }
    found
}

#[test]
fn the_checker_sees_what_a_browser_would_run() {
    assert_eq!(dangers("<a href=\"java\tscript:x\">a</a>").len(), 1);
    assert_eq!(dangers("<img src=x onerror=y>").len(), 2);
    assert_eq!(dangers("<svg><script>x</script></svg>").len(), 2);
    assert!(dangers("<a href=\"https://x.nl\" rel=\"noopener\">x</a>").is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn rendering_is_safe_and_stable(markdown in text()) {
        let html = render(&markdown);
        // Sanitising the output again changes nothing: what we store and
        // show is already what the sanitiser would make of it.
        prop_assert_eq!(SANITIZER.clean(html.as_str()).to_string(), html.as_str());
        let dangers = dangers(html.as_str());
        prop_assert!(dangers.is_empty(), "{:?} in {}", dangers, html);
    }

    #[test]
    fn plain_text_and_excerpts_never_fail(markdown in text(), max in 0usize..200) {
        let plain = plain_text(&markdown);
        prop_assert!(!plain.contains("  "));
        let short = excerpt(&plain, max);
        // At most `max` characters and an ellipsis.
        prop_assert!(short.chars().count() <= max + 1, "{:?}", short);
    }
}
