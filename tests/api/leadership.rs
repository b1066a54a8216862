//! Leading by example: managers' stories marked as leadership examples,
//! their commitments per value, and a story of the month per value — in the
//! API, the value page, the home page, the feed and the embeds.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, ids, story_json};

fn leading(title: &str) -> Value {
    let mut story = story_json(title, &["klantgericht"]);
    story["leadership"] = json!(true);
    story
}

#[rocket::async_test]
async fn a_managers_story_is_a_leadership_example_and_staff_cannot_claim_one() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &leading("Ik belde zelf terug"),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert_eq!(body["errors"][0]["field"], "leadership");
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert_eq!(
        mine["stories"].as_array().unwrap().len(),
        0,
        "nothing saved"
    );

    let (status, story) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &leading("Ik belde zelf terug"),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Created, "{story}");
    assert_eq!(story["leadership"], true);
    let id = story["id"].as_i64().unwrap();
    app.publish(id).await;
    let other = app
        .submit_published(As::Staff("anna"), "Gewoon goed werk", &["klantgericht"])
        .await;

    let (_, list) = app
        .get_json("/api/v1/stories?leadership=true", As::Anonymous)
        .await;
    assert_eq!(ids(&list), [id]);
    let (_, all) = app.get_json("/api/v1/stories", As::Anonymous).await;
    assert_eq!(ids(&all), [other, id]);

    // Editing without saying keeps the mark; saying false removes it.
    let (status, edited) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}"),
            &story_json("Ik belde zelf terug, echt", &["klantgericht"]),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{edited}");
    assert_eq!(edited["leadership"], true);
}

#[rocket::async_test]
async fn managers_mark_and_unmark_leadership_only_on_managers_stories() {
    let app = TestApp::spawn().await;
    let by_manager = app
        .submit_published(
            As::Manager("max"),
            "Ik stond zelf aan de balie",
            &["klantgericht"],
        )
        .await;
    let by_staff = app
        .submit_published(
            As::Staff("anna"),
            "Ik stond aan de balie",
            &["klantgericht"],
        )
        .await;
    let path = |id: i64| format!("/api/v1/stories/{id}/leadership");

    let (status, body) = app
        .send_json("PUT", &path(by_staff), &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Conflict, "{body}");
    assert_eq!(body["code"], "error-leadership-author");

    let (status, body) = app
        .send_json("PUT", &path(by_manager), &Value::Null, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Forbidden, "{body}");

    let (status, body) = app
        .send_json("PUT", &path(by_manager), &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["leadership"], true);
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{by_manager}/revisions"),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(history["revisions"][0]["kind"], "leadership");

    let (status, body) = app
        .send_json(
            "DELETE",
            &path(by_manager),
            &Value::Null,
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(body["leadership"], false);
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{by_manager}/revisions"),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(history["revisions"][0]["kind"], "leadership_off");
}

#[rocket::async_test]
async fn a_manager_writes_edits_and_withdraws_a_commitment_per_value() {
    let app = TestApp::spawn().await;
    let path = "/api/v1/values/klantgericht/commitment";
    let body =
        json!({"body": "Ik bel elke week **zelf** een klant terug. <script>alert(1)</script>"});

    let (status, _) = app.send_json("PUT", path, &body, As::Staff("anna")).await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app.send_json("PUT", path, &body, As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
    let (status, short) = app
        .send_json("PUT", path, &json!({"body": "Kort"}), As::Manager("mia"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(short["errors"][0]["field"], "body");
    let (status, _) = app
        .send_json(
            "PUT",
            "/api/v1/values/bestaat-niet/commitment",
            &body,
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::NotFound);

    let (status, written) = app.send_json("PUT", path, &body, As::Manager("mia")).await;
    assert_eq!(status, Status::Ok, "{written}");
    assert_eq!(written["manager"]["id"], "mia");
    let html = written["body_html"].as_str().unwrap();
    assert!(html.contains("<strong>zelf</strong>"), "{html}");
    assert!(!html.contains("<script"), "sanitised: {html}");

    app.send_json(
        "PUT",
        path,
        &json!({"body": "Ik sta elke maand een dag aan de balie."}),
        As::Manager("max"),
    )
    .await;
    // An edit replaces mia's commitment; max's stays.
    app.send_json(
        "PUT",
        path,
        &json!({"body": "Ik bel elke week zelf twee klanten terug."}),
        As::Manager("mia"),
    )
    .await;
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    let commitments = value["commitments"].as_array().unwrap();
    assert_eq!(commitments.len(), 2, "{value}");
    assert_eq!(commitments[0]["manager"]["id"], "mia", "most recent first");
    assert!(
        commitments[0]["body_html"]
            .as_str()
            .unwrap()
            .contains("twee klanten")
    );
    assert!(commitments[0]["updated_at"].is_string());
    let (_, other) = app
        .get_json("/api/v1/values/betrouwbaar", As::Anonymous)
        .await;
    assert_eq!(other["commitments"], json!([]));

    let (status, _) = app
        .send_json("DELETE", path, &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::NoContent);
    let (status, _) = app
        .send_json("DELETE", path, &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::NoContent, "withdrawing twice is fine");
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    let managers: Vec<&str> = value["commitments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["manager"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(managers, ["max"]);
}

#[rocket::async_test]
async fn the_value_page_shows_how_managers_show_the_value() {
    let app = TestApp::spawn().await;
    let (_, story) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &leading("De directeur aan de telefoon"),
            As::Manager("mia"),
        )
        .await;
    let id = story["id"].as_i64().unwrap();
    app.publish(id).await;
    app.send_json(
        "PUT",
        "/api/v1/values/klantgericht/commitment",
        &json!({"body": "Ik lees elke klacht die binnenkomt zelf."}),
        As::Manager("mia"),
    )
    .await;
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["leadership_stories"], json!([id]));

    let (status, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    let section = html
        .split("id=\"leaders\"")
        .nth(1)
        .expect("a section on how managers show it");
    assert!(
        section.contains("Ik lees elke klacht die binnenkomt zelf."),
        "{section}"
    );
    assert!(section.contains("De directeur aan de telefoon"));
    assert!(section.contains("Mia"));
    // The manager gets the form to write their own, prefilled.
    let (_, html) = app
        .get_html("/values/klantgericht", As::Manager("mia"))
        .await;
    assert!(
        html.contains("action=\"/values/klantgericht/commitment\""),
        "a form"
    );
    let (_, html) = app
        .get_html("/values/klantgericht", As::Staff("anna"))
        .await;
    assert!(
        !html.contains("action=\"/values/klantgericht/commitment\""),
        "not for staff"
    );
    let (_, html) = app.get_html("/values/betrouwbaar", As::Anonymous).await;
    assert!(!html.contains("id=\"leaders\""), "no empty section");
}

#[rocket::async_test]
async fn a_story_of_the_month_shows_on_the_home_page_value_page_feed_and_embeds() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "De monteur die bleef", &["klantgericht"])
        .await;
    let untagged = app
        .submit_published(As::Staff("anna"), "Samen opgelost", &["samen-sterker"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Nog niet gezien", &["klantgericht"])
        .await;
    let path = "/api/v1/values/klantgericht/story-of-the-month";

    let (status, _) = app
        .send_json("PUT", path, &json!({"story": id}), As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Forbidden);
    for wrong in [untagged, pending, 9999] {
        let (status, body) = app
            .send_json("PUT", path, &json!({"story": wrong}), As::Manager("mia"))
            .await;
        assert_eq!(status, Status::UnprocessableEntity, "{wrong}: {body}");
        assert_eq!(body["errors"][0]["field"], "story");
    }
    let (status, pick) = app
        .send_json("PUT", path, &json!({"story": id}), As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok, "{pick}");
    assert_eq!(pick["story"], id);
    let month = pick["month"].as_str().unwrap().to_owned();
    assert_eq!(month.len(), 7, "YYYY-MM");

    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["story_of_the_month"]["story"], id);
    let (_, list) = app
        .get_json("/api/v1/stories?story_of_the_month=true", As::Anonymous)
        .await;
    assert_eq!(ids(&list), [id]);

    let (_, home) = app.get_html("/", As::Anonymous).await;
    let monthly = home
        .split("id=\"monthly\"")
        .nth(1)
        .expect("a section on the home page");
    assert!(monthly.contains("De monteur die bleef"), "{monthly}");
    let (_, page) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(
        page.split("id=\"monthly\"")
            .nth(1)
            .is_some_and(|s| s.contains("De monteur die bleef"))
    );
    let (_, feed) = app
        .get_html("/values/klantgericht/feed.atom", As::Anonymous)
        .await;
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let marked: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter(|entry| {
            entry.children().any(|c| {
                c.has_tag_name("category") && c.attribute("term") == Some("story_of_the_month")
            })
        })
        .map(|entry| {
            entry
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(marked, ["De monteur die bleef"]);
    let (_, embed) = app
        .get_html("/embed/stories?story_of_the_month=true", As::Anonymous)
        .await;
    assert!(embed.contains("De monteur die bleef"), "{embed}");
    assert!(!embed.contains("Samen opgelost"));

    // A story taken offline is no story of the month anywhere.
    app.moderate(
        id,
        "reject",
        &json!({"reason": "Klantnaam genoemd"}),
        As::Manager("mia"),
    )
    .await;
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["story_of_the_month"], Value::Null);
    let (_, list) = app
        .get_json("/api/v1/stories?story_of_the_month=true", As::Anonymous)
        .await;
    assert_eq!(ids(&list), Vec::<i64>::new());
    let (_, home) = app.get_html("/", As::Anonymous).await;
    assert!(!home.contains("De monteur die bleef"));
}

#[rocket::async_test]
async fn the_pages_keep_a_refused_commitment_and_pick_a_story_of_the_month() {
    let app = TestApp::spawn().await;
    let refused = app
        .post_form(
            "/values/klantgericht/commitment",
            "body=Kort",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(refused.status(), Status::UnprocessableEntity);
    let html = refused.into_string().await.unwrap();
    assert!(html.contains(">Kort</textarea>"), "what was typed is kept");
    let saved = app
        .post_form(
            "/values/klantgericht/commitment",
            "body=Ik+lees+elke+klacht+zelf.",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(saved.status(), Status::SeeOther);
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["commitments"][0]["manager"]["id"], "mia");

    let id = app
        .submit_published(As::Staff("anna"), "De monteur die bleef", &["klantgericht"])
        .await;
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Manager("mia"))
        .await;
    assert!(page.contains("action=\"/stories/") && page.contains("story-of-the-month"));
    let wrong = app
        .post_form(
            &format!("/stories/{id}/story-of-the-month"),
            "value=betrouwbaar",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(
        wrong.status(),
        Status::SeeOther,
        "back to the story with the reason"
    );
    let (_, value) = app
        .get_json("/api/v1/values/betrouwbaar", As::Anonymous)
        .await;
    assert_eq!(value["story_of_the_month"], Value::Null);
    let picked = app
        .post_form(
            &format!("/stories/{id}/story-of-the-month"),
            "value=klantgericht",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(picked.status(), Status::SeeOther);
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["story_of_the_month"]["story"], id);
}

#[rocket::async_test]
async fn an_anonymous_story_is_never_a_leadership_example() {
    let app = TestApp::spawn().await;
    // Offered anonymously by a manager: refused, naming the field.
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &json!({"title": "Anoniem voorbeeld", "body": "De klant belde over een storing en we losten het dezelfde middag op.", "values": ["klantgericht"], "anonymous": true, "leadership": true}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert!(body.to_string().contains("leadership"));
    // Marked afterwards by a manager: a conflict.
    let (_, created) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &json!({"title": "Anoniem verhaal", "body": "De klant belde over een storing en we losten het dezelfde middag op.", "values": ["klantgericht"], "anonymous": true}),
            As::Manager("max"),
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    app.publish(id).await;
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}/leadership"),
            &json!(null),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Conflict);
    // A leadership example made anonymous on edit stops being one.
    let (_, named) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &json!({"title": "Mijn voorbeeld", "body": "De klant belde over een storing en we losten het dezelfde middag op.", "values": ["klantgericht"], "leadership": true}),
            As::Manager("mia"),
        )
        .await;
    let id = named["id"].as_i64().unwrap();
    assert_eq!(named["leadership"], true);
    let (status, edited) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}"),
            &json!({"title": "Mijn voorbeeld", "body": "De klant belde over een storing en we losten het dezelfde middag op.", "values": ["klantgericht"], "anonymous": true}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{edited}");
    assert_eq!(edited["leadership"], false);
}
