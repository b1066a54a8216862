//! Taking the fields of an import line out of its JSON object one by one,
//! each as the type it must have: a field that is not is a problem named
//! with its field, never a failure of the whole line; what is left over
//! are fields the format does not have.

use chrono::{DateTime, SubsecRound, Utc};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{PersonLine, Problem};

/// The line's fields, taken out one by one: what is left are unknown ones.
pub(super) struct Fields<'a> {
    pub map: &'a mut Map<String, Value>,
    pub problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// A field's value; `None` when absent, `null` or of the wrong type (a
    /// problem then).
    pub(super) fn take<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        match self.map.remove(key) {
            None | Some(Value::Null) => None,
            Some(value) => match serde_json::from_value(value) {
                Ok(parsed) => Some(parsed),
                Err(e) => {
                    self.problems.push(Problem::new(key, e.to_string()));
                    None
                }
            },
        }
    }

    pub(super) fn required<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        if self.map.get(key).is_none_or(Value::is_null) {
            self.map.remove(key);
            self.problems.push(Problem::new(key, "missing"));
            return None;
        }
        self.take(key)
    }

    /// The author: `Some(None)` for `null` (a former colleague).
    pub(super) fn author(&mut self) -> Option<Option<PersonLine>> {
        match self.map.get("author") {
            None => {
                self.problems.push(Problem::new(
                    "author",
                    "missing (`null` for a former colleague)",
                ));
                None
            }
            Some(Value::Null) => {
                self.map.remove("author");
                Some(None)
            }
            Some(_) => self.take("author").map(Some),
        }
    }

    /// A point in time, RFC 3339, not after `now`.
    pub(super) fn time(&mut self, key: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let raw = self.take::<String>(key)?;
        match DateTime::parse_from_rfc3339(raw.trim()) {
            // `now` is whole seconds: a time within the current second is not
            // in the future.
            Ok(at) if at.with_timezone(&Utc).trunc_subsecs(0) > now => {
                self.problems.push(Problem::new(key, "in the future"));
                None
            }
            Ok(at) => Some(at.with_timezone(&Utc)),
            Err(_) => {
                self.problems.push(Problem::new(
                    key,
                    format!("`{raw}` is not an RFC 3339 time like 2024-05-14T09:30:00Z"),
                ));
                None
            }
        }
    }
}
