//! Markdown to HTML for everything people write: pulldown-cmark renders,
//! ammonia sanitises. [`SafeHtml`] can only be built here, so a template that
//! prints one unescaped cannot print anything unsanitised.

use std::fmt;
use std::sync::LazyLock;

use pulldown_cmark::{Options, Parser, html};

/// HTML that went through the sanitiser (or was escaped by us).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SafeHtml(String);

impl SafeHtml {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for SafeHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// Ammonia's default tag and attribute sets (no svg, math or style), links
// limited to http, https and mailto, and every link marked as leaving the site.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_relative(ammonia::UrlRelative::Deny);
    builder
});

fn options() -> Options {
    // Tables, strikethrough and task lists are what people expect from
    // Markdown; wikilinks and heading attributes stay off (see DESIGN.md).
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The words of user-written Markdown as a reader sees them, on one line:
/// no syntax (`**`, `#`, list markers), no link targets, no HTML tags; blocks
/// end in a space. For snippets, excerpts and reading times.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The beginning of a text as plain words, at most about `max` characters:
/// cut after the last sentence that fits when one ends in the second half,
/// else at the last whole word, with "…" when the text goes on.
pub fn excerpt(plain: &str, max: usize) -> String {
    if plain.chars().count() <= max {
        return plain.to_owned();
    }
    let cut = plain
        .char_indices()
        .nth(max)
        .map_or(plain.len(), |(at, _)| at);
    let head = &plain[..cut];
    let sentence = head
        .rmatch_indices(['.', '!', '?'])
        .map(|(at, _)| at + 1)
        .find(|&end| end >= cut / 2 && plain[end..].starts_with(' '));
    if let Some(end) = sentence {
        return plain[..end].to_owned();
    }
    let word = head.rfind(' ').unwrap_or(cut);
    format!("{}…", head[..word].trim_end_matches([',', ';', ':', ' ']))
}

/// Minutes a reader needs for a text, at 200 words a minute, at least one.
pub fn reading_minutes(plain: &str) -> u64 {
    (plain.split_whitespace().count() as u64)
        .div_ceil(200)
        .max(1)
}

/// Renders user-written Markdown to sanitised HTML. Raw HTML in the source is
/// not trusted: it is rendered by pulldown-cmark and then cleaned by ammonia,
/// which removes scripts, event handlers, styles and dangerous URL schemes.
pub fn render(markdown: &str) -> SafeHtml {
    let parser = Parser::new_ext(markdown, options());
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    SafeHtml(SANITIZER.clean(&unsafe_html).to_string())
}

#[cfg(test)]
mod properties;

#[cfg(test)]
mod tests {
    use super::{excerpt, plain_text, reading_minutes, render};

    #[test]
    fn an_excerpt_ends_at_a_sentence_or_a_whole_word() {
        let text = "De klant belde. Hij wilde weten wanneer de monteur kwam, en waarom het zo lang duurde.";
        assert_eq!(excerpt(text, 200), text, "short enough: whole");
        assert_eq!(excerpt(text, 30), "De klant belde.");
        assert_eq!(
            excerpt(text, 70),
            "De klant belde. Hij wilde weten wanneer de monteur kwam, en waarom…"
        );
        assert_eq!(
            excerpt(text, 58),
            "De klant belde. Hij wilde weten wanneer de monteur kwam…"
        );
        assert_eq!(excerpt("Eenwoord", 3), "Een…");
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"woord ".repeat(401)), 3);
    }

    #[test]
    fn plain_text_has_the_words_and_nothing_else() {
        let md = "## Wat er gebeurde\n\nDe **planning** liep uit.\n\n- wanneer komt de [monteur](https://x.example/m)?\n- `morgen`\n\n<b>rauw</b> einde";
        assert_eq!(
            plain_text(md),
            "Wat er gebeurde De planning liep uit. wanneer komt de monteur? morgen rauw einde"
        );
    }

    #[test]
    fn markdown_becomes_html() {
        let html = render("Hello **world**");
        assert_eq!(html.as_str().trim(), "<p>Hello <strong>world</strong></p>");
    }

    #[test]
    fn script_tags_are_removed() {
        let html = render("<script>alert(1)</script>hi");
        assert!(!html.as_str().contains("<script"), "{html}");
    }

    #[test]
    fn event_handlers_are_removed() {
        let html =
            render("<img src=x onerror=alert(1)> <a href=\"https://x.nl\" onclick=\"y()\">a</a>");
        assert!(!html.as_str().contains("onerror"), "{html}");
        assert!(!html.as_str().contains("onclick"), "{html}");
    }

    #[test]
    fn dangerous_link_schemes_are_removed_however_written() {
        for link in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](vbscript:msgbox(1))",
            "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
        ] {
            let html = render(link);
            let lower = html.as_str().to_lowercase();
            assert!(!lower.contains("javascript"), "{link} -> {html}");
            assert!(!lower.contains("data:"), "{link} -> {html}");
            assert!(!lower.contains("vbscript"), "{link} -> {html}");
        }
    }

    #[test]
    fn ordinary_links_survive_and_open_safely() {
        let html = render("[site](https://example.nl/pad)");
        assert!(
            html.as_str().contains("href=\"https://example.nl/pad\""),
            "{html}"
        );
        assert!(html.as_str().contains("noopener"), "{html}");
    }
}
