//! The knowledge base: entities with stable ids, names, spelling variants and, for
//! places, coordinates. Loaded from the JSONL files in `data/kb/` (see its
//! `SOURCES.md` for where every fact comes from).

use std::path::Path;

use serde::Deserialize;

/// Coordinates and administrative place of a location.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KbGeo {
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    #[serde(default)]
    pub adm1: Option<String>,
    pub precision: String,
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KbEntry {
    pub id: String,
    /// `PERSON`, `ORG`, `LOC` or `MISC`.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// `governorate`, `district`, `city`, `site`, `country`, `person`, `armed_group` …
    #[serde(default)]
    pub kind: String,
    pub name_ar: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub geo: Option<KbGeo>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("knowledge base {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("knowledge base {path} line {line}: {message}")]
    Parse {
        path: String,
        line: usize,
        message: String,
    },
    #[error("knowledge base {0} has no .jsonl files")]
    Empty(String),
}

/// Reads every `*.jsonl` file of a directory, in name order.
pub fn load_dir(dir: &Path) -> Result<Vec<KbEntry>, KbError> {
    let io = |source| KbError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(KbError::Empty(dir.display().to_string()));
    }
    let mut entries = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).map_err(|source| KbError::Io {
            path: file.display().to_string(),
            source,
        })?;
        entries.extend(parse_jsonl(&text, &file.display().to_string())?);
    }
    Ok(entries)
}

/// Parses JSONL text (blank lines ignored).
pub fn parse_jsonl(text: &str, name: &str) -> Result<Vec<KbEntry>, KbError> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            serde_json::from_str(line).map_err(|e| KbError::Parse {
                path: name.to_string(),
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}
