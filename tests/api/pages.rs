use rocket::http::{ContentType, Status};
use serde_json::json;

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn the_home_page_shows_brand_and_core_values_with_story_counts() {
    let app = TestApp::spawn().await;
    app.submit_published(As::Staff("anna"), "Een mooi verhaal", &["klantgericht"])
        .await;
    let (status, html) = app.get_html("/", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    let brand = html.find("Merkwaarden").expect("brand section");
    let core = html.find("Kernwaarden").expect("core section");
    let klant = html.find("Klantgericht").unwrap();
    let samen = html.find("Samen sterker").unwrap();
    assert!(
        brand < klant && klant < core && core < samen,
        "values are grouped by kind"
    );
    assert!(html.contains("1 verhaal"), "story count shown");
    assert!(html.contains("Een mooi verhaal"), "recent stories shown");
}

#[rocket::async_test]
async fn a_value_page_shows_guidance_and_its_published_stories() {
    let app = TestApp::spawn().await;
    app.submit_published(As::Staff("anna"), "Zichtbaar verhaal", &["klantgericht"])
        .await;
    app.submit(As::Staff("anna"), "Wachtend verhaal", &["klantgericht"])
        .await;
    let (status, html) = app.get_html("/values/klantgericht", As::Anonymous).await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("<strong>Klantgericht</strong>"),
        "guidance rendered"
    );
    assert!(html.contains("Zichtbaar verhaal"));
    assert!(!html.contains("Wachtend verhaal"));
}

#[rocket::async_test]
async fn a_value_without_stories_invites_the_first_one() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_html("/values/betrouwbaar", As::Anonymous).await;
    assert!(html.contains("nog geen verhaal"), "{html}");
    assert!(html.contains("/stories/new?value=betrouwbaar"));
}

#[rocket::async_test]
async fn unknown_pages_get_a_friendly_404() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/values/bestaat-niet", As::Anonymous).await;
    assert_eq!(status, Status::NotFound);
    assert!(html.contains("Niet gevonden"));
    assert!(
        html.contains("/static/style.css"),
        "the error page has the site layout"
    );
}

#[rocket::async_test]
async fn html_and_script_in_a_story_are_rendered_harmless() {
    let app = TestApp::spawn().await;
    let payload = json!({
        "title": "<script>alert('title')</script> Titel",
        "body": "Hallo <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[klik](javascript:alert(3)) [ook](JaVaScRiPt&#58;alert(4)) <a href=\"java\tscript:alert(5)\">x</a>\n\n<iframe src=\"https://evil.example\"></iframe><div style=\"position:fixed\" onclick=\"x()\">div</div>\n\n[data](data:text/html;base64,PHNjcmlwdD4=)",
        "values": ["klantgericht"],
    });
    let (status, created) = app
        .send_json("POST", "/api/v1/stories", &payload, As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Created);
    let id = created["id"].as_i64().unwrap();
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("anna"))
        .await;
    let lower = html.to_lowercase();
    assert!(!lower.contains("<script"), "no script tag");
    assert!(
        !lower.contains("onerror") && !lower.contains("onclick"),
        "no event handlers"
    );
    assert!(
        !lower.contains("javascript:") && !lower.contains("java\tscript"),
        "no javascript links"
    );
    assert!(!lower.contains("<iframe"), "no iframes");
    assert!(!lower.contains("data:text"), "no data urls");
    assert!(!lower.contains("position:fixed"), "no inline styles");
    let title = html
        .split("<h1")
        .nth(1)
        .and_then(|h1| h1.split_once('>'))
        .unwrap()
        .1
        .split("</h1>")
        .next()
        .unwrap();
    assert!(
        !title.contains('<') && title.contains("script&#62;alert("),
        "the title is escaped text: {title}"
    );
    assert!(created["body_html"].as_str().unwrap().contains("Hallo"));
}

#[rocket::async_test]
async fn the_form_shows_errors_beside_the_fields_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/stories",
            "title=Hi&body=Kort+%3Cb%3Ex%3C%2Fb%3E&values=samen-sterker&team=Planning&lang=nl&audience=colleague",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let html = response.into_string().await.unwrap();
    assert!(
        html.contains("id=\"title-error\""),
        "title error beside the field"
    );
    assert!(
        html.contains("id=\"body-error\""),
        "body error beside the field"
    );
    assert!(html.contains("value=\"Hi\""), "title kept");
    assert!(
        html.contains(">Kort &#60;b&#62;x&#60;/b&#62;</textarea>"),
        "body kept, escaped"
    );
    assert!(html.contains("value=\"Planning\""), "team kept");
    assert!(
        html.contains("value=\"samen-sterker\" checked"),
        "chosen value kept"
    );
    assert!(
        html.contains("value=\"colleague\" checked"),
        "audience kept"
    );
    assert!(html.contains("aria-invalid=\"true\""));
}

#[rocket::async_test]
async fn a_story_submitted_through_the_form_waits_for_moderation() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/stories",
            "title=Via+het+formulier&body=De+klant+was+blij+met+de+snelle+hulp+vandaag.&values=klantgericht&values=betrouwbaar",
            As::Staff("anna"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let location = response.headers().get_one("Location").unwrap().to_owned();
    let (status, html) = app.get_html(&location, As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("Via het formulier"));
    assert!(html.contains("wacht op een leidinggevende"));

    let (_, queue) = app.get_html("/moderation", As::Manager("mia")).await;
    assert!(queue.contains("Via het formulier"));
}

#[rocket::async_test]
async fn the_form_needs_a_signed_in_user() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/stories/new", As::Anonymous).await;
    assert_eq!(status, Status::Unauthorized);
    assert!(html.contains("Aanmelden"));
    let (status, html) = app
        .get_html("/stories/new?value=betrouwbaar", As::Staff("anna"))
        .await;
    assert_eq!(status, Status::Ok);
    assert!(
        html.contains("value=\"betrouwbaar\" checked"),
        "the value from the link is preselected"
    );
    assert!(html.contains("<label for=\"title\">"));
}

#[rocket::async_test]
async fn managers_moderate_in_the_queue_and_staff_cannot() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "In de wachtrij", &["klantgericht"])
        .await;
    let (status, _) = app.get_html("/moderation", As::Staff("anna")).await;
    assert_eq!(status, Status::Forbidden);
    let response = app
        .post_form(&format!("/moderation/{id}/publish"), "", As::Staff("anna"))
        .await;
    assert_eq!(response.status(), Status::Forbidden);

    let response = app
        .post_form(&format!("/moderation/{id}/publish"), "", As::Manager("mia"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app.get_html("/moderation", As::Manager("mia")).await;
    assert!(
        html.contains("Er wachten geen verhalen"),
        "empty queue message"
    );
    let (status, _) = app
        .get_json(&format!("/api/v1/stories/{id}"), As::Anonymous)
        .await;
    assert_eq!(status, Status::Ok);
}

#[rocket::async_test]
async fn a_manager_rejects_with_a_reason_from_the_queue() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Afwijzen", &["klantgericht"])
        .await;
    let response = app
        .post_form(
            &format!("/moderation/{id}/reject"),
            "reason=Graag+zonder+klantnaam",
            As::Manager("mia"),
        )
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let (_, html) = app
        .get_html(&format!("/stories/{id}"), As::Staff("anna"))
        .await;
    assert!(
        html.contains("Graag zonder klantnaam"),
        "the author sees the reason"
    );
}

#[rocket::async_test]
async fn assets_are_linked_by_fingerprint_and_kept_for_a_year() {
    let app = TestApp::spawn().await;
    let (_, html) = app.get_html("/", As::Anonymous).await;
    let href = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    assert!(href.starts_with("/static/style.css?v="), "{href}");
    let response = app.get(&href, As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(response.content_type(), Some(ContentType::CSS));
    let cache = response.headers().get_one("Cache-Control").unwrap();
    assert!(cache.contains("immutable") && cache.contains("max-age=31536000"));
    // An old or missing fingerprint: the current file, kept only briefly.
    let response = app.get("/static/style.css?v=0000", As::Anonymous).await;
    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.headers().get_one("Cache-Control"),
        Some("public, max-age=300")
    );
}

#[rocket::async_test]
async fn the_site_has_an_icon_labelled_search_landmarks_and_dates_in_words() {
    let app = TestApp::spawn().await;
    for path in ["/favicon.svg", "/favicon.ico"] {
        let response = app.get(path, As::Anonymous).await;
        assert_eq!(response.status(), Status::Ok, "{path}");
        assert_eq!(
            response.content_type(),
            Some(rocket::http::ContentType::SVG),
            "{path}"
        );
    }
    let (_, page) = app.get_html("/search?q=klant", As::Anonymous).await;
    // The header's, the phone menu's (one of the two is hidden at any
    // width) and the page's own.
    assert_eq!(page.matches("role=\"search\"").count(), 3);
    assert_eq!(
        page.matches("role=\"search\" aria-label=").count()
            + page
                .matches("role=\"search\" class=\"search-form\" aria-label=")
                .count(),
        3,
        "every search landmark is named"
    );
    assert!(page.contains("<link rel=\"icon\" href=\"/favicon.svg\""));

    let id = app
        .submit_published(As::Staff("anna"), "Een datum", &["klantgericht"])
        .await;
    let now = merkwaardig::clock::now();
    use chrono::Datelike;
    let months_nl = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let dutch = format!(
        "{} {} {}",
        now.day(),
        months_nl[now.month0() as usize],
        now.year()
    );
    let (_, page) = app.get_html(&format!("/stories/{id}"), As::Anonymous).await;
    assert!(page.contains(&dutch), "{dutch}");
    let english = now.format("%-d %B %Y").to_string();
    let response = app
        .client
        .get(format!("/stories/{id}"))
        .header(rocket::http::Header::new("Accept-Language", "en"))
        .dispatch()
        .await;
    assert!(
        response.into_string().await.unwrap().contains(&english),
        "{english}"
    );
}

#[rocket::async_test]
async fn readyz_says_ready_with_the_index_lag_in_the_body() {
    let app = TestApp::spawn().await;
    app.submit_published(As::Staff("anna"), "Klaar", &["klantgericht"])
        .await;
    app.search_caught_up().await;
    let (status, body) = app.get_json("/readyz", As::Anonymous).await;
    assert_eq!(status, Status::Ok, "{body}");
    assert_eq!(body["ready"], true);
    assert_eq!(body["database"], "ok");
    assert_eq!(body["index"]["behind"], 0);
    assert!(body["index"]["head"].as_i64().unwrap() > 0);
    assert_eq!(body["index"]["applied"], body["index"]["head"]);
}
