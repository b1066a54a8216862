//! The role × endpoint matrix (see `matrix.rs`) for people and
//! notifications: finding colleagues, notes, notifications and their
//! settings, webhooks and undelivered messages.

use rocket::http::Status;
use serde_json::json;

use crate::matrix::{Row, check_rows};

#[rocket::async_test]
async fn every_role_gets_what_it_may_on_the_people_and_notification_endpoints() {
    use Status as S;
    let (ok, created, none, unauth, forbidden, missing) = (
        S::Ok,
        S::Created,
        S::NoContent,
        S::Unauthorized,
        S::Forbidden,
        S::NotFound,
    );
    let admin_only = [
        unauth, forbidden, forbidden, forbidden, ok, forbidden, forbidden, ok,
    ];
    // Notifications are people's: programs read an empty list and change nothing.
    let people_write = [unauth, ok, ok, ok, ok, forbidden, forbidden, forbidden];
    let rows: Vec<Row> = vec![
        (
            "GET",
            "/api/v1/me/notifications",
            None,
            [unauth, ok, ok, ok, ok, ok, ok, ok],
        ),
        (
            "POST",
            "/api/v1/me/notifications/read",
            Some(json!({})),
            people_write,
        ),
        (
            "GET",
            "/api/v1/me/notification-settings",
            None,
            people_write,
        ),
        (
            "PUT",
            "/api/v1/me/notification-settings",
            Some(json!({"published": "site"})),
            people_write,
        ),
        ("GET", "/api/v1/webhooks", None, admin_only),
        (
            "POST",
            "/api/v1/webhooks",
            Some(
                json!({"name": "Kanaal", "url": "https://hooks.example/x", "format": "teams", "events": ["published"]}),
            ),
            [
                unauth, forbidden, forbidden, forbidden, created, forbidden, forbidden, created,
            ],
        ),
        (
            "DELETE",
            "/api/v1/webhooks/{webhook}",
            None,
            [
                unauth, forbidden, forbidden, forbidden, none, forbidden, forbidden, none,
            ],
        ),
        ("GET", "/api/v1/deliveries", None, admin_only),
        ("GET", "/api/v1/stories/{published}/notes", None, [ok; 8]),
        (
            "GET",
            "/api/v1/people?q=an",
            None,
            [unauth, ok, ok, ok, ok, forbidden, ok, ok],
        ),
        (
            "POST",
            "/api/v1/stories/{published}/notes",
            Some(json!({"body": "Dank je wel!"})),
            [
                unauth, created, created, created, created, forbidden, forbidden, forbidden,
            ],
        ),
        // `{note}` is a note by bob under `{published}`.
        (
            "DELETE",
            "/api/v1/notes/{note}",
            None,
            [
                unauth, forbidden, none, none, none, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "POST",
            "/api/v1/notes/{note}/reports",
            Some(json!({"reason": "Niet aardig"})),
            [
                unauth, none, none, none, none, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "DELETE",
            "/api/v1/notes/{note}/reports",
            None,
            [
                unauth, forbidden, forbidden, none, none, forbidden, forbidden, none,
            ],
        ),
        // Nobody here is named in the story: only a named colleague may.
        (
            "DELETE",
            "/api/v1/stories/{published}/people/me",
            None,
            [
                unauth, missing, missing, missing, missing, forbidden, forbidden, forbidden,
            ],
        ),
        (
            "POST",
            "/api/v1/deliveries/999999/retry",
            None,
            [
                unauth, forbidden, forbidden, forbidden, missing, forbidden, forbidden, missing,
            ],
        ),
    ];
    check_rows(&rows).await;
}
