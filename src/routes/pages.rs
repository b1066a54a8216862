//! The HTML pages. Each handler: guards in, one service call, a page out.

use askama::Template;
use rocket::form::{Form, FromForm};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Catcher, Request, Route, State, catch, get, post};

use super::identity::Viewer;
use crate::AppState;
use crate::config::Moderation;
use crate::domain::{Audience, Lang, StoryInput, ValueKind};
use crate::error::AppError;
use crate::i18n::{Msg, UiLang};
use crate::markdown;
use crate::services::stories::{self, BrowseFilter, ListFilter, Period, Save, Sort};
use crate::services::{reports, revisions, values};
use crate::templates::{
    ErrorPage, HistoryPage, HomePage, Layout, ModerationPage, StoryFormData, StoryFormPage,
    StoryPage, ValueGroup, ValuePage,
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
    let cards = ListFilter {
        cards: true,
        ..Default::default()
    };
    let recent = stories::list_published(&state.db, &cards, None, 6)
        .await
        .map_err(status)?;
    render(HomePage {
        layout,
        groups: vec![
            ValueGroup {
                key: "brand",
                values: brand,
            },
            ValueGroup {
                key: "core",
                values: core,
            },
        ],
        recent: recent.stories,
    })
}

/// The query of a value page. Filters come from links and a form, so
/// anything unknown is simply ignored.
#[derive(FromForm, Default)]
struct BrowseParams {
    audience: Option<String>,
    team: Option<String>,
    lang: Option<String>,
    period: Option<String>,
    sort: Option<String>,
    page: Option<u64>,
}

impl BrowseParams {
    fn filter(&self) -> BrowseFilter {
        fn given(raw: &Option<String>) -> Option<&str> {
            raw.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        BrowseFilter {
            audience: given(&self.audience).and_then(Audience::parse),
            team: given(&self.team).map(str::to_owned),
            lang: given(&self.lang).and_then(Lang::parse),
            period: given(&self.period)
                .and_then(Period::parse)
                .unwrap_or_default(),
            sort: given(&self.sort).and_then(Sort::parse).unwrap_or_default(),
            page: self.page.unwrap_or(1).max(1),
        }
    }
}

/// A link to a value page with `filter` on page `page`.
fn browse_href(slug: &str, filter: &BrowseFilter, page: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(audience) = filter.audience {
        query.append_pair("audience", audience.as_str());
    }
    if let Some(team) = &filter.team {
        query.append_pair("team", team);
    }
    if let Some(lang) = filter.lang {
        query.append_pair("lang", lang.as_str());
    }
    if filter.period != Period::All {
        query.append_pair("period", filter.period.as_str());
    }
    if filter.sort != Sort::Newest {
        query.append_pair("sort", filter.sort.as_str());
    }
    if page > 1 {
        query.append_pair("page", &page.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        format!("/values/{slug}")
    } else {
        format!("/values/{slug}?{query}")
    }
}

#[get("/values/<slug>?<params..>")]
async fn value(
    state: &State<AppState>,
    layout: Layout,
    slug: &str,
    params: BrowseParams,
) -> PageResult {
    let value = values::get_value(&state.db, slug)
        .await
        .map_err(status)?
        .ok_or(Status::NotFound)?;
    let filter = params.filter();
    let browse = stories::browse(&state.db, slug, &filter)
        .await
        .map_err(status)?;
    let previous = (browse.page > 1).then(|| browse_href(slug, &filter, browse.page - 1));
    let next = (browse.page < browse.pages).then(|| browse_href(slug, &filter, browse.page + 1));
    render(ValuePage {
        layout,
        value,
        filtered: filter.is_filtered(),
        browse,
        filter,
        previous,
        next,
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
    let can_moderate = layout.is_manager();
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
    let can_report = published
        && state.settings.moderation == Moderation::Post
        && layout.user.as_ref().is_some_and(|u| !story.is_by(u));
    let can_see_history = can_moderate || layout.user.as_ref().is_some_and(|u| story.is_by(u));
    let values = if can_moderate {
        values::list_values(&state.db)
            .await
            .map_err(status)?
            .into_iter()
            .filter(|v| !v.archived)
            .collect()
    } else {
        Vec::new()
    };
    render(StoryPage {
        layout,
        story,
        can_moderate,
        related,
        inspired,
        can_report,
        can_see_history,
        values,
        oembed: published.then(|| crate::syndication::oembed::discovery_url(&site.0, id)),
    })
}

#[get("/stories/<id>/history")]
async fn history(state: &State<AppState>, layout: Layout, id: i32) -> PageResult {
    let story = stories::get(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(status)?;
    let revisions = revisions::history(&state.db, layout.user.as_ref(), id)
        .await
        .map_err(status)?;
    let value_names = values::list_values(&state.db)
        .await
        .map_err(status)?
        .into_iter()
        .map(|v| (v.slug, v.name))
        .collect();
    render(HistoryPage {
        layout,
        story,
        revisions,
        value_names,
    })
}

/// The story form: a new story, or `editing` an existing one (its id, and
/// whether it is still a draft).
async fn form_view(
    state: &AppState,
    layout: Layout,
    form: StoryFormData,
    errors: Vec<crate::domain::FieldError>,
    editing: Option<(i32, bool)>,
) -> Result<StoryFormPage, Status> {
    let values = values::list_values(&state.db)
        .await
        .map_err(status)?
        .into_iter()
        .filter(|v| !v.archived)
        .collect();
    Ok(StoryFormPage {
        layout,
        form,
        errors,
        values,
        action: match editing {
            Some((id, _)) => format!("/stories/{id}/edit"),
            None => "/stories".to_owned(),
        },
        editing: editing.is_some(),
        draftable: editing.is_none_or(|(_, draft)| draft),
        preview: None,
    })
}

pub(super) async fn form_page(
    state: &AppState,
    layout: Layout,
    form: StoryFormData,
    errors: Vec<crate::domain::FieldError>,
    editing: Option<(i32, bool)>,
) -> PageResult {
    render(form_view(state, layout, form, errors, editing).await?)
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
    #[field(default = false)]
    anonymous: bool,
    /// Which button was pressed: `submit`, `draft` or `preview`.
    #[field(default = String::new())]
    intent: String,
}

/// What the author asked for with the form's buttons.
pub(super) enum Intent {
    Save(Save),
    Preview,
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
            anonymous: self.anonymous,
        }
    }

    pub(super) fn intent(&self) -> Intent {
        match self.intent.as_str() {
            "draft" => Intent::Save(Save::Draft),
            "preview" => Intent::Preview,
            _ => Intent::Save(Save::Submit),
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
            anonymous: self.anonymous,
        }
    }
}

/// The answer to a posted story form.
#[derive(rocket::Responder)]
pub(super) enum Submitted {
    Done(Box<Flash<Redirect>>),
    /// The form again: with errors (422), or with a preview (200).
    Form((Status, RawHtml<String>)),
    #[response(status = 429)]
    Limited(RawHtml<String>, rocket::http::Header<'static>),
}

/// Shows the form again with the rendered preview; nothing is saved.
pub(super) async fn preview_page(
    state: &AppState,
    layout: Layout,
    form: StoryForm,
    editing: Option<(i32, bool)>,
) -> Result<Submitted, Status> {
    let html = markdown::render(&form.body).into_string();
    let mut page = form_view(state, layout, form.into_data(), Vec::new(), editing).await?;
    page.preview = Some(html);
    Ok(Submitted::Form((Status::Ok, render(page)?)))
}

/// The flash after saving, in the reader's language.
pub(super) fn saved_message(layout: &Layout, story: &stories::StoryView, editing: bool) -> String {
    use crate::domain::StoryStatus::*;
    let id = match (story.status, editing) {
        (Draft, _) => "flash-draft-saved",
        (Published, false) => "flash-submitted-published",
        (_, false) => "flash-submitted-pending",
        (Pending, true) => "flash-edited-pending",
        (_, true) => "flash-edited",
    };
    layout.t(id)
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
    let save = match form.intent() {
        Intent::Preview => return preview_page(state, layout, form, None).await,
        Intent::Save(save) => save,
    };
    if let Err(wait) = state.rate_limits.submission(&user.id) {
        let minutes = wait.seconds().div_ceil(60);
        let errors = vec![crate::domain::FieldError::new(
            "title",
            Msg::new("error-submissions-limit").arg("minutes", minutes),
        )];
        let page = form_page(state, layout, form.into_data(), errors, None).await?;
        return Ok(Submitted::Limited(
            page,
            rocket::http::Header::new("Retry-After", wait.seconds().to_string()),
        ));
    }
    match stories::create(
        &state.db,
        state.settings.moderation,
        &user,
        &form.input(),
        save,
    )
    .await
    {
        Ok(story) => {
            let message = saved_message(&layout, &story, false);
            let to = if story.status == crate::domain::StoryStatus::Draft {
                format!("/stories/{}/edit", story.id)
            } else {
                format!("/stories/{}", story.id)
            };
            Ok(Submitted::Done(Box::new(Flash::success(
                Redirect::to(to),
                message,
            ))))
        }
        Err(AppError::Validation(errors)) => {
            let page = form_page(state, layout, form.into_data(), errors, None).await?;
            Ok(Submitted::Form((Status::UnprocessableEntity, page)))
        }
        Err(e) => Err(status(e)),
    }
}

#[derive(FromForm)]
struct PreviewForm {
    #[field(default = String::new())]
    body: String,
}

/// The live preview: the Markdown rendered and sanitised exactly as the
/// story page will show it. A form post, so it needs no JSON and no token.
#[post("/preview", data = "<form>")]
async fn preview(
    _same_origin: super::request::SameOrigin,
    viewer: Viewer,
    form: Form<PreviewForm>,
) -> Result<RawHtml<String>, Status> {
    viewer.0.ok_or(Status::Unauthorized)?;
    if form.body.chars().count() > crate::domain::field_limits::BODY_MAX {
        return Err(Status::PayloadTooLarge);
    }
    Ok(RawHtml(markdown::render(&form.body).into_string()))
}

#[get("/moderation")]
async fn moderation(state: &State<AppState>, layout: Layout) -> PageResult {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let queue = stories::moderation_queue(&state.db, &user)
        .await
        .map_err(status)?;
    let reported = reports::open(&state.db, &user).await.map_err(status)?;
    let values = values::list_values(&state.db)
        .await
        .map_err(status)?
        .into_iter()
        .filter(|v| !v.archived)
        .collect();
    render(ModerationPage {
        layout,
        queue,
        reported,
        values,
    })
}

/// Where a moderation form sends the manager back to: the page it was on.
#[derive(FromForm)]
struct Back {
    #[field(default = String::new())]
    back: String,
}

fn back_to(raw: &str) -> String {
    local_path(raw).unwrap_or("/moderation").to_owned()
}

/// `raw` when it is a path on this site, never another host: browsers read
/// `//host` and `/\host` as another site.
fn local_path(raw: &str) -> Option<&str> {
    let local = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(char::is_control);
    local.then_some(raw)
}

#[post("/moderation/<id>/publish", data = "<form>")]
async fn publish(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    id: i32,
    form: Form<Back>,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let story = stories::publish(&state.db, state.search.index.unindexed(), &user, id)
        .await
        .map_err(status)?;
    Ok(Flash::success(
        Redirect::to(back_to(&form.back)),
        layout.ta("flash-published", "title", &story.title),
    ))
}

#[derive(FromForm)]
struct RejectForm {
    #[field(default = String::new())]
    reason: String,
    #[field(default = String::new())]
    back: String,
}

#[post("/moderation/<id>/reject", data = "<form>")]
async fn reject(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    id: i32,
    form: Form<RejectForm>,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let back = back_to(&form.back);
    match stories::reject(
        &state.db,
        state.search.index.unindexed(),
        &user,
        id,
        &form.reason,
    )
    .await
    {
        Ok(story) => Ok(Flash::success(
            Redirect::to(back),
            layout.ta("flash-rejected", "title", &story.title),
        )),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            Redirect::to(back),
            errors
                .first()
                .map(|e| layout.msg(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(status(e)),
    }
}

#[derive(FromForm)]
struct RetagForm {
    values: Vec<String>,
    #[field(default = String::new())]
    note: String,
    #[field(default = String::new())]
    back: String,
}

#[post("/moderation/<id>/values", data = "<form>")]
async fn retag(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    id: i32,
    form: Form<RetagForm>,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let back = back_to(&form.back);
    match stories::retag(
        &state.db,
        state.search.index.unindexed(),
        &user,
        id,
        &form.values,
        &form.note,
    )
    .await
    {
        Ok(story) => Ok(Flash::success(
            Redirect::to(back),
            layout.ta("flash-retagged", "title", &story.title),
        )),
        Err(AppError::Validation(errors)) => Ok(Flash::error(
            Redirect::to(back),
            errors
                .first()
                .map(|e| layout.msg(&e.message))
                .unwrap_or_default(),
        )),
        Err(e) => Err(status(e)),
    }
}

#[derive(FromForm)]
struct FeatureForm {
    #[field(default = false)]
    featured: bool,
}

#[post("/moderation/<id>/feature", data = "<form>")]
async fn feature(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    id: i32,
    form: Form<FeatureForm>,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    let story = stories::set_featured(&state.db, &user, id, form.featured)
        .await
        .map_err(status)?;
    let id_msg = if story.featured {
        "flash-featured"
    } else {
        "flash-unfeatured"
    };
    Ok(Flash::success(
        Redirect::to(format!("/stories/{}", story.id)),
        layout.ta(id_msg, "title", &story.title),
    ))
}

#[post("/moderation/<id>/dismiss")]
async fn dismiss(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    id: i32,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
    reports::dismiss(&state.db, &user, id)
        .await
        .map_err(status)?;
    Ok(Flash::success(
        Redirect::to("/moderation"),
        layout.t("flash-dismissed"),
    ))
}

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
    id: i32,
    form: Form<ReportForm>,
) -> Result<Flash<Redirect>, Status> {
    let user = layout.user.clone().ok_or(Status::Unauthorized)?;
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
        .rate_limits
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
        preview,
        history,
        moderation,
        publish,
        reject,
        retag,
        feature,
        dismiss,
        report,
        toggle_inspired,
        language,
        healthz
    ]
}

async fn error_page(req: &Request<'_>, heading: Msg, message: &'static str) -> RawHtml<String> {
    let layout = match req.guard::<Layout>().await {
        rocket::outcome::Outcome::Success(layout) => layout,
        _ => Layout::plain(),
    };
    let page = ErrorPage {
        heading: layout.msg(&heading),
        message: layout.t(message),
        layout,
    };
    RawHtml(page.render().unwrap_or_else(|_| heading.to_string()))
}

#[catch(401)]
async fn unauthorized(req: &Request<'_>) -> RawHtml<String> {
    let dev = req
        .rocket()
        .state::<AppState>()
        .is_some_and(|s| s.dev_login);
    let message = if dev {
        "error-401-dev"
    } else {
        "error-401-sso"
    };
    error_page(req, Msg::new("error-401-title"), message).await
}

#[catch(403)]
async fn forbidden(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-403-title"), "error-403").await
}

#[catch(404)]
async fn not_found(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-404-title"), "error-404").await
}

#[catch(409)]
async fn conflict(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-409-title"), "error-409").await
}

#[catch(413)]
async fn too_large(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-413-title"), "error-413").await
}

#[catch(429)]
async fn too_many(req: &Request<'_>) -> RawHtml<String> {
    error_page(req, Msg::new("error-429-title"), "error-429").await
}

#[catch(default)]
async fn other(status: Status, req: &Request<'_>) -> RawHtml<String> {
    error_page(
        req,
        Msg::new("error-other-title").arg("code", status.code),
        "error-other",
    )
    .await
}

pub fn catchers() -> Vec<Catcher> {
    rocket::catchers![
        unauthorized,
        forbidden,
        not_found,
        conflict,
        too_large,
        too_many,
        other
    ]
}
