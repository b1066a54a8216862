//! The beginnings of words, for a word still being typed.
//!
//! The search box and the widget search at every pause in typing, and the
//! last word is then also a prefix: `ver` stands for `verder`, `verhaal`,
//! `verschillende` and a few thousand more. Searching those as words cost
//! the union of a hundred posting lists or more for every keystroke (the
//! slowest query class at 100,000 stories, p95 10 ms), and a cap on how many
//! completions are searched dropped the rarer ones.
//!
//! So the field `begins` indexes, for every word of a story (folded, not
//! stemmed), its first [`FROM`] to [`UP_TO`] letters as terms of their own
//! (Lucene's edge n-grams, Elasticsearch's `search_as_you_type`): a typed
//! prefix of that length is one term, its postings every story with a word
//! that begins so, scored by how often such words occur. A longer prefix
//! has few completions, and those are searched as words
//! ([`super::text_query`]).
//!
//! The cost is in the index: about a quarter more (see the README's
//! benchmark), term frequencies but no positions.

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// The shortest beginning indexed: the shortest prefix searched as one
/// ([`super::syntax::PREFIX_MIN_CHARS`]).
pub const FROM: usize = super::syntax::PREFIX_MIN_CHARS;
/// The longest beginning indexed, in letters.
pub const UP_TO: usize = 6;

/// Whether a folded prefix is searched as one term of `begins`.
pub fn is_indexed(prefix: &str) -> bool {
    (FROM..=UP_TO).contains(&prefix.chars().count())
}

/// Each token in turn as its beginnings of [`FROM`] to [`UP_TO`] letters
/// (a shorter word has fewer, one shorter than [`FROM`] none), each with
/// the word's offsets and position.
#[derive(Clone, Copy, Default)]
pub struct Beginnings;

impl TokenFilter for Beginnings {
    type Tokenizer<T: Tokenizer> = BeginningsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> BeginningsFilter<T> {
        BeginningsFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct BeginningsFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for BeginningsFilter<T> {
    type TokenStream<'a> = BeginningsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        BeginningsStream {
            inner: self.inner.token_stream(text),
            token: Token::default(),
            word: String::new(),
            ends: Vec::with_capacity(UP_TO),
            next: 0,
        }
    }
}

pub struct BeginningsStream<S> {
    inner: S,
    token: Token,
    /// The word whose beginnings are being shown.
    word: String,
    /// The byte length of each of its beginnings.
    ends: Vec<usize>,
    /// Which of them comes next.
    next: usize,
}

impl<S: TokenStream> TokenStream for BeginningsStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(&end) = self.ends.get(self.next) {
                self.next += 1;
                self.token.text.clear();
                self.token.text.push_str(&self.word[..end]);
                return true;
            }
            if !self.inner.advance() {
                return false;
            }
            let word = self.inner.token();
            self.word.clear();
            self.word.push_str(&word.text);
            self.token.offset_from = word.offset_from;
            self.token.offset_to = word.offset_to;
            self.token.position = word.position;
            self.token.position_length = word.position_length;
            self.ends.clear();
            self.next = 0;
            for (letters, (at, c)) in self.word.char_indices().enumerate() {
                if letters + 1 > UP_TO {
                    break;
                }
                if letters + 1 >= FROM {
                    self.ends.push(at + c.len_utf8());
                }
            }
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer};

    use super::*;

    fn beginnings(text: &str) -> Vec<(usize, String)> {
        let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Beginnings)
            .build();
        let mut stream = analyzer.token_stream(text);
        let mut tokens = Vec::new();
        while stream.advance() {
            tokens.push((stream.token().position, stream.token().text.clone()));
        }
        tokens
    }

    #[test]
    fn each_word_is_its_beginnings_of_three_to_six_letters() {
        let owned = |tokens: &[(usize, &str)]| -> Vec<(usize, String)> {
            tokens.iter().map(|(p, t)| (*p, t.to_string())).collect()
        };
        assert_eq!(
            beginnings("de klantenservice belt"),
            owned(&[
                (1, "kla"),
                (1, "klan"),
                (1, "klant"),
                (1, "klante"),
                (2, "bel"),
                (2, "belt"),
            ])
        );
        assert!(beginnings("ik ga").is_empty(), "words under three letters");
    }

    #[test]
    fn letters_are_counted_not_bytes() {
        let texts: Vec<String> = beginnings("één").into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["één"]);
        let texts: Vec<String> = beginnings("crèmebrûlée")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(texts, ["crè", "crèm", "crème", "crèmeb"]);
    }

    #[test]
    fn a_prefix_is_searched_as_a_beginning_from_three_to_six_letters() {
        assert!(!is_indexed("kl"));
        assert!(is_indexed("kla"));
        assert!(is_indexed("klante"));
        assert!(is_indexed("crèmeb"));
        assert!(!is_indexed("klanten"));
    }
}
