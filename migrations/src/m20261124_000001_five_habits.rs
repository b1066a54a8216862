//! The five habits beyond show and tell: the people the service has seen
//! (with the role they had), managers' leadership examples and commitments
//! per value, a story of the month per value, barriers staff report and
//! managers solve (with their history), and a story's "own approach".

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Stories {
    Table,
    Id,
    Leadership,
    Approach,
}

#[derive(DeriveIden)]
enum OrgValues {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    Name,
    Email,
    Role,
    FirstSeen,
    LastSeen,
}

#[derive(DeriveIden)]
enum Commitments {
    Table,
    Id,
    ValueId,
    ManagerId,
    ManagerName,
    BodyMd,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MonthlyPicks {
    Table,
    Id,
    ValueId,
    Month,
    StoryId,
    PickedById,
    PickedByName,
    PickedAt,
}

#[derive(DeriveIden)]
enum Barriers {
    Table,
    Id,
    Title,
    BodyMd,
    ReporterId,
    ReporterName,
    Anonymous,
    Status,
    OwnerId,
    OwnerName,
    StoryId,
    CreatedAt,
    UpdatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum BarrierValues {
    Table,
    BarrierId,
    ValueId,
    Position,
}

#[derive(DeriveIden)]
enum BarrierEvents {
    Table,
    Id,
    BarrierId,
    ActorId,
    ActorName,
    Status,
    OwnerId,
    OwnerName,
    StoryId,
    ReplyMd,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add several at once.
        for column in [
            boolean(Stories::Leadership).default(false).to_owned(),
            string_null(Stories::Approach).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Stories::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        // Everyone the sign-on (or the development sign-in) has shown us,
        // with the role their groups gave them when last seen.
        manager
            .create_table(
                Table::create()
                    .table(People::Table)
                    .col(string(People::Id).primary_key())
                    .col(string(People::Name))
                    .col(string_null(People::Email))
                    .col(string(People::Role))
                    .col(timestamp_with_time_zone(People::FirstSeen))
                    .col(timestamp_with_time_zone(People::LastSeen))
                    .to_owned(),
            )
            .await?;

        // Every version of a manager's commitment to a value, append-only:
        // the newest is the current one, a version without a body withdraws it.
        manager
            .create_table(
                Table::create()
                    .table(Commitments::Table)
                    .col(pk_auto(Commitments::Id))
                    .col(integer(Commitments::ValueId))
                    .col(string(Commitments::ManagerId))
                    .col(string(Commitments::ManagerName))
                    .col(text_null(Commitments::BodyMd))
                    .col(timestamp_with_time_zone(Commitments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Commitments::Table, Commitments::ValueId)
                            .to(OrgValues::Table, OrgValues::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_commitments_value")
                    .table(Commitments::Table)
                    .col(Commitments::ValueId)
                    .col(Commitments::ManagerId)
                    .col(Commitments::Id)
                    .to_owned(),
            )
            .await?;

        // One story of the month per value and month; picking again in the
        // same month replaces it.
        manager
            .create_table(
                Table::create()
                    .table(MonthlyPicks::Table)
                    .col(pk_auto(MonthlyPicks::Id))
                    .col(integer(MonthlyPicks::ValueId))
                    .col(string(MonthlyPicks::Month))
                    .col(integer(MonthlyPicks::StoryId))
                    .col(string(MonthlyPicks::PickedById))
                    .col(string(MonthlyPicks::PickedByName))
                    .col(timestamp_with_time_zone(MonthlyPicks::PickedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(MonthlyPicks::Table, MonthlyPicks::ValueId)
                            .to(OrgValues::Table, OrgValues::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MonthlyPicks::Table, MonthlyPicks::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_monthly_picks_value_month")
                    .table(MonthlyPicks::Table)
                    .col(MonthlyPicks::ValueId)
                    .col(MonthlyPicks::Month)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Barriers::Table)
                    .col(pk_auto(Barriers::Id))
                    .col(string(Barriers::Title))
                    .col(text(Barriers::BodyMd))
                    .col(string(Barriers::ReporterId))
                    .col(string(Barriers::ReporterName))
                    .col(boolean(Barriers::Anonymous))
                    .col(string(Barriers::Status))
                    .col(string_null(Barriers::OwnerId))
                    .col(string_null(Barriers::OwnerName))
                    .col(integer_null(Barriers::StoryId))
                    .col(timestamp_with_time_zone(Barriers::CreatedAt))
                    .col(timestamp_with_time_zone(Barriers::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Barriers::ClosedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Barriers::Table, Barriers::StoryId)
                            .to(Stories::Table, Stories::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_barriers_status")
                    .table(Barriers::Table)
                    .col(Barriers::Status)
                    .col(Barriers::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_barriers_reporter")
                    .table(Barriers::Table)
                    .col(Barriers::ReporterId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BarrierValues::Table)
                    .col(integer(BarrierValues::BarrierId))
                    .col(integer(BarrierValues::ValueId))
                    .col(integer(BarrierValues::Position))
                    .primary_key(
                        Index::create()
                            .col(BarrierValues::BarrierId)
                            .col(BarrierValues::ValueId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BarrierValues::Table, BarrierValues::BarrierId)
                            .to(Barriers::Table, Barriers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BarrierValues::Table, BarrierValues::ValueId)
                            .to(OrgValues::Table, OrgValues::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // The history of a barrier: its report, then every change of status
        // or owner, linked story and reply by a manager.
        manager
            .create_table(
                Table::create()
                    .table(BarrierEvents::Table)
                    .col(pk_auto(BarrierEvents::Id))
                    .col(integer(BarrierEvents::BarrierId))
                    .col(string(BarrierEvents::ActorId))
                    .col(string(BarrierEvents::ActorName))
                    .col(string_null(BarrierEvents::Status))
                    .col(string_null(BarrierEvents::OwnerId))
                    .col(string_null(BarrierEvents::OwnerName))
                    .col(integer_null(BarrierEvents::StoryId))
                    .col(text_null(BarrierEvents::ReplyMd))
                    .col(timestamp_with_time_zone(BarrierEvents::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BarrierEvents::Table, BarrierEvents::BarrierId)
                            .to(Barriers::Table, Barriers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_barrier_events_barrier")
                    .table(BarrierEvents::Table)
                    .col(BarrierEvents::BarrierId)
                    .col(BarrierEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BarrierEvents::Table.into_iden(),
            BarrierValues::Table.into_iden(),
            Barriers::Table.into_iden(),
            MonthlyPicks::Table.into_iden(),
            Commitments::Table.into_iden(),
            People::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [Stories::Leadership, Stories::Approach] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Stories::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
