//! Extractors built on the text core: entities, quotes, dates, counts.
