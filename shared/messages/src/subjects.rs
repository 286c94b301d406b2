//! Subject and stream names under a configurable prefix (`marsad` by default;
//! tests use a random one so that they never collide).

/// Subject and stream names derived from one prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subjects {
    prefix: String,
}

impl Default for Subjects {
    fn default() -> Self {
        Self::new("marsad")
    }
}

impl Subjects {
    pub fn new(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
        }
    }

    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn raw(&self) -> String {
        format!("{}.articles.raw", self.prefix)
    }
    pub fn ingested(&self) -> String {
        format!("{}.articles.ingested", self.prefix)
    }
    pub fn rejected(&self) -> String {
        format!("{}.articles.rejected", self.prefix)
    }
    /// `…articles.enriched.<p>` for one partition.
    pub fn enriched(&self, partition: u32) -> String {
        format!("{}.articles.enriched.{partition}", self.prefix)
    }
    /// `…articles.enriched.>`: every partition.
    pub fn enriched_all(&self) -> String {
        format!("{}.articles.enriched.>", self.prefix)
    }
    pub fn alerts(&self, kind: &str) -> String {
        format!("{}.alerts.{kind}", self.prefix)
    }
    pub fn alerts_all(&self) -> String {
        format!("{}.alerts.>", self.prefix)
    }

    /// Stream names are upper-case; a prefix other than `marsad` is folded into them
    /// (`test_ab12` → `TEST_AB12_RAW`) so that several pipelines share one server.
    pub fn stream(&self, which: Stream) -> String {
        let base = self
            .prefix
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect::<String>();
        format!("{base}_{}", which.suffix())
    }

    /// The JetStream key-value bucket that holds aggregate state.
    pub fn aggregates_bucket(&self) -> String {
        format!("{}_aggregates", self.stream_base_lower())
    }

    /// The KV bucket of aggregator leases (who owns which partition); its keys
    /// expire, so a killed aggregator's partitions are taken over.
    pub fn leases_bucket(&self) -> String {
        format!("{}_leases", self.stream_base_lower())
    }

    /// The subject of ingest's near-duplicate band claims (one message per article with
    /// its MinHash/LSH band keys; the earliest claim of a band holds it).
    pub fn bands(&self) -> String {
        format!("{}.ingest.bands", self.prefix)
    }

    /// The stream of [`Subjects::bands`], which every ingest replica follows.
    pub fn bands_stream(&self) -> String {
        format!("{}_BANDS", self.stream_base_upper())
    }

    fn stream_base_upper(&self) -> String {
        self.stream_base_lower().to_ascii_uppercase()
    }

    fn stream_base_lower(&self) -> String {
        self.prefix
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect()
    }
}

/// The five streams of the design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Raw,
    Ingested,
    Rejected,
    Enriched,
    Alerts,
}

impl Stream {
    fn suffix(self) -> &'static str {
        match self {
            Stream::Raw => "RAW",
            Stream::Ingested => "INGESTED",
            Stream::Rejected => "REJECTED",
            Stream::Enriched => "ENRICHED",
            Stream::Alerts => "ALERTS",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_match_the_design() {
        let s = Subjects::default();
        assert_eq!(s.raw(), "marsad.articles.raw");
        assert_eq!(s.enriched(3), "marsad.articles.enriched.3");
        assert_eq!(s.enriched_all(), "marsad.articles.enriched.>");
        assert_eq!(s.stream(Stream::Raw), "MARSAD_RAW");
        assert_eq!(s.stream(Stream::Enriched), "MARSAD_ENRICHED");
        assert_eq!(s.aggregates_bucket(), "marsad_aggregates");
        assert_eq!(s.leases_bucket(), "marsad_leases");
        assert_eq!(s.bands(), "marsad.ingest.bands");
        assert_eq!(s.bands_stream(), "MARSAD_BANDS");
        assert_eq!(s.alerts("trending"), "marsad.alerts.trending");
    }

    #[test]
    fn other_prefixes_are_folded_into_stream_names() {
        let s = Subjects::new("t-9x");
        assert_eq!(s.stream(Stream::Rejected), "T_9X_REJECTED");
        assert_eq!(s.ingested(), "t-9x.articles.ingested");
    }
}
