//! Shared fixtures and helpers.

use proptest::test_runner::{Config as ProptestConfig, RngSeed};
use serde_json::Value;
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

/// Expected location and message of an issue: built with [`Expect::at`]
/// or [`Expect::doc`], then `.id(..)` and `.field(..)` where the issue has
/// them (a location without them must not have them either).
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

impl<'a> Expect<'a> {
    /// An issue at `table[index]` (no index: `None`) whose message contains `message`.
    pub fn at(table: &'a str, index: impl Into<Option<usize>>, message: &'a str) -> Self {
        Expect {
            table,
            index: index.into(),
            id: None,
            field: None,
            message,
        }
    }

    /// An issue of the document itself, in a top-level member.
    pub fn doc(field: &'a str, message: &'a str) -> Self {
        Expect::at("document", None, message).field(field)
    }

    /// The row's id.
    pub fn id(mut self, id: &'a str) -> Self {
        self.id = Some(id);
        self
    }

    /// The field.
    pub fn field(mut self, field: &'a str) -> Self {
        self.field = Some(field);
        self
    }
}

/// Asserts that some issue satisfies `found`; on failure lists them all
/// after `expected`, which says what was looked for.
#[track_caller]
pub fn assert_some_issue(issues: &[Issue], expected: &str, found: impl Fn(&Issue) -> bool) {
    assert!(
        issues.iter().any(found),
        "no issue {expected}; issues:\n{}",
        issues
            .iter()
            .map(|i| format!("  {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Asserts that one issue has exactly the expected location and a message
/// containing the expected fragment.
#[track_caller]
pub fn assert_issue(issues: &[Issue], e: Expect<'_>) {
    let expected = format!(
        "at {}[{:?}] id {:?} field {:?} with message containing {:?}",
        e.table, e.index, e.id, e.field, e.message
    );
    assert_some_issue(issues, &expected, |i| {
        i.location.table == e.table
            && i.location.index == e.index
            && i.location.id.as_deref() == e.id
            && i.location.field.as_deref() == e.field
            && i.message.contains(e.message)
    });
}

/// Asserts an issue on a feature, located by the feature's id.
#[track_caller]
pub fn assert_feature_issue(v: &Value, id: &str, field: &str, message: &str) {
    assert_feature_issues(v, &[(id, field, message)]);
}

/// Asserts issues on features of one network: `(feature id, field, message)`.
#[track_caller]
pub fn assert_feature_issues(v: &Value, expected: &[(&str, &str, &str)]) {
    let all = issues(v);
    for &(id, field, message) in expected {
        let index = feature_index(v, id);
        assert_issue(
            &all,
            Expect::at("features", index, message).id(id).field(field),
        );
    }
}

/// Edits a JSON value: `edit` is `"path=JSON"` (a `/`-separated path,
/// `properties/time_h`; the member is set, created if missing) or
/// `"path removed"`.
pub fn edit_value(target: &mut Value, edit: &str) {
    let (path, value) = match edit.strip_suffix(" removed") {
        Some(path) => (path, None),
        None => {
            let (path, json) = edit.split_once('=').expect("`path=JSON` or `path removed`");
            let value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            (path, Some(value))
        }
    };
    let (parent, key) = path.rsplit_once('/').unwrap_or(("", path));
    let parent = if parent.is_empty() {
        String::new()
    } else {
        format!("/{parent}")
    };
    let object = target
        .pointer_mut(&parent)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {parent:?} for {edit}"));
    match value {
        Some(value) => object.insert(key.to_string(), value),
        None => object.remove(key),
    };
}

/// Edits the feature `id` (see [`edit_value`]).
pub fn edit(v: &mut Value, id: &str, edit: &str) {
    edit_value(feature(v, id), edit);
}

/// The fixture with edits `(feature id, edit as for [`edit`])`.
pub fn edited(edits: &[(&str, &str)]) -> Value {
    let mut v = mini_value();
    for &(id, e) in edits {
        edit(&mut v, id, e);
    }
    v
}

/// Runs feature cases `(feature id, edit, field, message)`: each edit, on
/// its own copy of the fixture, must cause the issue on that feature.
#[track_caller]
pub fn assert_feature_cases(cases: &[(&str, &str, &str, &str)]) {
    for &(id, e, field, message) in cases {
        assert_feature_issue(&edited(&[(id, e)]), id, field, message);
    }
}

/// The items whose bit is set in `mask` (bit `i` for `items[i]`), in order.
pub fn bits<T: Copy>(mask: u8, items: &[T]) -> Vec<T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, &t)| t)
        .collect()
}

/// Gzip-compresses bytes in memory.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).expect("in memory");
    e.finish().expect("in memory")
}

/// A proptest configuration with a fixed seed, so a failure reproduces on
/// every machine, and no failure files.
pub fn proptest_config(seed: u64, cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Counts the cases of a property test that reached its main assertions,
/// so the test can check that the strategy does not skip most of them.
#[derive(Default)]
pub struct Exercised {
    total: std::sync::atomic::AtomicU32,
    checked: std::sync::atomic::AtomicU32,
}

impl Exercised {
    /// Counts a case; `checked` says whether it reached the main assertions.
    pub fn case(&self, checked: bool) {
        use std::sync::atomic::Ordering::Relaxed;
        self.total.fetch_add(1, Relaxed);
        if checked {
            self.checked.fetch_add(1, Relaxed);
        }
    }

    /// Asserts that at least `min_percent` % of the cases, and at least one,
    /// reached the main assertions.
    #[track_caller]
    pub fn assert_at_least(&self, min_percent: u32) {
        use std::sync::atomic::Ordering::Relaxed;
        let (total, checked) = (self.total.load(Relaxed), self.checked.load(Relaxed));
        assert!(
            checked > 0 && checked * 100 >= total * min_percent,
            "only {checked} of {total} cases reached the main assertions (want {min_percent} %)"
        );
    }
}
