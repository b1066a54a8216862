//! Pages made to be framed by intranet pages that do not allow scripts:
//! `/embed/search` and `/embed/stories?value=`. Minimal, without the site's
//! header; links open in the top window. Only published stories, like the
//! widgets; framable by the configured `embed_origins` (see `security.rs`).

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{Route, State, get};

use super::pages::{render, status};
use crate::AppState;
use crate::i18n::UiLang;
use crate::search::{SearchHit, SearchParams, SearchQuery};
use crate::services::stories::{self, ListFilter};
use crate::templates::{EmbedSearchPage, EmbedStoriesPage, Layout};

/// An iframe cannot set `Accept-Language`; `?lang=` can.
fn with_lang(mut layout: Layout, lang: Option<&str>) -> Layout {
    if let Some(lang) = lang.and_then(UiLang::parse) {
        layout.lang = lang;
    }
    layout
}

#[get("/embed/search?<q>&<value>&<lang>&<limit>")]
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
            page.error = errors.first().map(|e| page.layout.msg(&e.message));
            return Ok((Status::BadRequest, render(page)?));
        }
    };
    let results = state
        .search
        .index
        .search(&query)
        .map_err(|e| status(e.into()))?;
    page.total = results.total;
    page.hits = results.hits;
    Ok((Status::Ok, render(page)?))
}

#[get("/embed/stories?<value>&<limit>&<featured>&<lang>")]
async fn latest(
    state: &State<AppState>,
    layout: Layout,
    value: Vec<String>,
    limit: Option<u64>,
    featured: Option<bool>,
    lang: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    let layout = with_lang(layout, lang);
    let filter = ListFilter {
        values: value,
        featured: featured.unwrap_or(false),
    };
    let page = stories::list_published(&state.db, &filter, None, limit.unwrap_or(3).clamp(1, 20))
        .await
        .map_err(status)?;
    render(EmbedStoriesPage {
        layout,
        stories: page.stories,
    })
}

pub fn routes() -> Vec<Route> {
    rocket::routes![search, latest]
}
