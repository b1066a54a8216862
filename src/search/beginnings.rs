//! The beginnings of words, for a word still being typed.
//!
//! The search box and the widget search at every pause in typing, and the
//! last word is then also a prefix: `ver` stands for `verder`, `verhaal`,
//! `verschillende` and a few thousand more. Searching those as words cost
//! the union of a hundred posting lists or more for every keystroke (the
//! slowest query class at 100,000 stories, p95 10 ms), and a cap on how many
//! completions are searched dropped the rarer ones.
//!
//! So the field `begins` holds, for each story, the first [`FROM`] to
//! [`UP_TO`] letters of its words (folded, not stemmed), each once (Lucene's
//! edge n-grams, Elasticsearch's `search_as_you_type`): a typed prefix of
//! that length is one term, its postings every story with a word that
//! begins so. A longer prefix has fewer completions, and those are searched
//! as words ([`super::text_query`]).
//!
//! Why three and four letters, and each once per story, without term
//! frequencies: the field's cost is in building the index. At 100,000
//! stories every occurrence of the beginnings of three to six letters made
//! a rebuild take 76 s rather than 43; each beginning once, 76 s still (the
//! beginnings of five and six letters are most of the distinct terms);
//! three and four letters once, 51 s. Those are the short prefixes that
//! stand for thousands of words. The score of a prefix match is then that
//! of a constant-score prefix query, as in Lucene, bar BM25's preference
//! for shorter stories; a story where the prefix is a whole word ranks
//! above, by that word.

use std::collections::HashSet;

/// The shortest beginning indexed: the shortest prefix searched as one
/// ([`super::syntax::PREFIX_MIN_CHARS`]).
pub const FROM: usize = super::syntax::PREFIX_MIN_CHARS;
/// The longest beginning indexed, in letters.
pub const UP_TO: usize = 4;

/// Whether a folded prefix is searched as one term of `begins`.
pub fn is_indexed(prefix: &str) -> bool {
    (FROM..=UP_TO).contains(&prefix.chars().count())
}

/// The beginnings of [`FROM`] to [`UP_TO`] letters of `words` (folded),
/// each once, separated by spaces: what a story puts in `begins`.
pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> String {
    let mut seen: HashSet<&str, foldhash::fast::RandomState> = HashSet::default();
    let mut beginnings = String::new();
    for word in words {
        for (letters, (at, c)) in word.char_indices().enumerate() {
            if letters + 1 > UP_TO {
                break;
            }
            let beginning = &word[..at + c.len_utf8()];
            if letters + 1 >= FROM && seen.insert(beginning) {
                beginnings.push_str(beginning);
                beginnings.push(' ');
            }
        }
    }
    beginnings.pop();
    beginnings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(text: &str) -> Vec<&str> {
        let mut words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
        words.sort_unstable();
        words
    }

    #[test]
    fn each_words_beginnings_of_three_and_four_letters_once() {
        assert_eq!(
            sorted(&of(["de", "klantenservice", "belt", "klanten", "bel"])),
            ["bel", "belt", "kla", "klan"]
        );
        assert!(of(["ik", "ga"]).is_empty(), "words under three letters");
    }

    #[test]
    fn letters_are_counted_not_bytes() {
        assert_eq!(of(["één"]), "één");
        assert_eq!(sorted(&of(["crèmebrûlée"])), ["crè", "crèm"]);
    }

    #[test]
    fn a_prefix_is_searched_as_a_beginning_of_three_or_four_letters() {
        assert!(!is_indexed("kl"));
        assert!(is_indexed("kla"));
        assert!(is_indexed("klan"));
        assert!(is_indexed("crèm"));
        assert!(!is_indexed("klant"));
    }
}
