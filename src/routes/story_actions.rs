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

pub fn routes() -> Vec<Route> {
    rocket::routes![report, toggle_inspired, unname]
}
