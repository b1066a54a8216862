//! Values: slugs and kinds.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The URL- and file-name of a value: lowercase letters, digits and single
/// hyphens, 1 to 60 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ValueSlug(String);

impl ValueSlug {
    pub const MAX_LEN: usize = 60;

    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() || raw.len() > Self::MAX_LEN {
            return Err(format!(
                "a slug has 1 to {} characters, not {}",
                Self::MAX_LEN,
                raw.len()
            ));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !raw.chars().all(allowed)
            || raw.starts_with('-')
            || raw.ends_with('-')
            || raw.contains("--")
        {
            return Err(format!(
                "`{raw}` is not a valid slug: use lowercase letters, digits and single hyphens"
            ));
        }
        Ok(ValueSlug(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ValueSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Brand values face customers; core values face colleagues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    Brand,
    Core,
}

impl ValueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Brand => "brand",
            ValueKind::Core => "core",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "brand" => Some(ValueKind::Brand),
            "core" => Some(ValueKind::Core),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ValueSlug;

    #[test]
    fn good_slugs_parse() {
        for ok in ["klantgericht", "samen-sterker", "waarde-2"] {
            assert!(ValueSlug::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn bad_slugs_are_refused() {
        for bad in ["", "Klant", "-a", "a-", "a--b", "a b", "ë", &"a".repeat(61)] {
            assert!(ValueSlug::parse(bad).is_err(), "{bad}");
        }
    }
}

/// A value as a story carries it: enough to name and link it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct ValueTag {
    pub slug: String,
    pub name: String,
    pub kind: ValueKind,
}

impl AsRef<str> for ValueSlug {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}
