//! What a hit shows: a snippet of plain text with the matches marked, whole
//! words, "…" where the story goes on, and the title with its matches marked.

use serde_json::json;

use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn snippets_are_plain_text_with_whole_words_and_marked_titles() {
    let app = TestApp::spawn().await;
    let long_start = "Eerst een lange aanloop over van alles en nog wat. ".repeat(6);
    let body = format!(
        "## Wat er gebeurde\n\n{long_start}De **planning** liep uit, zie [het rooster](https://rooster.example/week).\n\n- wanneer komt de monteur?\n- morgen, zei de planning\n\n{long_start}"
    );
    app.publish_story(
        "Planning <script>alert(1)</script> op orde",
        &body,
        json!({"lang": "nl"}),
    )
    .await;
    let (_, body) = app.search("q=planning").await;
    let hit = &body["hits"][0];
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>planning</mark>"), "{snippet}");
    for syntax in ["**", "##", "](", "rooster.example", "- wanneer"] {
        assert!(!snippet.contains(syntax), "{syntax:?} in {snippet}");
    }
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    let title = hit["title_html"].as_str().unwrap();
    assert!(title.starts_with("<mark>Planning</mark>"), "{title}");
    assert!(!title.contains("<script>"), "escaped: {title}");
    assert_eq!(hit["title"], "Planning <script>alert(1)</script> op orde");

    // Browsing (no words): the opening, cut after a whole word.
    let (_, body) = app.search("").await;
    let opening = body["hits"][0]["snippet"].as_str().unwrap();
    assert!(opening.starts_with("Wat er gebeurde Eerst"), "{opening}");
    assert!(opening.ends_with('…'), "{opening}");

    // The page and the embed show the marked title.
    for path in ["/search?q=planning", "/embed/search?q=planning"] {
        let (_, html) = app.get_html(path, As::Anonymous).await;
        assert!(html.contains("<mark>Planning</mark>"), "{path}");
        assert!(!html.contains("<script>alert"), "{path}");
    }
}
