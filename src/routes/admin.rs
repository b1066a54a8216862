//! The admin pages: API tokens for programs, created and revoked in the
//! browser as on the command line. The secret is shown once.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{error_status, render};
use super::request::{SameOrigin, Site};
use crate::AppState;
use crate::domain::Role;
use crate::error::AppError;
use crate::services::tokens::{self, TokenScope};
use crate::templates::{AdminTokensPage, CreatedToken, Layout, TokenFormData};

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
    created: Option<CreatedToken>,
    form: TokenFormData,
    error: Option<String>,
) -> Result<RawHtml<String>, Status> {
    let tokens = tokens::list(&state.db).await.map_err(error_status)?;
    let values = crate::services::values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
    render(AdminTokensPage {
        layout,
        tokens,
        created,
        form,
        error,
        values,
    })
}

#[get("/admin/tokens")]
async fn list(state: &State<AppState>, layout: Layout) -> Result<RawHtml<String>, Status> {
    require_admin(&layout)?;
    page(state, layout, None, TokenFormData::default(), None).await
}

#[derive(FromForm)]
struct NewToken {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::new())]
    scope: String,
    /// Space- or line-separated origins.
    #[field(default = String::new())]
    origins: String,
    values: Vec<String>,
}

impl NewToken {
    fn binding(&self) -> tokens::Binding {
        tokens::Binding {
            origins: self.origins.split_whitespace().map(str::to_owned).collect(),
            values: self.values.clone(),
        }
    }

    fn into_data(self) -> TokenFormData {
        TokenFormData {
            name: self.name,
            scope: self.scope,
            origins: self.origins,
            values: self.values,
        }
    }
}

/// The HTML an intranet page needs for a widget token: the script and a
/// search box, and a list of stories for each value it is fixed to.
fn widget_snippet(site: &str, secret: &str, values: &[String]) -> String {
    let mut html = format!(
        "<script type=\"module\" src=\"{site}/widget.js\"></script>\n<merkwaardig-search token=\"{secret}\"></merkwaardig-search>\n"
    );
    for value in values {
        html.push_str(&format!(
            "<merkwaardig-stories token=\"{secret}\" value=\"{value}\" limit=\"3\"></merkwaardig-stories>\n"
        ));
    }
    html
}

#[post("/admin/tokens", data = "<form>")]
async fn create(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    site: Site,
    layout: Layout,
    form: Form<NewToken>,
) -> Result<(Status, RawHtml<String>), Status> {
    require_admin(&layout)?;
    let form = form.into_inner();
    let Some(scope) = TokenScope::parse(&form.scope) else {
        let error = Some(layout.t("error-token-scope"));
        let html = page(state, layout, None, form.into_data(), error).await?;
        return Ok((Status::UnprocessableEntity, html));
    };
    let binding = form.binding();
    match tokens::create_bound(&state.db, &form.name, scope, &binding).await {
        Ok((_, secret)) => {
            // Shown in this response only; the database keeps a hash.
            let snippet = (scope == TokenScope::Search && !binding.origins.is_empty())
                .then(|| widget_snippet(&site.0.to_string(), &secret, &binding.values));
            let created = CreatedToken { secret, snippet };
            let html = page(state, layout, Some(created), TokenFormData::default(), None).await?;
            Ok((Status::Created, html))
        }
        Err(AppError::Validation(errors)) => {
            let error = Some(
                errors
                    .iter()
                    .map(|e| layout.sentence(&e.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            let html = page(state, layout, None, form.into_data(), error).await?;
            Ok((Status::UnprocessableEntity, html))
        }
        Err(e) => Err(error_status(e)),
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
    let token = tokens::revoke(&state.db, id).await.map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/admin/tokens"),
        layout.ta("flash-token-revoked", "name", &token.name),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![list, create, revoke]
}
