fn main() -> std::process::ExitCode {
    merkwaardig::cli::run()
}
