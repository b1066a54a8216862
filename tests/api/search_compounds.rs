//! Dutch compound words: a part finds the compound (ranked below the word
//! itself), a compound finds its parts written near each other, and words
//! that only look like compounds stay whole. The judged queries over the
//! example content are in `relevance.rs`; these pin the rules.

use serde_json::json;

use crate::helpers::{As, TestApp};

async fn dutch(app: &TestApp, title: &str, body: &str) -> i64 {
    app.publish_story(title, body, json!({"lang": "nl"})).await
}

#[rocket::async_test]
async fn a_part_finds_the_compound_below_the_word_itself() {
    let app = TestApp::spawn().await;
    let compound = dutch(
        &app,
        "Bellen met de klantenservice",
        "Iemand van de klantenservice nam meteen op en hielp verder.",
    )
    .await;
    let word = dutch(
        &app,
        "Snelle service op zaterdag",
        "De service was snel en vriendelijk, ook in het weekend.",
    )
    .await;
    let other = dutch(&app, "Een nieuwe bus", "De bus staat klaar voor maandag.").await;

    let (hits, body) = app.search("q=service+").await;
    assert_eq!(hits, [word, compound], "whole word first: {body}");
    let compound_hit = &body["hits"][1];
    assert!(
        compound_hit["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>klantenservice</mark>"),
        "the compound is marked: {compound_hit}"
    );
    assert_eq!(
        compound_hit["title_html"],
        "Bellen met de <mark>klantenservice</mark>"
    );
    assert!(!hits.contains(&other));

    // The page and the exclusion follow the same rule.
    let (_, page) = app.get_html("/search?q=service+", As::Anonymous).await;
    assert!(
        page.contains("Bellen met de <mark>klantenservice</mark>"),
        "{page}"
    );
    let (hits, _) = app.search("q=weekend+OR+hielp+-service+").await;
    assert!(
        hits.is_empty(),
        "excluding a part excludes its compounds: {hits:?}"
    );
}

#[rocket::async_test]
async fn plural_and_linking_letters_are_handled() {
    let app = TestApp::spawn().await;
    let panels = dutch(
        &app,
        "Zonnepanelen op het dak",
        "Twaalf zonnepanelen in een dag.",
    )
    .await;
    let meeting = dutch(
        &app,
        "De monteursafspraak",
        "Een monteursafspraak om acht uur.",
    )
    .await;

    let (hits, _) = app.search("q=paneel+").await;
    assert_eq!(hits, [panels], "singular part, plural compound");
    let (hits, _) = app.search("q=zonnepaneel+").await;
    assert_eq!(hits, [panels], "singular compound, plural in the text");
    let (hits, body) = app.search("q=monteur+").await;
    assert_eq!(hits, [meeting], "linking -s-: {body}");
    let (hits, _) = app.search("q=afspraak+").await;
    assert_eq!(hits, [meeting]);
    assert_eq!(body["fuzzy"], false, "found exactly, not as a typo");
}

#[rocket::async_test]
async fn a_compound_finds_its_parts_written_near_each_other() {
    let app = TestApp::spawn().await;
    let near = dutch(
        &app,
        "Een goed gesprek",
        "De service voor onze klanten werd die week een stuk beter.",
    )
    .await;
    let far = dutch(
        &app,
        "Een lange dag",
        "Klanten belden de hele ochtend. Pas 's middags, na de lunch en een \
         overleg met het team over de planning, kwam de service weer op gang.",
    )
    .await;
    let (hits, body) = app.search("q=klantenservice+").await;
    assert_eq!(hits, [near], "{body}");
    assert!(!hits.contains(&far), "parts far apart are no compound");
}

#[rocket::async_test]
async fn words_that_only_look_like_compounds_stay_whole() {
    let app = TestApp::spawn().await;
    let order = dutch(&app, "Een bestelling", "De bestelling kwam te laat.").await;
    let maker = dutch(
        &app,
        "De fabrikant",
        "De fabrikant stuurde een nieuw onderdeel.",
    )
    .await;
    let _ = dutch(
        &app,
        "Bessen",
        "Een bes aan de struik, een telling van vogels.",
    )
    .await;
    for q in ["kant", "fabri", "bes", "telling"] {
        let (hits, body) = app.search(&format!("q={q}+")).await;
        assert!(
            !hits.contains(&order) && !hits.contains(&maker),
            "{q} found a word that is no compound: {body}"
        );
    }
}

#[rocket::async_test]
async fn a_compound_counts_only_when_a_dutch_story_holds_it() {
    let app = TestApp::spawn().await;
    let fresh = dutch(
        &app,
        "Verse koffie",
        "Drie collega's zetten verse koffie voor de monteurs.",
    )
    .await;
    // `ser-vers` meets at a Dutch hyphenation break, and `ser` is in the
    // Dutch word list: in English stories only, that is chance, not a
    // compound.
    let servers = app
        .publish_story(
            "The servers were early",
            "All the servers were restarted before seven.",
            json!({"lang": "en"}),
        )
        .await;
    let (hits, body) = app.search("q=verse+").await;
    assert_eq!(hits, [fresh], "not {servers}: {body}");

    // That an English story is found by a compound a Dutch story holds
    // (`service` finds English stories naming the Klantenservice) is held
    // by the judged queries in `relevance.rs`.
}
