//! Embeds: minimal pages that other sites' pages may frame, each with its
//! own small layout and no site header. Everything under [`BASE`] — and only
//! that — may be framed (by `embed_origins`); see [`framable`].

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{Catcher, Route, State, catch, get};

use super::pages::{render, status};
use crate::AppState;
use crate::services::stories;
use crate::templates::{EmbedMissingPage, EmbedStoryPage};

/// Where the embeds are mounted.
pub const BASE: &str = "/embed";

/// Whether the response to a request for `path` may be framed by other
/// origins: the one rule the security headers follow.
pub fn framable(path: &str) -> bool {
    path.strip_prefix(BASE)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// One published story as a card; anything else is "not available".
#[get("/stories/<id>")]
async fn story(state: &State<AppState>, id: i32) -> Result<RawHtml<String>, Status> {
    // No viewer on purpose: an embed shows what everyone may see.
    let story = stories::get(&state.db, None, id).await.map_err(status)?;
    render(EmbedStoryPage {
        story_url: format!("/stories/{}", story.id),
        story,
    })
}

pub fn routes() -> Vec<Route> {
    rocket::routes![story]
}

#[catch(default)]
fn unavailable() -> RawHtml<String> {
    render(EmbedMissingPage).unwrap_or_else(|_| RawHtml(String::new()))
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![unavailable]
}

#[cfg(test)]
mod tests {
    use super::framable;

    #[test]
    fn only_paths_under_embed_are_framable() {
        for path in ["/embed", "/embed/", "/embed/stories/7"] {
            assert!(framable(path), "{path}");
        }
        for path in [
            "/",
            "/embedded",
            "/embed-x/stories/7",
            "/stories/7",
            "/x/embed/1",
        ] {
            assert!(!framable(path), "{path}");
        }
    }
}
