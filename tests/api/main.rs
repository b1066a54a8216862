//! Integration tests: the real application, in-process, per test on a fresh
//! temporary database and content folder.

mod auth;
mod backends;
mod cli;
mod content;
mod durability;
mod feeds;
mod helpers;
mod limits;
mod matrix;
mod my_stories;
mod pages;
mod reactions;
mod search;
mod search_recovery;
mod security;
mod stories;
mod tokens;
mod values;
