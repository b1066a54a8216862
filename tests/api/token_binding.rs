//! A widget token fixed to values: its binding holds everywhere a story can
//! be reached — by id in the API, in related stories and on the pages.

use rocket::http::{Header, Status};
use serde_json::json;

use merkwaardig::services::tokens::{self, Binding, TokenScope};

use crate::helpers::TestApp;

#[rocket::async_test]
async fn a_token_fixed_to_values_sees_only_their_stories_everywhere() {
    let app = TestApp::spawn().await;
    let text = "De monteur kwam op zaterdag en repareerde de warmtepomp voor de klant.";
    let other = app
        .publish_story("Andere waarde", text, json!({"values": ["klantgericht"]}))
        .await;
    let mine = app
        .publish_story("Eigen waarde", text, json!({"values": ["betrouwbaar"]}))
        .await;
    let also = app
        .publish_story("Ook eigen", text, json!({"values": ["betrouwbaar"]}))
        .await;
    app.search_caught_up().await;
    let (_, secret) = tokens::create_bound(
        &app.state().db,
        "betrouwbaar-pagina",
        TokenScope::Search,
        &Binding {
            origins: vec![],
            values: vec!["betrouwbaar".into()],
        },
    )
    .await
    .unwrap();
    let get = |path: String| {
        app.client
            .get(path)
            .header(Header::new("Authorization", format!("Bearer {secret}")))
            .dispatch()
    };
    let related = get(format!("/api/v1/stories/{mine}/related?limit=10")).await;
    let related: serde_json::Value = related.into_json().await.unwrap();
    let ids: Vec<i64> = related["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [also], "related stays within the token's values");
    for path in [
        format!("/api/v1/stories/{other}"),
        format!("/api/v1/stories/{other}/related"),
        format!("/stories/{other}"),
    ] {
        assert_eq!(get(path.clone()).await.status(), Status::NotFound, "{path}");
    }
    assert_eq!(get(format!("/stories/{mine}")).await.status(), Status::Ok);
}
