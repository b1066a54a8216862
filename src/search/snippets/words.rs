//! Splitting a hit's text into words, as the fields' analysers do, and
//! telling at a glance which words may be one of the query's terms.
//!
//! Every word of each hit's text passes here (a story is about 600 words,
//! a page shows ten), so both are table lookups per byte and per word.
//! (Marking the bytes 64 at a time and finding words by bit masks was
//! tried: slower, the words being short.)

use std::ops::Range;

/// What a byte says of the character it begins: a letter or digit of
/// ASCII, other ASCII, or the first byte of a longer character, which is
/// decoded to know. (`Words` only ever looks at a character's first byte.)
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Other,
    Decode,
}

const CLASSES: [Class; 256] = {
    let mut table = [Class::Decode; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = if (byte as u8).is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Other
        };
        byte += 1;
    }
    table
};

/// The words of a text where tantivy's `SimpleTokenizer` (which the
/// fields' analysers start with) cuts them: runs of alphanumeric
/// characters. As byte ranges of the text rather than tokens: the tokenizer
/// copies every word into a string of its own, and only the few words that
/// may be terms are looked at again. ASCII is classified by a table; only a
/// longer character is decoded to know whether it is a letter.
pub(super) struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    pub(super) fn of(text: &'a str) -> Words<'a> {
        Words { text, at: 0 }
    }

    /// The words from `at`, a character boundary where a word begins or
    /// none is (the character before is no letter or digit).
    pub(super) fn at(text: &'a str, at: usize) -> Words<'a> {
        Words { text, at }
    }

    /// Moves past the bytes of `class` from `at`; false at the end.
    #[inline]
    fn skip(&mut self, class: Class) -> bool {
        let rest = &self.text.as_bytes()[self.at..];
        match rest.iter().position(|&b| CLASSES[usize::from(b)] != class) {
            Some(n) => {
                self.at += n;
                true
            }
            None => {
                self.at = self.text.len();
                false
            }
        }
    }

    /// The character at `at` (where a byte of [`Class::Decode`] is):
    /// whether it is alphanumeric, and its length.
    fn decode(&self) -> (bool, usize) {
        let c = self.text[self.at..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let bytes = self.text.as_bytes();
        // To the word's first character: over ASCII that is none, and over
        // longer characters that are not letters or digits.
        let start = loop {
            if !self.skip(Class::Other) {
                return None;
            }
            if CLASSES[usize::from(bytes[self.at])] == Class::Word {
                break self.at;
            }
            match self.decode() {
                (true, _) => break self.at,
                (false, len) => self.at += len,
            }
        };
        // To its end, likewise.
        while self.skip(Class::Word) && CLASSES[usize::from(bytes[self.at])] == Class::Decode {
            match self.decode() {
                (true, len) => self.at += len,
                (false, _) => break,
            }
        }
        Some(start..self.at)
    }
}

/// The first two letters of a folded word, `y` read as `i`: a word and its
/// stem always share them (the stemmers change endings only; English turns
/// `dying` into `die`, hence the `y`).
pub(super) fn start(word: &str) -> (char, Option<char>) {
    let mut letters = word.chars().map(|c| if c == 'y' { 'i' } else { c });
    (letters.next().unwrap_or(' '), letters.next())
}

/// [`start`] of a word as written, when its first two characters are
/// ASCII (lowercasing and folding them is then trivial); `None` otherwise.
pub(super) fn ascii_start(word: &str) -> Option<(char, Option<char>)> {
    let bytes = word.as_bytes();
    let letter = |b: u8| {
        let c = b.to_ascii_lowercase() as char;
        if c == 'y' { 'i' } else { c }
    };
    match bytes {
        [] => None,
        [a, ..] if !a.is_ascii() => None,
        [a] => Some((letter(*a), None)),
        [_, b, ..] if !b.is_ascii() => None,
        [a, b, ..] => Some((letter(*a), Some(letter(*b)))),
    }
}

/// The [`start`]s of the query's terms, as a table: for each first letter
/// or digit, a bit per second one, and one for a word of a single letter.
/// A word whose start is not in it is no term.
pub(super) struct Starts([u64; 36]);

/// Bit of a word that ends after its first letter.
const ALONE: u64 = 1 << 36;

fn slot(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        '0'..='9' => Some(26 + c as usize - '0' as usize),
        _ => None,
    }
}

impl Starts {
    pub(super) fn new(starts: impl IntoIterator<Item = (char, Option<char>)>) -> Starts {
        let mut table = [0; 36];
        for (first, second) in starts {
            // A term that starts otherwise (not folded to ASCII) is met
            // only by words that do too, which are always looked at.
            let Some(first) = slot(first) else {
                continue;
            };
            match second {
                // A term of one letter: every word beginning so.
                None => table[first] = u64::MAX,
                Some(second) => {
                    if let Some(second) = slot(second) {
                        table[first] |= 1 << second;
                    }
                }
            }
        }
        Starts(table)
    }

    /// Whether a word that starts so ([`ascii_start`]) may be a term.
    pub(super) fn may_be(&self, (first, second): (char, Option<char>)) -> bool {
        let Some(first) = slot(first) else {
            return false;
        };
        let bit = match second {
            None => ALONE,
            Some(second) => match slot(second) {
                Some(second) => 1 << second,
                None => return false,
            },
        };
        self.0[first] & bit != 0
    }
}
