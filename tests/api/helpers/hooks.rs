//! A webhook receiver for the tests: an HTTP server (tiny_http) that records
//! every call and answers with a status the test can change.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One call as received.
#[derive(Debug, Clone)]
pub struct Call {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
    pub body: String,
}

impl Call {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

pub struct Receiver {
    pub port: u16,
    calls: Arc<Mutex<Vec<Call>>>,
    status: Arc<AtomicU16>,
}

impl Receiver {
    /// A receiver answering `status` until told otherwise.
    pub fn start(status: u16) -> Receiver {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let port = server.server_addr().to_ip().unwrap().port();
        let calls = Arc::new(Mutex::new(Vec::new()));
        let answer = Arc::new(AtomicU16::new(status));
        let (record, reply) = (calls.clone(), answer.clone());
        std::thread::spawn(move || {
            for mut request in server.incoming_requests() {
                let mut body = String::new();
                request.as_reader().read_to_string(&mut body).ok();
                let headers = request
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.as_str().as_str().to_ascii_lowercase(),
                            h.value.as_str().to_owned(),
                        )
                    })
                    .collect();
                record.lock().unwrap().push(Call {
                    path: request.url().to_owned(),
                    headers,
                    body,
                });
                let status = reply.load(Ordering::SeqCst);
                request.respond(tiny_http::Response::empty(status)).ok();
            }
        });
        Receiver {
            port,
            calls,
            status: answer,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// Waits until at least `n` calls came in (at most 20 seconds).
    pub async fn wait_for(&self, n: usize) -> Vec<Call> {
        let start = Instant::now();
        loop {
            let calls = self.calls();
            if calls.len() >= n {
                return calls;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "expected {n} webhook calls, got {}: {calls:#?}",
                calls.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
