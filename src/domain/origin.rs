//! Web origins (`https://intranet.example`, `http://localhost:8000`): the
//! site's public address and the pages allowed to frame the embeds.

use std::fmt;

use serde::Deserialize;

/// A web origin as browsers compare them: scheme `http` or `https`, a host and
/// an optional port, nothing else. It is safe to put into a header (it goes
/// into `Content-Security-Policy`) and to prefix a root-relative path with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Origin(String);

impl Origin {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let written = raw.trim().trim_end_matches('/');
        let url = url::Url::parse(written).map_err(|e| format!("`{raw}` is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("`{raw}` must start with http:// or https://"));
        }
        let bare = url.username().is_empty()
            && url.password().is_none()
            && url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none();
        if !bare || url.host().is_none() {
            return Err(format!(
                "`{raw}` must be an origin only: scheme, host and optional port, like https://intranet.example"
            ));
        }
        Ok(Origin(url.origin().ascii_serialization()))
    }

    /// The origin of a request from its scheme and `Host` header; `None` when
    /// the header is not a plain host with an optional port.
    pub fn from_host(scheme: &str, host: &str) -> Option<Self> {
        if host.is_empty() || host.contains(['/', '@', '?', '#', '\\']) {
            return None;
        }
        Origin::parse(&format!("{scheme}://{host}")).ok()
    }

    /// Where the service listens (`http://127.0.0.1:8000`), for when a
    /// request names no host.
    pub fn listening(address: std::net::IpAddr, port: u16) -> Self {
        let host = match address {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            v4 => v4.to_string(),
        };
        Origin::parse(&format!("http://{host}:{port}"))
            .unwrap_or_else(|_| Origin("http://localhost".into()))
    }

    /// The absolute URL of a root-relative `path` (`/stories/7`).
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }

    /// Host and explicit port (`intranet.example`, `localhost:8000`), the
    /// part that names the site whatever the scheme.
    pub fn authority(&self) -> &str {
        self.0
            .split_once("://")
            .map(|(_, authority)| authority)
            .unwrap_or(&self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Origin {
    type Error = String;

    fn try_from(raw: String) -> Result<Self, String> {
        Origin::parse(&raw)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn origins_are_normalised() {
        for (raw, origin) in [
            ("https://intranet.example", "https://intranet.example"),
            ("https://Intranet.Example/", "https://intranet.example"),
            ("http://localhost:8000", "http://localhost:8000"),
            ("https://intranet.example:443", "https://intranet.example"),
            ("http://[::1]:8000", "http://[::1]:8000"),
        ] {
            assert_eq!(Origin::parse(raw).unwrap().as_str(), origin, "{raw}");
        }
    }

    #[test]
    fn anything_but_an_origin_is_refused() {
        for bad in [
            "",
            "intranet.example",
            "ftp://intranet.example",
            "https://intranet.example/path",
            "https://intranet.example?q=1",
            "https://user@intranet.example",
            "https://intranet.example; script-src *",
            "https://a.example https://b.example",
            "'self'",
            "*",
        ] {
            assert!(Origin::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_host_header_gives_an_origin_only_when_it_is_a_plain_host() {
        assert_eq!(
            Origin::from_host("http", "intranet.example:8080")
                .unwrap()
                .as_str(),
            "http://intranet.example:8080"
        );
        for bad in ["evil.example/x", "a@evil.example", "", "a b", "x?y"] {
            assert!(Origin::from_host("http", bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn paths_are_joined_and_the_authority_kept() {
        let origin = Origin::parse("https://intranet.example").unwrap();
        assert_eq!(
            origin.join("/stories/7"),
            "https://intranet.example/stories/7"
        );
        assert_eq!(origin.authority(), "intranet.example");
    }
}
