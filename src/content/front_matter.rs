//! Splitting `+++`-delimited TOML front matter from a Markdown body.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::ContentError;

/// Parses the front matter of `source` into `T` and returns it with the body.
/// Errors carry the line number in the file, not in the front matter.
pub fn parse<T: DeserializeOwned>(path: &Path, source: &str) -> Result<(T, String), ContentError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "+++" {
        return Err(ContentError::new(
            path,
            Some(1),
            "the file must start with a `+++` line, then TOML front matter, then `+++`",
        ));
    }
    let mut front = String::new();
    let mut closed = false;
    let mut body_start = first.len();
    for line in lines.by_ref() {
        body_start += line.len();
        if line.trim_end() == "+++" {
            closed = true;
            break;
        }
        front.push_str(line);
    }
    if !closed {
        return Err(ContentError::new(
            path,
            None,
            "the front matter is not closed by a `+++` line",
        ));
    }
    let parsed = toml::from_str::<T>(&front).map_err(|e| {
        // +1 for the opening `+++` line, +1 because lines count from one.
        let line = e
            .span()
            .map(|span| front[..span.start].matches('\n').count() + 2);
        ContentError::new(path, line, e.message().to_owned())
    })?;
    Ok((parsed, source[body_start..].trim().to_owned()))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Fm {
        name: String,
    }

    #[test]
    fn front_matter_and_body_are_split() {
        let (fm, body) =
            super::parse::<Fm>(Path::new("x.md"), "+++\nname = \"A\"\n+++\n\nBody\n").unwrap();
        assert_eq!(fm.name, "A");
        assert_eq!(body, "Body");
    }

    #[test]
    fn an_unknown_key_is_reported_with_its_line() {
        let err = super::parse::<Fm>(Path::new("x.md"), "+++\nname = \"A\"\ncolour = 1\n+++\n")
            .unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn a_missing_opening_line_is_reported() {
        let err = super::parse::<Fm>(Path::new("x.md"), "name = 1\n").unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

        /// Whatever a content file holds, reading it gives the front matter
        /// and a trimmed body, or an error whose line is in the file.
        #[test]
        fn any_file_is_read_or_refused_with_a_line_in_it(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                proptest::sample::select(vec![
                    "+++", "+++\n", "\n", "\r\n", "\u{feff}", "name = ", "\"A\"", "'''", "\"\"\"",
                    "[t]\n", "[[t]]\n", "= ", "# c\n", "x.y = 1\n", "+++ \n", " ", "\\", "é",
                ]).prop_map(str::to_owned),
                "\\PC{0,5}",
            ], 0..24)
        ) {
            let source = pieces.concat();
            match super::parse::<toml::Table>(Path::new("x.md"), &source) {
                Ok((_, body)) => proptest::prop_assert_eq!(body.trim(), body.as_str()),
                Err(e) => {
                    let lines = source.lines().count().max(1);
                    proptest::prop_assert!(
                        e.line.is_none_or(|line| line >= 1 && line <= lines + 1),
                        "{:?} in {} lines", e.line, lines
                    );
                }
            }
        }
    }
}
