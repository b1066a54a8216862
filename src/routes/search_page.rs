//! The search page: the query kept in the box, highlighted hits, value facets
//! as filter links with counts, pagination, and a helpful empty result.

use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::{Route, State, get};

use super::frame::render;
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Msg;
use crate::search::{Correction, SearchParams, SearchQuery};
use crate::services::values;
use crate::templates::{FacetLink, HitView, Layout, SearchPage};

/// A link to the search page with `params`, changed by `change`.
fn href(params: &SearchParams, change: impl FnOnce(&mut SearchParams)) -> String {
    let mut params = params.clone();
    change(&mut params);
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut pair = |key: &str, value: &Option<String>| {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            query.append_pair(key, value);
        }
    };
    pair("q", &params.q);
    pair("audience", &params.audience);
    pair("team", &params.team);
    pair("lang", &params.lang);
    pair("offset", &params.offset);
    for value in &params.value {
        query.append_pair("value", value);
    }
    format!("/search?{}", query.finish())
}

#[get("/search?<params..>")]
async fn search(
    state: &State<AppState>,
    layout: Layout,
    params: SearchParams,
) -> Result<(Status, RawHtml<String>), Status> {
    let all_values = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(|e| {
            e.log();
            e.status()
        })?;
    let name_of = |slug: &str| {
        all_values
            .iter()
            .find(|v| v.slug == slug)
            .map(|v| (v.name.clone(), v.kind))
    };
    let mut page = SearchPage {
        layout,
        query: params.q.clone().unwrap_or_default(),
        error: None,
        total: 0,
        fuzzy: false,
        corrected: None,
        hits: Vec::new(),
        facets: Vec::new(),
        previous: None,
        next: None,
        values: all_values.clone(),
        searched: params.q.as_deref().is_some_and(|q| !q.trim().is_empty())
            || !params.value.is_empty(),
    };
    let query = match SearchQuery::parse(&params) {
        Ok(query) => query,
        Err(errors) => {
            page.error = errors.first().map(|e| page.layout.sentence(&e.message));
            return Ok((Status::BadRequest, render(page)?));
        }
    };
    let results = state.search.index.search(&query).map_err(|e| {
        let e = AppError::from(e);
        e.log();
        e.status()
    })?;
    page.total = results.total;
    page.fuzzy = results.fuzzy;
    page.corrected = corrected(&page.layout, &results.corrections);
    page.hits = results
        .hits
        .into_iter()
        .map(|hit| HitView {
            values: hit
                .values
                .iter()
                .filter_map(|slug| name_of(slug).map(|(name, kind)| (slug.clone(), name, kind)))
                .collect(),
            hit,
        })
        .collect();
    page.facets = all_values
        .iter()
        .filter_map(|value| {
            let count = results.facets.values.get(&value.slug).copied().unwrap_or(0);
            let selected = params.value.contains(&value.slug);
            (count > 0 || selected).then(|| FacetLink {
                name: value.name.clone(),
                count,
                selected,
                href: href(&params, |p| {
                    p.offset = None;
                    if selected {
                        p.value.retain(|v| v != &value.slug);
                    } else {
                        p.value.push(value.slug.clone());
                    }
                }),
            })
        })
        .collect();
    if query.offset > 0 {
        let previous = query.offset.saturating_sub(query.limit);
        page.previous = Some(href(&params, |p| p.offset = Some(previous.to_string())));
    }
    if query.offset + query.limit < results.total {
        let next = query.offset + query.limit;
        page.next = Some(href(&params, |p| p.offset = Some(next.to_string())));
    }
    Ok((Status::Ok, render(page)?))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![search]
}

/// What the typo-tolerant retry searched instead, for the reader: `no
/// stories with “omvromer”; these have “omvormer”`. `None` when nothing was
/// put in place.
fn corrected(layout: &Layout, corrections: &[Correction]) -> Option<String> {
    let sentences: Vec<String> = corrections
        .iter()
        .map(|correction| {
            let instead: Vec<String> = correction
                .instead
                .iter()
                .map(|word| format!("“{word}”"))
                .collect();
            layout.msg(
                &Msg::new("search-corrected")
                    .arg("typed", correction.typed.as_str())
                    .arg("instead", instead.join(", ").as_str()),
            )
        })
        .collect();
    (!sentences.is_empty()).then(|| sentences.join("; "))
}
