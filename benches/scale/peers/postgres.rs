//! PostgreSQL full-text search as a web app would use it: a `tsvector` per
//! story in its own language's configuration (title weighted A, body B), a
//! GIN index, `ts_rank` for the top 10, `ts_headline` for their snippets
//! only, `count(*)` and the value counts by `GROUP BY`. A query runs in
//! both languages' configurations, as ours does.
//!
//! The server: `MERKWAARDIG_BENCH_POSTGRES` when set (a URL whose user may
//! create databases); otherwise a throw-away cluster started here from
//! Debian's package, installed when missing (as root), or the run says
//! that it skipped PostgreSQL and why.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use sea_orm::sqlx::{self, AssertSqlSafe, Connection, PgConnection, Row};

use crate::corpus;
use crate::engines::{Answer, Engine};
use crate::queries::{Kind, Query};

pub struct Server {
    url: String,
    /// The cluster started here, stopped on drop.
    cluster: Option<(PathBuf, PathBuf)>,
}

impl Server {
    pub fn start() -> Option<Server> {
        if let Ok(url) = std::env::var("MERKWAARDIG_BENCH_POSTGRES") {
            return Some(Server { url, cluster: None });
        }
        match start_cluster() {
            Ok(server) => Some(server),
            Err(why) => {
                eprintln!("PostgreSQL skipped: {why}");
                None
            }
        }
    }

    /// A fresh database for `size` stories; its URL.
    fn database(&self, size: usize) -> String {
        let name = format!("merkwaardig_bench_{size}");
        runtime().block_on(async {
            let mut admin = PgConnection::connect(&self.url).await.unwrap();
            sqlx::query(AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name}")))
                .execute(&mut admin)
                .await
                .unwrap();
            sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut admin)
                .await
                .unwrap();
        });
        let (base, _) = self.url.rsplit_once('/').unwrap();
        format!("{base}/{name}")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some((bin, data)) = &self.cluster {
            let _ = as_postgres(Command::new(bin.join("pg_ctl")).args(["-D"]).arg(data))
                .args(["-m", "fast", "stop"])
                .status();
            let _ = std::fs::remove_dir_all(data);
        }
    }
}

fn as_postgres(command: &mut Command) -> Command {
    let root = std::env::var("USER").as_deref() == Ok("root")
        || std::fs::metadata("/proc/self")
            .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
            .unwrap_or(false);
    if root {
        let mut wrapped = Command::new("runuser");
        wrapped
            .args(["-u", "postgres", "--"])
            .arg(command.get_program());
        wrapped.args(command.get_args());
        wrapped
    } else {
        std::mem::replace(command, Command::new("true"))
    }
}

fn postgres_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
    });
    found.pop()
}

fn start_cluster() -> Result<Server, String> {
    if postgres_bin().is_none() {
        eprintln!("installing PostgreSQL (Debian's package)");
        let installed = Command::new("sh")
            .args(["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null"])
            .status()
            .map_err(|e| e.to_string())?;
        if !installed.success() {
            return Err("PostgreSQL is not installed and apt-get could not install it (set MERKWAARDIG_BENCH_POSTGRES to use a server of your own)".into());
        }
    }
    let bin = postgres_bin().ok_or("no initdb under /usr/lib/postgresql")?;
    let data = tempfile::Builder::new()
        .prefix("merkwaardig-bench-pg.")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    let _ = Command::new("chown").arg("postgres").arg(&data).status();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .map_err(|e| e.to_string())?
        .local_addr()
        .map_err(|e| e.to_string())?
        .port();
    let ok = as_postgres(
        Command::new(bin.join("initdb"))
            .arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres"]),
    )
    .stdout(std::process::Stdio::null())
    .status()
    .map_err(|e| e.to_string())?;
    if !ok.success() {
        return Err("initdb failed".into());
    }
    // Settings a team would give a search database on this machine: memory
    // for the whole index, no JIT for short queries. fsync off only speeds
    // up loading; it changes nothing a query does.
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=2GB \
         -c work_mem=64MB -c maintenance_work_mem=1GB -c effective_cache_size=8GB -c jit=off",
        data.display()
    );
    let ok = as_postgres(
        Command::new(bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(data.join("log"))
            .args(["-w", "-o", &options, "start"]),
    )
    .stdout(std::process::Stdio::null())
    .status()
    .map_err(|e| e.to_string())?;
    if !ok.success() {
        return Err(format!("pg_ctl start failed; see {}/log", data.display()));
    }
    Ok(Server {
        url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        cluster: Some((bin, data)),
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub struct Postgres {
    runtime: tokio::runtime::Runtime,
    db: PgConnection,
}

pub struct Built {
    pub load: Duration,
    pub index: Duration,
    pub bytes: u64,
    pub db: Postgres,
}

const SCHEMA: &str = "
CREATE TABLE stories (id int PRIMARY KEY, title text NOT NULL, body text NOT NULL,
    config regconfig NOT NULL, team text, audience text NOT NULL,
    published_at timestamptz NOT NULL, tsv tsvector);
CREATE TABLE story_values (value text NOT NULL, story_id int NOT NULL,
    PRIMARY KEY (value, story_id));
CREATE INDEX story_values_story ON story_values (story_id);";

pub fn build(server: &Server, corpus_file: &std::path::Path, size: usize) -> Built {
    let url = server.database(size);
    let runtime = runtime();
    let (load, index, bytes, db) = runtime.block_on(async {
        let mut db = PgConnection::connect(&url).await.unwrap();
        sqlx::raw_sql(SCHEMA).execute(&mut db).await.unwrap();
        let started = Instant::now();
        let mut lines = corpus::read(corpus_file).enumerate().peekable();
        while lines.peek().is_some() {
            let batch: Vec<(usize, corpus::Story)> = lines.by_ref().take(2_000).collect();
            let ids: Vec<i32> = batch.iter().map(|(n, _)| *n as i32 + 1).collect();
            let column = |f: fn(&corpus::Story) -> String| -> Vec<String> {
                batch.iter().map(|(_, s)| f(s)).collect()
            };
            sqlx::query(
                "INSERT INTO stories (id, title, body, config, team, audience, published_at)
                 SELECT * FROM UNNEST($1::int[], $2::text[], $3::text[], $4::regconfig[],
                     $5::text[], $6::text[], $7::timestamptz[])",
            )
            .bind(&ids)
            .bind(column(|s| s.title.clone()))
            .bind(column(|s| s.body.clone()))
            .bind(column(|s| {
                if s.lang == "nl" { "dutch" } else { "english" }.into()
            }))
            .bind(column(|s| s.team.clone()))
            .bind(column(|s| s.audience.clone()))
            .bind(column(|s| s.published_at.clone()))
            .execute(&mut db)
            .await
            .unwrap();
            let (story_ids, values): (Vec<i32>, Vec<String>) = batch
                .iter()
                .flat_map(|(n, s)| s.values.iter().map(move |v| (*n as i32 + 1, v.clone())))
                .unzip();
            sqlx::query("INSERT INTO story_values SELECT * FROM UNNEST($1::text[], $2::int[])")
                .bind(&values)
                .bind(&story_ids)
                .execute(&mut db)
                .await
                .unwrap();
        }
        let load = started.elapsed();
        let started = Instant::now();
        sqlx::raw_sql(
            "UPDATE stories SET tsv = setweight(to_tsvector(config, title), 'A')
                 || setweight(to_tsvector(config, body), 'B');
             CREATE INDEX stories_tsv ON stories USING gin (tsv);",
        )
        .execute(&mut db)
        .await
        .unwrap();
        let index = started.elapsed();
        for table in ["stories", "story_values"] {
            sqlx::query(AssertSqlSafe(format!("VACUUM ANALYZE {table}")))
                .execute(&mut db)
                .await
                .unwrap();
        }
        let bytes: i64 = sqlx::query("SELECT pg_relation_size('stories_tsv')")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        (load, index, bytes as u64, db)
    });
    Built {
        load,
        index,
        bytes,
        db: Postgres { runtime, db },
    }
}

/// The query in `to_tsquery`'s syntax.
fn tsquery(query: &Query) -> String {
    let mut words: Vec<String> = query.words.clone();
    if query.prefix
        && let Some(last) = words.last_mut()
    {
        last.push_str(":*");
    }
    match query.kind {
        Kind::And => words.join(" & "),
        Kind::Or => words.join(" | "),
        Kind::Phrase => words.join(" <-> "),
    }
}

const MATCHES: &str =
    "WITH q AS (SELECT to_tsquery('dutch', $1) || to_tsquery('english', $1) AS q)";

impl Engine for Postgres {
    fn search(&mut self, query: &Query) -> Answer {
        let text = tsquery(query);
        let filter = if query.value.is_some() {
            "AND EXISTS (SELECT 1 FROM story_values v WHERE v.value = $2 AND v.story_id = s.id)"
        } else {
            "AND $2::text IS NULL"
        };
        let value = query.value;
        let db = &mut self.db;
        self.runtime.block_on(async {
            let top = sqlx::query(AssertSqlSafe(format!(
                "{MATCHES}, top AS (SELECT s.id, ts_rank(s.tsv, q.q) AS rank FROM stories s, q
                     WHERE s.tsv @@ q.q {filter} ORDER BY rank DESC LIMIT 10)
                 SELECT s.id, s.title, ts_headline(s.config, s.body, q.q,
                     'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=15')
                 FROM top JOIN stories s USING (id), q ORDER BY top.rank DESC"
            )))
            .bind(&text)
            .bind(value)
            .fetch_all(&mut *db)
            .await
            .unwrap();
            let total: i64 = sqlx::query(AssertSqlSafe(format!(
                "{MATCHES} SELECT count(*) FROM stories s, q WHERE s.tsv @@ q.q {filter}"
            )))
            .bind(&text)
            .bind(value)
            .fetch_one(&mut *db)
            .await
            .unwrap()
            .get(0);
            let _facets = sqlx::query(AssertSqlSafe(format!(
                "{MATCHES} SELECT v.value, count(*) FROM stories s
                     JOIN story_values v ON v.story_id = s.id, q
                 WHERE s.tsv @@ q.q {filter} GROUP BY v.value"
            )))
            .bind(&text)
            .bind(value)
            .fetch_all(&mut *db)
            .await
            .unwrap();
            Answer {
                total: total as usize,
                hits: top.len(),
            }
        })
    }
}
