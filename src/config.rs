//! Typed settings, read from `Rocket.toml` and `ROCKET_*` variables by the same
//! figment Rocket uses, so an operator has one file and one override mechanism.

use std::net::IpAddr;
use std::path::PathBuf;

use rocket::figment::Figment;
use serde::{Deserialize, Deserializer};

pub use crate::domain::Moderation;
use crate::domain::Origin;

/// What happens to the stories of someone who left, when an admin runs
/// `merkwaardig user forget`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DepartedStories {
    /// The stories stay, by "a former colleague".
    Keep,
    /// The stories are withdrawn.
    Withdraw,
}

/// How log lines are written to standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for people.
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Folder for the SQLite database, the search index and the secret key.
    pub data_dir: PathBuf,
    /// `sqlite://...` or `postgres://...`; empty means a SQLite file in `data_dir`.
    pub database_url: String,
    /// Upper bound of the database connection pool.
    pub database_pool_size: u32,
    /// Folder with `values/*.md` (and `stories/*.md` for demo mode).
    pub content_dir: PathBuf,
    pub moderation: Moderation,
    /// Load the example stories into an empty database.
    pub demo: bool,
    /// Peers whose identity headers (`X-Forwarded-User`, ...) are trusted.
    pub trusted_proxies: Vec<IpAddr>,
    /// Groups (from `X-Forwarded-Groups`) whose members are managers.
    pub manager_groups: Vec<String>,
    /// Groups whose members are administrators.
    pub admin_groups: Vec<String>,
    /// Offer the development sign-in page; effective only on a loopback address.
    pub dev_login: bool,
    /// Stories one person may submit per hour.
    pub submissions_per_hour: u32,
    /// "This inspired me" marks (and undos) one person may make per hour.
    pub reactions_per_hour: u32,
    /// Thank-you notes one person may write per hour.
    pub notes_per_hour: u32,
    /// API calls one token may make per minute.
    pub api_calls_per_minute: u32,
    /// Interface language when neither the reader's choice nor the browser's
    /// `Accept-Language` settles it: `nl` or `en`.
    pub default_language: crate::i18n::UiLang,
    /// What `merkwaardig user forget` does with the stories of someone who
    /// left: `keep` (by "a former colleague") or `withdraw`.
    pub departed_stories: DepartedStories,
    /// Days the search change log is kept; a replica offline for longer
    /// rebuilds its index from the database when it returns. 0: forever.
    pub search_log_retention_days: u32,
    /// `/readyz` answers `503` while the oldest change not yet searchable on
    /// this replica is older than this many seconds.
    pub ready_max_index_lag_seconds: u32,
    /// The address people reach the site at, for absolute links in feeds,
    /// OpenSearch and oEmbed; unset (empty): taken from each request.
    #[serde(deserialize_with = "optional_origin")]
    pub public_url: Option<Origin>,
    /// Intranet origins (like `https://intranet.example`) whose pages may
    /// call the read API from the browser (CORS) and frame the `/embed/`
    /// pages.
    pub embed_origins: Vec<Origin>,
    /// Where a signed-out reader signs in with the single sign-on proxy;
    /// `{back}` becomes the (URL-encoded) path to return to, as in
    /// `/oauth2/start?rd={back}` for oauth2-proxy. Empty: no sign-in links
    /// (the development sign-in has its own page).
    #[serde(deserialize_with = "sign_in_url")]
    pub sign_in_url: String,
    /// The insights show no figure about fewer people than this (it reads
    /// "fewer than 5"); at least 1.
    #[serde(deserialize_with = "at_least_one")]
    pub insights_min_group: u32,
    /// A value without a published story for this many days is a gap in
    /// the insights.
    pub insights_gap_days: u32,
    /// Where mail goes out: `smtp://host:port` (plain, or STARTTLS with
    /// `?tls=required`), `smtps://user:password@host:465`. Empty: no mail
    /// (notifications stay in the site). Needs `public_url` for the links.
    pub smtp_url: String,
    /// The sender of mails, like `Merkwaardig <waarden@example.nl>`; empty:
    /// `merkwaardig@` the host of `public_url`.
    pub mail_from: String,
    /// How long one mail or webhook call may take, in seconds.
    #[serde(deserialize_with = "at_least_one")]
    pub delivery_timeout_seconds: u32,
    /// The wait before a failed mail or webhook call is tried again, in
    /// seconds; doubled with every further try, at most an hour.
    #[serde(deserialize_with = "at_least_one")]
    pub delivery_retry_seconds: u32,
    /// After this many hours of failing, a message is given up on (logged,
    /// and shown to administrators, who can send it again).
    #[serde(deserialize_with = "at_least_one")]
    pub delivery_give_up_hours: u32,
    /// An author is told when their story reaches this many "this inspired
    /// me" marks; 0: never.
    pub inspired_milestone: u32,
    /// `text` or `json` (one object a line).
    pub log_format: LogFormat,
    /// When set, `/metrics` answers only requests with `Authorization:
    /// Bearer <metrics_token>`; empty: anyone who reaches it.
    pub metrics_token: String,
    /// The day the weekly digest goes out: `monday` … `sunday`.
    #[serde(deserialize_with = "weekday")]
    pub digest_weekday: chrono::Weekday,
    /// The hour (0–23, UTC) the weekly digest goes out.
    #[serde(deserialize_with = "hour")]
    pub digest_hour: u32,
}

fn weekday<'de, D: Deserializer<'de>>(deserializer: D) -> Result<chrono::Weekday, D::Error> {
    let raw = String::deserialize(deserializer)?;
    raw.trim().parse::<chrono::Weekday>().map_err(|_| {
        serde::de::Error::custom(format!("`{raw}` is not a weekday: use monday … sunday"))
    })
}

fn hour<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(deserializer)?;
    if n > 23 {
        Err(serde::de::Error::custom("an hour is 0 to 23"))
    } else {
        Ok(n)
    }
}

fn at_least_one<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let n = u32::deserialize(deserializer)?;
    if n == 0 {
        Err(serde::de::Error::custom("must be at least 1"))
    } else {
        Ok(n)
    }
}

/// A sign-in address is a path of this site or an http(s) URL.
fn sign_in_url<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let raw = String::deserialize(deserializer)?.trim().to_owned();
    let fine = raw.is_empty()
        || (raw.starts_with('/') && !raw.starts_with("//"))
        || raw.starts_with("https://")
        || raw.starts_with("http://");
    if fine {
        Ok(raw)
    } else {
        Err(serde::de::Error::custom(
            "a sign-in address is a path (`/oauth2/start?rd={back}`) or an http(s) URL",
        ))
    }
}

/// An empty string is "not set", so that `ROCKET_PUBLIC_URL=` can unset it.
fn optional_origin<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Origin>, D::Error> {
    let raw = String::deserialize(deserializer)?;
    if raw.trim().is_empty() {
        return Ok(None);
    }
    Origin::parse(&raw)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            data_dir: PathBuf::from("data"),
            database_url: String::new(),
            database_pool_size: 8,
            content_dir: PathBuf::from("content"),
            moderation: Moderation::Pre,
            demo: true,
            trusted_proxies: vec![
                IpAddr::from([127, 0, 0, 1]),
                IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]),
            ],
            manager_groups: vec!["managers".into()],
            admin_groups: vec!["admins".into()],
            dev_login: true,
            submissions_per_hour: 20,
            reactions_per_hour: 120,
            notes_per_hour: 30,
            api_calls_per_minute: 600,
            default_language: crate::i18n::UiLang::Nl,
            departed_stories: DepartedStories::Keep,
            search_log_retention_days: 30,
            ready_max_index_lag_seconds: 30,
            public_url: None,
            embed_origins: Vec::new(),
            sign_in_url: String::new(),
            insights_min_group: 5,
            insights_gap_days: 90,
            smtp_url: String::new(),
            mail_from: String::new(),
            delivery_timeout_seconds: 20,
            delivery_retry_seconds: 30,
            delivery_give_up_hours: 48,
            inspired_milestone: 10,
            metrics_token: String::new(),
            log_format: LogFormat::Text,
            digest_weekday: chrono::Weekday::Mon,
            digest_hour: 7,
        }
    }
}

impl Settings {
    /// Reads the settings; the error names the key and the file it came from.
    pub fn from_figment(figment: &Figment) -> Result<Self, Box<rocket::figment::Error>> {
        let settings: Settings = figment.extract().map_err(Box::new)?;
        Ok(settings)
    }

    /// The database URL to connect to, defaulting to a SQLite file in `data_dir`.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("merkwaardig.db").display()
            )
        } else {
            self.database_url.clone()
        }
    }
}
