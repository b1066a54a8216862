//! The domain services: every read and write of values and stories, shared by
//! the HTML pages and the JSON API so the two never disagree.

pub mod barriers;
pub mod commitments;
pub mod demo;
pub mod insights;
pub mod installation;
pub mod monthly;
pub mod notes;
pub mod notify;
pub mod people;
pub mod privacy;
pub mod reactions;
pub mod reports;
pub mod revisions;
pub mod stories;
pub mod story_facts;
pub mod tokens;
pub mod transfer;
pub mod values;
