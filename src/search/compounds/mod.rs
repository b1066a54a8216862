//! Dutch compound words. Dutch glues words together (klantenservice,
//! zonnepanelen, monteursafspraak); a reader expects `service` to find the
//! klantenservice and `klantenservice` to find "service voor klanten".
//!
//! The method is the one Lucene's `HyphenationCompoundWordTokenFilter` uses
//! (and Elasticsearch's `hyphenation_decompounder`): a word may be split only
//! where Dutch hyphenation allows a break (Liang's patterns from TeX, as the
//! `hyphenation` crate ships them), and only when the parts on both sides are
//! Dutch words. That pair of conditions is what keeps `bestelling` whole:
//! `bes` and `telling` are both words, but `be-stel-ling` has no break
//! between them. "Dutch word" means a stem in the bundled OpenTaal list
//! (`../data/nl-stems.txt`, see its README) or a word of the index itself, so an
//! organisation's own vocabulary (product names, jargon) counts too.
//!
//! It runs at query time, against the indexed stems, rather than at index
//! time: the index keeps its words as written, a better word list needs no
//! rebuild, and the cost is a few term-dictionary lookups per query word.
//! The one thing the index adds is `words`: every story's words as written
//! (folded, not stemmed), forwards and backwards, so that "words beginning
//! with `klant`" and "words ending in `service`" are both range scans of
//! one term dictionary rather than a walk over every word.
//!
//! Linking letters (`klant-en-service`, `monteur-s-afspraak`,
//! `zon-ne-panelen`) and plural forms (`paneel`, `panelen`) are handled by
//! trying the forms a part takes inside a compound.

use std::collections::HashSet;
use std::sync::LazyLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use tantivy::tokenizer::TextAnalyzer;

use super::common_pairs::common_words;
use super::schema;

/// The shortest part a compound is split into.
const MIN_PART: usize = 3;
/// The shortest compound, in bytes: two parts. Shorter words are never
/// looked up by their ending, so the index keeps them only forwards.
pub const SHORTEST_WHOLE: usize = 2 * MIN_PART;
/// Dutch derivational endings that are words of their own as well (a
/// `ling` is a fish): as the last part they make a derivation
/// (`bestel-ling`, `vriend-schap`, `klant-vriendelijk`), not a compound.
const SUFFIXES: &[&str] = &[
    "ling", "heid", "schap", "baar", "lijk", "loos", "zaam", "achtig", "ster", "dom",
];
/// A first part this long is taken as a word, unknown or not, before a last
/// part of [`LONG_HEAD`] letters or more.
const LONG_PART: usize = 8;
const LONG_HEAD: usize = 5;
/// Prefixes that make verbs and nouns (`ver-tellen`, `her-start`,
/// `ont-vangst`), not compounds, though some are words of their own.
const PREFIXES: &[&str] = &["ver", "her", "ont", "mis", "be", "ge", "er"];
/// The most letters an inflection adds to a stem (`klant-en`, `paneel` →
/// `panel-en`, `tafel-tje`); a stemmer that took off more took off a
/// derivation.
const MAX_ENDING: usize = 3;
/// How many compounds one query word may stand for.
pub const MAX_WHOLES: usize = 50;
/// Dutch function words that NLTK's stop-word list (the common words of
/// [`super::common_pairs`]) lacks but that are no part of a compound
/// either: `ter` is not the `ter` of `dokter`, nor `waar` the first half
/// of "waar … bij".
const FUNCTION_WORDS: &[&str] = &["ter", "ten", "waar", "per", "via", "toe", "mee", "af"];

static WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("../data/nl-stems.txt").lines().collect());

static COMPOUNDS: LazyLock<Compounds> = LazyLock::new(|| Compounds {
    hyphenator: Standard::from_embedded(Language::Dutch)
        .expect("the hyphenation crate embeds its Dutch patterns"),
    dutch: schema::language_analyzer(tantivy::tokenizer::Language::Dutch),
    fold: schema::fold_analyzer(),
});

/// The words of the index, as the splitter asks about them. All text is in
/// the form the Dutch fields index it (lower-cased, folded, stemmed).
pub trait Vocabulary {
    /// Whether the index holds this stem in a Dutch field.
    fn contains(&self, stem: &str) -> bool;
    /// Indexed words (folded, not stemmed) beginning with `prefix`
    /// (bounded).
    fn beginning_with(&self, prefix: &str) -> Vec<String>;
    /// Indexed words (folded, not stemmed) ending with `suffix` (bounded).
    fn ending_with(&self, suffix: &str) -> Vec<String>;
}

/// What a query word also stands for in the Dutch fields.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expansion {
    /// Indexed compounds that have the word as a part: `service` →
    /// `klantenservice`.
    pub wholes: Vec<String>,
    /// The stem of the word's other number (`paneel` → `panel`), when the
    /// stemmer does not bring the two together.
    pub other_number: Option<String>,
    /// The word's own parts, as indexed stems, when it is a compound:
    /// `klantenservice` → `klant`, `service`.
    pub parts: Option<(String, String)>,
}

pub struct Compounds {
    hyphenator: Standard,
    dutch: TextAnalyzer,
    fold: TextAnalyzer,
}

/// The splitter, loaded on first use.
pub fn get() -> &'static Compounds {
    &COMPOUNDS
}

/// Loads the patterns and the word list now rather than on the first query.
pub fn warm_up() {
    let _ = WORDS.len();
    let _ = get();
}

fn one_token(analyzer: &TextAnalyzer, text: &str) -> Option<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut token = None;
    while stream.advance() {
        if token.is_some() {
            return None;
        }
        token = Some(stream.token().text.clone());
    }
    token
}

fn ends_with_double_consonant(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 2
        && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
        && bytes[bytes.len() - 1].is_ascii_alphabetic()
        && !b"aeiouy".contains(&bytes[bytes.len() - 1])
}

fn is_vowel(byte: u8) -> bool {
    b"aeiouy".contains(&byte)
}

/// How a word may end inside a compound: as it is, or inflected (plural
/// `-en`, `-s`, `-n`, a doubled consonant before `-en`, adjective `-e`).
fn inflections(base: &str) -> Vec<String> {
    let mut forms = vec![base.to_owned()];
    for ending in ["en", "s", "e", "n"] {
        forms.push(format!("{base}{ending}"));
    }
    if let Some(last) = base
        .chars()
        .last()
        .filter(|c| !is_vowel(*c as u8) && c.is_ascii())
    {
        forms.push(format!("{base}{last}en"));
    }
    forms
}

/// The stem of a Dutch noun's other number, where the stemmer leaves the
/// two apart: a long vowel is written double in a closed syllable and
/// single in an open one, so `paneel` stems to `paneel` but `panelen` to
/// `panel`. Only for stems of five letters or more (`been` and `ben` are
/// different words).
fn other_number(stem: &str) -> Option<String> {
    let b = stem.as_bytes();
    let n = b.len();
    if n < 5 || !stem.is_ascii() || is_vowel(b[n - 1]) {
        return None;
    }
    if b"aeou".contains(&b[n - 2]) && b[n - 2] == b[n - 3] && !is_vowel(b[n - 4]) {
        // paneel → panel
        return Some(format!("{}{}", &stem[..n - 2], &stem[n - 1..]));
    }
    if b"aeou".contains(&b[n - 2]) && !is_vowel(b[n - 3]) && is_vowel(b[n - 4]) {
        // panel → paneel
        return Some(format!("{}{}", &stem[..n - 1], &stem[n - 2..]));
    }
    None
}

impl Compounds {
    fn stem(&self, word: &str) -> Option<String> {
        one_token(&self.dutch, word)
    }

    /// Byte offsets where `word` may be hyphenated.
    fn breaks(&self, word: &str) -> Vec<usize> {
        self.hyphenator.hyphenate(word).breaks
    }

    /// Whether a word may be split at `at`: at a hyphenation break.
    /// (Always of a word as written: the stemmer moves syllables, it even
    /// takes the `ge` out of `klantgericht`, so a stem's breaks mean little.)
    fn breaks_at(&self, word: &str, at: usize) -> bool {
        word.is_char_boundary(at) && self.breaks(word).contains(&at)
    }

    fn is_word(&self, stem: &str, vocabulary: &impl Vocabulary) -> bool {
        stem.len() >= MIN_PART && (WORDS.contains(stem) || vocabulary.contains(stem))
    }

    /// The forms a word takes as the first part of a compound, with the
    /// linking letters taken off: `klanten` → `klant`, `monteurs` →
    /// `monteur`, `zonne` → `zon`.
    fn modifier_forms(&self, part: &str) -> Vec<String> {
        // In order of preference: the part as written, then with fewer
        // letters taken off.
        let mut forms = vec![part.to_owned()];
        for link in ["s", "en", "e", "n"] {
            if let Some(bare) = part.strip_suffix(link)
                && bare.len() >= 2
            {
                forms.push(bare.to_owned());
                if ends_with_double_consonant(bare) {
                    forms.push(bare[..bare.len() - 1].to_owned());
                }
            }
        }
        let mut stemmed = Vec::new();
        for form in forms {
            let stem = self.stem(&form);
            stemmed.push(form);
            stemmed.extend(stem);
        }
        let mut seen = HashSet::new();
        stemmed.retain(|form| seen.insert(form.clone()));
        stemmed
    }

    /// Whether the first part of an indexed compound, before a known last
    /// part, is a word. A long part the word list lacks counts too when
    /// the last part is long as well (`communicatie` + `kabel`): two long
    /// parts meeting at a hyphenation break are rarely chance, whereas short
    /// ones are (`fabri` + `kant`).
    fn is_modifier_of(&self, part: &str, head: &str, vocabulary: &impl Vocabulary) -> bool {
        self.modifier(part, vocabulary).is_some()
            || (part.chars().count() >= LONG_PART
                && !PREFIXES.iter().any(|p| part.starts_with(p))
                && head.chars().count() >= LONG_HEAD)
    }

    /// The stem a first part stands for, when it is a word: a form the
    /// index holds if there is one, else the first form that is a word.
    fn modifier(&self, part: &str, vocabulary: &impl Vocabulary) -> Option<String> {
        if part.len() < MIN_PART || PREFIXES.contains(&part) {
            return None;
        }
        let forms = self.modifier_forms(part);
        let indexed = forms
            .iter()
            .find(|form| form.len() >= MIN_PART && vocabulary.contains(form));
        indexed
            .or_else(|| forms.iter().find(|form| self.is_word(form, vocabulary)))
            .cloned()
    }

    /// The stem a last part stands for, when it is a word.
    fn head(&self, part: &str, vocabulary: &impl Vocabulary) -> Option<String> {
        if part.len() < MIN_PART || SUFFIXES.contains(&part) {
            return None;
        }
        [Some(part.to_owned()), self.stem(part)]
            .into_iter()
            .flatten()
            .find(|form| self.is_word(form, vocabulary))
    }

    /// Splits `word` (folded, not stemmed) into two words at a hyphenation
    /// break: the split whose shorter part is longest, so that
    /// `monteursafspraak` is `monteurs` + `afspraak`. Both parts must be
    /// words of the index: a part it lacks could match nothing anyway, and
    /// the word list alone would split `service` into `ser` + `vice`.
    pub fn split(&self, word: &str, vocabulary: &impl Vocabulary) -> Option<(String, String)> {
        self.breaks(word)
            .into_iter()
            .filter(|&at| word.is_char_boundary(at))
            .filter_map(|at| {
                let (left, right) = word.split_at(at);
                let modifier = self.modifier(left, vocabulary)?;
                let head = self.head(right, vocabulary)?;
                if !(vocabulary.contains(&modifier) && vocabulary.contains(&head)) {
                    return None;
                }
                Some((left.len().min(right.len()), (modifier, head)))
            })
            .max_by_key(|(shorter, _)| *shorter)
            .map(|(_, parts)| parts)
    }

    /// Whether a stem of the Dutch fields, or a word as written, is a
    /// function word (`de`, `bij`, `ter`, `the`): one that stands for no
    /// compound and is no part of one. Its compounds would be chance
    /// (`ter` in `dokter`, `gisteren`, `accepteren`), and the positions of
    /// a word most stories hold are what make a search slow.
    fn is_function_word(&self, word: &str) -> bool {
        FUNCTION_WORDS.contains(&word)
            || common_words(tantivy::tokenizer::Language::Dutch).contains(word)
            || common_words(tantivy::tokenizer::Language::English).contains(word)
    }

    /// What the query word `word` stands for besides itself.
    pub fn expand(&self, word: &str, vocabulary: &impl Vocabulary) -> Expansion {
        let (Some(folded), Some(stem)) = (one_token(&self.fold, word), self.stem(word)) else {
            return Expansion::default();
        };
        if folded.len() < MIN_PART
            || stem.len() < MIN_PART
            || self.is_function_word(&folded)
            || self.is_function_word(&stem)
        {
            return Expansion::default();
        }
        let mut wholes: Vec<String> = Vec::new();
        let other = other_number(&stem);
        // The word as the last part: `service` in `klantenservice`, and in
        // its inflected forms: `paneel` in `zonnepanelen`.
        // The stem stands for the word only when it is not too short to say
        // much (`telling` stems to `tel`, which would find `telkens`), and
        // when what the stemmer took off is an ending (`klanten` → `klant`),
        // not a word of its own: `openbaring` stems to `open`, which would
        // find `halfopen`.
        let stem_base = (stem == folded
            || (stem.len() > MIN_PART && folded.len() <= stem.len() + MAX_ENDING))
            .then_some(&stem);
        let mut endings = Vec::new();
        for base in std::iter::once(&folded)
            .chain(stem_base)
            .chain(other.as_ref())
        {
            endings.extend(inflections(base));
        }
        endings.sort();
        endings.dedup();
        for ending in &endings {
            for whole in vocabulary.ending_with(ending) {
                let at = whole.len() - ending.len();
                if at >= MIN_PART
                    && self.breaks_at(&whole, at)
                    && self.is_modifier_of(&whole[..at], ending, vocabulary)
                {
                    wholes.push(whole);
                }
            }
        }
        // The word as the first part: `klant` in `klantenservice`; it must
        // be a word itself (`fabri` + `kant` is no compound).
        let mut starts = vec![folded.clone()];
        starts.extend(stem_base.filter(|stem| **stem != folded).cloned());
        if !self.is_word(&stem, vocabulary) && !self.is_word(&folded, vocabulary) {
            starts.clear();
        }
        for start in &starts {
            for whole in vocabulary.beginning_with(start) {
                let first = (start.len()..whole.len()).find(|&at| {
                    self.breaks_at(&whole, at)
                        && self
                            .modifier_forms(&whole[..at])
                            .iter()
                            .any(|form| *form == stem || *form == folded)
                        && self.head(&whole[at..], vocabulary).is_some()
                });
                if first.is_some() {
                    wholes.push(whole);
                }
            }
        }
        wholes.retain(|whole| *whole != stem && *whole != folded);
        wholes.sort();
        wholes.dedup();
        wholes.truncate(MAX_WHOLES);
        Expansion {
            wholes,
            other_number: other.filter(|other| vocabulary.contains(other)),
            // `waarbij` is not "waar … bij".
            parts: self.split(&folded, vocabulary).filter(|(first, last)| {
                !self.is_function_word(first) && !self.is_function_word(last)
            }),
        }
    }
}

#[cfg(test)]
mod tests;
