//! The rows of the cross-site table (`cross_site.rs`): every
//! state-changing endpoint with a body it would accept, who may make the
//! request, and what each row acts on.

use rocket::http::{Method, Status};
use serde_json::{Value, json};

use crate::cross_site::{HOST, send};
use crate::helpers::{As, TestApp, story_json};

/// Every state-changing endpoint with a body it would accept. `{id}` is a
/// published story by anna.
pub fn endpoints() -> Vec<(Method, &'static str, Value)> {
    vec![
        (
            Method::Post,
            "/api/v1/stories",
            story_json("Geplant verhaal", &["klantgericht"]),
        ),
        (
            Method::Put,
            "/api/v1/stories/{id}",
            story_json("Overgenomen", &["klantgericht"]),
        ),
        (Method::Delete, "/api/v1/stories/{id}", Value::Null),
        (Method::Post, "/api/v1/stories/{id}/publish", Value::Null),
        (
            Method::Post,
            "/api/v1/stories/{id}/reject",
            json!({"reason": "Weg ermee"}),
        ),
        (
            Method::Put,
            "/api/v1/stories/{id}/values",
            json!({"values": ["betrouwbaar"]}),
        ),
        (Method::Put, "/api/v1/stories/{id}/featured", Value::Null),
        (Method::Delete, "/api/v1/stories/{id}/featured", Value::Null),
        (
            Method::Post,
            "/api/v1/stories/{id}/reports",
            json!({"reason": "Onzin"}),
        ),
        (Method::Delete, "/api/v1/stories/{id}/reports", Value::Null),
        (Method::Put, "/api/v1/stories/{id}/inspired", Value::Null),
        (Method::Delete, "/api/v1/stories/{id}/inspired", Value::Null),
        (Method::Put, "/api/v1/stories/{id}/leadership", Value::Null),
        (
            Method::Delete,
            "/api/v1/stories/{id}/leadership",
            Value::Null,
        ),
        (
            Method::Put,
            "/api/v1/values/<slug>/commitment",
            json!({"body": "Ik bel zelf elke week een klant."}),
        ),
        (
            Method::Delete,
            "/api/v1/values/<slug>/commitment",
            Value::Null,
        ),
        (
            Method::Put,
            "/api/v1/values/<slug>/story-of-the-month",
            json!({"story": 1}),
        ),
        (
            Method::Post,
            "/api/v1/barriers",
            json!({"title": "Geplante drempel", "body": "Een drempel die een andere site meldt.", "values": ["klantgericht"]}),
        ),
        (
            Method::Put,
            "/api/v1/barriers/{id}",
            json!({"status": "solved", "reply": "Overgenomen"}),
        ),
        (Method::Post, "/api/v1/me/notifications/read", json!({})),
        (
            Method::Put,
            "/api/v1/me/notification-settings",
            json!({"published": "off"}),
        ),
        (
            Method::Post,
            "/api/v1/webhooks",
            json!({"name": "Geplant", "url": "https://evil.example/hook", "format": "json", "events": ["published"]}),
        ),
        (Method::Delete, "/api/v1/webhooks/{id}", Value::Null),
        (Method::Post, "/api/v1/deliveries/{id}/retry", Value::Null),
        (
            Method::Delete,
            "/api/v1/stories/{id}/people/me",
            Value::Null,
        ),
        (
            Method::Post,
            "/api/v1/stories/{id}/notes",
            json!({"body": "Een geplant bedankje"}),
        ),
        (Method::Delete, "/api/v1/notes/{id}", Value::Null),
        (
            Method::Post,
            "/api/v1/notes/{id}/reports",
            json!({"reason": "Onzin"}),
        ),
        (Method::Delete, "/api/v1/notes/{id}/reports", Value::Null),
    ]
}

/// Who a row acts as: the one person who may do it, so that a refusal is
/// the defence's doing, not the role rules'.
pub fn actor(method: &Method, path: &str) -> As {
    let manager_only = path.ends_with("/publish")
        || path.ends_with("/leadership")
        || path.ends_with("/commitment")
        || path.ends_with("/story-of-the-month")
        || (path.starts_with("/api/v1/barriers/") && *method == Method::Put)
        || path.ends_with("/reject")
        || path.ends_with("/values")
        || path.ends_with("/featured")
        || (path.ends_with("/reports") && *method == Method::Delete);
    let author_only = *method != Method::Post && path.ends_with("/{id}");
    let admin_only = path.starts_with("/api/v1/webhooks") || path.starts_with("/api/v1/deliveries");
    match (manager_only, author_only) {
        _ if admin_only => As::Admin("ada"),
        (true, _) => As::Manager("mia"),
        (_, true) => As::Staff("anna"),
        _ => As::Staff("bob"),
    }
}

/// What a row's `{id}` is: the row's story, its barrier, or a webhook,
/// delivery or note made for it.
pub async fn row_target(app: &TestApp, template: &str, id: i64, barrier: &Value) -> i64 {
    if template.starts_with("/api/v1/barriers/") {
        barrier["id"].as_i64().expect("a barrier")
    } else if template.starts_with("/api/v1/webhooks/")
        || template.starts_with("/api/v1/deliveries/")
    {
        // A webhook, and (for a delivery) a story it is told of.
        let (_, hook) = app
            .send_json(
                "POST",
                "/api/v1/webhooks",
                &json!({"name": "Doel", "url": "https://127.0.0.1:9/hook", "format": "json", "events": ["published"]}),
                As::Admin("ada"),
            )
            .await;
        if template.starts_with("/api/v1/deliveries/") {
            app.submit(As::Staff("anna"), "Voor de webhook", &["klantgericht"])
                .await;
            use sea_orm::{EntityTrait, QueryOrder};
            merkwaardig::db::entities::delivery::Entity::find()
                .order_by_desc(merkwaardig::db::entities::delivery::Column::Id)
                .one(&app.state().db)
                .await
                .unwrap()
                .expect("a delivery")
                .id as i64
        } else {
            hook["webhook"]["id"].as_i64().expect("a webhook")
        }
    } else if template.starts_with("/api/v1/notes/") {
        let (_, note) = app
            .send_json(
                "POST",
                &format!("/api/v1/stories/{id}/notes"),
                &json!({"body": "Een bedankje van de schrijver"}),
                As::Staff("anna"),
            )
            .await;
        note["id"].as_i64().expect("a note")
    } else {
        if template.ends_with("/people/me") {
            // Seen as the rows' requests show bob (no display name).
            send(
                app,
                Method::Get,
                "/",
                None,
                "",
                As::Staff("bob"),
                &format!("https://{HOST}"),
            )
            .await;
            let mut story = story_json("Het verhaal", &["klantgericht"]);
            story["people"] = json!(["bob"]);
            let (status, body) = app
                .send_json(
                    "PUT",
                    &format!("/api/v1/stories/{id}"),
                    &story,
                    As::Staff("anna"),
                )
                .await;
            assert_eq!(status, Status::Ok, "{body}");
        }
        id
    }
}
