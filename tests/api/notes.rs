//! Thank-you notes: who may write, read and take them down, who is told,
//! reports, limits, and that they never reach search, feeds or widgets.

use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, error_fields, story_json};
use crate::notifications::notices;

async fn note(app: &TestApp, story: i64, body: &str, who: As) -> (Status, Value) {
    app.send_json(
        "POST",
        &format!("/api/v1/stories/{story}/notes"),
        &json!({"body": body}),
        who,
    )
    .await
}

#[rocket::async_test]
async fn a_note_under_a_published_story_reaches_the_author_and_the_named() {
    let app = TestApp::spawn().await;
    for who in [As::Staff("bob"), As::Staff("carla")] {
        app.get("/", who).await;
    }
    let mut story = story_json("Samen gered", &["samen-sterker"]);
    story["people"] = json!(["bob"]);
    let (_, created) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
        .await;
    let id = created["id"].as_i64().unwrap();
    // Not yet published: no notes.
    let (status, _) = note(&app, id, "Dank je!", As::Manager("mia")).await;
    assert_eq!(status, Status::Conflict);
    app.publish(id).await;

    let (status, written) = note(
        &app,
        id,
        "Wat **mooi** gedaan, dank jullie!",
        As::Staff("carla"),
    )
    .await;
    assert_eq!(status, Status::Created, "{written}");
    assert_eq!(written["writer"], json!({"id": "carla", "name": "Carla"}));
    assert_eq!(
        written["body_html"],
        "<p>Wat <strong>mooi</strong> gedaan, dank jullie!</p>\n"
    );

    for who in [As::Staff("anna"), As::Staff("bob")] {
        let body = notices(&app, who).await;
        let texts: Vec<&str> = body["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|n| n["kind"] == "note")
            .map(|n| n["text"].as_str().unwrap())
            .collect();
        assert_eq!(
            texts,
            ["Carla liet een bedankje achter bij je verhaal “Samen gered”."],
            "{who:?}"
        );
    }
    assert_eq!(
        notices(&app, As::Staff("carla")).await["unread"],
        0,
        "not the writer"
    );

    // Everyone who can read the story reads the notes, also without signing in.
    let (status, list) = app
        .get_json(&format!("/api/v1/stories/{id}/notes"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
    assert_eq!(list["notes"].as_array().unwrap().len(), 1);
    assert_eq!(list["notes"][0]["can_delete"], false);
    let (_, page) = app.get_html(&format!("/stories/{id}"), As::Anonymous).await;
    assert!(page.contains("Wat <strong>mooi</strong> gedaan"));
}

#[rocket::async_test]
async fn bad_notes_are_refused_and_the_form_keeps_the_text() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let (status, body) = note(&app, id, " ", As::Staff("bob")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(error_fields(&body), ["body"]);
    let (status, _) = note(&app, id, &"x".repeat(1001), As::Staff("bob")).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let (status, _) = note(&app, id, "Dank!", As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);

    let response = app
        .post_form(&format!("/stories/{id}/notes"), "body=x", As::Staff("bob"))
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let page = response.into_string().await.unwrap();
    assert!(page.contains(">x</textarea>"), "the text stays");
    assert!(page.contains("id=\"note-error\""));

    let response = app
        .post_form(
            &format!("/stories/{id}/notes"),
            "body=Heel+fijn%2C+dank+je!",
            As::Staff("bob"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, list) = app
        .get_json(&format!("/api/v1/stories/{id}/notes"), As::Anonymous)
        .await;
    assert_eq!(list["notes"][0]["body"], "Heel fijn, dank je!");
    let (_, list) = app
        .get_json(&format!("/api/v1/stories/{id}/notes"), As::Staff("bob"))
        .await;
    assert_eq!(list["notes"][0]["can_delete"], true);
}

#[rocket::async_test]
async fn notes_are_limited_per_person() {
    let app = TestApp::spawn_with(|f| f.merge(("notes_per_hour", 2))).await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    for n in 0..2 {
        assert_eq!(
            note(&app, id, &format!("Dank {n}"), As::Staff("bob"))
                .await
                .0,
            Status::Created
        );
    }
    let (status, _) = note(&app, id, "Nog eens", As::Staff("bob")).await;
    assert_eq!(status, Status::TooManyRequests);
    assert_eq!(
        note(&app, id, "Ik ook", As::Staff("carla")).await.0,
        Status::Created
    );
}

#[rocket::async_test]
async fn its_writer_or_a_manager_takes_a_note_down_and_a_report_reaches_managers() {
    let app = TestApp::spawn().await;
    app.get("/", As::Manager("mia")).await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let (_, first) = note(&app, id, "Eerste bedankje", As::Staff("bob")).await;
    let (_, second) = note(&app, id, "Iets onaardigs", As::Staff("bob")).await;
    let (first, second) = (
        first["id"].as_i64().unwrap(),
        second["id"].as_i64().unwrap(),
    );
    // Someone else may not; its writer may.
    assert_eq!(
        app.send_json(
            "DELETE",
            &format!("/api/v1/notes/{first}"),
            &Value::Null,
            As::Staff("carla")
        )
        .await
        .0,
        Status::Forbidden
    );
    assert_eq!(
        app.send_json(
            "DELETE",
            &format!("/api/v1/notes/{first}"),
            &Value::Null,
            As::Staff("bob")
        )
        .await
        .0,
        Status::NoContent
    );

    // Reported: the managers are told, and see it on the moderation page.
    let (status, body) = app
        .send_json(
            "POST",
            &format!("/api/v1/notes/{second}/reports"),
            &json!({"reason": "Dit is niet vriendelijk."}),
            As::Staff("carla"),
        )
        .await;
    assert_eq!(status, Status::NoContent, "{body}");
    let told = notices(&app, As::Manager("mia")).await;
    assert_eq!(
        told["notifications"][0]["text"],
        "Een bedankje bij “Een verhaal” is gemeld: Dit is niet vriendelijk."
    );
    let (_, moderation) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert_eq!(moderation["reported_notes"][0]["note"]["id"], second);
    assert_eq!(
        moderation["reported_notes"][0]["reasons"],
        json!(["Dit is niet vriendelijk."])
    );
    let (_, page) = app.get_html("/moderation", As::Manager("mia")).await;
    assert!(page.contains("Gemelde bedankjes"));

    // The manager takes it down from the moderation page.
    let response = app
        .post_form(
            &format!("/notes/{second}/remove"),
            "back=%2Fmoderation",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(response.headers().get_one("Location"), Some("/moderation"));
    let (_, list) = app
        .get_json(&format!("/api/v1/stories/{id}/notes"), As::Anonymous)
        .await;
    assert_eq!(list["notes"], json!([]));
    let (_, moderation) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    assert_eq!(moderation["reported_notes"], json!([]));
}

#[rocket::async_test]
async fn notes_stay_out_of_search_feeds_widgets_and_the_story_json() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    note(&app, id, "Zeldzaamwoord in een bedankje", As::Staff("bob")).await;
    let (hits, _) = app.search("q=zeldzaamwoord").await;
    assert!(hits.is_empty(), "{hits:?}");
    let (_, story) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert!(!story.to_string().contains("Zeldzaamwoord"));
    let (_, feed) = app.get_html("/feed.atom", As::Anonymous).await;
    assert!(!feed.contains("Zeldzaamwoord"));
    let (_, embed) = app
        .get_html(&format!("/embed/stories/{id}"), As::Anonymous)
        .await;
    assert!(!embed.contains("Zeldzaamwoord"));
}

#[rocket::async_test]
async fn ones_notes_names_and_notifications_are_in_the_download() {
    let app = TestApp::spawn().await;
    app.get("/", As::Staff("bob")).await;
    let mut story = story_json("Met bob", &["klantgericht"]);
    story["people"] = json!(["bob"]);
    let (_, created) = app
        .send_json("POST", "/api/v1/stories", &story, As::Staff("anna"))
        .await;
    let id = created["id"].as_i64().unwrap();
    app.publish(id).await;
    note(&app, id, "Graag gedaan!", As::Staff("bob")).await;
    let (status, export) = app.get_json("/api/v1/me/export", As::Staff("bob")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(export["notes"][0]["body"], "Graag gedaan!");
    assert_eq!(export["notes"][0]["story_id"], id);
    assert_eq!(export["named_in"], json!([id]));
    assert_eq!(export["notifications"][0]["kind"], "named");
    assert_eq!(export["notification_settings"][0]["kind"], "published");
}

/// Markup that must never reach a page, a mail or a webhook as markup.
const HOSTILE: [&str; 8] = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "\"><svg onload=alert(3)>",
    "<math><mtext><img src=x onerror=alert(4)></mtext></math>",
    "<a href=\"jAvAsCrIpT:alert(5)\">x</a>",
    "[klik](javascript:alert(6))",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<div style=\"position:fixed\" onclick=\"x()\">div</div>",
];

fn assert_inert(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for live in [
        "<script",
        "<img src=x",
        "<svg onload",
        "<iframe",
        "href=\"javascript:",
        "href=\"jAvAsCrIpT:",
        "onclick=\"x()\"",
        "<math",
    ] {
        assert!(
            !lower.contains(&live.to_lowercase()),
            "{what} carries {live}: {text}"
        );
    }
}

#[rocket::async_test]
async fn hostile_titles_names_and_notes_stay_inert_in_pages_mails_and_webhooks() {
    use crate::helpers::smtp::Inbox;
    let inbox = Inbox::start();
    let url = inbox.url();
    let receiver = crate::helpers::hooks::Receiver::start(200);
    let app = TestApp::spawn_with(|f| crate::notifications::with_mail(f, &url)).await;
    app.get("/", As::Manager("mia")).await;
    app.send_json(
        "POST",
        "/api/v1/webhooks",
        &json!({"name": "Slack", "url": receiver.url("/s"), "format": "slack", "events": ["published"]}),
        As::Admin("ada"),
    )
    .await;
    app.send_json(
        "PUT",
        "/api/v1/me/notification-settings",
        &json!({"reported": "email"}),
        As::Manager("mia"),
    )
    .await;
    for (n, payload) in HOSTILE.iter().enumerate() {
        let title = format!("Titel {n} {payload}");
        let (status, created) = app
            .send_json(
                "POST",
                "/api/v1/stories",
                &json!({"title": title.chars().take(120).collect::<String>(), "body": format!("Een verhaal met {payload} erin, lang genoeg."), "values": ["klantgericht"]}),
                As::Staff("anna"),
            )
            .await;
        assert_eq!(status, Status::Created, "{created}");
        let id = created["id"].as_i64().unwrap();
        app.publish(id).await;
        let (status, written) = note(&app, id, &format!("Dank! {payload}"), As::Staff("bob")).await;
        assert_eq!(status, Status::Created, "{written}");
        assert_inert("a note's HTML", written["body_html"].as_str().unwrap());
        let note_id = written["id"].as_i64().unwrap();
        app.send_json(
            "POST",
            &format!("/api/v1/notes/{note_id}/reports"),
            &json!({"reason": format!("Meld {payload}")}),
            As::Staff("carla"),
        )
        .await;
        let (_, page) = app
            .get_html(&format!("/stories/{id}"), As::Staff("carla"))
            .await;
        assert_inert("the story page with its notes", &page);
    }
    for (path, who) in [
        ("/notifications", As::Staff("anna")),
        ("/notifications", As::Manager("mia")),
        ("/moderation", As::Manager("mia")),
        ("/my/stories", As::Staff("anna")),
    ] {
        let (status, page) = app.get_html(path, who).await;
        assert_eq!(status, Status::Ok, "{path}");
        assert_inert(path, &page);
    }
    // Mails: the author's (published, notes) and the manager's (reported).
    let mails = inbox.wait_for(HOSTILE.len() * 3).await;
    for mail in &mails {
        assert_inert("a mail's HTML", &mail.html);
    }
    let calls = receiver.wait_for(HOSTILE.len()).await;
    for call in &calls {
        // In Slack's mrkdwn only `<…>` makes a link: the one `<` is ours.
        let body = call.json();
        let text = body["blocks"][0]["text"]["text"].as_str().unwrap();
        assert_eq!(text.matches('<').count(), 1, "{text}");
        assert!(text.contains("\n<http"), "{text}");
    }
}
