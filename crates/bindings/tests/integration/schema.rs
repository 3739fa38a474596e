//! The committed JSON Schema matches the API v1 types.

use silkroute_bindings::{Engine, api_v1_schema};

#[test]
fn schema_committed_copy_is_current() {
    let text = serde_json::to_string_pretty(&api_v1_schema()).expect("schema serialises") + "\n";
    crate::check_generated("schema/api-v1.schema.json", &text, "schema");
}

#[test]
fn schema_has_every_top_level_type() {
    let schema = api_v1_schema();
    for name in [
        "RouteRequest",
        "RouteResponse",
        "CompareResponse",
        "ErrorResponse",
        "TerminalInfo",
        "VersionInfo",
    ] {
        assert!(
            schema["$defs"][name].is_object(),
            "{name} missing from $defs"
        );
    }
    // Requests are written by callers: only the endpoints are required.
    assert_eq!(
        schema["$defs"]["RouteRequest"]["required"],
        serde_json::json!(["from", "to"])
    );
    assert_eq!(
        schema["$defs"]["RouteRequest"]["additionalProperties"],
        false
    );
    // Responses are written by silkroute: api_version is always there.
    let required = schema["$defs"]["RouteResponse"]["required"]
        .as_array()
        .expect("required");
    assert!(required.contains(&"api_version".into()), "{required:?}");
}

/// Every property of a real response is declared in the schema, so the
/// schema describes what is sent (a cheap structural check, not a full
/// validator).
#[test]
fn schema_declares_the_fields_of_real_responses() {
    let schema = api_v1_schema();
    let defs = &schema["$defs"];
    let engine = Engine::eurasia();
    let route: serde_json::Value = serde_json::from_str(
        &engine
            .call("route", r#"{"from":"Xi'an","to":"Duisburg"}"#)
            .expect("route"),
    )
    .expect("JSON");
    let error: serde_json::Value = serde_json::from_str(
        &engine
            .call("route", r#"{"from":"Xian","to":"Duisberg"}"#)
            .expect_err("error"),
    )
    .expect("JSON");
    let version: serde_json::Value =
        serde_json::from_str(&engine.call("version", "{}").expect("version")).expect("JSON");
    for (value, def) in [
        (&route, "RouteResponse"),
        (&route["routes"][0], "Route"),
        (&route["routes"][0]["totals"], "Totals"),
        (&route["routes"][0]["legs"][0], "Leg"),
        (&error, "ErrorResponse"),
        (&error["error"], "ErrorBody"),
        (&version, "VersionInfo"),
    ] {
        let props = defs[def]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{def} has no properties"));
        for key in value.as_object().expect("object").keys() {
            assert!(
                props.contains_key(key),
                "{def}.{key} is sent but not in the schema"
            );
        }
        for key in defs[def]["required"].as_array().into_iter().flatten() {
            assert!(
                value.get(key.as_str().expect("name")).is_some(),
                "{def}.{key} is required but not sent"
            );
        }
    }
}
