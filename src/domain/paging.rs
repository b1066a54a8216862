//! Paging parameters as they arrive in a query string.

use super::FieldError;
use crate::i18n::Msg;

/// A `limit` parameter: `default` when absent, else a whole number from 1
/// to `max`; anything else is an error on the field `limit`.
pub fn parse_limit(raw: Option<&str>, default: u64, max: u64) -> Result<u64, FieldError> {
    let Some(raw) = raw else {
        return Ok(default);
    };
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or_else(|| {
            FieldError::new(
                "limit",
                Msg::new("error-number-range")
                    .arg("field", "limit")
                    .arg("min", 1)
                    .arg("max", max),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::parse_limit;

    #[test]
    fn a_limit_is_a_whole_number_in_range_or_the_default() {
        assert_eq!(parse_limit(None, 20, 100), Ok(20));
        assert_eq!(parse_limit(Some(" 7 "), 20, 100), Ok(7));
        for bad in ["0", "101", "-10", "x", ""] {
            assert!(parse_limit(Some(bad), 20, 100).is_err(), "{bad}");
        }
    }
}
