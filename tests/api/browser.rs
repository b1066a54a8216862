//! The widget in a real browser. The service listens on a loopback port; two
//! small servers on other ports play the intranet (an allowed origin) and some
//! other site; `tests/browser/widget.mjs` drives Debian's Chromium with
//! playwright-core through both pages.
//!
//! Needs `node`, `chromium` and `npm ci --prefix tests/browser`, which `.ci/run`
//! installs. Without them the test says so and passes locally; in CI (`CI`
//! set) it fails instead.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use merkwaardig::domain::{Role, User};
use merkwaardig::services::stories::{self, Save};
use merkwaardig::services::tokens::{self, Binding, TokenScope};

use crate::helpers::{base_figment, write_default_content};

pub(crate) fn browser_tools() -> Result<(), String> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !here.join("node_modules/playwright-core").exists() {
        return Err("playwright-core is not installed (npm ci --prefix tests/browser)".into());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Err(format!("no Chromium at {chromium}"));
    }
    match Command::new("node").arg("--version").output() {
        Ok(output) if output.status.success() => Ok(()),
        _ => Err("node is not installed".into()),
    }
}

/// Runs `tests/browser/<script>` with `args` in node and returns what it
/// printed; fails the test, with its output, when the script fails.
pub(crate) async fn run_node(script: &str, args: Vec<String>) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser")
        .join(script);
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(script)
            .args(args)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the browser script failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// A port nobody listens on right now, for the service.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Serves `html` for every request on `listener`, like a page on an intranet.
fn serve_page(listener: TcpListener, html: String) {
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{html}",
                html.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
}

fn intranet_page(app: &str, token: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Intranet</title>
<script type="module" src="{app}/widget.js"></script></head>
<body><h1>Intranet</h1>
<merkwaardig-search token="{token}" limit="5"></merkwaardig-search>
<merkwaardig-stories token="{token}" value="klantgericht" limit="3"></merkwaardig-stories>
</body></html>"#
    )
}

#[rocket::async_test]
async fn the_widget_searches_from_an_intranet_page_in_chromium() {
    if let Err(missing) = browser_tools() {
        if std::env::var_os("CI").is_some() {
            panic!("the browser test cannot run in CI: {missing}");
        }
        eprintln!("skipping the browser test: {missing}");
        return;
    }
    let tmp = tempfile::TempDir::new().unwrap();
    write_default_content(&tmp.path().join("content"));
    let port = free_port();
    let app = format!("http://127.0.0.1:{port}");

    // The intranet's page is served from its own port: another origin. So
    // is a page of some other site, which is not configured.
    let intranet_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let intranet = format!(
        "http://127.0.0.1:{}",
        intranet_listener.local_addr().unwrap().port()
    );
    let elsewhere_listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let elsewhere = format!(
        "http://127.0.0.1:{}/",
        elsewhere_listener.local_addr().unwrap().port()
    );

    let figment = base_figment(tmp.path())
        .merge(("port", port))
        .merge(("embed_origins", [intranet.as_str()]));
    let rocket = merkwaardig::build(figment).await.expect("the app starts");
    let state: &merkwaardig::AppState = rocket.state().unwrap();
    let db = state.db.clone();
    let author = crate::helpers::person("anna", merkwaardig::domain::Role::Staff);
    let manager = User {
        id: "mia".into(),
        name: "Mia".into(),
        role: Role::Manager,
        ..author.clone()
    };
    let moderation = state.settings.moderation;
    for (title, body) in [
        (
            "Storing op zondag",
            "De storing was op zondag; ik ging er toch even langs.",
        ),
        (
            "Storing uitgelegd",
            "Ik legde de storing uit aan de keukentafel, zonder vakjargon.",
        ),
        (
            "Verborgen storing",
            "Deze storing wacht nog op moderatie en is nergens te zien.",
        ),
    ] {
        let input = merkwaardig::domain::StoryInput {
            title: title.into(),
            body: body.into(),
            values: vec!["klantgericht".into()],
            ..Default::default()
        };
        let story = stories::create(&db, moderation, &author, &input, Save::Submit)
            .await
            .unwrap();
        if !title.starts_with("Verborgen") {
            stories::publish(&db, &Default::default(), &manager, story.id)
                .await
                .unwrap();
        }
    }
    let (_, token) = tokens::create_bound(
        &db,
        "intranet",
        TokenScope::Search,
        &Binding {
            origins: vec![intranet.clone()],
            values: vec![],
        },
    )
    .await
    .unwrap();

    let server = tokio::spawn(rocket.launch());
    let page = intranet_page(&app, &token);
    serve_page(intranet_listener, page.clone());
    serve_page(elsewhere_listener, page);

    // Wait until the service answers and the index has the stories.
    let client = ureq::Agent::new_with_defaults();
    let mut ready = false;
    for _ in 0..100 {
        let found = client
            .get(&format!("{app}/api/v1/search?q=storing"))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_json::<serde_json::Value>().ok())
            .is_some_and(|body| body["total"] == 2);
        if found {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the service answers with the published stories");

    let stdout = run_node(
        "widget.mjs",
        vec![format!("{intranet}/"), elsewhere, app.clone()],
    )
    .await;
    server.abort();
    assert!(
        stdout.contains("ok - another origin gets no results"),
        "{stdout}"
    );
    assert!(!stdout.contains("Verborgen"), "{stdout}");
}
