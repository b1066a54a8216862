//! `merkwaardig export`, and its file imported into a fresh app: the same
//! stories of every kind, and an export of the copy is the same file.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{good_lines, import, published_titles, run, write_lines, write_text};
use crate::helpers::{As, TestApp, story_json};

/// Stories of every kind written through the API: published (one
/// anonymous, with an approach, featured, naming a colleague), pending,
/// rejected with a reason, withdrawn, a draft.
async fn write_through_the_api(app: &TestApp) {
    app.get("/", As::Staff("bob")).await; // known, so that he can be named
    let mut first = story_json(
        "Samen de klant geholpen",
        &["klantgericht", "samen-sterker"],
    );
    first["people"] = json!(["bob"]);
    first["approach"] = json!("Gewoon even bellen");
    first["team"] = json!("Klantenservice");
    let (status, body) = app
        .send_json("POST", "/api/v1/stories", &first, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let id = body["id"].as_i64().unwrap();
    app.publish(id).await;
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}/featured"),
            &Value::Null,
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let mut anonymous = story_json("Anoniem verteld", &["betrouwbaar"]);
    anonymous["anonymous"] = json!(true);
    let (_, body) = app
        .send_json("POST", "/api/v1/stories", &anonymous, As::Staff("cor"))
        .await;
    app.publish(body["id"].as_i64().unwrap()).await;
    app.submit(As::Staff("anna"), "Wacht op een manager", &["betrouwbaar"])
        .await;
    let rejected = app
        .submit(As::Staff("bob"), "Wordt afgewezen", &["klantgericht"])
        .await;
    let (status, _) = app
        .moderate(
            rejected,
            "reject",
            &json!({"reason": "Noem de klant niet"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let withdrawn = app
        .submit_published(As::Staff("cor"), "Teruggetrokken", &["samen-sterker"])
        .await;
    assert_eq!(
        app.withdraw(withdrawn, As::Staff("cor")).await,
        Status::NoContent
    );
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/stories?draft=true",
            &json!({"title": "Half", "body": "Nog niet af", "values": []}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Created);
}

/// An export's lines, parsed.
fn lines_of(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[rocket::async_test]
async fn an_export_imports_into_a_fresh_app_as_it_was() {
    let app = TestApp::spawn().await;
    write_through_the_api(&app).await;
    let file = write_lines(&app, "stories.jsonl", &good_lines());
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");

    let exported = app.dir.join("export.jsonl");
    let (output, stderr) = run(app.command(), &["export", exported.to_str().unwrap()]);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("exported 9 stories"), "{stderr}");
    let text = std::fs::read_to_string(&exported).unwrap();
    let lines = lines_of(&text);
    let statuses: Vec<&str> = lines
        .iter()
        .map(|l| l["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        statuses,
        [
            "published",
            "published",
            "pending",
            "rejected",
            "withdrawn",
            "draft",
            "published",
            "pending",
            "published"
        ]
    );
    assert_eq!(lines[0]["people"], json!([{"id": "bob", "name": "Bob"}]));
    assert_eq!(lines[0]["featured"], true);
    assert_eq!(lines[1]["anonymous"], true);
    assert_eq!(
        lines[1]["author"]["id"], "cor",
        "the export is the operator's copy"
    );
    assert_eq!(lines[3]["reject_reason"], "Noem de klant niet");
    assert_eq!(lines[6]["external_id"], "old-1");
    let (output, _) = run(app.command(), &["export", exported.to_str().unwrap()]);
    assert!(
        !output.status.success(),
        "an export never overwrites a file"
    );

    // Into the same database: everything is there already.
    let (output, stderr) = import(&app, &exported, &[]);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported 0 stories") && stderr.contains("9 already there"),
        "{stderr}"
    );

    // Into a fresh app: the same stories, and its export is the same file.
    let fresh = TestApp::spawn().await;
    let copied = write_text(&fresh.dir, "copy.jsonl", &text);
    let (output, stderr) = import(&fresh, &copied, &[]);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported 9 stories (4 published)"),
        "{stderr}"
    );
    let (output, stderr) = run(fresh.command(), &["export"]);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(lines_of(&String::from_utf8_lossy(&output.stdout)), lines);
    assert_eq!(published_titles(&fresh).await, published_titles(&app).await);
    let (hits, _) = fresh.search("q=warmtepomp").await;
    assert_eq!(hits.len(), 1);
    let (_, story) = fresh
        .get_json(&format!("/api/v1/stories/{}", hits[0]), As::Anonymous)
        .await;
    assert_eq!(story["author"]["name"], "Anna de Vries");
}
