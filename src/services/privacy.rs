//! Privacy: a person can download what they gave us, and when someone leaves
//! an admin removes their name and id from everything (`merkwaardig user
//! forget`). Their stories stay, by "a former colleague", or are withdrawn,
//! as `departed_stories` says.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};
use serde::Serialize;

use crate::config::DepartedStories;
use crate::db::{
    begin_write,
    entities::{reaction, story, story_report, story_revision},
};
use crate::domain::StoryStatus;
use crate::domain::User;
use crate::error::AppResult;

use super::revisions::{self, Revision};
use super::stories::{self, StoryView};
use crate::clock::now;
use crate::db::change_log;

/// Everything Merkwaardig holds that a person wrote or did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Export {
    pub exported_at: DateTime<Utc>,
    pub user: ExportUser,
    /// Every story, whatever its status, with its history.
    pub stories: Vec<ExportedStory>,
    /// The stories they marked "this inspired me".
    pub reactions: Vec<ExportedReaction>,
    /// The stories they reported.
    pub reports: Vec<ExportedReport>,
    /// The barriers they reported, with their history.
    pub barriers: Vec<crate::services::barriers::BarrierView>,
    /// Every version of their commitments to values (managers).
    pub commitments: Vec<ExportedCommitment>,
    /// The thank-you notes they wrote (also those taken down).
    pub notes: Vec<ExportedNote>,
    /// The published stories that name them.
    pub named_in: Vec<i32>,
    /// Their notifications (the newest 100) and their channel per kind.
    pub notifications: Vec<crate::services::notify::NoticeView>,
    pub notification_settings: Vec<crate::services::notify::settings::KindChannel>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedNote {
    pub story_id: i32,
    pub body: String,
    pub at: DateTime<Utc>,
    pub taken_down: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedCommitment {
    pub value_id: i32,
    /// Absent: the version that withdrew it.
    pub body: Option<String>,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportUser {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedStory {
    #[serde(flatten)]
    pub story: StoryView,
    pub history: Vec<Revision>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedReaction {
    pub story_id: i32,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ExportedReport {
    pub story_id: i32,
    pub reason: String,
    pub at: DateTime<Utc>,
}

pub async fn export(db: &DatabaseConnection, user: &User) -> AppResult<Export> {
    let mut exported = Vec::new();
    for story in stories::all_by_author(db, user).await? {
        let history = revisions::history(db, Some(user), story.id).await?;
        exported.push(ExportedStory { story, history });
    }
    let reactions = reaction::Entity::find()
        .filter(reaction::Column::UserId.eq(user.id.as_str()))
        .order_by_asc(reaction::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ExportedReaction {
            story_id: r.story_id,
            at: r.created_at,
        })
        .collect();
    let reports = story_report::Entity::find()
        .filter(story_report::Column::ReporterId.eq(user.id.as_str()))
        .order_by_asc(story_report::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| ExportedReport {
            story_id: r.story_id,
            reason: r.reason,
            at: r.created_at,
        })
        .collect();
    let mut barriers = Vec::new();
    if user.via_token.is_none() {
        let mine = crate::services::barriers::BarrierQuery {
            mine: true,
            ..Default::default()
        };
        for barrier in crate::services::barriers::list(db, user, &mine).await? {
            barriers.push(crate::services::barriers::get(db, user, barrier.id).await?);
        }
    }
    let commitments = crate::db::entities::commitment::Entity::find()
        .filter(crate::db::entities::commitment::Column::ManagerId.eq(user.id.as_str()))
        .order_by_asc(crate::db::entities::commitment::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|c| ExportedCommitment {
            value_id: c.value_id,
            body: c.body_md,
            at: c.created_at,
        })
        .collect();
    let notes = crate::db::entities::note::Entity::find()
        .filter(crate::db::entities::note::Column::AuthorId.eq(user.id.as_str()))
        .order_by_asc(crate::db::entities::note::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| ExportedNote {
            story_id: n.story_id,
            body: n.body_md,
            at: n.created_at,
            taken_down: n.removed_at.is_some(),
        })
        .collect();
    let named_in = stories::naming(db, user)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let (notifications, notification_settings) = if user.via_token.is_none() {
        (
            crate::services::notify::list(db, user, false, crate::i18n::UiLang::default()).await?,
            crate::services::notify::settings::of(db, user).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    tracing::info!(user = %user.id, "personal data exported");
    Ok(Export {
        exported_at: now(),
        user: ExportUser {
            id: user.id.clone(),
            name: user.name.clone(),
            email: user.email.clone(),
        },
        notes,
        named_in,
        notifications,
        notification_settings,
        stories: exported,
        reactions,
        reports,
        barriers,
        commitments,
    })
}

/// The five habits' traces of a person: the barriers they reported stay,
/// anonymous and without their id; their steps in barriers' histories, the
/// barriers they own and the stories of the month they picked lose their
/// name; their commitments (their own words) are deleted, and so is their
/// entry among the people the service has seen.
async fn forget_habits(tx: &sea_orm::DatabaseTransaction, user_id: &str) -> AppResult<()> {
    use crate::db::entities::{barrier, barrier_event, commitment, monthly_pick, person};
    barrier::Entity::update_many()
        .col_expr(
            barrier::Column::ReporterId,
            Expr::value(revisions::FORMER_EDITOR),
        )
        .col_expr(barrier::Column::ReporterName, Expr::value(""))
        .col_expr(barrier::Column::Anonymous, Expr::value(true))
        .filter(barrier::Column::ReporterId.eq(user_id))
        .exec(tx)
        .await?;
    barrier::Entity::update_many()
        .col_expr(
            barrier::Column::OwnerId,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            barrier::Column::OwnerName,
            Expr::value(Option::<String>::None),
        )
        .filter(barrier::Column::OwnerId.eq(user_id))
        .exec(tx)
        .await?;
    barrier_event::Entity::update_many()
        .col_expr(
            barrier_event::Column::ActorId,
            Expr::value(revisions::FORMER_EDITOR),
        )
        .col_expr(barrier_event::Column::ActorName, Expr::value(""))
        .filter(barrier_event::Column::ActorId.eq(user_id))
        .exec(tx)
        .await?;
    barrier_event::Entity::update_many()
        .col_expr(
            barrier_event::Column::OwnerId,
            Expr::value(revisions::FORMER_EDITOR),
        )
        .col_expr(barrier_event::Column::OwnerName, Expr::value(""))
        .filter(barrier_event::Column::OwnerId.eq(user_id))
        .exec(tx)
        .await?;
    monthly_pick::Entity::update_many()
        .col_expr(
            monthly_pick::Column::PickedById,
            Expr::value(revisions::FORMER_EDITOR),
        )
        .col_expr(monthly_pick::Column::PickedByName, Expr::value(""))
        .filter(monthly_pick::Column::PickedById.eq(user_id))
        .exec(tx)
        .await?;
    commitment::Entity::delete_many()
        .filter(commitment::Column::ManagerId.eq(user_id))
        .exec(tx)
        .await?;
    crate::services::notify::forget(tx, user_id).await?;
    crate::services::stories::forget_named(tx, user_id).await?;
    crate::services::notes::forget(tx, user_id).await?;
    person::Entity::delete_by_id(user_id.to_owned())
        .exec(tx)
        .await?;
    Ok(())
}

/// What `forget` did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub stories: usize,
    pub withdrawn: usize,
    pub reactions: usize,
    pub reports: usize,
}

/// Removes a person who left: their name and id disappear from stories,
/// histories, reactions and reports, in one transaction. Reaction counts stay
/// (each reaction gets an id that belongs to nobody); reports are dropped.
pub async fn forget(
    db: &DatabaseConnection,
    user_id: &str,
    mode: DepartedStories,
) -> AppResult<Forgotten> {
    let tx = begin_write(db).await?;
    let mut done = Forgotten::default();
    let models = story::Entity::find()
        .filter(story::Column::AuthorId.eq(user_id))
        .all(&tx)
        .await?;
    let mut changed = Vec::with_capacity(models.len());
    for model in models {
        let id = model.id;
        changed.push(id);
        let withdraw =
            mode == DepartedStories::Withdraw && model.status != StoryStatus::Withdrawn.as_str();
        let mut active = model.into_active_model();
        active.author_id = Set(format!("former:{id}"));
        active.author_name = Set(String::new());
        active.author_left = Set(true);
        if withdraw {
            active.status = Set(StoryStatus::Withdrawn.as_str().into());
            active.featured_at = Set(None);
            active.updated_at = Set(now());
            done.withdrawn += 1;
        }
        active.update(&tx).await?;
        done.stories += 1;
    }
    story_revision::Entity::update_many()
        .col_expr(
            story_revision::Column::EditorId,
            Expr::value(revisions::FORMER_EDITOR),
        )
        .col_expr(story_revision::Column::EditorName, Expr::value(""))
        .filter(story_revision::Column::EditorId.eq(user_id))
        .exec(&tx)
        .await?;
    let reactions = reaction::Entity::find()
        .filter(reaction::Column::UserId.eq(user_id))
        .all(&tx)
        .await?;
    done.reactions = reactions.len();
    for (n, r) in reactions.into_iter().enumerate() {
        let salt = format!("former:{}:{n}", now().timestamp_micros());
        reaction::Entity::delete_many()
            .filter(reaction::Column::StoryId.eq(r.story_id))
            .filter(reaction::Column::UserId.eq(user_id))
            .exec(&tx)
            .await?;
        reaction::ActiveModel {
            story_id: Set(r.story_id),
            user_id: Set(salt),
            created_at: Set(r.created_at),
        }
        .insert(&tx)
        .await?;
    }
    done.reports = story_report::Entity::delete_many()
        .filter(story_report::Column::ReporterId.eq(user_id))
        .exec(&tx)
        .await?
        .rows_affected as usize;
    forget_habits(&tx, user_id).await?;
    // The log rows last, right before the commit: on PostgreSQL a log id is
    // taken when its row is written, and the indexers wait only so long for
    // an id whose transaction has not committed yet.
    for id in changed {
        change_log::append(&tx, id).await?;
    }
    tx.commit().await?;
    tracing::info!(
        stories = done.stories,
        withdrawn = done.withdrawn,
        reactions = done.reactions,
        "a departed person was forgotten"
    );
    Ok(done)
}
