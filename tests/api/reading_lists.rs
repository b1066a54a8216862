//! Browsing: the list of every story, cards with an excerpt and a reading
//! time, the value page's guidance folded away, the navigation marking
//! where the reader is, and signed-out readers led to sign-in and back.

use rocket::http::{ContentType, Header, Status};
use serde_json::json;

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn the_stories_page_lists_every_published_story_newest_first_in_pages() {
    let app = TestApp::spawn_with(|f| f.merge(("submissions_per_hour", 100))).await;
    let mut published = Vec::new();
    for n in 0..22 {
        let lang = if n % 2 == 0 { "nl" } else { "en" };
        let id = app
            .publish_story(
                &format!("Verhaal nummer {n}"),
                "Een verhaal met **vet** en een [link](https://example.org/x).",
                json!({"lang": lang}),
            )
            .await;
        published.push(id);
    }
    let pending = app
        .submit(
            As::Staff("piet"),
            "Nog niet gepubliceerd",
            &["klantgericht"],
        )
        .await;

    let (status, page) = app.get_html("/stories", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(page.contains("22 verhalen"), "{page}");
    assert!(!page.contains("Nog niet gepubliceerd"), "pending stays out");
    assert!(!page.contains(&format!("/stories/{pending}\"")));
    // Newest first: the last published leads; 20 a page.
    let first = page.find("Verhaal nummer 21").expect("newest on page 1");
    let second = page.find("Verhaal nummer 20").unwrap();
    assert!(first < second);
    assert!(
        !page.contains("Verhaal nummer 1<"),
        "page 2 holds the oldest"
    );
    assert!(
        page.contains("href=\"/stories?page=2\" rel=\"next\""),
        "{page}"
    );
    let (_, two) = app.get_html("/stories?page=2", As::Anonymous).await;
    assert!(two.contains("Verhaal nummer 1<") && two.contains("Verhaal nummer 0<"));

    // The value page's filters work here too, and the pages keep them.
    let (_, english) = app.get_html("/stories?lang=en", As::Anonymous).await;
    assert!(english.contains("11 verhalen"), "{english}");
    assert!(!english.contains("Verhaal nummer 20<"));

    // A card: the first lines as plain text, and a reading time.
    assert!(
        page.contains("<p class=\"excerpt\" lang=\"nl\">Een verhaal met vet en een link.</p>"),
        "{page}"
    );
    assert!(page.contains("1 min lezen"));

    // Linked from the home page and the navigation, marked when there.
    let (_, home) = app.get_html("/", As::Anonymous).await;
    assert!(home.contains("<a href=\"/stories\">Alle verhalen →</a>"));
    assert!(home.contains("<a href=\"/\" aria-current=\"page\">Waarden</a>"));
    assert!(page.contains("<a href=\"/stories\" aria-current=\"page\">Verhalen</a>"));
    assert!(!page.contains("<a href=\"/\" aria-current"));
}

#[rocket::async_test]
async fn an_empty_list_says_so_and_offers_the_first_story() {
    let app = TestApp::spawn().await;
    let (_, page) = app.get_html("/stories", As::Anonymous).await;
    assert!(page.contains("Nog geen gepubliceerde verhalen."), "{page}");
    let (_, filtered) = app.get_html("/stories?lang=en", As::Anonymous).await;
    assert!(
        filtered.contains("Geen verhalen met deze filters."),
        "{filtered}"
    );
    assert!(filtered.contains("href=\"/stories\""));
}

#[rocket::async_test]
async fn a_value_page_folds_its_guidance_away_once_it_has_stories() {
    let app = TestApp::spawn().await;
    let (_, page) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(
        page.contains("<details class=\"guidance\" open>"),
        "no stories yet: open"
    );
    app.submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let (_, page) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert!(page.contains("<details class=\"guidance\">"), "{page}");
    assert!(page.contains("<summary>Wat deze waarde hier betekent</summary>"));
    assert!(
        page.contains("Uitleg over <strong>"),
        "the guidance is still there"
    );
}

#[rocket::async_test]
async fn signed_out_readers_are_led_to_sign_in_and_back() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;

    // "Share a story" goes to sign-in, returning to the form.
    let (_, home) = app.get_html("/", As::Anonymous).await;
    assert!(
        home.contains("href=\"/dev/login?back=%2Fstories%2Fnew\""),
        "{home}"
    );
    // A story offers signing in to mark it, returning to the story.
    let (_, story) = app.get_html(&format!("/stories/{id}"), As::Anonymous).await;
    assert!(
        story.contains(&format!("href=\"/dev/login?back=%2Fstories%2F{id}\"")),
        "{story}"
    );
    // The "please sign in" page offers the way back to where one was.
    let (status, page) = app
        .get_html("/stories/new?value=klantgericht", As::Anonymous)
        .await;
    assert_eq!(status, Status::Unauthorized);
    assert!(
        page.contains("href=\"/dev/login?back=%2Fstories%2Fnew%3Fvalue%3Dklantgericht\""),
        "{page}"
    );

    // Signing in returns there.
    let (_, form) = app
        .get_html(
            "/dev/login?back=%2Fstories%2Fnew%3Fvalue%3Dklantgericht",
            As::Anonymous,
        )
        .await;
    assert!(
        form.contains("name=\"back\" value=\"/stories/new?value=klantgericht\""),
        "{form}"
    );
    let response = app
        .client
        .post("/dev/login")
        .header(ContentType::Form)
        .body("name=Sanne&role=staff&back=%2Fstories%2Fnew%3Fvalue%3Dklantgericht")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(
        response.headers().get_one("Location"),
        Some("/stories/new?value=klantgericht")
    );
    // Never to another site.
    for back in [
        "https%3A%2F%2Fevil.example%2F",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let response = app
            .client
            .post("/dev/login")
            .header(ContentType::Form)
            .body(format!("name=Sanne&role=staff&back={back}"))
            .dispatch()
            .await;
        assert_eq!(response.headers().get_one("Location"), Some("/"), "{back}");
    }
}

#[rocket::async_test]
async fn behind_single_sign_on_the_configured_address_is_used() {
    let app = TestApp::spawn_with(|f| {
        f.merge(("dev_login", false))
            .merge(("sign_in_url", "/oauth2/start?rd={back}"))
    })
    .await;
    let (status, page) = app.get_html("/my/stories", As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
    assert!(
        page.contains("href=\"/oauth2/start?rd=%2Fmy%2Fstories\""),
        "{page}"
    );
    let (_, home) = app.get_html("/", As::Anonymous).await;
    assert!(
        home.contains("href=\"/oauth2/start?rd=%2F\""),
        "the header's sign-in link"
    );

    // Without one, no link leads nowhere.
    let app = TestApp::spawn_with(|f| f.merge(("dev_login", false))).await;
    let (_, page) = app.get_html("/my/stories", As::Anonymous).await;
    assert!(!page.contains("oauth2") && !page.contains("/dev/login"));

    // A form posted while signed out returns to the page it was on.
    let app = TestApp::spawn_with(|f| {
        f.merge(("dev_login", false))
            .merge(("sign_in_url", "https://sso.example/start?rd={back}"))
    })
    .await;
    let response = app
        .client
        .post("/stories/1/inspired")
        .header(Header::new("Referer", "http://localhost/stories/1"))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Unauthorized);
    let page = response.into_string().await.unwrap();
    assert!(
        page.contains("href=\"https://sso.example/start?rd=%2Fstories%2F1\""),
        "{page}"
    );
}

#[rocket::async_test]
async fn a_bad_sign_in_address_refuses_to_start_naming_the_key() {
    let tmp = tempfile::TempDir::new().unwrap();
    crate::helpers::write_default_content(&tmp.path().join("content"));
    let figment =
        crate::helpers::base_figment(tmp.path()).merge(("sign_in_url", "javascript:alert(1)"));
    let Err(error) = merkwaardig::build(figment).await else {
        panic!("the app started with a bad sign-in address");
    };
    assert!(error.to_string().contains("sign_in_url"), "{error}");
}

#[rocket::async_test]
async fn a_person_and_a_team_have_pages_and_anonymous_stories_stay_off_them() {
    let app = TestApp::spawn().await;
    let named = app
        .publish_story(
            "Met naam",
            "Dit verhaal staat op mijn pagina.",
            json!({"team": "Monteurs"}),
        )
        .await;
    let hidden = app
        .publish_story(
            "Zonder naam",
            "Dit verhaal deelde ik anoniem.",
            json!({"team": "Monteurs", "anonymous": true}),
        )
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Wacht nog", &["klantgericht"])
        .await;

    // The card links the author's name and the team.
    let (_, list) = app.get_html("/stories", As::Anonymous).await;
    assert!(list.contains("<a href=\"/people/anna\">Anna</a>"), "{list}");
    assert!(list.contains("<a href=\"/stories?team=Monteurs\">Monteurs</a>"));

    let (status, person) = app.get_html("/people/anna", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(
        person.contains("<h1 id=\"stories\">Verhalen van Anna</h1>"),
        "{person}"
    );
    assert!(person.contains(&format!("/stories/{named}\"")));
    assert!(
        !person.contains(&format!("/stories/{hidden}\"")),
        "anonymous: never on the author's page"
    );
    assert!(
        !person.contains(&format!("/stories/{pending}\"")),
        "pending: nowhere"
    );
    // Not even for managers, who may see the name on the story itself.
    let (_, for_manager) = app.get_html("/people/anna", As::Manager("mia")).await;
    assert!(!for_manager.contains(&format!("/stories/{hidden}\"")));

    // The team's page has both: the team is on the anonymous story too.
    let (_, team) = app.get_html("/stories?team=Monteurs", As::Anonymous).await;
    assert!(team.contains("Verhalen van team Monteurs"), "{team}");
    assert!(
        team.contains(&format!("/stories/{named}\""))
            && team.contains(&format!("/stories/{hidden}\""))
    );

    // Nobody's page without a story under their name.
    let (status, _) = app.get_html("/people/piet", As::Anonymous).await;
    assert_eq!(status, Status::NotFound);
}
