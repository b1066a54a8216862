//! The glossary: each group of equivalent words is one word to the search,
//! across Dutch and English, in queries and in highlighting.

use serde_json::json;

use crate::helpers::TestApp;

#[rocket::async_test]
async fn a_glossary_group_is_one_word_across_languages() {
    let app = TestApp::spawn().await;
    std::fs::write(
        app.dir.join("content/glossary.txt"),
        "klant = customer\nklantenservice = customer service\n",
    )
    .unwrap();
    let app = app.restart().await;
    let dutch = app
        .publish_story(
            "Een tevreden klant",
            "De klanten belden terug om te bedanken voor de snelle hulp.",
            json!({"lang": "nl"}),
        )
        .await;
    let english = app
        .publish_story(
            "A happy customer",
            "The customer called back to thank us for the quick help.",
            json!({"lang": "en"}),
        )
        .await;
    let service = app
        .publish_story(
            "Bellen met de klantenservice",
            "Iemand van de klantenservice nam meteen op en hielp verder.",
            json!({"lang": "nl"}),
        )
        .await;

    // The klantenservice is a compound with `klant` as its part: found, and
    // ranked below the whole words.
    let (mut hits, body) = app.search("q=customer+").await;
    assert_eq!(hits.pop(), Some(service), "{body}");
    hits.sort_unstable();
    assert_eq!(hits, [dutch, english], "{body}");
    let snippets = body.to_string();
    assert!(
        snippets.contains("<mark>klanten</mark>"),
        "highlighted: {snippets}"
    );

    let (hits, _) = app.search("q=klanten+").await;
    let rank = |id| hits.iter().position(|hit| *hit == id);
    assert!(rank(english).is_some(), "a plural finds the group too");
    assert!(
        rank(dutch) < rank(service),
        "whole word above part: {hits:?}"
    );

    let (hits, _) = app.search("q=%22customer+service%22").await;
    assert_eq!(hits, [service], "a phrase member stands for its group");

    let (hits, _) = app.search("q=hulp+-customer").await;
    assert!(
        hits.is_empty(),
        "excluding a word excludes its group and its compounds: {hits:?}"
    );
}
