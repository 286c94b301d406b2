//! Resident memory of a claims index as it fills (ingest's near-duplicate bands): eight
//! random keys and a 290-byte value per claim, as ingest claims them, up to the bound
//! of the default settings and past it. With a third argument D, claim i names the keys
//! of claim i mod D, as `marsad bench` does when it replays a corpus of D articles: every
//! claim after the first D is a copy of an earlier one, whose holders it keeps.
//!
//! ```sh
//! cargo run --release -p marsad-cli --example claims_memory -- 100000 200000
//! cargo run --release -p marsad-cli --example claims_memory -- 100000 200000 7628
//! ```

use std::time::Duration;

use bytes::Bytes;
use marsad_runtime::claims::{self, ClaimSpec, Index};

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn rss_mb() -> f64 {
    marsad_cli::procs::rss_mb(std::process::id())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let max_claims: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let total: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200_000);
    let distinct: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(0);
    let spec = ClaimSpec {
        stream: "MARSAD_BANDS".into(),
        subject: "marsad.ingest.bands".into(),
        ttl: Duration::from_secs(168 * 3600),
        max_claims,
    };
    let mut index = Index::new(&spec, Duration::from_secs(120));
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        // splitmix64: band keys are hashes, spread over the whole range.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    println!("claims\tin index\tRSS MB");
    println!("0\t0\t{:.1}", rss_mb());
    let start = 1_600_000_000_000_000_000i128;
    let mut sets: Vec<Vec<u64>> = Vec::new();
    for sequence in 1..=total {
        let keys: Vec<u64> = if distinct == 0 {
            (0..8).map(|_| next()).collect()
        } else {
            let i = ((sequence - 1) % distinct) as usize;
            if i == sets.len() {
                sets.push((0..8).map(|_| next()).collect());
            }
            sets[i].clone()
        };
        // A signature of 64 u32 and an id, as `neardup::Holder::encode` writes it.
        let value = vec![b'x'; 256 + 34];
        let payload: Bytes = claims::encode(&keys, &value);
        index.apply(sequence, start + sequence as i128 * 1_000_000, &payload);
        if sequence % (total / 10).max(1) == 0 {
            println!("{sequence}\t{}\t{:.1}", index.len(), rss_mb());
        }
    }
}
