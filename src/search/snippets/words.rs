//! Splitting a hit's text into words, as the fields' analysers do.

use std::ops::Range;

/// The words of a text where tantivy's `SimpleTokenizer` (which the
/// fields' analysers start with) cuts them: runs of alphanumeric
/// characters. As byte ranges of the text rather than tokens: the tokenizer
/// copies every word into a string of its own, and a hit's text is about
/// 600 words, of which only the few that may be terms are looked at again.
pub(super) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    pub(super) fn of(text: &'a str) -> Words<'a> {
        Words { text, at: 0 }
    }

    /// The character at byte `at` and its length; ASCII without decoding.
    fn char_at(&self, at: usize) -> Option<(char, usize)> {
        let byte = *self.text.as_bytes().get(at)?;
        if byte.is_ascii() {
            return Some((char::from(byte), 1));
        }
        let c = self.text[at..].chars().next()?;
        Some((c, c.len_utf8()))
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = loop {
            let (c, len) = self.char_at(self.at)?;
            if c.is_alphanumeric() {
                break self.at;
            }
            self.at += len;
        };
        while let Some((c, len)) = self.char_at(self.at) {
            if !c.is_alphanumeric() {
                break;
            }
            self.at += len;
        }
        Some(start..self.at)
    }
}
