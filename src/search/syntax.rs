//! The query syntax people type: words (all must match), `"a phrase"`,
//! `-excluded` (a word or a phrase), `a OR b`, `NOT a` (= `-a`); `AND` is
//! the default and may be written. Anything else tantivy's own parser would
//! read as syntax (`field:`, `*`, ranges, boosts, brackets, regexes) is the
//! space between words. Parsing never fails: every text is some query.
//!
//! The parsed query is a list of parts that must all match (or, when
//! excluded, must not); a part is one or more alternatives joined by `OR`.
//! The search builds its exact, typo-tolerant and prefix queries from this
//! one tree, so a retry keeps what the query means.

/// A word or a phrase, as typed (analysis happens per field later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    Word(String),
    Phrase(String),
}

/// Alternatives joined by `OR`; all excluded or all required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub alternatives: Vec<Atom>,
    pub excluded: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub parts: Vec<Part>,
    /// The last word while it is still being typed (no space after it, at
    /// least [`PREFIX_MIN_CHARS`] letters): it also matches as a prefix.
    pub prefix: Option<String>,
}

/// A shorter unfinished word would match too much to help.
pub const PREFIX_MIN_CHARS: usize = 3;

/// Characters that separate words instead of meaning anything.
const SEPARATORS: &[char] = &[
    '+', '^', '`', ':', '{', '}', '\'', '’', '[', ']', '(', ')', '!', '\\', '*', '~', '<', '>',
    '=', '/',
];

/// One item as written: a word or phrase, maybe excluded, or a keyword.
#[derive(Debug)]
enum Token {
    Atom(Atom, bool),
    Or,
    And,
    Not,
}

fn tokens(text: &str) -> Vec<Token> {
    let text: String = text
        .chars()
        .map(|c| if SEPARATORS.contains(&c) { ' ' } else { c })
        .collect();
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut excluded = false;
        while chars.peek() == Some(&'-') {
            excluded = true;
            chars.next();
        }
        match chars.peek() {
            Some('"') => {
                chars.next();
                let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
                let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                // Like a word, a phrase of punctuation alone finds nothing.
                if phrase.chars().any(char::is_alphanumeric) {
                    tokens.push(Token::Atom(Atom::Phrase(phrase), excluded));
                }
            }
            Some(c) if !c.is_whitespace() => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || c == '"' {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                let token = match (word.as_str(), excluded) {
                    ("OR", false) => Token::Or,
                    ("AND", false) => Token::And,
                    ("NOT", false) => Token::Not,
                    // Punctuation alone (`—`, `…`, `&`) is no word to find.
                    _ if !word.chars().any(char::is_alphanumeric) => continue,
                    _ => Token::Atom(Atom::Word(word), excluded),
                };
                tokens.push(token);
            }
            _ => {}
        }
    }
    tokens
}

/// Reads `text` as a query; see the module comment.
pub fn parse(text: &str) -> Parsed {
    let mut parts: Vec<Part> = Vec::new();
    let mut or_pending = false;
    let mut not_pending = false;
    for token in tokens(text) {
        match token {
            Token::Or => or_pending = !parts.is_empty(),
            Token::And => or_pending = false,
            Token::Not => not_pending = true,
            Token::Atom(atom, excluded) => {
                let excluded = excluded || std::mem::take(&mut not_pending);
                let joins = std::mem::take(&mut or_pending)
                    && !excluded
                    && parts.last().is_some_and(|p| !p.excluded);
                match parts.last_mut() {
                    Some(last) if joins => last.alternatives.push(atom),
                    _ => parts.push(Part {
                        alternatives: vec![atom],
                        excluded,
                    }),
                }
            }
        }
    }
    let typing = text.chars().last().is_some_and(|c| c.is_alphanumeric());
    let prefix = match parts.last() {
        Some(Part {
            alternatives,
            excluded: false,
        }) if typing => match alternatives.last() {
            Some(Atom::Word(word)) if word.chars().count() >= PREFIX_MIN_CHARS => {
                Some(word.clone())
            }
            _ => None,
        },
        _ => None,
    };
    Parsed { parts, prefix }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Atom {
        Atom::Word(w.into())
    }

    fn part(alternatives: Vec<Atom>, excluded: bool) -> Part {
        Part {
            alternatives,
            excluded,
        }
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let parsed = parse(r#"sneeuw -afspraak "op tijd" omvormer OR laadpaal -"geen zin""#);
        assert_eq!(
            parsed.parts,
            [
                part(vec![word("sneeuw")], false),
                part(vec![word("afspraak")], true),
                part(vec![Atom::Phrase("op tijd".into())], false),
                part(vec![word("omvormer"), word("laadpaal")], false),
                part(vec![Atom::Phrase("geen zin".into())], true),
            ]
        );
    }

    #[test]
    fn not_excludes_and_and_is_the_default() {
        assert_eq!(
            parse("klant AND NOT monteur").parts,
            [
                part(vec![word("klant")], false),
                part(vec![word("monteur")], true)
            ]
        );
    }

    #[test]
    fn syntax_of_other_parsers_is_the_space_between_words() {
        assert_eq!(
            parse("title:* lang:[a TO z]").parts,
            [
                part(vec![word("title")], false),
                part(vec![word("lang")], false),
                part(vec![word("a")], false),
                part(vec![word("TO")], false),
                part(vec![word("z")], false),
            ]
        );
        assert!(parse("* : () - \"").parts.is_empty());
    }

    #[test]
    fn the_last_word_is_a_prefix_while_it_is_being_typed() {
        assert_eq!(parse("klantense").prefix.as_deref(), Some("klantense"));
        assert_eq!(parse("de klantense").prefix.as_deref(), Some("klantense"));
        assert_eq!(parse("klantense ").prefix, None, "a space ends the word");
        assert_eq!(parse("kl").prefix, None, "too short");
        assert_eq!(parse("-klantense").prefix, None, "not an exclusion");
        assert_eq!(parse("\"klantense\"").prefix, None, "not a phrase");
    }

    #[test]
    fn punctuation_alone_is_no_word() {
        assert_eq!(
            parse("klant — service & co.").parts,
            [
                part(vec![word("klant")], false),
                part(vec![word("service")], false),
                part(vec![word("co.")], false),
            ]
        );
    }

    #[test]
    fn or_at_the_edges_and_dangling_quotes_are_harmless() {
        assert_eq!(
            parse("OR klant OR").parts,
            [part(vec![word("klant")], false)]
        );
        assert_eq!(
            parse("\"op tijd").parts,
            [part(vec![Atom::Phrase("op tijd".into())], false)]
        );
    }

    #[test]
    fn a_phrase_of_punctuation_alone_is_no_phrase() {
        // Found by the property below.
        assert_eq!(parse("\"🌀\" \"—\"").parts, vec![]);
        assert_eq!(parse("\"🌀 klant\"").parts.len(), 1);
    }

    // Cases that fail are printed, shrunk; they become tests like the one
    // above rather than files beside the sources.
    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, failure_persistence: None, ..Default::default() })]

        /// Every text is a query: parsing never fails, and what it gives
        /// is well formed — no empty part, no wordless atom, a prefix only
        /// of a word long enough.
        #[test]
        fn every_text_is_a_well_formed_query(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "\"", "-", "+", "(", ")", "*", ":", "~", "^", "\\", "OR", "AND", "NOT", "or", " ",
                    "klant", "mon", "é", "’", "—", "title:", "[a TO b]", "/re/", "\u{0}", "🙂",
                ]).prop_map(str::to_owned),
                "\\PC{0,4}",
            ], 0..20)
        ) {
            let text = pieces.concat();
            let parsed = parse(&text);
            for part in &parsed.parts {
                proptest::prop_assert!(!part.alternatives.is_empty());
                for atom in &part.alternatives {
                    let (Atom::Word(words) | Atom::Phrase(words)) = atom;
                    proptest::prop_assert!(
                        words.chars().any(char::is_alphanumeric),
                        "{:?} from {:?}", atom, text
                    );
                }
            }
            if let Some(prefix) = &parsed.prefix {
                proptest::prop_assert!(prefix.chars().count() >= PREFIX_MIN_CHARS);
            }
        }
    }
}
