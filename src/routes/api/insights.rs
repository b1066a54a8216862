//! Insights for managers and administrators: where the values are alive,
//! where they are not, and how fast barriers are solved.

use rocket::serde::json::Json;
use rocket::{State, get};

use crate::AppState;
use crate::routes::identity::Viewer;
use crate::services::insights::{self, Insights, InsightsQuery, InsightsRules};

use super::error::ApiResult;
use super::openapi::{Common, Invalid};
use super::signed_in;

/// The insights over a period, for the whole organisation or one team.
/// A figure about fewer than `min_group` people is `null`.
#[utoipa::path(
    get, path = "/api/v1/insights", tag = "insights",
    params(
        ("from" = Option<String>, Query, description = "first day, `YYYY-MM-DD`; default: the first day of the month eleven months before `to`"),
        ("to" = Option<String>, Query, description = "last day, `YYYY-MM-DD`; default: today. At most five years after `from`"),
        ("team" = Option<String>, Query, description = "one team, exactly as written on its stories; default: the whole organisation"),
    ),
    responses((status = 200, description = "the insights (managers and administrators)", body = Insights), Invalid, Common)
)]
#[get("/insights?<from>&<to>&<team>")]
pub(super) async fn get_insights(
    state: &State<AppState>,
    viewer: Viewer,
    from: Option<&str>,
    to: Option<&str>,
    team: Option<&str>,
) -> ApiResult<Json<Insights>> {
    let user = signed_in(viewer)?;
    let query = InsightsQuery::parse(from, to, team)?;
    let rules = InsightsRules::of(&state.settings);
    Ok(Json(
        insights::compute(&state.db, &user, &query, rules).await?,
    ))
}
