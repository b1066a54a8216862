//! Start-up: settings, data folder, secret key, database and migrations,
//! values from `content/`, example stories. Every failure names what to fix.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::{Build, Rocket};

use crate::config::Settings;
use crate::content::{ContentErrors, load_glossary, load_values};
use crate::services::{demo, values};
use crate::{AppState, db, routes};

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("configuration error: {0}")]
    Config(String),
    #[error("cannot use the data folder {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database ({url}): {source}")]
    Database { url: String, source: sea_orm::DbErr },
    #[error("the content in {} has errors:\n{errors}", dir.display())]
    Content { dir: PathBuf, errors: ContentErrors },
    #[error("cannot load the example stories:\n{0}")]
    Demo(String),
    #[error("cannot open the search index: {0}")]
    Search(#[from] crate::search::SearchError),
}

/// The configuration Rocket reads: `Rocket.toml` (or the file named by
/// `ROCKET_CONFIG`) and `ROCKET_*` environment variables.
pub fn figment() -> Figment {
    rocket::Config::figment()
}

/// Builds the application from configuration, ready to launch.
pub async fn build(figment: Figment) -> Result<Rocket<Build>, StartupError> {
    let settings =
        Settings::from_figment(&figment).map_err(|e| StartupError::Config(e.to_string()))?;
    let rocket_config: rocket::Config = figment
        .extract()
        .map_err(|e| StartupError::Config(e.to_string()))?;

    std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartupError::DataDir {
        path: settings.data_dir.clone(),
        source,
    })?;
    let figment = if rocket_config.secret_key.is_zero() {
        with_secret_key(figment, &settings.data_dir)?
    } else {
        figment
    };

    let content_error = |errors| StartupError::Content {
        dir: settings.content_dir.clone(),
        errors,
    };
    let defs = load_values(&settings.content_dir).map_err(content_error)?;
    let glossary = load_glossary(&settings.content_dir).map_err(content_error)?;

    let url = settings.effective_database_url();
    let db = db::connect(&settings)
        .await
        .map_err(|source| StartupError::Database {
            url: redact_password(&url),
            source,
        })?;
    tracing::info!(database = %redact_password(&url), "database ready");

    let database_error = |source| StartupError::Database {
        url: redact_password(&url),
        source,
    };
    // Replicas starting together set up the data in turn (PostgreSQL).
    let turn = db::take_turn(&db).await.map_err(database_error)?;
    let report = values::sync_values(&db, &defs)
        .await
        .map_err(|e| StartupError::Database {
            url: redact_password(&url),
            source: sea_orm::DbErr::Custom(e.to_string()),
        })?;
    tracing::info!(
        values = defs.len(),
        added = report.added,
        updated = report.updated,
        archived = report.archived,
        "values mirrored from {}",
        settings.content_dir.display()
    );

    if settings.demo {
        let loaded = demo::load_if_empty(&db, &settings.content_dir)
            .await
            .map_err(|e| StartupError::Demo(e.to_string()))?;
        if loaded > 0 {
            tracing::info!(stories = loaded, "example stories loaded (demo mode)");
        }
    }

    let installation = crate::services::installation::ensure(&db)
        .await
        .map_err(|e| StartupError::Database {
            url: redact_password(&url),
            source: match e {
                crate::error::AppError::Database(source) => source,
                other => sea_orm::DbErr::Custom(other.to_string()),
            },
        })?;
    if let Some(turn) = turn {
        turn.commit().await.map_err(database_error)?;
    }

    let retention = (settings.search_log_retention_days > 0).then(|| {
        std::time::Duration::from_secs(u64::from(settings.search_log_retention_days) * 86_400)
    });
    let search =
        crate::search::Search::start(db.clone(), &settings.data_dir, retention, &glossary).await?;

    let timeout = std::time::Duration::from_secs(u64::from(settings.delivery_timeout_seconds));
    let mailer = crate::services::notify::mail::Mailer::from_settings(
        &settings.smtp_url,
        &settings.mail_from,
        settings.public_url.as_ref(),
        timeout,
    )
    .map_err(|e| StartupError::Config(e.to_string()))?;
    match &mailer {
        Some(mailer) => tracing::info!(links = mailer.base(), "mail is on"),
        None => tracing::info!("mail is off (smtp_url is empty): notifications stay in the site"),
    }
    let delivery = crate::services::notify::worker::start(
        db.clone(),
        crate::services::notify::worker::DeliveryConfig {
            mailer,
            base: settings
                .public_url
                .as_ref()
                .map(|url| url.as_str().trim_end_matches('/').to_owned())
                .unwrap_or_default(),
            lang: settings.default_language,
            timeout,
            first_retry: std::time::Duration::from_secs(u64::from(settings.delivery_retry_seconds)),
            give_up: std::time::Duration::from_secs(
                u64::from(settings.delivery_give_up_hours) * 3600,
            ),
            digest: crate::services::notify::digest::Schedule {
                weekday: settings.digest_weekday,
                hour: settings.digest_hour,
            },
        },
    );

    let dev_login = settings.dev_login && rocket_config.address.is_loopback();
    if dev_login {
        tracing::warn!("development sign-in is on at /dev/login (loopback only)");
    }
    let limits = crate::rate_limits::RateLimits::new(
        settings.submissions_per_hour,
        settings.reactions_per_hour,
        settings.notes_per_hour,
        settings.api_calls_per_minute,
    );
    let upkeep = crate::db::upkeep::start(db.clone(), crate::db::upkeep::EVERY);
    // Counted while the service starts, so that the first visitor does not
    // wait for it (seconds at a million stories).
    let story_facts = crate::services::story_facts::StoryFacts::default();
    let (facts, facts_db) = (story_facts.clone(), db.clone());
    tokio::spawn(async move {
        if let Err(e) = facts.get(&facts_db).await {
            tracing::warn!(error = %e, "could not count the published stories");
        }
    });
    let state = AppState {
        db,
        settings,
        dev_login,
        search,
        rate_limits: limits,
        installation,
        people: Default::default(),
        delivery,
        upkeep,
        story_facts,
    };
    Ok(routes::mount(rocket::custom(figment).manage(state)))
}

/// Private cookies need a secret key. Unless one is configured, a random key
/// is created once in the data folder, so sign-ins survive restarts and a
/// release build starts without manual steps.
fn with_secret_key(figment: Figment, data_dir: &Path) -> Result<Figment, StartupError> {
    let path = data_dir.join("secret.key");
    let io_error = |source| StartupError::DataDir {
        path: path.clone(),
        source,
    };
    let key = match std::fs::read_to_string(&path) {
        Ok(key) => key.trim().to_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes)
                .map_err(|e| io_error(std::io::Error::other(e.to_string())))?;
            let key = hex::encode(bytes);
            write_private(&path, &key).map_err(io_error)?;
            tracing::info!("created a secret key in {}", path.display());
            key
        }
        Err(e) => return Err(io_error(e)),
    };
    Ok(figment.merge(("secret_key", key)))
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents.as_bytes())
}

/// Hides the password of a database URL for logs and error messages.
fn redact_password(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme_end + 3], user, &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact_password;

    #[test]
    fn database_passwords_are_not_shown() {
        assert_eq!(
            redact_password("postgres://app:geheim@db:5432/mw"),
            "postgres://app:***@db:5432/mw"
        );
        assert_eq!(redact_password("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
