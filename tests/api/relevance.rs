//! Relevance, measured: a judged set of queries over the example stories in
//! `content/stories/`, each with the stories that must be found and some
//! that must not. Reports precision and recall per class of query (run with
//! `--nocapture` to see the table) and fails when a class drops below the
//! level stated here and in the README.
//!
//! Stories are named by the first four characters of their file name
//! (`b-01`, `c-12`). A query ends with a space unless it tests the prefix of
//! a word being typed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::helpers::{As, TestApp};

struct Judged {
    class: &'static str,
    q: &'static str,
    must: &'static [&'static str],
    must_not: &'static [&'static str],
}

const OMVORMER: &[&str] = &["b-01", "b-08", "c-06", "c-09", "c-11"];
const WARMTEPOMP: &[&str] = &["b-02", "b-05", "c-01", "c-10"];
const THUISBATTERIJ: &[&str] = &["b-03", "b-06", "b-09", "c-03"];
const TEAMLEIDER: &[&str] = &["b-05", "b-11", "b-16", "c-02", "c-07"];
const KLANTENSERVICE: &[&str] = &["b-01", "b-02", "b-11", "b-13", "b-14", "b-15"];

#[rustfmt::skip]
const JUDGED: &[Judged] = &[
    Judged { class: "word", q: "omvormer ", must: OMVORMER, must_not: &["b-02", "b-07"] },
    Judged { class: "word", q: "warmtepomp ", must: WARMTEPOMP, must_not: &["b-01"] },
    Judged { class: "word", q: "thuisbatterij ", must: THUISBATTERIJ, must_not: &["b-01"] },
    Judged { class: "word", q: "teamleider ", must: TEAMLEIDER, must_not: &["b-07"] },
    Judged { class: "word", q: "sneeuw ", must: &["c-01"], must_not: &["c-02"] },
    Judged { class: "word", q: "stooklijn ", must: &["b-02", "c-09"], must_not: &["b-01"] },
    Judged { class: "word", q: "invoice ", must: &["b-13", "c-12"], must_not: &["c-05"] },
    Judged { class: "word", q: "review ", must: &["b-17", "c-08", "c-09"], must_not: &["b-18"] },
    Judged { class: "glossary", q: "customer ",
        must: &["b-03", "b-04", "b-11", "c-01", "c-02", "c-03", "c-06", "c-08", "c-11", "b-13", "b-14", "b-17", "c-05", "c-09", "c-12"],
        must_not: &["b-07", "b-10"] },
    Judged { class: "glossary", q: "colleague ",
        must: &["b-03", "b-05", "b-08", "b-12", "c-08", "c-11", "b-15", "b-18", "c-04"], must_not: &["b-07"] },
    Judged { class: "glossary", q: "inverter ",
        must: &["b-01", "b-08", "c-06", "c-09", "c-11", "b-18", "c-04"], must_not: &["b-02"] },
    Judged { class: "glossary", q: "\"heat pump\" ",
        must: &["b-02", "b-05", "c-01", "c-10", "b-13", "c-05"], must_not: &["b-01"] },
    Judged { class: "glossary", q: "technician ",
        must: &["b-14", "b-15", "b-16", "b-04", "b-05", "b-06", "b-07", "b-09", "b-10", "b-12", "c-02", "c-06", "c-07", "c-10", "c-05", "c-09", "c-12"],
        must_not: &["b-03"] },
    Judged { class: "phrase", q: "\"precies op tijd\" ", must: &["c-01"], must_not: &["b-03", "b-07", "b-08", "c-11"] },
    Judged { class: "phrase", q: "\"kleine lettertjes\" ", must: &["c-03"], must_not: &["b-01"] },
    Judged { class: "typo", q: "omvromer ", must: OMVORMER, must_not: &["b-02"] },
    Judged { class: "typo", q: "warmtepmp ", must: WARMTEPOMP, must_not: &["b-01"] },
    Judged { class: "typo", q: "tecnician ", must: &["b-14", "b-15", "b-16"], must_not: &["b-01"] },
    Judged { class: "exclusion", q: "warmtepomp -sneeuw ", must: &["b-02", "b-05", "c-10"], must_not: &["c-01"] },
    Judged { class: "exclusion", q: "omvormer -retour ", must: &["b-08", "c-09", "c-11"], must_not: &["b-01", "c-06"] },
    Judged { class: "prefix", q: "thuisbatt", must: THUISBATTERIJ, must_not: &["b-01"] },
    Judged { class: "prefix", q: "teamlei", must: TEAMLEIDER, must_not: &["b-07"] },
    Judged { class: "word", q: "lunch ", must: &["b-15"], must_not: &["b-14"] },
    Judged { class: "word", q: "huurders ", must: &["b-04", "c-10"], must_not: &["b-01"] },
    Judged { class: "phrase", q: "\"op tijd\" ", must: &["b-04", "c-01"], must_not: &["b-07"] },
    Judged { class: "typo", q: "thuisbaterij ", must: THUISBATTERIJ, must_not: &["b-01"] },
    Judged { class: "exclusion", q: "klant -storing ", must: &["b-03", "b-04", "c-06"], must_not: &["c-01", "c-08"] },
    // A part finds the compounds it is in (and a whole word ranks above).
    Judged { class: "compound part", q: "service ", must: KLANTENSERVICE, must_not: &["b-07"] },
    Judged { class: "compound part", q: "batterij ", must: THUISBATTERIJ, must_not: &["b-01"] },
    Judged { class: "compound part", q: "pomp ", must: WARMTEPOMP, must_not: &["b-01"] },
    Judged { class: "compound part", q: "corporatie ", must: &["b-04", "b-12", "c-10"], must_not: &["b-01"] },
    Judged { class: "compound part", q: "overleg ", must: &["b-11", "c-02", "c-07", "c-11"], must_not: &["b-07"] },
    Judged { class: "compound part", q: "tafel ", must: &["b-02", "c-10"], must_not: &["b-01"] },
    Judged { class: "compound part", q: "paneel ", must: &["b-10", "c-03", "c-08"], must_not: &["b-02"] },
    Judged { class: "compound part", q: "avond ", must: &["c-10"], must_not: &["b-01"] },
    Judged { class: "compound part", q: "middag ", must: &["b-05", "b-07"], must_not: &["b-01"] },
    Judged { class: "compound part", q: "kabel ", must: &["b-06"], must_not: &["b-01"] },
    Judged { class: "compound part", q: "monteur ", must: &["b-08"], must_not: &["b-03"] },
    // Not compounds: `fabrikant` is no `fabri` + `kant`, `testopstelling`
    // has no `telling`.
    Judged { class: "compound part", q: "kant ", must: &[], must_not: &["b-06"] },
    Judged { class: "compound part", q: "telling ", must: &[], must_not: &["b-05", "b-06"] },
    // A compound finds itself in other forms, and its parts written apart.
    Judged { class: "compound", q: "klantenservice ", must: KLANTENSERVICE, must_not: &["b-07"] },
    Judged { class: "compound", q: "zonnepaneel ", must: &["b-10", "c-03", "c-08"], must_not: &["b-02"] },
    Judged { class: "compound", q: "teamleiders ", must: TEAMLEIDER, must_not: &["b-07"] },
    Judged { class: "compound", q: "warmtepompen ", must: WARMTEPOMP, must_not: &["b-01"] },
    Judged { class: "compound", q: "portaalstoring ", must: &["c-08"], must_not: &["c-01"] },
    Judged { class: "compound", q: "klantafspraak ", must: &["c-01"], must_not: &["b-04", "b-11", "c-06"] },
];

/// The lowest mean precision and recall each class may have.
#[rustfmt::skip]
const LEVELS: &[(&str, f64, f64)] = &[
    ("word", 1.0, 1.0),
    ("glossary", 1.0, 1.0),
    ("phrase", 1.0, 1.0),
    ("typo", 1.0, 1.0),
    ("exclusion", 1.0, 1.0),
    ("prefix", 1.0, 1.0),
    ("compound part", 1.0, 1.0),
    ("compound", 1.0, 1.0),
];

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[rocket::async_test]
async fn the_judged_queries_reach_their_levels() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let app =
        TestApp::spawn_with(|f| f.merge(("content_dir", &content)).merge(("demo", true))).await;
    app.search_caught_up().await;

    // File name → story id, through the titles.
    let mut slug_of_title = HashMap::new();
    for entry in std::fs::read_dir(content.join("stories")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let title = text
            .lines()
            .find_map(|l| l.strip_prefix("title = \""))
            .unwrap();
        let slug = path.file_name().unwrap().to_str().unwrap()[..4].to_owned();
        slug_of_title.insert(title.trim_end_matches('"').to_owned(), slug);
    }
    let (_, list) = app
        .get_json("/api/v1/stories?limit=100", As::Anonymous)
        .await;
    let slug_of_id: HashMap<i64, String> = list["stories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_i64().unwrap(),
                slug_of_title[s["title"].as_str().unwrap()].clone(),
            )
        })
        .collect();
    assert_eq!(slug_of_id.len(), 30, "the example stories are loaded");

    let mut classes: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for judged in JUDGED {
        let q: String = form_urlencoded::byte_serialize(judged.q.as_bytes()).collect();
        let (ids, _) = app.search(&format!("q={q}&limit=50")).await;
        let found: HashSet<&str> = ids.iter().map(|id| slug_of_id[id].as_str()).collect();
        let hits = judged.must.iter().filter(|s| found.contains(**s)).count();
        let wrong = judged
            .must_not
            .iter()
            .filter(|s| found.contains(**s))
            .count();
        let precision = ratio(hits, hits + wrong);
        let recall = ratio(hits, judged.must.len());
        if precision < 1.0 || recall < 1.0 {
            let missing: Vec<&&str> = judged
                .must
                .iter()
                .filter(|s| !found.contains(**s))
                .collect();
            let wrongly: Vec<&&str> = judged
                .must_not
                .iter()
                .filter(|s| found.contains(**s))
                .collect();
            misses.push(format!(
                "{:?}: precision {precision:.2}, recall {recall:.2}, missing {missing:?}, wrongly found {wrongly:?}",
                judged.q
            ));
        }
        let class = classes.entry(judged.class).or_default();
        class.0 += precision;
        class.1 += recall;
        class.2 += 1;
    }
    let mut table =
        String::from("| class | queries | precision | recall |\n| --- | --- | --- | --- |\n");
    for (class, (precision, recall, n)) in &classes {
        let (precision, recall) = (precision / *n as f64, recall / *n as f64);
        table.push_str(&format!(
            "| {class} | {n} | {precision:.2} | {recall:.2} |\n"
        ));
    }
    eprintln!("{table}\nnot perfect: {misses:#?}");
    for (class, (precision, recall, n)) in &classes {
        let (_, min_precision, min_recall) = LEVELS
            .iter()
            .find(|(c, ..)| c == class)
            .expect("a level per class");
        assert!(
            precision / *n as f64 >= *min_precision && recall / *n as f64 >= *min_recall,
            "{class} below its level\n{table}\n{misses:#?}"
        );
    }
}
