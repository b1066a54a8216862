//! The development sign-in: pick a name and a role. Mounted always, but it
//! answers only when `dev_login` is on and the service listens on loopback.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::response::Redirect;
use rocket::response::content::RawHtml;
use rocket::{Route, State, get, post};

use super::frame::render;
use super::identity::{dev_sign_in, dev_sign_out};
use super::request::SameOrigin;
use crate::AppState;
use crate::domain::{Role, User};
use crate::templates::{DevLoginPage, Layout};

fn enabled(state: &AppState) -> Result<(), Status> {
    if state.dev_login {
        Ok(())
    } else {
        Err(Status::NotFound)
    }
}

/// Where to go after signing in: `back` when it is a path of this site.
fn back_to(back: Option<&str>) -> String {
    back.and_then(super::request::local_path)
        .filter(|path| !path.starts_with("/dev/"))
        .unwrap_or("/")
        .to_owned()
}

#[get("/login?<back>")]
fn login_page(
    state: &State<AppState>,
    layout: Layout,
    back: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    enabled(state)?;
    render(DevLoginPage {
        layout,
        name: String::new(),
        error: false,
        back: back_to(back),
    })
}

#[derive(FromForm)]
struct LoginForm {
    #[field(default = String::new())]
    name: String,
    #[field(default = String::from("staff"))]
    role: String,
    back: Option<String>,
}

#[derive(rocket::Responder)]
enum LoginOutcome {
    Done(Box<Redirect>),
    Invalid((Status, RawHtml<String>)),
}

#[post("/login", data = "<form>")]
fn login(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    cookies: &CookieJar<'_>,
    form: Form<LoginForm>,
) -> Result<LoginOutcome, Status> {
    enabled(state)?;
    let name = form.name.split_whitespace().collect::<Vec<_>>().join(" ");
    let id: String = name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(".");
    if id.is_empty()
        || name.chars().count() > 80
        || name.contains('\0')
        || !crate::domain::is_person_id(&id)
    {
        let page = render(DevLoginPage {
            layout,
            name,
            error: true,
            back: back_to(form.back.as_deref()),
        })?;
        return Ok(LoginOutcome::Invalid((Status::UnprocessableEntity, page)));
    }
    let role = match form.role.as_str() {
        "admin" => Role::Admin,
        "manager" => Role::Manager,
        _ => Role::Staff,
    };
    dev_sign_in(
        cookies,
        &User {
            id,
            name,
            email: None,
            role,
            via_token: None,
            fixed_values: Vec::new(),
            groups: Vec::new(),
        },
    );
    Ok(LoginOutcome::Done(Box::new(Redirect::to(back_to(
        form.back.as_deref(),
    )))))
}

#[post("/logout")]
fn logout(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    cookies: &CookieJar<'_>,
) -> Result<Redirect, Status> {
    enabled(state)?;
    dev_sign_out(cookies);
    Ok(Redirect::to("/"))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![login_page, login, logout]
}
