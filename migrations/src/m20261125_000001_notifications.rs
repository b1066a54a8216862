//! People and notifications: what the service knows of a person beyond their
//! name (language, groups, the token of their unsubscribe links), the
//! notifications in the site, each person's choice of channel per kind, the
//! outbox of messages to send (mail and webhooks), and the webhooks an
//! administrator configured.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum People {
    Table,
    Lang,
    Groups,
    MailToken,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    RecipientId,
    Kind,
    StoryId,
    BarrierId,
    Data,
    CreatedAt,
    ReadAt,
}

#[derive(DeriveIden)]
enum NotificationSettings {
    Table,
    PersonId,
    Kind,
    Channel,
}

#[derive(DeriveIden)]
enum Deliveries {
    Table,
    Id,
    Key,
    Channel,
    RecipientId,
    NotificationId,
    WebhookId,
    Kind,
    Payload,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    ClaimedUntil,
    DeliveredAt,
    FailedAt,
    LastError,
}

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    Name,
    Url,
    Format,
    Events,
    Values,
    Secret,
    Active,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite cannot add several at once.
        for column in [
            string_null(People::Lang).to_owned(),
            text(People::Groups).default("").to_owned(),
            string_null(People::MailToken).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        // What a person is told in the site; `data` holds the arguments of
        // its text (a story's title, a reason) as they were at the time.
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(string(Notifications::RecipientId))
                    .col(string(Notifications::Kind))
                    .col(integer_null(Notifications::StoryId))
                    .col(integer_null(Notifications::BarrierId))
                    .col(text(Notifications::Data))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_recipient")
                    .table(Notifications::Table)
                    .col(Notifications::RecipientId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;

        // A person's channel per kind, where it differs from the default.
        manager
            .create_table(
                Table::create()
                    .table(NotificationSettings::Table)
                    .col(string(NotificationSettings::PersonId))
                    .col(string(NotificationSettings::Kind))
                    .col(string(NotificationSettings::Channel))
                    .primary_key(
                        Index::create()
                            .col(NotificationSettings::PersonId)
                            .col(NotificationSettings::Kind),
                    )
                    .to_owned(),
            )
            .await?;

        // The outbox: every message to send, written in the transaction of
        // the change that causes it; `key` is its idempotency key.
        manager
            .create_table(
                Table::create()
                    .table(Deliveries::Table)
                    .col(pk_auto(Deliveries::Id))
                    .col(string(Deliveries::Key).unique_key())
                    .col(string(Deliveries::Channel))
                    .col(string_null(Deliveries::RecipientId))
                    .col(integer_null(Deliveries::NotificationId))
                    .col(integer_null(Deliveries::WebhookId))
                    .col(string(Deliveries::Kind))
                    .col(text(Deliveries::Payload))
                    .col(timestamp_with_time_zone(Deliveries::CreatedAt))
                    .col(timestamp_with_time_zone(Deliveries::NextAttemptAt))
                    .col(integer(Deliveries::Attempts).default(0))
                    .col(timestamp_with_time_zone_null(Deliveries::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(Deliveries::DeliveredAt))
                    .col(timestamp_with_time_zone_null(Deliveries::FailedAt))
                    .col(text_null(Deliveries::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_deliveries_due")
                    .table(Deliveries::Table)
                    .col(Deliveries::DeliveredAt)
                    .col(Deliveries::FailedAt)
                    .col(Deliveries::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        // Outgoing webhooks: where to, in which format, for which events and
        // values (empty: all), and the secret that signs the generic format.
        manager
            .create_table(
                Table::create()
                    .table(Webhooks::Table)
                    .col(pk_auto(Webhooks::Id))
                    .col(string(Webhooks::Name))
                    .col(text(Webhooks::Url))
                    .col(string(Webhooks::Format))
                    .col(text(Webhooks::Events))
                    .col(text(Webhooks::Values))
                    .col(string(Webhooks::Secret))
                    .col(boolean(Webhooks::Active).default(true))
                    .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Webhooks::Table.into_iden(),
            Deliveries::Table.into_iden(),
            NotificationSettings::Table.into_iden(),
            Notifications::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [People::Lang, People::Groups, People::MailToken] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
