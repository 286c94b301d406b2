//! Claims agreed on by every replica of a stage through one JetStream stream, the
//! "first to claim a key holds it" that ingest's near-duplicate bands need.
//!
//! A claim is one message: the keys and the value they are claimed with, published with
//! `Nats-Msg-Id` = the claim's id (the article id), so a retry of the same claim inside
//! the duplicate window gets the original's stream sequence back instead of a new one.
//! Every replica follows the stream with an ordered consumer into an in-memory index
//! (rebuilt from the stream at start: nothing on local disk), and the stream's order is
//! the order of the claims: when the index applies the claim at sequence S, it has
//! applied every claim below S, so the holder of each of S's keys is decided then, from
//! the stream alone: the earliest claim with that key that is still live for S. A
//! replica that published claim S waits until its index has applied S and reads that
//! decision. Every replica applies the same messages in the same order with the same
//! rule, so all of them decide the same for every claim, whichever handles it, however
//! often and however late (a restarted replica replays the stream first).
//!
//! "Live for S": at most `ttl` older than S (stream timestamps) and fewer than
//! `max_claims` claims before it. Both are judged from S's own sequence and timestamp,
//! never from the clock or from what a replica happens to hold, so they do not depend on
//! which replica decides or when. The stream and the index keep a margin beyond that
//! (an eighth more claims, the duplicate window more time), so a retry that gets back an
//! earlier sequence finds its decision still there; a claim older than that (a retry of
//! it after more than `max_claims * 9 / 8` newer claims, inside the duplicate window)
//! is decided against the claims before it that the index still has.
//!
//! This replaces one compare-and-set per key in a KV bucket (eight stored messages and
//! eight round trips per article for ingest's bands) by one stored message per claim
//! and one delivery of it to each replica.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream};
use bytes::{BufMut, Bytes, BytesMut};
use futures::StreamExt;

use crate::bus::BusError;
use crate::settings::BusSettings;

/// Where a stage's claims live and how long they count.
#[derive(Debug, Clone)]
pub struct ClaimSpec {
    /// The claims stream (`MARSAD_BANDS`) and its one subject (`marsad.ingest.bands`).
    pub stream: String,
    pub subject: String,
    /// A claim holds its keys for this long (from the stream's timestamps) …
    pub ttl: Duration,
    /// … and for fewer than this many claims after it.
    pub max_claims: u64,
}

impl ClaimSpec {
    /// Claims kept beyond `max_claims`: a retry of a recent claim finds it.
    fn margin(&self) -> u64 {
        self.max_claims / 8
    }
}

/// The stream's configuration: limits that keep what the index needs, and no more.
pub fn stream_config(bus: &BusSettings, spec: &ClaimSpec) -> stream::Config {
    let window = Duration::from_secs(bus.duplicate_window_secs.max(1));
    stream::Config {
        name: spec.stream.clone(),
        subjects: vec![spec.subject.clone()],
        retention: stream::RetentionPolicy::Limits,
        storage: crate::bus::storage_type(bus),
        num_replicas: bus.replicas.max(1),
        discard: stream::DiscardPolicy::Old,
        max_age: spec.ttl + window,
        max_messages: (spec.max_claims + spec.margin()).min(i64::MAX as u64) as i64,
        duplicate_window: window.min(spec.ttl + window),
        ..Default::default()
    }
}

/// The wire form of a claim: the number of keys (u16 LE), the keys (u64 LE), the value.
pub fn encode(keys: &[u64], value: &[u8]) -> Bytes {
    let mut out = BytesMut::with_capacity(2 + keys.len() * 8 + value.len());
    out.put_u16_le(keys.len().min(u16::MAX as usize) as u16);
    for key in keys.iter().take(u16::MAX as usize) {
        out.put_u64_le(*key);
    }
    out.put_slice(value);
    out.freeze()
}

/// The keys and value of a claim's payload; `None` for anything else.
pub fn decode(payload: &Bytes) -> Option<(Vec<u64>, Bytes)> {
    let n = u16::from_le_bytes(payload.get(..2)?.try_into().ok()?) as usize;
    let end = 2 + n * 8;
    let keys = payload
        .get(2..end)?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
        .collect();
    Some((keys, payload.slice(end..)))
}

/// One applied claim.
struct Record {
    sequence: u64,
    /// Stream timestamp, nanoseconds since the epoch.
    at: i128,
    keys: Box<[u64]>,
    value: Bytes,
    /// What each key held when this claim was applied; `None` when it held them all.
    held: Option<Box<Held>>,
}

/// The holders of a claim's keys, when some were held by earlier claims: each distinct
/// holder's value once, and for each key which one (0: the claim itself). A copy of an
/// earlier article usually finds all its keys held by that one article; eight
/// `Option<Bytes>` would cost 256 bytes a claim for the same thing.
struct Held {
    values: Vec<Bytes>,
    of_key: Box<[u16]>,
}

impl Held {
    /// `None` when every key is the claim's own.
    fn new(holders: impl Iterator<Item = Option<Bytes>>) -> Option<Box<Held>> {
        let mut values: Vec<Bytes> = Vec::new();
        let mut of_key = Vec::new();
        for holder in holders {
            let which = match holder {
                None => 0,
                Some(value) => match values.iter().position(|v| *v == value) {
                    Some(at) => at + 1,
                    None => {
                        values.push(value);
                        values.len()
                    }
                },
            };
            // A claim has at most u16::MAX keys (its wire form), so as many holders.
            of_key.push(u16::try_from(which).expect("at most u16::MAX keys"));
        }
        (!values.is_empty()).then(|| {
            values.shrink_to_fit();
            Box::new(Held {
                values,
                of_key: of_key.into_boxed_slice(),
            })
        })
    }

    fn get(&self, key: usize, own: &Bytes) -> Bytes {
        match self.of_key.get(key).copied().unwrap_or(0) {
            0 => own.clone(),
            which => self.values[usize::from(which) - 1].clone(),
        }
    }
}

/// The claims of the stream in sequence order, and for each key the sequences of the
/// claims that name it.
pub struct Index {
    ttl: i128,
    max_claims: u64,
    keep_age: i128,
    keep_claims: u64,
    records: VecDeque<Record>,
    by_key: HashMap<u64, Claims>,
    applied: u64,
    /// Claims waiting for the index to reach their sequence.
    waiting: std::collections::BTreeMap<u64, Vec<tokio::sync::oneshot::Sender<()>>>,
}

/// The sequences of the claims naming one key, oldest first: most keys have one, and
/// need no allocation. `Many` is boxed to keep an entry of the key map at 24 bytes
/// instead of 48: ingest's index holds eight keys for each of up to 112,500 claims, and
/// nearly every key has one claim only.
#[allow(clippy::box_collection)] // the box is what keeps the enum at 16 bytes
enum Claims {
    One(u64),
    Many(Box<VecDeque<u64>>),
}

impl Claims {
    fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        let (one, many) = match self {
            Claims::One(s) => (Some(*s), None),
            Claims::Many(q) => (None, Some(q.iter().copied())),
        };
        one.into_iter().chain(many.into_iter().flatten())
    }

    fn push(&mut self, sequence: u64) {
        match self {
            Claims::One(s) if *s == sequence => {}
            Claims::One(s) => *self = Claims::Many(Box::new(VecDeque::from([*s, sequence]))),
            Claims::Many(q) => {
                if q.back() != Some(&sequence) {
                    q.push_back(sequence);
                }
            }
        }
    }

    /// Forgets the sequences up to `sequence`; false when none is left.
    fn forget_to(&mut self, sequence: u64) -> bool {
        match self {
            Claims::One(s) => *s > sequence,
            Claims::Many(q) => {
                while q.front().is_some_and(|&s| s <= sequence) {
                    q.pop_front();
                }
                if q.len() == 1 {
                    *self = Claims::One(q[0]);
                }
                !matches!(self, Claims::Many(q) if q.is_empty())
            }
        }
    }
}

impl Index {
    pub fn new(spec: &ClaimSpec, duplicate_window: Duration) -> Index {
        Index {
            ttl: spec.ttl.as_nanos() as i128,
            max_claims: spec.max_claims.max(1),
            keep_age: (spec.ttl + duplicate_window).as_nanos() as i128,
            keep_claims: spec.max_claims.max(1) + spec.margin(),
            records: VecDeque::new(),
            by_key: HashMap::new(),
            applied: 0,
            waiting: Default::default(),
        }
    }

    /// The last stream sequence applied.
    pub fn applied(&self) -> u64 {
        self.applied
    }

    /// Claims held in memory.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    fn record(&self, sequence: u64) -> Option<&Record> {
        let at = self
            .records
            .binary_search_by_key(&sequence, |r| r.sequence)
            .ok()?;
        self.records.get(at)
    }

    /// The earliest claim before `sequence` naming `key` that is live for a claim at
    /// (`sequence`, `at`).
    fn holder(&self, key: u64, sequence: u64, at: i128) -> Option<&Record> {
        let claims = self.by_key.get(&key)?;
        claims
            .iter()
            .take_while(|&s| s < sequence)
            .filter(|&s| s + self.max_claims > sequence)
            .filter_map(|s| self.record(s))
            .find(|r| r.at >= at - self.ttl)
    }

    /// A receiver told once the index has applied `sequence`; `None` when it has.
    fn wait_for(&mut self, sequence: u64) -> Option<tokio::sync::oneshot::Receiver<()>> {
        if self.applied >= sequence {
            return None;
        }
        let (tell, told) = tokio::sync::oneshot::channel();
        self.waiting.entry(sequence).or_default().push(tell);
        Some(told)
    }

    /// Applies the message at `sequence` (the next one of the stream; a payload that is
    /// not a claim only moves the index on).
    pub fn apply(&mut self, sequence: u64, at: i128, payload: &Bytes) {
        if sequence <= self.applied {
            return;
        }
        self.applied = sequence;
        if self
            .waiting
            .first_key_value()
            .is_some_and(|(&s, _)| s <= sequence)
        {
            let later = self.waiting.split_off(&(sequence + 1));
            for tell in std::mem::replace(&mut self.waiting, later)
                .into_values()
                .flatten()
            {
                let _ = tell.send(());
            }
        }
        let Some((keys, value)) = decode(payload) else {
            return;
        };
        let held = Held::new(
            keys.iter()
                .map(|&key| self.holder(key, sequence, at).map(|r| r.value.clone())),
        );
        for &key in &keys {
            self.by_key
                .entry(key)
                .and_modify(|c| c.push(sequence))
                .or_insert(Claims::One(sequence));
        }
        self.records.push_back(Record {
            sequence,
            at,
            keys: keys.into_boxed_slice(),
            // A copy: the payload is a slice of the connection's read buffer, which it
            // would keep whole (and the other messages in it) for as long as it lives.
            value: Bytes::copy_from_slice(&value),
            held,
        });
        self.forget(sequence, at);
    }

    /// Drops the claims no later claim can need any more.
    fn forget(&mut self, newest: u64, at: i128) {
        while let Some(oldest) = self.records.front() {
            if oldest.sequence + self.keep_claims > newest && oldest.at >= at - self.keep_age {
                break;
            }
            let Some(oldest) = self.records.pop_front() else {
                break;
            };
            for key in oldest.keys.iter() {
                if let Some(claims) = self.by_key.get_mut(key) {
                    if !claims.forget_to(oldest.sequence) {
                        self.by_key.remove(key);
                    }
                }
            }
        }
    }

    /// The value each of `keys` holds for the claim at `sequence` (applied already),
    /// `value` where the claim itself holds it.
    pub fn held(&self, sequence: u64, keys: &[u64], value: &Bytes) -> Vec<Bytes> {
        match self.record(sequence) {
            Some(record) if *record.keys == *keys => match &record.held {
                None => vec![value.clone(); keys.len()],
                Some(held) => (0..keys.len()).map(|key| held.get(key, value)).collect(),
            },
            // Another claim under the same id (a publisher's reuse of an id with other
            // content), or one the index no longer has: judged against the claims
            // before it that are still here.
            record => {
                let at = record
                    .map(|r| r.at)
                    .or_else(|| self.records.back().map(|r| r.at))
                    .unwrap_or(0);
                keys.iter()
                    .map(|&key| {
                        self.holder(key, sequence, at)
                            .map(|r| r.value.clone())
                            .unwrap_or_else(|| value.clone())
                    })
                    .collect()
            }
        }
    }
}

/// The claims stream of a stage, followed into an [`Index`].
#[derive(Clone)]
pub struct ClaimLog {
    js: jetstream::Context,
    subject: String,
    index: Arc<Mutex<Index>>,
    /// Tells the follower to start a new consumer from the last message it applied.
    kick: Arc<tokio::sync::Notify>,
    _follower: Arc<AbortOnDrop>,
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How long a claim waits for the index to reach it before the attempt counts as a
/// failure of the bus (and is retried, holding the message). When the index has not
/// moved at all meanwhile, the follower starts a new consumer: the ordered consumer
/// notices a lost one (its server gone, a stream leader moved) only after two missed
/// heartbeats, 30 s.
const INDEX_WAIT: Duration = Duration::from_secs(3);

impl ClaimLog {
    /// Creates the stream where it is missing and starts following it from its first
    /// message.
    pub async fn start(
        js: jetstream::Context,
        bus: &BusSettings,
        spec: ClaimSpec,
    ) -> Result<ClaimLog, BusError> {
        let stream = js
            .get_or_create_stream(stream_config(bus, &spec))
            .await
            .map_err(|e| BusError::JetStream(format!("stream {}: {e}", spec.stream)))?;
        drop(stream);
        let window = Duration::from_secs(bus.duplicate_window_secs.max(1));
        let index = Arc::new(Mutex::new(Index::new(&spec, window)));
        let kick = Arc::new(tokio::sync::Notify::new());
        let follower = tokio::spawn(follow(
            js.clone(),
            spec.stream.clone(),
            index.clone(),
            kick.clone(),
        ));
        Ok(ClaimLog {
            js,
            subject: spec.subject,
            index,
            kick,
            _follower: Arc::new(AbortOnDrop(follower)),
        })
    }

    /// Claims `keys` with `value` under `id` and returns the value each key holds for
    /// this claim (`value` where it holds the key itself). An error is the bus's: the
    /// same call may pass later.
    pub async fn claim(&self, id: &str, keys: &[u64], value: Bytes) -> Result<Vec<Bytes>, String> {
        let publish = jetstream::message::PublishMessage::build()
            .payload(encode(keys, &value))
            .message_id(id);
        let ack = self
            .js
            .send_publish(self.subject.clone(), publish)
            .await
            .map_err(|e| format!("claim {id}: {e}"))?
            .await
            .map_err(|e| format!("claim {id}: {e}"))?;
        let sequence = ack.sequence;
        let (told, before) = {
            let mut index = self
                .index
                .lock()
                .map_err(|_| "the claims index is poisoned".to_string())?;
            (index.wait_for(sequence), index.applied())
        };
        if let Some(told) = told {
            match tokio::time::timeout(INDEX_WAIT, told).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => return Err("the claims index stopped".to_string()),
                Err(_) => {
                    if self.index.lock().map(|i| i.applied()).unwrap_or(0) == before {
                        self.kick.notify_one();
                    }
                    return Err(format!(
                    "claim {id}: the index has not reached sequence {sequence} in {INDEX_WAIT:?}"
                ));
                }
            }
        }
        let index = self
            .index
            .lock()
            .map_err(|_| "the claims index is poisoned".to_string())?;
        Ok(index.held(sequence, keys, &value))
    }

    /// Claims held in memory (for tests and metrics).
    pub fn len(&self) -> usize {
        self.index.lock().map(|i| i.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Applies the stream to the index, message after message, for as long as the log
/// lives; after an error it goes on from the message after the last one applied.
async fn follow(
    js: jetstream::Context,
    stream: String,
    index: Arc<Mutex<Index>>,
    kick: Arc<tokio::sync::Notify>,
) {
    loop {
        let next = index.lock().map(|i| i.applied() + 1).unwrap_or(1);
        let deliver_policy = if next <= 1 {
            consumer::DeliverPolicy::All
        } else {
            consumer::DeliverPolicy::ByStartSequence {
                start_sequence: next,
            }
        };
        let messages = async {
            js.get_stream_no_info(&stream)
                .await
                .map_err(|e| e.to_string())?
                .create_consumer(consumer::pull::OrderedConfig {
                    deliver_policy,
                    ..Default::default()
                })
                .await
                .map_err(|e| e.to_string())?
                .messages()
                .await
                .map_err(|e| e.to_string())
        }
        .await;
        match messages {
            Ok(mut messages) => loop {
                let message = tokio::select! {
                    message = messages.next() => message,
                    () = kick.notified() => {
                        tracing::warn!(%stream, "the claims stream stopped coming; following it anew");
                        break;
                    }
                };
                let Some(message) = message else { break };
                let message = match message {
                    Ok(message) => message,
                    Err(error) => {
                        tracing::warn!(%stream, %error, "following the claims stream failed; resuming");
                        break;
                    }
                };
                let Ok(info) = message.info() else { continue };
                let (sequence, at) = (info.stream_sequence, info.published.unix_timestamp_nanos());
                if let Ok(mut index) = index.lock() {
                    index.apply(sequence, at, &message.payload);
                }
            },
            Err(error) => {
                tracing::warn!(%stream, %error, "could not follow the claims stream; retrying");
            }
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i128 = 3_600_000_000_000;

    fn spec(ttl_hours: u64, max_claims: u64) -> ClaimSpec {
        ClaimSpec {
            stream: "T_BANDS".into(),
            subject: "t.ingest.bands".into(),
            ttl: Duration::from_secs(ttl_hours * 3600),
            max_claims,
        }
    }

    fn claim(index: &mut Index, sequence: u64, at: i128, keys: &[u64], value: &str) -> Vec<String> {
        let value = Bytes::from(value.to_string());
        index.apply(sequence, at, &encode(keys, &value));
        index
            .held(sequence, keys, &value)
            .into_iter()
            .map(|b| String::from_utf8(b.to_vec()).unwrap())
            .collect()
    }

    /// Ingest's index has 900,000 keys at the default bound: each byte of an entry is
    /// about 1 MB of every replica's memory (`services/cli/examples/claims_memory.rs`).
    #[test]
    fn a_key_with_one_claim_costs_sixteen_bytes_beside_its_key() {
        assert_eq!(std::mem::size_of::<Claims>(), 16);
    }

    #[test]
    fn the_earliest_claim_holds_a_key_and_later_ones_see_it() {
        let mut index = Index::new(&spec(1, 100), Duration::from_secs(60));
        assert_eq!(claim(&mut index, 1, 0, &[10, 11], "a"), ["a", "a"]);
        assert_eq!(claim(&mut index, 2, 1, &[11, 12], "b"), ["a", "b"]);
        assert_eq!(claim(&mut index, 3, 2, &[12, 11], "c"), ["b", "a"]);
        // Asked again later (a retry that got sequence 2 back): the same answer, even
        // though later claims name the same keys.
        let b = Bytes::from("b");
        assert_eq!(index.held(2, &[11, 12], &b), [Bytes::from("a"), b.clone()]);
        // A message that is not a claim moves the index on and holds nothing.
        index.apply(4, 3, &Bytes::from_static(b"x"));
        assert_eq!(index.applied(), 4);
        assert_eq!(claim(&mut index, 5, 4, &[13], "e"), ["e"]);
        // Two keys held by one earlier claim, one new key between them.
        assert_eq!(claim(&mut index, 6, 5, &[10, 14, 11], "f"), ["a", "f", "a"]);
    }

    #[test]
    fn a_claim_counts_for_ttl_and_max_claims_judged_from_the_later_claim() {
        let mut index = Index::new(&spec(1, 3), Duration::from_secs(60));
        assert_eq!(claim(&mut index, 1, 0, &[7], "a"), ["a"]);
        // An hour and a nanosecond later "a" no longer counts: "b" holds the key.
        assert_eq!(claim(&mut index, 2, HOUR + 1, &[7], "b"), ["b"]);
        assert_eq!(claim(&mut index, 3, HOUR + 2, &[7], "c"), ["b"]);
        assert_eq!(claim(&mut index, 4, HOUR + 3, &[8], "d"), ["d"]);
        // Three claims after "b" it no longer counts either: "c" is the earliest left.
        assert_eq!(claim(&mut index, 5, HOUR + 4, &[7], "e"), ["c"]);
        // The index keeps the margin, and no more.
        for s in 6..40 {
            claim(&mut index, s, HOUR + s as i128, &[100 + s], "z");
        }
        // max_claims 3, and a margin of 3 / 8 = 0 claims.
        assert!(index.len() <= 3, "{}", index.len());
        assert!(index.by_key.len() <= index.len());
    }

    #[test]
    fn two_indexes_fed_the_same_stream_decide_the_same_even_one_rebuilt_late() {
        let claims: Vec<(u64, i128, Vec<u64>, String)> = (1..200u64)
            .map(|s| {
                let keys = vec![s % 7, 100 + s % 11, 200 + s % 3];
                (s, s as i128 * HOUR / 50, keys, format!("v{s}"))
            })
            .collect();
        let mut a = Index::new(&spec(1, 60), Duration::from_secs(60));
        let mut decided = Vec::new();
        for (s, at, keys, v) in &claims {
            decided.push(claim(&mut a, *s, *at, keys, v));
        }
        // The second one starts from what the stream still holds: the last 67 claims.
        let mut b = Index::new(&spec(1, 60), Duration::from_secs(60));
        for (i, (s, at, keys, v)) in claims.iter().enumerate().skip(199 - 67) {
            let got = claim(&mut b, *s, *at, keys, v);
            // Once its window is complete (60 claims in), it agrees with the first.
            if i >= 199 - 67 + 60 {
                assert_eq!(got, decided[i], "claim {s}");
            }
        }
    }

    #[test]
    fn a_waiting_claim_is_told_once_the_index_reaches_it() {
        let mut index = Index::new(&spec(1, 100), Duration::from_secs(60));
        let mut second = index.wait_for(2).unwrap();
        let mut fourth = index.wait_for(4).unwrap();
        claim(&mut index, 1, 0, &[1], "a");
        assert!(second.try_recv().is_err() && fourth.try_recv().is_err());
        // Sequence 2 was never a claim of this stream (deleted): 3 passes it.
        claim(&mut index, 3, 0, &[1], "c");
        assert!(second.try_recv().is_ok());
        assert!(fourth.try_recv().is_err());
        assert!(index.wait_for(3).is_none());
        claim(&mut index, 4, 0, &[1], "d");
        assert!(fourth.try_recv().is_ok());
        assert!(index.waiting.is_empty());
    }

    #[test]
    fn the_wire_form_round_trips_and_garbage_is_no_claim() {
        let value = Bytes::from_static(b"id\nsig");
        let (keys, back) = decode(&encode(&[1, u64::MAX], &value)).unwrap();
        assert_eq!(keys, [1, u64::MAX]);
        assert_eq!(back, value);
        assert!(decode(&Bytes::from_static(b"\x05\x00abc")).is_none());
        assert!(decode(&Bytes::from_static(b"")).is_none());
    }
}
