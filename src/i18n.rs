//! Dutch and English for every page, form and message.
//!
//! The texts live in Fluent files (`src/locales/<lang>/main.ftl`), compiled
//! into the binary. Code never holds a user-facing sentence: it holds a
//! [`Msg`] (a message id and its arguments) and the page or API response turns
//! it into text in the reader's [`UiLang`]. Values and stories stay in the
//! language they were written in; only the interface around them changes.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::LanguageIdentifier;
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/locales",
        fallback_language: "nl",
        // No Unicode isolation marks around arguments: they would end up in
        // attribute values and JSON.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UiLang {
    #[default]
    Nl,
    En,
}

/// The name of the cookie that remembers the reader's choice.
pub const COOKIE: &str = "lang";

impl UiLang {
    pub const ALL: [UiLang; 2] = [UiLang::Nl, UiLang::En];

    pub fn parse(raw: &str) -> Option<UiLang> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(UiLang::Nl),
            "en" => Some(UiLang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            UiLang::Nl => "nl",
            UiLang::En => "en",
        }
    }

    /// The language's own name, for the switch ("Nederlands", "English").
    pub fn endonym(self) -> &'static str {
        match self {
            UiLang::Nl => "Nederlands",
            UiLang::En => "English",
        }
    }

    fn id(self) -> LanguageIdentifier {
        match self {
            UiLang::Nl => fluent_templates::langid!("nl"),
            UiLang::En => fluent_templates::langid!("en"),
        }
    }

    /// The best of our languages for an `Accept-Language` header, if any of
    /// them is acceptable at all.
    pub fn from_accept_language(header: &str) -> Option<UiLang> {
        let requested = fluent_langneg::accepted_languages::parse(header);
        let available: Vec<LanguageIdentifier> = UiLang::ALL.iter().map(|l| l.id()).collect();
        let chosen = fluent_langneg::negotiate_languages(
            &requested,
            &available,
            None,
            fluent_langneg::NegotiationStrategy::Lookup,
        );
        chosen
            .first()
            .and_then(|id| UiLang::parse(id.language.as_str()))
    }

    /// The text of a message without arguments.
    pub fn t(self, id: &str) -> String {
        self.lookup(id, None)
    }

    /// The text of a message.
    pub fn msg(self, msg: &Msg) -> String {
        if msg.args.is_empty() {
            return self.lookup(msg.id, None);
        }
        let args: HashMap<Cow<'static, str>, FluentValue<'_>> = msg
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(text) => FluentValue::from(text.as_str()),
                    Arg::Number(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        self.lookup(msg.id, Some(&args))
    }

    fn lookup(
        self,
        id: &str,
        args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
    ) -> String {
        match LOCALES.lookup_single_language(&self.id(), id, args) {
            Ok(text) => text,
            Err(e) => {
                // A missing text is a bug the catalogue test catches; show
                // the id rather than failing the page.
                tracing::error!(id, lang = self.as_str(), error = %e, "missing translation");
                id.to_owned()
            }
        }
    }
}

/// A message argument: text, or a number (which Fluent uses for plurals).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(value as f64)
            }
        }
        // Templates pass references.
        impl From<&$t> for Arg {
            fn from(value: &$t) -> Self {
                Arg::Number(*value as f64)
            }
        }
    )*};
}
number_arg!(u16, i32, i64, u32, u64, usize);

/// A user-facing message in no language yet: an id in the Fluent files and
/// its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub const fn new(id: &'static str) -> Msg {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }
}

/// English, for logs, the command line and the content checker.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&UiLang::En.msg(self))
    }
}

impl From<&'static str> for Msg {
    fn from(id: &'static str) -> Self {
        Msg::new(id)
    }
}

/// The Fluent files, for the catalogue tests.
#[cfg(test)]
pub(crate) fn catalogue(lang: UiLang) -> &'static str {
    match lang {
        UiLang::Nl => include_str!("locales/nl/main.ftl"),
        UiLang::En => include_str!("locales/en/main.ftl"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn ids(source: &str) -> BTreeSet<&str> {
        source
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim()))
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages() {
        let nl = ids(catalogue(UiLang::Nl));
        let en = ids(catalogue(UiLang::En));
        assert!(nl.len() > 50, "the catalogue was not read: {nl:?}");
        assert_eq!(
            nl.difference(&en).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "in Dutch, missing in English"
        );
        assert_eq!(
            en.difference(&nl).collect::<Vec<_>>(),
            Vec::<&&str>::new(),
            "in English, missing in Dutch"
        );
    }

    /// Every message id the code and the templates use is in the catalogue.
    #[test]
    fn every_used_message_exists() {
        let known = ids(catalogue(UiLang::Nl));
        let prefixes: BTreeSet<&str> = known
            .iter()
            .filter_map(|id| id.split_once('-').map(|(p, _)| p))
            .collect();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut missing = Vec::new();
        let mut files = vec![std::path::PathBuf::from(root)];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            if ext != "rs" && ext != "html" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // In code every string literal that looks like a message id
            // (lowercase words joined by hyphens, starting with a word the
            // catalogue uses as a prefix) must be in the catalogue; in
            // templates (full of class names) only the arguments of `t`,
            // `tn` and `ta`.
            let template = ext == "html";
            let pieces: Vec<&str> = text.split('"').collect();
            for (n, piece) in pieces.iter().copied().enumerate() {
                let called = n > 0
                    && [".t(", ".tn(", ".ta("]
                        .iter()
                        .any(|call| pieces[n - 1].ends_with(call));
                if template && !called {
                    continue;
                }
                let Some((prefix, _)) = piece.split_once('-') else {
                    continue;
                };
                let id_like = n % 2 == 1
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !piece.ends_with('-')
                    && prefixes.contains(prefix);
                if id_like && !known.contains(piece) {
                    missing.push(format!("{}: {piece}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "message ids not in the catalogue: {missing:#?}"
        );
    }

    #[test]
    fn arguments_and_plurals() {
        let one = Msg::new("stories-count").arg("count", 1);
        let many = Msg::new("stories-count").arg("count", 3);
        assert_eq!(UiLang::Nl.msg(&one), "1 verhaal");
        assert_eq!(UiLang::Nl.msg(&many), "3 verhalen");
        assert_eq!(UiLang::En.msg(&one), "1 story");
        assert_eq!(UiLang::En.msg(&many), "3 stories");
    }

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(
            UiLang::from_accept_language("en-GB,en;q=0.9"),
            Some(UiLang::En)
        );
        assert_eq!(
            UiLang::from_accept_language("nl-BE, en;q=0.5"),
            Some(UiLang::Nl)
        );
        assert_eq!(
            UiLang::from_accept_language("de-DE, en;q=0.5"),
            Some(UiLang::En)
        );
        assert_eq!(UiLang::from_accept_language("fr, de"), None);
        assert_eq!(UiLang::from_accept_language(""), None);
    }
}
