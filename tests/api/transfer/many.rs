//! An author with more stories than a page of their own holds (500): the
//! API pages them, and the export of everything they gave holds them all.

use rocket::http::Status;
use serde_json::{Value, json};

use super::{import, published, write_lines};
use crate::helpers::{As, TestApp};

#[rocket::async_test]
async fn an_author_with_more_than_a_page_of_stories_gets_them_all_by_page_and_in_the_export() {
    let app = TestApp::spawn().await;
    let lines: Vec<Value> = (1..=503)
        .map(|n| {
            let mut line = published(
                &format!("many-{n}"),
                &format!("Verhaal nummer {n}"),
                "Een klant geholpen, gewoon door even terug te bellen.",
                json!({"id": "anna", "name": "Anna de Vries"}),
            );
            // One story a minute: the newest is the last line.
            line["published_at"] = json!(format!("2024-05-14T{:02}:{:02}:00Z", n / 60, n % 60));
            line
        })
        .collect();
    let file = write_lines(&app, "many.jsonl", &lines);
    let (output, stderr) = import(&app, &file, &[]);
    assert!(output.status.success(), "{stderr}");

    // By default a page holds 500, the most recently changed first.
    let (status, first) = app.get_json("/api/v1/me/stories", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok, "{first}");
    let stories = first["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 500);
    assert_eq!(stories[0]["title"], "Verhaal nummer 503");
    let next = first["next"].as_str().expect("a next page");
    let (_, rest) = app
        .get_json(
            &format!("/api/v1/me/stories?cursor={next}"),
            As::Staff("anna"),
        )
        .await;
    let titles: Vec<&str> = rest["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Verhaal nummer 3", "Verhaal nummer 2", "Verhaal nummer 1"]
    );
    assert!(rest["next"].is_null(), "{rest}");

    // Smaller pages meet the same stories, each once.
    let (_, small) = app
        .get_json("/api/v1/me/stories?limit=2", As::Staff("anna"))
        .await;
    assert_eq!(small["stories"][1]["title"], "Verhaal nummer 502");
    let next = small["next"].as_str().unwrap();
    let (_, after) = app
        .get_json(
            &format!("/api/v1/me/stories?limit=2&cursor={next}"),
            As::Staff("anna"),
        )
        .await;
    assert_eq!(after["stories"][0]["title"], "Verhaal nummer 501");

    // A limit outside 1 to 500 is refused, naming the field.
    let (status, body) = app
        .get_json("/api/v1/me/stories?limit=501", As::Staff("anna"))
        .await;
    assert_eq!(status, Status::UnprocessableEntity, "{body}");
    assert!(body.to_string().contains("limit"), "{body}");

    // The export of everything she gave leaves none out.
    let (status, export) = app.get_json("/api/v1/me/export", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert_eq!(export["stories"].as_array().unwrap().len(), 503);

    // Her page of stories links to the older ones.
    let (status, page) = app.get_html("/my/stories", As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("Verhaal nummer 4<"),
        "the 500th is on the first page"
    );
    assert!(!page.contains("Verhaal nummer 3<"));
    let older = format!(
        "/my/stories?after={next}",
        next = first["next"].as_str().unwrap()
    );
    assert!(
        page.contains(&older.replace('&', "&amp;")),
        "a link to the older ones"
    );
    let (_, page) = app.get_html(&older, As::Staff("anna")).await;
    assert!(page.contains("Verhaal nummer 3<") && page.contains("Verhaal nummer 1<"));
    assert!(
        page.contains("<a href=\"/my/stories\">← Meest recent</a>"),
        "back to the most recent"
    );
    assert!(!page.contains("rel=\"next\""), "no older ones after these");
}
