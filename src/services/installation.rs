//! The installation's identity: a random id made on first start and kept in
//! the database, so every replica and every host name of one installation
//! names its feeds and entries the same way, forever.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, Set};
use sha2::{Digest, Sha256};

use crate::db::entities::installation;
use crate::error::AppResult;

const ROW: i32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    /// A random UUID (version 4), as text.
    pub uuid: String,
    pub created_at: DateTime<Utc>,
}

impl Installation {
    /// A permanent `urn:uuid:` for something this installation publishes
    /// (`story:7`, `feed:all`): a name-based UUID (version 8, SHA-256 of the
    /// installation id and the name), the same on every host and restart
    /// and different from every other installation's.
    pub fn urn(&self, name: &str) -> String {
        let digest = Sha256::new()
            .chain_update(self.uuid.as_bytes())
            .chain_update(b"\n")
            .chain_update(name.as_bytes())
            .finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        format!("urn:uuid:{}", uuid_text(bytes, 8))
    }
}

/// Formats 16 bytes as a UUID with the given version and the RFC 9562 variant.
fn uuid_text(mut bytes: [u8; 16], version: u8) -> String {
    bytes[6] = (bytes[6] & 0x0f) | (version << 4);
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex = hex::encode(bytes);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Reads the installation's identity, making it on the very first start.
/// Replicas starting at once on one database agree: the first insert wins.
pub async fn ensure(db: &DatabaseConnection) -> AppResult<Installation> {
    if let Some(row) = installation::Entity::find_by_id(ROW).one(db).await? {
        return Ok(of(row));
    }
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| DbErr::Custom(format!("no randomness: {e}")))?;
    let row = installation::ActiveModel {
        id: Set(ROW),
        uuid: Set(uuid_text(bytes, 4)),
        created_at: Set(crate::clock::now()),
    };
    installation::Entity::insert(row)
        .on_conflict(
            OnConflict::column(installation::Column::Id)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    let row = installation::Entity::find_by_id(ROW)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the installation row".into()))?;
    Ok(of(row))
}

fn of(row: installation::Model) -> Installation {
    Installation {
        uuid: row.uuid,
        created_at: row.created_at,
    }
}

#[cfg(test)]
mod tests {
    use super::{Installation, uuid_text};

    fn installation(uuid: &str) -> Installation {
        Installation {
            uuid: uuid.into(),
            created_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn urns_are_stable_and_differ_per_name_and_installation() {
        let a = installation("0b4f2c57-3f0e-4c43-9d5e-0a1b2c3d4e5f");
        let b = installation("7d0c1e8a-9b2f-4e6d-8a4c-5f6e7d8c9b0a");
        assert_eq!(a.urn("story:7"), a.urn("story:7"));
        assert_ne!(a.urn("story:7"), a.urn("story:8"));
        assert_ne!(a.urn("story:7"), b.urn("story:7"));
        assert!(a.urn("story:7").starts_with("urn:uuid:"));
    }

    #[test]
    fn uuids_carry_version_and_variant() {
        let text = uuid_text([0xff; 16], 8);
        assert_eq!(text, "ffffffff-ffff-8fff-bfff-ffffffffffff");
        assert_eq!(
            uuid_text([0; 16], 4),
            "00000000-0000-4000-8000-000000000000"
        );
    }
}
