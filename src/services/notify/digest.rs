//! The weekly digest: once a week, at the configured day and hour (UTC),
//! managers get an overview (stories waiting, reports open, the week's
//! published stories per value) in the site, and by mail if they chose;
//! everyone who set a kind to "digest" gets that week's notifications of
//! those kinds in one mail. It runs once across replicas: the first to move
//! the mark `digest_week` to this week (a conditional update, atomic on
//! SQLite and PostgreSQL) writes the digest, in the same transaction.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

use crate::db::begin_write;
use crate::db::entities::{
    note_report, notification, notification_setting, search_log_mark, story, story_report,
};
use crate::db::story_tags;
use crate::domain::{Channel, NoticeKind, StoryStatus};
use crate::error::AppResult;

/// The mark (in `search_log_marks`, the table of named marks) of the last
/// week whose digest was written, as `year * 100 + ISO week`.
const MARK: &str = "digest_week";

/// When the digest goes out: a weekday and an hour, in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub weekday: Weekday,
    pub hour: u32,
}

/// The latest scheduled moment at or before `at`, and its week's key.
pub fn due(at: DateTime<Utc>, schedule: Schedule) -> (DateTime<Utc>, i64) {
    let week = at.iso_week();
    let this = NaiveDate::from_isoywd_opt(week.year(), week.week(), schedule.weekday)
        .and_then(|day| day.and_hms_opt(schedule.hour.min(23), 0, 0))
        .map(|moment| Utc.from_utc_datetime(&moment))
        .unwrap_or(at);
    let moment = if this > at {
        this - Duration::weeks(1)
    } else {
        this
    };
    let key = i64::from(moment.iso_week().year()) * 100 + i64::from(moment.iso_week().week());
    (moment, key)
}

/// What a digest mail holds (the outbox row's payload).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DigestContent {
    /// The managers' overview, for managers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overview: Option<Overview>,
    /// Notifications of kinds the person gets weekly (ids).
    #[serde(default)]
    pub items: Vec<i32>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Overview {
    pub waiting: u64,
    /// The oldest waiting stories: (id, title), at most five.
    pub waiting_titles: Vec<(i32, String)>,
    pub reported: u64,
    /// Stories published this week per value name.
    pub published: BTreeMap<String, u64>,
    pub published_total: u64,
}

/// Writes this week's digest if it is due and no replica wrote it yet.
/// Returns whether it did. The very first look only sets the mark: a new
/// installation sends its first digest at the next scheduled moment.
pub async fn run_if_due(
    db: &DatabaseConnection,
    at: DateTime<Utc>,
    schedule: Schedule,
) -> AppResult<bool> {
    let (moment, week) = due(at, schedule);
    let tx = begin_write(db).await?;
    let inserted = search_log_mark::Entity::insert(search_log_mark::ActiveModel {
        name: Set(MARK.to_owned()),
        value: Set(week),
    })
    .on_conflict(
        OnConflict::column(search_log_mark::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&tx)
    .await?;
    if inserted > 0 {
        tx.commit().await?;
        return Ok(false);
    }
    let claimed = search_log_mark::Entity::update_many()
        .col_expr(search_log_mark::Column::Value, Expr::value(week))
        .filter(search_log_mark::Column::Name.eq(MARK))
        .filter(search_log_mark::Column::Value.lt(week))
        .exec(&tx)
        .await?
        .rows_affected;
    if claimed == 0 {
        tx.commit().await?;
        return Ok(false);
    }
    let written = write(&tx, moment - Duration::weeks(1), moment).await?;
    tx.commit().await?;
    super::wake();
    tracing::info!(week, recipients = written, "weekly digest written");
    Ok(true)
}

/// Writes the digest of `from..to` inside `tx`; returns how many people got
/// something.
async fn write(
    tx: &DatabaseTransaction,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<usize> {
    let mut mails: HashMap<String, (Option<i32>, DigestContent)> = HashMap::new();
    let mut told = 0;

    // Managers: the overview, in the site unless off, by mail if chosen.
    let managers: Vec<String> = crate::services::people::managers(tx)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    if !managers.is_empty() {
        let overview = overview(tx, from, to).await?;
        let channels = super::settings::channels_of(tx, &managers, NoticeKind::Digest).await?;
        for manager in &managers {
            let channel = channels
                .get(manager)
                .copied()
                .unwrap_or(NoticeKind::Digest.default_channel());
            if !channel.in_site() {
                continue;
            }
            let data = serde_json::json!({
                "count": overview.published_total,
                "waiting": overview.waiting,
                "reported": overview.reported,
            });
            let row = sea_orm::ActiveModelTrait::insert(
                notification::ActiveModel {
                    recipient_id: Set(manager.clone()),
                    kind: Set(NoticeKind::Digest.as_str().to_owned()),
                    story_id: Set(None),
                    barrier_id: Set(None),
                    data: Set(data.to_string()),
                    created_at: Set(crate::clock::now()),
                    read_at: Set(None),
                    ..Default::default()
                },
                tx,
            )
            .await?;
            told += 1;
            if channel == Channel::Email {
                mails.insert(
                    manager.clone(),
                    (
                        Some(row.id),
                        DigestContent {
                            overview: Some(overview.clone()),
                            items: Vec::new(),
                        },
                    ),
                );
            }
        }
    }

    // Everyone's kinds set to "digest": the week's notifications of those.
    let weekly = notification_setting::Entity::find()
        .filter(notification_setting::Column::Channel.eq(Channel::Digest.as_str()))
        .all(tx)
        .await?;
    let mut kinds: HashMap<String, Vec<String>> = HashMap::new();
    for row in weekly {
        kinds.entry(row.person_id).or_default().push(row.kind);
    }
    for (person, kinds) in kinds {
        let items: Vec<i32> = notification::Entity::find()
            .select_only()
            .column(notification::Column::Id)
            .filter(notification::Column::RecipientId.eq(person.as_str()))
            .filter(notification::Column::Kind.is_in(kinds))
            .filter(notification::Column::CreatedAt.gte(from))
            .filter(notification::Column::CreatedAt.lt(to))
            .order_by_asc(notification::Column::Id)
            .into_tuple()
            .all(tx)
            .await?;
        if items.is_empty() {
            continue;
        }
        let entry = mails.entry(person).or_insert_with(|| {
            told += 1;
            (None, DigestContent::default())
        });
        entry.1.items = items;
    }

    for (person, (notification_id, content)) in mails {
        let payload = serde_json::to_string(&content).unwrap_or_default();
        super::outbox::add_digest(tx, &person, notification_id, &payload, crate::clock::now())
            .await?;
    }
    Ok(told)
}

async fn overview(
    tx: &DatabaseTransaction,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> AppResult<Overview> {
    let pending =
        story::Entity::find().filter(story::Column::Status.eq(StoryStatus::Pending.as_str()));
    let waiting = pending.clone().count(tx).await?;
    let waiting_titles = pending
        .order_by_asc(story::Column::CreatedAt)
        .limit(5)
        .all(tx)
        .await?
        .into_iter()
        .map(|s| (s.id, s.title))
        .collect();
    let reported_stories: Vec<i32> = story_report::Entity::find()
        .select_only()
        .column(story_report::Column::StoryId)
        .filter(story_report::Column::ResolvedAt.is_null())
        .distinct()
        .into_tuple()
        .all(tx)
        .await?;
    let reported_notes: Vec<i32> = note_report::Entity::find()
        .select_only()
        .column(note_report::Column::NoteId)
        .filter(note_report::Column::ResolvedAt.is_null())
        .distinct()
        .into_tuple()
        .all(tx)
        .await?;
    let published: Vec<i32> = story::Entity::find()
        .select_only()
        .column(story::Column::Id)
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .filter(story::Column::PublishedAt.gte(from))
        .filter(story::Column::PublishedAt.lt(to))
        .into_tuple()
        .all(tx)
        .await?;
    let tags = story_tags::of(tx, &published).await?;
    let mut per_value: BTreeMap<String, u64> = BTreeMap::new();
    for tags in tags.values() {
        for tag in tags {
            *per_value.entry(tag.name.clone()).or_default() += 1;
        }
    }
    Ok(Overview {
        waiting,
        waiting_titles,
        reported: (reported_stories.len() + reported_notes.len()) as u64,
        published: per_value,
        published_total: published.len() as u64,
    })
}

/// Unsubscribing from the weekly mail: the managers' overview and every
/// kind set to "digest" stay in the site only.
pub(super) async fn stop_weekly_mail<C: ConnectionTrait>(db: &C, person_id: &str) -> AppResult<()> {
    notification_setting::Entity::update_many()
        .col_expr(
            notification_setting::Column::Channel,
            Expr::value(Channel::Site.as_str()),
        )
        .filter(notification_setting::Column::PersonId.eq(person_id))
        .filter(notification_setting::Column::Channel.eq(Channel::Digest.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn the_digest_is_due_from_its_moment_until_the_next_week() {
        let monday_seven = Schedule {
            weekday: Weekday::Mon,
            hour: 7,
        };
        // Tuesday 24 November 2026: this week's Monday 07:00 has passed.
        let (moment, week) = due(at("2026-11-24T10:00:00Z"), monday_seven);
        assert_eq!(moment, at("2026-11-23T07:00:00Z"));
        assert_eq!(week, 202648);
        // Monday 06:59: still last week's.
        let (moment, week) = due(at("2026-11-23T06:59:00Z"), monday_seven);
        assert_eq!(moment, at("2026-11-16T07:00:00Z"));
        assert_eq!(week, 202647);
        // Across the new year (ISO week 1 of 2027 starts on 4 January).
        let (_, week) = due(at("2027-01-05T08:00:00Z"), monday_seven);
        assert_eq!(week, 202701);
    }
}
