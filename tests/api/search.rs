use rocket::http::Status;
use serde_json::{Value, json};

use crate::helpers::{As, TestApp};

fn nl() -> Value {
    json!({"lang": "nl"})
}

fn en() -> Value {
    json!({"lang": "en"})
}

#[rocket::async_test]
async fn dutch_stemming_finds_plural_and_singular() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Een blije klant",
            "De klant belde om ons te bedanken voor de snelle hulp.",
            nl(),
        )
        .await;
    let (hits, _) = app.search("q=klanten").await;
    assert_eq!(hits, [id]);
}

#[rocket::async_test]
async fn english_stemming_finds_customer_for_customers() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "A happy customer",
            "The customer called to thank us for the quick help.",
            en(),
        )
        .await;
    let (hits, _) = app.search("q=customers").await;
    assert_eq!(hits, [id]);
}

#[rocket::async_test]
async fn accents_are_folded() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Ruimte creëren",
            "We wilden ruimte creëren voor nieuwe ideeën in het team.",
            nl(),
        )
        .await;
    let (hits, _) = app.search("q=creeren").await;
    assert_eq!(hits, [id]);
    let (hits, _) = app.search("q=idee%C3%ABn").await;
    assert_eq!(hits, [id]);
}

#[rocket::async_test]
async fn a_one_letter_typo_in_a_longer_word_still_finds_it() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Installatie",
            "De installatie van de warmtepomp ging soepel.",
            nl(),
        )
        .await;
    let (hits, body) = app.search("q=instalatie").await;
    assert_eq!(hits, [id]);
    assert_eq!(body["fuzzy"], true);
    let (hits, body) = app.search("q=installatie").await;
    assert_eq!(hits, [id]);
    assert_eq!(body["fuzzy"], false);
}

#[rocket::async_test]
async fn a_phrase_matches_only_the_words_in_order() {
    let app = TestApp::spawn().await;
    let phrase = app
        .publish_story(
            "Op tijd",
            "De monteur was precies op tijd bij de klant.",
            nl(),
        )
        .await;
    app.publish_story(
        "Andere volgorde",
        "Op die tijd was de planning precies rond.",
        nl(),
    )
    .await;
    let (hits, _) = app.search("q=%22precies+op+tijd%22").await;
    assert_eq!(hits, [phrase]);
}

#[rocket::async_test]
async fn a_minus_excludes_a_word_and_or_widens() {
    let app = TestApp::spawn().await;
    let plain = app
        .publish_story(
            "Klant geholpen",
            "Een klant kreeg snel een nieuwe omvormer.",
            nl(),
        )
        .await;
    let retour = app
        .publish_story(
            "Klant en retour",
            "Een klant stuurde de omvormer retour.",
            nl(),
        )
        .await;
    let (hits, _) = app.search("q=klant+-retour").await;
    assert_eq!(hits, [plain]);
    let (mut hits, _) = app.search("q=geholpen+OR+retour").await;
    hits.sort();
    assert_eq!(hits, [plain, retour]);
}

#[rocket::async_test]
async fn facet_counts_cover_all_matches_not_just_the_page() {
    let app = TestApp::spawn().await;
    for n in 0..3 {
        app.publish_story(
            &format!("Klant {n}"),
            "Een verhaal over een tevreden klant.",
            json!({"values": ["klantgericht"]}),
        )
        .await;
    }
    for n in 0..2 {
        app.publish_story(
            &format!("Op tijd {n}"),
            "Een verhaal over een tevreden klant, op tijd.",
            json!({"values": ["betrouwbaar", "klantgericht"]}),
        )
        .await;
    }
    let (hits, body) = app.search("q=klant&limit=1").await;
    assert_eq!(hits.len(), 1);
    assert_eq!(body["total"], 5);
    assert_eq!(body["facets"]["values"]["klantgericht"], 5);
    assert_eq!(body["facets"]["values"]["betrouwbaar"], 2);
}

#[rocket::async_test]
async fn filters_narrow_by_value_audience_team_and_language() {
    let app = TestApp::spawn().await;
    let a = app
        .publish_story(
            "Samen",
            "Een verhaal over de planning.",
            json!({"values": ["samen-sterker"], "team": "Planning", "lang": "nl"}),
        )
        .await;
    let b = app.publish_story("Klant", "Een verhaal over de planning.", json!({"values": ["klantgericht"], "team": "Monteurs", "lang": "nl", "audience": "customer"})).await;
    let c = app
        .publish_story(
            "Time",
            "A story about planning for a customer.",
            json!({"values": ["betrouwbaar"], "lang": "en"}),
        )
        .await;

    let (mut hits, _) = app.search("value=samen-sterker&value=klantgericht").await;
    hits.sort();
    assert_eq!(hits, [a, b], "several values combine as OR");
    let (hits, _) = app.search("audience=colleague").await;
    assert_eq!(hits, [a]);
    let (hits, _) = app.search("team=monteurs").await;
    assert_eq!(hits, [b], "team matches regardless of case");
    let (hits, _) = app.search("lang=en").await;
    assert_eq!(hits, [c]);
    let (hits, _) = app.search("q=planning&lang=nl&team=Planning").await;
    assert_eq!(hits, [a]);
}

#[rocket::async_test]
async fn snippets_highlight_with_mark_and_escape_the_story_text() {
    let app = TestApp::spawn().await;
    app.publish_story(
        "Code in een verhaal",
        "Hij typte <script>alert('x')</script> in het formulier, zag 3 < 4 & de omvormer bleef werken.",
        nl(),
    )
    .await;
    let (_, body) = app.search("q=omvormer").await;
    let snippet = body["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>omvormer</mark>"), "{snippet}");
    assert!(!snippet.contains("<script"), "{snippet}");
    // Raw HTML is no story text (the story page drops it too); text is escaped.
    assert!(snippet.contains("3 &lt; 4 &amp; de"), "{snippet}");
    assert!(
        snippet.ends_with("werken."),
        "only a period follows: {snippet}"
    );
    let without_marks = snippet.replace("<mark>", "").replace("</mark>", "");
    assert!(
        !without_marks.contains('<'),
        "only <mark> is markup: {snippet}"
    );
}

#[rocket::async_test]
async fn hits_carry_the_documented_fields() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story(
            "Velden",
            "Een verhaal over velden.",
            json!({"values": ["klantgericht", "betrouwbaar"]}),
        )
        .await;
    let (_, body) = app.search("q=velden").await;
    let hit = &body["hits"][0];
    assert_eq!(hit["id"], id);
    assert_eq!(hit["title"], "Velden");
    assert_eq!(hit["url"], format!("/stories/{id}"));
    assert_eq!(hit["values"], json!(["klantgericht", "betrouwbaar"]));
    assert!(hit["published_at"].is_string());
    assert!(body["took_ms"].is_number());
}

#[rocket::async_test]
async fn only_published_stories_are_ever_found() {
    let app = TestApp::spawn().await;
    let pending = app
        .submit(As::Staff("anna"), "Geheim wachtend", &["klantgericht"])
        .await;
    let (hits, _) = app.search("q=wachtend").await;
    assert!(hits.is_empty());
    app.moderate(
        pending,
        "reject",
        &json!({"reason": "nee"}),
        As::Manager("mia"),
    )
    .await;
    let (hits, _) = app.search("q=wachtend").await;
    assert!(hits.is_empty());
    let (hits, _) = app.search("").await;
    assert!(
        hits.is_empty(),
        "browsing shows no unpublished story either"
    );
}

#[rocket::async_test]
async fn a_story_appears_when_published_and_disappears_when_withdrawn() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story("Zichtbaar", "Een verhaal over een zonnepaneel.", nl())
        .await;
    let (hits, _) = app.search("q=zonnepaneel").await;
    assert_eq!(hits, [id]);
    app.withdraw(id, As::Staff("anna")).await;
    let (hits, _) = app.search("q=zonnepaneel").await;
    assert!(hits.is_empty());
}

#[rocket::async_test]
async fn a_story_disappears_when_a_manager_takes_it_down() {
    let app = TestApp::spawn().await;
    let id = app
        .publish_story("Offline", "Een verhaal over een thuisbatterij.", nl())
        .await;
    app.moderate(
        id,
        "reject",
        &json!({"reason": "Privacy"}),
        As::Manager("mia"),
    )
    .await;
    let (hits, _) = app.search("q=thuisbatterij").await;
    assert!(hits.is_empty());
}

#[rocket::async_test]
async fn an_edit_replaces_the_words_that_are_found() {
    let app = TestApp::spawn_with(|f| f.merge(("moderation", "post"))).await;
    let id = app
        .publish_story("Eerst", "Een verhaal over een omvormer.", nl())
        .await;
    let edit = json!({"title": "Daarna", "body": "Een verhaal over een laadpaal.", "values": ["klantgericht"], "lang": "nl"});
    let (status, _) = app.edit(id, &edit, As::Staff("anna")).await;
    assert_eq!(status, Status::Ok);
    let (hits, _) = app.search("q=omvormer").await;
    assert!(hits.is_empty(), "old words are gone");
    let (hits, _) = app.search("q=laadpaal").await;
    assert_eq!(hits, [id]);
}

#[rocket::async_test]
async fn malformed_queries_never_fail() {
    let app = TestApp::spawn().await;
    app.publish_story("Iets", "Een verhaal over iets.", nl())
        .await;
    for q in [
        "%22unclosed",
        "AND+OR",
        "((",
        "title_nl%3A",
        "*",
        "-",
        "%22",
        "a%3A%5B1+TO",
        "%5C",
        "~2",
        "+-+",
        "NOT",
    ] {
        let (status, body) = app
            .get_json(&format!("/api/v1/search?q={q}"), As::Anonymous)
            .await;
        assert_eq!(status, Status::Ok, "{q}: {body}");
    }
}

#[rocket::async_test]
async fn absurd_queries_and_limits_are_refused_with_400() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(201);
    for (query, field) in [
        (format!("q={long}"), "q"),
        ("limit=1000".into(), "limit"),
        ("limit=0".into(), "limit"),
        ("offset=5000".into(), "offset"),
        ("audience=iedereen".into(), "audience"),
        ("value=Niet+Goed".into(), "value"),
    ] {
        let (status, body) = app
            .get_json(&format!("/api/v1/search?{query}"), As::Anonymous)
            .await;
        assert_eq!(status, Status::BadRequest, "{query}");
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
}

#[rocket::async_test]
async fn a_title_match_ranks_above_a_body_match() {
    let app = TestApp::spawn().await;
    let body_match = app
        .publish_story(
            "Iets anders",
            "Dit gaat zijdelings over een laadpaal.",
            nl(),
        )
        .await;
    let title_match = app
        .publish_story("De laadpaal", "Dit verhaal gaat over iets.", nl())
        .await;
    let (hits, _) = app.search("q=laadpaal").await;
    assert_eq!(hits, [title_match, body_match]);
}

#[rocket::async_test]
async fn among_equal_scores_the_newer_story_and_then_the_higher_id_come_first() {
    let app = TestApp::spawn().await;
    let mut ids = Vec::new();
    for _ in 0..12 {
        // The same text scores the same; most are published within the
        // same second.
        ids.push(
            app.publish_story("Sneeuw", "Er lag sneeuw op het dak van de klant.", nl())
                .await,
        );
    }
    ids.reverse();
    let (hits, _) = app.search("q=sneeuw&limit=5").await;
    assert_eq!(hits, ids[..5]);
    let (hits, _) = app.search("q=sneeuw&limit=5&offset=5").await;
    assert_eq!(
        hits,
        ids[5..10],
        "the next page goes on where the first stopped"
    );
    let (hits, _) = app.search("q=&limit=12").await;
    assert_eq!(hits, ids, "browsing: newest first");
}
