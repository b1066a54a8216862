//! The admin page for API tokens.

use rocket::http::{Header, Status};

use crate::helpers::{As, TestApp};

/// The secret a page shows once, after creating a token.
fn secret_in(html: &str) -> String {
    html.split("id=\"secret\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the secret is shown")
        .to_owned()
}

#[rocket::async_test]
async fn an_admin_creates_and_revokes_tokens_in_the_browser() {
    let app = TestApp::spawn().await;
    let (status, html) = app.get_html("/admin/tokens", As::Admin("ada")).await;
    assert_eq!(status, Status::Ok);
    assert!(html.contains("Er zijn nog geen tokens"));

    let response = app
        .post_form(
            "/admin/tokens",
            "name=Intranet+start&scope=search",
            As::Admin("ada"),
        )
        .await;
    assert_eq!(response.status(), Status::Created);
    let html = response.into_string().await.unwrap();
    let secret = secret_in(&html);
    assert!(secret.starts_with("mwt_"), "shown once: {secret}");
    let works = |secret: String| {
        let app = &app;
        async move {
            app.client
                .get("/api/v1/values")
                .header(Header::new("Authorization", format!("Bearer {secret}")))
                .dispatch()
                .await
                .status()
        }
    };
    assert_eq!(works(secret.clone()).await, Status::Ok);

    let (_, list) = app.get_html("/admin/tokens", As::Admin("ada")).await;
    assert!(
        list.contains("Intranet start") && !list.contains(&secret),
        "never again"
    );

    let response = app
        .post_form("/admin/tokens", "name=&scope=search", As::Admin("ada"))
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    let response = app
        .post_form("/admin/tokens", "name=Iets&scope=alles", As::Admin("ada"))
        .await;
    assert_eq!(response.status(), Status::UnprocessableEntity);
    assert!(
        response
            .into_string()
            .await
            .unwrap()
            .contains("value=\"Iets\"")
    );

    let id = list
        .split("action=\"/admin/tokens/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap();
    let response = app
        .post_form(&format!("/admin/tokens/{id}/revoke"), "", As::Admin("ada"))
        .await;
    assert_eq!(response.status(), Status::SeeOther);
    assert_eq!(works(secret).await, Status::Unauthorized, "revoked at once");
}

#[rocket::async_test]
async fn only_admins_reach_the_token_page() {
    let app = TestApp::spawn().await;
    for (who, want) in [
        (As::Anonymous, Status::Unauthorized),
        (As::Staff("anna"), Status::Forbidden),
        (As::Manager("mia"), Status::Forbidden),
    ] {
        let (status, _) = app.get_html("/admin/tokens", who).await;
        assert_eq!(status, want);
        let response = app
            .post_form("/admin/tokens", "name=x&scope=admin", who)
            .await;
        assert_eq!(response.status(), want);
    }
    let (_, nav) = app.get_html("/", As::Staff("anna")).await;
    assert!(!nav.contains("/admin/tokens"));
    let (_, nav) = app.get_html("/", As::Admin("ada")).await;
    assert!(nav.contains("/admin/tokens"));
}

#[rocket::async_test]
async fn a_widget_token_comes_with_the_html_to_paste_and_its_values_by_name() {
    let app = TestApp::spawn().await;
    let response = app
        .post_form(
            "/admin/tokens",
            "name=Intranet&scope=search&origins=https%3A%2F%2Fintranet.example&values=klantgericht",
            As::Admin("ada"),
        )
        .await;
    assert_eq!(response.status(), Status::Created);
    let html = response.into_string().await.unwrap();
    let secret = secret_in(&html);
    // The snippet, escaped inside its text area, with this site's address.
    let snippet = html
        .split("<textarea id=\"snippet\" rows=\"6\" readonly>")
        .nth(1)
        .and_then(|rest| rest.split("</textarea>").next())
        .expect("a snippet")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"");
    assert_eq!(
        snippet,
        format!(
            "<script type=\"module\" src=\"http://127.0.0.1:8000/widget.js\"></script>\n\
             <merkwaardig-search token=\"{secret}\"></merkwaardig-search>\n\
             <merkwaardig-stories token=\"{secret}\" value=\"klantgericht\" limit=\"3\"></merkwaardig-stories>\n"
        )
    );
    // Copy buttons, for browsers with JavaScript.
    assert!(html.contains("data-copy=\"secret\"") && html.contains("data-copy=\"snippet\""));

    // The list names the scope's column plainly and the values by name.
    let (_, list) = app.get_html("/admin/tokens", As::Admin("ada")).await;
    assert!(list.contains("<th scope=\"col\">Toegang</th>"), "{list}");
    assert!(
        list.contains("<span class=\"tag\">Klantgericht</span>"),
        "{list}"
    );

    // A token for programs gets no snippet.
    let response = app
        .post_form("/admin/tokens", "name=Export&scope=admin", As::Admin("ada"))
        .await;
    let html = response.into_string().await.unwrap();
    assert!(!html.contains("id=\"snippet\""));
}
