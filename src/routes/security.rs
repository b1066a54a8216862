//! Security headers on every response — pages, API answers and error pages
//! alike. Rocket's Shield covers only a few; this sets the full policy.
//! Framing is refused everywhere except for the embeds, which the configured
//! `embed_origins` may frame (the rule: [`super::embed::framable`]).

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

use crate::domain::Origin;

/// No inline script, no plugins; images in stories may come from https
/// sources. Followed by the framing rule.
macro_rules! policy {
    () => {
        "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'"
    };
}

/// The policy of every response that is not an embed: no framing at all.
pub const CONTENT_SECURITY_POLICY: &str = concat!(policy!(), "; frame-ancestors 'none'");

pub struct SecurityHeaders {
    /// The policy of the embeds: framable by this site and `embed_origins`.
    embed_policy: String,
}

impl SecurityHeaders {
    pub fn new(embed_origins: &[Origin]) -> Self {
        let mut ancestors = String::from("'self'");
        for origin in embed_origins {
            ancestors.push(' ');
            ancestors.push_str(origin.as_str());
        }
        SecurityHeaders {
            embed_policy: format!("{}; frame-ancestors {ancestors}", policy!()),
        }
    }
}

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        if super::embed::framable(req.uri().path().as_str()) {
            // X-Frame-Options cannot name origins; frame-ancestors decides.
            res.set_header(Header::new(
                "Content-Security-Policy",
                self.embed_policy.clone(),
            ));
            res.remove_header("X-Frame-Options");
        } else {
            res.set_header(Header::new(
                "Content-Security-Policy",
                CONTENT_SECURITY_POLICY,
            ));
            res.set_header(Header::new("X-Frame-Options", "DENY"));
        }
        res.set_header(Header::new("X-Content-Type-Options", "nosniff"));
        res.set_header(Header::new(
            "Referrer-Policy",
            "strict-origin-when-cross-origin",
        ));
        res.set_header(Header::new(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ));
        res.set_header(Header::new("Cross-Origin-Opener-Policy", "same-origin"));
    }
}

#[cfg(test)]
mod tests {
    use super::{CONTENT_SECURITY_POLICY, SecurityHeaders};
    use crate::domain::Origin;

    #[test]
    fn the_embed_policy_differs_from_the_strict_one_only_in_framing() {
        let embed = SecurityHeaders::new(&[]).embed_policy;
        assert_eq!(
            embed.replace("frame-ancestors 'self'", "frame-ancestors 'none'"),
            CONTENT_SECURITY_POLICY
        );
    }

    #[test]
    fn the_embed_policy_names_the_configured_origins() {
        let origins = [Origin::parse("https://intranet.example").unwrap()];
        assert!(
            SecurityHeaders::new(&origins)
                .embed_policy
                .ends_with("; frame-ancestors 'self' https://intranet.example")
        );
    }
}
