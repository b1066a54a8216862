//! The barrier pages: reporting one, one's own and (managers) the board,
//! one barrier with its history, and a manager moving it along. The rules
//! are in [`crate::services::barriers`]; these routes carry forms there.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{PageResult, error_status, render};
use super::identity::SignedIn;
use super::request::SameOrigin;
use crate::AppState;
use crate::domain::{BarrierInput, BarrierStatus, FieldError, User};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::services::barriers::{self, BarrierChange, BarrierQuery};
use crate::services::{people, values};
use crate::templates::{
    BarrierChangeData, BarrierFormData, BarrierFormPage, BarrierGroup, BarrierPage, BarriersPage,
    Layout,
};

/// The answer to a posted form: on to the next page, or the form again with
/// what was typed and what is wrong (422).
#[derive(rocket::Responder)]
enum Posted {
    Done(Box<Flash<Redirect>>),
    Form((Status, RawHtml<String>)),
}

#[get("/barriers/new?<value>")]
async fn new_barrier(
    state: &State<AppState>,
    layout: Layout,
    _signed_in: SignedIn,
    value: Option<String>,
) -> PageResult {
    let form = BarrierFormData {
        values: value.into_iter().collect(),
        ..Default::default()
    };
    form_page(state, layout, form, Vec::new()).await
}

async fn form_page(
    state: &AppState,
    layout: Layout,
    form: BarrierFormData,
    errors: Vec<FieldError>,
) -> PageResult {
    let values = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    render(BarrierFormPage {
        layout,
        form,
        errors,
        values,
    })
}

#[derive(FromForm)]
struct BarrierForm {
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    body: String,
    values: Vec<String>,
    #[field(default = false)]
    anonymous: bool,
}

#[post("/barriers", data = "<form>")]
async fn report(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    form: Form<BarrierForm>,
) -> Result<Posted, Status> {
    let SignedIn(user) = signed_in;
    let form = form.into_inner();
    let data = BarrierFormData {
        title: form.title,
        body: form.body,
        values: form.values,
        anonymous: form.anonymous,
    };
    if let Err(wait) = state.rate_limits.submission(&user.id) {
        let errors = vec![FieldError::new(
            "title",
            Msg::new("error-submissions-limit").arg("minutes", wait.seconds().div_ceil(60)),
        )];
        let page = form_page(state, layout, data, errors).await?;
        return Ok(Posted::Form((Status::TooManyRequests, page)));
    }
    let input = BarrierInput {
        title: data.title.clone(),
        body: data.body.clone(),
        values: data.values.clone(),
        anonymous: data.anonymous,
    };
    match barriers::report(&state.db, &user, &input).await {
        Ok(barrier) => Ok(Posted::Done(Box::new(Flash::success(
            Redirect::to(format!("/barriers/{}", barrier.id)),
            layout.t("flash-barrier-reported"),
        )))),
        Err(AppError::Validation(errors)) => {
            let page = form_page(state, layout, data, errors).await?;
            Ok(Posted::Form((Status::UnprocessableEntity, page)))
        }
        Err(e) => Err(error_status(e)),
    }
}

/// Managers: the board, every open barrier by status, oldest first. Others:
/// their own. Everyone: what was solved ("you said, we did").
#[get("/barriers?<value>&<q>")]
async fn list(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
    value: Option<String>,
    q: Option<String>,
) -> PageResult {
    let SignedIn(user) = signed_in;
    let value = value.unwrap_or_default().trim().to_owned();
    let q = q.unwrap_or_default().trim().to_owned();
    let board = user.is_manager();
    let query = BarrierQuery {
        value: (!value.is_empty()).then(|| value.clone()),
        q: (!q.is_empty()).then(|| q.clone()),
        mine: !board,
        ..Default::default()
    };
    let all = barriers::list(&state.db, &user, &query)
        .await
        .map_err(error_status)?;
    let groups = BarrierStatus::ALL
        .into_iter()
        .map(|status| BarrierGroup {
            status,
            barriers: all.iter().filter(|b| b.status == status).cloned().collect(),
        })
        .filter(|group| board || !group.barriers.is_empty())
        .collect();
    let solved = barriers::list(
        &state.db,
        &user,
        &BarrierQuery {
            status: Some(BarrierStatus::Solved),
            ..query.clone()
        }
        .everyone(),
    )
    .await
    .map_err(error_status)?;
    let values = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    render(BarriersPage {
        layout,
        board,
        groups,
        solved,
        values,
        value,
        q,
    })
}

#[get("/barriers/<id>")]
async fn show(state: &State<AppState>, layout: Layout, signed_in: SignedIn, id: i32) -> PageResult {
    let SignedIn(user) = signed_in;
    barrier_page(
        state,
        layout,
        &user,
        id,
        BarrierChangeData::default(),
        Vec::new(),
    )
    .await
}

async fn barrier_page(
    state: &AppState,
    layout: Layout,
    user: &User,
    id: i32,
    form: BarrierChangeData,
    errors: Vec<FieldError>,
) -> PageResult {
    let barrier = barriers::get(&state.db, user, id)
        .await
        .map_err(error_status)?;
    let managers = if user.is_manager() {
        people::managers(&state.db).await.map_err(error_status)?
    } else {
        Vec::new()
    };
    render(BarrierPage {
        layout,
        barrier,
        managers,
        form,
        errors,
    })
}

#[derive(FromForm)]
struct ChangeForm {
    #[field(default = String::new())]
    status: String,
    #[field(default = String::new())]
    owner: String,
    #[field(default = String::new())]
    reply: String,
    #[field(default = String::new())]
    story: String,
}

#[post("/barriers/<id>", data = "<form>")]
async fn change(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    id: i32,
    form: Form<ChangeForm>,
) -> Result<Posted, Status> {
    let SignedIn(user) = signed_in;
    let form = form.into_inner();
    let given = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    // A story is named by its id or its address (…/stories/7).
    let story = given(&form.story).map(|raw| {
        raw.trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .parse::<i32>()
    });
    let data = BarrierChangeData {
        status: form.status.clone(),
        owner: form.owner.clone(),
        reply: form.reply.clone(),
        story: form.story.clone(),
    };
    if let Some(Err(_)) = story {
        let errors = vec![FieldError::new("story", Msg::new("error-barrier-story"))];
        let page = barrier_page(state, layout, &user, id, data, errors).await?;
        return Ok(Posted::Form((Status::UnprocessableEntity, page)));
    }
    let change = BarrierChange {
        status: given(&form.status),
        owner: given(&form.owner),
        reply: given(&form.reply),
        story: story.and_then(Result::ok),
    };
    let to = Redirect::to(format!("/barriers/{id}"));
    match barriers::change(&state.db, &user, id, &change).await {
        Ok(_) => Ok(Posted::Done(Box::new(Flash::success(
            to,
            layout.t("flash-barrier-changed"),
        )))),
        Err(AppError::Validation(errors)) => {
            let page = barrier_page(state, layout, &user, id, data, errors).await?;
            Ok(Posted::Form((Status::UnprocessableEntity, page)))
        }
        Err(AppError::Conflict(msg)) => Ok(Posted::Done(Box::new(Flash::error(
            to,
            layout.sentence(&msg),
        )))),
        Err(e) => Err(error_status(e)),
    }
}

pub fn routes() -> Vec<Route> {
    rocket::routes![new_barrier, report, list, show, change]
}
