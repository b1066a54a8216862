//! The splitter's rules, against small vocabularies.

use super::*;

/// An index holding the given words.
struct Words(Vec<String>);

impl Words {
    fn of(words: &[&str]) -> Words {
        Words(words.iter().map(|w| w.to_string()).collect())
    }
}

impl Vocabulary for Words {
    fn contains(&self, stem: &str) -> bool {
        self.0
            .iter()
            .any(|w| get().stem(w).as_deref() == Some(stem))
    }
    fn beginning_with(&self, prefix: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|w| w.starts_with(prefix))
            .cloned()
            .collect()
    }
    fn ending_with(&self, suffix: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|w| w.ends_with(suffix))
            .cloned()
            .collect()
    }
}

/// Splits `word` against an index that holds these words on their own.
fn parts(word: &str) -> Option<(String, String)> {
    let index = Words::of(&[
        "klant",
        "service",
        "zon",
        "panelen",
        "monteur",
        "afspraak",
        "warmte",
        "pomp",
        "onderhoud",
        "beurt",
        "werk",
        "plezier",
        "bes",
        "telling",
        "fabriek",
        "kant",
        "vergader",
        "ring",
    ]);
    get().split(word, &index)
}

fn pair(a: &str, b: &str) -> Option<(String, String)> {
    Some((a.to_owned(), b.to_owned()))
}

#[test]
fn compounds_split_into_words_with_linking_letters_taken_off() {
    assert_eq!(parts("klantenservice"), pair("klant", "service"));
    assert_eq!(parts("zonnepanelen"), pair("zon", "panel"));
    assert_eq!(parts("monteursafspraak"), pair("monteur", "afspraak"));
    assert_eq!(parts("warmtepomp"), pair("warmt", "pomp"));
    assert_eq!(parts("onderhoudsbeurt"), pair("onderhoud", "beurt"));
    assert_eq!(parts("werkplezier"), pair("werk", "plezier"));
}

#[test]
fn words_that_are_not_compounds_stay_whole() {
    // `bes` and `telling` are words, but there is no break between them.
    assert_eq!(parts("bestelling"), None);
    for word in [
        "fabrikant",
        "omvormer",
        "service",
        "klant",
        "vergadering",
        "ontzettend",
    ] {
        assert_eq!(parts(word), None, "{word}");
    }
}

#[test]
fn a_part_finds_the_compounds_of_the_index() {
    let index = Words::of(&[
        "klantenservice",
        "zonnepanelen",
        "warmtepompen",
        "klantgericht",
        "communicatiekabel",
        "bestelling",
        "testopstelling",
        "vertellen",
        "telkens",
        "fabrikant",
        "omvormer",
    ]);
    let wholes = |word: &str| get().expand(word, &index).wholes;
    assert_eq!(wholes("service"), ["klantenservice"]);
    assert_eq!(wholes("klant"), ["klantenservice", "klantgericht"]);
    assert_eq!(wholes("klanten"), ["klantenservice", "klantgericht"]);
    // Singular and plural: paneel / panelen.
    assert_eq!(wholes("paneel"), ["zonnepanelen"]);
    assert_eq!(wholes("panelen"), ["zonnepanelen"]);
    assert_eq!(wholes("pomp"), ["warmtepompen"]);
    // `communicatie` is no word of the list, but long enough.
    assert_eq!(wholes("kabel"), ["communicatiekabel"]);
    assert!(wholes("telling").is_empty());
    assert!(wholes("tellen").is_empty(), "no compound of `ver`");
    assert!(wholes("stelling").is_empty());
    assert!(wholes("kant").is_empty());
    assert!(wholes("fabri").is_empty());
    assert!(wholes("mer").is_empty());
}

#[test]
fn singular_and_plural_meet_where_the_stemmer_keeps_them_apart() {
    assert_eq!(other_number("paneel").as_deref(), Some("panel"));
    assert_eq!(other_number("panel").as_deref(), Some("paneel"));
    assert_eq!(other_number("probleem").as_deref(), Some("problem"));
    assert_eq!(other_number("zonnepanel").as_deref(), Some("zonnepaneel"));
    assert_eq!(other_number("been"), None);
    assert_eq!(other_number("klant"), None);
    assert_eq!(other_number("storm"), None);
}

#[test]
fn the_index_vocabulary_counts_as_words() {
    // `zorgloket` is nobody's dictionary word, but this index has it
    // (and `gemeente` as the stemmer writes it).
    let index = Words::of(&["zorgloket", "gemeente"]);
    assert_eq!(
        get().split("gemeentezorgloket", &index),
        pair("meen", "zorgloket")
    );
}

#[test]
fn function_words_stand_for_no_compound_and_are_no_part_of_one() {
    let index = Words::of(&[
        "dokter",
        "dok",
        "gisteren",
        "gis",
        "accepteren",
        "waarbij",
        "waar",
        "bij",
        "bijzaak",
        "zaak",
    ]);
    let expand = |word: &str| get().expand(word, &index);
    // `dok` + `ter`, `gis` + `teren` meet at hyphenation breaks, and both
    // sides are words: chance, not compounds.
    assert!(expand("ter").wholes.is_empty());
    assert!(expand("bij").wholes.is_empty(), "not `bijzaak`");
    assert_eq!(expand("waarbij").parts, None);
    // A word that is no function word still finds its compounds.
    assert_eq!(expand("zaak").wholes, ["bijzaak"]);
}

#[test]
fn a_stem_that_lost_more_than_an_ending_does_not_stand_for_the_word() {
    let index = Words::of(&[
        "halfopen",
        "opengaan",
        "open",
        "openbaring",
        "klantenservice",
    ]);
    let wholes = |word: &str| get().expand(word, &index).wholes;
    // The stemmer takes `openbaring` back to `open`.
    assert_eq!(get().stem("openbaring").as_deref(), Some("open"));
    assert!(wholes("openbaring").is_empty());
    assert_eq!(wholes("open"), ["halfopen", "openbaring", "opengaan"]);
    assert_eq!(wholes("klanten"), ["klantenservice"]);
}
