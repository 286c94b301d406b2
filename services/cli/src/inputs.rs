//! Reading articles from files, the way `marsad publish` and `marsad enrich` see them.
//!
//! - a directory: every `.txt`, `.html`, `.htm`, `.json` and `.jsonl` file under it,
//!   in name order;
//! - `.txt`: one article, the file's bytes as a plain-text payload;
//! - `.html` / `.htm`: one article, sent with `Content-Type: text/html`;
//! - `.json`: one raw article object, or an array of them;
//! - `.jsonl`: one article per line. A line is sent as it is, except lines in the ANT
//!   corpus layout (`docno`, `src`, `time`, `text` …), which are mapped onto the raw
//!   article schema (`id`, `source`, `published_at`, `body` …).
//!
//! Payloads are passed on byte for byte: a file that is not valid UTF-8 or not valid
//! JSON is still sent, and ingest rejects it with the reason, as it would for any
//! publisher.

use std::path::{Path, PathBuf};

use marsad_messages::RawArticle;

/// One article to publish: a payload and the headers that go with it.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where it came from (`file` or `file:line`), for messages.
    pub origin: String,
    pub payload: Vec<u8>,
    pub headers: Vec<(String, String)>,
}

const EXTENSIONS: &[&str] = &["txt", "html", "htm", "json", "jsonl"];

/// Every file a path names, expanded and sorted.
pub fn files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads the articles of one file.
pub fn read(path: &Path) -> anyhow::Result<Vec<Input>> {
    let bytes =
        std::fs::read(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let origin = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    Ok(match ext.as_str() {
        "jsonl" => bytes
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(|(i, line)| Input {
                origin: format!("{origin}:{}", i + 1),
                payload: map_ant(line).unwrap_or_else(|| line.to_vec()),
                headers: Vec::new(),
            })
            .collect(),
        "json" => match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, item)| Input {
                    origin: format!("{origin}[{i}]"),
                    payload: serde_json::to_vec(item).unwrap_or_default(),
                    headers: Vec::new(),
                })
                .collect(),
            _ => vec![Input {
                origin,
                payload: bytes,
                headers: Vec::new(),
            }],
        },
        "html" | "htm" => vec![Input {
            origin,
            payload: bytes,
            headers: vec![("Content-Type".into(), "text/html".into())],
        }],
        _ => vec![Input {
            origin,
            payload: bytes,
            headers: Vec::new(),
        }],
    })
}

/// Reads every article of every path.
pub fn read_all(paths: &[PathBuf]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for file in files(paths)? {
        out.extend(read(&file)?);
    }
    Ok(out)
}

/// An ANT corpus line (`docno`, `url`, `src`, `title`, `time`, `text`) as a raw article.
fn map_ant(line: &[u8]) -> Option<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(line).ok()?;
    let object = value.as_object()?;
    if object.contains_key("body") || !object.contains_key("docno") {
        return None;
    }
    let field = |name: &str| {
        object
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let raw = RawArticle {
        id: field("docno"),
        url: field("url"),
        source: field("src"),
        title: field("title"),
        body: field("text")?,
        content_type: None,
        published_at: field("time"),
        language: Some("ar".into()),
        metadata: None,
    };
    serde_json::to_vec(&raw).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ant_lines_become_raw_articles() {
        let line = br#"{"docno":"BBC-2018-1","url":"https://www.bbc.com/arabic/x","src":"BBC","cat":"middleeast","title":"t","time":"Sun, 18 Feb 2018 20:50:44 GMT","author":"","abstract":"","text":"\u0646\u0635","file":"f"}"#;
        let raw: RawArticle = serde_json::from_slice(&map_ant(line).unwrap()).unwrap();
        assert_eq!(raw.id.as_deref(), Some("BBC-2018-1"));
        assert_eq!(raw.source.as_deref(), Some("BBC"));
        assert_eq!(
            raw.published_at.as_deref(),
            Some("Sun, 18 Feb 2018 20:50:44 GMT")
        );
        assert_eq!(raw.body, "نص");
        // A line already in the raw schema is left alone.
        assert!(map_ant(br#"{"body":"x","docno":"1"}"#).is_none());
    }

    #[test]
    fn a_directory_is_read_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.txt"), "ب").unwrap();
        std::fs::write(dir.path().join("a.txt"), "أ").unwrap();
        std::fs::write(dir.path().join("notes.md"), "x").unwrap();
        std::fs::write(
            dir.path().join("c.jsonl"),
            "{\"body\":\"1\"}\n\n{\"body\":\"2\"}\n",
        )
        .unwrap();
        let inputs = read_all(&[dir.path().to_path_buf()]).unwrap();
        let payloads: Vec<String> = inputs
            .iter()
            .map(|i| String::from_utf8(i.payload.clone()).unwrap())
            .collect();
        assert_eq!(payloads, ["أ", "ب", "{\"body\":\"1\"}", "{\"body\":\"2\"}"]);
    }
}
