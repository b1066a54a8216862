//! Requests whose address or headers are the attack: absurd queries, paths
//! that climb out of their folder, identities sent from a peer that is no
//! trusted proxy. (Elsewhere: 201-character and 33-word queries in
//! `search`, query syntax in `hardening`, identity headers on a story post
//! in `auth`.)

use std::time::{Duration, Instant};

use rocket::http::{ContentType, Header, Status};
use serde_json::json;

use crate::helpers::{As, TestApp};

/// A peer that is not a trusted proxy.
const STRANGER: &str = "10.9.8.7:5000";

#[rocket::async_test]
async fn absurd_queries_are_refused_quickly_everywhere() {
    let app = TestApp::spawn().await;
    app.submit_published(As::Staff("anna"), "Over een klant", &["klantgericht"])
        .await;
    // A barrier, so that searching barriers has rows to compare.
    let barrier = json!({"title": "Drie handtekeningen", "body": "Het retourformulier vraagt drie handtekeningen.", "values": ["klantgericht"]});
    app.send_json("POST", "/api/v1/barriers", &barrier, As::Staff("anna"))
        .await;
    app.search_caught_up().await;
    let terms: Vec<String> = (0..10_000).map(|n| format!("w{n}")).collect();
    let nested = |depth: usize| format!("{}klant{}", "(".repeat(depth), ")".repeat(depth));
    let absurd = [
        ("a".repeat(100_000), Some(Status::BadRequest)),
        ("klant ".repeat(20_000), Some(Status::BadRequest)),
        (terms.join(" "), Some(Status::BadRequest)),
        (terms.join(" OR "), Some(Status::BadRequest)),
        (nested(10_000), Some(Status::BadRequest)),
        (nested(95), None),
        ("\"".repeat(199), None),
        ("*".repeat(200), None),
        ("k*".repeat(100), None),
        ("é\u{301}".repeat(66), None),
    ];
    for (q, expected) in absurd {
        let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        for (base, who) in [
            ("/api/v1/search", As::Anonymous),
            ("/search", As::Anonymous),
            ("/embed/search", As::Anonymous),
            ("/api/v1/barriers", As::Manager("mia")),
            ("/barriers", As::Manager("mia")),
            ("/api/v1/people", As::Staff("anna")),
        ] {
            let path = format!("{base}?q={q}");
            let shown = &path[..path.len().min(80)];
            let start = Instant::now();
            let status = app.get(&path, who).await.status();
            let took = start.elapsed();
            assert!(took < Duration::from_secs(1), "{shown}…: {took:?}");
            match expected {
                // The search itself refuses it; lists that only filter
                // by words may cut the query instead.
                Some(refused) if base.contains("search") => assert_eq!(status, refused, "{shown}"),
                _ => assert!(matches!(status.code, 200 | 400 | 422), "{shown}: {status}"),
            }
        }
    }
    for query in [
        "limit=99999999999999999999",
        "offset=-1",
        "limit=1e3",
        "offset=1000000",
    ] {
        let status = app
            .get(&format!("/api/v1/search?q=klant&{query}"), As::Anonymous)
            .await
            .status();
        assert_eq!(status, Status::BadRequest, "{query}");
    }
}

#[rocket::async_test]
async fn paths_that_climb_out_find_nothing_and_show_no_file() {
    let app = TestApp::spawn().await;
    let secret = std::fs::read_to_string(app.dir.join("data/secret.key")).unwrap();
    let value_file =
        std::fs::read_to_string(app.dir.join("content/values/klantgericht.md")).unwrap();
    let cargo = std::fs::read_to_string("Cargo.toml").unwrap();
    let climbs = [
        "..%2f..%2fCargo.toml",
        "..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2f%2e%2e%2fCargo.toml",
        "%2e%2e/%2e%2e/Cargo.toml",
        "../../Cargo.toml",
        "..%5c..%5cCargo.toml",
        "..\\..\\Cargo.toml",
        "%2fetc%2fpasswd",
        "%2Fproc%2Fself%2Fenviron",
        "..%2f..%2fcontent%2fvalues%2fklantgericht.md",
        "..%2fcontent%2fvalues%2fklantgericht",
        "..%2fdata%2fsecret.key",
        "klantgericht.md",
        "klantgericht%00.md",
        "....%2f%2f....%2f%2fCargo.toml",
        "%252e%252e%252fCargo.toml",
        "%c0%ae%c0%ae%c0%afCargo.toml",
        "file:%2f%2f%2fetc%2fpasswd",
    ];
    let mut paths = vec![
        "//etc/passwd".to_owned(),
        "/static/style.css/../../Cargo.toml".into(),
    ];
    for climb in climbs {
        for template in [
            "/static/{}",
            "/static/style.css/{}",
            "/values/{}",
            "/values/{}/feed.atom",
            "/values/klantgericht/{}",
            "/widget/{}/widget.js",
            "/embed/stories/{}",
            "/stories/{}",
            "/people/{}",
            "/barriers/{}",
            "/api/v1/values/{}",
            "/api/v1/stories/{}",
            "/{}",
        ] {
            paths.push(template.replace("{}", climb));
        }
    }
    for path in &paths {
        let response = app.get(path, As::Staff("anna")).await;
        let status = response.status();
        let body = response.into_bytes().await.unwrap_or_default();
        let body = String::from_utf8_lossy(&body);
        // 422: not a number where an id goes.
        assert!(matches!(status.code, 400 | 404 | 422), "{path}: {status}");
        for (file, text) in [
            ("Cargo.toml", &cargo),
            ("a value's file", &value_file),
            ("secret.key", &secret),
        ] {
            let line = text
                .lines()
                .find(|l| l.trim().len() > 8)
                .unwrap_or("\u{0}never");
            assert!(!body.contains(line.trim()), "{path} shows {file}");
        }
        for marker in ["root:x:0", "[package]", "+++", "PATH="] {
            assert!(!body.contains(marker), "{path} shows {marker}");
        }
    }
}

#[rocket::async_test]
async fn identity_headers_from_an_untrusted_peer_count_for_nothing() {
    let app = TestApp::spawn().await;
    let pending = app
        .submit(As::Staff("anna"), "Wachtend verhaal", &["klantgericht"])
        .await;
    let spoofs: [&[(&str, &str)]; 4] = [
        &[],
        &[("X-Real-IP", "127.0.0.1")],
        &[("X-Forwarded-For", "127.0.0.1")],
        &[
            ("Forwarded", "for=127.0.0.1;proto=https"),
            ("X-Forwarded-Host", "127.0.0.1"),
        ],
    ];
    for extra in spoofs {
        let request = |method: rocket::http::Method, path: &str| {
            let mut request = app
                .client
                .req(method, path.to_owned())
                .remote(STRANGER.parse().unwrap())
                .header(Header::new("X-Forwarded-User", "mallory"))
                .header(Header::new("X-Forwarded-Preferred-Username", "Mallory"))
                .header(Header::new("X-Forwarded-Email", "mallory@example.nl"))
                .header(Header::new("X-Forwarded-Groups", "admins,managers"))
                .header(Header::new("Remote-User", "mallory"))
                .header(Header::new("X-Remote-User", "mallory"));
            for (name, value) in extra {
                request = request.header(Header::new(*name, *value));
            }
            request
        };
        use rocket::http::Method::{Get, Post};
        for path in [
            "/api/v1/me/stories",
            "/api/v1/moderation",
            "/api/v1/me/notifications",
        ] {
            let status = request(Get, path).dispatch().await.status();
            assert_eq!(status, Status::Unauthorized, "{path} {extra:?}");
        }
        let status = request(Get, &format!("/api/v1/stories/{pending}"))
            .dispatch()
            .await
            .status();
        assert_eq!(
            status,
            Status::NotFound,
            "a pending story stays hidden {extra:?}"
        );
        for path in ["/moderation", "/admin/tokens", "/my/stories"] {
            let response = request(Get, path).dispatch().await;
            assert!(
                matches!(response.status().code, 401 | 403),
                "{path} {extra:?}"
            );
            let html = response.into_string().await.unwrap_or_default();
            assert!(
                !html.contains("Mallory") && !html.contains("Wachtend"),
                "{path}"
            );
        }
        let response = request(Post, &format!("/api/v1/stories/{pending}/publish"))
            .header(ContentType::JSON)
            .dispatch()
            .await;
        assert_eq!(response.status(), Status::Unauthorized, "{extra:?}");
        let html = request(Get, "/")
            .dispatch()
            .await
            .into_string()
            .await
            .unwrap();
        assert!(!html.contains("Mallory"), "not signed in as them {extra:?}");
    }
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{pending}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::NotFound, "still pending");
}
