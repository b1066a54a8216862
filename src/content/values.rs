//! `content/values/<slug>.md`: one organisation value with its guidance.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::{ContentError, ContentErrors, front_matter, markdown_files};
use crate::domain::{Lang, ValueKind, ValueSlug};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    name: String,
    kind: String,
    summary: String,
    order: i32,
    #[serde(default)]
    lang: Option<String>,
}

/// A value as written in `content/`, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueDef {
    pub slug: ValueSlug,
    pub name: String,
    pub kind: ValueKind,
    pub summary: String,
    pub order: i32,
    pub lang: Lang,
    pub guidance_md: String,
}

pub const NAME_MAX: usize = 60;
pub const SUMMARY_MAX: usize = 200;

/// Loads and validates every value in `<content_dir>/values`, reporting all
/// problems rather than the first.
pub fn load_values(content_dir: &Path) -> Result<Vec<ValueDef>, ContentErrors> {
    let dir = content_dir.join("values");
    let files = markdown_files(&dir).map_err(|e| ContentErrors(vec![e]))?;
    let mut errors = Vec::new();
    let mut defs: Vec<(ValueDef, &Path)> = Vec::new();
    for file in &files {
        match load_one(file) {
            Ok(def) => defs.push((def, file)),
            Err(e) => errors.push(e),
        }
    }
    if files.is_empty() {
        errors.push(ContentError::new(
            &dir,
            None,
            "no values found: add at least one `<slug>.md` file",
        ));
    }
    let mut seen_names: HashMap<String, &Path> = HashMap::new();
    let mut seen_orders: HashMap<i32, &Path> = HashMap::new();
    for (def, file) in &defs {
        if let Some(other) = seen_names.insert(def.name.to_lowercase(), file) {
            errors.push(ContentError::new(
                file,
                None,
                format!(
                    "the name `{}` is also used by {}",
                    def.name,
                    other.display()
                ),
            ));
        }
        if let Some(other) = seen_orders.insert(def.order, file) {
            errors.push(ContentError::new(
                file,
                None,
                format!("order {} is also used by {}", def.order, other.display()),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    let mut defs: Vec<ValueDef> = defs.into_iter().map(|(def, _)| def).collect();
    defs.sort_by_key(|def| def.order);
    Ok(defs)
}

fn load_one(file: &Path) -> Result<ValueDef, ContentError> {
    let source = std::fs::read_to_string(file)
        .map_err(|e| ContentError::new(file, None, format!("cannot read the file: {e}")))?;
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let slug = ValueSlug::parse(stem).map_err(|e| {
        ContentError::new(
            file,
            None,
            format!("the file name is the value's slug: {e}"),
        )
    })?;
    let (fm, body) = front_matter::parse::<FrontMatter>(file, &source)?;
    let problem = |message: String| Err(ContentError::new(file, None, message));
    let Some(kind) = ValueKind::parse(&fm.kind) else {
        return problem(format!(
            "kind is `brand` (towards customers) or `core` (towards colleagues), not `{}`",
            fm.kind
        ));
    };
    let lang = match fm.lang.as_deref() {
        None => Lang::Nl,
        Some(raw) => match Lang::parse(raw) {
            Some(lang) => lang,
            None => return problem(format!("lang is `nl` or `en`, not `{raw}`")),
        },
    };
    let name = fm.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > NAME_MAX {
        return problem(format!("name has 1 to {NAME_MAX} characters"));
    }
    let summary = fm.summary.trim().to_owned();
    if summary.is_empty() || summary.chars().count() > SUMMARY_MAX || summary.contains('\n') {
        return problem(format!(
            "summary is one line of 1 to {SUMMARY_MAX} characters"
        ));
    }
    if body.is_empty() {
        return problem("the guidance (the Markdown after the front matter) is empty".into());
    }
    Ok(ValueDef {
        slug,
        name,
        kind,
        summary,
        order: fm.order,
        lang,
        guidance_md: body,
    })
}
