//! The interface language switch.

use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::response::Redirect;
use rocket::{Route, post};

use super::request::local_path;
use crate::i18n::UiLang;

#[derive(FromForm)]
struct LanguageForm {
    #[field(default = String::new())]
    lang: String,
    #[field(default = String::new())]
    back: String,
}

/// Switches the interface language and remembers it in a cookie.
#[post("/language", data = "<form>")]
fn language(
    _same_origin: super::request::SameOrigin,
    cookies: &CookieJar<'_>,
    form: Form<LanguageForm>,
) -> Result<Redirect, Status> {
    let lang = UiLang::parse(&form.lang).ok_or(Status::UnprocessableEntity)?;
    cookies.add(
        Cookie::build((crate::i18n::COOKIE, lang.as_str()))
            .path("/")
            .same_site(SameSite::Lax)
            .max_age(rocket::time::Duration::days(365)),
    );
    Ok(Redirect::to(
        local_path(&form.back).unwrap_or("/").to_owned(),
    ))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![language]
}
