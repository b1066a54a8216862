//! Leading by example, in the pages: a manager's commitment to a value,
//! marking a manager's story as a leadership example, and picking a value's
//! story of the month. The rules are the services'; these forms only carry
//! the request there and the answer back.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, post};

use super::frame::{PageResult, error_status};
use super::identity::SignedIn;
use super::reading::{BrowseParams, value_page};
use super::request::SameOrigin;
use crate::AppState;
use crate::error::AppError;
use crate::services::{commitments, monthly, stories};
use crate::templates::Layout;

#[derive(FromForm)]
struct CommitmentBody {
    #[field(default = String::new())]
    body: String,
}

/// The answer to a posted commitment: back to the value, or its page again
/// with what was typed and why it was refused.
#[derive(rocket::Responder)]
enum Written {
    Done(Box<Flash<Redirect>>),
    Form((Status, rocket::response::content::RawHtml<String>)),
}

#[post("/values/<slug>/commitment", data = "<form>")]
async fn write_commitment(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    slug: &str,
    form: Form<CommitmentBody>,
) -> Result<Written, Status> {
    let SignedIn(user) = signed_in;
    match commitments::write(&state.db, &user, slug, &form.body).await {
        Ok(_) => Ok(Written::Done(Box::new(Flash::success(
            Redirect::to(format!("/values/{slug}#leaders")),
            layout.t("flash-commitment-saved"),
        )))),
        Err(AppError::Validation(errors)) => {
            let error = errors
                .first()
                .map(|e| layout.sentence(&e.message))
                .unwrap_or_default();
            let page: PageResult = value_page(
                state,
                layout,
                slug,
                <BrowseParams as Default>::default(),
                None,
                Some((form.into_inner().body, error)),
            )
            .await;
            Ok(Written::Form((Status::UnprocessableEntity, page?)))
        }
        Err(e) => Err(error_status(e)),
    }
}

#[post("/values/<slug>/commitment/withdraw")]
async fn withdraw_commitment(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    slug: &str,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    commitments::withdraw(&state.db, &user, slug)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to(format!("/values/{slug}#leaders")),
        layout.t("flash-commitment-withdrawn"),
    ))
}

#[derive(FromForm)]
struct LeadershipForm {
    #[field(default = false)]
    leadership: bool,
}

#[post("/stories/<id>/leadership", data = "<form>")]
async fn mark_leadership(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<LeadershipForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let to = Redirect::to(format!("/stories/{id}"));
    match stories::set_leadership(&state.db, &user, id, form.leadership).await {
        Ok(story) => {
            let message = if story.leadership {
                "flash-leadership-on"
            } else {
                "flash-leadership-off"
            };
            Ok(Flash::success(to, layout.t(message)))
        }
        Err(AppError::Conflict(msg)) => Ok(Flash::error(to, layout.sentence(&msg))),
        Err(e) => Err(error_status(e)),
    }
}

#[derive(FromForm)]
struct MonthlyForm {
    #[field(default = String::new())]
    value: String,
}

#[post("/stories/<id>/story-of-the-month", data = "<form>")]
async fn pick_story_of_the_month(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<MonthlyForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let to = Redirect::to(format!("/stories/{id}"));
    match monthly::pick(&state.db, &user, &form.value, id).await {
        Ok(_) => Ok(Flash::success(to, layout.t("flash-monthly"))),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            to,
            errors
                .first()
                .map(|e| layout.sentence(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(error_status(e)),
    }
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        write_commitment,
        withdraw_commitment,
        mark_leadership,
        pick_story_of_the_month
    ]
}
