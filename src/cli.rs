//! The command line: `merkwaardig` (or `merkwaardig serve`) runs the service;
//! `merkwaardig check-content [DIR]` validates a content folder.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::content::{load_demo_stories, load_values};

#[derive(Parser)]
#[command(
    name = "merkwaardig",
    version,
    about = "Makes an organisation's values visible: a values library and show-and-tell stories."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the service (the default). Settings come from Rocket.toml and ROCKET_* variables.
    Serve,
    /// Rebuild the search index from the database into a fresh folder and switch
    /// to it; a running service moves over by itself, searching all the while.
    Reindex,
    /// Check the values (and example stories) in a content folder without starting.
    CheckContent {
        /// The content folder; defaults to the configured `content_dir`.
        dir: Option<PathBuf>,
    },
}

pub fn run() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Reindex => reindex(),
        Command::CheckContent { dir } => check_content(dir),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,rocket::launch::_=warn,rocket::server::_=warn")
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn serve() -> ExitCode {
    rocket::execute(async {
        let rocket = match crate::build(crate::figment()).await {
            Ok(rocket) => rocket,
            Err(e) => {
                eprintln!("merkwaardig cannot start: {e}");
                return ExitCode::FAILURE;
            }
        };
        match rocket.launch().await {
            Ok(_) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("merkwaardig stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn reindex() -> ExitCode {
    rocket::execute(async {
        let settings = match Settings::from_figment(&crate::figment()) {
            Ok(settings) => settings,
            Err(e) => {
                eprintln!("configuration error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let db = match crate::db::connect(&settings).await {
            Ok(db) => db,
            Err(e) => {
                eprintln!("cannot open the database: {e}");
                return ExitCode::FAILURE;
            }
        };
        let root = crate::search::store::root(&settings.data_dir);
        let fields = crate::search::schema::Fields::new();
        match crate::search::rebuild_generation(&db, &root, &fields).await {
            Ok(opened) => {
                eprintln!(
                    "search index rebuilt in {} (log cursor {}); a running service switches to it within a second",
                    root.join(&opened.generation.name).display(),
                    opened.cursor
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("reindex failed: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn check_content(dir: Option<PathBuf>) -> ExitCode {
    let dir = match dir {
        Some(dir) => dir,
        None => match Settings::from_figment(&crate::figment()) {
            Ok(settings) => settings.content_dir,
            Err(e) => {
                eprintln!("configuration error: {e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let values = match load_values(&dir) {
        Ok(values) => values,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::FAILURE;
        }
    };
    let kinds = values
        .iter()
        .map(|v| (v.slug.to_string(), v.kind))
        .collect();
    match load_demo_stories(&dir, &kinds) {
        Ok(stories) => {
            println!(
                "{}: {} values and {} example stories are valid",
                dir.display(),
                values.len(),
                stories.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            ExitCode::FAILURE
        }
    }
}
