//! Promises found broken by testing the running service as an attacker and
//! a careless client would: a take-down stays down, what is hidden leaves
//! search at once, no query gives a 5xx, and bad requests get the documented
//! answer.

use rocket::http::{ContentType, Header, Status};
use serde_json::{Value, json};

use crate::helpers::{As, PROXY, TestApp, story_json};

/// The story as `who` gets it: status and the whole body.
async fn story(app: &TestApp, id: i64, who: As) -> (Status, Value) {
    app.get_json(&format!("/api/v1/stories/{id}"), who).await
}

async fn queue_ids(app: &TestApp) -> Vec<i64> {
    let (_, body) = app.get_json("/api/v1/moderation", As::Manager("mia")).await;
    body["queue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["story"]["id"].as_i64().unwrap())
        .collect()
}

#[rocket::async_test]
async fn a_take_down_stays_down_when_its_author_edits_under_either_moderation_mode() {
    for mode in ["post", "pre"] {
        let app = TestApp::spawn_with(|f| f.merge(("moderation", mode))).await;
        let id = app
            .submit_published(As::Staff("anna"), "Mijn verhaal", &["klantgericht"])
            .await;
        let (status, _) = app
            .moderate(
                id,
                "reject",
                &json!({"reason": "Klantnaam"}),
                As::Manager("mia"),
            )
            .await;
        assert_eq!(status, Status::Ok);

        // The author sends it again, unchanged.
        let (status, edited) = app
            .edit(
                id,
                &story_json("Mijn verhaal", &["klantgericht"]),
                As::Staff("anna"),
            )
            .await;
        assert_eq!(status, Status::Ok, "{mode}: {edited}");
        assert_eq!(edited["status"], "pending", "{mode}: back to the queue");
        assert_eq!(story(&app, id, As::Anonymous).await.0, Status::NotFound);
        assert_eq!(queue_ids(&app).await, [id], "{mode}: waits for a manager");
        let (_, search) = app.search("q=klant").await;
        assert!(search["hits"].as_array().unwrap().is_empty(), "{mode}");

        // A second edit while it waits keeps it waiting.
        let (_, again) = app
            .edit(
                id,
                &story_json("Mijn verhaal, beter", &["klantgericht"]),
                As::Staff("anna"),
            )
            .await;
        assert_eq!(again["status"], "pending", "{mode}");

        // The history says what happened.
        let (_, history) = app
            .get_json(
                &format!("/api/v1/stories/{id}/revisions"),
                As::Manager("mia"),
            )
            .await;
        let kinds: Vec<&str> = history["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["kind"].as_str().unwrap())
            .collect();
        assert!(kinds.contains(&"resubmitted"), "{mode}: {kinds:?}");

        // Only a manager brings it back.
        app.publish(id).await;
        assert_eq!(story(&app, id, As::Anonymous).await.0, Status::Ok);
    }
}

/// The titles a search shows for `q` on the API, the page and the embed.
async fn found_everywhere(app: &TestApp, q: &str, title: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    let (_, api) = app
        .get_json(&format!("/api/v1/search?q={q}"), As::Anonymous)
        .await;
    if api.to_string().contains(title) {
        found.push("api");
    }
    let (_, page) = app.get_html(&format!("/search?q={q}"), As::Anonymous).await;
    if crate::helpers::unmarked(&page).contains(title) {
        found.push("page");
    }
    let (_, embed) = app
        .get_html(&format!("/embed/search?q={q}"), As::Anonymous)
        .await;
    if crate::helpers::unmarked(&embed).contains(title) {
        found.push("embed");
    }
    found
}

#[rocket::async_test]
async fn what_a_request_hides_is_gone_from_search_when_it_returns() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for title in ["Zonnepanelen één", "Zonnepanelen twee", "Zonnepanelen drie"] {
        ids.push(
            app.publish_story(
                title,
                "De zonnepanelen lagen er binnen een dag, tot tevredenheid van de klant.",
                json!({}),
            )
            .await,
        );
    }
    app.search_caught_up().await;
    assert_eq!(
        found_everywhere(&app, "zonnepanelen", "Zonnepanelen één").await,
        ["api", "page", "embed"]
    );
    let (_, related) = app
        .get_json(
            &format!("/api/v1/stories/{}/related", ids[2]),
            As::Anonymous,
        )
        .await;
    assert_eq!(related["stories"].as_array().unwrap().len(), 2);

    // Each is checked right after the request returns, without waiting.
    let (status, _) = app
        .moderate(
            ids[0],
            "reject",
            &json!({"reason": "Nee"}),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        found_everywhere(&app, "zonnepanelen", "Zonnepanelen één")
            .await
            .is_empty()
    );
    assert_eq!(
        app.withdraw(ids[1], As::Staff("anna")).await,
        Status::NoContent
    );
    assert!(
        found_everywhere(&app, "zonnepanelen", "Zonnepanelen twee")
            .await
            .is_empty()
    );
    let (_, related) = app
        .get_json(
            &format!("/api/v1/stories/{}/related", ids[2]),
            As::Anonymous,
        )
        .await;
    assert_eq!(related["stories"], json!([]), "related lists follow too");
    // Under pre-moderation an edit sends the story back to the queue.
    let (status, _) = app
        .send_json(
            "PUT",
            &format!("/api/v1/stories/{}", ids[2]),
            &json!({"title": "Zonnepanelen drie", "body": "De zonnepanelen lagen er binnen een dag, en nu beter verteld.", "values": ["klantgericht"]}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        found_everywhere(&app, "zonnepanelen", "Zonnepanelen drie")
            .await
            .is_empty()
    );
    let (_, all) = app.get_json("/api/v1/search", As::Anonymous).await;
    assert_eq!(all["total"], 0, "counts leave them out too: {all}");

    // Once indexed, what is published again is found again.
    app.publish(ids[2]).await;
    let (hits, _) = app.search("q=zonnepanelen").await;
    assert_eq!(hits, [ids[2]]);
}

#[rocket::async_test]
async fn no_query_syntax_gives_a_server_error() {
    let app = TestApp::spawn().await;
    app.publish_story(
        "Titel met klant",
        "Een verhaal over een klant die tevreden was over de monteur.",
        json!({}),
    )
    .await;
    app.search_caught_up().await;
    for q in [
        "title:*",
        "title_nl:*",
        "body_en:*",
        "lang:*",
        "x:*",
        "a:*",
        "*",
        "published_at:[0 TO 5]",
        "id:>3",
        "team: IN [a b]",
        "klant^2",
        "\"klant\"~3",
        "(klant",
        "'klant",
        "-",
        "--",
        "\"",
        "OR",
        "NOT klant",
        "klant AND",
        "\\",
        "title:klant",
    ] {
        let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        for path in ["/api/v1/search", "/search", "/embed/search"] {
            let response = app.get(&format!("{path}?q={encoded}"), As::Anonymous).await;
            assert_eq!(response.status(), Status::Ok, "{path}?q={q}");
        }
    }
    // A field name is read as a word; syntax alone is no query at all.
    let (hits, _) = app.search("q=title%3Aklant").await;
    assert_eq!(hits.len(), 1, "title:klant finds the story with both words");
    let (hits, _) = app.search("q=*").await;
    assert_eq!(hits.len(), 1, "* lists everything, like an empty query");
    let (hits, _) = app.search("q=%2Fklant%2F").await;
    assert_eq!(hits.len(), 1, "/klant/ is the word klant, not a regex");
}

#[rocket::async_test]
async fn any_query_string_gives_200_or_400_never_a_server_error() {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let app = TestApp::spawn().await;
    app.publish_story(
        "Een verhaal",
        "Over een klant, een monteur en zonnepanelen op het dak.",
        json!({}),
    )
    .await;
    app.search_caught_up().await;
    let piece = prop_oneof![
        Just("title:".to_owned()),
        Just("title_nl:".to_owned()),
        Just("body_en:".to_owned()),
        Just("lang:".to_owned()),
        Just("published_at:".to_owned()),
        Just("value:".to_owned()),
        prop::sample::select(vec![
            "*", "\"", "'", "-", "+", "(", ")", "[", "]", "{", "}", "^", "~", "\\", ":", "!", "<",
            ">", "=", "OR", "AND", "NOT", "TO", "IN", " ", "klant", "monteur", "2", "é",
        ])
        .prop_map(str::to_owned),
        "\\PC{0,4}",
    ];
    let query = prop::collection::vec(piece, 0..16).prop_map(|parts| parts.concat());
    let mut runner = TestRunner::deterministic();
    for _ in 0..400 {
        let q = query.new_tree(&mut runner).unwrap().current();
        let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
        let response = app
            .get(&format!("/api/v1/search?q={encoded}"), As::Anonymous)
            .await;
        let status = response.status();
        assert!(
            status == Status::Ok || status == Status::BadRequest,
            "q={q:?}: {status}"
        );
    }
}

#[rocket::async_test]
async fn bad_requests_get_the_documented_answers() {
    let app = TestApp::spawn().await;
    // Ids that are no ids: nothing to find.
    for path in [
        "/api/v1/stories/2147483648",
        "/api/v1/stories/abc",
        "/api/v1/stories/%FF",
        "/api/v1/stories/-1x/related",
    ] {
        let (status, body) = app.get_json(path, As::Anonymous).await;
        assert_eq!(status, Status::NotFound, "{path}: {body}");
        assert_eq!(body["code"], "error-not-found", "{path}");
    }
    // A JSON body that is not UTF-8 is invalid input.
    let response = app
        .client
        .post("/api/v1/stories")
        .remote(PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(ContentType::JSON)
        .body(b"{\"title\": \"\xff\xfe\"}".as_slice())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);

    // However many values are wrong, the answer stays small.
    // 10,000 unknown values in about 40 KiB.
    let values = vec!["x"; 10_000];
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &json!({"title": "Veel", "body": "Een verhaal met heel veel waarden erbij.", "values": values}),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(status, Status::UnprocessableEntity);
    assert_eq!(body["errors"].as_array().unwrap().len(), 20);
    assert!(
        body.to_string().len() < 8_000,
        "{} bytes",
        body.to_string().len()
    );

    // A token in a URL is refused on pages as in the API.
    for path in [
        "/search?access_token=mwt_x",
        "/api/v1/search?access_token=mwt_x",
    ] {
        assert_eq!(
            app.get(path, As::Anonymous).await.status(),
            Status::BadRequest,
            "{path}"
        );
    }

    // Limits are checked, not clamped.
    let id = app
        .publish_story(
            "Gewoon",
            "Een verhaal dat lang genoeg is om te tonen.",
            json!({}),
        )
        .await;
    for limit in ["-10", "0", "11", "x"] {
        let (status, body) = app
            .get_json(
                &format!("/api/v1/stories/{id}/related?limit={limit}"),
                As::Anonymous,
            )
            .await;
        assert_eq!(status, Status::UnprocessableEntity, "limit={limit}");
        assert_eq!(body["errors"][0]["field"], "limit");
    }

    // A method the API does not have on an address it has.
    let response = app
        .client
        .patch(format!("/api/v1/stories/{id}"))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::MethodNotAllowed);
    let allow = response
        .headers()
        .get_one("Allow")
        .unwrap_or_default()
        .to_owned();
    assert!(
        allow.contains("GET") && allow.contains("PUT") && allow.contains("DELETE"),
        "{allow}"
    );
    let response = app.client.delete("/api/v1/values").dispatch().await;
    assert_eq!(response.status(), Status::MethodNotAllowed);
    assert_eq!(
        app.client
            .delete("/api/v1/nothing")
            .dispatch()
            .await
            .status(),
        Status::NotFound
    );
}
