//! The JSON API under `/api/v1`: one file per area, the error type and the
//! OpenAPI document in files of their own. Routes stay thin: guards in, one
//! service call, JSON out.

mod barriers;
mod error;
mod insights;
mod me;
mod moderation;
mod notes;
mod notifications;
pub mod openapi;
mod search;
mod stories;
mod values;

use rocket::Route;

use super::identity::Viewer;
use crate::domain::User;
use crate::error::AppError;

use error::ApiResult;

pub use error::{ApiError, catchers};

/// A `limit` query parameter (see [`crate::domain::parse_limit`]).
pub(super) fn limit_param(raw: Option<&str>, default: u64, max: u64) -> ApiResult<u64> {
    crate::domain::parse_limit(raw, default, max)
        .map_err(|e| ApiError(AppError::Validation(vec![e])))
}

pub(super) fn signed_in(viewer: Viewer) -> ApiResult<User> {
    viewer.0.ok_or(ApiError(AppError::Unauthorized))
}

pub fn routes() -> Vec<Route> {
    rocket::routes![
        openapi::openapi,
        stories::inspire,
        stories::uninspire,
        stories::unname_me,
        notes::list_notes,
        notes::write_note,
        notes::delete_note,
        notes::report_note,
        notes::dismiss_note_reports,
        search::search,
        search::related_stories,
        values::list_values,
        values::get_value,
        values::write_commitment,
        values::withdraw_commitment,
        values::pick_story_of_the_month,
        stories::create_story,
        stories::get_story,
        stories::list_stories,
        stories::update_story,
        stories::withdraw_story,
        moderation::publish_story,
        moderation::reject_story,
        stories::story_revisions,
        moderation::retag_story,
        moderation::feature_story,
        moderation::unfeature_story,
        moderation::mark_leadership,
        moderation::unmark_leadership,
        stories::report_story,
        moderation::dismiss_reports,
        moderation::moderation,
        me::my_stories,
        me::my_export,
        me::find_people,
        barriers::report_barrier,
        barriers::list_barriers,
        barriers::get_barrier,
        barriers::change_barrier,
        insights::get_insights,
        notifications::my_notifications,
        notifications::read_notifications,
        notifications::my_notification_settings,
        notifications::change_notification_settings,
        notifications::list_webhooks,
        notifications::create_webhook,
        notifications::delete_webhook,
        notifications::list_deliveries,
        notifications::retry_delivery,
    ]
}
