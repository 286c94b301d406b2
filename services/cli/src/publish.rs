//! Publishing articles to `<prefix>.articles.raw` through JetStream, every publish
//! acknowledged by the server before it counts as done.

use std::collections::VecDeque;

use async_nats::jetstream::{self, context::PublishAckFuture};
use async_nats::HeaderMap;
use marsad_messages::{Stream, Subjects};
use marsad_runtime::settings::BusSettings;

use crate::inputs::Input;

/// Acknowledgements awaited at once.
const IN_FLIGHT: usize = 256;

/// What a publish run did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    /// Acknowledged by JetStream.
    pub published: usize,
    /// Acknowledged as duplicates of a message with the same `Nats-Msg-Id`.
    pub duplicates: usize,
}

/// Makes sure the raw stream exists (a publisher may come before any service).
pub async fn ensure_raw_stream(
    js: &jetstream::Context,
    bus: &BusSettings,
    subjects: &Subjects,
) -> anyhow::Result<()> {
    marsad_runtime::bus::ensure_streams(js, bus, subjects, &[Stream::Raw]).await?;
    Ok(())
}

/// Publishes every input, with at most [`IN_FLIGHT`] acks outstanding; `progress` is
/// told after each ack.
pub async fn publish(
    js: &jetstream::Context,
    subjects: &Subjects,
    inputs: &[Input],
    mut progress: impl FnMut(usize),
) -> anyhow::Result<Report> {
    let subject = subjects.raw();
    let mut pending: VecDeque<(usize, PublishAckFuture)> = VecDeque::new();
    let mut report = Report::default();
    let settle = |report: &mut Report, ack: async_nats::jetstream::publish::PublishAck| {
        if ack.duplicate {
            report.duplicates += 1;
        } else {
            report.published += 1;
        }
    };
    for (i, input) in inputs.iter().enumerate() {
        let mut headers = HeaderMap::new();
        for (name, value) in &input.headers {
            headers.insert(name.as_str(), value.as_str());
        }
        let ack = js
            .publish_with_headers(subject.clone(), headers, input.payload.clone().into())
            .await
            .map_err(|e| anyhow::anyhow!("publishing {}: {e}", input.origin))?;
        pending.push_back((i, ack));
        if pending.len() >= IN_FLIGHT {
            let (i, ack) = pending.pop_front().expect("non-empty");
            let ack = ack
                .await
                .map_err(|e| anyhow::anyhow!("no ack for {}: {e}", inputs[i].origin))?;
            settle(&mut report, ack);
            progress(1);
        }
    }
    while let Some((i, ack)) = pending.pop_front() {
        let ack = ack
            .await
            .map_err(|e| anyhow::anyhow!("no ack for {}: {e}", inputs[i].origin))?;
        settle(&mut report, ack);
        progress(1);
    }
    Ok(report)
}
