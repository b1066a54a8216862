//! The insights page and its CSV tables, for managers and administrators.
//! The counting is in [`crate::services::insights`].

use rocket::http::{ContentType, Header, Status};
use rocket::{Route, State, get};

use super::frame::{PageResult, error_status, render};
use super::identity::SignedIn;
use crate::AppState;
use crate::error::AppError;
use crate::services::insights::{self, InsightsQuery, InsightsRules, Section};
use crate::templates::{InsightsPage, Layout};

#[get("/insights?<from>&<to>&<team>")]
async fn insights_page(
    state: &State<AppState>,
    layout: Layout,
    signed_in: SignedIn,
    from: Option<String>,
    to: Option<String>,
    team: Option<&str>,
) -> Result<(Status, rocket::response::content::RawHtml<String>), Status> {
    let SignedIn(user) = signed_in;
    let rules = InsightsRules::of(&state.settings);
    // A bad date is shown beside its field, with the default period's
    // figures below, so the page never goes blank.
    let (query, errors) = match InsightsQuery::parse(from.as_deref(), to.as_deref(), team) {
        Ok(query) => (query, Vec::new()),
        Err(AppError::Validation(errors)) => (
            InsightsQuery::parse(None, None, team).map_err(error_status)?,
            errors,
        ),
        Err(other) => return Err(error_status(other)),
    };
    let figures = insights::compute(&state.db, &user, &query, rules)
        .await
        .map_err(error_status)?;
    let status = if errors.is_empty() {
        Status::Ok
    } else {
        Status::UnprocessableEntity
    };
    let shown_from = if errors.is_empty() {
        figures.from.to_string()
    } else {
        from.unwrap_or_default()
    };
    let shown_to = if errors.is_empty() {
        figures.to.to_string()
    } else {
        to.unwrap_or_default()
    };
    let page: PageResult = render(InsightsPage::new(
        layout, figures, errors, shown_from, shown_to,
    ));
    Ok((status, page?))
}

/// One section as a CSV download.
#[derive(rocket::Responder)]
struct CsvTable {
    body: String,
    content_type: ContentType,
    disposition: Header<'static>,
}

#[get("/insights.csv?<section>&<from>&<to>&<team>")]
async fn insights_csv(
    state: &State<AppState>,
    signed_in: SignedIn,
    section: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    team: Option<&str>,
) -> Result<CsvTable, Status> {
    let SignedIn(user) = signed_in;
    let section = Section::parse(section.unwrap_or("months")).ok_or(Status::NotFound)?;
    let query = InsightsQuery::parse(from, to, team).map_err(error_status)?;
    let rules = InsightsRules::of(&state.settings);
    let figures = insights::compute(&state.db, &user, &query, rules)
        .await
        .map_err(error_status)?;
    let body = insights::csv(&figures, section).map_err(error_status)?;
    Ok(CsvTable {
        body,
        content_type: ContentType::new("text", "csv").with_params(("charset", "utf-8")),
        disposition: Header::new(
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", section.file_name(&figures)),
        ),
    })
}

pub fn routes() -> Vec<Route> {
    rocket::routes![insights_page, insights_csv]
}
