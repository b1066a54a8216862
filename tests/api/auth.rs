use rocket::http::{Header, Status};
use serde_json::{Value, json};

use crate::helpers::{As, TestApp, story_json};

#[rocket::async_test]
async fn submitting_without_identity_is_401() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &story_json("Anoniem", &["klantgericht"]),
            As::Anonymous,
        )
        .await;
    assert_eq!(status, Status::Unauthorized);
    assert!(body["error"].as_str().unwrap().contains("sign in"));
}

#[rocket::async_test]
async fn identity_headers_from_an_untrusted_address_are_ignored() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post("/api/v1/stories")
        .remote("10.9.8.7:5000".parse().unwrap())
        .header(Header::new("X-Forwarded-User", "mallory"))
        .header(Header::new("X-Forwarded-Groups", "admins"))
        .header(rocket::http::ContentType::JSON)
        .body(story_json("Nep", &["klantgericht"]).to_string())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Unauthorized);
}

#[rocket::async_test]
async fn trusted_proxies_are_configurable() {
    let app = TestApp::spawn_with(|f| f.merge(("trusted_proxies", ["10.9.8.7"]))).await;
    let response = app
        .client
        .post("/api/v1/stories")
        .remote("10.9.8.7:5000".parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(rocket::http::ContentType::JSON)
        .body(story_json("Via de proxy", &["klantgericht"]).to_string())
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Created);
    let (status, _) = app
        .send_json(
            "POST",
            "/api/v1/stories",
            &story_json("Niet via proxy", &["klantgericht"]),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(
        status,
        Status::Unauthorized,
        "127.0.0.1 is no longer trusted"
    );
}

#[rocket::async_test]
async fn staff_cannot_moderate() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Eigen verhaal", &["klantgericht"])
        .await;
    for action in ["publish", "reject"] {
        let (status, _) = app
            .moderate(id, action, &json!({"reason": "x"}), As::Staff("anna"))
            .await;
        assert_eq!(status, Status::Forbidden, "{action}");
    }
    let (status, _) = app
        .moderate(id, "publish", &Value::Null, As::Anonymous)
        .await;
    assert_eq!(status, Status::Unauthorized);
}

#[rocket::async_test]
async fn configured_groups_map_to_roles() {
    let app = TestApp::spawn_with(|f| f.merge(("manager_groups", ["teamleiders"]))).await;
    let id = app
        .submit(As::Staff("anna"), "Rollen", &["klantgericht"])
        .await;
    // The default helper sends the group `managers`, which is no longer configured.
    let (status, _) = app
        .moderate(id, "publish", &Value::Null, As::Manager("mia"))
        .await;
    assert_eq!(status, Status::Forbidden);
    let response = app
        .client
        .post(format!("/api/v1/stories/{id}/publish"))
        .remote(crate::helpers::PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "tim"))
        .header(Header::new("X-Forwarded-Groups", "iedereen, teamleiders"))
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Ok);
    let (status, _) = app
        .moderate(
            id,
            "reject",
            &json!({"reason": "Toch niet"}),
            As::Admin("ada"),
        )
        .await;
    assert_eq!(status, Status::Ok, "admins are managers too");
}

#[rocket::async_test]
async fn a_pending_story_is_visible_only_to_its_author_and_managers() {
    let app = TestApp::spawn().await;
    let id = app
        .submit(As::Staff("anna"), "Nog geheim", &["klantgericht"])
        .await;
    let path = format!("/api/v1/stories/{id}");
    assert_eq!(app.get_json(&path, As::Staff("anna")).await.0, Status::Ok);
    assert_eq!(app.get_json(&path, As::Manager("mia")).await.0, Status::Ok);
    assert_eq!(
        app.get_json(&path, As::Staff("bob")).await.0,
        Status::NotFound
    );
    assert_eq!(app.get_json(&path, As::Anonymous).await.0, Status::NotFound);
    let (status, _) = app
        .get_html(&format!("/stories/{id}"), As::Staff("bob"))
        .await;
    assert_eq!(status, Status::NotFound);
}

#[rocket::async_test]
async fn only_the_author_edits_and_withdraws() {
    let app = TestApp::spawn().await;
    let id = app
        .submit_published(As::Staff("anna"), "Van Anna", &["klantgericht"])
        .await;
    let path = format!("/api/v1/stories/{id}");
    let (status, _) = app
        .send_json(
            "PUT",
            &path,
            &story_json("Van Bob", &["klantgericht"]),
            As::Staff("bob"),
        )
        .await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app
        .send_json(
            "PUT",
            &path,
            &story_json("Van Mia", &["klantgericht"]),
            As::Manager("mia"),
        )
        .await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app
        .send_json("DELETE", &path, &Value::Null, As::Staff("bob"))
        .await;
    assert_eq!(status, Status::Forbidden);
    let (status, _) = app
        .send_json("DELETE", &path, &Value::Null, As::Anonymous)
        .await;
    assert_eq!(status, Status::Unauthorized);
    let (_, story) = app.get_json(&path, As::Anonymous).await;
    assert_eq!(story["title"], "Van Anna");
}

#[rocket::async_test]
async fn dev_sign_in_works_on_loopback_and_keeps_the_user_in_a_private_cookie() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post("/dev/login")
        .header(rocket::http::ContentType::Form)
        .body("name=Sanne+de+Vries&role=manager")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    let cookie = response
        .cookies()
        .get("merkwaardig_dev_user")
        .expect("cookie set")
        .clone();
    assert!(!cookie.value().contains("Sanne"), "the cookie is encrypted");
    assert_eq!(cookie.http_only(), Some(true));
    let (status, _) = app.get_html("/moderation", As::Anonymous).await;
    assert_eq!(
        status,
        Status::Ok,
        "the tracked client sends the cookie back"
    );
}

#[rocket::async_test]
async fn dev_sign_in_is_off_when_not_on_loopback() {
    let app = TestApp::spawn_with(|f| f.merge(("address", "0.0.0.0"))).await;
    let (status, _) = app.get_html("/dev/login", As::Anonymous).await;
    assert_eq!(status, Status::NotFound);
}

#[rocket::async_test]
async fn dev_sign_in_can_be_turned_off() {
    let app = TestApp::spawn_with(|f| f.merge(("dev_login", false))).await;
    let (status, _) = app.get_html("/dev/login", As::Anonymous).await;
    assert_eq!(status, Status::NotFound);
}

#[rocket::async_test]
async fn a_cross_site_form_post_is_refused() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post("/stories")
        .remote(crate::helpers::PROXY.parse().unwrap())
        .header(Header::new("X-Forwarded-User", "anna"))
        .header(Header::new("Origin", "https://evil.example"))
        .header(Header::new("Host", "localhost:8000"))
        .header(rocket::http::ContentType::Form)
        .body("title=Hallo+daar&body=Een+verhaal+dat+lang+genoeg+is.&values=klantgericht")
        .dispatch()
        .await;
    assert_eq!(response.status(), Status::Forbidden);
    let queue = app
        .get_json("/api/v1/stories?limit=100", As::Anonymous)
        .await
        .1;
    assert!(crate::helpers::ids(&queue).is_empty());
}

/// Ids that name no person cannot be claimed through the sign-on headers.
#[rocket::async_test]
async fn reserved_author_ids_are_no_identity() {
    let app = TestApp::spawn().await;
    for id in ["former:1", "token:1"] {
        let response = app
            .client
            .post("/api/v1/stories")
            .remote(crate::helpers::PROXY.parse().unwrap())
            .header(Header::new("X-Forwarded-User", id))
            .header(rocket::http::ContentType::JSON)
            .body(crate::helpers::story_json("Als iemand anders", &["klantgericht"]).to_string())
            .dispatch()
            .await;
        assert_eq!(response.status(), Status::Unauthorized, "{id}");
    }
}
