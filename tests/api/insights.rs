//! The insights through the API, the page and the CSV tables, on a known
//! data set: three people in "Monteurs", one in "Planning", with
//! `insights_min_group = 3`.

use rocket::http::{ContentType, Status};
use serde_json::{Value, json};

use crate::helpers::{As, TestApp};

async fn team_story(
    app: &TestApp,
    who: &'static str,
    team: &str,
    values: &[&str],
    anonymous: bool,
) -> i64 {
    let story = json!({
        "title": format!("Een verhaal van {who}"),
        "body": "De klant belde over een storing en we losten het dezelfde middag op.",
        "values": values,
        "team": team,
        "anonymous": anonymous,
    });
    let (status, body) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff(who))
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let id = body["id"].as_i64().unwrap();
    app.publish(id).await;
    id
}

async fn known_app() -> TestApp {
    let app = TestApp::spawn_with(|f| f.merge(("insights_min_group", 3))).await;
    team_story(&app, "anna", "Monteurs", &["klantgericht"], false).await;
    team_story(
        &app,
        "bob",
        "Monteurs",
        &["klantgericht", "betrouwbaar"],
        false,
    )
    .await;
    team_story(&app, "carla", "Monteurs", &["klantgericht"], true).await;
    team_story(&app, "dirk", "Planning", &["samen-sterker"], true).await;
    app
}

fn slugs(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["slug"].as_str().unwrap().to_owned())
        .collect()
}

#[rocket::async_test]
async fn only_managers_and_administrators_read_the_insights() {
    let app = known_app().await;
    assert_eq!(
        app.get_json("/api/v1/insights", As::Anonymous).await.0,
        Status::Unauthorized
    );
    assert_eq!(
        app.get_json("/api/v1/insights", As::Staff("anna")).await.0,
        Status::Forbidden
    );
    assert_eq!(
        app.get_json("/api/v1/insights", As::Admin("ada")).await.0,
        Status::Ok
    );
    assert_eq!(
        app.get_html("/insights", As::Staff("anna")).await.0,
        Status::Forbidden
    );
    assert_eq!(
        app.get("/insights.csv?section=teams", As::Staff("anna"))
            .await
            .status(),
        Status::Forbidden
    );
    // The menu offers the page to managers only.
    let (_, staff_home) = app.get_html("/", As::Staff("anna")).await;
    assert!(!staff_home.contains("href=\"/insights\""));
    let (_, manager_home) = app.get_html("/", As::Manager("mia")).await;
    assert!(manager_home.contains("href=\"/insights\""));
}

#[rocket::async_test]
async fn the_team_matrix_shows_large_teams_and_hides_small_ones() {
    let app = known_app().await;
    let (status, insights) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    assert_eq!(status, Status::Ok, "{insights}");
    assert_eq!(insights["min_group"], 3);
    assert_eq!(
        slugs(&insights["teams"]["values"]),
        ["klantgericht", "betrouwbaar", "samen-sterker"]
    );
    let rows = insights["teams"]["rows"].as_array().unwrap();
    assert_eq!(rows[0]["team"], "Monteurs");
    assert_eq!(rows[0]["counts"], json!([3, 1, 0]));
    // Planning has one person: counted with the smaller teams, and that
    // group (one person) is too small as well.
    assert_eq!(rows[1]["team"], Value::Null);
    assert_eq!(rows[1]["shown"], false);
    assert_eq!(rows[1]["counts"], json!([null, null, null]));
    // The organisation (four people) is large enough for its totals.
    let totals: Vec<&Value> = insights["months"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["total"])
        .collect();
    assert_eq!(totals, [&json!(3), &json!(1), &json!(1)]);
}

#[rocket::async_test]
async fn a_small_team_gets_no_story_figures_and_no_author_is_ever_named() {
    let app = known_app().await;
    let (status, planning) = app
        .get_json("/api/v1/insights?team=Planning", As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(planning["hidden"], true);
    assert!(
        planning["months"]["values"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["total"].is_null())
    );
    assert_eq!(planning["inspiring"], json!([]));
    let (_, page) = app
        .get_html("/insights?team=Planning", As::Manager("mia"))
        .await;
    assert!(
        page.contains("Fewer than 3 people shared a story here")
            || page.contains("Minder dan 3 mensen"),
        "{page}"
    );

    let (_, all) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    let text = all.to_string();
    for who in ["anna", "bob", "carla", "dirk", "Anna", "Carla", "Dirk"] {
        assert!(!text.contains(who), "{who} appears in the insights: {text}");
    }
}

#[rocket::async_test]
async fn gaps_compare_what_managers_model_with_what_teams_show() {
    let app = known_app().await;
    // A manager commits to samen-sterker; nobody writes about it in Monteurs.
    let (status, _) = app
        .send_json(
            "PUT",
            "/api/v1/values/samen-sterker/commitment",
            &json!({"body": "Ik vraag elke week wie hulp kan gebruiken."}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let (_, insights) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    let gaps = &insights["gaps"];
    assert_eq!(gaps["silent"], json!([]));
    assert_eq!(gaps["never_shared"][0]["team"], "Monteurs");
    assert_eq!(slugs(&gaps["never_shared"][0]["values"]), ["samen-sterker"]);
    assert_eq!(
        slugs(&gaps["shown_not_modelled"]),
        ["klantgericht", "betrouwbaar"]
    );
    assert_eq!(slugs(&gaps["modelled_not_shown"]), Vec::<String>::new());

    // Half a year without stories: every value is silent, with the date
    // of its last story.
    let (_, later) = app
        .get_json(
            "/api/v1/insights?from=2030-01-01&to=2030-06-30",
            As::Manager("mia"),
        )
        .await;
    let silent = later["gaps"]["silent"].as_array().unwrap();
    assert_eq!(silent.len(), 3, "{later}");
    assert!(silent.iter().all(|s| s["last_published_at"].is_string()));
    assert_eq!(later["months"]["months"].as_array().unwrap().len(), 6);
    assert_eq!(later["months"]["values"][0]["total"], 0);
}

#[rocket::async_test]
async fn barriers_are_counted_per_value_with_the_days_to_solve() {
    let app = known_app().await;
    let (_, barrier) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &json!({"title": "Drie handtekeningen", "body": "Het retourformulier vraagt drie handtekeningen.", "values": ["klantgericht"]}),
            As::Staff("anna"),
        )
        .await;
    let id = barrier["id"].as_i64().unwrap();
    let (_, insights) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    assert_eq!(insights["barriers"][0]["open"], 1);
    assert_eq!(insights["barriers"][0]["solved"], 0);
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/barriers/{id}"),
            &json!({"status": "solved", "reply": "Eén handtekening is genoeg."}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let (_, insights) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    let klant = &insights["barriers"][0];
    assert_eq!(
        (klant["open"].as_i64(), klant["solved"].as_i64()),
        (Some(0), Some(1))
    );
    assert_eq!(klant["median_days_to_solve"], 0.0);
}

#[rocket::async_test]
async fn bad_dates_are_named_and_the_page_keeps_what_was_typed() {
    let app = known_app().await;
    let (status, body) = app
        .get_json(
            "/api/v1/insights?from=gisteren&to=2026-02-30",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["from", "to"]);
    let (status, _) = app
        .get_json(
            "/api/v1/insights?from=2026-05-01&to=2026-04-01",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);

    let (status, page) = app
        .get_html("/insights?from=gisteren", As::Manager("mia"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert!(page.contains("value=\"gisteren\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""));
    // The default period's figures are still there.
    assert!(page.contains("<svg class=\"chart"));
}

#[rocket::async_test]
async fn the_page_draws_each_chart_with_a_table_beside_it_in_both_languages() {
    let app = known_app().await;
    let (status, page) = app.get_html("/insights", As::Manager("mia")).await;
    assert_eq!(status, Status::Ok);
    for id in [
        "months",
        "balance",
        "leadership",
        "teams",
        "gaps",
        "barriers",
        "inspiring",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "section {id}");
        assert!(
            page.contains(&format!("/insights.csv?section={id}&#38;from=")),
            "CSV link for {id}"
        );
    }
    assert!(page.contains("<caption id=\"months-caption\">"));
    assert!(page.matches("<svg class=\"chart").count() == 3);
    assert!(page.contains("Monteurs"));

    let request = app
        .client
        .get("/insights")
        .header(rocket::http::Header::new("Accept-Language", "en"));
    let english = app
        .with_identity(request, As::Manager("mia"))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert!(
        english.contains("Stories per value, month by month"),
        "{english}"
    );
    assert!(english.contains("Smaller teams and stories without a team"));
}

#[rocket::async_test]
async fn each_csv_table_has_its_documented_columns() {
    let app = known_app().await;
    let expected = [
        ("months", "value,kind,month,stories"),
        ("balance", "kind,stories,tags,share_of_tags"),
        ("leadership", "value,kind,stories,leadership,share"),
        ("teams", "team,value,stories"),
        ("gaps", "gap,team,value,last_published_at"),
        ("barriers", "value,open,solved,median_days_to_solve"),
        ("inspiring", "value,rank,story,title,url,inspired"),
    ];
    for (section, header) in expected {
        let response = app
            .get(
                &format!("/insights.csv?section={section}"),
                As::Manager("mia"),
            )
            .await;
        assert_eq!(response.status(), Status::Ok, "{section}");
        assert_eq!(
            response.content_type().map(|c| c.to_string()),
            Some(
                ContentType::new("text", "csv")
                    .with_params(("charset", "utf-8"))
                    .to_string()
            )
        );
        let disposition = response
            .headers()
            .get_one("Content-Disposition")
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with(&format!("attachment; filename=\"merkwaardig-{section}-")),
            "{disposition}"
        );
        let text = response.into_string().await.unwrap();
        assert_eq!(text.lines().next(), Some(header), "{section}");
    }
    let teams = app
        .get("/insights.csv?section=teams", As::Manager("mia"))
        .await
        .into_string()
        .await
        .unwrap();
    assert!(teams.contains("Monteurs,klantgericht,3"), "{teams}");
    assert!(teams.contains(",samen-sterker,fewer than 3"), "{teams}");
    assert_eq!(
        app.get("/insights.csv?section=nope", As::Manager("mia"))
            .await
            .status(),
        Status::NotFound
    );
}
