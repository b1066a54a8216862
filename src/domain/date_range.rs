//! A range of calendar days (the period the insights cover): two days, both included, parsed
//! from `from` and `to` (`YYYY-MM-DD`) with a default of the last twelve
//! months, and the calendar months it spans.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use super::FieldError;
use crate::i18n::Msg;

/// The longest period one request may cover (five years): the monthly
/// chart has a column per month.
pub const PERIOD_MAX_DAYS: i64 = 5 * 366;

/// From the first day to the last, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    from: NaiveDate,
    to: NaiveDate,
}

impl DateRange {
    /// `to` defaults to `today`; `from` to the first day of the month eleven
    /// months before `to`'s (twelve calendar months in all).
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        today: NaiveDate,
    ) -> Result<DateRange, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut date = |field: &str, raw: Option<&str>| match raw.map(str::trim) {
            None | Some("") => None,
            Some(raw) => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(day) => Some(day),
                Err(_) => {
                    errors.push(FieldError::new(field, Msg::new("error-date")));
                    None
                }
            },
        };
        let given_from = date("from", from);
        let given_to = date("to", to);
        if !errors.is_empty() {
            return Err(errors);
        }
        let to = given_to.unwrap_or(today);
        let from = given_from.unwrap_or_else(|| {
            let first = to.with_day(1).unwrap_or(to);
            first.checked_sub_months(Months::new(11)).unwrap_or(first)
        });
        if from > to {
            return Err(vec![FieldError::new(
                "from",
                Msg::new("error-period-order"),
            )]);
        }
        if (to - from).num_days() > PERIOD_MAX_DAYS {
            return Err(vec![FieldError::new(
                "from",
                Msg::new("error-period-long").arg("years", PERIOD_MAX_DAYS / 366),
            )]);
        }
        Ok(DateRange { from, to })
    }

    pub fn from(&self) -> NaiveDate {
        self.from
    }

    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// The first moment of the period.
    pub fn start(&self) -> DateTime<Utc> {
        self.from.and_time(chrono::NaiveTime::MIN).and_utc()
    }

    /// The first moment after the period.
    pub fn end(&self) -> DateTime<Utc> {
        self.to
            .checked_add_days(Days::new(1))
            .unwrap_or(self.to)
            .and_time(chrono::NaiveTime::MIN)
            .and_utc()
    }

    pub fn contains(&self, at: &DateTime<Utc>) -> bool {
        *at >= self.start() && *at < self.end()
    }

    /// The months the period touches, as `YYYY-MM`, oldest first.
    pub fn months(&self) -> Vec<String> {
        let mut months = Vec::new();
        let mut month = self.from.with_day(1).unwrap_or(self.from);
        while month <= self.to {
            months.push(month.format("%Y-%m").to_string());
            let Some(next) = month.checked_add_months(Months::new(1)) else {
                break;
            };
            month = next;
        }
        months
    }
}

/// The middle of a list of durations (the mean of the two middle ones for
/// an even count); `None` for none.
pub fn median(mut values: Vec<f64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn without_dates_the_period_is_the_last_twelve_calendar_months() {
        let period = DateRange::parse(None, None, day("2026-11-24")).unwrap();
        assert_eq!(period.from(), day("2025-12-01"));
        assert_eq!(period.to(), day("2026-11-24"));
        let months = period.months();
        assert_eq!(months.len(), 12);
        assert_eq!(months.first().unwrap(), "2025-12");
        assert_eq!(months.last().unwrap(), "2026-11");
    }

    #[test]
    fn both_days_are_included() {
        let period =
            DateRange::parse(Some("2026-03-01"), Some("2026-03-31"), day("2026-11-24")).unwrap();
        let at = |raw: &str| raw.parse::<DateTime<Utc>>().unwrap();
        assert!(period.contains(&at("2026-03-01T00:00:00Z")));
        assert!(period.contains(&at("2026-03-31T23:59:59Z")));
        assert!(!period.contains(&at("2026-04-01T00:00:00Z")));
        assert!(!period.contains(&at("2026-02-28T23:59:59Z")));
        assert_eq!(period.months(), vec!["2026-03"]);
    }

    #[test]
    fn bad_dates_name_their_field() {
        let errors =
            DateRange::parse(Some("yesterday"), Some("2026-13-01"), day("2026-11-24")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "to"]);
        let errors = DateRange::parse(Some("2026-05-01"), Some("2026-04-01"), day("2026-11-24"))
            .unwrap_err();
        assert_eq!(errors[0].message.id, "error-period-order");
        let errors = DateRange::parse(Some("2010-01-01"), None, day("2026-11-24")).unwrap_err();
        assert_eq!(errors[0].message.id, "error-period-long");
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 10.0]), Some(3.0));
    }
}
