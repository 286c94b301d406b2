//! # marsad-messages — the contract between Marsad's services
//!
//! Wire types (JSON, UTF-8), subject names and schema versions, exactly as
//! `DESIGN.md` describes them. This crate depends on serde only, so that any
//! program that wants to speak to Marsad can use it without pulling in the services.
//!
//! - [`RawArticle`]: what a publisher sends on `marsad.articles.raw` (or a plain text
//!   payload with `Marsad-*` headers).
//! - [`IngestedArticle`]: what ingest publishes on `marsad.articles.ingested`.
//! - [`EnrichedArticle`]: `marsad.enriched/v1`, on `marsad.articles.enriched.<p>`.
//! - [`Rejection`]: anything a stage could not accept, on `marsad.articles.rejected`.
//! - [`Subjects`]: subject and stream names under a configurable prefix.

mod enriched;
mod ingested;
mod raw;
mod rejected;
mod subjects;

pub use enriched::*;
pub use ingested::*;
pub use raw::*;
pub use rejected::*;
pub use subjects::*;

/// Reads the major version out of a schema tag such as `marsad.enriched/v1`.
///
/// Readers accept a message only when its schema name matches and its major
/// version is one they know; anything else goes to `rejected` (reason `schema`).
pub fn schema_major(schema: &str, expected_name: &str) -> Option<u32> {
    let (name, version) = schema.split_once("/v")?;
    if name != expected_name {
        return None;
    }
    let major = version.split('.').next()?;
    major.parse().ok()
}

/// The partition of an article: `fnv1a64(id) mod partitions`.
///
/// FNV-1a is fixed and documented here because every service and every external
/// subscriber that wants to route by partition must compute the same number; a
/// std `Hasher` is not guaranteed stable across Rust releases.
pub fn partition_of(id: &str, partitions: u32) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash % u64::from(partitions.max(1))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_major_reads_known_and_refuses_others() {
        assert_eq!(
            schema_major("marsad.enriched/v1", "marsad.enriched"),
            Some(1)
        );
        assert_eq!(
            schema_major("marsad.enriched/v2.3", "marsad.enriched"),
            Some(2)
        );
        assert_eq!(schema_major("marsad.ingested/v1", "marsad.enriched"), None);
        assert_eq!(schema_major("garbage", "marsad.enriched"), None);
    }

    #[test]
    fn partition_is_stable_and_in_range() {
        // Fixed values: changing the hash would silently re-route every article.
        assert_eq!(partition_of("", 8), (0xcbf2_9ce4_8422_2325u64 % 8) as u32);
        for id in ["a", "4bd71d8a924f1e2a", "مرصد"] {
            let p = partition_of(id, 8);
            assert!(p < 8);
            assert_eq!(p, partition_of(id, 8));
        }
        assert_eq!(partition_of("x", 0), 0);
    }
}
