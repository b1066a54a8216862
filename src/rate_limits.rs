//! Rate limits: per person on submissions, reactions and thank-you notes,
//! per token on API calls. Kept in
//! memory per process (a limit is a brake on accidents and abuse, not an
//! accounting), answered with `429 Too Many Requests` and `Retry-After`.

use std::num::NonZeroU32;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

pub struct RateLimits {
    submissions: DefaultKeyedRateLimiter<String>,
    reactions: DefaultKeyedRateLimiter<String>,
    notes: DefaultKeyedRateLimiter<String>,
    api_calls: DefaultKeyedRateLimiter<i32>,
}

pub use crate::error::RetryAfter;

fn quota(per_hour: u32, burst: u32) -> Quota {
    let per_hour = NonZeroU32::new(per_hour.max(1)).unwrap_or(NonZeroU32::MIN);
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::per_hour(per_hour).allow_burst(burst)
}

impl RateLimits {
    /// `submissions_per_hour` and `reactions_per_hour` per person (all at
    /// once if they like); `api_per_minute` per token.
    pub fn new(
        submissions_per_hour: u32,
        reactions_per_hour: u32,
        notes_per_hour: u32,
        api_per_minute: u32,
    ) -> RateLimits {
        let api_per_minute = NonZeroU32::new(api_per_minute.max(1)).unwrap_or(NonZeroU32::MIN);
        RateLimits {
            submissions: RateLimiter::keyed(quota(submissions_per_hour, submissions_per_hour)),
            reactions: RateLimiter::keyed(quota(reactions_per_hour, reactions_per_hour)),
            notes: RateLimiter::keyed(quota(notes_per_hour, notes_per_hour)),
            api_calls: RateLimiter::keyed(Quota::per_minute(api_per_minute)),
        }
    }

    pub fn submission(&self, user_id: &str) -> Result<(), RetryAfter> {
        self.submissions
            .check_key(&user_id.to_owned())
            .map_err(|not_until| {
                RetryAfter(not_until.wait_time_from(DefaultClock::default().now()))
            })
    }

    pub fn reaction(&self, user_id: &str) -> Result<(), RetryAfter> {
        self.reactions
            .check_key(&user_id.to_owned())
            .map_err(|not_until| {
                RetryAfter(not_until.wait_time_from(DefaultClock::default().now()))
            })
    }

    pub fn note(&self, user_id: &str) -> Result<(), RetryAfter> {
        self.notes
            .check_key(&user_id.to_owned())
            .map_err(|not_until| {
                RetryAfter(not_until.wait_time_from(DefaultClock::default().now()))
            })
    }

    pub fn api_call(&self, token_id: i32) -> Result<(), RetryAfter> {
        self.api_calls.check_key(&token_id).map_err(|not_until| {
            RetryAfter(not_until.wait_time_from(DefaultClock::default().now()))
        })
    }
}
