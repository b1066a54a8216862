//! A test app's life beyond one process: stopping and starting it again,
//! another replica on the same database, and the command-line binary set
//! up for its folders and database.

use std::path::{Path, PathBuf};

use rocket::figment::Figment;
use rocket::local::asynchronous::Client;
use tempfile::TempDir;

use super::{TestApp, base_figment, write_default_content};

impl TestApp {
    /// Stops this app and starts a new one on the same folders and database,
    /// as after a restart of the process.
    pub async fn restart(self) -> TestApp {
        self.restart_with(|f| f).await
    }

    pub async fn restart_with(self, configure: impl FnOnce(Figment) -> Figment) -> TestApp {
        let TestApp {
            client,
            dir,
            database_url,
            _tmp,
        } = self;
        drop(client);
        let figment = configure(base_figment(&dir).merge(("database_url", &database_url)));
        let rocket = merkwaardig::build(figment).await.expect("the app restarts");
        TestApp {
            client: Client::tracked(rocket).await.expect("valid rocket"),
            dir,
            database_url,
            _tmp,
        }
    }

    /// Stops the app as a process would stop: the indexer ends and releases
    /// the index. The folders stay, to start again with [`Stopped::start`].
    pub async fn stop(self) -> Stopped {
        let TestApp {
            client,
            dir,
            _tmp,
            database_url,
        } = self;
        drop(client);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        Stopped {
            dir,
            database_url,
            _tmp,
        }
    }

    /// The `merkwaardig` binary set up for this app's folders and database.
    pub fn command(&self) -> std::process::Command {
        command(&self.dir, &self.database_url)
    }

    /// Another replica of this app: the same database, its own data folder
    /// (and so its own search index) and content.
    pub async fn replica(&self) -> TestApp {
        let tmp = TempDir::new().unwrap();
        write_default_content(&tmp.path().join("content"));
        let dir = tmp.path().to_owned();
        let figment = base_figment(&dir).merge(("database_url", &self.database_url));
        let rocket = merkwaardig::build(figment)
            .await
            .expect("the replica starts");
        TestApp {
            client: Client::tracked(rocket).await.expect("valid rocket"),
            dir,
            database_url: self.database_url.clone(),
            _tmp: Some(tmp),
        }
    }

    /// The database URL (empty: the SQLite file in the data folder).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }
}

/// The folders of a stopped app.
pub struct Stopped {
    pub dir: PathBuf,
    database_url: String,
    _tmp: Option<TempDir>,
}

/// The `merkwaardig` binary for these folders and this database.
pub fn command(dir: &Path, database_url: &str) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_merkwaardig"));
    command
        .env("ROCKET_DATA_DIR", dir.join("data"))
        .env("ROCKET_CONTENT_DIR", dir.join("content"))
        .env("ROCKET_DATABASE_URL", database_url)
        .env("RUST_LOG", "error");
    command
}

impl Stopped {
    pub async fn start(self) -> TestApp {
        self.start_with(|f| f).await
    }

    pub async fn start_with(self, configure: impl FnOnce(Figment) -> Figment) -> TestApp {
        let figment = base_figment(&self.dir).merge(("database_url", &self.database_url));
        let rocket = merkwaardig::build(configure(figment))
            .await
            .expect("the app restarts");
        TestApp {
            client: Client::tracked(rocket).await.expect("valid rocket"),
            dir: self.dir,
            database_url: self.database_url,
            _tmp: self._tmp,
        }
    }

    /// The `merkwaardig` binary set up for these folders and database.
    pub fn command(&self) -> std::process::Command {
        command(&self.dir, &self.database_url)
    }

    /// The database URL (empty: the SQLite file in the data folder).
    pub fn database_url(&self) -> &str {
        &self.database_url
    }
}
