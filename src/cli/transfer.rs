//! `merkwaardig import FILE.jsonl` and `merkwaardig export [FILE]`: the
//! command line around [`crate::services::transfer`] — arguments, the
//! progress bar (on standard error, only at a terminal) and the report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::config::Settings;
use crate::services::transfer::{self, IndexMode, IndexOutcome, Options, TransferError};

/// Stories per transaction.
const BATCH: usize = 1_000;

#[derive(clap::Args)]
pub(super) struct ImportArgs {
    /// The file: one story a line, as JSON (the README lists the fields).
    file: PathBuf,
    /// Import the valid lines even when others are not (each is reported).
    #[arg(long)]
    skip_invalid: bool,
    /// How the search index learns of the stories: `log` (a change-log row
    /// each, which every replica follows), `rebuild` (this data folder's
    /// index rebuilt at the end), `auto` (rebuild on SQLite above 5,000
    /// stories, else the log).
    #[arg(long, value_enum, default_value = "auto")]
    index: IndexArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum IndexArg {
    Auto,
    Log,
    Rebuild,
}

#[derive(clap::Args)]
pub(super) struct ExportArgs {
    /// The file to write; it must not exist yet. Standard output without one.
    file: Option<PathBuf>,
}

pub(super) fn import(args: ImportArgs) -> ExitCode {
    rocket::execute(async {
        // A first import may come before the service's first start.
        if let Ok(settings) = Settings::from_figment(&crate::figment()) {
            let _ = std::fs::create_dir_all(&settings.data_dir);
        }
        let (settings, db) = match super::open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
        };
        if let Err(code) = mirror_values(&settings, &db).await {
            return code;
        }
        let started = Instant::now();
        let size = std::fs::metadata(&args.file).map_or(0, |m| m.len());
        let bar = Bar::new(size, "checking {bar:30} {bytes}/{total_bytes} {eta}");
        let checked = match transfer::check(&db, &args.file, &bar).await {
            Ok(checked) => checked,
            Err(e) => return failed(&e),
        };
        bar.bar.finish_and_clear();
        for (line, problem) in &checked.problems {
            eprintln!("line {line}: {problem}");
        }
        if checked.invalid() > 0 && !args.skip_invalid {
            eprintln!(
                "{} of {} lines are not valid; nothing was imported (correct them, or import the others with --skip-invalid)",
                checked.invalid(),
                checked.lines
            );
            return ExitCode::FAILURE;
        }
        let options = Options {
            index: match args.index {
                IndexArg::Auto => IndexMode::Auto,
                IndexArg::Log => IndexMode::Log,
                IndexArg::Rebuild => IndexMode::Rebuild,
            },
            batch: BATCH,
            data_dir: settings.data_dir.clone(),
        };
        let backend = db.get_database_backend();
        let rebuild = transfer::import::rebuilds(options.index, backend, checked.valid);
        eprintln!(
            "{} valid lines; importing them in transactions of {BATCH}; {}",
            checked.valid,
            if rebuild {
                "without change-log rows: the search index is rebuilt at the end if any is new"
            } else {
                "the search index follows the change log"
            }
        );
        let bar = Bar::new(
            checked.valid as u64,
            "importing {bar:30} {pos}/{len} stories {eta}",
        );
        let imported = match transfer::import(&db, &args.file, &checked, &options, &bar).await {
            Ok(imported) => imported,
            Err(e) => {
                bar.bar.abandon();
                eprintln!(
                    "the stories of the transactions before the failure are in; running the same file again adds the rest"
                );
                return failed(&e);
            }
        };
        bar.bar.finish_and_clear();
        if let Err(e) = crate::db::refresh_statistics(&db).await {
            eprintln!("the database's statistics for its query planner were not refreshed: {e}");
        }
        let written = bar
            .rebuild_began
            .get()
            .copied()
            .unwrap_or_else(Instant::now);
        let mut summary = format!(
            "imported {} stories ({} published) in {:.1} s; {} already there",
            imported.added,
            imported.published,
            (written - started).as_secs_f64(),
            imported.already
        );
        if checked.invalid() > 0 {
            summary.push_str(&format!("; {} invalid lines skipped", checked.invalid()));
        }
        eprintln!("{summary}");
        if checked.without_id > 0 {
            eprintln!(
                "{} lines had no external_id: they are known by a digest of their author, title, text and publication (sha256:…), so importing them again adds nothing",
                checked.without_id
            );
        }
        match imported.index {
            IndexOutcome::Untouched => {
                eprintln!("nothing new: the search index stays as it is")
            }
            IndexOutcome::FollowsLog => eprintln!(
                "the search index follows the change log: a running service finds the published stories once its indexer has caught up, others when they start"
            ),
            IndexOutcome::Rebuilt { generation, cursor } => {
                eprintln!(
                    "search index rebuilt in {:.1} s into {} (log cursor {cursor}); a running service switches to it within a second",
                    written.elapsed().as_secs_f64(),
                    crate::search::store::root(&settings.data_dir)
                        .join(generation)
                        .display()
                );
                if backend == sea_orm::DbBackend::Postgres {
                    eprintln!(
                        "other replicas on this database keep their own index: run `merkwaardig reindex` on each"
                    );
                }
            }
        }
        ExitCode::SUCCESS
    })
}

pub(super) fn export(args: ExportArgs) -> ExitCode {
    rocket::execute(async {
        let (_, db) = match super::open_database().await {
            Ok(opened) => opened,
            Err(code) => return code,
        };
        let started = Instant::now();
        let total = match transfer::export::count(&db).await {
            Ok(total) => total,
            Err(e) => return failed(&e),
        };
        let (out, shown): (Box<dyn Write + Send>, bool) = match &args.file {
            Some(path) => match std::fs::File::create_new(path) {
                Ok(file) => (
                    Box::new(std::io::BufWriter::with_capacity(1 << 20, file)),
                    true,
                ),
                Err(e) => {
                    eprintln!("merkwaardig export: {}: {e}", path.display());
                    return ExitCode::FAILURE;
                }
            },
            None => (
                Box::new(std::io::BufWriter::with_capacity(
                    1 << 20,
                    std::io::stdout(),
                )),
                !std::io::stdout().is_terminal(),
            ),
        };
        let mut out = out;
        let bar = Bar::new(total, "exporting {bar:30} {pos}/{len} stories {eta}");
        if !shown {
            bar.bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        let result = transfer::export(&db, &mut out, &bar).await;
        drop(out);
        bar.bar.finish_and_clear();
        match result {
            Ok(count) => {
                let to = args
                    .file
                    .as_ref()
                    .map_or("standard output".to_owned(), |p| p.display().to_string());
                eprintln!(
                    "exported {count} stories to {to} in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                if let Some(path) = &args.file {
                    let _ = std::fs::remove_file(path);
                }
                failed(&e)
            }
        }
    })
}

/// The values as start-up mirrors them from `content_dir`, so that a
/// database no service has started yet knows them too.
async fn mirror_values(
    settings: &Settings,
    db: &sea_orm::DatabaseConnection,
) -> Result<(), ExitCode> {
    let defs = crate::content::load_values(&settings.content_dir).map_err(|errors| {
        eprintln!("{errors}");
        ExitCode::FAILURE
    })?;
    crate::services::values::sync_values(db, &defs)
        .await
        .map(|_| ())
        .map_err(|e| {
            eprintln!("cannot mirror the values: {e}");
            ExitCode::FAILURE
        })
}

fn failed(e: &TransferError) -> ExitCode {
    eprintln!("merkwaardig: {e}");
    ExitCode::FAILURE
}

/// A progress bar on standard error, drawn only at a terminal; it notes
/// when the rebuild of the index began.
struct Bar {
    bar: ProgressBar,
    rebuild_began: std::sync::OnceLock<Instant>,
}

impl Bar {
    fn new(length: u64, template: &str) -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(length), target);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Bar {
            bar,
            rebuild_began: std::sync::OnceLock::new(),
        }
    }
}

impl transfer::Progress for Bar {
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }

    fn rebuilding(&self) {
        let _ = self.rebuild_began.set(Instant::now());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            self.bar.set_style(style);
        }
        self.bar.set_message("rebuilding the search index");
        self.bar.enable_steady_tick(Duration::from_millis(120));
    }
}
