//! Facts about all published stories that nearly every page shows and that
//! cost a pass over all of them to learn: how many there are, how many
//! each value has, which teams wrote about it (a value page's team filter), and how many
//! per team and audience (its stories side by side). Counting
//! reads every published story's entry in the listing index (15 ms at
//! 10,000 stories, ten times that at 100,000), so they are remembered
//! between requests.
//!
//! They are those of the change log's head: every change to a story (its
//! status, values, team) appends to the log in its own transaction, on any
//! replica, so a new head means counting again and a page shows no count
//! older than the last change. Only where counting is dear (20 ms or more, over
//! 10,000 stories or more; at 100,000 it takes about a quarter of a second) and stories change all
//! the time may they lag a little: for ten times as long as counting took,
//! so that counting never takes more than a tenth of the service's time.
//! One request counts at a time; the others wait for its answer. Where
//! counting is dear, requests get the facts known while they are counted
//! again in the background, and only the very first waits (the service
//! starts counting when it starts). An import
//! that rebuilds the index writes no log rows; for that, they are also
//! counted again after [`MAX_AGE`] — or, where counting is dear, after fifty
//! times as long as it took ([`QUIET`]): at a million stories a count takes
//! seconds of a core, and counting every minute while nothing changed put
//! tails of a few hundred milliseconds on the pages served meanwhile.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QuerySelect, RelationTrait,
};

use tokio::sync::Mutex;

use crate::db::change_log;
use crate::db::entities::{story, story_value};
use crate::domain::StoryStatus;
use crate::error::AppResult;

pub const MAX_AGE: Duration = Duration::from_secs(60);
/// While the log's head stays where it was, dear facts are counted again
/// after this many times as long as counting took, if that is longer than
/// [`MAX_AGE`]: counting takes at most a fiftieth of the time.
const QUIET: u32 = 50;

/// What is known of the published stories, as of one change-log head.
#[derive(Debug, Default)]
pub struct Facts {
    /// Published stories.
    pub published: u64,
    /// Published stories per value id.
    pub counts: HashMap<i32, u64>,
    /// The teams of each value's published stories, per value id.
    pub teams: HashMap<i32, BTreeSet<String>>,
    /// The teams of all published stories (every story has a value).
    pub all_teams: BTreeSet<String>,
    /// Published stories per value id and team (`None`: no team), for a
    /// value's stories side by side.
    pub by_team: HashMap<i32, HashMap<Option<String>, u64>>,
    /// Published stories per value id and audience.
    pub by_audience: HashMap<i32, HashMap<Option<String>, u64>>,
}

/// The remembered facts; clones share them.
#[derive(Clone, Default)]
pub struct StoryFacts {
    known: Arc<Mutex<Option<Known>>>,
    /// A count runs in the background.
    counting: Arc<AtomicBool>,
}

struct Known {
    head: i64,
    at: Instant,
    /// How long learning them took.
    cost: Duration,
    facts: Arc<Facts>,
}

/// Counting that takes less than this is always done again after a change.
const DEAR: Duration = Duration::from_millis(20);
/// Nor is counting fewer published stories than this ever dear, whatever it
/// took: a slow moment of a small database (a test suite on a busy machine)
/// must not make its counts lag.
const DEAR_FROM_STORIES: u64 = 10_000;

impl Known {
    fn dear(&self) -> bool {
        self.cost >= DEAR && self.facts.published >= DEAR_FROM_STORIES
    }

    fn fresh(&self, head: i64) -> bool {
        let age = self.at.elapsed();
        let lag = self.dear() && age < self.cost * 10;
        let patience = if self.dear() {
            self.cost * QUIET
        } else {
            MAX_AGE
        };
        (self.head == head || lag) && age < MAX_AGE.max(patience)
    }
}

/// What a request does with what is known.
enum Step {
    Serve(Arc<Facts>),
    /// Serve these, out of date, and count again in the background.
    ServeAndCount(Arc<Facts>),
    /// Count, and wait for it.
    Count,
}

impl Step {
    fn of(known: Option<&Known>, head: i64) -> Step {
        match known {
            Some(known) if known.fresh(head) => Step::Serve(known.facts.clone()),
            Some(known) if known.dear() => Step::ServeAndCount(known.facts.clone()),
            _ => Step::Count,
        }
    }
}

#[derive(FromQueryResult)]
struct Row {
    value_id: i32,
    team: Option<String>,
    audience: Option<String>,
    n: i64,
}

impl StoryFacts {
    /// The facts as of the log's head. Cheap ones are counted again there
    /// and then when they are out of date; dear ones (at a million stories
    /// counting takes seconds) are counted again in the background while
    /// the requests meanwhile get the ones known, so that no request waits
    /// for a count but the very first.
    pub async fn get(&self, db: &DatabaseConnection) -> AppResult<Arc<Facts>> {
        let head = change_log::head(db).await?;
        let mut known = self.known.lock().await;
        match Step::of(known.as_ref(), head) {
            Step::Serve(facts) => return Ok(facts),
            Step::ServeAndCount(facts) => {
                self.count_in_background(db, head);
                return Ok(facts);
            }
            Step::Count => {}
        }
        // Learnt after reading the head: a change committed in between is
        // in them already, and its newer head counts again; never too old.
        let started = Instant::now();
        let facts = Arc::new(learn(db).await?);
        *known = Some(Known {
            head,
            at: Instant::now(),
            cost: started.elapsed(),
            facts: facts.clone(),
        });
        Ok(facts)
    }

    /// Counts in a task of its own, unless one is counting already.
    fn count_in_background(&self, db: &DatabaseConnection, head: i64) {
        if self.counting.swap(true, Ordering::AcqRel) {
            return;
        }
        let (db, known, counting) = (db.clone(), self.known.clone(), self.counting.clone());
        tokio::spawn(async move {
            let started = Instant::now();
            match learn(&db).await {
                Ok(facts) => {
                    *known.lock().await = Some(Known {
                        head,
                        at: Instant::now(),
                        cost: started.elapsed(),
                        facts: Arc::new(facts),
                    });
                }
                Err(e) => tracing::warn!(error = %e, "could not count the published stories"),
            }
            counting.store(false, Ordering::Release);
        });
    }
}

/// One pass: published stories per value, team and audience.
async fn learn(db: &DatabaseConnection) -> AppResult<Facts> {
    let rows = story_value::Entity::find()
        .select_only()
        .column(story_value::Column::ValueId)
        .column(story::Column::Team)
        .column(story::Column::Audience)
        .column_as(story_value::Column::StoryId.count(), "n")
        .join(
            sea_orm::JoinType::InnerJoin,
            story_value::Relation::Story.def(),
        )
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .group_by(story_value::Column::ValueId)
        .group_by(story::Column::Team)
        .group_by(story::Column::Audience)
        .into_model::<Row>()
        .all(db)
        .await?;
    let published = story::Entity::find()
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .count(db)
        .await?;
    let mut facts = Facts {
        published,
        ..Facts::default()
    };
    for row in rows {
        let n = row.n.max(0) as u64;
        *facts.counts.entry(row.value_id).or_default() += n;
        let of_value = facts.by_team.entry(row.value_id).or_default();
        *of_value.entry(row.team.clone()).or_default() += n;
        let of_value = facts.by_audience.entry(row.value_id).or_default();
        *of_value.entry(row.audience).or_default() += n;
        if let Some(team) = row.team {
            facts.all_teams.insert(team.clone());
            facts.teams.entry(row.value_id).or_default().insert(team);
        }
    }
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(head: i64, cost_ms: u64, age_ms: u64) -> Known {
        Known {
            head,
            at: Instant::now() - Duration::from_millis(age_ms),
            cost: Duration::from_millis(cost_ms),
            facts: Arc::new(Facts {
                published: 100_000,
                ..Facts::default()
            }),
        }
    }

    #[test]
    fn cheap_facts_follow_every_change_and_dear_ones_may_lag_ten_times_their_cost() {
        // Cheap: the same head is fresh, a new one is not.
        assert!(known(7, 2, 5_000).fresh(7));
        assert!(!known(7, 2, 0).fresh(8));
        // Dear (250 ms): a new head waits until 2.5 s have passed.
        assert!(known(7, 250, 1_000).fresh(8));
        assert!(!known(7, 250, 3_000).fresh(8));
        // Cheap: never older than a minute, whatever the head.
        assert!(!known(7, 2, 61_000).fresh(7));
        // Dear: at the same head, for fifty times its cost (2.5 minutes).
        assert!(known(7, 3_000, 149_000).fresh(7));
        assert!(!known(7, 3_000, 151_000).fresh(7));
        // A new head is never that patient.
        assert!(!known(7, 3_000, 31_000).fresh(8));
        // A few stories counted slowly are not dear: they follow every change.
        let small = Known {
            facts: Arc::new(Facts::default()),
            ..known(7, 250, 1_000)
        };
        assert!(!small.fresh(8));
        assert!(small.fresh(7));
    }

    #[test]
    fn only_cheap_counts_are_waited_for_once_something_is_known() {
        let step = |known: Option<&Known>, head| match Step::of(known, head) {
            Step::Serve(_) => "serve",
            Step::ServeAndCount(_) => "serve and count",
            Step::Count => "count",
        };
        // Nothing known yet: count, and wait.
        assert_eq!(step(None, 7), "count");
        // Cheap and out of date: counted again there and then.
        assert_eq!(step(Some(&known(7, 2, 0)), 8), "count");
        assert_eq!(step(Some(&known(7, 2, 61_000)), 7), "count");
        // Dear and out of date: the known ones now, counted in the background.
        assert_eq!(step(Some(&known(7, 3_000, 40_000)), 8), "serve and count");
        assert_eq!(step(Some(&known(7, 3_000, 151_000)), 7), "serve and count");
        // Up to date: served.
        assert_eq!(step(Some(&known(7, 3_000, 1_000)), 8), "serve");
    }
}
