//! The committed OpenAPI document is the one the server serves, and it
//! describes every route the server has.

use super::*;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

#[test]
fn openapi_json_is_committed_and_current() {
    let doc = silkroute_server::openapi();
    let text = format!("{}\n", serde_json::to_string_pretty(&doc).expect("JSON"));
    if bless() {
        std::fs::write(COMMITTED, &text).expect("write openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == text,
        "crates/server/openapi.json is not the document the server serves.\n\
         Regenerate it with:\n\n    SILKROUTE_BLESS=1 cargo test -p silkroute-server openapi\n\n\
         and review the difference."
    );
}

#[test]
fn the_document_is_openapi_3_1_with_every_operation_documented() {
    let doc = silkroute_server::openapi();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/v1/route", "post"),
        ("/v1/compare", "post"),
        ("/v1/pareto", "post"),
        ("/v1/emissions", "post"),
        ("/v1/matrix", "post"),
        ("/v1/diff", "post"),
        ("/v1/terminals", "get"),
        ("/v1/scenarios", "get"),
        ("/v1/version", "get"),
        ("/health", "get"),
        ("/metrics", "get"),
        ("/openapi.json", "get"),
    ] {
        let op = &paths[path][method];
        assert!(op.is_object(), "{method} {path}");
        let responses = op["responses"].as_object().expect("responses");
        assert!(responses.contains_key("200"), "{method} {path}");
        for status in ["500", "503"] {
            assert!(responses.contains_key(status), "{method} {path} {status}");
        }
        if path == "/v1/terminals" {
            assert!(responses.contains_key("422"), "{method} {path}");
        }
        if method == "post" {
            for status in ["400", "408", "413", "415", "422", "429"] {
                assert!(responses.contains_key(status), "{method} {path} {status}");
            }
        }
    }
    assert_eq!(paths.len(), 12, "a route without a test above");
    // Every reference resolves, and units are documented.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().expect("a name");
        assert!(
            doc["components"]["schemas"][name].is_object(),
            "{name} is referenced but not defined"
        );
    }
    let totals = &doc["components"]["schemas"]["Totals"]["properties"];
    assert_eq!(totals["distance_km"]["description"], "Kilometres.");
    assert!(
        totals["cost_usd"]["description"]
            .as_str()
            .expect("text")
            .contains("USD")
    );
    assert!(doc["components"]["schemas"]["MatrixRequest"]["properties"]["origins"].is_object());
    assert!(
        doc["components"]["schemas"]["MatrixRequest"]["properties"]
            .get("from")
            .is_none()
    );
}

#[tokio::test]
async fn the_served_document_is_the_committed_one() {
    let s = Running::start(ServerConfig::default()).await;
    let (status, ct, body) = get(&s, "/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(ct, "application/json");
    let served: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(served, silkroute_server::openapi());
}
