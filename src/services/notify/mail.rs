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
            footer: MailFooter {
                why: lang.msg(
                    &Msg::new("mail-why").arg("kind", lang.t(mail.kind.label_id()).to_lowercase()),
                ),
                unsubscribe_label: lang.t("mail-unsubscribe"),
                ..self.footer(lang, &unsubscribe)
            },
            greeting: lang.msg(&Msg::new("mail-greeting").arg("name", to.name.as_str())),
        };
        let text = MailText { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        let html = MailHtml { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        self.message(to, mail.text.clone(), key, &unsubscribe, text, html)
    }
}

impl Mailer {
    /// The weekly digest to `to`: the managers' overview (for managers) and
    /// the week's notifications of the kinds they get weekly.
    pub fn compose_digest(
        &self,
        to: &Mailbox,
        lang: UiLang,
        overview: Option<&super::digest::Overview>,
        items: &[super::NoticeView],
        key: &str,
    ) -> Result<Message, String> {
        let link = |path: String| Some(format!("{}{path}", self.base));
        let mut sections = Vec::new();
        if let Some(o) = overview {
            let mut waiting = vec![DigestLine {
                text: lang.msg(&Msg::new("digest-waiting").arg("count", o.waiting)),
                url: link("/moderation".into()),
            }];
            waiting.extend(o.waiting_titles.iter().map(|(id, title)| DigestLine {
                text: format!("– {title}"),
                url: link(format!("/stories/{id}")),
            }));
            waiting.push(DigestLine {
                text: lang.msg(&Msg::new("digest-reported").arg("count", o.reported)),
                url: None,
            });
            sections.push(DigestSection {
                heading: lang.t("digest-for-managers"),
                lines: waiting,
            });
            let mut published = vec![DigestLine {
                text: lang.msg(&Msg::new("digest-published").arg("count", o.published_total)),
                url: link("/stories".into()),
            }];
            published.extend(o.published.iter().map(|(value, count)| DigestLine {
                text: format!("– {value}: {count}"),
                url: None,
            }));
            sections.push(DigestSection {
                heading: lang.t("digest-published-heading"),
                lines: published,
            });
        }
        if !items.is_empty() {
            sections.push(DigestSection {
                heading: lang.t("digest-items-heading"),
                lines: items
                    .iter()
                    .map(|n| DigestLine {
                        text: n.text.clone(),
                        url: link(n.url.clone()),
                    })
                    .collect(),
            });
        }
        let subject = lang.t("digest-subject");
        let unsubscribe = format!(
            "{}/notifications/unsubscribe?code={}&kind={}",
            self.base,
            to.mail_token,
            NoticeKind::Digest.as_str()
        );
        let body = DigestBody {
            lang,
            greeting: lang.msg(&Msg::new("mail-greeting").arg("name", to.name.as_str())),
            heading: subject.clone(),
            sections,
            footer: MailFooter {
                why: lang.t("digest-why"),
                unsubscribe_label: lang.t("digest-unsubscribe"),
                ..self.footer(lang, &unsubscribe)
            },
        };
        let text = DigestText { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        let html = DigestHtml { body: &body }
            .render()
            .map_err(|e| e.to_string())?;
        self.message(to, subject, key, &unsubscribe, text, html)
    }

    /// The footer's links; `why` and the unsubscribe label are the mail's own.
    fn footer(&self, lang: UiLang, unsubscribe: &str) -> MailFooter {
        MailFooter {
            why: String::new(),
            unsubscribe_label: String::new(),
            unsubscribe: unsubscribe.to_owned(),
            settings_label: lang.t("mail-settings"),
            settings: format!("{}/notifications/settings", self.base),
        }
    }

    /// A message with both parts and the headers every mail carries: a
    /// `Message-ID` from the idempotency key, one-click unsubscribe, and
    /// `Auto-Submitted` so that no out-of-office answers it.
    fn message(
        &self,
        to: &Mailbox,
        subject: String,
        key: &str,
        unsubscribe: &str,
        text: String,
        html: String,
    ) -> Result<Message, String> {
        let email = to
            .email
            .as_deref()
            .ok_or("the person has no mail address")?;
        let address: Address = format!("{} <{email}>", quote_name(&to.name))
            .parse()
            .or_else(|_| email.parse().map(|a| Address::new(None, a)))
            .map_err(|e| format!("{email:?} is not a mail address: {e}"))?;
        Message::builder()
            .from(self.from.clone())
            .to(address)
            .subject(subject)
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

struct DigestLine {
    text: String,
    url: Option<String>,
}

/// What ends every mail: why it came, and the links to stop it.
struct MailFooter {
    why: String,
    unsubscribe_label: String,
    unsubscribe: String,
    settings_label: String,
    settings: String,
}

struct DigestSection {
    heading: String,
    lines: Vec<DigestLine>,
}

struct DigestBody {
    lang: UiLang,
    greeting: String,
    heading: String,
    sections: Vec<DigestSection>,
    footer: MailFooter,
}

#[derive(Template)]
#[template(path = "mail_digest.txt", config = "src/askama.toml")]
struct DigestText<'a> {
    body: &'a DigestBody,
}

#[derive(Template)]
#[template(path = "mail_digest.html", config = "src/askama.toml")]
struct DigestHtml<'a> {
    body: &'a DigestBody,
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
    footer: MailFooter,
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
