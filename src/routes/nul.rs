//! No NUL from a URL reaches a handler: a path or query holding `%00` is
//! `400` (see [`super::handling`]). No id, slug, name or search holds one,
//! and PostgreSQL refuses a NUL in any text it is asked to compare or store
//! (the request would end in a `500`). What is sent in a body is checked where it is parsed (see
//! `crate::domain::refuse_nul`).

use rocket::http::uri::Origin;

/// Whether a request's URL holds a NUL, once percent-decoded.
pub(super) fn holds_nul(uri: &Origin<'_>) -> bool {
    let encoded = |raw: &str| raw.as_bytes().windows(3).any(|w| w == b"%00");
    encoded(uri.path().as_str()) || uri.query().is_some_and(|q| encoded(q.as_str()))
}

#[cfg(test)]
mod tests {
    use super::holds_nul;
    use rocket::http::uri::Origin;

    #[test]
    fn a_percent_encoded_nul_anywhere_in_the_url_is_found() {
        for uri in [
            "/values/%00",
            "/people/anna%00",
            "/search?q=klant%00",
            "/x?a=1&b=%00",
        ] {
            assert!(holds_nul(&Origin::parse(uri).unwrap()), "{uri}");
        }
        for uri in [
            "/values/klantgericht",
            "/search?q=%2500",
            "/x?q=100%25",
            "/a%0A",
        ] {
            assert!(!holds_nul(&Origin::parse(uri).unwrap()), "{uri}");
        }
    }
}
