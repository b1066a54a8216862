//! Many ways to live a value: its stories side by side by team or audience.

use rocket::http::Status;
use serde_json::json;

use crate::helpers::{As, TestApp};

async fn story(
    app: &TestApp,
    title: &str,
    team: Option<&str>,
    audience: &str,
    publish: bool,
) -> i64 {
    let mut body = json!({
        "title": title,
        "body": "De klant belde over een storing en we losten het dezelfde middag op.",
        "values": ["klantgericht"],
        "audience": audience,
    });
    if let Some(team) = team {
        body["team"] = json!(team);
    }
    let (status, created) = app
        .send_json("POST", "/api/v1/stories", &body, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Created, "{created}");
    let id = created["id"].as_i64().unwrap();
    if publish {
        app.publish(id).await;
    }
    id
}

#[rocket::async_test]
async fn a_values_stories_stand_side_by_side_per_team() {
    let app = TestApp::spawn().await;
    story(
        &app,
        "Monteur belt terug",
        Some("Monteurs"),
        "customer",
        true,
    )
    .await;
    story(
        &app,
        "Monteur neemt retour mee",
        Some("Monteurs"),
        "customer",
        true,
    )
    .await;
    story(
        &app,
        "Planner helpt collega",
        Some("Planning"),
        "colleague",
        true,
    )
    .await;
    story(&app, "Zonder team verteld", None, "customer", true).await;
    story(
        &app,
        "Nog niet gepubliceerd",
        Some("Verkoop"),
        "customer",
        false,
    )
    .await;

    let (status, page) = app
        .get_html("/values/klantgericht?by=team", As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    let monteurs = page.find(">Monteurs</h3>").expect("a Monteurs group");
    let planning = page.find(">Planning</h3>").expect("a Planning group");
    let no_team = page
        .find(">Geen team opgegeven</h3>")
        .expect("a group without a team");
    // Most stories first; the group without a team after the named ones.
    assert!(monteurs < planning && planning < no_team);
    assert!(page.contains("Monteur neemt retour mee") && page.contains("Planner helpt collega"));
    assert!(!page.contains("Verkoop") && !page.contains("Nog niet gepubliceerd"));
    assert!(page.contains("href=\"/values/klantgericht?by=team#stories\" aria-current=\"true\""));

    let (_, page) = app
        .get_html("/values/klantgericht?by=audience", As::Anonymous)
        .await;
    let customers = page.find(">Voor klanten</h3>").expect("a customers group");
    let colleagues = page
        .find(">Voor collega&#39;s</h3>")
        .or_else(|| page.find(">Voor collega's</h3>"))
        .expect("a colleagues group");
    assert!(customers < colleagues, "three customer stories come first");

    // Without `by` (or with an unknown one) it is the usual list.
    let (_, page) = app
        .get_html("/values/klantgericht?by=nonsense", As::Anonymous)
        .await;
    assert!(!page.contains("class=\"side-by-side\""));
    assert!(page.contains("href=\"/values/klantgericht#stories\" aria-current=\"true\""));
}
