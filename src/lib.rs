//! Merkwaardig: a values library and a show-and-tell story service.
//!
//! [`build`] turns configuration into the whole Rocket application; `main`
//! and the tests start exactly the same app.

pub mod cli;
pub mod clock;
pub mod config;
pub mod content;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod markdown;
pub mod metrics;
pub mod rate_limits;
pub mod routes;
pub mod search;
pub mod services;
mod startup;
pub mod syndication;
pub mod templates;

pub use startup::{StartupError, build, figment};

use sea_orm::DatabaseConnection;

use crate::config::Settings;

/// Shared by every request.
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Settings,
    /// The development sign-in is on: configured, and listening on loopback.
    pub dev_login: bool,
    pub search: search::Search,
    pub rate_limits: rate_limits::RateLimits,
    /// This installation's permanent identity (feed and entry ids).
    pub installation: services::installation::Installation,
    /// Who was recorded in `people` when (see [`services::people::Seen`]).
    pub people: services::people::Seen,
    /// The task that sends mails and webhook calls; stops with the app.
    pub delivery: services::notify::worker::Delivery,
    /// The task that keeps SQLite's query planner informed; stops with the app.
    pub upkeep: db::upkeep::Upkeep,
    /// Published stories per value, counted again when stories change.
    pub story_facts: services::story_facts::StoryFacts,
}
