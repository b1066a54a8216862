//! The command line: `merkwaardig` (or `merkwaardig serve`) runs the service;
//! `merkwaardig check-content [DIR]` validates a content folder; `import` and
//! `export` (in [`transfer`]) move stories in and out in bulk.

mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{DepartedStories, Settings};
use crate::content::{load_demo_stories, load_glossary, load_values};
use crate::services::tokens::{self, TokenScope};

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
    /// Create, list or revoke API tokens for programs (widgets, integrations).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Manage the people Merkwaardig knows about.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Rebuild the search index from the database into a fresh folder and switch
    /// to it; a running service moves over by itself, searching all the while.
    Reindex,
    /// Write a consistent copy of the SQLite database to a new file, while the
    /// service runs. (PostgreSQL: use pg_dump.) To restore, stop the service
    /// and put the copy in place of `<data_dir>/merkwaardig.db`; the search
    /// index repairs itself on the next start.
    Backup {
        /// The file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Check the values (and example stories) in a content folder without starting.
    CheckContent {
        /// The content folder; defaults to the configured `content_dir`.
        dir: Option<PathBuf>,
    },
    /// Import stories from a JSON Lines file (one story a line). Every line
    /// is checked first and every problem reported; nothing is imported
    /// unless all lines are valid (or with --skip-invalid). Stories already
    /// there (by external_id) are skipped.
    Import(transfer::ImportArgs),
    /// Write every story, in the format `import` reads, to FILE or standard
    /// output.
    Export(transfer::ExportArgs),
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a token; prints the token alone on standard output, once.
    Create {
        /// What the token is for, e.g. "intranet homepage".
        #[arg(long)]
        name: String,
        /// What it may do.
        #[arg(long, value_enum)]
        scope: TokenScope,
        /// A widget token: the intranet origin it may be used from
        /// (repeatable), e.g. https://intranet.example. Scope search only.
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// A widget token: a value it is fixed to (repeatable); its searches
        /// and lists never go beyond these. Scope search only.
        #[arg(long = "value")]
        values: Vec<String>,
    },
    /// List the tokens (never their secrets).
    List,
    /// Revoke a token; effective for the very next request.
    Revoke {
        /// The token's id, as `token list` shows it.
        id: i32,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Someone left: remove their name and id from their stories, the
    /// histories, reactions and reports. Their stories stay, by "a former
    /// colleague", or are withdrawn (setting `departed_stories`).
    Forget {
        /// Their id, as the sign-on proxy sends it in `X-Forwarded-User`.
        id: String,
        /// Override `departed_stories` for this once.
        #[arg(long, value_enum)]
        stories: Option<DepartedArg>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DepartedArg {
    Keep,
    Withdraw,
}

pub fn run() -> ExitCode {
    init_logging();
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(),
        Command::Reindex => reindex(),
        Command::Token { command } => token(command),
        Command::User { command } => user(command),
        Command::CheckContent { dir } => check_content(dir),
        Command::Backup { file } => backup(&file),
        Command::Import(args) => transfer::import(args),
        Command::Export(args) => transfer::export(args),
    }
}

/// A log line that cannot be written (the disk under the log file is full)
/// is dropped: the subscriber's own report of it would go to that same
/// stderr with `eprintln!`, which panics when stderr fails — and a panic
/// while a request is logged drops the request's connection.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,rocket::launch::_=warn,rocket::server::_=warn")
    });
    // Read before the settings are (their errors are logged): a bad value
    // falls back to text here and stops the start-up later, naming the key.
    let json = crate::figment()
        .extract_inner::<crate::config::LogFormat>("log_format")
        .is_ok_and(|format| format == crate::config::LogFormat::Json);
    if json {
        // One JSON object a line, the event's fields at the top level, for
        // a log collector; the request's id under `span`.
        tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .log_internal_errors(false)
            .with_env_filter(filter)
            .with_writer(std::io::stderr)
            .init();
        return;
    }
    // Colours only for a person at a terminal, never into a log file.
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .log_internal_errors(false)
        .with_ansi(std::io::stderr().is_terminal())
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

/// The settings and the database, for commands that work on the data.
async fn open_database() -> Result<(Settings, sea_orm::DatabaseConnection), ExitCode> {
    let settings = Settings::from_figment(&crate::figment()).map_err(|e| {
        eprintln!("configuration error: {e}");
        ExitCode::FAILURE
    })?;
    let db = crate::db::connect(&settings).await.map_err(|e| {
        eprintln!("cannot open the database: {e}");
        ExitCode::FAILURE
    })?;
    Ok((settings, db))
}

fn token(command: TokenCommand) -> ExitCode {
    rocket::execute(async {
        let (_, db) = match open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
        };
        let result = match command {
            TokenCommand::Create { name, scope, origins, values } => tokens::create_bound(&db, &name, scope, &tokens::Binding { origins, values }).await.map(|(info, secret)| {
                eprintln!("created token {} \"{}\" with scope {}; it is shown only now:", info.id, info.name, info.scope.as_str());
                println!("{secret}");
            }),
            TokenCommand::List => tokens::list(&db).await.map(|list| {
                if list.is_empty() {
                    eprintln!("no tokens yet; create one with `merkwaardig token create --name NAME --scope search`");
                }
                for token in list {
                    let state = match token.revoked_at {
                        Some(at) => format!("revoked {}", at.format("%Y-%m-%d %H:%M")),
                        None => "active".to_owned(),
                    };
                    let mut bound = Vec::new();
                    if !token.binding.origins.is_empty() {
                        bound.push(format!("origins {}", token.binding.origins.join(" ")));
                    }
                    if !token.binding.values.is_empty() {
                        bound.push(format!("values {}", token.binding.values.join(",")));
                    }
                    println!("{}\t{}\t{}\tcreated {}\t{}\t{}", token.id, token.scope.as_str(), token.name, token.created_at.format("%Y-%m-%d %H:%M"), state, bound.join("; "));
                }
            }),
            TokenCommand::Revoke { id } => tokens::revoke(&db, id).await.map(|info| {
                eprintln!("token {} \"{}\" is revoked", info.id, info.name);
            }),
        };
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(crate::error::AppError::NotFound) => {
                eprintln!("no such token");
                ExitCode::FAILURE
            }
            Err(crate::error::AppError::Validation(errors)) => {
                for e in errors {
                    eprintln!("{}: {}", e.field, e.message);
                }
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn user(command: UserCommand) -> ExitCode {
    let UserCommand::Forget { id, stories } = command;
    rocket::execute(async {
        let (settings, db) = match open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
        };
        let mode = match stories {
            Some(DepartedArg::Keep) => DepartedStories::Keep,
            Some(DepartedArg::Withdraw) => DepartedStories::Withdraw,
            None => settings.departed_stories,
        };
        match crate::services::privacy::forget(&db, id.trim(), mode).await {
            Ok(done) => {
                eprintln!(
                    "forgotten: {} stories ({} withdrawn), {} reactions, {} reports; the search index follows by itself",
                    done.stories, done.withdrawn, done.reactions, done.reports
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                e.log();
                eprintln!("could not forget {id}: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn backup(file: &std::path::Path) -> ExitCode {
    rocket::execute(async {
        let (_, db) = match open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
        };
        match crate::db::backup::to_file(&db, file).await {
            Ok(bytes) => {
                eprintln!("backed up to {} ({bytes} bytes)", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("merkwaardig backup: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

fn reindex() -> ExitCode {
    rocket::execute(async {
        let (settings, db) = match open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
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
    let glossary = match load_glossary(&dir) {
        Ok(glossary) => glossary,
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
                "{}: {} values, {} glossary groups and {} example stories are valid",
                dir.display(),
                values.len(),
                glossary.groups.len(),
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
