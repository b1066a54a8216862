//! The pages for reading: the home page, a value's page with its stories,
//! a story, and a story's history.

use rocket::form::FromForm;
use rocket::http::Status;
use rocket::{Route, State, get};

use super::frame::{PageResult, error_status, render};
use crate::AppState;
use crate::domain::{Audience, BarrierStatus, Lang, ValueKind};
use crate::services::stories::{self, Browse, BrowseFilter, ListFilter, Period, Sort};
use crate::services::{barriers, revisions, values};
use crate::templates::{
    CommitmentForm, HistoryPage, HomePage, Layout, NoteDraft, StoriesPage, StoryList, StoryPage,
    ValueGroup, ValuePage,
};

#[get("/")]
async fn home(state: &State<AppState>, layout: Layout) -> PageResult {
    let all = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    let (brand, core): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.kind == ValueKind::Brand);
    let cards = ListFilter {
        cards: true,
        ..Default::default()
    };
    let recent = stories::list_published(
        &state.db,
        &state.story_facts,
        &cards,
        stories::Paging::first(6),
    )
    .await
    .map_err(error_status)?;
    let mut monthly = Vec::new();
    for (slug, pick) in crate::services::monthly::current(&state.db)
        .await
        .map_err(error_status)?
    {
        let name = brand
            .iter()
            .chain(&core)
            .find(|v| v.slug == slug)
            .map(|v| v.name.clone())
            .unwrap_or(slug);
        if let Ok(story) = stories::get(&state.db, None, pick.story).await {
            monthly.push((name, story));
        }
    }
    render(HomePage {
        layout,
        groups: vec![
            ValueGroup {
                key: "brand",
                values: brand,
            },
            ValueGroup {
                key: "core",
                values: core,
            },
        ],
        recent: recent.stories,
        monthly,
    })
}

/// The query of a value page. Filters come from links and a form, so
/// anything unknown is simply ignored.
#[derive(FromForm, Default)]
pub(super) struct BrowseParams {
    audience: Option<String>,
    team: Option<String>,
    lang: Option<String>,
    period: Option<String>,
    sort: Option<String>,
    page: Option<u64>,
}

impl BrowseParams {
    fn filter(&self) -> BrowseFilter {
        fn given(raw: &Option<String>) -> Option<&str> {
            raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        BrowseFilter {
            author: None,
            audience: given(&self.audience).and_then(Audience::parse),
            team: given(&self.team).map(str::to_owned),
            lang: given(&self.lang).and_then(Lang::parse),
            period: given(&self.period)
                .and_then(Period::parse)
                .unwrap_or_default(),
            sort: given(&self.sort).and_then(Sort::parse).unwrap_or_default(),
            page: self.page.unwrap_or(1).max(1),
        }
    }
}

/// A link to a list of stories at `base` with `filter` on page `page`.
fn browse_href(base: &str, filter: &BrowseFilter, page: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(audience) = filter.audience {
        query.append_pair("audience", audience.as_str());
    }
    if let Some(team) = &filter.team {
        query.append_pair("team", team);
    }
    if let Some(lang) = filter.lang {
        query.append_pair("lang", lang.as_str());
    }
    if filter.period != Period::All {
        query.append_pair("period", filter.period.as_str());
    }
    if filter.sort != Sort::Newest {
        query.append_pair("sort", filter.sort.as_str());
    }
    if page > 1 {
        query.append_pair("page", &page.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{query}")
    }
}

/// Every published story, newest first, with the value page's filters; with
/// `team` set, a team's page.
#[get("/stories?<params..>")]
async fn all_stories(state: &State<AppState>, layout: Layout, params: BrowseParams) -> PageResult {
    let filter = params.filter();
    let heading = match &filter.team {
        Some(team) => layout.ta("team-heading", "team", team),
        None => layout.t("stories-heading"),
    };
    story_list(state, layout, filter, "/stories".to_owned(), heading).await
}

/// The stories one person published under their name (never the ones they
/// shared anonymously), newest first.
#[get("/people/<id>?<params..>")]
async fn person(
    state: &State<AppState>,
    layout: Layout,
    id: &str,
    params: BrowseParams,
) -> PageResult {
    let mut filter = params.filter();
    filter.author = Some(id.to_owned());
    let first = stories::browse(
        &state.db,
        &state.story_facts,
        None,
        &BrowseFilter {
            author: Some(id.to_owned()),
            page: 1,
            ..Default::default()
        },
    )
    .await
    .map_err(error_status)?;
    // Somebody with no story under their name has no page.
    let name = first
        .stories
        .first()
        .and_then(|story| story.author.name.clone())
        .ok_or(Status::NotFound)?;
    let encoded: String = form_urlencoded::byte_serialize(id.as_bytes()).collect();
    let heading = layout.ta("person-heading", "name", &name);
    story_list(state, layout, filter, format!("/people/{encoded}"), heading).await
}

async fn story_list(
    state: &State<AppState>,
    layout: Layout,
    filter: BrowseFilter,
    base: String,
    heading: String,
) -> PageResult {
    let browse = stories::browse(&state.db, &state.story_facts, None, &filter)
        .await
        .map_err(error_status)?;
    render(StoriesPage {
        layout,
        heading,
        list: list_of(browse, filter, base),
    })
}

/// A page of stories with the links that keep its filters.
fn list_of(browse: Browse, filter: BrowseFilter, base: String) -> StoryList {
    let previous = (browse.page > 1).then(|| browse_href(&base, &filter, browse.page - 1));
    let next = (browse.page < browse.pages).then(|| browse_href(&base, &filter, browse.page + 1));
    StoryList {
        filtered: filter.is_filtered(),
        browse,
        filter,
        previous,
        next,
        base,
    }
}

#[get("/values/<slug>?<by>&<params..>")]
async fn value(
    state: &State<AppState>,
    layout: Layout,
    slug: &str,
    by: Option<&str>,
    params: BrowseParams,
) -> PageResult {
    let grouping = by.and_then(stories::Grouping::parse);
    value_page(state, layout, slug, params, grouping, None).await
}

/// A value's page: its guidance, how managers show it, its story of the
/// month, its stories, and (signed in) the barriers solved for it.
/// `grouping`: its stories side by side by team or audience instead of
/// one list. `written`: a manager's commitment as typed, with its error.
pub(super) async fn value_page(
    state: &AppState,
    layout: Layout,
    slug: &str,
    params: BrowseParams,
    grouping: Option<stories::Grouping>,
    written: Option<(String, String)>,
) -> PageResult {
    let value = values::get_value(&state.db, &state.story_facts, slug)
        .await
        .map_err(error_status)?
        .ok_or(Status::NotFound)?;
    let filter = params.filter();
    let browse = stories::browse(&state.db, &state.story_facts, Some(slug), &filter)
        .await
        .map_err(error_status)?;
    let leaders = if value.leadership_stories.is_empty() {
        Vec::new()
    } else {
        let only = ListFilter {
            values: vec![slug.to_owned()],
            leadership: true,
            cards: true,
            ..Default::default()
        };
        stories::list_published(
            &state.db,
            &state.story_facts,
            &only,
            stories::Paging::first(6),
        )
        .await
        .map_err(error_status)?
        .stories
    };
    let monthly = match &value.story_of_the_month {
        Some(pick) => stories::get(&state.db, None, pick.story).await.ok(),
        None => None,
    };
    let commitment_form = match layout.user.as_ref() {
        Some(user) if user.is_manager() && user.via_token.is_none() && !value.summary.archived => {
            let own = value.commitments.iter().find(|c| c.manager.id == user.id);
            let has_own = own.is_some();
            Some(match written {
                Some((body, error)) => CommitmentForm {
                    body,
                    error: Some(error),
                    has_own,
                },
                None => CommitmentForm {
                    body: own.map(|c| c.body.clone()).unwrap_or_default(),
                    error: None,
                    has_own,
                },
            })
        }
        _ => None,
    };
    let solved = match layout.user.as_ref() {
        Some(user) => barriers::list(
            &state.db,
            user,
            &barriers::BarrierQuery {
                status: Some(BarrierStatus::Solved),
                value: Some(slug.to_owned()),
                ..Default::default()
            },
        )
        .await
        .map_err(error_status)?,
        None => Vec::new(),
    };
    let side_by_side = match grouping {
        Some(grouping) => stories::side_by_side(&state.db, &state.story_facts, slug, grouping)
            .await
            .map_err(error_status)?,
        None => Default::default(),
    };
    render(ValuePage {
        layout,
        value,
        list: list_of(browse, filter, format!("/values/{slug}")),
        grouping: grouping.map(stories::Grouping::as_str),
        side_by_side,
        leaders,
        monthly,
        commitment_form,
        solved,
    })
}

#[get("/stories/<id>")]
async fn story(
    state: &State<AppState>,
    layout: Layout,
    site: super::request::Site,
    id: i32,
) -> PageResult {
    story_page(state, layout, &site, id, NoteDraft::default()).await
}

/// A story's page; `note` is a thank-you note being written (kept and
/// explained when it was refused).
pub(super) async fn story_page(
    state: &AppState,
    layout: Layout,
    site: &super::request::Site,
    id: i32,
    note: NoteDraft,
) -> PageResult {
    let story = stories::get(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(error_status)?;
    let may = stories::Permissions::of(&story, layout.user.as_ref(), state.settings.moderation);
    let can_moderate = may.moderate;
    let published = story.status == crate::domain::StoryStatus::Published;
    let related = if published {
        state
            .search
            .index
            .related(id, 3, &[] as &[String])
            .unwrap_or_else(|e| {
                tracing::warn!(story = id, error = %e, "related stories unavailable");
                Vec::new()
            })
    } else {
        Vec::new()
    };
    let inspired = crate::services::reactions::on_story(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(error_status)?;
    let values = if can_moderate {
        values::list_values(&state.db, &state.story_facts)
            .await
            .map_err(error_status)?
    } else {
        Vec::new()
    };
    // Offers the leadership toggle: a named manager's story only.
    let author_is_manager = match (&story.author.id, can_moderate) {
        (Some(author), true) if !story.author.anonymous => {
            crate::services::people::is_manager(&state.db, author)
                .await
                .map_err(error_status)?
        }
        _ => false,
    };
    let notes = if published {
        crate::services::notes::list(&state.db, layout.user.as_ref(), id)
            .await
            .map_err(error_status)?
    } else {
        Vec::new()
    };
    render(StoryPage {
        notes,
        note,
        author_is_manager,
        layout,
        story,
        can_moderate,
        related,
        inspired,
        can_report: may.report,
        can_see_history: may.history,
        values,
        oembed: published.then(|| crate::syndication::oembed::discovery_url(&site.0, id)),
    })
}

#[get("/stories/<id>/history")]
async fn history(state: &State<AppState>, layout: Layout, id: i32) -> PageResult {
    let story = stories::get(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(error_status)?;
    let revisions = revisions::history(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(error_status)?;
    let value_names = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?
        .into_iter()
        .map(|v| (v.slug, v.name))
        .collect();
    render(HistoryPage {
        layout,
        story,
        revisions,
        value_names,
    })
}

pub fn routes() -> Vec<Route> {
    rocket::routes![home, all_stories, person, value, story, history]
}
