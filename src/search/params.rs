//! A search request: the query string's parameters (`q`, filters, paging),
//! checked against explicit limits into a [`SearchQuery`], or one error per
//! field.

use serde::Deserialize;

use crate::domain::{Audience, FieldError, Lang, ValueSlug};
use crate::i18n::Msg;

pub const QUERY_MAX_CHARS: usize = 200;
pub const QUERY_MAX_WORDS: usize = 32;
pub const LIMIT_MAX: usize = 50;
pub const LIMIT_DEFAULT: usize = 10;
pub const OFFSET_MAX: usize = 1_000;
const VALUE_FILTERS_MAX: usize = 10;

/// Search parameters as they arrive in a query string.
#[derive(Debug, Clone, Default, Deserialize, rocket::FromForm)]
pub struct SearchParams {
    pub q: Option<String>,
    pub value: Vec<String>,
    pub audience: Option<String>,
    pub team: Option<String>,
    pub lang: Option<String>,
    pub limit: Option<String>,
    pub offset: Option<String>,
}

/// A valid search: bounded query, known filter kinds, bounded page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub text: String,
    /// The last word may be unfinished (no space after it): it also matches
    /// as a prefix.
    pub typing: bool,
    pub values: Vec<ValueSlug>,
    pub audience: Option<Audience>,
    pub team: Option<String>,
    pub lang: Option<Lang>,
    pub limit: usize,
    pub offset: usize,
}

fn number(
    raw: Option<&str>,
    field: &str,
    default: usize,
    max: usize,
    min: usize,
) -> Result<usize, FieldError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(raw) => raw
            .parse::<usize>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    Msg::new("error-number-range")
                        .arg("field", field)
                        .arg("min", min)
                        .arg("max", max),
                )
            }),
    }
}

impl SearchQuery {
    pub fn parse(params: &SearchParams) -> Result<SearchQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let raw = params.q.as_deref().unwrap_or("");
        // No space after the last word: it is still being typed.
        let typing = raw.chars().last().is_some_and(|c| !c.is_whitespace());
        let text = raw.trim().to_owned();
        if text.chars().count() > QUERY_MAX_CHARS {
            errors.push(FieldError::new(
                "q",
                Msg::new("error-query-long").arg("max", QUERY_MAX_CHARS),
            ));
        } else if text.split_whitespace().count() > QUERY_MAX_WORDS {
            errors.push(FieldError::new(
                "q",
                Msg::new("error-query-words").arg("max", QUERY_MAX_WORDS),
            ));
        }
        let mut values = Vec::new();
        for raw in params
            .value
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
        {
            match ValueSlug::parse(raw) {
                Ok(slug) if !values.contains(&slug) => values.push(slug),
                Ok(_) => {}
                Err(_) => errors.push(FieldError::new(
                    "value",
                    Msg::new("error-value-unknown").arg("value", raw),
                )),
            }
        }
        if values.len() > VALUE_FILTERS_MAX {
            errors.push(FieldError::new(
                "value",
                Msg::new("error-values-many").arg("max", VALUE_FILTERS_MAX),
            ));
        }
        let optional = |raw: &Option<String>| {
            raw.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let audience = match optional(&params.audience) {
            None => None,
            Some(raw) => {
                let parsed = Audience::parse(&raw);
                if parsed.is_none() {
                    errors.push(FieldError::new("audience", Msg::new("error-audience")));
                }
                parsed
            }
        };
        let lang = match optional(&params.lang) {
            None => None,
            Some(raw) => {
                let parsed = Lang::parse(&raw);
                if parsed.is_none() {
                    errors.push(FieldError::new("lang", Msg::new("error-lang")));
                }
                parsed
            }
        };
        let team = optional(&params.team);
        if team
            .as_ref()
            .is_some_and(|t| t.chars().count() > crate::domain::field_limits::TEAM_MAX)
        {
            errors.push(FieldError::new(
                "team",
                Msg::new("error-team-long").arg("max", crate::domain::field_limits::TEAM_MAX),
            ));
        }
        let limit = number(
            params.limit.as_deref(),
            "limit",
            LIMIT_DEFAULT,
            LIMIT_MAX,
            1,
        )
        .map_err(|e| errors.push(e))
        .unwrap_or(LIMIT_DEFAULT);
        let offset = number(params.offset.as_deref(), "offset", 0, OFFSET_MAX, 0)
            .map_err(|e| errors.push(e))
            .unwrap_or(0);
        if errors.is_empty() {
            Ok(SearchQuery {
                text,
                typing,
                values,
                audience,
                team,
                lang,
                limit,
                offset,
            })
        } else {
            Err(errors)
        }
    }
}
