//! The log an operator reads: every line written while a request is handled
//! carries its id, in text and in JSON.

use std::time::Duration;

use crate::helpers::process::{self, Server};

/// Submits a story as `anna`; returns the response's request id.
fn submit(server: &Server, title: &str) -> String {
    let response = process::agent()
        .post(&server.url("/api/v1/stories"))
        .header("X-Forwarded-User", "anna")
        .header("Content-Type", "application/json")
        .send(
            serde_json::json!({"title": title, "body": "Een verhaal voor het logboek.", "values": ["klantgericht"]})
                .to_string(),
        )
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    response.headers()["X-Request-Id"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The log lines, once the line ending the request is there.
fn lines_when_logged(server: &Server, id: &str) -> Vec<String> {
    for _ in 0..100 {
        let log = server.log();
        if log.lines().any(|l| l.contains(id) && l.contains("status")) {
            return log.lines().map(str::to_owned).collect();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no request line for {id}:\n{}", server.log());
}

#[test]
fn a_requests_log_lines_carry_its_id_in_json() {
    let Some((tmp, database_url)) = process::fresh() else {
        return;
    };
    let server = Server::start(tmp.path(), &database_url, &[("log_format", "json")]);
    let id = submit(&server, "Gelogd verhaal");
    let lines: Vec<serde_json::Value> = lines_when_logged(&server, &id)
        .iter()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    let of_request: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|line| line["span"]["request_id"] == id.as_str())
        .collect();
    // What the service did, and the request's own line, both with the id.
    let saved = of_request
        .iter()
        .find(|line| line["message"] == "story saved")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(saved["author"], "anna");
    let ended = of_request
        .iter()
        .find(|line| line["message"] == "request")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert_eq!(ended["status"], 201);
    assert_eq!(ended["path"], "/api/v1/stories");
    // A second request has an id of its own.
    let other = submit(&server, "Nog een");
    assert_ne!(other, id);
}

#[test]
fn a_requests_log_lines_carry_its_id_in_text() {
    let Some((tmp, database_url)) = process::fresh() else {
        return;
    };
    let server = Server::start(tmp.path(), &database_url, &[]);
    let id = submit(&server, "Gelogd verhaal");
    let lines = lines_when_logged(&server, &id);
    let tagged = format!("request_id={id}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&tagged) && l.contains("story saved")),
        "{lines:#?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&tagged) && l.contains("status=201")),
        "{lines:#?}"
    );
}
