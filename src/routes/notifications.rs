//! A person's notifications in the site, their choice of channels, and the
//! unsubscribe link of every mail (which works without signing in: the
//! link's secret says who, and stopping mails is all it can do).

use std::collections::HashMap;

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{error_status, render};
use super::identity::SignedIn;
use super::request::SameOrigin;
use crate::AppState;
use crate::domain::NoticeKind;
use crate::error::AppError;
use crate::services::notify::{self, settings};
use crate::services::people;
use crate::templates::{Layout, NoticeSettingsPage, NotificationsPage, UnsubscribePage};

#[get("/notifications")]
async fn notifications(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
) -> Result<RawHtml<String>, Status> {
    let SignedIn(user) = signed_in;
    let notices = notify::list(&state.db, &user, false, layout.lang)
        .await
        .map_err(error_status)?;
    render(NotificationsPage { layout, notices })
}

#[derive(FromForm)]
struct ReadForm {
    /// One notification; none: all.
    id: Option<i32>,
}

#[post("/notifications/read", data = "<form>")]
async fn mark_read(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    form: Form<ReadForm>,
) -> Result<Flash<Redirect>, Status> {
    let SignedIn(user) = signed_in;
    let ids = form.id.map(|id| vec![id]);
    notify::mark_read(&state.db, &user, ids.as_deref())
        .await
        .map_err(error_status)?;
    Ok(Flash::success(
        Redirect::to("/notifications"),
        layout.t("notifications-marked"),
    ))
}

#[get("/notifications/settings")]
async fn settings_page(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
) -> Result<RawHtml<String>, Status> {
    let SignedIn(user) = signed_in;
    let choices = settings::of(&state.db, &user).await.map_err(error_status)?;
    render(NoticeSettingsPage::new(
        layout,
        choices,
        state.settings.smtp_url.trim().is_empty(),
        Vec::new(),
    ))
}

#[derive(FromForm)]
struct SettingsForm {
    /// kind → channel.
    channel: HashMap<String, String>,
}

#[derive(rocket::Responder)]
enum Saved {
    Done(Box<Flash<Redirect>>),
    #[response(status = 422)]
    Invalid(RawHtml<String>),
}

#[post("/notifications/settings", data = "<form>")]
async fn save_settings(
    state: &State<AppState>,
    _same_origin: SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    form: Form<SettingsForm>,
) -> Result<Saved, Status> {
    let SignedIn(user) = signed_in;
    let choices: Vec<(String, String)> = form
        .channel
        .iter()
        .map(|(kind, channel)| (kind.clone(), channel.clone()))
        .collect();
    match settings::set(&state.db, &user, &choices).await {
        Ok(_) => Ok(Saved::Done(Box::new(Flash::success(
            Redirect::to("/notifications/settings"),
            layout.t("notice-settings-saved"),
        )))),
        Err(AppError::Validation(errors)) => {
            // Show the form again with what was chosen, and why not.
            let mut shown = settings::of(&state.db, &user).await.map_err(error_status)?;
            for choice in &mut shown {
                if let Some(channel) = form
                    .channel
                    .get(choice.kind.as_str())
                    .and_then(|c| crate::domain::Channel::parse(c))
                {
                    choice.channel = channel;
                }
            }
            let page = NoticeSettingsPage::new(
                layout,
                shown,
                state.settings.smtp_url.trim().is_empty(),
                errors,
            );
            Ok(Saved::Invalid(render(page)?))
        }
        Err(e) => Err(error_status(e)),
    }
}

/// The page an unsubscribe link opens: asks, so that a mail scanner that
/// follows links does not unsubscribe anyone.
#[get("/notifications/unsubscribe?<code>&<kind>")]
async fn unsubscribe_page(
    state: &State<AppState>,
    layout: Layout,
    code: Option<&str>,
    kind: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    let found = unsubscriber(state, code, kind).await?;
    render(UnsubscribePage {
        layout,
        kind: found.as_ref().map(|(_, kind)| *kind),
        token: code.unwrap_or("").to_owned(),
        done: false,
    })
}

/// Stops the mails of one kind: the page's button, and the one-click
/// unsubscribe of mail programs (RFC 8058), which posts here too.
#[post("/notifications/unsubscribe?<code>&<kind>")]
async fn unsubscribe(
    state: &State<AppState>,
    layout: Layout,
    code: Option<&str>,
    kind: Option<&str>,
) -> Result<RawHtml<String>, Status> {
    let found = unsubscriber(state, code, kind).await?;
    if let Some((person, kind)) = &found {
        settings::unsubscribe(&state.db, &person.id, *kind)
            .await
            .map_err(error_status)?;
    }
    render(UnsubscribePage {
        layout,
        kind: found.map(|(_, kind)| kind),
        token: String::new(),
        done: true,
    })
}

async fn unsubscriber(
    state: &State<AppState>,
    token: Option<&str>,
    kind: Option<&str>,
) -> Result<Option<(people::PersonRef, NoticeKind)>, Status> {
    let (Some(token), Some(kind)) = (token, kind.and_then(NoticeKind::parse)) else {
        return Ok(None);
    };
    let person = people::by_mail_token(&state.db, token)
        .await
        .map_err(error_status)?;
    Ok(person.map(|person| (person, kind)))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        notifications,
        mark_read,
        settings_page,
        save_settings,
        unsubscribe_page,
        unsubscribe
    ]
}
