//! Barriers: staff report what stopped them from living a value; managers
//! take them, move them along and reply; solved ones become "you said, we
//! did". Unsolved barriers are seen only by their reporter and managers, an
//! anonymous reporter only by managers, and no barrier ever reaches search,
//! feeds, widgets, oEmbed or related stories.

use rocket::http::{Header, Status};
use serde_json::{Value, json};

use merkwaardig::services::tokens::{self, TokenScope};

use crate::helpers::{As, TestApp};

fn barrier(title: &str, values: &[&str], anonymous: bool) -> Value {
    json!({
        "title": title,
        "body": "Ik wilde de klant meteen helpen, maar het retourformulier vraagt drie handtekeningen.",
        "values": values,
        "anonymous": anonymous,
    })
}

pub(crate) async fn report(app: &TestApp, who: As, title: &str, anonymous: bool) -> i64 {
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &barrier(title, &["klantgericht"], anonymous),
            who,
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");
    assert_eq!(body["status"], "new");
    body["id"].as_i64().unwrap()
}

pub(crate) async fn change(app: &TestApp, id: i64, body: Value, who: As) -> (Status, Value) {
    app.send_json("PUT", &format!("/api/v1/barriers/{id}"), &body, who)
        .await
}

#[rocket::async_test]
async fn a_report_is_checked_and_needs_someone_signed_in() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &json!({"title": "x", "body": "kort", "values": []}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["title", "body", "values"]);
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/barriers",
            &barrier("Drie handtekeningen", &["klantgericht"], false),
            As::Anonymous,
        )
        .await;
    assert_eq!(status, Status::Unauthorized);
    let (_, mine) = app.get_json("/api/v1/barriers", As::Staff("anna")).await;
    assert_eq!(mine["barriers"], json!([]), "nothing was saved");
}

#[rocket::async_test]
async fn an_unsolved_barrier_is_seen_by_its_reporter_and_managers_only() {
    let app = TestApp::spawn().await;
    let id = report(
        &app,
        As::Staff("anna"),
        "Drie handtekeningen voor een retour",
        true,
    )
    .await;
    let path = format!("/api/v1/barriers/{id}");

    let (status, _) = app.get_json(&path, As::Staff("bob")).await;
    assert_eq!(status, Status::NotFound, "other staff");
    let (_, list) = app.get_json("/api/v1/barriers", As::Staff("bob")).await;
    assert_eq!(list["barriers"], json!([]));
    let (_, solved) = app
        .get_json("/api/v1/barriers?status=solved", As::Staff("bob"))
        .await;
    assert_eq!(solved["barriers"], json!([]));
    let (status, _) = app.get_json(&path, As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);

    let (status, own) = app.get_json(&path, As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(
        own["reporter"]["id"], "anna",
        "the reporter sees their own name"
    );
    let (_, seen) = app.get_json(&path, As::Manager("mia")).await;
    assert_eq!(
        seen["reporter"]["name"], "Anna",
        "managers see who reported it"
    );
    assert_eq!(seen["reporter"]["anonymous"], true);
    let (_, board) = app.get_json("/api/v1/barriers", As::Manager("mia")).await;
    assert_eq!(board["barriers"].as_array().unwrap().len(), 1);
    let (_, page) = app
        .get_html(&format!("/barriers/{id}"), As::Staff("bob"))
        .await;
    assert!(
        !page.contains("Drie handtekeningen"),
        "not on a page either"
    );
}

#[rocket::async_test]
async fn a_barrier_moves_forward_is_solved_with_a_reply_and_becomes_you_said_we_did() {
    let app = TestApp::spawn().await;
    let id = report(
        &app,
        As::Staff("anna"),
        "Drie handtekeningen voor een retour",
        true,
    )
    .await;
    let story = app
        .submit_published(As::Staff("carl"), "Retour in één keer", &["klantgericht"])
        .await;

    let (status, _) = change(
        &app,
        id,
        json!({"status": "acknowledged"}),
        As::Staff("anna"),
    )
    .await;
    assert_eq!(status, Status::Forbidden, "staff cannot move it");
    let (status, body) = change(&app, id, json!({}), As::Manager("mia")).await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    let (status, body) = change(&app, id, json!({"status": "done"}), As::Manager("mia")).await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert_eq!(body["errors"][0]["field"], "status");

    let (status, body) = change(
        &app,
        id,
        json!({"status": "acknowledged", "owner": "me"}),
        As::Manager("mia"),
    )
    .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["owner"], json!({"id": "mia", "name": "Mia"}));
    let (status, body) = change(&app, id, json!({"status": "new"}), As::Manager("mia")).await;
    assert_eq!(status, Status::Conflict, "nothing goes back to new: {body}");
    let (status, body) = change(&app, id, json!({"status": "solved"}), As::Manager("mia")).await;
    assert_eq!(
        status,
        Status::UnprocessableEntity,
        "a reply is required: {body}"
    );
    assert_eq!(body["errors"][0]["field"], "reply");

    let (status, body) = change(
        &app,
        id,
        json!({"status": "solved", "reply": "Eén handtekening is genoeg. <script>x()</script>", "story": story}),
        As::Manager("mia"),
    )
    .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["status"], "solved");
    assert!(body["closed_at"].is_string());
    assert_eq!(body["story"]["id"], story);
    let history = body["history"].as_array().unwrap();
    let kinds: Vec<&str> = history
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["reported", "changed", "changed"]);
    let reply = history[2]["reply_html"].as_str().unwrap();
    assert!(
        reply.contains("Eén handtekening") && !reply.contains("<script"),
        "{reply}"
    );

    // Now every signed-in person sees it, without the anonymous reporter.
    let (status, seen) = app
        .get_json(&format!("/api/v1/barriers/{id}"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        seen["reporter"].get("id").is_none() && seen["reporter"].get("name").is_none(),
        "{seen}"
    );
    assert!(history_hides_reporter(&seen), "{seen}");
    let (_, list) = app
        .get_json(
            "/api/v1/barriers?status=solved&value=klantgericht",
            As::Staff("bob"),
        )
        .await;
    assert_eq!(list["barriers"][0]["id"], id);
    let (_, other) = app
        .get_json(
            "/api/v1/barriers?status=solved&value=betrouwbaar",
            As::Staff("bob"),
        )
        .await;
    assert_eq!(other["barriers"], json!([]));
    let (_, page) = app.get_html("/values/klantgericht", As::Staff("bob")).await;
    let section = page
        .split("id=\"you-said\"")
        .nth(1)
        .expect("you said, we did");
    assert!(
        section.contains("Drie handtekeningen voor een retour"),
        "{section}"
    );
    assert!(section.contains("Eén handtekening is genoeg."));
    assert!(
        !page.contains("Anna"),
        "the anonymous reporter is not named"
    );
    let (_, public) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(
        !public.contains("Drie handtekeningen"),
        "not for visitors who are not signed in"
    );

    // Reopened to in progress; never from solved to won't solve.
    let (status, _) = change(
        &app,
        id,
        json!({"status": "wont_solve", "reply": "Toch niet"}),
        As::Manager("mia"),
    )
    .await;
    assert_eq!(status, Status::Conflict);
    let (status, body) = change(
        &app,
        id,
        json!({"status": "in_progress"}),
        As::Manager("max"),
    )
    .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["closed_at"], Value::Null);
    let (status, _) = app
        .get_json(&format!("/api/v1/barriers/{id}"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::NotFound, "hidden again once reopened");
}

fn history_hides_reporter(barrier: &Value) -> bool {
    barrier["history"][0].get("by").is_none()
}

#[rocket::async_test]
async fn an_owner_is_a_manager_the_service_knows() {
    let app = TestApp::spawn().await;
    let id = report(
        &app,
        As::Staff("anna"),
        "Geen toegang tot het klantdossier",
        false,
    )
    .await;
    let (status, body) = change(&app, id, json!({"owner": "anna"}), As::Manager("mia")).await;
    assert_eq!(
        status,
        Status::UnprocessableEntity,
        "staff cannot own it: {body}"
    );
    assert_eq!(body["errors"][0]["field"], "owner");
    let (status, _) = change(&app, id, json!({"owner": "nobody"}), As::Manager("mia")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    // max becomes known as a manager by making a request.
    app.get("/", As::Manager("max")).await;
    let (status, body) = change(&app, id, json!({"owner": "max"}), As::Manager("mia")).await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["owner"]["name"], "Max");
    assert_eq!(body["history"][1]["owner"]["id"], "max");
}

#[rocket::async_test]
async fn staff_list_their_own_and_managers_filter_by_status_value_and_words() {
    let app = TestApp::spawn().await;
    let first = report(&app, As::Staff("anna"), "Drie handtekeningen", false).await;
    let second = report(
        &app,
        As::Staff("bob"),
        "Wachtwoord verloopt elke week",
        false,
    )
    .await;
    let (_, anna) = app.get_json("/api/v1/barriers", As::Staff("anna")).await;
    assert_eq!(ids(&anna), [first]);
    let (_, all) = app.get_json("/api/v1/barriers", As::Manager("mia")).await;
    assert_eq!(ids(&all), [first, second], "oldest first");
    let (_, words) = app
        .get_json("/api/v1/barriers?q=WACHTWOORD", As::Manager("mia"))
        .await;
    assert_eq!(ids(&words), [second]);
    let (_, percent) = app
        .get_json("/api/v1/barriers?q=%25", As::Manager("mia"))
        .await;
    assert_eq!(
        ids(&percent),
        Vec::<i64>::new(),
        "a % is a character, not a wildcard"
    );
    change(
        &app,
        first,
        json!({"status": "in_progress"}),
        As::Manager("mia"),
    )
    .await;
    let (_, moving) = app
        .get_json("/api/v1/barriers?status=in_progress", As::Manager("mia"))
        .await;
    assert_eq!(ids(&moving), [first]);
    let (status, _) = app
        .get_json("/api/v1/barriers?status=gone", As::Manager("mia"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    let (_, board) = app.get_html("/barriers", As::Manager("mia")).await;
    assert!(board.contains("Drie handtekeningen") && board.contains("Wachtwoord verloopt"));
    let (_, mine) = app.get_html("/barriers", As::Staff("anna")).await;
    assert!(mine.contains("Drie handtekeningen") && !mine.contains("Wachtwoord verloopt"));
}

fn ids(body: &Value) -> Vec<i64> {
    body["barriers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_i64().unwrap())
        .collect()
}

#[rocket::async_test]
async fn barriers_never_reach_search_feeds_widgets_or_related_stories() {
    let app = TestApp::spawn().await;
    let id = report(&app, As::Staff("anna"), "Quokka retourformulier", false).await;
    change(
        &app,
        id,
        json!({"status": "solved", "reply": "Quokka opgelost."}),
        As::Manager("mia"),
    )
    .await;
    let story = app
        .submit_published(
            As::Staff("anna"),
            "Retourformulier verhaal",
            &["klantgericht"],
        )
        .await;
    app.search_caught_up().await;
    let (hits, body) = app.search("q=retourformulier").await;
    assert_eq!(hits, [story], "only the story: {body}");
    let (hits, body) = app.search("q=quokka").await;
    assert!(hits.is_empty(), "{body}");
    for path in [
        "/feed.atom".to_owned(),
        "/values/klantgericht/feed.atom".to_owned(),
        "/embed/stories?value=klantgericht".to_owned(),
        "/embed/search?q=retourformulier".to_owned(),
        format!("/api/v1/stories/{story}/related"),
        "/search?q=retourformulier".to_owned(),
        "/".to_owned(),
        "/stories".to_owned(),
    ] {
        let (_, text) = app.get_html(&path, As::Anonymous).await;
        assert!(!text.to_lowercase().contains("quokka"), "{path}: {text}");
    }
    // A widget's token never sees a barrier, solved or not.
    let search = tokens::create(&app.state().db, "widget", TokenScope::Search)
        .await
        .unwrap()
        .1;
    for path in [
        "/api/v1/barriers?status=solved".to_owned(),
        format!("/api/v1/barriers/{id}"),
    ] {
        let status = app
            .client
            .get(path.clone())
            .header(Header::new("Authorization", format!("Bearer {search}")))
            .dispatch()
            .await
            .status();
        assert_eq!(status, Status::Forbidden, "{path}");
    }
}
