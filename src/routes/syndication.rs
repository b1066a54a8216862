//! Atom feeds, the OpenSearch description and oEmbed: a service call, then
//! a document built by `crate::syndication`.

use rocket::http::{ContentType, Header, Status};
use rocket::serde::json::Json;
use rocket::{Route, State, get};

use super::api::ApiError;
use super::frame::error_status;
use super::request::Site;
use crate::AppState;
use crate::error::AppError;
use crate::i18n::{Msg, UiLang};
use crate::services::stories::{self, ListFilter, Paging};
use crate::services::values;
use crate::syndication::atom::{self, FeedInfo};
use crate::syndication::oembed::{self, OEmbed};
use crate::templates::OpenSearchDescription;

/// A document others poll: its type, and `no-cache` — kept, but asked again
/// each time, so a story taken down leaves every feed reader's next poll.
#[derive(rocket::Responder)]
struct Document<T> {
    body: T,
    content_type: ContentType,
    cache: Header<'static>,
}

fn document<T>(body: T, content_type: ContentType) -> Document<T> {
    Document {
        body,
        content_type,
        cache: Header::new("Cache-Control", "no-cache"),
    }
}

fn atom_type() -> ContentType {
    let (top, sub) = atom::CONTENT_TYPE;
    ContentType::new(top, sub).with_params(("charset", "utf-8"))
}

/// The newest published stories.
#[get("/feed.atom")]
async fn feed(
    state: &State<AppState>,
    site: Site,
    lang: UiLang,
) -> Result<Document<String>, Status> {
    let page = stories::list_published(
        &state.db,
        &state.story_facts,
        &ListFilter::default(),
        Paging::first(atom::MAX_ENTRIES),
    )
    .await
    .map_err(error_status)?;
    let xml = atom::build(
        &site.0,
        &state.installation,
        &FeedInfo::all(lang),
        &page.stories,
        lang,
    )
    .map_err(error_status)?;
    Ok(document(xml, atom_type()))
}

/// The newest published stories of one value; an unknown value is 404.
#[get("/values/<slug>/feed.atom")]
async fn value_feed(
    state: &State<AppState>,
    site: Site,
    lang: UiLang,
    slug: &str,
) -> Result<Document<String>, Status> {
    let value = values::get_value(&state.db, &state.story_facts, slug)
        .await
        .map_err(error_status)?
        .ok_or(Status::NotFound)?;
    let filter = ListFilter {
        values: vec![value.summary.slug.clone()],
        ..Default::default()
    };
    let mut page = stories::list_published(
        &state.db,
        &state.story_facts,
        &filter,
        Paging::first(atom::MAX_ENTRIES),
    )
    .await
    .map_err(error_status)?;
    let mut info = FeedInfo::value(&value.summary.slug, &value.summary.name);
    if let Some(pick) = &value.story_of_the_month {
        info.story_of_the_month = Some(pick.story);
        if !page.stories.iter().any(|story| story.id == pick.story) {
            // An older pick still belongs in the feed that marks it.
            let story = stories::get(&state.db, None, pick.story)
                .await
                .map_err(error_status)?;
            page.stories.push(story);
        }
    }
    let xml = atom::build(&site.0, &state.installation, &info, &page.stories, lang)
        .map_err(error_status)?;
    Ok(document(xml, atom_type()))
}

#[get("/opensearch.xml")]
fn opensearch(site: Site, lang: UiLang) -> Result<Document<String>, Status> {
    let description = OpenSearchDescription {
        description: lang.t("opensearch-description"),
        lang: lang.as_str(),
        search_page: site.0.join("/search"),
        search_api: site.0.join("/api/v1/search"),
        self_url: site.0.join("/opensearch.xml"),
    };
    let xml = askama::Template::render(&description)
        .map_err(|e| error_status(AppError::Render(format!("OpenSearch description: {e}"))))?;
    Ok(document(
        xml,
        ContentType::new("application", "opensearchdescription+xml")
            .with_params(("charset", "utf-8")),
    ))
}

/// oEmbed for one published story: only JSON (other formats are 501, as the
/// spec says); a URL that is not one of our published stories is 404.
#[get("/oembed?<url>&<format>&<maxwidth>&<maxheight>")]
async fn oembed_answer(
    state: &State<AppState>,
    site: Site,
    lang: UiLang,
    url: Option<&str>,
    format: Option<&str>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
) -> Result<Document<Json<OEmbed>>, ApiError> {
    if let Some(format) = format.filter(|f| !f.eq_ignore_ascii_case("json")) {
        return Err(AppError::NotImplemented(
            Msg::new("error-oembed-format").arg("format", format),
        )
        .into());
    }
    let url = url.ok_or_else(|| AppError::BadRequest(Msg::new("error-oembed-url")))?;
    let id = oembed::story_id(url, &site.0).ok_or(AppError::NotFound)?;
    // No viewer on purpose: only what everyone may see is ever embedded.
    let story = stories::get(&state.db, None, id).await?;
    let answer = oembed::response(&site.0, &story, maxwidth, maxheight, lang)?;
    Ok(document(Json(answer), ContentType::JSON))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![feed, value_feed, opensearch, oembed_answer]
}
