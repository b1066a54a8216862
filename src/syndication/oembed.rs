//! oEmbed (<https://oembed.com>): a story URL turned into an `<iframe>` of
//! its embed card, for intranet pages and editors that paste links.

use askama::Template;
use serde::Serialize;

use crate::domain::Origin;
use crate::error::{AppError, AppResult};
use crate::services::stories::StoryView;

/// The card's size when the consumer sets no maximum.
pub const WIDTH: u32 = 600;
pub const HEIGHT: u32 = 400;

pub const CONTENT_TYPE: &str = "application/json+oembed";

/// A `rich` oEmbed response.
#[derive(Debug, Serialize)]
pub struct OEmbed {
    pub version: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub provider_name: &'static str,
    pub provider_url: String,
    pub title: String,
    pub author_name: String,
    pub html: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Template)]
#[template(
    source = r#"<iframe src="{{ src }}" width="{{ width }}" height="{{ height }}" title="{{ title }}" loading="lazy" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation" style="border:0;max-width:100%"></iframe>"#,
    ext = "html"
)]
struct Iframe<'a> {
    src: &'a str,
    title: &'a str,
    width: u32,
    height: u32,
}

/// The story a URL names, when it is one of this site's story pages
/// (`<site>/stories/<id>`, either scheme, any query or fragment).
pub fn story_id(url: &str, site: &Origin) -> Option<i32> {
    let url = url::Url::parse(url.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || !url.username().is_empty() {
        return None;
    }
    let authority = match url.port() {
        Some(port) => format!("{}:{port}", url.host_str()?),
        None => url.host_str()?.to_owned(),
    };
    if !authority.eq_ignore_ascii_case(site.authority()) {
        return None;
    }
    let id = url.path().strip_prefix("/stories/")?.trim_end_matches('/');
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    id.parse().ok()
}

/// The absolute URL of a story's oEmbed answer, for discovery links.
pub fn discovery_url(site: &Origin, story_id: i32) -> String {
    let story_url = site.join(&format!("/stories/{story_id}"));
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("url", &story_url)
        .append_pair("format", "json")
        .finish();
    site.join(&format!("/oembed?{query}"))
}

/// The answer for a published story, within the consumer's maxima.
pub fn response(
    site: &Origin,
    story: &StoryView,
    max_width: Option<u32>,
    max_height: Option<u32>,
    lang: crate::i18n::UiLang,
) -> AppResult<OEmbed> {
    // The spec: never larger than the consumer's maximum (0 means none).
    let fit =
        |default: u32, max: Option<u32>| max.filter(|&m| m > 0).map_or(default, |m| m.min(default));
    let width = fit(WIDTH, max_width);
    let height = fit(HEIGHT, max_height);
    let src = site.join(&format!("/embed/stories/{}", story.id));
    let html = Iframe {
        src: &src,
        title: &story.title,
        width,
        height,
    }
    .render()
    .map_err(|e| AppError::Render(format!("oEmbed iframe: {e}")))?;
    Ok(OEmbed {
        version: "1.0",
        kind: "rich",
        provider_name: "Merkwaardig",
        provider_url: site.join("/"),
        title: story.title.clone(),
        author_name: story.byline(&lang),
        html,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::{discovery_url, story_id};
    use crate::domain::Origin;

    fn site() -> Origin {
        Origin::parse("https://intranet.example").unwrap()
    }

    #[test]
    fn story_urls_of_this_site_name_their_story() {
        for (url, id) in [
            ("https://intranet.example/stories/7", 7),
            ("http://INTRANET.example/stories/7/", 7),
            ("https://intranet.example:443/stories/12?x=1#top", 12),
        ] {
            assert_eq!(story_id(url, &site()), Some(id), "{url}");
        }
    }

    #[test]
    fn other_urls_name_no_story() {
        for url in [
            "https://evil.example/stories/7",
            "https://intranet.example.evil.example/stories/7",
            "https://intranet.example:8443/stories/7",
            "https://user@intranet.example/stories/7",
            "https://intranet.example/values/7",
            "https://intranet.example/stories/7/edit",
            "https://intranet.example/stories/-7",
            "https://intranet.example/stories/",
            "https://intranet.example/stories/99999999999",
            "/stories/7",
            "javascript:alert(1)//intranet.example/stories/7",
        ] {
            assert_eq!(story_id(url, &site()), None, "{url}");
        }
    }

    #[test]
    fn the_discovery_url_carries_the_story_url_encoded() {
        assert_eq!(
            discovery_url(&site(), 7),
            "https://intranet.example/oembed?url=https%3A%2F%2Fintranet.example%2Fstories%2F7&format=json"
        );
    }
}
