//! `content/glossary.txt`: the organisation's words that mean the same,
//! across Dutch and English (`klant = customer`). The search treats each
//! group as one word. One group per line, members separated by `=`; a member
//! may be a phrase (`klantenservice = customer service`); `#` starts a
//! comment. The file is optional; a bad line stops start-up with
//! `file:line: message`, like the values.

use std::collections::HashMap;
use std::path::Path;

use super::{ContentError, ContentErrors};

/// The file's name in the content folder.
pub const FILE: &str = "glossary.txt";
/// Explicit limits: a member's length and the number of groups.
pub const MEMBER_MAX_CHARS: usize = 60;
pub const GROUPS_MAX: usize = 1_000;

/// Groups of equivalent words or phrases, lowercased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub groups: Vec<Vec<String>>,
}

/// Reads and checks the glossary; an empty one when the file is absent.
pub fn load_glossary(content_dir: &Path) -> Result<Glossary, ContentErrors> {
    let file = content_dir.join(FILE);
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Glossary::default()),
        Err(e) => {
            return Err(ContentErrors(vec![ContentError::new(
                &file,
                None,
                format!("cannot read the file: {e}"),
            )]));
        }
    };
    parse(&file, &text)
}

fn parse(file: &Path, text: &str) -> Result<Glossary, ContentErrors> {
    let mut errors = Vec::new();
    let mut groups: Vec<Vec<String>> = Vec::new();
    // Member → the line it was first given on.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        let number = n + 1;
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let error = |message: String| ContentError::new(file, Some(number), message);
        let members: Vec<String> = line
            .split('=')
            .map(|m| {
                m.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
            })
            .collect();
        if members.len() < 2 {
            errors.push(error(
                "a group needs two or more words separated by `=`, like `klant = customer`".into(),
            ));
            continue;
        }
        let mut group = Vec::new();
        for member in members {
            if member.is_empty() {
                errors.push(error("an empty word between `=` signs".into()));
            } else if member.chars().count() > MEMBER_MAX_CHARS {
                errors.push(error(format!(
                    "`{member}` is longer than {MEMBER_MAX_CHARS} characters"
                )));
            } else if !member
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ' || c == '-')
            {
                errors.push(error(format!(
                    "`{member}` may hold only letters, digits, spaces and hyphens"
                )));
            } else if let Some(first) = seen.get(&member) {
                errors.push(error(format!(
                    "`{member}` is already in the group on line {first}; a word belongs to one group"
                )));
            } else {
                seen.insert(member.clone(), number);
                group.push(member);
            }
        }
        groups.push(group);
    }
    if groups.len() > GROUPS_MAX {
        errors.push(ContentError::new(
            file,
            None,
            format!("more than {GROUPS_MAX} groups"),
        ));
    }
    if errors.is_empty() {
        Ok(Glossary { groups })
    } else {
        Err(ContentErrors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        parse(Path::new("glossary.txt"), text)
            .unwrap_err()
            .0
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn groups_are_read_lowercased_with_comments_and_phrases() {
        let glossary = parse(
            Path::new("glossary.txt"),
            "# Klanten\nKlant = Customer\n\nklantenservice = customer  service # both\n",
        )
        .unwrap();
        assert_eq!(
            glossary.groups,
            [
                vec!["klant".to_owned(), "customer".into()],
                vec!["klantenservice".into(), "customer service".into()],
            ]
        );
    }

    #[test]
    fn each_bad_line_is_named() {
        assert_eq!(
            errors("klant = customer\nmonteur\nclient = Klant\ncollega = \nx = a<b"),
            [
                "glossary.txt:2: a group needs two or more words separated by `=`, like `klant = customer`",
                "glossary.txt:3: `klant` is already in the group on line 1; a word belongs to one group",
                "glossary.txt:4: an empty word between `=` signs",
                "glossary.txt:5: `a<b` may hold only letters, digits, spaces and hyphens",
            ]
        );
    }
}
