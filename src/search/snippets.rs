//! What a hit shows of its story: a snippet of the plain text around the
//! matching words (no Markdown syntax, whole words, "…" where the text goes
//! on), and the title — both escaped, with only `<mark>` as markup around
//! the words that matched.

use tantivy::query::Query;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{Searcher, TantivyDocument};

use super::SearchError;
use super::schema::Fields;
use crate::domain::Lang;

/// About this many characters of story text per hit.
pub const SNIPPET_CHARS: usize = 220;
const ELLIPSIS: &str = "…";

/// A generator per language for the body, and one for the title.
pub struct Snippets {
    body_nl: SnippetGenerator,
    body_en: SnippetGenerator,
    title_nl: SnippetGenerator,
    title_en: SnippetGenerator,
}

fn escape(text: &str) -> String {
    askama::filters::escape(text, askama::filters::Html)
        .map(|escaped| escaped.to_string())
        .unwrap_or_default()
}

/// The snippet's HTML (escaped, `<mark>` around matches), with "…" on each
/// side where `text` goes on; closing punctuation is kept instead.
fn html(mut snippet: Snippet, text: &str) -> String {
    let range = snippet.fragment_range();
    snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let before = if words(&text[..range.start]) {
        ELLIPSIS
    } else {
        ""
    };
    let rest = &text[range.end..];
    let after = if words(rest) {
        ELLIPSIS.to_owned()
    } else {
        escape(rest.trim_end())
    };
    format!("{before}{}{after}", snippet.to_html())
}

/// The first [`SNIPPET_CHARS`] characters of `text`, cut after a whole word.
fn opening(text: &str) -> String {
    if text.chars().count() <= SNIPPET_CHARS {
        return escape(text);
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    let whole = match cut.rfind(char::is_whitespace) {
        Some(space) => &cut[..space],
        None => cut.as_str(),
    };
    format!(
        "{}{ELLIPSIS}",
        escape(whole.trim_end_matches([',', ';', ':']))
    )
}

impl Snippets {
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
    ) -> Result<Snippets, SearchError> {
        let generator = |field, chars| -> Result<SnippetGenerator, SearchError> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(chars);
            Ok(generator)
        };
        // A title is at most 120 characters: always whole.
        let title = 400;
        Ok(Snippets {
            body_nl: generator(fields.body_nl, SNIPPET_CHARS)?,
            body_en: generator(fields.body_en, SNIPPET_CHARS)?,
            title_nl: generator(fields.title_nl, title)?,
            title_en: generator(fields.title_en, title)?,
        })
    }

    /// The body snippet of a hit; its opening when nothing in it matched
    /// (a title match, or browsing).
    pub fn body(&self, lang: Lang, markdown: &str) -> String {
        let generator = match lang {
            Lang::Nl => &self.body_nl,
            Lang::En => &self.body_en,
        };
        let text = crate::markdown::plain_text(markdown);
        let snippet = generator.snippet(&text);
        if snippet.is_empty() {
            opening(&text)
        } else {
            html(snippet, &text)
        }
    }

    /// The whole title, its matching words marked.
    pub fn title(&self, lang: Lang, title: &str) -> String {
        let generator = match lang {
            Lang::Nl => &self.title_nl,
            Lang::En => &self.title_en,
        };
        let mut snippet = generator.snippet(title);
        if snippet.is_empty() {
            return escape(title);
        }
        // The fragment runs from its first word to its last: what comes
        // before and after (quotes, brackets, "?") is the title's too.
        let range = snippet.fragment_range();
        snippet.set_snippet_prefix_postfix("<mark>", "</mark>");
        format!(
            "{}{}{}",
            escape(&title[..range.start]),
            snippet.to_html(),
            escape(&title[range.end..])
        )
    }

    /// Both, for a stored document.
    pub fn of(&self, doc: &TantivyDocument, fields: &Fields, lang: Lang) -> (String, String) {
        (
            self.title(lang, &fields.text_of(doc, fields.title(lang))),
            self.body(lang, &fields.text_of(doc, fields.body(lang))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{SNIPPET_CHARS, opening};

    #[test]
    fn an_opening_ends_after_a_whole_word_and_says_it_goes_on() {
        let text = "woord ".repeat(SNIPPET_CHARS / 4);
        let cut = opening(&text);
        assert!(cut.ends_with("woord…"), "{cut}");
        assert_eq!(opening("kort & klein"), "kort &#38; klein");
    }
}
