//! The glossary as the search uses it: each group of equivalent words is
//! looked up by a query word's (or phrase's) analysed form in either
//! language, so `klanten` finds the group of `klant`, and the query then
//! asks for any member of the group.

use std::collections::HashMap;

use tantivy::Index;

use super::schema;
use super::syntax::Atom;
use crate::content::Glossary;

#[derive(Debug, Default)]
pub struct Synonyms {
    /// Each group's members as query atoms.
    groups: Vec<Vec<Atom>>,
    /// (analyser, analysed tokens joined by spaces) → group.
    lookup: HashMap<(&'static str, String), usize>,
}

const ANALYZERS: [&str; 2] = [schema::NL, schema::EN];

fn key(index: &Index, analyzer: &'static str, text: &str) -> Option<(&'static str, String)> {
    let tokens = schema::analyze(index, analyzer, text);
    (!tokens.is_empty()).then(|| (analyzer, tokens.join(" ")))
}

impl Synonyms {
    /// `index` lends its analysers (the same in every generation).
    pub fn new(glossary: &Glossary, index: &Index) -> Synonyms {
        let mut synonyms = Synonyms::default();
        for (n, members) in glossary.groups.iter().enumerate() {
            let atoms = members
                .iter()
                .map(|m| {
                    if m.contains(' ') {
                        Atom::Phrase(m.clone())
                    } else {
                        Atom::Word(m.clone())
                    }
                })
                .collect();
            synonyms.groups.push(atoms);
            for member in members {
                for analyzer in ANALYZERS {
                    if let Some(key) = key(index, analyzer, member) {
                        synonyms.lookup.entry(key).or_insert(n);
                    }
                }
            }
        }
        synonyms
    }

    /// The group a word or phrase belongs to, as atoms to ask for instead.
    pub fn of(&self, index: &Index, atom: &Atom) -> Option<&[Atom]> {
        if self.groups.is_empty() {
            return None;
        }
        let text = match atom {
            Atom::Word(text) | Atom::Phrase(text) => text,
        };
        ANALYZERS
            .iter()
            .filter_map(|analyzer| key(index, analyzer, text))
            .find_map(|key| self.lookup.get(&key))
            .map(|n| self.groups[*n].as_slice())
    }
}
