//! Search benchmark: publish-to-searchable latency under a steady stream of
//! submissions, search latency through HTTP at 10,000 stories, and the
//! latency of the pages people use most (value pages with their filters and
//! "most inspiring" order, the home page, a story, the feed).
//!
//! `cargo bench --bench search` (set `BENCH_STORIES` for another corpus size).
//! It starts the real service on a loopback port with a fresh data folder,
//! fills it through the domain services, then measures over real HTTP and
//! prints a Markdown report (also written to `target/bench-search.md`).

use std::time::{Duration, Instant};

use merkwaardig::domain::{NewStory, StoryInput, StoryStatus};
use merkwaardig::services::{stories, values};

const PORT: u16 = 18_765;
const NL_WORDS: &[&str] = &[
    "klant",
    "klanten",
    "monteur",
    "warmtepomp",
    "zonnepanelen",
    "klantenservice",
    "afspraak",
    "planning",
    "omvormer",
    "thuisbatterij",
    "collega",
    "vriendelijk",
    "snel",
    "eerlijk",
    "probleem",
    "oplossing",
    "bellen",
    "bezoek",
    "storing",
    "garantie",
    "factuur",
    "uitleg",
    "geduld",
    "samen",
    "team",
    "leren",
    "vertrouwen",
    "creëren",
    "retour",
    "onderdeel",
    "magazijn",
    "dak",
    "meterkast",
    "installatie",
    "offerte",
];
const EN_WORDS: &[&str] = &[
    "customer",
    "customers",
    "installer",
    "heat",
    "pump",
    "solar",
    "panels",
    "appointment",
    "planning",
    "inverter",
    "battery",
    "colleague",
    "friendly",
    "quick",
    "honest",
    "problem",
    "solution",
    "call",
    "visit",
    "outage",
    "warranty",
    "invoice",
    "explain",
    "patience",
    "together",
    "team",
    "learn",
    "trust",
];
const QUERIES: &[&str] = &[
    "klant",
    "klanten+monteur",
    "%22warmtepomp+storing%22",
    "zonnepanelen+-retour",
    "customers",
    "heat+pump",
    "instalatie",
    "creeren",
    "planning+OR+afspraak",
    "solar&value=klantgericht",
    // Dutch compounds: parts finding compounds, compounds finding parts.
    "service",
    "pomp",
    "paneel",
    "klantenservice",
    "monteursafspraak",
];

/// A small deterministic generator, so every run indexes the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }

    fn text(&mut self, words: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| words[self.next(words.len())])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[rocket::main]
async fn main() {
    let corpus: usize = std::env::var("BENCH_STORIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::TempDir::new().unwrap();
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let figment = merkwaardig::figment()
        .merge(("data_dir", tmp.path().join("data")))
        .merge(("content_dir", &content))
        .merge(("demo", false))
        .merge(("moderation", "post"))
        // One person submits the whole stream: no rate limit in the way.
        .merge(("submissions_per_hour", 100_000))
        .merge(("port", PORT))
        .merge(("log_level", "off"));
    let rocket = merkwaardig::build(figment).await.expect("the app starts");
    let rocket = rocket.ignite().await.expect("ignites");
    let state = rocket.state::<merkwaardig::AppState>().unwrap();
    let db = state.db.clone();
    let index = state.search.index.clone();

    // Fill the database through the domain services.
    let kinds = values::active_value_kinds(&db).await.unwrap();
    let slugs: Vec<String> = kinds.keys().cloned().collect();
    let mut rng = Lcg(42);
    let started = Instant::now();
    for n in 0..corpus {
        let english = rng.next(4) == 0;
        let words = if english { EN_WORDS } else { NL_WORDS };
        let length = 60 + rng.next(120);
        let input = StoryInput {
            title: format!("{} {n}", rng.text(words, 4)),
            body: rng.text(words, length),
            values: vec![slugs[rng.next(slugs.len())].clone()],
            lang: Some(if english { "en" } else { "nl" }.into()),
            ..Default::default()
        };
        let story = NewStory::parse(&input, &kinds).expect("valid generated story");
        stories::insert(
            &db,
            &story,
            stories::ChangedBy {
                id: "bench",
                name: "Bench",
            },
            StoryStatus::Published,
            merkwaardig::clock::now(),
        )
        .await
        .unwrap();
    }
    let filled = started.elapsed();

    // Reactions, so that "most inspiring" has something to sort by: 5,000
    // marks by 500 people on random stories.
    let people: Vec<merkwaardig::domain::User> = (0..500)
        .map(|n| merkwaardig::domain::User {
            id: format!("reader{n}"),
            name: format!("Reader {n}"),
            email: None,
            role: merkwaardig::domain::Role::Staff,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        })
        .collect();
    for n in 0..5_000 {
        let story = 1 + rng.next(corpus) as i32;
        let _ = merkwaardig::services::reactions::inspire(&db, &people[n % people.len()], story, 0)
            .await;
    }
    let head = merkwaardig::db::change_log::head(&db).await.unwrap();
    let started = Instant::now();
    assert!(
        index.wait_for(head, Duration::from_secs(600)).await,
        "indexing finished"
    );
    let indexed = started.elapsed();

    let server = tokio::spawn(rocket.launch());
    let base = format!("http://127.0.0.1:{PORT}");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for _ in 0..100 {
        if agent.get(format!("{base}/healthz")).call().is_ok() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Search latency through HTTP, one client, warm.
    let rounds = 200;
    let mut latencies = Vec::new();
    let mut totals = Vec::new();
    let search_agent = agent.clone();
    let (lat, tot) = tokio::task::spawn_blocking(move || {
        for q in QUERIES {
            let _ = search_agent
                .get(format!("{base}/api/v1/search?q={q}"))
                .call();
        }
        for round in 0..rounds {
            for q in QUERIES {
                let t = Instant::now();
                let mut response = search_agent
                    .get(format!("{base}/api/v1/search?q={q}"))
                    .call()
                    .unwrap();
                let body: serde_json::Value = response.body_mut().read_json().unwrap();
                latencies.push(t.elapsed());
                if round == 0 {
                    totals.push((
                        (*q).to_owned(),
                        body["total"].as_u64().unwrap_or(0),
                        Vec::new(),
                    ));
                }
                let n = latencies.len() - 1;
                totals[n % QUERIES.len()].2.push(t.elapsed());
            }
        }
        (latencies, totals)
    })
    .await
    .unwrap();
    let mut search_latencies = lat;
    search_latencies.sort();

    // Publish-to-searchable under a steady stream of submissions (20 per second).
    let base = format!("http://127.0.0.1:{PORT}");
    let stream_agent = agent.clone();
    let mut visible: Vec<Duration> = tokio::task::spawn_blocking(move || {
        let mut visible = Vec::new();
        for n in 0..100 {
            let token = format!("bench{n}token");
            let body = serde_json::json!({
                "title": format!("Stroom {n}"),
                "body": format!("Een verhaal over {token} en de klant die geholpen werd."),
                "values": ["klantgericht"],
            });
            let submitted = Instant::now();
            let response = stream_agent
                .post(format!("{base}/api/v1/stories"))
                .header("X-Forwarded-User", "bench")
                .send_json(&body)
                .unwrap();
            assert_eq!(response.status(), 201);
            let acknowledged = Instant::now();
            loop {
                let mut found = stream_agent
                    .get(format!("{base}/api/v1/search?q={token}"))
                    .call()
                    .unwrap();
                let found: serde_json::Value = found.body_mut().read_json().unwrap();
                if found["total"].as_u64() == Some(1) {
                    break;
                }
                assert!(
                    acknowledged.elapsed() < Duration::from_secs(10),
                    "story {n} never became searchable"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
            visible.push(acknowledged.elapsed());
            let pace = Duration::from_millis(50).saturating_sub(submitted.elapsed());
            std::thread::sleep(pace);
        }
        visible
    })
    .await
    .unwrap();
    visible.sort();

    // Pages through HTTP, one client, warm: 100 requests each.
    let some_value = slugs[0].clone();
    let pages: Vec<String> = vec![
        "/".into(),
        format!("/values/{some_value}"),
        format!("/values/{some_value}?sort=inspiring"),
        format!("/values/{some_value}?sort=inspiring&lang=en&period=year&page=3"),
        "/stories/5000".into(),
        "/search?q=klant+monteur".into(),
        "/feed.atom".into(),
    ];
    let page_agent = agent.clone();
    let page_base = format!("http://127.0.0.1:{PORT}");
    let page_latencies: Vec<(String, Vec<Duration>)> = tokio::task::spawn_blocking(move || {
        pages
            .into_iter()
            .map(|path| {
                let url = format!("{page_base}{path}");
                let _ = page_agent.get(&url).call();
                let mut latencies: Vec<Duration> = (0..100)
                    .map(|_| {
                        let t = Instant::now();
                        let mut response = page_agent.get(&url).call().unwrap();
                        assert_eq!(response.status(), 200, "{path}");
                        let _ = response.body_mut().read_to_string().unwrap();
                        t.elapsed()
                    })
                    .collect();
                latencies.sort();
                (path, latencies)
            })
            .collect()
    })
    .await
    .unwrap();
    server.abort();

    let mut report = String::new();
    report.push_str(&format!(
        "### Search benchmark ({corpus} stories, {} cores)\n\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    ));
    report.push_str(&format!(
        "- filling the database through the services: {:.1} s (the indexer follows while it fills); index caught up {:.2} s after the last insert\n",
        filled.as_secs_f64(),
        indexed.as_secs_f64()
    ));
    report.push_str(&format!(
        "- search latency through HTTP ({} requests, {} query shapes): p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms\n",
        search_latencies.len(),
        QUERIES.len(),
        ms(percentile(&search_latencies, 0.5)),
        ms(percentile(&search_latencies, 0.9)),
        ms(percentile(&search_latencies, 0.99)),
    ));
    report.push_str(&format!(
        "- publish → searchable, 100 submissions at 20/s: p50 {:.0} ms, p99 {:.0} ms, max {:.0} ms\n",
        ms(percentile(&visible, 0.5)),
        ms(percentile(&visible, 0.99)),
        ms(*visible.last().unwrap()),
    ));
    report.push_str("\n| page (100 requests each) | p50 | p99 |\n| --- | --- | --- |\n");
    for (path, latencies) in &page_latencies {
        report.push_str(&format!(
            "| `{path}` | {:.2} ms | {:.2} ms |\n",
            ms(percentile(latencies, 0.5)),
            ms(percentile(latencies, 0.99)),
        ));
    }
    report.push_str("\n| query | matches | p50 | p99 |\n| --- | --- | --- | --- |\n");
    for (q, total, mut latencies) in tot {
        latencies.sort();
        report.push_str(&format!(
            "| `{q}` | {total} | {:.2} ms | {:.2} ms |\n",
            ms(percentile(&latencies, 0.5)),
            ms(percentile(&latencies, 0.99)),
        ));
    }
    println!("{report}");
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-search.md");
    let _ = std::fs::write(target, &report);
}
