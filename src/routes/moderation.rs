//! The moderation pages: the queue, publishing, rejecting or taking down,
//! adjusting tags, featuring, dismissing reports.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{PageResult, error_status, render};
use super::identity::SignedIn;
use super::request::local_path;
use crate::AppState;
use crate::error::AppError;
use crate::services::stories::{self};
use crate::services::{reports, values};
use crate::templates::{Layout, ModerationPage};

#[get("/moderation")]
async fn moderation(state: &State<AppState>, layout: Layout, signed_in: SignedIn) -> PageResult {
    let SignedIn(user) = signed_in;
    let queue = stories::moderation_queue(&state.db, &user)
        .await
        .map_err(error_status)?;
    let reported = reports::reported_stories(&state.db, &user)
        .await
        .map_err(error_status)?;
    let values = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    let reported_notes = crate::services::notes::reported(&state.db, &user)
        .await
        .map_err(error_status)?;
    render(ModerationPage {
        layout,
        queue,
        reported,
        reported_notes,
        values,
    })
}

/// Where a moderation form sends the manager back to: the page it was on.
#[derive(FromForm)]
struct ReturnTo {
    #[field(default = String::new())]
    back: String,
}

fn back_to(raw: &str) -> String {
    local_path(raw).unwrap_or("/moderation").to_owned()
}

#[post("/moderation/<id>/publish", data = "<form>")]
async fn publish(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<ReturnTo>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let story = stories::publish(&state.db, state.search.index.unindexed(), &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to(back_to(&form.back)),
        layout.ta("flash-published", "title", &story.title),
    ))
}

#[derive(FromForm)]
struct RejectForm {
    #[field(default = String::new())]
    reason: String,
    #[field(default = String::new())]
    back: String,
}

#[post("/moderation/<id>/reject", data = "<form>")]
async fn reject(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<RejectForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let back = back_to(&form.back);
    match stories::reject(
        &state.db,
        state.search.index.unindexed(),
        &user,
        id,
        &form.reason,
    )
    .await
    {
        Ok(story) => Ok(Flash::success(
            Redirect::to(back),
            layout.ta("flash-rejected", "title", &story.title),
        )),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            Redirect::to(back),
            errors
                .first()
                .map(|e| layout.msg(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(error_status(e)),
    }
}

#[derive(FromForm)]
struct RetagForm {
    values: Vec<String>,
    #[field(default = String::new())]
    note: String,
    #[field(default = String::new())]
    back: String,
}

#[post("/moderation/<id>/values", data = "<form>")]
async fn retag(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<RetagForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let back = back_to(&form.back);
    match stories::retag(
        &state.db,
        state.search.index.unindexed(),
        &user,
        id,
        &form.values,
        &form.note,
    )
    .await
    {
        Ok(story) => Ok(Flash::success(
            Redirect::to(back),
            layout.ta("flash-retagged", "title", &story.title),
        )),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            Redirect::to(back),
            errors
                .first()
                .map(|e| layout.msg(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(error_status(e)),
    }
}

#[derive(FromForm)]
struct FeatureForm {
    #[field(default = false)]
    featured: bool,
}

#[post("/moderation/<id>/feature", data = "<form>")]
async fn feature(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<FeatureForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let story = stories::set_featured(&state.db, &user, id, form.featured)
        .await
        .map_err(error_status)?;
    let id_msg = if story.featured {
        "flash-featured"
    } else {
        "flash-unfeatured"
    };
    Ok(Flash::success(
        Redirect::to(format!("/stories/{}", story.id)),
        layout.ta(id_msg, "title", &story.title),
    ))
}

#[post("/moderation/<id>/dismiss")]
async fn dismiss(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    reports::dismiss(&state.db, &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/moderation"),
        layout.t("flash-dismissed"),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![moderation, publish, reject, retag, feature, dismiss]
}
