//! What a hit shows of its story: a snippet of the plain text around the
//! matching words (no Markdown syntax, whole words, "…" where the text goes
//! on), and the title — both escaped, with only `<mark>` as markup around
//! the words that matched.

use std::collections::{BTreeMap, BTreeSet};

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::tokenizer::{BoxTokenStream, Language, TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{Score, Searcher, TantivyDocument, Term};

use super::SearchError;
use super::schema::{Fields, fold_analyzer, language_analyzer};
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
        // A title is at most 120 characters: always whole.
        let title = 400;
        let (nl, en) = (Language::Dutch, Language::English);
        Ok(Snippets {
            body_nl: generator(searcher, query, fields.body_nl, nl, SNIPPET_CHARS)?,
            body_en: generator(searcher, query, fields.body_en, en, SNIPPET_CHARS)?,
            title_nl: generator(searcher, query, fields.title_nl, nl, title)?,
            title_en: generator(searcher, query, fields.title_en, en, title)?,
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

/// tantivy's `SnippetGenerator::create`, with a cheaper analyser: the
/// query's terms of `field`, each scored by its rarity as tantivy does, and
/// [`Candidates`] in place of the field's stemming analyser.
fn generator(
    searcher: &Searcher,
    query: &dyn Query,
    field: Field,
    language: Language,
    chars: usize,
) -> Result<SnippetGenerator, SearchError> {
    let mut terms: BTreeSet<Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut texts: BTreeMap<String, Score> = BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let doc_freq = searcher.doc_freq(&term)?;
        if doc_freq > 0 {
            texts.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
        }
    }
    let starts = texts.keys().map(|t| start(t)).collect();
    let analyzer = TextAnalyzer::from(Candidates {
        fold: fold_analyzer(),
        stem: language_analyzer(language),
        starts,
    });
    Ok(SnippetGenerator::new(texts, analyzer, field, chars))
}

/// The first two letters of a folded word, `y` read as `i`: a word and its
/// stem always share them (the stemmers change endings only; English turns
/// `dying` into `die`, hence the `y`).
fn start(word: &str) -> (char, Option<char>) {
    let mut letters = word.chars().map(|c| if c == 'y' { 'i' } else { c });
    (letters.next().unwrap_or(' '), letters.next())
}

/// The field's analyser for a snippet, minus most of its cost: every word
/// is split, lowercased and folded as in the index, but only a word that
/// starts as one of the query's terms is stemmed (stemming every word of a
/// long story was most of a search's time). A word that is not stemmed
/// cannot be one of the terms, so the snippet is the same.
#[derive(Clone)]
struct Candidates {
    fold: TextAnalyzer,
    stem: TextAnalyzer,
    starts: Vec<(char, Option<char>)>,
}

impl Tokenizer for Candidates {
    type TokenStream<'a> = CandidateStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> CandidateStream<'a> {
        CandidateStream {
            words: self.fold.token_stream(text),
            stem: &mut self.stem,
            starts: &self.starts,
        }
    }
}

struct CandidateStream<'a> {
    words: BoxTokenStream<'a>,
    stem: &'a mut TextAnalyzer,
    starts: &'a [(char, Option<char>)],
}

impl TokenStream for CandidateStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.words.advance() {
            return false;
        }
        let (first, second) = start(&self.words.token().text);
        let candidate = self
            .starts
            .iter()
            .any(|&(f, s)| f == first && (s.is_none() || s == second));
        if candidate {
            let stem = {
                let mut stemmed = self.stem.token_stream(&self.words.token().text);
                stemmed.advance().then(|| stemmed.token().text.clone())
            };
            if let Some(stem) = stem {
                self.words.token_mut().text = stem;
            }
        }
        true
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::Language;

    use super::{SNIPPET_CHARS, opening};

    /// The cheaper analyser marks exactly what tantivy's own generator
    /// marks, in both languages, for stems that differ from their words
    /// (`klanten`, `dying`, `creëren`, `happily`).
    #[test]
    fn snippets_are_those_of_the_fields_own_analyser() {
        use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
        use tantivy::schema::IndexRecordOption;
        use tantivy::snippet::SnippetGenerator;
        use tantivy::{Index, Term, doc};

        use crate::search::schema::{self, Fields};

        let fields = Fields::new();
        let index = Index::create_in_ram(fields.schema.clone());
        schema::register_analyzers(&index);
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let nl = "De klanten belden. Een klant wilde creëren, niet afwachten. Klantenservice hielp de klant.";
        let en = "Dying batteries, a dying inverter: the customers happily called; the customer was happy.";
        writer
            .add_document(doc!(fields.body_nl => nl, fields.body_en => en))
            .unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let words = |field, text: &str| {
            schema::analyze(
                &index,
                if field == fields.body_nl {
                    schema::NL
                } else {
                    schema::EN
                },
                text,
            )
            .into_iter()
            .map(move |w| -> (Occur, Box<dyn Query>) {
                let term = Term::from_field_text(field, &w);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                )
            })
            .collect::<Vec<_>>()
        };
        for (field, language, text, query) in [
            (fields.body_nl, Language::Dutch, nl, "klanten creëren"),
            (
                fields.body_en,
                Language::English,
                en,
                "dying happily customers",
            ),
        ] {
            let query = BooleanQuery::new(words(field, query));
            let ours = super::generator(&searcher, &query, field, language, 60).unwrap();
            let mut theirs = SnippetGenerator::create(&searcher, &query, field).unwrap();
            theirs.set_max_num_chars(60);
            let (a, b) = (ours.snippet(text), theirs.snippet(text));
            assert!(!a.is_empty(), "{text}");
            assert_eq!(a.to_html(), b.to_html());
            assert_eq!(a.highlighted(), b.highlighted());
        }
    }

    #[test]
    fn an_opening_ends_after_a_whole_word_and_says_it_goes_on() {
        let text = "woord ".repeat(SNIPPET_CHARS / 4);
        let cut = opening(&text);
        assert!(cut.ends_with("woord…"), "{cut}");
        assert_eq!(opening("kort & klein"), "kort &#38; klein");
    }
}
