//! Finding a hit's matching words without looking at each of its words, and
//! the fragments its text is cut into without cutting all of them.
//!
//! A story is about 600 words and only a few are the query's; looking at
//! every word (splitting it off, looking its start up) was the largest part
//! of a search's time. Here the ways a term's first two letters may be
//! written are searched for at once (aho-corasick's [`packed::Searcher`],
//! which scans many bytes at a time), and only a word that begins at such a place, or whose start
//! is not plain ASCII, is looked at. The fragments are tantivy's: from the
//! start of the text, the next fragment begins at the first word that ends
//! more than `chars` bytes after this one's start; that word is found by
//! looking around that place only.

use std::cell::OnceCell;
use std::ops::Range;

use aho_corasick::packed;

use super::words::Words;
use crate::search::schema::LONGEST_WORD;

/// Below this many bytes (a title, a short story) the words are looked at
/// one by one: setting out to search costs more than it saves.
const SEARCH_FROM: usize = 512;

/// Finds the words of a text whose start may be one of the terms'.
pub(super) struct Finder {
    /// Every way the terms' ASCII starts may be written: either case, `y`
    /// for `i` (see [`super::words::start`]).
    patterns: Vec<Vec<u8>>,
    /// The searcher for them, made when a text first needs it (a title
    /// never does, nor a language no hit is in); `None` when there are no
    /// patterns or no searcher for them on this processor.
    starts: OnceCell<Option<packed::Searcher>>,
}

/// The ways a folded letter or digit of a start may be written.
fn spellings(c: char) -> Vec<u8> {
    match c {
        'i' => b"iIyY".to_vec(),
        'a'..='z' => vec![c as u8, c.to_ascii_uppercase() as u8],
        '0'..='9' => vec![c as u8],
        _ => Vec::new(),
    }
}

impl Finder {
    pub(super) fn new(starts: impl IntoIterator<Item = (char, Option<char>)>) -> Finder {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for (first, second) in starts {
            let firsts = spellings(first);
            match second {
                None => patterns.extend(firsts.iter().map(|&f| vec![f])),
                Some(second) => {
                    for &s in &spellings(second) {
                        patterns.extend(firsts.iter().map(|&f| vec![f, s]));
                    }
                }
            }
        }
        patterns.sort();
        patterns.dedup();
        // Only the place of a match is used: the word there is looked at
        // whole. A match that is not at a word's start is passed over, and
        // one can hide no word's start (it would need the byte before
        // that start, a letter of the match, to be no letter).
        Finder {
            patterns,
            starts: OnceCell::new(),
        }
    }

    /// Whether the starts are searched for (rather than every word looked
    /// at) in a long text: there are some, and a searcher for them.
    #[cfg(test)]
    pub(super) fn searches(&self) -> bool {
        self.patterns.is_empty() || self.searcher().is_some()
    }

    /// The searcher for the patterns, made the first time it is asked for.
    fn searcher(&self) -> Option<&packed::Searcher> {
        self.starts
            .get_or_init(|| packed::Searcher::new(&self.patterns))
            .as_ref()
    }

    /// The words of `text`, in order, that may be terms: those that begin
    /// as one of the starts, or whose first two characters are not both
    /// ASCII (folding and lowercasing those needs the analyser). May hold
    /// more: the caller checks each word.
    pub(super) fn words(&self, text: &str) -> Vec<Range<usize>> {
        let long = text.len() >= SEARCH_FROM && !self.patterns.is_empty();
        let Some(starts) = long.then(|| self.searcher()).flatten() else {
            return Words::of(text).collect();
        };
        let mut found = Vec::new();
        for at in starts.find_iter(text) {
            let at = at.start();
            if alphanumeric_before(text, at).is_none() {
                found.extend(Words::at(text, at).next());
            }
        }
        if !text.is_ascii() {
            let searched = found.len();
            found.extend(not_ascii_starts(text));
            if found.len() > searched {
                found.sort_unstable_by_key(|word| word.start);
                found.dedup();
            }
        }
        found
    }
}

/// The start of the character before `at`, when it is a letter or digit.
fn alphanumeric_before(text: &str, at: usize) -> Option<usize> {
    let c = text[..at].chars().next_back()?;
    c.is_alphanumeric().then(|| at - c.len_utf8())
}

/// The words whose first or second character is not ASCII.
fn not_ascii_starts(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks(16).enumerate();
    let mut pending = 0..0;
    std::iter::from_fn(move || {
        loop {
            if pending.is_empty() {
                let (n, chunk) = chunks.find(|(_, chunk)| !chunk.is_ascii())?;
                pending = n * 16..n * 16 + chunk.len();
            }
            let at = pending.start;
            pending.start += 1;
            // A character's first byte (not a continuation byte).
            if bytes[at] < 0xC0 {
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                continue;
            }
            let start = match alphanumeric_before(text, at) {
                None => at,
                // The second character, after a first one that begins
                // the word.
                Some(first) if alphanumeric_before(text, first).is_none() => first,
                Some(_) => continue,
            };
            return Words::at(text, start).next();
        }
    })
}

/// Where the fragment after the one that starts at `start` starts: at the
/// first word (over-long ones left out, as the analysers do) that ends more
/// than `chars` bytes after `start`; `None` when the text ends first.
pub(super) fn next_fragment(text: &str, start: usize, chars: usize) -> Option<usize> {
    let limit = start + chars;
    if limit >= text.len() {
        return None;
    }
    // Back to where a word begins or none is: the words from there are the
    // text's own.
    let mut at = limit;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    while at > start {
        match alphanumeric_before(text, at) {
            Some(before) => at = before,
            None => break,
        }
    }
    // Never the word this fragment starts at: one longer than `chars`
    // stays in it (the word-by-word walk closes an empty fragment there and
    // opens the same one again).
    Words::at(text, at)
        .find(|word| word.start > start && word.end > limit && word.len() < LONGEST_WORD)
        .map(|word| word.start)
}

/// Where the fragment that starts at `start` ends: after its last word
/// (over-long ones left out) before `next` (the next fragment's start).
pub(super) fn fragment_end(text: &str, start: usize, next: Option<usize>) -> usize {
    let next = next.unwrap_or(text.len());
    Words::at(text, start)
        .take_while(|word| word.start < next)
        .filter(|word| word.len() < LONGEST_WORD)
        .last()
        .map_or(start, |word| word.end)
}
