//! What any signed-in reader does to a published story: report it, and
//! mark that it inspired them.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, post};

use super::frame::error_status;
use super::identity::SignedIn;
use super::identity::Viewer;
use crate::AppState;
use crate::error::AppError;
use crate::services::reports;
use crate::templates::Layout;

#[derive(FromForm)]
struct ReportForm {
    #[field(default = String::new())]
    reason: String,
}

/// Post-moderation: a member of staff flags a published story.
#[post("/stories/<id>/report", data = "<form>")]
async fn report(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<ReportForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let to = Redirect::to(format!("/stories/{id}"));
    match reports::report(
        &state.db,
        state.settings.moderation,
        &user,
        id,
        &form.reason,
    )
    .await
    {
        Ok(()) => Ok(Flash::success(to, layout.t("flash-reported"))),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            to,
            errors
                .first()
                .map(|e| layout.msg(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(error_status(e)),
    }
}

/// The "this inspired me" button: marks, or takes the mark back.
#[post("/stories/<id>/inspired")]
async fn toggle_inspired(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    viewer: Viewer,
    id: i32,
) -> Result<Redirect, Status> {
    let user = viewer.0.ok_or(Status::Unauthorized)?;
    state
        .rate_limits
        .reaction(&user.id)
        .map_err(|_| Status::TooManyRequests)?;
    crate::services::reactions::toggle(&state.db, &user, id, state.settings.inspired_milestone)
        .await
        .map_err(error_status)?;
    Ok(Redirect::to(format!("/stories/{id}#inspired")))
}

/// A colleague the story names takes their name off it.
#[post("/stories/<id>/unname")]
async fn unname(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    crate::services::stories::unname(&state.db, state.search.index.unindexed(), &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to(format!("/stories/{id}")),
        layout.t("flash-unnamed"),
    ))
}

#[derive(FromForm)]
struct NoteForm {
    #[field(default = String::new())]
    body: String,
}

#[derive(rocket::Responder)]
enum NoteAnswer {
    Done(Box<Flash<Redirect>>),
    #[response(status = 422)]
    Invalid(rocket::response::content::RawHtml<String>),
}

/// A thank-you note under a published story. Refused: the story again,
/// with what was typed and why.
#[post("/stories/<id>/notes", data = "<form>")]
async fn write_note(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    site: super::request::Site,
    signed_in: SignedIn,
    id: i32,
    form: Form<NoteForm>,
) -> Result<NoteAnswer, Status> {
    let SignedIn(user) = signed_in;
    state
        .rate_limits
        .note(&user.id)
        .map_err(|_| Status::TooManyRequests)?;
    match crate::services::notes::add(&state.db, &user, id, &form.body).await {
        Ok(note) => Ok(NoteAnswer::Done(Box::new(Flash::success(
            Redirect::to(format!("/stories/{id}#note-{}", note.id)),
            layout.t("flash-note-written"),
        )))),
        Err(AppError::Validation(errors)) => {
            let draft = crate::templates::NoteDraft {
                body: form.body.clone(),
                error: errors.first().map(|e| layout.sentence(&e.message)),
            };
            let page = super::reading::story_page(state, layout, &site, id, draft).await?;
            Ok(NoteAnswer::Invalid(page))
        }
        Err(e) => Err(error_status(e)),
    }
}

#[derive(FromForm)]
struct Back {
    back: Option<String>,
}

/// Its writer or a manager takes a note down.
#[post("/notes/<id>/remove", data = "<form>")]
async fn remove_note(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<Back>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let story = crate::services::notes::remove(&state.db, &user, id)
        .await
        .map_err(error_status)?;
    let to = form
        .back
        .as_deref()
        .and_then(super::request::local_path)
        .map(str::to_owned)
        .unwrap_or_else(|| format!("/stories/{story}#notes"));
    Ok(Flash::success(
        Redirect::to(to),
        layout.t("flash-note-removed"),
    ))
}

/// A reader reports a note to the managers.
#[post("/notes/<id>/report", data = "<form>")]
async fn report_note(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<ReportForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    match crate::services::notes::report(&state.db, &user, id, &form.reason).await {
        Ok(story) => Ok(Flash::success(
            Redirect::to(format!("/stories/{story}#notes")),
            layout.t("flash-note-reported"),
        )),
        Err(AppError::Validation(errors)) => {
            let story = crate::services::notes::story_of(&state.db, id)
                .await
                .map_err(error_status)?;
            Ok(Flash::error(
                Redirect::to(format!("/stories/{story}#note-{id}")),
                errors
                    .first()
                    .map(|e| layout.sentence(&e.message))
                    .unwrap_or_default(),
            ))
        }
        Err(e) => Err(error_status(e)),
    }
}

/// A manager keeps a reported note.
#[post("/notes/<id>/dismiss")]
async fn dismiss_note(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    crate::services::notes::dismiss(&state.db, &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/moderation#reported-notes"),
        layout.t("flash-note-kept"),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        report,
        toggle_inspired,
        unname,
        write_note,
        remove_note,
        report_note,
        dismiss_note
    ]
}
