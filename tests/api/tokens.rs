use rocket::http::{ContentType, Header, Status};
use serde_json::Value;

use merkwaardig::services::tokens::{self, TokenScope};

use crate::helpers::{As, TestApp, story_json};

async fn token(app: &TestApp, scope: TokenScope) -> (i32, String) {
    let (info, secret) = tokens::create(&app.state().db, "intranet", scope)
        .await
        .unwrap();
    (info.id, secret)
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: Option<Value>,
    bearer: &str,
) -> (Status, Value) {
    let req = match method {
        "GET" => app.client.get(path.to_owned()),
        "POST" => app.client.post(path.to_owned()),
        _ => panic!("{method}"),
    };
    let req = req.header(Header::new("Authorization", format!("Bearer {bearer}")));
    let req = match body {
        Some(body) => req.header(ContentType::JSON).body(body.to_string()),
        None => req,
    };
    let response = req.dispatch().await;
    let status = response.status();
    (status, response.into_json().await.unwrap_or(Value::Null))
}

#[rocket::async_test]
async fn a_search_token_reads_but_cannot_submit() {
    let app = TestApp::spawn().await;
    let (_, secret) = token(&app, TokenScope::Search).await;
    assert_eq!(
        call(&app, "GET", "/api/v1/search?q=klant", None, &secret)
            .await
            .0,
        Status::Ok
    );
    assert_eq!(
        call(&app, "GET", "/api/v1/values", None, &secret).await.0,
        Status::Ok
    );
    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/stories",
        Some(story_json("Via token", &["klantgericht"])),
        &secret,
    )
    .await;
    assert_eq!(status, Status::Forbidden);
}

#[rocket::async_test]
async fn a_search_token_never_sees_unpublished_stories() {
    let app = TestApp::spawn().await;
    let pending = app
        .submit(
            As::Staff("anna"),
            "Nog niet gepubliceerd",
            &["klantgericht"],
        )
        .await;
    let (_, secret) = token(&app, TokenScope::Search).await;
    let (status, _) = call(
        &app,
        "GET",
        &format!("/api/v1/stories/{pending}"),
        None,
        &secret,
    )
    .await;
    assert_eq!(status, Status::NotFound);
}

#[rocket::async_test]
async fn a_submit_token_submits_but_cannot_moderate() {
    let app = TestApp::spawn().await;
    let (id, secret) = token(&app, TokenScope::Submit).await;
    let (status, story) = call(
        &app,
        "POST",
        "/api/v1/stories",
        Some(story_json("Via koppeling", &["klantgericht"])),
        &secret,
    )
    .await;
    assert_eq!(status, Status::Created, "{story}");
    assert_eq!(story["author"]["id"], format!("token:{id}"));
    let story_id = story["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/stories/{story_id}/publish"),
        None,
        &secret,
    )
    .await;
    assert_eq!(status, Status::Forbidden);
}

#[rocket::async_test]
async fn an_admin_token_moderates() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Te publiceren", &["klantgericht"])
        .await;
    let (_, secret) = token(&app, TokenScope::Admin).await;
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/stories/{id}/publish"),
        None,
        &secret,
    )
    .await;
    assert_eq!(status, Status::Ok);
}

#[rocket::async_test]
async fn a_revoked_token_is_refused_at_once() {
    let app = TestApp::spawn().await;
    let (id, secret) = token(&app, TokenScope::Search).await;
    assert_eq!(
        call(&app, "GET", "/api/v1/values", None, &secret).await.0,
        Status::Ok
    );
    tokens::revoke(&app.state().db, id).await.unwrap();
    let (status, body) = call(&app, "GET", "/api/v1/values", None, &secret).await;
    assert_eq!(status, Status::Unauthorized);
    assert!(body["error"].is_string(), "{body}");
}

#[rocket::async_test]
async fn unknown_and_malformed_tokens_are_refused() {
    let app = TestApp::spawn().await;
    assert_eq!(
        call(&app, "GET", "/api/v1/values", None, "mwt_0000")
            .await
            .0,
        Status::Unauthorized
    );
    let response = app
        .client
        .get("/api/v1/values")
        .header(Header::new("Authorization", "Basic YW5uYTpnZWhlaW0="))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Unauthorized);
}

#[rocket::async_test]
async fn a_token_in_the_url_is_refused() {
    let app = TestApp::spawn().await;
    let (_, secret) = token(&app, TokenScope::Search).await;
    for param in ["access_token", "token"] {
        let (status, _) = app
            .get_json(
                &format!("/api/v1/search?q=klant&{param}={secret}"),
                As::Anonymous,
            )
            .await;
        assert_eq!(status, Status::BadRequest, "{param}");
    }
}

#[rocket::async_test]
async fn tokens_are_stored_only_as_hashes() {
    use merkwaardig::db::entities::api_token;
    use sea_orm::EntityTrait;
    let app = TestApp::spawn().await;
    let (_, secret) = token(&app, TokenScope::Search).await;
    let random_hex = secret.strip_prefix("mwt_").unwrap();
    assert!(random_hex.len() * 4 >= 128, "at least 128 random bits");
    let rows = api_token::Entity::find()
        .all(&app.state().db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert!(!rows[0].token_hash.contains(random_hex));
    assert_ne!(rows[0].token_hash, secret);
}

#[rocket::async_test]
async fn the_token_commands_create_list_and_revoke() {
    let app = TestApp::spawn().await;
    let run = |args: &[&str]| app.command().args(args).output().unwrap();
    let created = run(&[
        "token",
        "create",
        "--name",
        "intranet homepage",
        "--scope",
        "search",
    ]);
    assert!(created.status.success(), "{created:?}");
    let stdout = String::from_utf8(created.stdout).unwrap();
    let secret = stdout.trim();
    assert_eq!(
        stdout.lines().count(),
        1,
        "the token alone on standard output"
    );
    assert!(secret.starts_with("mwt_"));
    assert!(String::from_utf8_lossy(&created.stderr).contains("shown only now"));
    assert_eq!(
        call(&app, "GET", "/api/v1/values", None, secret).await.0,
        Status::Ok
    );

    let listed = String::from_utf8(run(&["token", "list"]).stdout).unwrap();
    assert!(
        listed.contains("intranet homepage") && listed.contains("active"),
        "{listed}"
    );
    assert!(!listed.contains(secret), "never the secret");

    let id = listed.split('\t').next().unwrap();
    assert!(run(&["token", "revoke", id]).status.success());
    assert_eq!(
        call(&app, "GET", "/api/v1/values", None, secret).await.0,
        Status::Unauthorized
    );
    assert!(
        !run(&["token", "revoke", "999"]).status.success(),
        "an unknown id fails"
    );
}
