use std::process::Command;

use tempfile::TempDir;

use crate::helpers::write_default_content;

fn merkwaardig(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_merkwaardig"))
        .args(args)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

#[test]
fn help_lists_the_commands() {
    let output = merkwaardig(&["--help"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("serve") && text.contains("check-content"),
        "{text}"
    );
}

#[test]
fn check_content_accepts_a_valid_folder() {
    let tmp = TempDir::new().unwrap();
    write_default_content(tmp.path());
    let output = merkwaardig(&["check-content", tmp.path().to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("3 values"));
}

#[test]
fn check_content_fails_with_each_error_named() {
    let tmp = TempDir::new().unwrap();
    write_default_content(tmp.path());
    std::fs::write(
        tmp.path().join("values/eerlijk.md"),
        "+++\nname = \"Eerlijk\"\nkind = \"klant\"\nsummary = \"s\"\norder = 9\n+++\nTekst\n",
    )
    .unwrap();
    std::fs::write(tmp.path().join("values/open.md"), "geen front matter\n").unwrap();
    let output = merkwaardig(&["check-content", tmp.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("eerlijk.md"), "{errors}");
    assert!(errors.contains("open.md:1"), "{errors}");
}

#[test]
fn check_content_checks_the_glossary() {
    let tmp = TempDir::new().unwrap();
    write_default_content(tmp.path());
    std::fs::write(
        tmp.path().join("glossary.txt"),
        "klant = customer\n = client\n",
    )
    .unwrap();
    let output = merkwaardig(&["check-content", tmp.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let errors = String::from_utf8_lossy(&output.stderr);
    assert!(errors.contains("glossary.txt:2: an empty word"), "{errors}");
}

#[test]
fn logs_written_to_a_file_carry_no_colour_codes() {
    let tmp = TempDir::new().unwrap();
    write_default_content(&tmp.path().join("content"));
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_merkwaardig"))
        .arg("reindex")
        .env("ROCKET_DATA_DIR", tmp.path().join("data"))
        .env("ROCKET_CONTENT_DIR", tmp.path().join("content"))
        .env("RUST_LOG", "info")
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let log = String::from_utf8_lossy(&output.stderr);
    assert!(log.contains("rebuilt"), "{log}");
    assert!(!log.contains('\u{1b}'), "no escape codes: {log:?}");
}

#[test]
fn backup_writes_a_new_file_and_never_overwrites_one() {
    let tmp = TempDir::new().unwrap();
    let file = tmp.path().join("backup.db");
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_merkwaardig"))
            .args(["backup", file.to_str().unwrap()])
            .env("RUST_LOG", "error")
            .env("ROCKET_DATA_DIR", tmp.path().join("data"))
            .output()
            .expect("the binary runs")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stderr).contains("backed up to"));
    assert!(std::fs::metadata(&file).unwrap().len() > 0);
    let second = run();
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("exists already"));
}

#[test]
fn json_logs_are_one_object_a_line() {
    let tmp = TempDir::new().unwrap();
    std::fs::create_dir_all(tmp.path().join("data")).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_merkwaardig"))
        .args(["backup", tmp.path().join("b.db").to_str().unwrap()])
        .env("RUST_LOG", "info")
        .env("ROCKET_LOG_FORMAT", "json")
        .env("ROCKET_DATA_DIR", tmp.path().join("data"))
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let logged: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).expect("a JSON object"))
        .collect();
    let backed_up = logged
        .iter()
        .find(|line| line["message"] == "database backed up")
        .unwrap_or_else(|| panic!("{stderr}"));
    assert_eq!(backed_up["level"], "INFO");
    assert!(backed_up["bytes"].as_u64().unwrap() > 0);
    assert!(backed_up["timestamp"].is_string());
}

#[test]
fn a_bad_log_format_stops_the_start_naming_the_key() {
    let tmp = TempDir::new().unwrap();
    write_default_content(&tmp.path().join("content"));
    let output = Command::new(env!("CARGO_BIN_EXE_merkwaardig"))
        .env("RUST_LOG", "error")
        .env("ROCKET_LOG_FORMAT", "xml")
        .env("ROCKET_DATA_DIR", tmp.path().join("data"))
        .env("ROCKET_CONTENT_DIR", tmp.path().join("content"))
        .env("ROCKET_PORT", "0")
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.to_lowercase().contains("log_format"), "{stderr}");
}
