//! Pages made to be framed by intranet pages, each minimal and without the
//! site's header; links open in the top window. Everything under [`BASE`] —
//! and only that — may be framed, by the configured `embed_origins` (the
//! rule: [`framable`]):
//!
//! - `/embed/search` and `/embed/stories?value=` for intranets that do not
//!   allow scripts (the widgets' counterparts);
//! - `/embed/stories/<id>`, a story card, which oEmbed hands out.
//!
//! Only published stories, whoever asks.

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{Catcher, Request, Route, State, catch, get};

use super::frame::{error_status, render};
use crate::AppState;
use crate::i18n::UiLang;
use crate::search::{SearchHit, SearchParams, SearchQuery};
use crate::services::stories::{self, ListFilter};
use crate::templates::{
    EmbedMissingPage, EmbedSearchPage, EmbedStoriesPage, EmbedStoryPage, Layout,
};

/// Where the embeds are mounted.
pub const BASE: &str = "/embed";

/// Whether the response to a request for `path` may be framed by other
/// origins: the one rule the security headers follow.
pub fn framable(path: &str) -> bool {
    path.strip_prefix(BASE)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// An iframe cannot set `Accept-Language`; `?lang=` can.
fn with_lang(mut layout: Layout, lang: Option<&str>) -> Layout {
    if let Some(lang) = lang.and_then(UiLang::parse) {
        layout.lang = lang;
    }
    layout
}

#[get("/search?<q>&<value>&<lang>&<limit>")]
async fn search(
    state: &State<AppState>,
    layout: Layout,
    q: Option<String>,
    value: Vec<String>,
    lang: Option<&str>,
    limit: Option<usize>,
) -> Result<(Status, RawHtml<String>), Status> {
    let layout = with_lang(layout, lang);
    let query_text = q.unwrap_or_default();
    let params = SearchParams {
        q: Some(query_text.clone()),
        value: value.clone(),
        limit: Some(limit.unwrap_or(5).clamp(1, 20).to_string()),
        ..Default::default()
    };
    let mut more = form_urlencoded::Serializer::new(String::from("/search?"));
    more.append_pair("q", &query_text);
    for v in &value {
        more.append_pair("value", v);
    }
    let mut page = EmbedSearchPage {
        layout,
        searched: !query_text.trim().is_empty(),
        query: query_text,
        values: value,
        error: None,
        total: 0,
        hits: Vec::<SearchHit>::new(),
        more: more.finish(),
    };
    if !page.searched {
        return Ok((Status::Ok, render(page)?));
    }
    let query = match SearchQuery::parse(&params) {
        Ok(query) => query,
        Err(errors) => {
            page.error = errors.first().map(|e| page.layout.sentence(&e.message));
            return Ok((Status::BadRequest, render(page)?));
        }
    };
    let results = state
        .search
        .index
        .search(&query)
        .map_err(|e| error_status(e.into()))?;
    page.total = results.total;
    page.hits = results.hits;
    Ok((Status::Ok, render(page)?))
}

#[get("/stories?<value>&<limit>&<featured>&<story_of_the_month>&<lang>")]
async fn latest(
    state: &State<AppState>,
    layout: Layout,
    value: Vec<String>,
    limit: Option<u64>,
    featured: Option<bool>,
    story_of_the_month: Option<bool>,
    lang: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    let layout = with_lang(layout, lang);
    let filter = ListFilter {
        values: value,
        featured: featured.unwrap_or(false),
        story_of_the_month: story_of_the_month.unwrap_or(false),
        cards: true,
        ..Default::default()
    };
    let page = stories::list_published(
        &state.db,
        &state.story_facts,
        &filter,
        stories::Paging::first(limit.unwrap_or(3).clamp(1, 20)),
    )
    .await
    .map_err(error_status)?;
    render(EmbedStoriesPage {
        layout,
        stories: page.stories,
    })
}

/// One published story as a card; anything else is "not available".
#[get("/stories/<id>?<lang>")]
async fn story(
    state: &State<AppState>,
    layout: Layout,
    id: i32,
    lang: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    // No viewer on purpose: an embed shows what everyone may see.
    let story = stories::get(&state.db, None, id)
        .await
        .map_err(error_status)?;
    render(EmbedStoryPage {
        layout: with_lang(layout, lang),
        story_url: format!("/stories/{}", story.id),
        story,
    })
}

pub fn routes() -> Vec<Route> {
    rocket::routes![search, latest, story]
}

#[catch(default)]
async fn unavailable(req: &Request<'_>) -> RawHtml<String> {
    let layout = match req.guard::<Layout>().await {
        rocket::outcome::Outcome::Success(layout) => layout,
        _ => Layout::plain(),
    };
    render(EmbedMissingPage { layout }).unwrap_or_else(|_| RawHtml(String::new()))
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![unavailable]
}

#[cfg(test)]
mod tests {
    use super::framable;

    #[test]
    fn only_paths_under_embed_are_framable() {
        for path in ["/embed", "/embed/", "/embed/stories/7", "/embed/search"] {
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
