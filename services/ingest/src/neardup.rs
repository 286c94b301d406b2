//! Near-duplicates (syndicated wire copies, lightly edited reposts) found with MinHash
//! and locality-sensitive hashing, agreed on by every ingest replica through the bands
//! stream (`marsad_runtime::claims`).
//!
//! An article's text is normalized (diacritics, tatweel, alef and digit forms, as for
//! its id), cut into overlapping 4-word shingles, and summarized by a signature of
//! [`HASHES`] minimum hashes: two signatures agree at a position with probability
//! equal to the Jaccard similarity of the two shingle sets. The signature is cut into
//! [`BANDS`] bands of [`ROWS`] hashes; each band becomes a key, and an article claims
//! its eight keys in one message on the bands stream, with its id and signature as the
//! value: a key is held by the earliest claim of it in the stream. Two articles with Jaccard similarity 0.9 share at least one band with
//! probability 0.99 (0.77 at 0.8, 0.03 at 0.5), and the signatures in the values then
//! estimate the similarity itself, compared with the threshold.
//!
//! Which of two near-duplicates is the original is decided from the stream's order
//! alone, so every replica that handles them agrees even when they run at the same
//! moment: the one that holds every band the two share (the earlier claim) is the
//! original; should each hold some, the smaller id would be. A redelivered article
//! finds its own claim and is not its own duplicate.

use bytes::Bytes;
use marsad_arabic::normalize;

/// Minimum hashes in a signature.
pub const HASHES: usize = BANDS * ROWS;
/// Bands (keys claimed per article).
pub const BANDS: usize = 8;
/// Hashes per band.
pub const ROWS: usize = 8;
/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;

/// An article's MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

impl Signature {
    /// The signature of a text, or `None` when it has fewer than `min_words` words
    /// (a short text shares its few shingles with too many others to tell).
    pub fn of(text: &str, min_words: usize) -> Option<Signature> {
        // The words of the normalized text, each hashed as it is read.
        let mut words: Vec<u64> = Vec::with_capacity(text.len() / 8);
        let mut h = FNV_OFFSET;
        normalize::for_each_key_char(text, |c| {
            if is_space(c) {
                if h != FNV_OFFSET {
                    words.push(h);
                    h = FNV_OFFSET;
                }
            } else {
                h = (h ^ u64::from(u32::from(c))).wrapping_mul(FNV_PRIME);
            }
        });
        if h != FNV_OFFSET {
            words.push(h);
        }
        if words.len() < min_words.max(SHINGLE_WORDS) {
            return None;
        }
        // One permutation hashing: one hash per shingle, whose top bits choose one of
        // HASHES bins and whose other bits compete for that bin's minimum. A bin no
        // shingle fell in borrows a filled bin's value, chosen by a probe sequence that
        // depends only on the bin (optimal densification, Shrivastava 2017), so two
        // texts agree at a position with probability their Jaccard similarity, as
        // with HASHES independent permutations, at the cost of one hash per shingle.
        const BIN_BITS: u32 = HASHES.trailing_zeros();
        let mut bins = [u64::MAX; HASHES];
        for shingle in words.windows(SHINGLE_WORDS) {
            let h = mix(shingle.iter().fold(FNV_OFFSET, |h, w| mix(h ^ w)));
            let bin = (h >> (64 - BIN_BITS)) as usize;
            bins[bin] = bins[bin].min(h << BIN_BITS);
        }
        let mut signature = [0u32; HASHES];
        for (i, s) in signature.iter_mut().enumerate() {
            let mut probe = 0u64;
            let mut bin = i;
            while bins[bin] == u64::MAX {
                probe += 1;
                bin = (mix(((i as u64) << 32) ^ probe ^ DENSIFY_SALT) >> (64 - BIN_BITS)) as usize;
            }
            *s = (bins[bin] >> 32) as u32;
        }
        Some(Signature(signature))
    }

    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self
            .0
            .iter()
            .zip(other.0.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / HASHES as f64
    }

    /// The key of band `band`: its hashes and the band's number, hashed.
    pub fn band_key(&self, band: usize) -> u64 {
        let mut h = fnv(FNV_OFFSET, &(band as u32).to_le_bytes());
        for v in &self.0[band * ROWS..(band + 1) * ROWS] {
            h = fnv(h, &v.to_le_bytes());
        }
        mix(h)
    }

    /// The keys of all bands, in band order.
    pub fn band_keys(&self) -> Vec<u64> {
        (0..BANDS).map(|band| self.band_key(band)).collect()
    }
}

/// What a band key holds: the first article that had the band.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub id: String,
    pub signature: Signature,
}

impl Holder {
    /// The signature's hashes (u32 LE), then the id.
    pub fn encode(&self) -> Bytes {
        let mut out = Vec::with_capacity(HASHES * 4 + self.id.len());
        for v in &self.signature.0 {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(self.id.as_bytes());
        out.into()
    }

    pub fn decode(value: &[u8]) -> Option<Holder> {
        let (hashes, id) = (value.get(..HASHES * 4)?, value.get(HASHES * 4..)?);
        let mut signature = [0u32; HASHES];
        for (s, c) in signature.iter_mut().zip(hashes.chunks_exact(4)) {
            *s = u32::from_le_bytes(c.try_into().ok()?);
        }
        Some(Holder {
            id: std::str::from_utf8(id).ok()?.to_string(),
            signature: Signature(signature),
        })
    }
}

/// The keys an article claims (in band order) and the value it claims them with.
pub fn claims(id: &str, signature: &Signature) -> (Vec<u64>, Bytes) {
    let value = Holder {
        id: id.to_string(),
        signature: signature.clone(),
    }
    .encode();
    (signature.band_keys(), value)
}

/// The article `id` is a near-duplicate of, given what each of its band keys holds
/// (`held[band]`, in the order of [`claims`]): the most similar earlier article at or
/// above `threshold`, ties to the smaller id.
pub fn original_of(
    id: &str,
    signature: &Signature,
    held: &[Bytes],
    threshold: f64,
) -> Option<String> {
    let holders: Vec<Option<Holder>> = held.iter().map(|v| Holder::decode(v)).collect();
    let mut best: Option<(f64, &str)> = None;
    for other in holders.iter().flatten() {
        if other.id == id || best.is_some_and(|(_, b)| b == other.id) {
            continue;
        }
        let similarity = signature.similarity(&other.signature);
        if similarity < threshold || !precedes(&other.id, id, signature, &other.signature, &holders)
        {
            continue;
        }
        let better = match best {
            None => true,
            Some((s, b)) => similarity > s || (similarity == s && other.id.as_str() < b),
        };
        if better {
            best = Some((similarity, other.id.as_str()));
        }
    }
    best.map(|(_, other)| other.to_string())
}

/// Whether `other` is the original of the pair (`other`, `me`): it holds every band the
/// two share, or they split them (a race) and its id is the smaller.
fn precedes(
    other: &str,
    me: &str,
    mine: &Signature,
    theirs: &Signature,
    holders: &[Option<Holder>],
) -> bool {
    let (mut held_by_other, mut held_by_me) = (0, 0);
    for (band, holder) in holders.iter().enumerate() {
        if mine.band_key(band) != theirs.band_key(band) {
            continue;
        }
        match holder.as_ref().map(|h| h.id.as_str()) {
            Some(h) if h == other => held_by_other += 1,
            Some(h) if h == me => held_by_me += 1,
            _ => {}
        }
    }
    match (held_by_other > 0, held_by_me > 0) {
        (true, false) => true,
        (true, true) => other < me,
        _ => false,
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Unicode's White_Space, ASCII first (the normalized text has mostly spaces).
#[inline]
fn is_space(c: char) -> bool {
    (c as u32) <= 0x20
        || matches!(
            c,
            '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
                ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
        )
}

/// splitmix64's finalizer: a bijection that spreads every input bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed, so that every replica and every release computes the same signatures (the
/// claims stream outlives a deploy).
const DENSIFY_SALT: u64 = 0x9e37_79b9_7f4a_7c15;

#[cfg(test)]
mod tests {
    use super::*;

    // Two wire copies of one report (ANT and a syndicating site, 2020): the second adds
    // a dateline and changes one word; the third is another report on the same day.
    const WIRE: &str = "أعلنت خلية الإعلام الأمني في العراق، اليوم الأحد، مقتل ثلاثة من عناصر تنظيم داعش بضربة جوية نفذتها طائرات القوة الجوية العراقية في وادي الشاي جنوب كركوك، وقالت الخلية في بيان إن الضربة استهدفت وكرا للتنظيم كان يستخدمه عناصره للاختباء وتخزين الأسلحة والعتاد، وأضافت أن القطعات الأمنية تواصل عمليات التفتيش في المنطقة بحثا عن بقايا التنظيم";
    const OTHER: &str = "قال رئيس الوزراء العراقي مصطفى الكاظمي إن الحكومة ماضية في إجراء الانتخابات المبكرة في موعدها المحدد، مؤكدا أن المفوضية العليا المستقلة للانتخابات أكملت استعداداتها الفنية واللوجستية، ودعا القوى السياسية إلى احترام إرادة الناخبين والابتعاد عن خطاب الكراهية والتحريض خلال الحملات الانتخابية المقبلة في البلاد";

    fn copy() -> String {
        format!("بغداد - {}", WIRE.replace("وكرا", "مخبأ"))
    }

    #[test]
    fn wire_copies_are_similar_and_other_reports_are_not() {
        let a = Signature::of(WIRE, 30).unwrap();
        let b = Signature::of(&copy(), 30).unwrap();
        let c = Signature::of(OTHER, 30).unwrap();
        assert!(a.similarity(&b) >= 0.8, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
        assert!((0..BANDS).any(|band| a.band_key(band) == b.band_key(band)));
    }

    #[test]
    fn diacritics_and_digits_do_not_make_a_different_text() {
        // The same sentence with harakat, tatweel and Arabic-Indic digits is the same
        // text for a reader, so it is the same signature.
        let plain = format!("{WIRE} في 12 تموز 2020");
        let marked = format!("{} في ١٢ تمـــوز ٢٠٢٠", WIRE.replace("مقتل", "مَقْتَل"));
        assert_eq!(Signature::of(&plain, 30), Signature::of(&marked, 30));
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert!(Signature::of("مقتل ثلاثة من عناصر داعش في كركوك", 30).is_none());
    }

    #[test]
    fn the_first_holder_is_the_original_and_a_redelivery_is_not_its_own_duplicate() {
        let a = Signature::of(WIRE, 30).unwrap();
        let b = Signature::of(&copy(), 30).unwrap();
        // a came first and won every band; b then finds a where their bands agree.
        let a_claims = claims("a", &a);
        let b_claims = claims("b", &b);
        let held_for_b: Vec<Bytes> = (0..BANDS)
            .map(|band| {
                if a.band_key(band) == b.band_key(band) {
                    a_claims.1.clone()
                } else {
                    b_claims.1.clone()
                }
            })
            .collect();
        assert_eq!(original_of("b", &b, &held_for_b, 0.8).as_deref(), Some("a"));
        let held_for_a: Vec<Bytes> = vec![a_claims.1.clone(); BANDS];
        assert_eq!(original_of("a", &a, &held_for_a, 0.8), None);
        // Above the similarity actually there, nothing is a duplicate.
        assert_eq!(original_of("b", &b, &held_for_b, 0.99), None);
    }

    #[test]
    fn a_race_that_splits_the_bands_is_decided_the_same_way_on_both_sides() {
        let a = Signature::of(WIRE, 30).unwrap();
        let b = Signature::of(WIRE, 30).unwrap();
        // Identical texts share all bands; were "z" to hold the even ones and "y" the
        // odd ones (a race of the KV bucket this replaced; the claims stream orders
        // every claim, so it no longer happens), both sides would still agree.
        let held: Vec<Bytes> = (0..BANDS)
            .map(|band| {
                let id = if band % 2 == 0 { "z" } else { "y" };
                claims(id, &a).1
            })
            .collect();
        assert_eq!(original_of("z", &a, &held, 0.8).as_deref(), Some("y"));
        assert_eq!(original_of("y", &b, &held, 0.8), None);
    }

    fn holder_bytes(signature: &Signature) -> Vec<u8> {
        signature.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn values_round_trip_and_garbage_is_ignored() {
        let a = Signature::of(WIRE, 30).unwrap();
        let holder = Holder {
            id: "x1".into(),
            signature: a.clone(),
        };
        assert_eq!(Holder::decode(&holder.encode()), Some(holder));
        assert_eq!(Holder::decode(b"too short"), None);
        let mut not_utf8 = holder_bytes(&a);
        not_utf8.push(0xff);
        assert_eq!(Holder::decode(&not_utf8), None);
        let held = vec![Bytes::from_static(b"\xff\xfe"); BANDS];
        assert_eq!(original_of("a", &a, &held, 0.8), None);
    }
}
