//! Staff and manager workflows beyond submitting: drafts and preview, the
//! revision history, anonymity, moderation extras and browsing by value.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, ids};

fn location(response: &rocket::local::asynchronous::LocalResponse<'_>) -> String {
    response
        .headers()
        .get_one("Location")
        .unwrap_or_default()
        .to_owned()
}

fn form(pairs: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        form.append_pair(key, value);
    }
    form.finish()
}

#[rocket::async_test]
async fn a_draft_is_saved_unfinished_seen_only_by_its_author_and_finished_later() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/stories",
            &form(&[("title", ""), ("body", "Begin van"), ("intent", "draft")]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "an unfinished draft is fine"
    );
    let to = location(&response);
    assert!(to.ends_with("/edit"), "back to the form: {to}");
    let id: i64 = to.split('/').nth(2).unwrap().parse().unwrap();

    let (status, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(story["status"], "draft");
    for who in [As::Manager("mia"), As::Staff("bob"), As::Anonymous] {
        let (status, _) = app.get_json(&format!("/api/v1/stories/{id}"), who).await;
        assert_eq!(status, Status::NotFound, "a draft is the author's alone");
    }
    let (_, queue) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert_eq!(
        queue["queue"].as_array().unwrap().len(),
        0,
        "not in the queue"
    );
    let (_, mine) = app.get_html("/my/stories", As::Staff("anna")).await;
    assert!(mine.contains("Concept"));

    // A published story cannot go back to being a draft.
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}?draft=true"),
            &json!({"title": "Nog steeds", "body": "kort", "values": []}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok, "a draft stays a draft");
    let response = app
        .post_form(
            &format!("/stories/{id}/edit"),
            &form(&[
                ("title", "De monteur die bleef"),
                (
                    "body",
                    "Hij bleef tot de warmtepomp het weer deed, ook na vijf uur.",
                ),
                ("values", "klantgericht"),
                ("intent", "submit"),
            ]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Manager("mia"))
        .await;
    assert_eq!(
        story["status"], "pending",
        "submitted: now the manager sees it"
    );
    let (status, body) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}?draft=true"),
            &json!({"title": "Terug", "body": "kort", "values": []}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Conflict, "{body}");
}

#[rocket::async_test]
async fn preview_shows_the_rendered_markdown_without_saving() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/stories",
            &form(&[
                ("title", "Voorbeeld <b>vet</b>"),
                ("body", "Dit is **vet** <script>alert(1)</script>"),
                ("values", "betrouwbaar"),
                ("intent", "preview"),
            ]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let html = response.into_string().await.unwrap();
    assert!(html.contains("<strong>vet</strong>"), "rendered");
    // As readers will see it: the title (as text) and the chosen values.
    assert!(
        html.contains("<h3 class=\"preview-title\" id=\"preview-title\">Voorbeeld &#60;b&#62;vet&#60;/b&#62;</h3>"),
        "{html}"
    );
    assert!(
        html.contains("<li><span class=\"tag tag-brand\">Betrouwbaar</span></li>"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "sanitised");
    assert!(
        html.contains("value=\"Voorbeeld &#60;b&#62;vet&#60;/b&#62;\""),
        "the form keeps the text"
    );
    let (_, mine) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert!(ids(&mine).is_empty(), "nothing was saved");

    // The live preview of the script: the same rendering as a fragment.
    let response = app
        .post_form(
            "/preview",
            &form(&[("body", "*schuin* [x](javascript:alert(1))")]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::Ok);
    let fragment = response.into_string().await.unwrap();
    assert!(fragment.contains("<em>schuin</em>"));
    assert!(!fragment.contains("javascript:"));
    let response = app
        .post_form("/preview", &form(&[("body", "x")]), As::Anonymous)
        .await;
    assert_eq!(response.status(), Status::Unauthorized);
}

#[rocket::async_test]
async fn moderation_end_to_end_with_every_step_in_the_history() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Eerste versie", &["klantgericht"])
        .await;
    let (status, _) = app
        .moderate(
            id,
            "reject",
            &json!({"reason": "Noem de klant niet"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Staff("anna"))
        .await;
    assert_eq!(
        story["reject_reason"], "Noem de klant niet",
        "the author sees why"
    );

    let (status, story) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}"),
            &json!({
                "title": "Tweede versie",
                "body": "De klant belde over een storing en we losten het dezelfde middag nog op.",
                "values": ["klantgericht"],
            }),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(story["status"], "pending", "resubmitted");
    app.publish(id).await;
    app.search_caught_up().await;
    assert_eq!(app.search("Tweede").await.0, vec![id]);

    let (status, _) = app
        .moderate(
            id,
            "reject",
            &json!({"reason": "Toch niet"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "unpublished");
    app.search_caught_up().await;
    assert!(app.search("Tweede").await.0.is_empty(), "gone from search");

    let (status, history) = app
        .get_json(
            &format!("/api/v1/stories/{id}/revisions"),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    let revisions = history["revisions"].as_array().unwrap();
    let kinds: Vec<&str> = revisions
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "rejected",
            "published",
            "resubmitted",
            "rejected",
            "created"
        ]
    );
    let edit = &revisions[2];
    assert_eq!(edit["editor"], "Anna");
    assert_eq!(edit["changed"], json!(["title", "body"]));
    let diff: Vec<String> = edit["body_diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["sign"].as_str().unwrap().to_owned())
        .collect();
    assert!(diff.contains(&"-".to_owned()) && diff.contains(&"+".to_owned()));
    assert_eq!(revisions[3]["note"], "Noem de klant niet");
    assert_eq!(revisions[0]["editor"], "Mia");

    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}/revisions"), As::Staff("bob"))
        .await;
    assert_eq!(
        status,
        Status::NotFound,
        "bob cannot see the unpublished story"
    );
    let (status, html) = app
        .get_html(&format!("/stories/{id}/history"), As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("Tweede versie") && html.contains("Bewerkt"));
}

#[rocket::async_test]
async fn others_cannot_read_the_history_of_a_published_story() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Openbaar", &["klantgericht"])
        .await;
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}/revisions"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::Forbidden);
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(!page.contains("/history"), "no link for bob");
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Staff("anna"))
        .await;
    assert!(page.contains(&format!("/stories/{id}/history")));
}

#[rocket::async_test]
async fn an_anonymous_story_hides_its_author_from_everyone_but_managers() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Anoniem maar waar",
            "Ik hielp een collega met een lastige klant, ook al was het mijn vrije middag.",
            json!({"anonymous": true, "team": "Planning"}),
        )
        .await;
    for who in [As::Anonymous, As::Staff("bob")] {
        let (_, story) = app.get_json(&format!("/api/v1/stories/{id}"), who).await;
        assert!(story["author"].get("name").is_none(), "{story}");
        assert!(story["author"].get("id").is_none());
        assert_eq!(story["author"]["anonymous"], true);
    }
    let (_, listed) = app.get_json("/api/v1/stories", As::Staff("bob")).await;
    assert!(listed["stories"][0]["author"].get("name").is_none());
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(html.contains("een collega van Planning"));
    assert!(!html.contains("Anna"));
    let (_, home) = app.get_html("/", As::Anonymous).await;
    assert!(home.contains("een collega van Planning") && !home.contains("Anna"));

    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Manager("mia"))
        .await;
    assert_eq!(
        story["author"]["name"], "Anna",
        "managers still see the author"
    );
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Manager("mia"))
        .await;
    assert!(html.contains("Anna (anoniem gepubliceerd)"));
}

#[rocket::async_test]
async fn managers_adjust_tags_with_a_note_in_the_history() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Verkeerd gelabeld", &["klantgericht"])
        .await;
    let (status, story) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}/values"),
            &json!({"values": ["samen-sterker"], "note": "Dit gaat over collega's"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok, "{story}");
    assert_eq!(story["values"][0]["slug"], "samen-sterker");
    let (status, body) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{id}/values"),
            &json!({"values": []}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(body["errors"][0]["field"], "values");
    let (_, history) = app
        .get_json(
            &format!("/api/v1/stories/{id}/revisions"),
            As::Staff("anna"),
        )
        .await;
    let latest = &history["revisions"][0];
    assert_eq!(latest["kind"], "retagged");
    assert_eq!(latest["changed"], json!(["values"]));
    assert_eq!(latest["note"], "Dit gaat over collega's");
    assert_eq!(latest["values"], json!(["samen-sterker"]));

    // The same through the page's form.
    let response = app
        .post_form(
            &format!("/moderation/{id}/values"),
            &form(&[("values", "klantgericht"), ("back", "/moderation")]),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(location(&response), "/moderation");
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Manager("mia"))
        .await;
    assert_eq!(story["values"][0]["slug"], "klantgericht");
}

#[rocket::async_test]
async fn the_queue_shows_the_authors_other_stories() {
    let app = TestApp::spawn().await;
    let earlier = app
        .submit_published(As::Staff("anna"), "Eerder verhaal", &["klantgericht"])
        .await;
    let waiting = app
        .submit(As::Staff("anna"), "Nieuw verhaal", &["klantgericht"])
        .await;
    app.submit(As::Staff("bob"), "Van Bob", &["klantgericht"])
        .await;
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    let item = body["queue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["story"]["id"] == waiting)
        .unwrap()
        .clone();
    let others: Vec<i64> = item["others"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(others, vec![earlier]);
    let (_, html) = app.get_html("/moderation", As::Manager("mia")).await;
    assert!(html.contains("1 ander verhaal van deze auteur"));
    assert!(html.contains("Eerder verhaal"));
}

#[rocket::async_test]
async fn a_featured_story_leads_its_value_page() {
    let app = TestApp::spawn().await;
    let old = app
        .submit_published(As::Staff("anna"), "Het oude pareltje", &["klantgericht"])
        .await;
    app.submit_published(As::Staff("bob"), "Gewoon nieuw", &["klantgericht"])
        .await;
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{old}/featured"),
            &Value::Null,
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Forbidden, "only managers feature");
    let response = app
        .post_form(
            &format!("/moderation/{old}/feature"),
            "featured=true",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    let featured_at = html.find("Het oude pareltje").unwrap();
    let newer_at = html.find("Gewoon nieuw").unwrap();
    assert!(featured_at < newer_at, "featured first, although older");
    assert!(html.contains("Uitgelicht"));
    assert_eq!(
        html.matches(&format!("href=\"/stories/{old}\"")).count(),
        1,
        "not listed twice"
    );

    // Taken offline, it is no longer featured.
    app.moderate(
        old,
        "reject",
        &json!({"reason": "Verouderd"}),
        As::Manager("mia"),
    )
    .await;
    let (_, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(!html.contains("Het oude pareltje") && !html.contains("Uitgelicht"));
}

#[rocket::async_test]
async fn value_pages_filter_sort_and_paginate() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 1000))).await;
    let en = app
        .publish_story(
            "Quiet help",
            "The engineer stayed until the heat pump worked again, well after five.",
            json!({"team": "Service", "audience": "customer", "lang": "en"}),
        )
        .await;
    let colleague = app
        .publish_story(
            "Samen de planning rond",
            "We hielpen de collega's van planning met hun rooster voor de feestdagen.",
            json!({"team": "Planning", "audience": "colleague"}),
        )
        .await;
    let (_, html) = app
        .get_html("/values/klantgericht?lang=en", As::Anonymous)
        .await;
    assert!(html.contains("Quiet help") && !html.contains("Samen de planning rond"));
    let (_, html) = app
        .get_html("/values/klantgericht?audience=colleague", As::Anonymous)
        .await;
    assert!(!html.contains("Quiet help") && html.contains("Samen de planning rond"));
    let (_, html) = app
        .get_html("/values/klantgericht?team=Service", As::Anonymous)
        .await;
    assert!(html.contains("Quiet help") && !html.contains("Samen de planning rond"));
    assert!(
        html.contains("<option selected>Service</option>"),
        "the filter is kept"
    );
    let (_, html) = app
        .get_html("/values/klantgericht?team=Niemand", As::Anonymous)
        .await;
    assert!(html.contains("Geen verhalen met deze filters"));
    let (_, html) = app
        .get_html("/values/klantgericht?period=month", As::Anonymous)
        .await;
    assert!(html.contains("Quiet help"), "published just now");

    // Most inspiring first: the colleague story gets two marks.
    for who in [As::Staff("bob"), As::Staff("carla")] {
        let (status, _) = app
            .send_json(
                "PUT",
                &format!("/api/v1/stories/{colleague}/inspired"),
                &Value::Null,
                who,
            )
            .await;
        assert_eq!(status, Status::Ok);
    }
    let (_, newest) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(newest.find("Samen de planning rond") < newest.find("Quiet help"));
    let (_, html) = app
        .get_html("/values/klantgericht?sort=inspiring", As::Anonymous)
        .await;
    let (_, _) = (en, colleague);
    assert!(html.find("Samen de planning rond") < html.find("Quiet help"));
    // Make the older story the most inspiring to see the order flip.
    for who in ["dirk", "eva", "fien"] {
        let who = As::Staff(Box::leak(who.to_owned().into_boxed_str()));
        app.send_json(
            "PUT",
            &format!("/api/v1/stories/{en}/inspired"),
            &Value::Null,
            who,
        )
        .await;
    }
    let (_, html) = app
        .get_html("/values/klantgericht?sort=inspiring", As::Anonymous)
        .await;
    assert!(html.find("Quiet help") < html.find("Samen de planning rond"));
    let (_, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(html.find("Samen de planning rond") < html.find("Quiet help"));

    // Pagination: 20 a page, the filters kept in the links.
    for n in 0..21 {
        app.submit_published(
            As::Staff("gijs"),
            &format!("Verhaal nummer {n}"),
            &["klantgericht"],
        )
        .await;
    }
    let (_, first) = app
        .get_html("/values/klantgericht?sort=inspiring", As::Anonymous)
        .await;
    assert!(first.contains("Pagina 1 van 2"));
    let next = first
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .unwrap();
    assert!(
        next.starts_with("/values/klantgericht?sort=inspiring&") && next.contains("page=2"),
        "the sort is kept: {next}"
    );
    let (_, second) = app
        .get_html("/values/klantgericht?sort=inspiring&page=2", As::Anonymous)
        .await;
    assert!(second.contains("Pagina 2 van 2") && second.contains("rel=\"prev\""));
}

#[rocket::async_test]
async fn under_post_moderation_staff_report_and_managers_decide() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    let id = app
        .submit(As::Staff("anna"), "Met klantnaam", &["klantgericht"])
        .await;
    app.search_caught_up().await;
    assert_eq!(app.search("klantnaam").await.0, vec![id], "online at once");
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(
        page.contains(&format!("/stories/{id}/report")),
        "a report button"
    );
    let (_, own) = app
        .get_html(&format!("/stories/{id}"), As::Staff("anna"))
        .await;
    assert!(!own.contains("/report\""), "not on one's own story");

    let response = app
        .post_form(
            &format!("/stories/{id}/report"),
            "reason=",
            As::Staff("bob"),
        )
        .await;
    assert_eq!(
        response.status(),
        Status::SeeOther,
        "sent back with the error"
    );
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert!(
        body["reported"].as_array().unwrap().is_empty(),
        "an empty report is refused"
    );
    let response = app
        .post_form(
            &format!("/stories/{id}/report"),
            &form(&[("reason", "De klant wordt bij naam genoemd")]),
            As::Staff("bob"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    let reported = body["reported"].as_array().unwrap();
    assert_eq!(reported.len(), 1);
    assert_eq!(
        reported[0]["reports"][0]["reason"],
        "De klant wordt bij naam genoemd"
    );
    assert!(
        reported[0]["reports"][0].get("reporter").is_none(),
        "reporters stay anonymous"
    );
    let (_, html) = app.get_html("/moderation", As::Manager("mia")).await;
    assert!(html.contains("Gemelde verhalen") && html.contains("bij naam genoemd"));

    // Dismissed: the story stays, the report is gone.
    let (status, _) = app
        .send_json(
            "DELETE",
            &format!("/api/v1/stories/{id}/reports"),
            &Value::Null,
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::NoContent);
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert!(body["reported"].as_array().unwrap().is_empty());

    // Reported again and taken offline: hidden from search.
    let (status, _) = app
        .send_json(
            "POST",
            &format!("/api/v1/stories/{id}/reports"),
            &json!({"reason": "Nog steeds de naam"}),
            As::Staff("carla"),
        )
        .await;
    assert_eq!(status, Status::NoContent);
    app.moderate(
        id,
        "reject",
        &json!({"reason": "Zonder naam graag"}),
        As::Manager("mia"),
    )
    .await;
    app.search_caught_up().await;
    assert!(app.search("klantnaam").await.0.is_empty());
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert!(
        body["reported"].as_array().unwrap().is_empty(),
        "resolved by taking it down"
    );
}

#[rocket::async_test]
async fn under_pre_moderation_there_is_no_report_button() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Gewoon goed", &["klantgericht"])
        .await;
    let (_, page) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert!(!page.contains("/report"));
    let response = app
        .post_form(
            &format!("/stories/{id}/report"),
            "reason=iets",
            As::Staff("bob"),
        )
        .await;
    assert_eq!(response.status(), Status::Conflict);
}
