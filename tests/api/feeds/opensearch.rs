use rocket::http::Status;

use super::{SITE, spawn_public};
use crate::helpers::As;

const OPENSEARCH: &str = "http://a9.com/-/spec/opensearch/1.1/";

#[rocket::async_test]
async fn the_opensearch_description_tells_browsers_how_to_search() {
    let app = spawn_public().await;

    let response = app.get("/opensearch.xml", As::Anonymous).await;

    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.headers().get_one("Content-Type"),
        Some("application/opensearchdescription+xml; charset=utf-8")
    );
    let xml = response.into_string().await.unwrap();
    let document = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "OpenSearchDescription");
    assert_eq!(root.tag_name().namespace(), Some(OPENSEARCH));
    let text = |name: &str| {
        root.children()
            .find(|n| n.has_tag_name((OPENSEARCH, name)))
            .and_then(|n| n.text())
    };
    assert_eq!(text("ShortName"), Some("Merkwaardig"));
    assert_eq!(
        text("Description"),
        Some("Zoek in de verhalen over onze waarden."),
        "in the reader's language, Dutch by default"
    );
    assert_eq!(text("Language"), Some("nl"));
    assert_eq!(text("InputEncoding"), Some("UTF-8"));
    let template = |kind: &str| {
        root.children()
            .find(|n| n.has_tag_name((OPENSEARCH, "Url")) && n.attribute("type") == Some(kind))
            .and_then(|n| n.attribute("template"))
    };
    assert_eq!(
        template("text/html"),
        Some(format!("{SITE}/search?q={{searchTerms}}").as_str())
    );
    assert_eq!(
        template("application/json"),
        Some(format!("{SITE}/api/v1/search?q={{searchTerms}}").as_str())
    );
}

#[rocket::async_test]
async fn the_search_templates_lead_to_working_searches() {
    let app = spawn_public().await;
    app.submit_published(As::Staff("anna"), "Een klant geholpen", &["klantgericht"])
        .await;
    app.search_caught_up().await;
    for path in ["/search?q=klant", "/api/v1/search?q=klant"] {
        let (status, body) = app.get_html(path, As::Anonymous).await;
        assert_eq!(status, Status::Ok, "{path}");
        assert!(
            crate::helpers::unmarked(&body).contains("Een klant geholpen"),
            "{path}"
        );
    }
}

#[rocket::async_test]
async fn the_opensearch_description_speaks_english_when_asked() {
    let app = spawn_public().await;
    let xml = app
        .client
        .get("/opensearch.xml")
        .header(rocket::http::Header::new("Accept-Language", "en"))
        .dispatch()
        .await
        .into_string()
        .await
        .unwrap();
    assert!(xml.contains("<Description>Search the stories about our values.</Description>"));
    assert!(xml.contains("<Language>en</Language>"));
}
