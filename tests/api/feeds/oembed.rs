use rocket::http::Status;
use serde_json::json;

use super::{SITE, spawn_public};
use crate::helpers::{As, TestApp};

fn oembed_path(url: &str, extra: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("url", url)
        .finish();
    format!("/oembed?{query}{extra}")
}

#[rocket::async_test]
async fn a_published_story_is_embedded_as_an_iframe_of_its_card() {
    let app = spawn_public().await;
    let id = app
        .submit_published(
            As::Staff("anna"),
            "Klant \"blij\" & tevreden",
            &["klantgericht"],
        )
        .await;

    let response = app
        .get(
            &oembed_path(&format!("{SITE}/stories/{id}"), "&format=json"),
            As::Anonymous,
        )
        .await;

    assert_eq!(response.status(), Status::Ok);
    assert_eq!(
        response.headers().get_one("Content-Type"),
        Some("application/json")
    );
    let body: serde_json::Value = response.into_json().await.unwrap();
    let iframe = format!(
        r#"<iframe src="{SITE}/embed/stories/{id}" width="600" height="400" title="Klant &#34;blij&#34; &#38; tevreden""#
    );
    assert!(
        body["html"].as_str().unwrap().starts_with(&iframe),
        "{body}"
    );
    assert!(
        body["html"].as_str().unwrap().ends_with("></iframe>"),
        "{body}"
    );
    let mut fields = body.clone();
    fields["html"] = json!(null);
    assert_eq!(
        fields,
        json!({
            "version": "1.0",
            "type": "rich",
            "provider_name": "Merkwaardig",
            "provider_url": "https://intranet.example/",
            "title": "Klant \"blij\" & tevreden",
            "author_name": "Anna",
            "html": null,
            "width": 600,
            "height": 400,
        })
    );
}

#[rocket::async_test]
async fn the_iframe_fits_within_the_requested_maxima() {
    let app = spawn_public().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let url = format!("{SITE}/stories/{id}");

    let (_, small) = app
        .get_json(
            &oembed_path(&url, "&maxwidth=320&maxheight=240"),
            As::Anonymous,
        )
        .await;
    let (_, large) = app
        .get_json(
            &oembed_path(&url, "&maxwidth=2000&maxheight=2000"),
            As::Anonymous,
        )
        .await;

    assert_eq!(
        (small["width"].as_u64(), small["height"].as_u64()),
        (Some(320), Some(240))
    );
    assert!(
        small["html"]
            .as_str()
            .unwrap()
            .contains(r#"width="320" height="240""#)
    );
    assert_eq!(
        (large["width"].as_u64(), large["height"].as_u64()),
        (Some(600), Some(400))
    );
}

#[rocket::async_test]
async fn only_published_stories_of_this_site_are_embedded() {
    let app = spawn_public().await;
    let published = app
        .submit_published(As::Staff("anna"), "Gepubliceerd", &["klantgericht"])
        .await;
    let pending = app
        .submit(As::Staff("anna"), "Wachtend", &["klantgericht"])
        .await;
    let rejected = app
        .submit(As::Staff("anna"), "Afgewezen", &["klantgericht"])
        .await;
    app.moderate(
        rejected,
        "reject",
        &json!({"reason": "Te kort."}),
        As::Manager("mia"),
    )
    .await;
    let withdrawn = app
        .submit_published(As::Staff("anna"), "Ingetrokken", &["klantgericht"])
        .await;
    app.withdraw(withdrawn, As::Staff("anna")).await;

    for url in [
        format!("{SITE}/stories/{pending}"),
        format!("{SITE}/stories/{rejected}"),
        format!("{SITE}/stories/{withdrawn}"),
        format!("{SITE}/stories/999"),
        format!("https://elders.example/stories/{published}"),
        format!("{SITE}/values/klantgericht"),
        "niet een url".to_owned(),
    ] {
        // The author asks: still only what everyone may see.
        let (status, body) = app
            .get_json(&oembed_path(&url, ""), As::Staff("anna"))
            .await;
        assert_eq!(status, Status::NotFound, "{url}: {body}");
    }
    let (status, _) = app
        .get_json(
            &oembed_path(&format!("{SITE}/stories/{published}"), ""),
            As::Anonymous,
        )
        .await;
    assert_eq!(status, Status::Ok, "the published one is embedded");
    let (status, _) = app.get_json("/oembed?format=json", As::Anonymous).await;
    assert_eq!(status, Status::BadRequest, "a url is needed");
}

#[rocket::async_test]
async fn oembed_in_xml_is_not_implemented() {
    let app = spawn_public().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let (status, body) = app
        .get_json(
            &oembed_path(&format!("{SITE}/stories/{id}"), "&format=xml"),
            As::Anonymous,
        )
        .await;
    assert_eq!(status, Status::NotImplemented, "{body}");
}

#[rocket::async_test]
async fn without_public_url_story_urls_on_the_requested_host_are_ours() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Een verhaal", &["klantgericht"])
        .await;
    let path = oembed_path(&format!("http://merk.example/stories/{id}"), "");
    let ours = super::get_from_host(&app, &path, super::TRUSTED, &[("Host", "merk.example")]).await;
    let body: serde_json::Value = serde_json::from_str(&ours).unwrap();
    assert!(
        body["html"]
            .as_str()
            .unwrap()
            .contains(&format!(r#"src="http://merk.example/embed/stories/{id}""#)),
        "{body}"
    );
    let response = app
        .client
        .get(path)
        .remote(super::TRUSTED.parse().unwrap())
        .header(rocket::http::Header::new("Host", "andere.example"))
        .dispatch()
        .await;
    assert_eq!(
        response.status(),
        Status::NotFound,
        "another host's URL is not ours"
    );
}
