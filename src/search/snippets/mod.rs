//! What a hit shows of its story: a snippet of the plain text around the
//! matching words (no Markdown syntax, whole words, "…" where the text goes
//! on), and the title — both escaped, with only `<mark>` as markup around
//! the words that matched.
//!
//! The fragment is the one tantivy's `SnippetGenerator` chooses (the text
//! cut into windows of [`SNIPPET_CHARS`] bytes at word starts; the window
//! whose matching words are rarest wins, the earliest among equals), and a
//! test holds the two to the same result. It is found here rather than by
//! tantivy because that generator runs every word of the story through the
//! field's whole analyser and looks its lowercased copy up in an ordered
//! map: with the Markdown gone, that was the largest part of a search (a
//! story is about 600 words; a page shows ten). Here only the words that
//! begin as one of the query's terms are found ([`find`]: the ways those
//! beginnings may be written are searched for, many bytes at a time), and
//! just those are folded and stemmed, and looked up in a hash set.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{Language, TextAnalyzer, TokenStream};
use tantivy::{Score, TantivyDocument, Term};

use super::SearchError;
use super::common_pairs;
use super::schema::{self, Fields, language_analyzer};
use super::statistics::Statistics;
use crate::domain::Lang;

/// About this many characters of story text per hit.
pub const SNIPPET_CHARS: usize = 220;
/// A title is at most 120 characters: always whole.
const TITLE_CHARS: usize = 400;
const ELLIPSIS: &str = "…";

/// A highlighter per language for the body, and one for the title.
pub struct Snippets {
    body_nl: Highlighter,
    body_en: Highlighter,
    title_nl: Highlighter,
    title_en: Highlighter,
}

/// `text` with `&`, `<`, `>` and `"` escaped, appended to `html`.
fn escape_into(html: &mut String, text: &str) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(html, text);
}

fn escape(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    escape_into(&mut html, text);
    html
}

/// The fragment of a text chosen for a snippet, and its matching words;
/// all byte ranges of the text.
#[derive(Debug, Clone, PartialEq)]
struct Fragment {
    range: Range<usize>,
    marks: Vec<Range<usize>>,
    score: Score,
}

impl Fragment {
    /// The fragment's text escaped, `<mark>` around its matching words.
    fn html(&self, text: &str) -> String {
        let mut html = String::with_capacity(self.range.len() + 16 * self.marks.len());
        let mut from = self.range.start;
        for mark in &self.marks {
            escape_into(&mut html, &text[from..mark.start]);
            html.push_str("<mark>");
            escape_into(&mut html, &text[mark.clone()]);
            html.push_str("</mark>");
            from = mark.end;
        }
        escape_into(&mut html, &text[from..self.range.end]);
        html
    }
}

/// The snippet's HTML, with "…" on each side where `text` goes on; closing
/// punctuation is kept instead.
fn body_html(fragment: &Fragment, text: &str) -> String {
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    let before = if words(&text[..fragment.range.start]) {
        ELLIPSIS
    } else {
        ""
    };
    let rest = &text[fragment.range.end..];
    let after = if words(rest) {
        ELLIPSIS.to_owned()
    } else {
        escape(rest.trim_end())
    };
    format!("{before}{}{after}", fragment.html(text))
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
        statistics: &Statistics,
        query: &dyn Query,
        fields: &Fields,
    ) -> Result<Snippets, SearchError> {
        let (nl, en) = (Language::Dutch, Language::English);
        // The beginning of a word being typed is one term of `begins`,
        // the same for every field ([`super::beginnings`]).
        let mut beginning = None;
        query.query_terms(&mut |term, _| {
            if term.field() == fields.begins {
                beginning = Some(term.clone());
            }
        });
        let beginning = match beginning {
            Some(term) => {
                let doc_freq = statistics.doc_freq(&term)?;
                let text = term.value().as_str().unwrap_or_default().to_owned();
                (doc_freq > 0).then(|| (text, 1.0 / (1.0 + doc_freq as Score)))
            }
            None => None,
        };
        let make = |field, language, chars| {
            Highlighter::new(statistics, query, field, beginning.clone(), language, chars)
        };
        Ok(Snippets {
            body_nl: make(fields.body_nl, nl, SNIPPET_CHARS)?,
            body_en: make(fields.body_en, en, SNIPPET_CHARS)?,
            title_nl: make(fields.title_nl, nl, TITLE_CHARS)?,
            title_en: make(fields.title_en, en, TITLE_CHARS)?,
        })
    }

    /// The body snippet of a hit (the index keeps bodies as plain text);
    /// its opening when nothing in it matched (a title match, or browsing).
    pub fn body(&self, lang: Lang, text: &str) -> String {
        let highlighter = match lang {
            Lang::Nl => &self.body_nl,
            Lang::En => &self.body_en,
        };
        match highlighter.fragment(text) {
            Some(fragment) => body_html(&fragment, text),
            None => opening(text),
        }
    }

    /// The whole title, its matching words marked.
    pub fn title(&self, lang: Lang, title: &str) -> String {
        let highlighter = match lang {
            Lang::Nl => &self.title_nl,
            Lang::En => &self.title_en,
        };
        match highlighter.fragment(title) {
            // The fragment runs from its first word to its last: what comes
            // before and after (quotes, brackets, "?") is the title's too.
            Some(fragment) => format!(
                "{}{}{}",
                escape(&title[..fragment.range.start]),
                fragment.html(title),
                escape(&title[fragment.range.end..])
            ),
            None => escape(title),
        }
    }

    /// Both, for a stored document.
    pub fn of(&self, doc: &TantivyDocument, fields: &Fields, lang: Lang) -> (String, String) {
        (
            self.title(lang, &fields.text_of(doc, fields.title(lang))),
            self.body(lang, &fields.text_of(doc, fields.body(lang))),
        )
    }
}

/// Finds the fragment of one field's text for a query.
struct Highlighter {
    /// The query's terms in the field, each scored by its rarity as tantivy
    /// scores them.
    terms: HashMap<String, Score>,
    /// The beginning of a word being typed (folded), and its score: every
    /// word that begins so matches ([`super::beginnings`]).
    beginning: Option<(String, Score)>,
    /// [`start`] of each term and of the beginning.
    starts: Starts,
    /// Finds the words that may begin so.
    finder: find::Finder,
    /// The field's analyser, for the words that may be terms.
    stem: TextAnalyzer,
    /// Lowercases and folds, for the words that may begin so.
    fold: TextAnalyzer,
    chars: usize,
}

impl Highlighter {
    fn new(
        statistics: &Statistics,
        query: &dyn Query,
        field: Field,
        beginning: Option<(String, Score)>,
        language: Language,
        chars: usize,
    ) -> Result<Highlighter, SearchError> {
        let mut in_field: BTreeSet<Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                in_field.insert(term.clone());
            }
        });
        // A pair of common words (a phrase's) marks each of its words.
        let in_field: BTreeSet<Term> = in_field
            .into_iter()
            .flat_map(|term| {
                let text = term.value().as_str().unwrap_or_default().to_owned();
                common_pairs::words_of(&text)
                    .map(|word| Term::from_field_text(field, word))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut terms = HashMap::new();
        for term in in_field {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = statistics.doc_freq(&term)?;
            if doc_freq > 0 {
                terms.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        let starts: Vec<_> = terms
            .keys()
            .chain(beginning.as_ref().map(|(text, _)| text))
            .map(|t| start(t))
            .collect();
        Ok(Highlighter {
            starts: Starts::new(starts.iter().copied()),
            finder: find::Finder::new(starts),
            terms,
            beginning,
            stem: language_analyzer(language),
            fold: schema::fold_analyzer(),
            chars,
        })
    }

    /// Whether `word` as written may be a term or begin as the word being
    /// typed: no when its first two letters say so. (A word whose start is
    /// not plain ASCII is analysed to know.)
    fn may_be(&self, word: &str) -> bool {
        ascii_start(word).is_none_or(|start| self.starts.may_be(start))
    }

    /// The score of `word` as written: its term's, when it is one, or the
    /// beginning's, when it begins so.
    fn score(&self, stem: &mut TextAnalyzer, fold: &mut TextAnalyzer, word: &str) -> Option<Score> {
        let mut stream = stem.token_stream(word);
        if !stream.advance() {
            return None;
        }
        if let Some(score) = self.terms.get(&stream.token().text) {
            return Some(*score);
        }
        let (beginning, score) = self.beginning.as_ref()?;
        let mut stream = fold.token_stream(word);
        (stream.advance() && stream.token().text.starts_with(beginning.as_str())).then_some(*score)
    }

    /// The best fragment of `text`, when some word in it is a term: the
    /// one whose matching words score highest, the earliest among equals
    /// (tantivy's choice; see [`find`]).
    fn fragment(&self, text: &str) -> Option<Fragment> {
        if self.terms.is_empty() && self.beginning.is_none() {
            return None;
        }
        let matches = self.matches(text);
        // The fragments, from the text's start to the one of the last match.
        let mut start = 0;
        let mut next = find::next_fragment(text, 0, self.chars);
        let mut best: Option<(usize, Option<usize>, Range<usize>, Score)> = None;
        let mut at = 0;
        while at < matches.len() {
            while let Some(after) = next.filter(|&after| matches[at].0.start >= after) {
                start = after;
                next = find::next_fragment(text, after, self.chars);
            }
            let from = at;
            let mut score: Score = 0.0;
            while at < matches.len() && next.is_none_or(|after| matches[at].0.start < after) {
                score += matches[at].1;
                at += 1;
            }
            if score > 0.0 && best.as_ref().is_none_or(|b| score > b.3) {
                best = Some((start, next, from..at, score));
            }
        }
        let (start, next, marks, score) = best?;
        Some(Fragment {
            range: start..find::fragment_end(text, start, next),
            marks: matches[marks]
                .iter()
                .map(|(word, _)| word.clone())
                .collect(),
            score,
        })
    }

    /// The words of `text` that are terms or begin as the word being typed,
    /// in order, with their scores.
    fn matches(&self, text: &str) -> Vec<(Range<usize>, Score)> {
        let words = self.finder.words(text);
        // The analysers, cloned once a word needs them.
        let mut analysers: Option<(TextAnalyzer, TextAnalyzer)> = None;
        // The words that may be terms are analysed once each: a story
        // repeats its words. (Remembering them across a page's stories
        // too was measured: no faster.)
        let mut analysed: HashMap<&str, Option<Score>, foldhash::fast::RandomState> =
            HashMap::default();
        let mut matches = Vec::new();
        for word in words {
            // As the fields' analysers do, over-long words are left out.
            if word.len() >= schema::LONGEST_WORD {
                continue;
            }
            let written = &text[word.clone()];
            if !self.may_be(written) {
                continue;
            }
            let score = *analysed.entry(written).or_insert_with(|| {
                let (stem, fold) =
                    analysers.get_or_insert_with(|| (self.stem.clone(), self.fold.clone()));
                self.score(stem, fold, written)
            });
            if let Some(score) = score {
                matches.push((word, score));
            }
        }
        matches
    }
}

mod find;
#[cfg(test)]
mod tests;
mod words;

use words::{Starts, ascii_start, start};
