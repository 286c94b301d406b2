//! The live page: `/` and its assets under `/assets/`, every file embedded in the
//! binary from `services/aggregate/web/` so that the page works offline and a
//! deployed binary cannot drift from its page.
//!
//! Article text and titles are untrusted, so the page is served under a strict
//! Content-Security-Policy (no inline script or style, nothing from another origin)
//! and builds its DOM with `textContent` only; `nosniff` keeps a browser from reading
//! an asset as another type than the one it is sent as.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The policy of the page and its assets.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; frame-ancestors 'none'";

/// The page's files: name under `/assets/`, media type, content.
pub const ASSETS: [(&str, &str, &str); 7] = [
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("../web/app.js"),
    ),
    (
        "dom.js",
        "text/javascript; charset=utf-8",
        include_str!("../web/dom.js"),
    ),
    (
        "map.js",
        "text/javascript; charset=utf-8",
        include_str!("../web/map.js"),
    ),
    (
        "chart.js",
        "text/javascript; charset=utf-8",
        include_str!("../web/chart.js"),
    ),
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("../web/style.css"),
    ),
    (
        "iraq-adm1.geojson",
        "application/geo+json",
        include_str!("../web/iraq-adm1.geojson"),
    ),
    (
        "CREDITS.md",
        "text/markdown; charset=utf-8",
        include_str!("../web/CREDITS.md"),
    ),
];

const INDEX: &str = include_str!("../web/index.html");

pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{name}", get(asset))
}

/// A file with the page's security headers.
fn file(content_type: &'static str, body: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    // The page is small and changes with the binary: always ask again.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

async fn index() -> Response {
    file("text/html; charset=utf-8", INDEX)
}

async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, content_type, body)) => file(content_type, body),
        None => (StatusCode::NOT_FOUND, "no such asset").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every asset the page names is served, and every served asset is used, so a
    /// renamed file cannot leave the page with a 404.
    #[test]
    fn the_page_names_exactly_the_embedded_assets() {
        let mut named: Vec<&str> = Vec::new();
        let sources = std::iter::once(INDEX).chain(ASSETS.iter().map(|(_, _, body)| *body));
        for source in sources {
            for (i, _) in source.match_indices("/assets/") {
                let rest = &source[i + "/assets/".len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                    .unwrap_or(rest.len());
                named.push(&rest[..end]);
            }
            for (i, _) in source.match_indices("from \"./") {
                let rest = &source[i + "from \"./".len()..];
                named.push(&rest[..rest.find('"').unwrap()]);
            }
        }
        for name in &named {
            assert!(
                ASSETS.iter().any(|(n, _, _)| n == name),
                "{name} is named but not embedded"
            );
        }
        for (name, _, _) in ASSETS {
            assert!(
                name == "CREDITS.md" || named.contains(&name),
                "{name} is embedded but never used"
            );
        }
    }
}
