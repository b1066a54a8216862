//! Values: mirroring `content/` into the database, and reading them back with
//! their story counts.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;

use crate::content::ValueDef;
use crate::db::entities::{org_value, story, story_value};
use crate::domain::{StoryStatus, ValueKind};
use crate::error::AppResult;
use crate::markdown::{self, SafeHtml};
pub use crate::services::story_facts::StoryFacts;

use crate::db::change_log;

/// A value as pages and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueSummary {
    pub slug: String,
    pub name: String,
    pub kind: ValueKind,
    pub summary: String,
    pub order: i32,
    pub lang: String,
    pub archived: bool,
    /// Published stories tagged with this value.
    pub story_count: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValueDetail {
    #[serde(flatten)]
    pub summary: ValueSummary,
    pub guidance_html: String,
    /// How managers show this value, in their own words; most recent first.
    pub commitments: Vec<crate::services::commitments::Commitment>,
    /// Published leadership examples tagged with it, newest first (at most 20).
    pub leadership_stories: Vec<i32>,
    /// The current story of the month: the latest pick whose story is published.
    pub story_of_the_month: Option<crate::services::monthly::MonthlyPick>,
    /// The earlier picks, newest month first.
    pub past_stories_of_the_month: Vec<crate::services::monthly::MonthlyPick>,
}

/// What a start-up sync changed, for the log.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub added: usize,
    pub updated: usize,
    pub archived: usize,
}

/// Mirrors the values from `content/` into the database by slug, in one
/// transaction. Values missing from `content/` are archived, never deleted, so
/// their stories keep their tags; a value that comes back is restored.
pub async fn sync_values(db: &DatabaseConnection, defs: &[ValueDef]) -> AppResult<SyncReport> {
    let tx = crate::db::begin_write(db).await?;
    let existing: HashMap<String, org_value::Model> = org_value::Entity::find()
        .all(&tx)
        .await?
        .into_iter()
        .map(|model| (model.slug.clone(), model))
        .collect();
    let mut report = SyncReport::default();
    let now = Utc::now();
    for def in defs {
        match existing.get(def.slug.as_str()) {
            None => {
                org_value::ActiveModel {
                    slug: Set(def.slug.to_string()),
                    name: Set(def.name.clone()),
                    kind: Set(def.kind.as_str().into()),
                    summary: Set(def.summary.clone()),
                    sort_order: Set(def.order),
                    lang: Set(def.lang.as_str().into()),
                    guidance_md: Set(def.guidance_md.clone()),
                    archived: Set(false),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&tx)
                .await?;
                report.added += 1;
            }
            Some(model) => {
                let unchanged = model.name == def.name
                    && model.kind == def.kind.as_str()
                    && model.summary == def.summary
                    && model.sort_order == def.order
                    && model.lang == def.lang.as_str()
                    && model.guidance_md == def.guidance_md
                    && !model.archived;
                if unchanged {
                    continue;
                }
                let renamed = model.name != def.name;
                let id = model.id;
                let mut active = model.clone().into_active_model();
                active.name = Set(def.name.clone());
                active.kind = Set(def.kind.as_str().into());
                active.summary = Set(def.summary.clone());
                active.sort_order = Set(def.order);
                active.lang = Set(def.lang.as_str().into());
                active.guidance_md = Set(def.guidance_md.clone());
                active.archived = Set(false);
                active.updated_at = Set(now);
                active.update(&tx).await?;
                if renamed {
                    reindex_stories_of_value(&tx, id).await?;
                }
                report.updated += 1;
            }
        }
    }
    let current: HashSet<&str> = defs.iter().map(|def| def.slug.as_str()).collect();
    for model in existing.into_values() {
        if !model.archived && !current.contains(model.slug.as_str()) {
            let mut active = model.into_active_model();
            active.archived = Set(true);
            active.updated_at = Set(now);
            active.update(&tx).await?;
            report.archived += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}

async fn reindex_stories_of_value<C: ConnectionTrait>(db: &C, value_id: i32) -> AppResult<()> {
    let tagged = story_value::Entity::find()
        .filter(story_value::Column::ValueId.eq(value_id))
        .all(db)
        .await?;
    for tag in tagged {
        change_log::append(db, tag.story_id).await?;
    }
    Ok(())
}

fn summary_of(model: org_value::Model, counts: &HashMap<i32, u64>) -> ValueSummary {
    ValueSummary {
        story_count: counts.get(&model.id).copied().unwrap_or(0),
        kind: ValueKind::parse(&model.kind).unwrap_or(ValueKind::Brand),
        slug: model.slug,
        name: model.name,
        summary: model.summary,
        order: model.sort_order,
        lang: model.lang,
        archived: model.archived,
    }
}

/// The active values in their configured order, with story counts.
pub async fn list_values(
    db: &DatabaseConnection,
    facts: &StoryFacts,
) -> AppResult<Vec<ValueSummary>> {
    let counts = &facts.get(db).await?.counts;
    let models = org_value::Entity::find()
        .filter(org_value::Column::Archived.eq(false))
        .order_by_asc(org_value::Column::SortOrder)
        .order_by_asc(org_value::Column::Slug)
        .all(db)
        .await?;
    Ok(models.into_iter().map(|m| summary_of(m, counts)).collect())
}

/// One value, archived or not, with its rendered guidance.
pub async fn get_value(
    db: &DatabaseConnection,
    facts: &StoryFacts,
    slug: &str,
) -> AppResult<Option<ValueDetail>> {
    let Some(model) = org_value::Entity::find()
        .filter(org_value::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let guidance: SafeHtml = markdown::render(&model.guidance_md);
    let counts = &facts.get(db).await?.counts;
    let commitments = crate::services::commitments::current_of(db, model.id).await?;
    let (story_of_the_month, past_stories_of_the_month) =
        crate::services::monthly::of_value(db, model.id).await?;
    // A manager's examples are few: they are walked newest first (an index
    // of their own) and each asked whether it is the value's.
    let published = story::Entity::find()
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .filter(story::Column::Leadership.eq(true));
    let leadership_stories = crate::services::stories::each_tagged_with(published, &[model.id])
        .select_only()
        .column(story::Column::Id)
        .order_by_desc(story::Column::PublishedAt)
        .order_by_desc(story::Column::Id)
        .limit(20)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    Ok(Some(ValueDetail {
        summary: summary_of(model, counts),
        guidance_html: guidance.into_string(),
        commitments,
        leadership_stories,
        story_of_the_month,
        past_stories_of_the_month,
    }))
}

/// The id of an active (not archived) value.
pub async fn active_value_id<C: ConnectionTrait>(db: &C, slug: &str) -> AppResult<Option<i32>> {
    Ok(org_value::Entity::find()
        .filter(org_value::Column::Slug.eq(slug))
        .filter(org_value::Column::Archived.eq(false))
        .one(db)
        .await?
        .map(|value| value.id))
}

/// The slugs that may be tagged on a story, with their kinds.
pub async fn active_value_kinds(db: &DatabaseConnection) -> AppResult<HashMap<String, ValueKind>> {
    let models = org_value::Entity::find()
        .filter(org_value::Column::Archived.eq(false))
        .all(db)
        .await?;
    Ok(models
        .into_iter()
        .filter_map(|m| ValueKind::parse(&m.kind).map(|kind| (m.slug, kind)))
        .collect())
}
