//! A real SMTP server for the tests, in-process: the `mailin` crate speaks
//! the protocol, a thread per connection feeds it. Received mails are parsed
//! with `mail-parser`, as a mail program would read them.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin::{Action, Handler, Response, SessionBuilder};

/// One mail as its recipient's program reads it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub message_id: String,
    pub list_unsubscribe: String,
    pub one_click: String,
}

#[derive(Clone, Default)]
struct Collect {
    data: Vec<u8>,
    to: Vec<String>,
    inbox: Arc<Mutex<Vec<Mail>>>,
}

impl Handler for Collect {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.data.clear();
        self.to = to.to_vec();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let parsed = mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a mail that parses");
        let header = |name: &str| {
            parsed
                .header_raw(name)
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        let mail = Mail {
            to: self.to.clone(),
            subject: parsed.subject().unwrap_or("").to_owned(),
            text: parsed
                .body_text(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            html: parsed
                .body_html(0)
                .map(|t| t.into_owned())
                .unwrap_or_default(),
            message_id: parsed.message_id().unwrap_or("").to_owned(),
            list_unsubscribe: header("List-Unsubscribe"),
            one_click: header("List-Unsubscribe-Post"),
        };
        self.inbox.lock().unwrap().push(mail);
        mailin::response::OK
    }
}

/// An SMTP server on a free port of 127.0.0.1, collecting what it receives.
pub struct Inbox {
    pub port: u16,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl Inbox {
    pub fn start() -> Inbox {
        Self::on(TcpListener::bind("127.0.0.1:0").unwrap())
    }

    /// A server on `port`, as a mail server that comes back.
    pub fn start_on(port: u16) -> Inbox {
        Self::on(TcpListener::bind(("127.0.0.1", port)).expect("the port is free again"))
    }

    fn on(listener: TcpListener) -> Inbox {
        let port = listener.local_addr().unwrap().port();
        let mails = Arc::new(Mutex::new(Vec::new()));
        let handler = Collect {
            inbox: mails.clone(),
            ..Collect::default()
        };
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                std::thread::spawn(move || serve(stream, handler));
            }
        });
        Inbox { port, mails }
    }

    /// `smtp://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Everything received so far.
    pub fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }

    /// Waits until at least `n` mails arrived (at most 20 seconds).
    pub async fn wait_for(&self, n: usize) -> Vec<Mail> {
        let start = Instant::now();
        loop {
            let mails = self.mails();
            if mails.len() >= n {
                return mails;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "expected {n} mails, got {}: {mails:#?}",
                mails.len()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

fn serve(stream: std::net::TcpStream, handler: Collect) {
    let remote: IpAddr = stream
        .peer_addr()
        .map(|a| a.ip())
        .unwrap_or([127, 0, 0, 1].into());
    let mut session = SessionBuilder::new("inbox.test").build(remote, handler);
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    if session.greeting().write_to(&mut writer).is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let response = session.process(&line);
        match response.action {
            Action::Reply => {
                if response.write_to(&mut writer).is_err() {
                    return;
                }
            }
            Action::Close | Action::UpgradeTls => {
                let _ = response.write_to(&mut writer);
                let _ = writer.flush();
                return;
            }
            Action::NoReply => {}
        }
    }
}

/// A port with nothing listening on it (a mail server that is down).
pub fn dead_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}
