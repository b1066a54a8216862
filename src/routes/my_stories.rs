//! A member of staff's own stories: the list with their status and the
//! moderator's reason, editing (and so resubmitting) and withdrawing.

use rocket::form::Form;
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::pages::{StoryForm, form_page, render, status};
use super::request::SameOrigin;
use crate::AppState;
use crate::domain::StoryStatus;
use crate::error::AppError;
use crate::services::stories;
use crate::templates::{Layout, MyStoriesPage, StoryFormData};

#[get("/my/stories")]
async fn my_stories(state: &State<AppState>, layout: Layout) -> Result<RawHtml<String>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let stories = stories::by_author(&state.db, &user).await.map_err(status)?;
    render(MyStoriesPage { layout, stories })
}

#[get("/stories/<id>/edit")]
async fn edit_form(
    state: &State<AppState>,
    layout: Layout,
    id: i32,
) -> Result<RawHtml<String>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let story = stories::get(&state.db, Some(&user), id)
        .await
        .map_err(status)?;
    if story.author.id != user.id {
        return Err(Status::Forbidden);
    }
    if story.status == StoryStatus::Withdrawn {
        return Err(Status::Conflict);
    }
    form_page(
        state,
        layout,
        StoryFormData::from_story(&story),
        Vec::new(),
        Some(id),
    )
    .await
}

#[derive(rocket::Responder)]
enum Edited {
    Done(Box<Flash<Redirect>>),
    Invalid((Status, RawHtml<String>)),
}

#[post("/stories/<id>/edit", data = "<form>")]
async fn edit(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    id: i32,
    form: Form<StoryForm>,
) -> Result<Edited, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let form = form.into_inner();
    match stories::update(
        &state.db,
        state.settings.moderation,
        &user,
        id,
        &form.input(),
    )
    .await
    {
        Ok(story) => {
            let message = if story.status == StoryStatus::Pending {
                "Opgeslagen. Je verhaal wacht weer op een leidinggevende."
            } else {
                "Opgeslagen."
            };
            Ok(Edited::Done(Box::new(Flash::success(
                Redirect::to(format!("/stories/{id}")),
                message,
            ))))
        }
        Err(AppError::Validation(errors)) => {
            let page = form_page(state, layout, form.into_data(), errors, Some(id)).await?;
            Ok(Edited::Invalid((Status::UnprocessableEntity, page)))
        }
        Err(e) => Err(status(e)),
    }
}

#[post("/stories/<id>/withdraw")]
async fn withdraw(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.ok_or(Status::Unauthorized)?;
    stories::withdraw(&state.db, &user, id)
        .await
        .map_err(status)?;
    Ok(Flash::success(
        Redirect::to("/my/stories"),
        "Je verhaal is ingetrokken; niemand anders ziet het nog.",
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![my_stories, edit_form, edit, withdraw]
}
