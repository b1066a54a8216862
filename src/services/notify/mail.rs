//! Mail: one message per notification, in the recipient's language, as
//! plain text and HTML, with an unsubscribe link for its kind (also as the
//! `List-Unsubscribe` header, one-click per RFC 8058), sent over SMTP by
//! lettre. `smtp_url` is the one setting (`smtp://host:port`,
//! `smtps://user:password@host`; empty: no mail).

use std::time::Duration;

use askama::Template;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox as Address, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::outbox::Attempt;
use crate::domain::{NoticeKind, Origin};
use crate::i18n::{Msg, UiLang};
use crate::services::people::Mailbox;

/// What goes wrong setting mail up, named by the setting to fix.
#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("smtp_url: {0}")]
    Url(String),
    #[error("mail_from: {0}")]
    From(String),
    #[error("public_url: mails need it for their links; set it when smtp_url is set")]
    NoPublicUrl,
}

/// Sends mail; cheap to clone.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Address,
    /// The site's address, for links (`https://values.example`).
    base: String,
    /// The host name in `Message-ID`s.
    host: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// A mailer for `smtp_url`, or `None` when mail is off (an empty URL).
    pub fn from_settings(
        smtp_url: &str,
        mail_from: &str,
        public_url: Option<&Origin>,
        timeout: Duration,
    ) -> Result<Option<Mailer>, MailSetupError> {
        let smtp_url = smtp_url.trim();
        if smtp_url.is_empty() {
            return Ok(None);
        }
        let public_url = public_url.ok_or(MailSetupError::NoPublicUrl)?;
        let base = public_url.as_str().trim_end_matches('/').to_owned();
        let host = url::Url::parse(&base)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "merkwaardig.invalid".to_owned());
        let from = if mail_from.trim().is_empty() {
            format!("Merkwaardig <merkwaardig@{host}>")
        } else {
            mail_from.trim().to_owned()
        };
        let from: Address = from
            .parse()
            .map_err(|e| MailSetupError::From(format!("{from:?} is not a mail address: {e}")))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| {
                MailSetupError::Url(format!(
                    "{e} (expected smtp://host:port or smtps://user:password@host)"
                ))
            })?
            .timeout(Some(timeout))
            .build();
        Ok(Some(Mailer {
            transport,
            from,
            base,
            host,
        }))
    }

    /// The site's address, for links.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Sends one composed message.
    pub async fn send(&self, message: Message) -> Attempt {
        match self.transport.send(message).await {
            Ok(_) => Attempt::Sent,
            // A 5xx answer (no such mailbox, refused): sending again will
            // not help.
            Err(e) if e.is_permanent() => Attempt::Refused(e.to_string()),
            Err(e) => Attempt::Retry(e.to_string()),
        }
    }

    /// The message telling `to` of a notification.
    pub fn compose(
        &self,
        to: &Mailbox,
        lang: UiLang,
        mail: &NoticeMail,
        key: &str,
    ) -> Result<Message, String> {
        let email = to
            .email
            .as_deref()
            .ok_or("the person has no mail address")?;
        let address: Address = format!("{} <{email}>", quote_name(&to.name))
            .parse()
            .or_else(|_| email.parse().map(|a| Address::new(None, a)))
            .map_err(|e| format!("{email:?} is not a mail address: {e}"))?;
        let unsubscribe = format!(
            "{}/notifications/unsubscribe?code={}&kind={}",
            self.base,
            to.mail_token,
            mail.kind.as_str()
        );
        let body = MailBody {
            lang,
            text: &mail.text,
            url: format!("{}{}", self.base, mail.path),
            open: lang.t("mail-open"),
            why: lang.msg(
                &Msg::new("mail-why").arg("kind", lang.t(mail.kind.label_id()).to_lowercase()),
            ),
            unsubscribe_label: lang.t("mail-unsubscribe"),
            unsubscribe: unsubscribe.clone(),
            settings_label: lang.t("mail-settings"),
            settings: format!("{}/notifications/settings", self.base),
            greeting: lang.msg(&Msg::new("mail-greeting").arg("name", to.name.as_str())),
        };
        let text = MailText { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        let html = MailHtml { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        Message::builder()
            .from(self.from.clone())
            .to(address)
            .subject(mail.text.clone())
            .message_id(Some(format!("<{key}@{}>", self.host)))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{unsubscribe}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ))
            .multipart(MultiPart::alternative_plain_html(text, html))
            .map_err(|e| e.to_string())
    }
}

/// A display name as a mail header may carry it.
fn quote_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !c.is_control() && *c != '"' && *c != '\\')
        .collect();
    format!("\"{clean}\"")
}

/// What one mail says.
#[derive(Debug, Clone)]
pub struct NoticeMail {
    pub kind: NoticeKind,
    /// The notification's text, also the subject.
    pub text: String,
    /// The page it leads to.
    pub path: String,
}

struct MailBody<'a> {
    lang: UiLang,
    greeting: String,
    text: &'a str,
    url: String,
    open: String,
    why: String,
    unsubscribe_label: String,
    unsubscribe: String,
    settings_label: String,
    settings: String,
}

#[derive(Template)]
#[template(path = "mail_notice.txt", config = "src/askama.toml")]
struct MailText<'a> {
    body: &'a MailBody<'a>,
}

#[derive(Template)]
#[template(path = "mail_notice.html", config = "src/askama.toml")]
struct MailHtml<'a> {
    body: &'a MailBody<'a>,
}
