//! sea-orm entities, one per table. Plain rows: the domain types in
//! `crate::domain` give them meaning.

pub mod api_token;
pub mod barrier;
pub mod barrier_event;
pub mod barrier_value;
pub mod commitment;
pub mod delivery;
pub mod installation;
pub mod monthly_pick;
pub mod note;
pub mod note_report;
pub mod notification;
pub mod notification_setting;
pub mod org_value;
pub mod person;
pub mod reaction;
pub mod search_change;
pub mod search_log_mark;
pub mod story;
pub mod story_person;
pub mod story_report;
pub mod story_revision;
pub mod story_value;
pub mod webhook;
