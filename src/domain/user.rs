//! Who acts: a person (with a role) or a program (with a token's scope).

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// What a signed-in person may do. Ordered: an admin is also a manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Staff,
    Manager,
    Admin,
}

impl Role {
    /// The message id of its name in the interface.
    pub fn message_id(self) -> &'static str {
        match self {
            Role::Staff => "role-staff",
            Role::Manager => "role-manager",
            Role::Admin => "role-admin",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub role: Role,
    /// Set when a program calls with an API token: what the token allows.
    #[serde(skip)]
    pub via_token: Option<TokenScope>,
    /// A widget token fixed to these values: searches and lists never go
    /// beyond them. Empty: no such limit.
    #[serde(skip)]
    pub fixed_values: Vec<String>,
    /// The sign-on's groups (`X-Forwarded-Groups`), kept on the person.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// Author ids that name no person: stories of someone who left
/// (`former:<story id>`) and of programs (`token:<token id>`). An identity
/// that claims one is refused, so nobody can pass for such an author.
pub const RESERVED_ID_PREFIXES: [&str; 2] = ["former:", "token:"];

/// The most characters of a person's id or name the service keeps: the
/// sign-on headers are cut here, and an import refuses longer ones.
pub const IDENTITY_MAX_CHARS: usize = 200;

/// Whether a person may carry this id (see [`RESERVED_ID_PREFIXES`]).
pub fn is_person_id(id: &str) -> bool {
    !RESERVED_ID_PREFIXES
        .iter()
        .any(|prefix| id.starts_with(prefix))
}

impl User {
    pub fn is_manager(&self) -> bool {
        self.role >= Role::Manager
    }

    /// The values a search or list may cover: what was asked for, within a
    /// widget token's fixed values (all of them when nothing was asked). A
    /// token cannot widen its filter.
    pub fn narrow_values(&self, requested: Vec<String>) -> Result<Vec<String>, Msg> {
        if self.fixed_values.is_empty() {
            return Ok(requested);
        }
        if requested.is_empty() {
            return Ok(self.fixed_values.clone());
        }
        if requested.iter().all(|v| self.fixed_values.contains(v)) {
            Ok(requested)
        } else {
            Err(Msg::new("error-token-values"))
        }
    }

    /// Whether a story with these values is within a widget token's values.
    pub fn may_see_values(&self, slugs: &[&str]) -> bool {
        self.fixed_values.is_empty()
            || slugs
                .iter()
                .any(|s| self.fixed_values.iter().any(|v| v == s))
    }

    /// People may write; programs only with a `submit` or `admin` token.
    pub fn can_write(&self) -> bool {
        self.via_token != Some(TokenScope::Search)
    }
}

/// What a token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// Read and search published stories.
    Search,
    /// Also submit stories.
    Submit,
    /// Everything an administrator may do.
    Admin,
}

impl TokenScope {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Search => "search",
            TokenScope::Submit => "submit",
            TokenScope::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Option<TokenScope> {
        match raw {
            "search" => Some(TokenScope::Search),
            "submit" => Some(TokenScope::Submit),
            "admin" => Some(TokenScope::Admin),
            _ => None,
        }
    }
}
