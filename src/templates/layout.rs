//! What every page shows around its content: the reader, their language,
//! where they are, and the texts and dates in their words.

use crate::domain::User;
use crate::i18n::{Msg, UiLang};

/// What every page shows around its content, and the reader's language.
pub struct Layout {
    pub user: Option<User>,
    pub dev_login: bool,
    /// (kind, message): `success` or `error`, already in the reader's language.
    pub flash: Option<(String, String)>,
    pub lang: UiLang,
    /// The path and query of this page, to come back to after switching
    /// language or signing in.
    pub here: String,
    /// Where to sign in, with `{back}` for the path to return to; `None`
    /// when there is no sign-in page to send a reader to.
    pub sign_in: Option<String>,
    /// The reader's unread notifications (the header's count).
    pub unread: u64,
}

impl Layout {
    /// The layout of a page for nobody in particular, in the default
    /// language (when a request's own cannot be had).
    pub fn plain() -> Layout {
        Layout {
            user: None,
            dev_login: false,
            flash: None,
            lang: UiLang::default(),
            here: "/".to_owned(),
            sign_in: None,
            unread: 0,
        }
    }

    /// The sign-in address that returns the reader to `back`.
    pub fn sign_in_to(&self, back: &str) -> Option<String> {
        let encoded: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
        self.sign_in
            .as_ref()
            .map(|pattern| pattern.replace("{back}", &encoded))
    }

    /// Where a link to a page that needs a name should point: the page, or
    /// for a signed-out reader the sign-in that leads there.
    pub fn signed_in_href(&self, path: &str) -> String {
        match self.user {
            Some(_) => path.to_owned(),
            None => self.sign_in_to(path).unwrap_or_else(|| path.to_owned()),
        }
    }

    /// The sign-in address that returns the reader to this page.
    pub fn sign_in_here(&self) -> Option<String> {
        self.sign_in_to(&self.here)
    }

    /// A text of the interface.
    pub fn t(&self, id: &str) -> String {
        self.lang.t(id)
    }

    /// A text with a count (plurals).
    pub fn tn(&self, id: &'static str, count: impl Into<crate::i18n::Arg>) -> String {
        self.lang.msg(&Msg::new(id).arg("count", count))
    }

    /// A text with one named text argument.
    pub fn ta(&self, id: &'static str, name: &'static str, value: &str) -> String {
        self.lang.msg(&Msg::new(id).arg(name, value))
    }

    pub fn msg(&self, msg: &Msg) -> String {
        self.lang.msg(msg)
    }

    /// A message written for the API (`give your story a title of at least
    /// 3 characters`) as a sentence for a page: a capital, a full stop.
    pub fn sentence(&self, msg: &Msg) -> String {
        let text = self.lang.msg(msg);
        let mut chars = text.chars();
        let Some(first) = chars.next() else {
            return text;
        };
        let mut sentence: String = first.to_uppercase().chain(chars).collect();
        if !sentence.ends_with(['.', '!', '?', '…']) {
            sentence.push('.');
        }
        sentence
    }

    /// A date as readers in this language write it in running text:
    /// `12 november 2026`, `12 November 2026`.
    pub fn date(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        use chrono::Datelike;
        match self.lang {
            UiLang::Nl => format!(
                "{} {} {}",
                at.day(),
                NL_MONTHS[at.month0() as usize],
                at.year()
            ),
            UiLang::En => at.format("%-d %B %Y").to_string(),
        }
    }

    /// A month given as `YYYY-MM`, as readers write it: `november 2026`,
    /// `November 2026`.
    pub fn month(&self, month: &str) -> String {
        use chrono::Datelike;
        let parsed = chrono::NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d");
        match (parsed, self.lang) {
            (Err(_), _) => month.to_owned(),
            (Ok(date), UiLang::Nl) => {
                format!("{} {}", NL_MONTHS[date.month0() as usize], date.year())
            }
            (Ok(date), UiLang::En) => date.format("%B %Y").to_string(),
        }
    }

    pub fn datetime(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        format!("{} {}", self.date(at), at.format("%H:%M"))
    }

    /// The fingerprinted URL of a stylesheet or script.
    pub fn asset(&self, name: &str) -> String {
        crate::routes::assets::asset_url(name)
    }

    /// The other languages, for the switch.
    pub fn other_langs(&self) -> Vec<UiLang> {
        UiLang::ALL
            .into_iter()
            .filter(|l| *l != self.lang)
            .collect()
    }

    /// "Page 2 of 5".
    pub fn page_of(&self, page: &u64, pages: &u64) -> String {
        self.lang
            .msg(&Msg::new("page-of").arg("page", page).arg("pages", pages))
    }

    /// Which part of the site this page belongs to, for the navigation's
    /// `aria-current`: `values`, `stories`, `share`, `mine`, `moderation`,
    /// `admin`, or empty.
    pub fn section(&self) -> &'static str {
        let path = self.here.split('?').next().unwrap_or("");
        match path {
            "/" => "values",
            "/stories/new" => "share",
            "/stories" => "stories",
            _ if path.starts_with("/values/") => "values",
            _ if path.starts_with("/stories/") => "stories",
            _ if path.starts_with("/my/") => "mine",
            _ if path.starts_with("/moderation") => "moderation",
            _ if path.starts_with("/admin/") => "admin",
            _ if path.starts_with("/barriers") => "barriers",
            _ if path.starts_with("/insights") => "insights",
            _ if path.starts_with("/notifications") => "notifications",
            _ => "",
        }
    }

    pub fn is_manager(&self) -> bool {
        self.user.as_ref().is_some_and(User::is_manager)
    }

    pub fn is_admin(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role == crate::domain::Role::Admin)
    }
}

/// Dutch month names (chrono writes English ones).
const NL_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
