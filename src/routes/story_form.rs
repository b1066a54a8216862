//! The story form: writing, previewing, saving a draft and submitting.

use rocket::form::{Form, FromForm};
use rocket::http::Status;
use rocket::response::content::RawHtml;
use rocket::response::{Flash, Redirect};
use rocket::{Route, State, get, post};

use super::frame::{PageResult, error_status, render};
use super::identity::SignedIn;
use super::identity::Viewer;
use crate::AppState;
use crate::domain::{Lang, StoryInput};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::markdown;
use crate::search::similar::SimilarStory;
use crate::services::stories::{self, Save};
use crate::services::values;
use crate::templates::{Layout, SimilarNotice, StoryFormData, StoryFormPage};

/// The story form: a new story, or `editing` an existing one (its id, and
/// whether it is still a draft).
async fn form_view(
    state: &AppState,
    layout: Layout,
    form: StoryFormData,
    errors: Vec<crate::domain::FieldError>,
    editing: Option<(i32, bool)>,
) -> Result<StoryFormPage, Status> {
    let values = values::list_values(&state.db, &state.story_facts)
        .await
        .map_err(error_status)?;
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
        similar: None,
        except: editing.map(|(id, _)| id),
    })
}

/// Texts shorter than this are not compared: too few words to be alike.
const SIMILAR_MIN_BODY: usize = 80;

/// The published story very like what is being written, if there is one
/// (see [`crate::search::similar`]). The language is the one chosen on the
/// form, else the one the text is written in. A search failure only means
/// no notice.
fn similar_story(
    state: &AppState,
    title: &str,
    body: &str,
    lang: &str,
    except: Option<i32>,
) -> Option<SimilarStory> {
    if body.trim().chars().count() < SIMILAR_MIN_BODY {
        return None;
    }
    let lang =
        Lang::parse(lang.trim()).unwrap_or_else(|| Lang::detect(&format!("{title}\n{body}")));
    state
        .search
        .index
        .similar(title, body, lang, except)
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "similar stories unavailable");
            None
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
async fn new_story(
    state: &State<AppState>,
    layout: Layout,
    _signed_in: SignedIn,
    value: Option<String>,
) -> PageResult {
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
    #[field(default = String::new())]
    approach: String,
    /// Offered to managers only.
    #[field(default = false)]
    leadership: bool,
    /// Colleagues who took part: names (or ids), separated by commas.
    #[field(default = String::new())]
    people: String,
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
    /// The story as the author wrote it; `manager`: the form offered the
    /// leadership box, so an unticked one means "not an example".
    pub(super) fn input(&self, manager: bool) -> StoryInput {
        let optional = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        StoryInput {
            title: self.title.clone(),
            body: self.body.clone(),
            values: self.values.clone(),
            audience: optional(&self.audience),
            team: optional(&self.team),
            lang: optional(&self.lang),
            anonymous: self.anonymous,
            approach: optional(&self.approach),
            leadership: manager.then_some(self.leadership),
            people: Some(
                self.people
                    .split([',', '\n', ';'])
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect(),
            ),
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
            approach: self.approach,
            leadership: self.leadership,
            people: self.people,
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
    let similar = similar_story(
        state,
        &form.title,
        &form.body,
        &form.lang,
        editing.map(|(id, _)| id),
    );
    let mut page = form_view(state, layout, form.into_data(), Vec::new(), editing).await?;
    page.preview = Some(html);
    page.similar = similar;
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
    signed_in: SignedIn,
    form: Form<StoryForm>,
) -> Result<Submitted, Status> {
    let SignedIn(user) = signed_in;
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
        &form.input(user.is_manager()),
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
        // A full disk or a database away: the story stays in the form, with
        // what happened (nothing wrong with a field: `save` is the button),
        // to send again later.
        Err(e) if e.status() == Status::ServiceUnavailable => {
            e.log();
            let errors = vec![crate::domain::FieldError::new("save", e.message())];
            let page = form_page(state, layout, form.into_data(), errors, None).await?;
            Ok(Submitted::Form((Status::ServiceUnavailable, page)))
        }
        Err(e) => Err(error_status(e)),
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

#[derive(FromForm)]
struct SimilarForm {
    #[field(default = String::new())]
    title: String,
    #[field(default = String::new())]
    body: String,
    #[field(default = String::new())]
    lang: String,
}

/// The similar-story notice while writing (the form's script asks as the
/// text grows): the notice as HTML, or `204` when nothing is very alike.
#[post("/similar?<except>", data = "<form>")]
async fn similar(
    state: &State<AppState>,
    _same_origin: super::request::SameOrigin,
    layout: Layout,
    signed_in: SignedIn,
    except: Option<i32>,
    form: Form<SimilarForm>,
) -> Result<(Status, RawHtml<String>), Status> {
    let _ = signed_in;
    if form.body.chars().count() > crate::domain::field_limits::BODY_MAX {
        return Err(Status::PayloadTooLarge);
    }
    match similar_story(state, &form.title, &form.body, &form.lang, except) {
        Some(similar) => Ok((Status::Ok, render(SimilarNotice { layout, similar })?)),
        None => Ok((Status::NoContent, RawHtml(String::new()))),
    }
}

pub fn routes() -> Vec<Route> {
    rocket::routes![new_story, submit_story, preview, similar]
}
