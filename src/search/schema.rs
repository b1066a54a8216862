//! The index schema and its analysers, built once. Each story is indexed in
//! the fields of its own language, so Dutch text gets Dutch stemming and
//! English text English stemming; queries run against both.

use tantivy::schema::Value;
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TextAnalyzerBuilder, Tokenizer, WhitespaceTokenizer,
};
use tantivy::{Index, TantivyDocument, Term};

use super::beginnings;
use super::common_pairs;
use crate::domain::Lang;

/// Bumped whenever the schema or an analyser changes: an index written with
/// another version is rebuilt from the database at start-up.
pub const SCHEMA_VERSION: u32 = 7;

pub const NL: &str = "merkwaardig_nl";
pub const EN: &str = "merkwaardig_en";
pub const KEYWORD: &str = "merkwaardig_keyword";
/// Words split on white space only: for `words` and `begins`, whose words
/// are made by [`word_fields`].
pub const REVERSED: &str = "merkwaardig_reversed";
/// Lowercased and folded, not stemmed: for the prefix of a word being typed
/// (queries only; no field is indexed with it).
pub const FOLD: &str = "merkwaardig_fold";

/// The field handles, kept together so that nobody looks them up by name.
#[derive(Clone, Debug)]
pub struct Fields {
    pub schema: Schema,
    pub id: Field,
    pub lang: Field,
    pub title_nl: Field,
    pub body_nl: Field,
    pub title_en: Field,
    pub body_en: Field,
    /// Every story's words as written (folded, not stemmed), indexed only:
    /// forwards after `>` and (where a compound may end so) backwards after
    /// `<`, so that "words beginning with `klant`" and "words ending in
    /// `service`" are both ranges of this field's terms (see `compounds`
    /// and [`word_fields`]). English stories are in it too, forwards: they
    /// name Dutch teams and things (`Klantenservice`), and they are where a
    /// word being typed is completed and a typo corrected from.
    pub words: Field,
    /// The beginnings of three and four letters of a story's words, each
    /// once ([`super::beginnings`]): a short word being typed is one term.
    pub begins: Field,
    pub value: Field,
    pub audience: Field,
    pub team: Field,
    pub published_at: Field,
}

impl Fields {
    pub fn new() -> Fields {
        let mut builder = Schema::builder();
        let text = |tokenizer: &str| {
            TextOptions::default().set_stored().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        // Indexed only, which documents hold the term (no frequencies, no
        // positions): filters and looked-up words.
        let indexed_only = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::Basic),
            )
        };
        let id = builder.add_u64_field("id", INDEXED | STORED | FAST);
        let lang = builder.add_text_field("lang", STRING | STORED);
        let title_nl = builder.add_text_field("title_nl", text(NL));
        let body_nl = builder.add_text_field("body_nl", text(NL));
        let title_en = builder.add_text_field("title_en", text(EN));
        let body_en = builder.add_text_field("body_en", text(EN));
        let words = builder.add_text_field("words", indexed_only(REVERSED));
        let begins = builder.add_text_field("begins", indexed_only(REVERSED));
        let value = builder.add_facet_field("value", FacetOptions::default().set_stored());
        let audience = builder.add_text_field("audience", STRING);
        let team = builder.add_text_field("team", indexed_only(KEYWORD));
        let published_at = builder.add_i64_field("published_at", INDEXED | STORED | FAST);
        Fields {
            schema: builder.build(),
            id,
            lang,
            title_nl,
            body_nl,
            title_en,
            body_en,
            words,
            begins,
            value,
            audience,
            team,
            published_at,
        }
    }

    pub fn title(&self, lang: Lang) -> Field {
        match lang {
            Lang::Nl => self.title_nl,
            Lang::En => self.title_en,
        }
    }

    pub fn body(&self, lang: Lang) -> Field {
        match lang {
            Lang::Nl => self.body_nl,
            Lang::En => self.body_en,
        }
    }

    /// The text fields searched by a query, with their analysers.
    pub fn text_fields(&self) -> [(Field, &'static str); 4] {
        [
            (self.title_nl, NL),
            (self.body_nl, NL),
            (self.title_en, EN),
            (self.body_en, EN),
        ]
    }

    pub fn is_title(&self, field: Field) -> bool {
        field == self.title_nl || field == self.title_en
    }

    pub fn id_term(&self, id: i32) -> Term {
        Term::from_field_u64(self.id, id as u64)
    }

    /// The story id of an indexed document.
    pub fn id_of(&self, doc: &TantivyDocument) -> i32 {
        doc.get_first(self.id).and_then(|v| v.as_u64()).unwrap_or(0) as i32
    }

    /// The language of an indexed document.
    pub fn lang_of(&self, doc: &TantivyDocument) -> Lang {
        Lang::parse(&self.text_of(doc, self.lang)).unwrap_or(Lang::Nl)
    }

    /// The first stored text of `field` in an indexed document.
    pub fn text_of(&self, doc: &TantivyDocument, field: Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned()
    }
}

impl Default for Fields {
    fn default() -> Self {
        Fields::new()
    }
}

/// How the index keeps its stored documents: in blocks of about one story
/// (4 KB rather than tantivy's 16), since a hit's snippet and title are
/// read from its stored text, and a block is decompressed whole for each
/// of the ten hits of a page.
pub fn index_settings() -> tantivy::IndexSettings {
    tantivy::IndexSettings {
        docstore_blocksize: 4_096,
        ..tantivy::IndexSettings::default()
    }
}

/// Longer words (in bytes) are left out of the index: they are not words.
pub const LONGEST_WORD: usize = 40;

/// A language's words, stemmed: what a query word is searched as. The
/// fields are indexed with [`common_pairs::with_pairs`] of it, which adds
/// pairs of common words.
pub(super) fn language_analyzer(language: Language) -> TextAnalyzer {
    analyzer_builder(language).build()
}

pub(super) fn analyzer_builder(language: Language) -> TextAnalyzerBuilder<impl Tokenizer> {
    // Lowercase, fold accents (creëren → creeren), then stem: the same chain
    // runs over documents and queries, so `klanten` meets `klant`.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
}

/// Lowercased and folded, not stemmed.
pub(super) fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(LONGEST_WORD))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers the analysers the schema names; needed on every opened index.
pub fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(NL, common_pairs::with_pairs(Language::Dutch));
    tokenizers.register(EN, common_pairs::with_pairs(Language::English));
    tokenizers.register(FOLD, fold_analyzer());
    tokenizers.register(
        REVERSED,
        TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
    );
    tokenizers.register(
        KEYWORD,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
}

/// Marks a word written forwards in `words`.
pub const FORWARDS: char = '>';
/// Marks a word written backwards in `words`.
pub const BACKWARDS: char = '<';

/// What a story puts in `words` and in `begins`, from one pass over its
/// words: the distinct words of `texts`, folded, each forwards and (in a
/// Dutch story) backwards, and their beginnings ([`beginnings::of`]), each
/// separated by spaces. In no particular order (the index sorts its terms
/// itself): this runs for every story of a rebuild, so it allocates once
/// per distinct word, not per word.
///
/// Backwards only what the compound splitter may look up by its ending: a
/// compound counts only where a Dutch story holds it ([`super::compounds`]),
/// and has two parts. In the benchmark's corpus that is 82 of a story's 342
/// distinct words, and all of them backwards had been a fifth of the terms
/// a story adds to the index: a rebuild of 100,000 stories took 48 s with
/// them, 40 s without.
pub fn word_fields(texts: &[&str], lang: Lang) -> (String, String) {
    let mut analyzer = fold_analyzer();
    let mut words: std::collections::HashSet<String, foldhash::fast::RandomState> =
        Default::default();
    for text in texts {
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let word = &stream.token().text;
            if !words.contains(word.as_str()) {
                words.insert(word.clone());
            }
        }
    }
    let mut forms = String::with_capacity(words.iter().map(|w| 2 * w.len() + 4).sum());
    for word in &words {
        forms.push(FORWARDS);
        forms.push_str(word);
        forms.push(' ');
        if lang == Lang::Nl && word.len() >= super::compounds::SHORTEST_WHOLE {
            forms.push(BACKWARDS);
            forms.extend(word.chars().rev());
            forms.push(' ');
        }
    }
    forms.pop();
    (forms, beginnings::of(words.iter().map(String::as_str)))
}

/// Runs `text` through the analyser `name`, as the index would: its words,
/// without the pairs of common words a text field adds (a phrase is
/// searched by [`common_pairs::phrase_terms`]).
pub fn analyze(index: &Index, name: &str, text: &str) -> Vec<String> {
    tokens(index, name, text)
        .into_iter()
        .filter(|(_, token)| !common_pairs::is_pair(token))
        .map(|(_, token)| token)
        .collect()
}

/// Every token the analyser `name` makes of `text`, pairs included, with
/// its position.
pub fn tokens(index: &Index, name: &str, text: &str) -> Vec<(usize, String)> {
    let Some(mut analyzer) = index.tokenizers().get(name) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push((stream.token().position, stream.token().text.clone()));
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(text: &str) -> Vec<&str> {
        let mut terms: Vec<&str> = text.split(' ').collect();
        terms.sort_unstable();
        terms
    }

    #[test]
    fn a_dutch_storys_words_that_may_be_compounds_are_also_kept_backwards() {
        let (words, beginnings) = word_fields(&["De Klantenservice", "belt de klant"], Lang::Nl);
        assert_eq!(
            sorted(&words),
            [
                "<ecivresnetnalk",
                ">belt",
                ">de",
                ">klant",
                ">klantenservice"
            ],
            "`klant` is shorter than two parts of a compound"
        );
        assert_eq!(sorted(&beginnings), ["bel", "belt", "kla", "klan"]);
    }

    #[test]
    fn an_english_storys_words_are_kept_forwards_only() {
        let (words, _) = word_fields(&["The Klantenservice called"], Lang::En);
        assert_eq!(sorted(&words), [">called", ">klantenservice", ">the"]);
    }
}
