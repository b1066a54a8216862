//! The HTML pages. Each handler: guards in, one service call, a page out.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Catcher, Request, Route, State, catch, get, post};

use crate::AppState;
use crate::domain::{StoryInput, ValueKind};
use crate::error::AppError;
use crate::identity::Viewer;
use crate::services::stories::{self, Cursor, ListFilter, PAGE_DEFAULT};
use crate::services::values;
use crate::templates::{
    ErrorPage, HomePage, Layout, ModerationPage, StoryFormData, StoryFormPage, StoryPage,
    ValueGroup, ValuePage,
};

type PageResult = Result<RawHtml<String>, Status>;

/// Renders a page; a template error is a 500 with the cause in the log.
pub fn render(page: impl Template) -> PageResult {
    page.render().map(RawHtml).map_err(|e| {
        tracing::error!(error = %e, "template error");
        Status::InternalServerError
    })
}

/// Turns a service error into the status whose catcher shows the error page.
pub(super) fn status(error: AppError) -> Status {
    error.log();
    error.status()
}

#[get("/")]
async fn home(state: &State<AppState>, layout: Layout) -> PageResult {
    let all = values::list_values(&state.db).await.map_err(status)?;
    let (brand, core): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.kind == ValueKind::Brand);
    let recent = stories::list_published(&state.db, &ListFilter::default(), None, 6)
        .await
        .map_err(status)?;
    render(HomePage {
        layout,
        groups: vec![
            ValueGroup {
                key: "brand",
                title: "Merkwaarden",
                lead: "Wat klanten van ons merken.",
                values: brand,
            },
            ValueGroup {
                key: "core",
                title: "Kernwaarden",
                lead: "Hoe we met elkaar werken.",
                values: core,
            },
        ],
        recent: recent.stories,
    })
}

#[get("/values/<slug>?<cursor>")]
async fn value(
    state: &State<AppState>,
    layout: Layout,
    slug: &str,
    cursor: Option<&str>,
) -> PageResult {
    let value = values::get_value(&state.db, slug)
        .await
        .map_err(status)?
        .ok_or(Status::NotFound)?;
    let cursor = cursor.and_then(Cursor::parse);
    let filter = ListFilter {
        value: Some(slug.to_owned()),
    };
    let page = stories::list_published(&state.db, &filter, cursor, PAGE_DEFAULT)
        .await
        .map_err(status)?;
    render(ValuePage {
        layout,
        value,
        page,
    })
}

#[get("/stories/<id>")]
async fn story(
    state: &State<AppState>,
    layout: Layout,
    site: super::request::Site,
    id: i32,
) -> PageResult {
    let story = stories::get(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(status)?;
    let can_moderate = layout.user.as_ref().is_some_and(|u| u.is_manager());
    let published = story.status == crate::domain::StoryStatus::Published;
    let related = if published {
        state.search.index.related(id, 3).unwrap_or_else(|e| {
            tracing::warn!(story = id, error = %e, "related stories unavailable");
            Vec::new()
        })
    } else {
        Vec::new()
    };
    let inspired = crate::services::reactions::of(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(status)?;
    render(StoryPage {
        layout,
        story,
        can_moderate,
        related,
        inspired,
        oembed: published.then(|| crate::syndication::oembed::discovery_url(&site.0, id)),
    })
}

/// The story form: a new story, or `editing` an existing one.
pub(super) async fn form_page(
    state: &AppState,
    layout: Layout,
    form: StoryFormData,
    errors: Vec<crate::domain::FieldError>,
    editing: Option<i32>,
) -> PageResult {
    let values = values::list_values(&state.db).await.map_err(status)?;
    render(StoryFormPage {
        layout,
        form,
        errors,
        values,
        action: match editing {
            Some(id) => format!("/stories/{id}/edit"),
            None => "/stories".to_owned(),
        },
        editing: editing.is_some(),
    })
}

#[get("/stories/new?<value>")]
async fn new_story(state: &State<AppState>, layout: Layout, value: Option<String>) -> PageResult {
    if layout.user.is_none() {
        return Err(Status::Unauthorized);
    }
    let form = StoryFormData {
        values: value.into_iter().collect(),
        ..Default::default()
    };
    form_page(state, layout, form, Vec::new(), None).await
}

#[derive(FromForm)]
pub(super) struct StoryForm {
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    body: String,
    values: Vec<String>,
    #[field(default = String::new())]
    audience: String,
    #[field(default = String::new())]
    team: String,
    #[field(default = String::new())]
    lang: String,
}

impl StoryForm {
    pub(super) fn input(&self) -> StoryInput {
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        StoryInput {
            title: self.title.clone(),
            body: self.body.clone(),
            values: self.values.clone(),
            audience: optional(&self.audience),
            team: optional(&self.team),
            lang: optional(&self.lang),
        }
    }

    pub(super) fn into_data(self) -> StoryFormData {
        StoryFormData {
            title: self.title,
            body: self.body,
            values: self.values,
            audience: self.audience,
            team: self.team,
            lang: self.lang,
        }
    }
}

#[derive(rocket::Responder)]
enum Submitted {
    Done(Box<Flash<Redirect>>),
    Invalid((Status, RawHtml<String>)),
    #[response(status = 429)]
    Limited(RawHtml<String>, rocket::http::Header<'static>),
}

#[post("/stories", data = "<form>")]
async fn submit_story(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    form: Form<StoryForm>,
) -> Result<Submitted, Status> {
    let Some(user) = layout.user.clone() else {
        return Err(Status::Unauthorized);
    };
    let form = form.into_inner();
    if let Err(wait) = state.limits.submission(&user.id) {
        let minutes = wait.seconds().div_ceil(60);
        let message = format!(
            "Je hebt het afgelopen uur al veel verhalen ingestuurd. Probeer het over {minutes} minuten opnieuw; je tekst staat hieronder nog."
        );
        let errors = vec![crate::domain::FieldError::new("title", message)];
        let page = form_page(state, layout, form.into_data(), errors, None).await?;
        return Ok(Submitted::Limited(
            page,
            rocket::http::Header::new("Retry-After", wait.seconds().to_string()),
        ));
    }
    match stories::create(&state.db, state.settings.moderation, &user, &form.input()).await {
        Ok(story) => {
            let message = if story.status == crate::domain::StoryStatus::Published {
                "Dank je! Je verhaal staat online."
            } else {
                "Dank je! Je verhaal wacht nu op een leidinggevende; je ziet het hier al."
            };
            Ok(Submitted::Done(Box::new(Flash::success(
                Redirect::to(format!("/stories/{}", story.id)),
                message,
            ))))
        }
        Err(AppError::Validation(errors)) => {
            let page = form_page(state, layout, form.into_data(), errors, None).await?;
            Ok(Submitted::Invalid((Status::UnprocessableEntity, page)))
        }
        Err(e) => Err(status(e)),
    }
}

#[get("/moderation")]
async fn moderation(state: &State<AppState>, layout: Layout) -> PageResult {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let queue = stories::moderation_queue(&state.db, &user)
        .await
        .map_err(status)?;
    render(ModerationPage { layout, queue })
}

#[post("/moderation/<id>/publish")]
async fn publish(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    viewer: Viewer,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let user = viewer.0.ok_or(Status::Unauthorized)?;
    let story = stories::publish(&state.db, &user, id)
        .await
        .map_err(status)?;
    Ok(Flash::success(
        Redirect::to("/moderation"),
        format!("“{}” is gepubliceerd.", story.title),
    ))
}

#[derive(FromForm)]
struct RejectForm {
    #[field(default = String::new())]
    reason: String,
}

#[post("/moderation/<id>/reject", data = "<form>")]
async fn reject(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    viewer: Viewer,
    id: i32,
    form: Form<RejectForm>,
) -> Result<Flash<Redirect>, Status> {
    let user = viewer.0.ok_or(Status::Unauthorized)?;
    match stories::reject(&state.db, &user, id, &form.reason).await {
        Ok(story) => Ok(Flash::success(
            Redirect::to("/moderation"),
            format!("“{}” is afgewezen; de auteur ziet je reden.", story.title),
        )),
        Err(AppError::Validation(_)) => Ok(Flash::error(
            Redirect::to("/moderation"),
            "Geef een reden op, zodat de auteur weet wat er beter kan.",
        )),
        Err(e) => Err(status(e)),
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
        .limits
        .reaction(&user.id)
        .map_err(|_| Status::TooManyRequests)?;
    let current = crate::services::reactions::of(&state.db, Some(&user), id)
        .await
        .map_err(status)?;
    let result = if current.by_me {
        crate::services::reactions::undo(&state.db, &user, id).await
    } else {
        crate::services::reactions::inspire(&state.db, &user, id).await
    };
    result.map_err(status)?;
    Ok(Redirect::to(format!("/stories/{id}#inspired")))
}

#[get("/healthz")]
async fn healthz(state: &State<AppState>) -> (Status, &'static str) {
    match state.db.ping().await {
        Ok(()) => (Status::Ok, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            (Status::ServiceUnavailable, "database unavailable")
        }
    }
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        home,
        value,
        story,
        new_story,
        submit_story,
        moderation,
        publish,
        reject,
        toggle_inspired,
        healthz
    ]
}

async fn error_page(req: &Request<'_>, heading: &str, message: &str) -> RawHtml<String> {
    let layout = req.guard::<Layout>().await.succeeded().unwrap_or(Layout {
        user: None,
        dev_login: false,
        flash: None,
    });
    let page = ErrorPage {
        layout,
        heading: heading.to_owned(),
        message: message.to_owned(),
    };
    RawHtml(page.render().unwrap_or_else(|_| heading.to_owned()))
}

#[catch(401)]
async fn unauthorized(req: &Request<'_>) -> RawHtml<String> {
    let dev = req
        .rocket()
        .state::<AppState>()
        .is_some_and(|s| s.dev_login);
    let message = if dev {
        "Meld je eerst aan via ‘Aanmelden’ rechtsboven."
    } else {
        "Meld je aan via de single sign-on van je organisatie en probeer het opnieuw."
    };
    error_page(req, "Aanmelden nodig", message).await
}

#[catch(403)]
async fn forbidden(req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        "Geen toegang",
        "Je rol geeft geen toegang tot deze pagina of actie.",
    )
    .await
}

#[catch(404)]
async fn not_found(req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        "Niet gevonden",
        "Deze pagina of dit verhaal bestaat niet (meer), of is niet voor jou zichtbaar.",
    )
    .await
}

#[catch(413)]
async fn too_large(req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        "Te groot",
        "Wat je instuurde is groter dan is toegestaan. Maak het verhaal korter.",
    )
    .await
}

#[catch(default)]
async fn other(status: Status, req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        &format!("Er ging iets mis ({})", status.code),
        "Probeer het later nog eens.",
    )
    .await
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![unauthorized, forbidden, not_found, too_large, other]
}
