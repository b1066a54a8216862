//! What an intranet team would otherwise build: a web app that searches in
//! its database. Both load the same corpus lines and answer the same queries
//! with the same result shape as Merkwaardig.

pub mod fts5;
pub mod postgres;
