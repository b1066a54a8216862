//! A member of staff's own stories: the list with their status and the
//! moderator's reason, finishing drafts, editing (and so resubmitting),
//! withdrawing, and downloading everything they gave us.

use rocket::form::Form;
use rocket::http::{ContentType, Header, Status};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{error_status, render};
use super::identity::SignedIn;
use super::request::SameOrigin;
use super::story_form::{Intent, StoryForm, Submitted, form_page, preview_page, saved_message};
use crate::AppState;
use crate::domain::StoryStatus;
use crate::error::AppError;
use crate::services::{privacy, stories};
use crate::templates::{Layout, MyStoriesPage, StoryFormData};

/// The stories, 500 to a page (all of them for nearly everyone); `after`
/// is the `next` of the page before (one that is not shows the first).
#[get("/my/stories?<after>")]
async fn my_stories(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
    after: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    let SignedIn(user) = signed_in;
    let cursor = after.and_then(stories::Cursor::parse);
    let paging = stories::Paging {
        cursor,
        limit: stories::MINE_MAX,
    };
    let page = stories::by_author(&state.db, &user, paging)
        .await
        .map_err(error_status)?;
    let named = stories::naming(&state.db, &user)
        .await
        .map_err(error_status)?;
    render(MyStoriesPage {
        layout,
        stories: page.stories,
        next: page.next,
        later: cursor.is_some(),
        named,
    })
}

/// A download of the signed-in person's stories and reactions, as JSON.
#[derive(rocket::Responder)]
struct Download {
    body: String,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/my/export")]
async fn export(state: &State<AppState>, signed_in: SignedIn) -> Result<Download, Status> {
    let SignedIn(user) = signed_in;
    let export = privacy::export(&state.db, &user)
        .await
        .map_err(error_status)?;
    let body = serde_json::to_string_pretty(&export).map_err(|e| {
        tracing::error!(error = %e, "export could not be serialised");
        Status::InternalServerError
    })?;
    Ok(Download {
        body,
        content_type: ContentType::JSON,
        disposition: Header::new(
            "Content-Disposition",
            "attachment; filename=\"merkwaardig-export.json\"",
        ),
    })
}

#[get("/stories/<id>/edit")]
async fn edit_form(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
) -> Result<RawHtml<String>, Status> {
    let SignedIn(user) = signed_in;
    let story = stories::get(&state.db, Some(&user), id)
        .await
        .map_err(error_status)?;
    if !story.is_by(&user) {
        return Err(Status::Forbidden);
    }
    if story.status == StoryStatus::Withdrawn {
        return Err(Status::Conflict);
    }
    let draft = story.status == StoryStatus::Draft;
    form_page(
        state,
        layout,
        StoryFormData::from_story(&story),
        Vec::new(),
        Some((id, draft)),
    )
    .await
}

#[post("/stories/<id>/edit", data = "<form>")]
async fn edit(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<StoryForm>,
) -> Result<Submitted, Status> {
    let SignedIn(user) = signed_in;
    let form = form.into_inner();
    let current = stories::get(&state.db, Some(&user), id)
        .await
        .map_err(error_status)?;
    let editing = Some((id, current.status == StoryStatus::Draft));
    let save = match form.intent() {
        Intent::Preview => return preview_page(state, layout, form, editing).await,
        Intent::Save(save) => save,
    };
    match stories::update(
        &state.db,
        state.search.index.unindexed(),
        state.settings.moderation,
        &user,
        id,
        &form.input(user.is_manager()),
        save,
    )
    .await
    {
        Ok(story) => {
            let message = saved_message(&layout, &story, current.status != StoryStatus::Draft);
            let to = if story.status == StoryStatus::Draft {
                format!("/stories/{id}/edit")
            } else {
                format!("/stories/{id}")
            };
            Ok(Submitted::Done(Box::new(Flash::success(
                Redirect::to(to),
                message,
            ))))
        }
        Err(AppError::Validation(errors)) => {
            let page = form_page(state, layout, form.into_data(), errors, editing).await?;
            Ok(Submitted::Form((Status::UnprocessableEntity, page)))
        }
        Err(e) => Err(error_status(e)),
    }
}

#[post("/stories/<id>/withdraw")]
async fn withdraw(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    stories::withdraw(&state.db, state.search.index.unindexed(), &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/my/stories"),
        layout.t("flash-withdrawn"),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![my_stories, export, edit_form, edit, withdraw]
}
