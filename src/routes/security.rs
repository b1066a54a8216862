//! Security headers on every response — pages, API answers and error pages
//! alike. Rocket's Shield covers only a few; this sets the full policy.

use rocket::fairing::{Fairing, Info, Kind};
use rocket::http::Header;
use rocket::{Request, Response};

/// No inline script, no framing (embedding comes with its own policy), no
/// plugins; images in stories may come from https sources.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
img-src 'self' https: data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The pages under this prefix are made to be framed by intranet pages.
pub const EMBED_PREFIX: &str = "/embed/";

/// The policy of the embeddable pages: the same, but framable by this site
/// and the configured intranet origins.
fn embed_policy(origins: &[String]) -> String {
    let base = CONTENT_SECURITY_POLICY
        .strip_suffix("frame-ancestors 'none'")
        .unwrap_or(CONTENT_SECURITY_POLICY);
    let mut policy = format!("{base}frame-ancestors 'self'");
    for origin in origins {
        policy.push(' ');
        policy.push_str(origin);
    }
    policy
}

pub struct SecurityHeaders;

#[rocket::async_trait]
impl Fairing for SecurityHeaders {
    fn info(&self) -> Info {
        Info {
            name: "Security headers",
            kind: Kind::Response,
        }
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let embeddable = req.uri().path().starts_with(EMBED_PREFIX);
        if embeddable {
            let origins = req
                .rocket()
                .state::<crate::AppState>()
                .map(|s| s.settings.embed_origins.as_slice())
                .unwrap_or_default();
            res.set_header(Header::new(
                "Content-Security-Policy",
                embed_policy(origins),
            ));
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
