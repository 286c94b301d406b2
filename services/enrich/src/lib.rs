//! enrich
