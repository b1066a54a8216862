//! The gentle notice on the story form when a published story is very like
//! the one being written.

use rocket::http::Status;

use crate::helpers::{As, TestApp};

const RETURN_STORY: &str = "Half mei kreeg ik een storingsmelding bij meneer Verhoeven in Deventer: zijn omvormer gaf al drie dagen een foutcode. Ter plekke bleek het een defecte printplaat. De fabrikant wil het hele apparaat terug voor onderzoek. Zo'n retour duurt vier tot zes weken, en dat heb ik hem meteen eerlijk gezegd. Ik heb toen de werkplaats gebeld: daar stond nog een geteste leenomvormer van hetzelfde vermogen. Donderdag om half negen hing die aan de muur, en zijn panelen leverden weer op.";

async fn ask(app: &TestApp, form: &str, except: Option<i64>, who: As) -> (Status, String) {
    let path = match except {
        Some(id) => format!("/similar?except={id}"),
        None => "/similar".to_owned(),
    };
    let response = app.post_form(&path, form, who).await;
    let status = response.status();
    (status, response.into_string().await.unwrap_or_default())
}

fn form(title: &str, body: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("title", title)
        .append_pair("body", body)
        .finish()
}

#[rocket::async_test]
async fn a_story_very_like_a_published_one_gets_a_friendly_pointer_to_it() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Omvormer op retour, klant hoefde niet te wachten",
            RETURN_STORY,
            serde_json::json!({}),
        )
        .await;
    app.search_caught_up().await;

    // The same event, retold with a line of one's own.
    let retold =
        format!("{RETURN_STORY} Achteraf belde ik hem nog om te horen of alles goed ging.");
    let (status, notice) = ask(
        &app,
        &form("Leenomvormer voor meneer Verhoeven", &retold),
        None,
        As::Staff("bob"),
    )
    .await;
    assert_eq!(status, Status::Ok);
    assert!(
        notice.contains(&format!("href=\"/stories/{id}\"")),
        "{notice}"
    );
    assert!(notice.contains("Klinkt bekend!"));

    // A different story about customers is not "very like" it.
    let other = "Een klant belde boos omdat de monteur te laat was. Ik heb geluisterd, mijn excuses aangeboden en samen met de planning een nieuwe afspraak gemaakt op een tijd die haar beter uitkwam. Ze bedankte ons later met een kaartje.";
    let (status, _) = ask(
        &app,
        &form("Boze klant gerustgesteld", other),
        None,
        As::Staff("bob"),
    )
    .await;
    assert_eq!(status, Status::NoContent);

    // Editing the story itself: never similar to itself.
    let (status, _) = ask(
        &app,
        &form("Omvormer op retour", RETURN_STORY),
        Some(id),
        As::Staff("anna"),
    )
    .await;
    assert_eq!(status, Status::NoContent);

    // Signed out: no answer.
    let (status, _) = ask(&app, &form("x", &retold), None, As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
}

#[rocket::async_test]
async fn without_javascript_the_preview_shows_the_notice_and_unpublished_stories_never_do() {
    let app = TestApp::spawn().await;
    // Pending: not published, so never pointed to.
    let pending = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &serde_json::json!({"title": "Nog niet gepubliceerd", "body": RETURN_STORY, "values": ["klantgericht"]}),
            As::Staff("anna"),
        )
        .await
        .1["id"]
        .as_i64()
        .unwrap();
    app.search_caught_up().await;
    let preview = |body: &str| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("title", "Leenomvormer")
            .append_pair("body", body)
            .append_pair("values", "klantgericht")
            .append_pair("intent", "preview")
            .finish()
    };
    let page = app
        .post_form("/stories", &preview(RETURN_STORY), As::Staff("bob"))
        .await
        .into_string()
        .await
        .unwrap();
    assert!(!page.contains(&format!("href=\"/stories/{pending}\"")));
    assert!(!page.contains("similar-notice"));

    let id = app
        .publish_story("Omvormer op retour", RETURN_STORY, serde_json::json!({}))
        .await;
    app.search_caught_up().await;
    let page = app
        .post_form("/stories", &preview(RETURN_STORY), As::Staff("bob"))
        .await
        .into_string()
        .await
        .unwrap();
    assert!(page.contains("class=\"similar-notice\""), "{page}");
    assert!(page.contains(&format!("href=\"/stories/{id}\"")));
    // Only a notice: the text typed is still in the form.
    assert!(page.contains("Half mei kreeg ik een storingsmelding"));
}
