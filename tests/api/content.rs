use std::path::Path;

use merkwaardig::StartupError;
use tempfile::TempDir;

use crate::helpers::{As, TestApp, base_figment, write_default_content};

async fn start_error(prepare: impl FnOnce(&Path)) -> String {
    let tmp = TempDir::new().unwrap();
    let content = tmp.path().join("content");
    write_default_content(&content);
    prepare(&content);
    match merkwaardig::build(base_figment(tmp.path())).await {
        Ok(_) => panic!("the app started with bad content"),
        Err(e) => {
            assert!(matches!(e, StartupError::Content { .. }), "{e}");
            e.to_string()
        }
    }
}

fn write(content: &Path, file: &str, text: &str) {
    std::fs::write(content.join("values").join(file), text).unwrap();
}

#[rocket::async_test]
async fn an_unknown_key_refuses_to_start_naming_file_line_and_key() {
    let message = start_error(|c| {
        write(c, "eerlijk.md", "+++\nname = \"Eerlijk\"\nkind = \"brand\"\nsummary = \"s\"\norder = 9\ncolour = \"red\"\n+++\nTekst\n")
    })
    .await;
    assert!(message.contains("eerlijk.md:6"), "{message}");
    assert!(message.contains("colour"), "{message}");
}

#[rocket::async_test]
async fn a_missing_key_refuses_to_start() {
    let message = start_error(|c| {
        write(
            c,
            "eerlijk.md",
            "+++\nname = \"Eerlijk\"\nkind = \"brand\"\norder = 9\n+++\nTekst\n",
        )
    })
    .await;
    assert!(message.contains("eerlijk.md"), "{message}");
    assert!(message.contains("summary"), "{message}");
}

#[rocket::async_test]
async fn a_bad_kind_refuses_to_start() {
    let message = start_error(|c| {
        write(
            c,
            "eerlijk.md",
            "+++\nname = \"Eerlijk\"\nkind = \"klant\"\nsummary = \"s\"\norder = 9\n+++\nTekst\n",
        )
    })
    .await;
    assert!(message.contains("eerlijk.md"), "{message}");
    assert!(message.contains("`brand`"), "{message}");
}

#[rocket::async_test]
async fn a_bad_slug_refuses_to_start() {
    let message = start_error(|c| {
        write(
            c,
            "Eerlijk Open.md",
            "+++\nname = \"Eerlijk\"\nkind = \"brand\"\nsummary = \"s\"\norder = 9\n+++\nTekst\n",
        )
    })
    .await;
    assert!(message.contains("Eerlijk Open.md"), "{message}");
    assert!(message.contains("slug"), "{message}");
}

#[rocket::async_test]
async fn duplicate_names_and_orders_refuse_to_start() {
    let message = start_error(|c| {
        write(c, "klant-centraal.md", "+++\nname = \"Klantgericht\"\nkind = \"brand\"\nsummary = \"s\"\norder = 1\n+++\nTekst\n")
    })
    .await;
    assert!(message.contains("is also used by"), "{message}");
    assert!(message.contains("order 1"), "{message}");
}

#[rocket::async_test]
async fn empty_guidance_refuses_to_start() {
    let message = start_error(|c| {
        write(
            c,
            "eerlijk.md",
            "+++\nname = \"Eerlijk\"\nkind = \"brand\"\nsummary = \"s\"\norder = 9\n+++\n\n",
        )
    })
    .await;
    assert!(message.contains("guidance"), "{message}");
}

#[rocket::async_test]
async fn a_missing_content_folder_refuses_to_start() {
    let message = start_error(|c| std::fs::remove_dir_all(c).unwrap()).await;
    assert!(message.contains("cannot read the folder"), "{message}");
}

#[test]
fn the_shipped_content_is_valid() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let values = merkwaardig::content::load_values(&content).expect("valid values");
    let brand = values.iter().filter(|v| v.kind.as_str() == "brand").count();
    let core = values.len() - brand;
    assert!(
        (3..=4).contains(&brand) && (3..=4).contains(&core),
        "{brand} brand, {core} core"
    );
    let kinds = values
        .iter()
        .map(|v| (v.slug.to_string(), v.kind))
        .collect();
    let stories = merkwaardig::content::load_demo_stories(&content, &kinds).expect("valid stories");
    assert!(
        (30..=50).contains(&stories.len()),
        "{} stories",
        stories.len()
    );
    assert!(stories.iter().any(|s| s.story.lang().as_str() == "en"));
    assert!(stories.iter().any(|s| s.story.lang().as_str() == "nl"));
}

#[rocket::async_test]
async fn demo_mode_loads_the_example_stories_once() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let app =
        TestApp::spawn_with(|f| f.merge(("content_dir", &shipped)).merge(("demo", true))).await;
    let (_, body) = app
        .get_json("/api/v1/stories?limit=100", As::Anonymous)
        .await;
    let loaded = body["stories"].as_array().unwrap().len();
    assert!(loaded >= 30, "{loaded} stories");
    // Thank-you notes under an example story.
    let stooklijn = body["stories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Een stooklijn uitgelegd aan de keukentafel")
        .expect("the example story")["id"]
        .as_i64()
        .unwrap();
    let (_, notes) = app
        .get_json(&format!("/api/v1/stories/{stooklijn}/notes"), As::Anonymous)
        .await;
    assert_eq!(notes["notes"].as_array().unwrap().len(), 2, "{notes}");
    // The five habits beside them (`content/demo.toml`).
    let (_, leaders) = app
        .get_json("/api/v1/stories?leadership=true", As::Anonymous)
        .await;
    assert_eq!(leaders["stories"].as_array().unwrap().len(), 1);
    let (_, monthly) = app
        .get_json("/api/v1/stories?story_of_the_month=true", As::Anonymous)
        .await;
    assert_eq!(monthly["stories"].as_array().unwrap().len(), 2);
    let (_, value) = app
        .get_json("/api/v1/values/klantgericht", As::Anonymous)
        .await;
    assert_eq!(value["commitments"][0]["manager"]["id"], "hanneke.smits");
    let (_, board) = app.get_json("/api/v1/barriers", As::Manager("mia")).await;
    let statuses: Vec<&str> = board["barriers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["solved", "in_progress", "new"]);
    // The insights have something to show: a team large enough for the
    // matrix, a barrier solved in twelve days, inspiring stories.
    let (_, insights) = app.get_json("/api/v1/insights", As::Manager("mia")).await;
    assert_eq!(insights["teams"]["rows"][0]["team"], "Monteurs");
    assert_eq!(insights["teams"]["rows"][0]["shown"], true);
    let klant = &insights["barriers"][0];
    assert_eq!(klant["value"]["slug"], "klantgericht");
    assert_eq!(klant["median_days_to_solve"], 12.0);
    assert_eq!(insights["inspiring"][0]["stories"][0]["inspired"], 5);

    // A restart does not load them again.
    let app = app
        .restart_with(|f| f.merge(("content_dir", &shipped)).merge(("demo", true)))
        .await;
    let (_, body) = app
        .get_json("/api/v1/stories?limit=100", As::Anonymous)
        .await;
    assert_eq!(body["stories"].as_array().unwrap().len(), loaded);
}

#[rocket::async_test]
async fn a_bad_glossary_refuses_to_start_naming_file_and_line() {
    let message = start_error(|c| {
        std::fs::write(
            c.join("glossary.txt"),
            "# groepen\nklant = customer\nmonteur\nclient = klant\n",
        )
        .unwrap()
    })
    .await;
    assert!(
        message.contains("glossary.txt:3: a group needs two or more words"),
        "{message}"
    );
    assert!(
        message.contains("glossary.txt:4: `klant` is already in the group on line 2"),
        "{message}"
    );
}
