//! The `merkwaardig` command: see `merkwaardig --help`.

fn main() -> std::process::ExitCode {
    merkwaardig::cli::run()
}
