//! Integration tests: the real application, in-process, per test on a fresh
//! temporary database and content folder.

mod admin;
mod auth;
mod backends;
mod browser;
mod browser_pages;
mod cli;
mod content;
mod cross_site;
mod durability;
mod feeds;
mod hardening;
mod helpers;
mod language;
mod limits;
mod matrix;
mod my_stories;
mod openapi;
mod pages;
mod privacy;
mod reactions;
mod reading_lists;
mod relevance;
mod search;
mod search_compounds;
mod search_glossary;
mod search_recovery;
mod search_snippets;
mod search_syntax;
mod security;
mod stories;
mod token_binding;
mod tokens;
mod values;
mod widgets;
mod workflows;
