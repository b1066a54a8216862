//! The admin pages: API tokens for programs, created and revoked in the
//! browser as on the command line. The secret is shown once.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::pages::{render, status};
use super::request::SameOrigin;
use crate::AppState;
use crate::error::AppError;
use crate::identity::Role;
use crate::services::tokens::{self, TokenScope};
use crate::templates::{AdminTokensPage, Layout};

fn require_admin(layout: &Layout) -> Result<(), Status> {
    match &layout.user {
        None => Err(Status::Unauthorized),
        // A program's admin token manages tokens through the command line,
        // not through pages.
        Some(user) if user.role == Role::Admin && user.via_token.is_none() => Ok(()),
        Some(_) => Err(Status::Forbidden),
    }
}

async fn page(
    state: &AppState,
    layout: Layout,
    created: Option<String>,
    name: String,
    scope: String,
    error: Option<String>,
) -> Result<RawHtml<String>, Status> {
    let tokens = tokens::list(&state.db).await.map_err(status)?;
    render(AdminTokensPage {
        layout,
        tokens,
        created,
        name,
        scope,
        error,
    })
}

#[get("/admin/tokens")]
async fn list(state: &State<AppState>, layout: Layout) -> Result<RawHtml<String>, Status> {
    require_admin(&layout)?;
    page(state, layout, None, String::new(), String::new(), None).await
}

#[derive(FromForm)]
struct NewToken {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    scope: String,
}

#[post("/admin/tokens", data = "<form>")]
async fn create(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    form: Form<NewToken>,
) -> Result<(Status, RawHtml<String>), Status> {
    require_admin(&layout)?;
    let form = form.into_inner();
    let Some(scope) = TokenScope::parse(&form.scope) else {
        let error = Some(layout.t("error-token-scope"));
        let html = page(state, layout, None, form.name, form.scope, error).await?;
        return Ok((Status::UnprocessableEntity, html));
    };
    match tokens::create(&state.db, &form.name, scope).await {
        Ok((_, secret)) => {
            // Shown in this response only; the database keeps a hash.
            let html = page(
                state,
                layout,
                Some(secret),
                String::new(),
                String::new(),
                None,
            )
            .await?;
            Ok((Status::Created, html))
        }
        Err(AppError::Validation(errors)) => {
            let error = errors.first().map(|e| layout.msg(&e.message));
            let html = page(state, layout, None, form.name, form.scope, error).await?;
            Ok((Status::UnprocessableEntity, html))
        }
        Err(e) => Err(status(e)),
    }
}

#[post("/admin/tokens/<id>/revoke")]
async fn revoke(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    require_admin(&layout)?;
    let token = tokens::revoke(&state.db, id).await.map_err(status)?;
    Ok(Flash::success(
        Redirect::to("/admin/tokens"),
        layout.ta("flash-token-revoked", "name", &token.name),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![list, create, revoke]
}
