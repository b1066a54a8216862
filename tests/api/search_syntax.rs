//! The query syntax through the whole search: the typo-tolerant retry keeps
//! what the query means, runs only when a word is unknown, and the last word
//! matches as a prefix while it is being typed.

use serde_json::{Value, json};

use crate::helpers::{As, TestApp};

async fn seeded() -> (TestApp, [i64; 4]) {
    let app = TestApp::spawn().await;
    let nl = || json!({"lang": "nl"});
    let snow_appointment = app
        .publish_story(
            "Precies op tijd, ondanks de sneeuw",
            "Door de sneeuw leek de afspraak te vervallen, maar de monteur kwam precies op tijd.",
            nl(),
        )
        .await;
    let snow = app
        .publish_story(
            "Sneeuw op het dak",
            "Er lag sneeuw op de zonnepanelen, dus we kwamen later terug om ze te controleren.",
            nl(),
        )
        .await;
    let inverter = app
        .publish_story(
            "De omvormer",
            "De omvormer gaf een storing; de klantenservice belde dezelfde dag terug.",
            nl(),
        )
        .await;
    let charger = app
        .publish_story(
            "Laadpaal precies op tijd",
            "De laadpaal werd precies op tijd geplaatst, voor de nieuwe auto kwam.",
            json!({"lang": "nl", "values": ["betrouwbaar"]}),
        )
        .await;
    app.search_caught_up().await;
    (app, [snow_appointment, snow, inverter, charger])
}

async fn hits(app: &TestApp, q: &str) -> (Vec<i64>, Value) {
    let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let (mut ids, body) = app.search(&format!("q={encoded}")).await;
    ids.sort_unstable();
    (ids, body)
}

#[rocket::async_test]
async fn the_typo_retry_keeps_exclusions_or_phrases_and_filters() {
    let (app, [snow_appointment, snow, inverter, charger]) = seeded().await;

    let (found, body) = hits(&app, "sneuw -afspraak").await;
    assert_eq!(found, [snow], "the exclusion still excludes");
    assert_eq!(body["fuzzy"], true);

    let (found, _) = hits(&app, "omvromer OR sneeuww").await;
    assert_eq!(found, [snow_appointment, snow, inverter], "OR stays OR");

    let (found, _) = hits(&app, "\"precies op tijd\" laadpaall").await;
    assert_eq!(found, [charger], "the phrase stays a phrase");
    let (found, _) = hits(&app, "\"precies op tijd\" -sneeuw").await;
    assert_eq!(found, [charger]);

    let (found, _) = app.search("q=precies+tijd+sneuw&value=betrouwbaar").await;
    assert!(found.is_empty(), "filters stay filters: {found:?}");
}

#[rocket::async_test]
async fn known_words_that_never_meet_are_an_answer_not_a_typo() {
    let (app, _) = seeded().await;
    let (found, _) = hits(&app, "omvormer — storing ").await;
    assert_eq!(found.len(), 1, "a dash between words is no word");

    let (found, body) = hits(&app, "omvormer laadpaal ").await;
    assert!(found.is_empty());
    assert_eq!(body["fuzzy"], false, "no retry: both words are known");
}

#[rocket::async_test]
async fn the_last_word_matches_as_a_prefix_while_it_is_typed() {
    let (app, [_, _, inverter, _]) = seeded().await;
    let (found, body) = hits(&app, "klantense").await;
    assert_eq!(found, [inverter], "klantense… finds klantenservice");
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>klantenservice</mark>"),
        "marked: {snippet}"
    );
    let (found, _) = hits(&app, "storing klantense").await;
    assert_eq!(found, [inverter]);
    let (found, body) = hits(&app, "klantense ").await;
    assert!(found.is_empty(), "a space ends the word: {body}");
    let (found, _) = hits(&app, "kl").await;
    assert!(found.is_empty(), "two letters are no prefix");
}

#[rocket::async_test]
async fn typed_letters_find_every_word_that_begins_so_and_mark_it() {
    let (app, [snow_appointment, snow, inverter, charger]) = seeded().await;
    // Three and four letters are one term of the words' beginnings, more
    // are the words they begin; whatever the case and accents typed.
    for typed in ["kla", "KLAN", "klànt", "KLANTE", "klantè"] {
        let (found, body) = hits(&app, typed).await;
        assert_eq!(found, [inverter], "{typed}: {body}");
        let snippet = body["hits"][0]["snippet"].as_str().unwrap();
        assert!(
            snippet.contains("<mark>klantenservice</mark>"),
            "{typed}: {snippet}"
        );
    }
    // In the title too, and every word that begins so: `sneeuw` in two.
    let (found, body) = hits(&app, "snee").await;
    assert_eq!(found.len(), 2, "{body}");
    assert!(found.contains(&snow_appointment) && found.contains(&snow));
    let titles: Vec<&str> = body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["title_html"].as_str().unwrap())
        .collect();
    assert!(
        titles.iter().all(|title| title.contains("<mark>")),
        "{titles:?}"
    );
    // After a finished word, both must match.
    let (found, _) = hits(&app, "laadpaal prec").await;
    assert_eq!(found, [charger]);
    let (found, _) = hits(&app, "omvormer prec").await;
    assert!(found.is_empty());
}

#[rocket::async_test]
async fn a_typo_is_searched_as_the_words_it_is_one_edit_from_and_they_are_marked() {
    let (app, [snow_appointment, snow, inverter, _]) = seeded().await;

    let (found, body) = hits(&app, "omvromer").await;
    assert_eq!(found, [inverter]);
    assert_eq!(body["fuzzy"], true);
    let hit = &body["hits"][0];
    assert!(
        hit["title_html"]
            .as_str()
            .unwrap()
            .contains("<mark>omvormer</mark>")
            && hit["snippet"]
                .as_str()
                .unwrap()
                .contains("<mark>omvormer</mark>"),
        "the correction is marked where it stands: {hit}"
    );
    assert_eq!(
        body["corrections"],
        json!([{"typed": "omvromer", "instead": ["omvormer"]}])
    );
    let (_, page) = app.get_html("/search?q=omvromer+", As::Anonymous).await;
    assert!(
        page.contains("geen verhalen met “omvromer”, wel met “omvormer”"),
        "the page says what it searched instead"
    );

    // `afspraak` and `zonnepanelen` are known: they stay as typed, and only the
    // unknown word is corrected. A word one edit from nothing finds nothing.
    let (found, body) = hits(&app, "sneuw afspraak").await;
    assert_eq!(found, [snow_appointment], "{body}");
    let (found, body) = hits(&app, "sneuw zonnepanelen").await;
    assert_eq!(found, [snow], "{body}");
    let (found, body) = hits(&app, "qwxyzv").await;
    assert!(found.is_empty());
    assert_eq!(body["fuzzy"], false);
    assert_eq!(body["corrections"], json!([]));
}

#[rocket::async_test]
async fn a_word_being_typed_is_completed_from_the_words_not_their_stems() {
    let app = TestApp::spawn().await;
    let battery = app
        .publish_story(
            "Een thuisbatterij",
            "De thuisbatterij laadt overdag op.",
            json!({"lang": "nl"}),
        )
        .await;
    app.search_caught_up().await;
    // Dutch stems `thuisbatterij` to `thuisbat`: no stem begins with what
    // is typed, the word as written does.
    let (found, body) = hits(&app, "thuisbatt").await;
    assert_eq!(found, [battery], "{body}");
    assert_eq!(body["fuzzy"], false, "completed, not corrected");
    assert!(
        body["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>thuisbatterij</mark>"),
        "{body}"
    );
}

#[rocket::async_test]
async fn a_phrase_of_common_words_finds_them_only_together_and_marks_them() {
    let (app, [_, snow, _, _]) = seeded().await;
    // Every story has `de`, three have `op`; only one has "op de" (the pair
    // the index keeps for two common words in a row).
    let (found, body) = hits(&app, "\"op de\"").await;
    assert_eq!(found, [snow], "{body}");
    assert!(
        body["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>op</mark> <mark>de</mark> zonnepanelen"),
        "{body}"
    );
    let (found, _) = hits(&app, "\"de op\"").await;
    assert!(found.is_empty(), "the other order is another phrase");
    // Three common words: two pairs that overlap; and pairs beside a word.
    let (found, _) = hits(&app, "\"om ze te\"").await;
    assert_eq!(found, [snow]);
    let (found, _) = hits(&app, "\"ze om te\"").await;
    assert!(found.is_empty());
    let (found, _) = hits(&app, "\"terug om ze te controleren\"").await;
    assert_eq!(found, [snow]);
    let (found, _) = hits(&app, "\"terug om ze te zien\"").await;
    assert!(found.is_empty());
}
