//! The web map (`/`), the API docs page (`/docs`) and their assets, all
//! embedded in the binary: the page loads nothing from another origin (its
//! Content-Security-Policy forbids it), so it works offline.
//!
//! Leaflet is vendored by `scripts/vendor-map.sh` into `assets/vendor/`
//! (with its licence); the base layer is the Natural Earth 1:110m
//! countries file the command line draws its maps on.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use silkroute_bindings::v1::ErrorKind;

use crate::error::ApiError;

/// The page may load scripts, styles, data and images from this origin
/// only (`data:` images are Leaflet's own icons).
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const INDEX: &str = include_str!("../assets/index.html");
const DOCS: &str = include_str!("../assets/docs.html");

/// `(path under /assets/, content type, bytes)`.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "docs.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/docs.js"),
    ),
    (
        "vendor/leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet.js"),
    ),
    (
        "vendor/leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/leaflet.css"),
    ),
    (
        "vendor/LICENSE-leaflet.txt",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE-leaflet.txt"),
    ),
    (
        "land.geojson",
        "application/geo+json",
        include_bytes!("../../cli/assets/ne_110m_countries.geojson"),
    ),
];

fn page(html: impl Into<String>) -> Response {
    let mut r = (StatusCode::OK, axum::body::Body::from(html.into())).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The values the form offers, written into the page as a JSON data block
/// (not a script: the policy allows no inline script).
fn options_block() -> String {
    use silkroute_core::{Mode, Passage};
    let names = |v: Vec<&str>| serde_json::Value::from(v);
    let options = serde_json::json!({
        "objectives": ["cost", "time", "distance", "co2e", "generalized"],
        "modes": names(Mode::ALL.iter().map(|m| m.as_str()).collect()),
        "passages": names(Passage::ALL.iter().map(|p| p.as_str()).collect()),
    });
    // `<` cannot appear in the values, but escape it anyway: the block
    // must not be able to close its own tag.
    let text = options.to_string().replace('<', "\\u003c");
    format!("<script type=\"application/json\" id=\"options\">{text}</script>")
}

/// `GET /`: the web map.
pub async fn index() -> Response {
    static PAGE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    page(
        PAGE.get_or_init(|| INDEX.replace("<!--OPTIONS-->", &options_block()))
            .clone(),
    )
}

/// `GET /docs`: the API reference, rendered from `/openapi.json`.
pub async fn docs() -> Response {
    page(DOCS)
}

/// `GET /assets/{*path}`.
pub async fn asset(Path(path): Path<String>) -> Response {
    match ASSETS.iter().find(|(p, _, _)| *p == path) {
        Some((_, content_type, bytes)) => {
            let mut r = (StatusCode::OK, *bytes).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            r
        }
        None => ApiError::new(
            ErrorKind::UnknownOperation,
            format!("no asset /assets/{path}"),
        )
        .into_response(),
    }
}

/// The paths of the embedded assets, for tests.
pub fn asset_paths() -> impl Iterator<Item = &'static str> {
    ASSETS.iter().map(|(p, _, _)| *p)
}
