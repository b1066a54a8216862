//! Pairs of common words, indexed as one term: what keeps a phrase of
//! common words fast on a large index.
//!
//! A phrase is found by reading, in every story that has all its words, the
//! positions of each word. For "de klant" that is cheap: `klant` is in few
//! stories, and only those are read. For "en de" or "of the" it is not:
//! nearly every story of the language has both words, hundreds of times
//! each, and at a million stories such a phrase took 80 ms. So where two
//! common words follow each other, the text fields also index the pair as
//! one term (`en de`), at the position of its first word; a phrase then
//! reads the pair's short list instead of the two long ones. This is what
//! Lucene's `CommonGramsFilter` does (and HathiTrust's full-text search
//! before it), kept to pairs of which *both* words are common: a phrase with
//! one uncommon word is already cheap, because that word's stories are all
//! that are read, and this keeps the index small (about a tenth more terms
//! in a story's text fields).
//!
//! "Common" are the stems of the language's stop words (NLTK's lists, from
//! the `stop-words` crate), stemmed by the field's own analyser. A pair
//! contains a space; no single word does, so pairs never meet words.

use std::collections::HashSet;
use std::sync::{Arc, LazyLock};

use tantivy::tokenizer::{Language, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer};
use tantivy::{Index, Term};

use super::schema::{self, language_analyzer};

/// The stems of a language's stop words.
pub fn common_words(language: Language) -> Arc<HashSet<String>> {
    static DUTCH: LazyLock<Arc<HashSet<String>>> =
        LazyLock::new(|| stems(Language::Dutch, stop_words::get("nl")));
    static ENGLISH: LazyLock<Arc<HashSet<String>>> =
        LazyLock::new(|| stems(Language::English, stop_words::get("en")));
    match language {
        Language::Dutch => DUTCH.clone(),
        _ => ENGLISH.clone(),
    }
}

/// Each of `words` as the field's analyser stems it; a word it splits
/// (`aren't`) is left out.
fn stems(language: Language, words: &[&str]) -> Arc<HashSet<String>> {
    let mut analyzer = language_analyzer(language);
    let mut stems = HashSet::new();
    for word in words {
        let mut stream = analyzer.token_stream(word);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push(stream.token().text.clone());
        }
        if let [stem] = tokens.as_slice() {
            stems.insert(stem.clone());
        }
    }
    Arc::new(stems)
}

/// Whether an indexed term of a text field is a pair, not a word.
pub fn is_pair(term: &str) -> bool {
    term.contains(' ')
}

/// The words of a pair (or the word itself).
pub fn words_of(term: &str) -> impl Iterator<Item = &str> {
    term.split(' ')
}

/// The terms a phrase is searched by in a text field, each with its offset
/// from the first: every pair the analyser made, and every word no pair
/// covers. "het is de klant" is searched as `het is`, `is de` and `klant`;
/// "the of" as the one term `the of`.
pub fn phrase_terms(
    index: &Index,
    analyzer: &str,
    field: tantivy::schema::Field,
    text: &str,
) -> Vec<(usize, Term)> {
    let (pairs, words): (Vec<_>, Vec<_>) = schema::tokens(index, analyzer, text)
        .into_iter()
        .partition(|(_, token)| is_pair(token));
    let covered: HashSet<usize> = pairs.iter().flat_map(|(p, _)| [*p, p + 1]).collect();
    let mut terms: Vec<(usize, String)> = pairs;
    terms.extend(words.into_iter().filter(|(p, _)| !covered.contains(p)));
    terms.sort();
    let first = terms.first().map_or(0, |(p, _)| *p);
    terms
        .into_iter()
        .map(|(p, text)| (p - first, Term::from_field_text(field, &text)))
        .collect()
}

/// The field's analyser with pairs of common words added:
/// [`schema::analyzer_builder`] followed by [`CommonPairs`].
pub fn with_pairs(language: Language) -> TextAnalyzer {
    schema::analyzer_builder(language)
        .filter(CommonPairs {
            common: common_words(language),
        })
        .build()
}

/// After each common word that a common word follows, the two as one token.
#[derive(Clone)]
pub struct CommonPairs {
    common: Arc<HashSet<String>>,
}

impl TokenFilter for CommonPairs {
    type Tokenizer<T: Tokenizer> = CommonPairsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CommonPairsFilter<T> {
        CommonPairsFilter {
            inner: tokenizer,
            common: self.common,
        }
    }
}

#[derive(Clone)]
pub struct CommonPairsFilter<T> {
    inner: T,
    common: Arc<HashSet<String>>,
}

impl<T: Tokenizer> Tokenizer for CommonPairsFilter<T> {
    type TokenStream<'a> = CommonPairsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CommonPairsStream {
            inner: self.inner.token_stream(text),
            common: &self.common,
            held: Token::default(),
            pair: Token::default(),
            showing: Showing::Inner,
            ahead: false,
            pair_next: false,
            done: false,
        }
    }
}

/// Which token the stream is at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Showing {
    /// The inner stream's.
    Inner,
    /// A common word taken out of the inner stream to look past it.
    Held,
    /// The pair of the held word and the inner stream's.
    Pair,
}

pub struct CommonPairsStream<'a, S> {
    inner: S,
    common: &'a HashSet<String>,
    held: Token,
    pair: Token,
    showing: Showing,
    /// The inner stream is at a word not yet shown: read to look ahead.
    ahead: bool,
    /// The pair comes next.
    pair_next: bool,
    /// The inner stream has ended.
    done: bool,
}

impl<S: TokenStream> TokenStream for CommonPairsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.pair_next {
            self.pair_next = false;
            self.showing = Showing::Pair;
            return true;
        }
        if self.ahead {
            self.ahead = false;
        } else if self.done || !self.inner.advance() {
            self.done = true;
            return false;
        }
        self.showing = Showing::Inner;
        if !self.common.contains(&self.inner.token().text) {
            return true;
        }
        // A common word: hold it (its text swapped out, so nothing is
        // allocated) and look at the next.
        let word = self.inner.token_mut();
        std::mem::swap(&mut self.held.text, &mut word.text);
        self.held.offset_from = word.offset_from;
        self.held.offset_to = word.offset_to;
        self.held.position = word.position;
        self.held.position_length = word.position_length;
        self.showing = Showing::Held;
        if !self.inner.advance() {
            self.done = true;
            return true;
        }
        self.ahead = true;
        let next = self.inner.token();
        if next.position == self.held.position + 1 && self.common.contains(&next.text) {
            self.pair.text.clear();
            self.pair.text.push_str(&self.held.text);
            self.pair.text.push(' ');
            self.pair.text.push_str(&next.text);
            self.pair.offset_from = self.held.offset_from;
            self.pair.offset_to = next.offset_to;
            self.pair.position = self.held.position;
            self.pair.position_length = 2;
            self.pair_next = true;
        }
        true
    }

    fn token(&self) -> &Token {
        match self.showing {
            Showing::Inner => self.inner.token(),
            Showing::Held => &self.held,
            Showing::Pair => &self.pair,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.showing {
            Showing::Inner => self.inner.token_mut(),
            Showing::Held => &mut self.held,
            Showing::Pair => &mut self.pair,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(language: Language, text: &str) -> Vec<(usize, String)> {
        let mut analyzer = with_pairs(language);
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push((stream.token().position, stream.token().text.clone()));
        }
        tokens
    }

    fn owned(tokens: &[(usize, &str)]) -> Vec<(usize, String)> {
        tokens.iter().map(|(p, t)| (*p, t.to_string())).collect()
    }

    #[test]
    fn two_common_words_in_a_row_are_also_a_pair_at_the_first_ones_position() {
        assert_eq!(
            tokens(Language::Dutch, "Het is de klant, en de buren."),
            owned(&[
                (0, "het"),
                (0, "het is"),
                (1, "is"),
                (1, "is de"),
                (2, "de"),
                (3, "klant"),
                (4, "en"),
                (4, "en de"),
                (5, "de"),
                (6, "buur"),
            ])
        );
        // Stop words are stemmed as the field stems them: "having" is "have".
        assert_eq!(
            tokens(Language::English, "Customers having the of"),
            owned(&[
                (0, "custom"),
                (1, "have"),
                (1, "have the"),
                (2, "the"),
                (2, "the of"),
                (3, "of"),
            ])
        );
    }

    #[test]
    fn a_common_word_at_the_end_or_alone_is_only_itself() {
        assert_eq!(
            tokens(Language::Dutch, "klant de"),
            owned(&[(0, "klant"), (1, "de")])
        );
        assert_eq!(tokens(Language::Dutch, "de"), owned(&[(0, "de")]));
        assert_eq!(tokens(Language::Dutch, ""), Vec::new());
    }

    #[test]
    fn a_word_left_out_between_two_common_words_makes_no_pair() {
        let long = "a".repeat(schema::LONGEST_WORD + 1);
        let text = format!("de {long} en");
        assert_eq!(
            tokens(Language::Dutch, &text),
            owned(&[(0, "de"), (2, "en")])
        );
    }

    #[test]
    fn a_phrase_is_searched_by_its_pairs_and_the_words_they_leave() {
        let index = Index::create_in_ram(schema::Fields::new().schema);
        schema::register_analyzers(&index);
        let field = schema::Fields::new().body_nl;
        let texts = |text: &str| -> Vec<(usize, String)> {
            phrase_terms(&index, schema::NL, field, text)
                .into_iter()
                .map(|(p, term)| (p, term.value().as_str().unwrap().to_owned()))
                .collect()
        };
        assert_eq!(
            texts("het is de klant"),
            owned(&[(0, "het is"), (1, "is de"), (3, "klant")])
        );
        assert_eq!(texts("en de"), owned(&[(0, "en de")]));
        assert_eq!(
            texts("de klant belt"),
            owned(&[(0, "de"), (1, "klant"), (2, "belt")])
        );
    }
}
