//! Seeding and reading helpers shared by the tests: people for direct
//! service calls, stories written straight into the database, error fields,
//! edits through the API.

use rocket::http::Status;
use serde_json::Value;

use super::{As, TestApp, display_name};

/// A person as the services see them, for tests that call services directly.
pub fn person(id: &str, role: merkwaardig::domain::Role) -> merkwaardig::domain::User {
    merkwaardig::domain::User {
        id: id.into(),
        name: display_name(id),
        email: None,
        role,
        via_token: None,
        fixed_values: Vec::new(),
        groups: Vec::new(),
    }
}

/// Writes a published story by anna straight into the database, as a
/// process would that no running service sees (the change log included).
pub async fn insert_published(db: &sea_orm::DatabaseConnection, title: &str, body: &str) -> i64 {
    use merkwaardig::domain::{NewStory, StoryInput, StoryStatus};
    use merkwaardig::services::{stories, values};
    let kinds = values::active_value_kinds(db).await.unwrap();
    let input = StoryInput {
        title: title.into(),
        body: body.into(),
        values: vec!["klantgericht".into()],
        lang: Some("nl".into()),
        ..Default::default()
    };
    let id = stories::insert(
        db,
        &NewStory::parse(&input, &kinds).unwrap(),
        stories::ChangedBy {
            id: "anna",
            name: "Anna",
        },
        StoryStatus::Published,
        merkwaardig::clock::now(),
    )
    .await
    .unwrap();
    i64::from(id)
}

/// A page's text with the `<mark>` highlighting taken out, to look for a
/// title whose matching words are marked.
pub fn unmarked(html: &str) -> String {
    html.replace("<mark>", "").replace("</mark>", "")
}

/// The fields named by the errors of a 422 answer, in order.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .expect("an error list")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_owned())
        .collect()
}

impl TestApp {
    /// Edits story `id` through the API.
    pub async fn edit(&self, id: i64, story: &Value, who: As) -> (Status, Value) {
        self.send_json("PUT", &format!("/api/v1/stories/{id}"), story, who)
            .await
    }
}
