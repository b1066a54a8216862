use super::*;
use serde_json::json;

fn kinds() -> HashMap<String, ValueKind> {
    HashMap::from([
        ("klantgericht".to_owned(), ValueKind::Brand),
        ("samen-sterker".to_owned(), ValueKind::Core),
    ])
}

fn now() -> DateTime<Utc> {
    "2026-01-01T00:00:00Z".parse().unwrap()
}

fn story(extra: Value) -> Value {
    let mut line = json!({
        "title": "De klant belde terug",
        "body": "De klant belde over een storing en we losten het dezelfde middag op.",
        "values": ["klantgericht"],
        "author": {"id": "anna", "name": "Anna de Vries"},
        "status": "published",
        "published_at": "2024-05-14T09:30:00Z",
    });
    for (key, value) in extra.as_object().unwrap() {
        line[key] = value.clone();
    }
    line
}

fn parse_value(line: &Value) -> Result<Incoming, Vec<Problem>> {
    parse(&line.to_string(), &kinds(), now())
}

/// The problems of a line as `field: reason` texts.
fn problems(line: &Value) -> Vec<String> {
    parse_value(line)
        .expect_err("the line is refused")
        .iter()
        .map(Problem::to_string)
        .collect()
}

#[test]
fn a_valid_line_becomes_a_story_with_its_author_and_dates() {
    let incoming = parse_value(&story(
        json!({"external_id": " old-7 ", "team": "Monteurs"}),
    ))
    .unwrap();
    assert_eq!(incoming.external_id, "old-7");
    assert!(incoming.given_id);
    assert_eq!(incoming.story.title(), "De klant belde terug");
    assert_eq!(incoming.story.team(), Some("Monteurs"));
    assert_eq!(incoming.status, StoryStatus::Published);
    assert_eq!(
        incoming.author,
        Some(Person {
            id: "anna".into(),
            name: "Anna de Vries".into()
        })
    );
    let published: DateTime<Utc> = "2024-05-14T09:30:00Z".parse().unwrap();
    assert_eq!(incoming.published_at, Some(published));
    assert_eq!(incoming.created_at, published, "created when published");
}

#[test]
fn a_line_without_an_external_id_gets_one_from_its_story() {
    let first = parse_value(&story(json!({}))).unwrap();
    let again = parse_value(&story(json!({}))).unwrap();
    let other = parse_value(&story(json!({"title": "Een ander verhaal"}))).unwrap();
    assert!(!first.given_id);
    assert!(
        first.external_id.starts_with("sha256:"),
        "{}",
        first.external_id
    );
    assert_eq!(first.external_id, again.external_id);
    assert_ne!(first.external_id, other.external_id);
}

#[test]
fn every_problem_of_a_line_is_named_with_its_field() {
    let line = story(json!({
        "title": "x",
        "values": ["klantgerich"],
        "lang": "de",
        "author": {"id": "token:3"},
        "published_at": null,
        "titel": "typo",
    }));
    let found = problems(&line);
    for expected in [
        "title: give your story a title of at least 3 characters",
        "values: `klantgerich` is not one of the organisation's current values",
        "lang: language is `nl` or `en`",
        "published_at: required for a published story",
    ] {
        assert!(
            found.iter().any(|p| p == expected),
            "{expected} in {found:#?}"
        );
    }
    assert!(
        found
            .iter()
            .any(|p| p.starts_with("author: `token:3` names no person"))
    );
    assert!(found.iter().any(|p| p.starts_with("titel: not a field")));
}

#[test]
fn a_missing_field_is_reported_as_missing_once() {
    let mut line = story(json!({}));
    line.as_object_mut().unwrap().remove("title");
    line.as_object_mut().unwrap().remove("author");
    assert_eq!(
        problems(&line),
        [
            "title: missing",
            "author: missing (`null` for a former colleague)"
        ]
    );
}

#[test]
fn wrong_types_and_bad_json_are_problems_not_failures() {
    assert_eq!(
        problems(&story(json!({"values": "klantgericht"}))),
        ["values: invalid type: string \"klantgericht\", expected a sequence"]
    );
    let refused = parse("{\"title\": ", &kinds(), now()).unwrap_err();
    assert!(
        refused[0].to_string().starts_with("not valid JSON"),
        "{refused:?}"
    );
    let refused = parse("[1, 2]", &kinds(), now()).unwrap_err();
    assert_eq!(refused[0].to_string(), "not a JSON object");
}

#[test]
fn a_draft_obeys_a_drafts_rules() {
    let draft = story(json!({"status": "draft", "title": "", "values": [], "published_at": null}));
    let incoming = parse_value(&draft).unwrap();
    assert_eq!(incoming.status, StoryStatus::Draft);
    assert!(incoming.story.values().is_empty());
    assert_eq!(
        incoming.created_at,
        now(),
        "created now when no date says otherwise"
    );
    assert_eq!(
        problems(&story(json!({"status": "draft"}))),
        ["published_at: a draft has never been published"]
    );
}

#[test]
fn statuses_and_what_goes_with_them() {
    assert_eq!(
        problems(&story(json!({"status": "online"}))),
        ["status: one of draft, pending, published, rejected, withdrawn"]
    );
    let rejected = story(json!({"status": "rejected", "reject_reason": "Graag concreter."}));
    assert_eq!(
        parse_value(&rejected).unwrap().reject_reason.as_deref(),
        Some("Graag concreter.")
    );
    assert_eq!(
        problems(&story(
            json!({"reject_reason": "nee", "featured": true, "status": "pending"})
        )),
        [
            "featured: only a published story can be featured",
            "reject_reason: only a rejected story has one"
        ]
    );
    assert_eq!(
        problems(&story(json!({"published_at": "2030-01-01T00:00:00Z"}))),
        ["published_at: in the future"]
    );
    assert_eq!(
        problems(&story(json!({"created_at": "2024-06-01T00:00:00+02:00"}))),
        ["created_at: after published_at"]
    );
}

#[test]
fn a_former_colleague_has_no_author_and_a_name_defaults_to_the_id() {
    let incoming = parse_value(&story(json!({"author": null}))).unwrap();
    assert_eq!(incoming.author, None);
    let incoming = parse_value(&story(json!({"author": {"id": "bas"}}))).unwrap();
    assert_eq!(incoming.author.unwrap().name, "bas");
    let long = "x".repeat(IDENTITY_MAX_CHARS + 1);
    assert_eq!(
        problems(&story(json!({"author": {"id": long}}))),
        [
            "author: the id has more than 200 characters",
            "author: the name has more than 200 characters"
        ]
    );
}

#[test]
fn named_colleagues_are_people_other_than_the_author_at_most_ten() {
    let incoming = parse_value(&story(json!({
        "people": [{"id": "bas", "name": "Bas"}, {"id": "bas"}, {"id": "cor"}]
    })))
    .unwrap();
    let ids: Vec<&str> = incoming.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["bas", "cor"]);
    assert_eq!(
        problems(&story(json!({"people": [{"id": "anna"}]}))),
        ["people: the author is not named as a colleague"]
    );
    let many: Vec<Value> = (0..11).map(|n| json!({"id": format!("p{n}")})).collect();
    assert_eq!(
        problems(&story(json!({ "people": many }))),
        ["people: name at most 10 colleagues"]
    );
}

#[test]
fn an_external_id_is_short_text() {
    assert_eq!(
        problems(&story(json!({"external_id": "  "}))),
        ["external_id: empty (leave it out instead)"]
    );
    assert_eq!(
        problems(&story(json!({"external_id": "x".repeat(201)}))),
        ["external_id: more than 200 characters"]
    );
    assert_eq!(
        problems(&story(json!({"external_id": 7}))),
        ["external_id: invalid type: integer `7`, expected a string"]
    );
}

/// Times are kept to the whole second, while the id derived for a line
/// without one keeps the line's own time: a file imported before times
/// were rounded still finds its stories. A time within the current second
/// is not in the future.
#[test]
fn times_are_kept_to_the_second_and_a_derived_id_keeps_the_lines_own() {
    let line = story(json!({"published_at": "2024-05-14T09:30:00.900Z"}));
    let incoming = parse_value(&line).unwrap();
    let whole: DateTime<Utc> = "2024-05-14T09:30:00Z".parse().unwrap();
    let written: DateTime<Utc> = "2024-05-14T09:30:00.900Z".parse().unwrap();
    assert_eq!(incoming.published_at, Some(whole));
    assert_eq!(incoming.created_at, whole);
    let person = incoming.author.clone();
    assert_eq!(
        incoming.external_id,
        derived_id(&incoming.story, person.as_ref(), Some(written))
    );
    assert_ne!(
        incoming.external_id,
        derived_id(&incoming.story, person.as_ref(), Some(whole))
    );

    let this_second = story(json!({"published_at": "2026-01-01T00:00:00.500Z"}));
    assert!(parse_value(&this_second).is_ok(), "not in the future");
    let next_second = story(json!({"published_at": "2026-01-01T00:00:01Z"}));
    assert_eq!(problems(&next_second), ["published_at: in the future"]);
}
