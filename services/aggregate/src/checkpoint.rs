//! Checkpoints: a partition's state and the stream sequence it covers, written
//! together to the KV bucket, compare-and-set on one key's revision.
//!
//! A state outgrows one NATS message (1 MiB by default), so it is written as chunks
//! under keys of their own (`partition.<p>.chunk.<tag>.<i>`) and then committed by one
//! compare-and-set of the head key `partition.<p>`, which names the chunks. The head is
//! the commit point: a crash before it leaves the previous checkpoint whole (the
//! orphan chunks are overwritten or swept later); a writer that lost the race to
//! another instance fails the compare-and-set and reloads. Old chunks are purged
//! after a successful commit.

use async_nats::jetstream::kv;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::state::PartitionState;

/// The head of a checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub last_seq: u64,
    pub articles: u64,
    pub tag: String,
    pub chunks: usize,
    pub bytes: usize,
}

pub fn head_key(partition: u32) -> String {
    format!("partition.{partition}")
}

fn chunk_key(partition: u32, tag: &str, i: usize) -> String {
    format!("partition.{partition}.chunk.{tag}.{i}")
}

/// A loaded checkpoint: the state, the head's revision (0 when there is none) and
/// the head itself.
pub struct Loaded {
    pub state: PartitionState,
    pub revision: u64,
    pub head: Option<Head>,
}

/// The head's revision, without reading the chunks (0 when absent).
pub async fn revision(store: &kv::Store, partition: u32) -> anyhow::Result<u64> {
    Ok(match store.entry(head_key(partition)).await? {
        Some(entry) => entry.revision,
        None => 0,
    })
}

/// Reads a partition's checkpoint. A head whose chunks another writer has already
/// replaced is read again.
pub async fn load(store: &kv::Store, partition: u32) -> anyhow::Result<Loaded> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let entry = match store.entry(head_key(partition)).await? {
            Some(entry) if entry.operation == kv::Operation::Put && !entry.value.is_empty() => {
                entry
            }
            Some(entry) => {
                return Ok(Loaded {
                    state: PartitionState::default(),
                    revision: entry.revision,
                    head: None,
                })
            }
            None => {
                return Ok(Loaded {
                    state: PartitionState::default(),
                    revision: 0,
                    head: None,
                })
            }
        };
        let head: Head = serde_json::from_slice(&entry.value)?;
        let mut bytes = Vec::with_capacity(head.bytes);
        let mut whole = true;
        for i in 0..head.chunks {
            match store.get(chunk_key(partition, &head.tag, i)).await? {
                Some(chunk) => bytes.extend_from_slice(&chunk),
                None => {
                    whole = false;
                    break;
                }
            }
        }
        if whole && bytes.len() == head.bytes {
            let state: PartitionState = serde_json::from_slice(&bytes)?;
            return Ok(Loaded {
                state,
                revision: entry.revision,
                head: Some(head),
            });
        }
        anyhow::ensure!(
            attempts < 20,
            "checkpoint of partition {partition} keeps changing under the reader"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A partition's state as a checkpoint writes it, taken in one go.
pub struct Snapshot {
    pub last_seq: u64,
    pub articles: u64,
    pub bytes: Bytes,
}

impl Snapshot {
    /// Serializes the state where it is (no copy of it first: the caller holds the
    /// lock for the serialization only), into a buffer of about `expected` bytes (the
    /// last checkpoint's size: no doubling of a buffer of several MB on the way).
    pub fn of(state: &PartitionState, expected: usize) -> anyhow::Result<Snapshot> {
        let mut bytes = Vec::with_capacity(expected + expected / 16);
        serde_json::to_writer(&mut bytes, state)?;
        Ok(Snapshot {
            last_seq: state.last_seq,
            articles: state.articles,
            bytes: bytes.into(),
        })
    }
}

/// Writes a checkpoint over the one at `revision` (0: none yet); returns the new
/// revision and head. Fails when another writer committed in between.
pub async fn save(
    store: &kv::Store,
    partition: u32,
    snapshot: &Snapshot,
    revision: u64,
    previous: Option<&Head>,
    chunk_bytes: usize,
) -> anyhow::Result<(u64, Head)> {
    let bytes = &snapshot.bytes;
    let chunk_bytes = chunk_bytes.max(1024);
    let tag = format!("{}-{:08x}", snapshot.last_seq, rand_u32());
    let mut chunks = 0;
    // Chunks are slices of the one buffer, not copies of it.
    for (i, start) in (0..bytes.len()).step_by(chunk_bytes).enumerate() {
        let chunk = bytes.slice(start..(start + chunk_bytes).min(bytes.len()));
        store.put(chunk_key(partition, &tag, i), chunk).await?;
        chunks += 1;
    }
    let head = Head {
        last_seq: snapshot.last_seq,
        articles: snapshot.articles,
        tag,
        chunks,
        bytes: bytes.len(),
    };
    let value: Bytes = serde_json::to_vec(&head)?.into();
    let committed = if revision == 0 {
        store
            .create(head_key(partition), value)
            .await
            .map_err(anyhow::Error::from)
    } else {
        store
            .update(head_key(partition), value, revision)
            .await
            .map_err(anyhow::Error::from)
    };
    match committed {
        Ok(revision) => {
            if let Some(previous) = previous {
                purge_chunks(store, partition, previous).await;
            }
            Ok((revision, head))
        }
        Err(error) => {
            purge_chunks(store, partition, &head).await;
            Err(error)
        }
    }
}

async fn purge_chunks(store: &kv::Store, partition: u32, head: &Head) {
    for i in 0..head.chunks {
        if let Err(error) = store.purge(chunk_key(partition, &head.tag, i)).await {
            tracing::debug!(partition, %error, "old checkpoint chunk not purged");
        }
    }
}

fn rand_u32() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.finish() as u32
}
