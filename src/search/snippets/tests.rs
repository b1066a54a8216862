//! The snippets against tantivy's own generator, and the opening of a
//! story without matches.

use tantivy::tokenizer::Language;

use super::words::Words;
use super::{Fragment, SNIPPET_CHARS, opening};
use crate::search::schema::LONGEST_WORD;

/// The fragment and its marks are exactly those of tantivy's own
/// generator, in both languages, for stems that differ from their words
/// (`klanten`, `dying`, `creëren`, `happily`), capitals and accents at
/// the start of a word included, over a text of many windows where the
/// best one is neither the first nor the last.
#[test]
fn snippets_are_those_of_the_fields_own_analyser() {
    use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::{Index, Term, doc};

    use crate::search::schema::{self, Fields};

    let fields = Fields::new();
    let index = Index::create_in_ram(fields.schema.clone());
    schema::register_analyzers(&index);
    let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let nl = &[
        "De klanten belden. Een klant wilde creëren, niet afwachten.",
        &"Niets bijzonders hier, alleen woorden. ".repeat(4),
        "Klanten, klant, klanten, klant, klanten, klant: Één Yogaleraar creëert, creëren. ",
        &"Weer gewone woorden zonder meer. ".repeat(3),
        "De klant.",
    ]
    .concat();
    let en = &[
        "Dying batteries, a dying inverter: the customers happily called.",
        &"Nothing special here, only words. ".repeat(4),
        "Customers, customer, customers, customer, happily dying, customer; happily. ",
        &"Ordinary words once more. ".repeat(3),
    ]
    .concat();
    writer
        .add_document(doc!(fields.body_nl => nl.as_str(), fields.body_en => en.as_str()))
        .unwrap();
    writer.commit().unwrap();
    let searcher = index.reader().unwrap().searcher();
    let words = |field, text: &str| {
        schema::analyze(
            &index,
            if field == fields.body_nl {
                schema::NL
            } else {
                schema::EN
            },
            text,
        )
        .into_iter()
        .map(move |w| -> (Occur, Box<dyn Query>) {
            let term = Term::from_field_text(field, &w);
            (
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            )
        })
        .collect::<Vec<_>>()
    };
    for (field, language, text, query) in [
        (fields.body_nl, Language::Dutch, nl, "klanten creëren"),
        (fields.body_nl, Language::Dutch, nl, "één yogaleraar"),
        (
            fields.body_en,
            Language::English,
            en,
            "dying happily customers",
        ),
    ] {
        let query = BooleanQuery::new(words(field, query));
        let ours = super::Highlighter::new(
            &crate::search::statistics::Statistics::new(&searcher),
            &query,
            field,
            None,
            language,
            60,
        )
        .unwrap()
        .fragment(text)
        .unwrap();
        let mut theirs = SnippetGenerator::create(&searcher, &query, field).unwrap();
        theirs.set_max_num_chars(60);
        let theirs = theirs.snippet(text);
        assert!(!theirs.is_empty(), "{text}");
        assert!(ours.range.start > 0, "{ours:?}");
        assert_eq!(ours.range, theirs.fragment_range());
        let marks: Vec<_> = ours
            .marks
            .iter()
            .map(|m| m.start - ours.range.start..m.end - ours.range.start)
            .collect();
        assert_eq!(marks, theirs.highlighted());
    }
}

#[test]
fn an_opening_ends_after_a_whole_word_and_says_it_goes_on() {
    let text = "woord ".repeat(SNIPPET_CHARS / 4);
    let cut = opening(&text);
    assert!(cut.ends_with("woord…"), "{cut}");
    assert_eq!(opening("kort & <klein>"), "kort &amp; &lt;klein&gt;");
}

proptest::proptest! {
    /// The snippets' words are exactly where tantivy's `SimpleTokenizer`
    /// cuts a text, whatever the text: accents, digits, other scripts,
    /// emoji, punctuation and spaces of every kind.
    #[test]
    fn words_are_cut_where_the_fields_tokenizer_cuts_them(
        text in "([a-zA-Z0-9éëïöüçßÆø日本語🙂 ,.;:!?'\"\n\t\u{a0}\u{2019}-]){0,300}"
    ) {
        use tantivy::tokenizer::{SimpleTokenizer, TokenStream, Tokenizer};
        let mut tokenizer = SimpleTokenizer::default();
        let mut stream = tokenizer.token_stream(&text);
        let mut expected = Vec::new();
        while stream.advance() {
            expected.push(stream.token().offset_from..stream.token().offset_to);
        }
        let words: Vec<_> = super::words::Words::of(&text).collect();
        proptest::prop_assert_eq!(words, expected);
    }
}

proptest::proptest! {
    /// The table of the terms' starts answers as looking through them one
    /// by one does: terms of one letter and more, `y` read as `i`, capitals,
    /// and terms that do not start in ASCII (a small alphabet, so that
    /// words and terms meet often).
    #[test]
    fn the_table_of_starts_answers_as_the_list_of_them_does(
        terms in proptest::collection::vec("[abyi1éß]{1,3}", 0..6),
        word in "[aAbByYiI1]{1,3}",
    ) {
        use super::words::{Starts, ascii_start, start};
        let starts: Vec<(char, Option<char>)> = terms.iter().map(|t| start(t)).collect();
        let table = Starts::new(starts.iter().copied());
        let (first, second) = ascii_start(&word).expect("an ASCII word");
        let listed = starts
            .iter()
            .any(|&(f, s)| f == first && (s.is_none() || s == second));
        proptest::prop_assert_eq!(table.may_be((first, second)), listed);
    }
}

/// A highlighter for these stemmed terms (each with its score) and the
/// beginning of a word being typed, as [`super::Highlighter::new`] makes
/// one from a query.
fn highlighter(
    terms: &[(String, f32)],
    beginning: Option<(String, f32)>,
    language: Language,
    chars: usize,
) -> super::Highlighter {
    use super::words::{Starts, start};
    let starts: Vec<_> = terms
        .iter()
        .map(|(t, _)| t)
        .chain(beginning.as_ref().map(|(t, _)| t))
        .map(|t| start(t))
        .collect();
    super::Highlighter {
        terms: terms.iter().cloned().collect(),
        beginning,
        starts: Starts::new(starts.iter().copied()),
        finder: super::find::Finder::new(starts),
        stem: crate::search::schema::language_analyzer(language),
        fold: crate::search::schema::fold_analyzer(),
        chars,
    }
}

impl Fragment {
    fn at(start: usize) -> Fragment {
        Fragment {
            range: start..start,
            marks: Vec::new(),
            score: 0.0,
        }
    }
}

/// The higher score wins; the earlier fragment among equals.
fn keep_better(best: &mut Option<Fragment>, fragment: Fragment) {
    if fragment.score > 0.0 && best.as_ref().is_none_or(|b| fragment.score > b.score) {
        *best = Some(fragment);
    }
}

impl super::Highlighter {
    /// The best fragment found by looking at every word in turn: what
    /// [`super::Highlighter::fragment`] must choose (the tests below hold
    /// the two together, and the one above this walk to tantivy's).
    fn fragment_word_by_word(&self, text: &str) -> Option<Fragment> {
        let mut analysers = (self.stem.clone(), self.fold.clone());
        let mut best: Option<Fragment> = None;
        let mut fragment = Fragment::at(0);
        for word in Words::of(text) {
            if word.len() >= LONGEST_WORD {
                continue;
            }
            if word.end - fragment.range.start > self.chars {
                let done = std::mem::replace(&mut fragment, Fragment::at(word.start));
                keep_better(&mut best, done);
            }
            fragment.range.end = word.end;
            let (stem, fold) = &mut analysers;
            if let Some(score) = self.score(stem, fold, &text[word.clone()]) {
                fragment.score += score;
                fragment.marks.push(word);
            }
        }
        keep_better(&mut best, fragment);
        best
    }

    /// Whether every term and the beginning start with two letters.
    fn starts_of_two_letters(&self) -> bool {
        use super::words::start;
        self.terms
            .keys()
            .chain(self.beginning.as_ref().map(|(t, _)| t))
            .all(|t| start(t).1.is_some())
    }
}

/// Words as stories write them: capitals, accents at the start and inside,
/// `y` and `ij`, digits, other scripts, one-letter words and a word too
/// long to be indexed.
const VOCABULARY: &[&str] = &[
    "klant",
    "Klanten",
    "klantje",
    "één",
    "Één",
    "creëren",
    "ideeën",
    "yoga",
    "Yogaleraar",
    "ijs",
    "IJs",
    "de",
    "De",
    "dé",
    "a",
    "Ab",
    "x",
    "2024",
    "straße",
    "日本",
    "Ærø",
    "oké",
    "dying",
    "happily",
    "customers",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "é",
    "dienst",
    "service",
    "Über",
    "öko",
    "y",
    "klantenservicemedewerker",
];
const SEPARATORS: &[&str] = &[
    " ", " ", " ", ", ", ". ", "\u{2019}", "\u{a0}", " — ", "\n", "-",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
    /// Finding the matching words by their starts and the fragments around
    /// them chooses what looking at every word in turn chooses (which
    /// another test holds to tantivy's generator): the same fragment, marks
    /// and score, for texts short and long, fragments narrow and wide,
    /// terms of one letter and more, and a word being typed; a second text after the first.
    #[test]
    fn the_fragment_found_by_starts_is_the_one_found_word_by_word(
        lead in proptest::option::of(0..SEPARATORS.len()),
        words in proptest::collection::vec((0..VOCABULARY.len(), 0..SEPARATORS.len()), 0..400),
        terms in proptest::collection::vec((0..VOCABULARY.len(), 1..4u8), 0..4),
        beginning in proptest::option::of("[a-zé]{1,3}"),
        chars in proptest::sample::select(vec![12usize, 60, 220, 400]),
        dutch in proptest::bool::ANY,
    ) {
        let language = if dutch { Language::Dutch } else { Language::English };
        // Some texts begin with a separator rather than a word.
        let text: String = lead
            .map(|s| SEPARATORS[s].to_owned())
            .into_iter()
            .chain(words.iter().map(|&(w, s)| [VOCABULARY[w], SEPARATORS[s]].concat()))
            .collect();
        let mut stem = crate::search::schema::language_analyzer(language);
        let terms: Vec<(String, f32)> = terms
            .iter()
            .filter_map(|&(w, score)| {
                use tantivy::tokenizer::TokenStream;
                let mut stream = stem.token_stream(VOCABULARY[w]);
                stream.advance().then(|| (stream.token().text.clone(), 1.0 / f32::from(score)))
            })
            .collect();
        let beginning = beginning.map(|b| (b, 0.25));
        let highlighter = highlighter(&terms, beginning, language, chars);
        // The search by starts is what is held to the walk, where the
        // processor has it (the word-by-word fallback otherwise, and for
        // terms of one letter: their many one-byte spellings are more than
        // the packed searcher takes).
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("ssse3")
            && highlighter.starts_of_two_letters()
        {
            proptest::prop_assert!(highlighter.finder.searches());
        }
        // A second text, to the same highlighter.
        let again: String = words
            .iter()
            .rev()
            .map(|&(w, s)| [VOCABULARY[w], SEPARATORS[s]].concat())
            .collect();
        for text in [text, again] {
            proptest::prop_assert_eq!(
                highlighter.fragment(&text),
                highlighter.fragment_word_by_word(&text)
            );
        }
    }
}
