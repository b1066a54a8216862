//! The administrator's page for outgoing webhooks (Teams, Slack, signed
//! JSON) and for the messages that could not be delivered, which can be
//! sent again from here.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{error_status, render};
use super::request::SameOrigin;
use crate::AppState;
use crate::domain::Role;
use crate::error::AppError;
use crate::services::notify::{outbox, webhook_admin as webhooks};
use crate::templates::{AdminWebhooksPage, Layout};

fn admin(layout: &Layout) -> Result<crate::domain::User, Status> {
    match &layout.user {
        None => Err(Status::Unauthorized),
        Some(user) if user.role == Role::Admin && user.via_token.is_none() => Ok(user.clone()),
        Some(_) => Err(Status::Forbidden),
    }
}

async fn page(
    state: &AppState,
    layout: Layout,
    form: webhooks::WebhookInput,
    errors: Vec<crate::domain::FieldError>,
    secret: Option<String>,
) -> Result<RawHtml<String>, Status> {
    let user = admin(&layout)?;
    let hooks = webhooks::list(&state.db, &user)
        .await
        .map_err(error_status)?;
    let troubled = outbox::troubled(&state.db, &user)
        .await
        .map_err(error_status)?;
    let values = crate::services::values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    render(AdminWebhooksPage {
        layout,
        hooks,
        troubled,
        values,
        form,
        errors,
        secret,
    })
}

#[get("/admin/webhooks")]
async fn list(state: &State<AppState>, layout: Layout) -> Result<RawHtml<String>, Status> {
    let form = webhooks::WebhookInput {
        format: "teams".into(),
        ..Default::default()
    };
    page(state, layout, form, Vec::new(), None).await
}

#[derive(FromForm)]
struct NewWebhook {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    url: String,
    #[field(default = String::new())]
    format: String,
    events: Vec<String>,
    values: Vec<String>,
}

#[post("/admin/webhooks", data = "<form>")]
async fn create(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    form: Form<NewWebhook>,
) -> Result<(Status, RawHtml<String>), Status> {
    let user = admin(&layout)?;
    let form = form.into_inner();
    let input = webhooks::WebhookInput {
        name: form.name,
        url: form.url,
        format: form.format,
        events: form.events,
        values: form.values,
    };
    match webhooks::create(&state.db, &user, &input).await {
        Ok((_, secret)) => {
            let fresh = webhooks::WebhookInput {
                format: "teams".into(),
                ..Default::default()
            };
            let secret = (input.format == "json").then_some(secret);
            Ok((
                Status::Created,
                page(state, layout, fresh, Vec::new(), secret).await?,
            ))
        }
        Err(AppError::Validation(errors)) => Ok((
            Status::UnprocessableEntity,
            page(state, layout, input, errors, None).await?,
        )),
        Err(e) => Err(error_status(e)),
    }
}

#[post("/admin/webhooks/<id>/remove")]
async fn remove(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let user = admin(&layout)?;
    webhooks::remove(&state.db, &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/admin/webhooks"),
        layout.t("webhooks-removed"),
    ))
}

#[post("/admin/deliveries/<id>/retry")]
async fn retry(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let user = admin(&layout)?;
    outbox::retry(&state.db, &user, id)
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/admin/webhooks#undelivered"),
        layout.t("deliveries-retried"),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![list, create, remove, retry]
}
