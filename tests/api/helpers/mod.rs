//! `TestApp`: the real application, started in-process on a fresh temporary
//! database, data folder and content folder.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::{Client, LocalRequest, LocalResponse};
use serde_json::Value;
use tempfile::TempDir;

pub mod hooks;
mod lifecycle;
pub mod process;
mod seed;
pub mod smtp;

pub use seed::*;

pub const PROXY: &str = "127.0.0.1:41000";

/// Who makes a request: identity headers sent from the trusted proxy address.
#[derive(Clone, Copy, Debug)]
pub enum As {
    Anonymous,
    Staff(&'static str),
    Manager(&'static str),
    Admin(&'static str),
}

pub struct TestApp {
    pub client: Client,
    pub dir: PathBuf,
    /// Empty for the default SQLite file in the data folder.
    database_url: String,
    _tmp: Option<TempDir>,
}

/// The database a test app runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

const POSTGRES_ENV: &str = "MERKWAARDIG_TEST_POSTGRES";

/// A fresh, empty PostgreSQL database on the server named by
/// `MERKWAARDIG_TEST_POSTGRES` (an admin URL such as
/// `postgres://postgres@127.0.0.1:5432/postgres`). Without it the test is
/// skipped, except in CI, where that is a failure.
pub async fn fresh_postgres_database() -> Option<String> {
    use sea_orm::{ConnectionTrait, Database};
    use std::sync::atomic::{AtomicU32, Ordering};
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{POSTGRES_ENV} must be set in CI (.ci/run starts a server)"
        );
        eprintln!(
            "skipped: set {POSTGRES_ENV} to an admin URL of a PostgreSQL server to run this test"
        );
        return None;
    };
    let name = format!(
        "mw_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let admin = Database::connect(admin_url.as_str())
        .await
        .expect("PostgreSQL answers");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("test database created");
    admin.close().await.ok();
    let (server, _) = admin_url
        .rsplit_once('/')
        .expect("an URL with a database name");
    Some(format!("{server}/{name}"))
}

/// Polls `check` until it holds; fails naming `what` after `limit`.
pub async fn wait_for<F, Fut>(what: &str, limit: std::time::Duration, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = std::time::Instant::now();
    while !check().await {
        assert!(start.elapsed() < limit, "not within {limit:?}: {what}");
        rocket::tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
}

/// Values every test app starts with, in this order.
pub fn write_default_content(content: &Path) {
    write_value(content, "klantgericht", "Klantgericht", "brand", 1);
    write_value(content, "betrouwbaar", "Betrouwbaar", "brand", 2);
    write_value(content, "samen-sterker", "Samen sterker", "core", 3);
}

pub fn write_value(content: &Path, slug: &str, name: &str, kind: &str, order: i32) {
    let dir = content.join("values");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(format!("{slug}.md")),
        format!(
            "+++\nname = \"{name}\"\nkind = \"{kind}\"\nsummary = \"Wat {name} hier betekent.\"\norder = {order}\nlang = \"nl\"\n+++\n\n## Wat het hier betekent\n\nUitleg over **{name}**.\n"
        ),
    )
    .unwrap();
}

pub fn base_figment(dir: &Path) -> Figment {
    merkwaardig::figment()
        .merge(("data_dir", dir.join("data")))
        .merge(("content_dir", dir.join("content")))
        .merge(("demo", false))
        .merge(("log_level", "off"))
}

impl TestApp {
    /// A fresh app with the default values and pre-moderation.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|f| f).await
    }

    /// A fresh app; `configure` may change the settings.
    /// The database is SQLite, or PostgreSQL when `MERKWAARDIG_TEST_BACKEND`
    /// is `postgres` (CI runs the whole suite both ways).
    pub async fn spawn_with(configure: impl FnOnce(Figment) -> Figment) -> TestApp {
        let backend = match std::env::var("MERKWAARDIG_TEST_BACKEND").as_deref() {
            Ok("postgres") => Backend::Postgres,
            _ => Backend::Sqlite,
        };
        Self::spawn_on(backend, configure)
            .await
            .expect("the test database is there")
    }

    /// A fresh app on the given database; `None` when that database is not
    /// available here (the test is then skipped, with a message).
    pub async fn spawn_on(
        backend: Backend,
        configure: impl FnOnce(Figment) -> Figment,
    ) -> Option<TestApp> {
        let database_url = match backend {
            Backend::Sqlite => String::new(),
            Backend::Postgres => fresh_postgres_database().await?,
        };
        let tmp = TempDir::new().unwrap();
        write_default_content(&tmp.path().join("content"));
        let dir = tmp.path().to_owned();
        let figment = configure(base_figment(&dir).merge(("database_url", &database_url)));
        let rocket = merkwaardig::build(figment).await.expect("the app starts");
        Some(TestApp {
            client: Client::tracked(rocket).await.expect("valid rocket"),
            dir,
            database_url,
            _tmp: Some(tmp),
        })
    }

    /// Waits until everything written so far is searchable.
    pub async fn search_caught_up(&self) {
        let head = merkwaardig::db::change_log::head(&self.state().db)
            .await
            .unwrap();
        let index = &self.state().search.index;
        assert!(
            index
                .wait_for(head, std::time::Duration::from_secs(10))
                .await,
            "the index did not catch up to log id {head} (at {})",
            index.applied()
        );
    }

    /// Searches through the JSON API once the index has caught up; returns
    /// the ids of the hits and the whole response.
    pub async fn search(&self, query: &str) -> (Vec<i64>, Value) {
        self.search_caught_up().await;
        let (status, body) = self
            .get_json(&format!("/api/v1/search?{query}"), As::Anonymous)
            .await;
        assert_eq!(status, Status::Ok, "{query}: {body}");
        let ids = body["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_i64().unwrap())
            .collect();
        (ids, body)
    }

    /// Submits and publishes a story with this body and these fields.
    pub async fn publish_story(&self, title: &str, body: &str, extra: Value) -> i64 {
        let mut story =
            serde_json::json!({"title": title, "body": body, "values": ["klantgericht"]});
        if let (Some(story), Some(extra)) = (story.as_object_mut(), extra.as_object()) {
            for (key, value) in extra {
                story.insert(key.clone(), value.clone());
            }
        }
        let (status, created) = self
            .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
            .await;
        assert_eq!(status, Status::Created, "{created}");
        let id = created["id"].as_i64().unwrap();
        self.publish(id).await;
        id
    }

    /// A manager publishes story `id`.
    pub async fn publish(&self, id: i64) {
        let (status, body) = self
            .moderate(id, "publish", &Value::Null, As::Manager("mia"))
            .await;
        assert_eq!(status, Status::Ok, "{body}");
    }

    pub fn state(&self) -> &merkwaardig::AppState {
        self.client.rocket().state().expect("state is managed")
    }

    pub fn with_identity<'c>(&'c self, req: LocalRequest<'c>, who: As) -> LocalRequest<'c> {
        let req = req.remote(PROXY.parse::<SocketAddr>().unwrap());
        let (user, groups) = match who {
            As::Anonymous => return req,
            As::Staff(u) => (u, "staff"),
            As::Manager(u) => (u, "staff,managers"),
            As::Admin(u) => (u, "admins"),
        };
        req.header(Header::new("X-Forwarded-User", user))
            .header(Header::new(
                "X-Forwarded-Preferred-Username",
                display_name(user),
            ))
            .header(Header::new(
                "X-Forwarded-Email",
                format!("{user}@example.nl"),
            ))
            .header(Header::new("X-Forwarded-Groups", groups))
    }

    pub async fn get(&self, path: &str, who: As) -> LocalResponse<'_> {
        self.with_identity(self.client.get(path.to_owned()), who)
            .dispatch()
            .await
    }

    pub async fn get_json(&self, path: &str, who: As) -> (Status, Value) {
        let response = self.get(path, who).await;
        let status = response.status();
        (status, response.into_json().await.unwrap_or(Value::Null))
    }

    pub async fn get_html(&self, path: &str, who: As) -> (Status, String) {
        let response = self.get(path, who).await;
        let status = response.status();
        (status, response.into_string().await.unwrap_or_default())
    }

    pub async fn send_json(
        &self,
        method: &str,
        path: &str,
        body: &Value,
        who: As,
    ) -> (Status, Value) {
        let req = match method {
            "POST" => self.client.post(path.to_owned()),
            "PUT" => self.client.put(path.to_owned()),
            "DELETE" => self.client.delete(path.to_owned()),
            other => panic!("unsupported method {other}"),
        };
        let response = self
            .with_identity(req, who)
            .header(ContentType::JSON)
            .body(body.to_string())
            .dispatch()
            .await;
        let status = response.status();
        (status, response.into_json().await.unwrap_or(Value::Null))
    }

    pub async fn post_form(&self, path: &str, form: &str, who: As) -> LocalResponse<'_> {
        self.with_identity(self.client.post(path.to_owned()), who)
            .header(ContentType::Form)
            .body(form)
            .dispatch()
            .await
    }

    /// A manager's (or anyone's) moderation call: `publish` or `reject`.
    pub async fn moderate(&self, id: i64, action: &str, body: &Value, who: As) -> (Status, Value) {
        self.send_json("POST", &format!("/api/v1/stories/{id}/{action}"), body, who)
            .await
    }

    /// Withdraws a story through the API.
    pub async fn withdraw(&self, id: i64, who: As) -> Status {
        self.send_json(
            "DELETE",
            &format!("/api/v1/stories/{id}"),
            &Value::Null,
            who,
        )
        .await
        .0
    }

    /// Submits a valid story and returns its id.
    pub async fn submit(&self, who: As, title: &str, values: &[&str]) -> i64 {
        let (status, body) = self
            .send_json("POST", "/api/v1/stories", &story_json(title, values), who)
            .await;
        assert_eq!(status, Status::Created, "{body}");
        body["id"].as_i64().unwrap()
    }

    /// Submits a story and has a manager publish it.
    pub async fn submit_published(&self, who: As, title: &str, values: &[&str]) -> i64 {
        let id = self.submit(who, title, values).await;
        self.publish(id).await;
        id
    }
}

pub fn display_name(user: &str) -> String {
    let mut name = user.to_owned();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    name
}

pub fn story_json(title: &str, values: &[&str]) -> Value {
    serde_json::json!({
        "title": title,
        "body": "De klant belde over een storing en we losten het dezelfde middag op.",
        "values": values,
    })
}

/// The ids of the stories in a list response.
pub fn ids(body: &Value) -> Vec<i64> {
    body["stories"]
        .as_array()
        .expect("a story list")
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect()
}
