//! Shared fixtures and helpers.

use serde_json::{Map, Value};
use silkroute_core::{Error, Issue, Network};

/// The small valid fixture network, as shipped in `tests/data/`.
pub const MINI: &str = include_str!("../data/mini.geojson");

/// Path of the fixture, for tests that load from a file.
pub fn mini_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mini.geojson")
}

/// The fixture as a JSON value, to derive broken variants from.
pub fn mini_value() -> Value {
    serde_json::from_str(MINI).expect("mini.geojson is JSON")
}

/// The fixture, loaded.
pub fn mini() -> Network {
    Network::from_json_str(MINI).expect("mini.geojson is a valid network")
}

/// Loads a network from a JSON value.
pub fn load(v: &Value) -> Result<Network, Error> {
    Network::from_slice(&serde_json::to_vec(v).expect("a JSON value serialises"))
}

/// The index in `features` of the feature with a given id.
pub fn feature_index(v: &Value, id: &str) -> usize {
    v["features"]
        .as_array()
        .expect("features array")
        .iter()
        .position(|f| f["properties"]["id"] == id)
        .unwrap_or_else(|| panic!("no feature with id {id}"))
}

/// The properties of the feature with a given id, to edit.
pub fn props<'a>(v: &'a mut Value, id: &str) -> &'a mut Map<String, Value> {
    let i = feature_index(v, id);
    v["features"][i]["properties"]
        .as_object_mut()
        .expect("properties object")
}

/// The whole feature with a given id, to edit.
pub fn feature<'a>(v: &'a mut Value, id: &str) -> &'a mut Value {
    let i = feature_index(v, id);
    &mut v["features"][i]
}

/// A top-level table (`sources`, `features`, …) as a vector, to edit.
pub fn table<'a>(v: &'a mut Value, name: &str) -> &'a mut Vec<Value> {
    v[name].as_array_mut().expect("table array")
}

/// The validation issues of a broken network; panics if it loads or fails
/// in another way.
#[track_caller]
pub fn issues(v: &Value) -> Vec<Issue> {
    match load(v) {
        Ok(_) => panic!("the broken network loaded without error"),
        Err(Error::Invalid { issues }) => {
            assert!(!issues.is_empty(), "Invalid with no issues");
            issues
        }
        Err(other) => panic!("expected Error::Invalid, got {other:?}"),
    }
}

/// Expected location and message of an issue.
pub struct Expect<'a> {
    /// `features`, `sources`, `document`, …
    pub table: &'a str,
    /// Row or feature index.
    pub index: Option<usize>,
    /// Id of the row, if it has one.
    pub id: Option<&'a str>,
    /// Field.
    pub field: Option<&'a str>,
    /// A fragment of the message.
    pub message: &'a str,
}

/// Asserts that one issue has exactly the expected location and a message
/// containing the expected fragment.
#[track_caller]
pub fn assert_issue(issues: &[Issue], e: Expect<'_>) {
    let found = issues.iter().any(|i| {
        i.location.table == e.table
            && i.location.index == e.index
            && i.location.id.as_deref() == e.id
            && i.location.field.as_deref() == e.field
            && i.message.contains(e.message)
    });
    assert!(
        found,
        "no issue at {}[{:?}] id {:?} field {:?} with message containing {:?}; issues:\n{}",
        e.table,
        e.index,
        e.id,
        e.field,
        e.message,
        issues
            .iter()
            .map(|i| format!("  {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Asserts an issue on a feature, located by the feature's id.
#[track_caller]
pub fn assert_feature_issue(v: &Value, id: &str, field: &str, message: &str) {
    let index = feature_index(v, id);
    assert_issue(
        &issues(v),
        Expect {
            table: "features",
            index: Some(index),
            id: Some(id),
            field: Some(field),
            message,
        },
    );
}
