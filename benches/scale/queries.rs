//! The query set: fixed and seeded, 60 queries in each of nine classes, in
//! one structure that each engine renders in its own syntax (AND where ours
//! is AND, phrases as phrases, a prefix as a prefix).
//!
//! Words come from the corpus's first 2,000 stories (in every size), so a
//! "rare" word is rare but present, and two words "from one story" are a
//! conjunction that matches; their frequency band comes from the word lists.

use std::collections::HashSet;

use crate::corpus::{Generator, VALUES};
use crate::words::Words;

pub const PER_CLASS: usize = 60;

/// Shapes the classes leave out, through HTTP only (the peers have no
/// compounds): exclusions, Dutch compounds found by their parts and parts
/// by their compounds, a word without its accent, besides a few the
/// classes have too. `q` as sent, finished (`+` is the space after it).
pub const SHAPES: &[&str] = &[
    "klant+",
    "klanten+monteur+",
    "%22warmtepomp+storing%22+",
    "zonnepanelen+-retour+",
    "customers+",
    "heat+pump+",
    "instalatie+",
    "creeren+",
    "planning+OR+afspraak+",
    "solar+&value=klantgericht",
    "service+",
    "pomp+",
    "paneel+",
    "klantenservice+",
    "monteursafspraak+",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Rare,
    Mid,
    Common,
    And,
    Or,
    Phrase,
    Filtered,
    Prefix,
    Typo,
}

impl Class {
    pub const ALL: [Class; 9] = [
        Class::Rare,
        Class::Mid,
        Class::Common,
        Class::And,
        Class::Or,
        Class::Phrase,
        Class::Filtered,
        Class::Prefix,
        Class::Typo,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Class::Rare => "rare word",
            Class::Mid => "mid-frequency word",
            Class::Common => "very common word",
            Class::And => "two words AND",
            Class::Or => "two words OR",
            Class::Phrase => "phrase",
            Class::Filtered => "word + value filter",
            Class::Prefix => "prefix (typing)",
            Class::Typo => "typo",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    And,
    Or,
    Phrase,
}

#[derive(Clone, Debug)]
pub struct Query {
    pub class: Class,
    pub words: Vec<String>,
    pub kind: Kind,
    /// The last word is being typed: it matches as the start of a word.
    pub prefix: bool,
    pub value: Option<&'static str>,
    /// A typo's word as it was meant: the same query spelt right is what
    /// the typo-tolerant retry is compared with.
    pub intended: Option<String>,
}

impl Query {
    /// What a person types into Merkwaardig's search box: words, `a OR b`,
    /// `"a phrase"`. A space after a finished query, none while typing (the
    /// API reads the last word without a space after it as unfinished).
    pub fn text(&self) -> String {
        let mut text = match self.kind {
            Kind::And => self.words.join(" "),
            Kind::Or => self.words.join(" OR "),
            Kind::Phrase => format!("\"{}\"", self.words.join(" ")),
        };
        if !self.prefix {
            text.push(' ');
        }
        text
    }

    /// A typo's query spelt as intended: the same shape with the word it
    /// was made from (the exact search the retry is held against).
    pub fn as_intended(&self) -> Option<Query> {
        let word = self.intended.clone()?;
        Some(Query {
            words: vec![word],
            intended: None,
            ..self.clone()
        })
    }

    /// `/api/v1/search?...`
    pub fn path(&self) -> String {
        let mut path = format!("/api/v1/search?q={}", encode(&self.text()));
        if let Some(value) = self.value {
            path.push_str(&format!("&value={value}"));
        }
        path
    }
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Words of the first stories, each with its language's rank.
struct Pool {
    /// (word, rank) of every word in the sample stories.
    words: Vec<(String, usize)>,
    /// Adjacent word pairs inside a sentence.
    pairs: Vec<(String, String)>,
    /// Per story: its distinct words with rank, for two words that meet.
    stories: Vec<Vec<(String, usize)>>,
}

fn pool(generator: &Generator) -> Pool {
    let rank = |words: &Words| -> std::collections::HashMap<String, usize> {
        words
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i))
            .collect()
    };
    let (nl, en) = (rank(&generator.nl), rank(&generator.en));
    let mut pool = Pool {
        words: Vec::new(),
        pairs: Vec::new(),
        stories: Vec::new(),
    };
    let mut seen = HashSet::new();
    for n in 0..2_000 {
        let story = generator.story(n);
        let ranks = if story.lang == "nl" { &nl } else { &en };
        let mut own = Vec::new();
        for sentence in story.body.split('.') {
            let words: Vec<String> = sentence
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            for pair in words.windows(2) {
                if n < 200 {
                    pool.pairs.push((pair[0].clone(), pair[1].clone()));
                }
            }
            for word in words {
                if let Some(&r) = ranks.get(&word) {
                    if seen.insert(word.clone()) {
                        pool.words.push((word.clone(), r));
                    }
                    own.push((word, r));
                }
            }
        }
        own.sort();
        own.dedup();
        pool.stories.push(own);
    }
    pool
}

/// The whole set, in class order.
pub fn build(generator: &Generator) -> Vec<Query> {
    let pool = pool(generator);
    let mut rng = fastrand::Rng::with_seed(crate::corpus::SEED);
    let band = |lo: usize, hi: usize, min_len: usize| -> Vec<String> {
        let mut words: Vec<String> = pool
            .words
            .iter()
            .filter(|(w, r)| (lo..hi).contains(r) && w.chars().count() >= min_len)
            .map(|(w, _)| w.clone())
            .collect();
        words.sort();
        words
    };
    let rare = band(20_000, 100_000, 4);
    let mid = band(1_000, 10_000, 4);
    // Common but no function words: length 5 and more (`de`, `the`, `voor`
    // are left out; PostgreSQL's stop lists would drop them).
    let common = band(50, 500, 5);
    let vocabulary: HashSet<&str> = generator
        .nl
        .words
        .iter()
        .chain(&generator.en.words)
        .map(String::as_str)
        .collect();
    let pick = |rng: &mut fastrand::Rng, from: &[String]| from[rng.usize(0..from.len())].clone();
    let one = |class, word: String| Query {
        class,
        words: vec![word],
        kind: Kind::And,
        prefix: false,
        value: None,
        intended: None,
    };
    let mut queries = Vec::new();
    for _ in 0..PER_CLASS {
        queries.push(one(Class::Rare, pick(&mut rng, &rare)));
    }
    for _ in 0..PER_CLASS {
        queries.push(one(Class::Mid, pick(&mut rng, &mid)));
    }
    for _ in 0..PER_CLASS {
        queries.push(one(Class::Common, pick(&mut rng, &common)));
    }
    for i in 0..PER_CLASS {
        // Half two words of one story (they meet), half any two.
        let words = if i % 2 == 0 {
            let story = loop {
                let story = &pool.stories[rng.usize(0..pool.stories.len())];
                let mids: Vec<&(String, usize)> = story
                    .iter()
                    .filter(|(_, r)| (200..10_000).contains(r))
                    .collect();
                if mids.len() >= 2 {
                    break mids;
                }
            };
            let a = story[rng.usize(0..story.len())].0.clone();
            let mut b = a.clone();
            while b == a {
                b = story[rng.usize(0..story.len())].0.clone();
            }
            vec![a, b]
        } else {
            vec![pick(&mut rng, &mid), pick(&mut rng, &common)]
        };
        queries.push(Query {
            class: Class::And,
            words,
            kind: Kind::And,
            prefix: false,
            value: None,
            intended: None,
        });
    }
    for _ in 0..PER_CLASS {
        queries.push(Query {
            class: Class::Or,
            words: vec![pick(&mut rng, &mid), pick(&mut rng, &mid)],
            kind: Kind::Or,
            prefix: false,
            value: None,
            intended: None,
        });
    }
    for _ in 0..PER_CLASS {
        let (a, b) = pool.pairs[rng.usize(0..pool.pairs.len())].clone();
        queries.push(Query {
            class: Class::Phrase,
            words: vec![a, b],
            kind: Kind::Phrase,
            prefix: false,
            value: None,
            intended: None,
        });
    }
    for _ in 0..PER_CLASS {
        let mut query = one(Class::Filtered, pick(&mut rng, &mid));
        query.value = Some(VALUES[rng.usize(0..VALUES.len())].0);
        queries.push(query);
    }
    for i in 0..PER_CLASS {
        // What the widget sends while someone types: 3 to 6 letters of a
        // word, alone or after a finished one.
        let word = pick(&mut rng, if i % 3 == 0 { &common } else { &mid });
        let cut: String = word.chars().take(rng.usize(3..=6)).collect();
        let words = if i % 2 == 0 {
            vec![cut]
        } else {
            vec![pick(&mut rng, &common), cut]
        };
        queries.push(Query {
            class: Class::Prefix,
            words,
            kind: Kind::And,
            prefix: true,
            value: None,
            intended: None,
        });
    }
    let long_mid: Vec<String> = mid.iter().filter(|w| w.len() >= 6).cloned().collect();
    while queries.len() < 9 * PER_CLASS {
        // One letter replaced, into a word that is in neither language.
        let word = pick(&mut rng, &long_mid);
        let mut chars: Vec<char> = word.chars().collect();
        let at = rng.usize(1..chars.len());
        chars[at] = (b'a' + rng.u8(0..26)) as char;
        let typo: String = chars.into_iter().collect();
        if !vocabulary.contains(typo.as_str()) {
            let mut query = one(Class::Typo, typo);
            query.intended = Some(word);
            queries.push(query);
        }
    }
    queries
}
