//! The rules of a story's fields, on examples.

use super::*;

fn values() -> HashMap<String, ValueKind> {
    HashMap::from([
        ("klantgericht".to_owned(), ValueKind::Brand),
        ("samen-sterker".to_owned(), ValueKind::Core),
    ])
}

fn input() -> StoryInput {
    StoryInput {
        title: "  De monteur   die bleef  ".into(),
        body: "Hij bleef tot de warmtepomp het weer deed, ook na vijf uur.".into(),
        values: vec!["klantgericht".into()],
        ..Default::default()
    }
}

#[test]
fn a_valid_story_is_normalised() {
    let story = NewStory::parse(&input(), &values()).unwrap();
    assert_eq!(story.title(), "De monteur die bleef");
    assert_eq!(story.audience(), Audience::Customer);
    assert_eq!(story.lang(), Lang::Nl);
}

#[test]
fn a_story_with_only_core_values_is_about_colleagues() {
    let mut input = input();
    input.values = vec!["samen-sterker".into()];
    let story = NewStory::parse(&input, &values()).unwrap();
    assert_eq!(story.audience(), Audience::Colleague);
}

#[test]
fn english_text_is_detected() {
    let mut input = input();
    input.body = "The installer stayed until the heat pump worked again, well after five o'clock, and the customer was grateful.".into();
    assert_eq!(NewStory::parse(&input, &values()).unwrap().lang(), Lang::En);
}

#[test]
fn every_bad_field_is_reported() {
    let bad = StoryInput {
        title: "x".into(),
        body: "short".into(),
        values: vec!["onbekend".into()],
        audience: Some("everyone".into()),
        team: Some("t".repeat(61)),
        lang: Some("de".into()),
        anonymous: false,
        approach: Some("a".repeat(121)),
        leadership: None,
        people: None,
    };
    let errors = NewStory::parse(&bad, &values()).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "title", "body", "values", "audience", "team", "approach", "lang"
        ]
    );
}

#[test]
fn a_draft_may_be_unfinished_but_not_too_long() {
    let unfinished = StoryInput {
        title: "".into(),
        body: "Begin".into(),
        values: vec![],
        ..Default::default()
    };
    assert!(NewStory::parse(&unfinished, &values()).is_err());
    assert!(NewStory::parse_as(&unfinished, &values(), Completeness::Draft).is_ok());
    let too_long = StoryInput {
        title: "t".repeat(200),
        ..unfinished
    };
    let errors = NewStory::parse_as(&too_long, &values(), Completeness::Draft).unwrap_err();
    assert_eq!(errors[0].field, "title");
}

#[test]
fn too_many_values_are_refused() {
    let mut many = values();
    for slug in ["a", "b", "c"] {
        many.insert(slug.into(), ValueKind::Brand);
    }
    let mut input = input();
    input.values = vec!["a".into(), "b".into(), "c".into(), "klantgericht".into()];
    let errors = NewStory::parse(&input, &many).unwrap_err();
    assert_eq!(errors[0].field, "values");
}
