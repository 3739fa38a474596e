//! What-if scenarios: versioned JSON overlays that close, scale and add parts
//! of a network without editing it. See `docs/SCENARIOS.md`.
//!
//! ```
//! use silkroute_core::{Network, Passage, Scenario};
//!
//! let base = Network::eurasia();
//! let closed = Scenario::builtin("red-sea-closure").expect("built in").apply(&base)?;
//! assert!(base.legs().iter().any(|l| l.passages.contains(&Passage::Suez)));
//! assert!(!closed.legs().iter().any(|l| l.passages.contains(&Passage::Suez)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::country::CountryCode;
use crate::error::{Error, Issue, Location};
use crate::model::*;
use crate::names::{did_you_mean_id, suggest};
use crate::network::{Network, NetworkBuilder};
use crate::units::{Hours, Usd};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// The value of a scenario file's `format` member.
pub const SCENARIO_FORMAT_NAME: &str = "silkroute-scenario";
/// The scenario format version this library reads.
pub const SCENARIO_FORMAT_VERSION: u64 = 1;

/// Largest scenario file accepted, in bytes.
const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;
/// Largest scaling factor accepted: beyond it a figure is no longer a scenario
/// but a typo.
const MAX_FACTOR: f64 = 1000.0;
const MAX_HOURS: f64 = 24.0 * 365.0;
const MAX_USD: f64 = 1_000_000.0;
/// Longest scenario name quoted in full in an error.
const MAX_NAME_CHARS: usize = 80;

/// The scenarios shipped with the crate, by id.
const BUILTINS: [(&str, &str); 7] = [
    (
        "red-sea-closure",
        include_str!("../scenarios/red-sea-closure.json"),
    ),
    (
        "avoid-russia-belarus",
        include_str!("../scenarios/avoid-russia-belarus.json"),
    ),
    (
        "btk-5mt-upgrade",
        include_str!("../scenarios/btk-5mt-upgrade.json"),
    ),
    (
        "rasht-astara-rail",
        include_str!("../scenarios/rasht-astara-rail.json"),
    ),
    (
        "caspian-winter-storms",
        include_str!("../scenarios/caspian-winter-storms.json"),
    ),
    (
        "malaszewicze-queues-2021",
        include_str!("../scenarios/malaszewicze-queues-2021.json"),
    ),
    (
        "china-border-congestion-2023",
        include_str!("../scenarios/china-border-congestion-2023.json"),
    ),
];

/// A what-if scenario: an ordered list of changes to a network (closures,
/// scalings, dwell, new legs and terminals), with the sources that justify
/// them.
///
/// A scenario is read from a `silkroute-scenario` v1 JSON file (see
/// `docs/SCENARIOS.md`) or taken from the built-ins, and
/// [applied](Scenario::apply) to a network to give a new, validated network;
/// the original is left untouched.
///
/// ```
/// use silkroute_core::{Network, Scenario};
///
/// let base = Network::eurasia();
/// let storms = Scenario::builtin("caspian-winter-storms").expect("built in");
/// let net = storms.apply(&base)?;
/// let wait = |n: &Network| n.leg("aktau-alat-ferry").map(|l| l.wait.get());
/// assert_eq!(wait(&base), Some(60.0));
/// assert_eq!(wait(&net), Some(168.0)); // the top of the reported 2-7 day range
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    id: String,
    name: String,
    description: String,
    sources: Vec<Source>,
    changes: Vec<Step>,
}

/// One change and the note that explains it.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    change: Change,
    note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Change {
    Close(Close),
    Scale(Scale),
    AddDwell(AddDwell),
    AddTerminal(Box<Terminal>),
    AddLeg(Box<Leg>),
    AddGauges {
        terminal: String,
        gauges: Vec<Gauge>,
    },
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Close {
    legs: Vec<String>,
    terminals: Vec<String>,
    countries: Vec<CountryCode>,
    passages: Vec<Passage>,
    corridors: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Cost,
    Time,
    Wait,
    Emissions,
}

impl Measure {
    const NAMES: [&'static str; 4] = ["cost", "time", "wait", "emissions"];

    fn parse(s: &str) -> Option<Measure> {
        match s {
            "cost" => Some(Measure::Cost),
            "time" => Some(Measure::Time),
            "wait" => Some(Measure::Wait),
            "emissions" => Some(Measure::Emissions),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The provenance key of the leg field the measure scales.
    fn field(self) -> &'static str {
        match self {
            Measure::Cost => "cost_usd",
            Measure::Time => "time_h",
            Measure::Wait => "wait_h",
            Measure::Emissions => "emission_factor",
        }
    }
}

/// Which legs a scaling applies to: every non-empty list must match (AND);
/// within a list any entry matches (OR).
#[derive(Debug, Clone, PartialEq, Default)]
struct Selector {
    modes: Vec<Mode>,
    tags: Vec<String>,
    countries: Vec<CountryCode>,
    legs: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct Scale {
    what: Measure,
    factor: f64,
    add_h: f64,
    select: Selector,
}

#[derive(Debug, Clone, PartialEq)]
struct AddDwell {
    terminals: Vec<String>,
    countries: Vec<CountryCode>,
    hours: f64,
    cost: PerContainer<f64>,
}

// --- Raw JSON shapes --------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClose {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    legs: Vec<String>,
    #[serde(default)]
    terminals: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    passages: Vec<String>,
    #[serde(default)]
    corridors: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelector {
    #[serde(default)]
    modes: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    legs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    what: String,
    #[serde(default)]
    factor: Option<f64>,
    #[serde(default)]
    add_h: Option<f64>,
    #[serde(rename = "where")]
    select: RawSelector,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDwell {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    terminals: Vec<String>,
    #[serde(default)]
    countries: Vec<String>,
    #[serde(default)]
    hours: f64,
    #[serde(default)]
    cost_usd: Option<PerContainer<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddLeg {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    leg: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddTerminal {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    terminal: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddGauges {
    #[allow(dead_code)]
    op: String,
    #[serde(default)]
    note: Option<String>,
    terminal: String,
    gauges: Vec<u16>,
}

// --- Parsing ------------------------------------------------------------------

/// Deserialises a value, naming the path of the failing field.
fn typed<T: DeserializeOwned>(value: Value) -> Result<T, (Option<String>, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { None } else { Some(path) };
        (path, e.into_inner().to_string())
    })
}

fn change_loc(k: usize) -> Location {
    Location::new("changes", Some(k))
}

fn joined(parent: Option<&str>, child: &str) -> String {
    match parent {
        Some(p) if child.is_empty() || child == "." => p.to_string(),
        Some(p) => format!("{p}.{child}"),
        None => child.to_string(),
    }
}

/// Collects the issues of one parse.
#[derive(Default)]
struct Issues(Vec<Issue>);

impl Issues {
    fn push(&mut self, location: Location, message: impl Into<String>) {
        self.0.push(Issue {
            location,
            message: message.into(),
        });
    }

    /// Checks a number: finite, at least zero (above zero unless
    /// `zero_ok`), at most `max`.
    fn number(&mut self, loc: &Location, field: &str, v: f64, zero_ok: bool, max: f64) -> bool {
        let problem = if v.is_nan() {
            Some("is NaN".to_string())
        } else if v.is_infinite() {
            Some("is infinite".to_string())
        } else if v < 0.0 {
            Some(format!("is negative ({v})"))
        } else if !zero_ok && v == 0.0 {
            Some("must be greater than zero".to_string())
        } else if v > max {
            Some(format!("is {v}, implausibly large (limit {max})"))
        } else {
            None
        };
        match problem {
            Some(p) => {
                self.push(loc.clone().field(field), format!("`{field}` {p}"));
                false
            }
            None => true,
        }
    }
}

fn parse_countries(
    loc: &Location,
    field: &str,
    raw: &[String],
    issues: &mut Issues,
) -> Vec<CountryCode> {
    let mut out = Vec::new();
    for (j, c) in raw.iter().enumerate() {
        match c.parse::<CountryCode>() {
            Ok(c) => out.push(c),
            Err(e) => issues.push(loc.clone().field(format!("{field}[{j}]")), e.to_string()),
        }
    }
    out
}

fn parse_passages(
    loc: &Location,
    field: &str,
    raw: &[String],
    issues: &mut Issues,
) -> Vec<Passage> {
    let mut out = Vec::new();
    for (j, p) in raw.iter().enumerate() {
        match p.parse::<Passage>() {
            Ok(p) => out.push(p),
            Err(e) => issues.push(loc.clone().field(format!("{field}[{j}]")), e.to_string()),
        }
    }
    out
}

/// Splits a GeoJSON Feature into geometry and properties.
fn feature_parts(
    value: Value,
    loc: &Location,
    field: &str,
    issues: &mut Issues,
) -> Option<(Value, Value)> {
    let Value::Object(mut f) = value else {
        issues.push(
            loc.clone().field(field),
            "expected a GeoJSON Feature object",
        );
        return None;
    };
    if f.get("type").and_then(Value::as_str) != Some("Feature") {
        issues.push(
            loc.clone().field(format!("{field}.type")),
            "expected \"type\": \"Feature\"",
        );
        return None;
    }
    let geometry = f.remove("geometry").unwrap_or(Value::Null);
    let Some(props @ Value::Object(_)) = f.remove("properties") else {
        issues.push(
            loc.clone().field(format!("{field}.properties")),
            "missing `properties` object",
        );
        return None;
    };
    Some((geometry, props))
}

/// Reports the problems of a feature read by the network format's own
/// reader, under the change's field (`leg.properties.time_h`).
fn feature_issues(
    loc: &Location,
    what: &str,
    found: Vec<crate::format::FeatureIssue>,
    issues: &mut Issues,
) {
    for (field, msg) in found {
        // A problem without a field (a missing property) is in the properties.
        issues.push(
            loc.clone()
                .field(joined(Some(what), field.as_deref().unwrap_or("properties"))),
            msg,
        );
    }
}

fn parse_terminal_feature(value: Value, loc: &Location, issues: &mut Issues) -> Option<Terminal> {
    let (geometry, props) = feature_parts(value, loc, "terminal", issues)?;
    crate::format::terminal_from(props, &geometry)
        .map_err(|found| feature_issues(loc, "terminal", found, issues))
        .ok()
}

/// A leg may leave its geometry out (null): it is drawn as a straight line.
fn parse_leg_feature(value: Value, loc: &Location, issues: &mut Issues) -> Option<Leg> {
    let (geometry, props) = feature_parts(value, loc, "leg", issues)?;
    crate::format::leg_from(props, &geometry, true)
        .map_err(|found| feature_issues(loc, "leg", found, issues))
        .ok()
}

const OPS: [&str; 6] = [
    "close",
    "scale",
    "add_dwell",
    "add_leg",
    "add_terminal",
    "add_gauges",
];

fn parse_change(k: usize, value: Value, issues: &mut Issues) -> Option<Step> {
    let loc = change_loc(k);
    let op = match value.get("op") {
        Some(Value::String(op)) => op.clone(),
        Some(other) => {
            issues.push(loc.field("op"), format!("expected a string, found {other}"));
            return None;
        }
        None if value.is_object() => {
            issues.push(
                loc.field("op"),
                format!("missing `op`: expected one of {}", OPS.join(", ")),
            );
            return None;
        }
        None => {
            issues.push(loc, "a change is a JSON object with an `op`");
            return None;
        }
    };
    fn raw<T: DeserializeOwned>(value: Value, loc: &Location, issues: &mut Issues) -> Option<T> {
        match typed::<T>(value) {
            Ok(r) => Some(r),
            Err((path, msg)) => {
                let mut l = loc.clone();
                if let Some(p) = path {
                    l = l.field(p);
                }
                issues.push(l, msg);
                None
            }
        }
    }
    let before = issues.0.len();
    let (change, note) = match op.as_str() {
        "close" => {
            let r: RawClose = raw(value, &loc, issues)?;
            let c = Close {
                countries: parse_countries(&loc, "countries", &r.countries, issues),
                passages: parse_passages(&loc, "passages", &r.passages, issues),
                legs: r.legs,
                terminals: r.terminals,
                corridors: r.corridors,
            };
            if c.legs.is_empty()
                && c.terminals.is_empty()
                && c.countries.is_empty()
                && c.passages.is_empty()
                && c.corridors.is_empty()
                && issues.0.len() == before
            {
                issues.push(
                    loc.clone(),
                    "a `close` change names nothing to close: give `legs`, `terminals`, `countries`, `passages` or `corridors`",
                );
            }
            (Change::Close(c), r.note)
        }
        "scale" => {
            let r: RawScale = raw(value, &loc, issues)?;
            let what = Measure::parse(&r.what);
            if what.is_none() {
                issues.push(
                    loc.clone().field("what"),
                    format!(
                        "unknown measure \"{}\": expected one of {}",
                        r.what,
                        Measure::NAMES.join(", ")
                    ),
                );
            }
            if r.factor.is_none() && r.add_h.is_none() {
                issues.push(
                    loc.clone().field("factor"),
                    "missing `factor` (or `add_h` for waits)",
                );
            }
            let factor = r.factor.unwrap_or(1.0);
            // Moving time and emission factors must stay above zero.
            let zero_ok = matches!(what, Some(Measure::Cost | Measure::Wait));
            if r.factor.is_some() {
                issues.number(&loc, "factor", factor, zero_ok, MAX_FACTOR);
            }
            let add_h = r.add_h.unwrap_or(0.0);
            if r.add_h.is_some() {
                if what.is_some() && what != Some(Measure::Wait) {
                    issues.push(
                        loc.clone().field("add_h"),
                        "`add_h` only applies to `\"what\": \"wait\"`",
                    );
                } else {
                    issues.number(&loc, "add_h", add_h, true, MAX_HOURS);
                }
            }
            let s = &r.select;
            let mut modes = Vec::new();
            for (j, m) in s.modes.iter().enumerate() {
                match m.parse::<Mode>() {
                    Ok(m) => modes.push(m),
                    Err(e) => issues.push(
                        loc.clone().field(format!("where.modes[{j}]")),
                        e.to_string(),
                    ),
                }
            }
            let select = Selector {
                modes,
                countries: parse_countries(&loc, "where.countries", &s.countries, issues),
                tags: s.tags.clone(),
                legs: s.legs.clone(),
            };
            if s.modes.is_empty()
                && s.tags.is_empty()
                && s.countries.is_empty()
                && s.legs.is_empty()
            {
                issues.push(
                    loc.clone().field("where"),
                    "`where` selects every leg: give at least one of `modes`, `tags`, `countries`, `legs`",
                );
            }
            let what = what.unwrap_or(Measure::Cost);
            (
                Change::Scale(Scale {
                    what,
                    factor,
                    add_h,
                    select,
                }),
                r.note,
            )
        }
        "add_dwell" => {
            let r: RawDwell = raw(value, &loc, issues)?;
            let countries = parse_countries(&loc, "countries", &r.countries, issues);
            if r.terminals.is_empty() && r.countries.is_empty() {
                issues.push(
                    loc.clone(),
                    "an `add_dwell` change needs `terminals` or `countries`",
                );
            }
            issues.number(&loc, "hours", r.hours, true, MAX_HOURS);
            let cost = r.cost_usd.unwrap_or_default();
            issues.number(&loc, "cost_usd.20", cost.twenty, true, MAX_USD);
            issues.number(&loc, "cost_usd.40", cost.forty, true, MAX_USD);
            (
                Change::AddDwell(AddDwell {
                    terminals: r.terminals,
                    countries,
                    hours: r.hours,
                    cost,
                }),
                r.note,
            )
        }
        "add_leg" => {
            let r: RawAddLeg = raw(value, &loc, issues)?;
            let leg = parse_leg_feature(r.leg, &loc, issues)?;
            (Change::AddLeg(Box::new(leg)), r.note)
        }
        "add_terminal" => {
            let r: RawAddTerminal = raw(value, &loc, issues)?;
            let t = parse_terminal_feature(r.terminal, &loc, issues)?;
            (Change::AddTerminal(Box::new(t)), r.note)
        }
        "add_gauges" => {
            let r: RawAddGauges = raw(value, &loc, issues)?;
            let mut gauges = Vec::new();
            for (j, g) in r.gauges.iter().enumerate() {
                let g = Gauge(*g);
                if g.is_plausible() {
                    gauges.push(g);
                } else {
                    issues.push(
                        loc.clone().field(format!("gauges[{j}]")),
                        format!("implausible gauge {} mm", g.0),
                    );
                }
            }
            if r.gauges.is_empty() {
                issues.push(loc.clone().field("gauges"), "no gauge to add");
            }
            (
                Change::AddGauges {
                    terminal: r.terminal,
                    gauges,
                },
                r.note,
            )
        }
        other => {
            issues.push(
                loc.field("op"),
                format!(
                    "unknown operation \"{other}\": expected one of {}",
                    OPS.join(", ")
                ),
            );
            return None;
        }
    };
    (issues.0.len() == before).then_some(Step { change, note })
}

fn invalid(issues: Vec<Issue>) -> Error {
    Error::InvalidScenario { issues }
}

fn document_issue(field: Option<&str>, message: impl Into<String>) -> Error {
    let mut loc = Location::new("document", None);
    if let Some(f) = field {
        loc = loc.field(f);
    }
    invalid(vec![Issue {
        location: loc,
        message: message.into(),
    }])
}

impl Scenario {
    /// Reads a scenario from a JSON string.
    ///
    /// # Errors
    /// [`Error::InvalidScenario`] listing every problem found, each with its
    /// location (`changes[3]`, field `factor`).
    pub fn from_json_str(s: &str) -> Result<Scenario, Error> {
        Self::from_slice(s.as_bytes())
    }

    /// Reads a scenario from JSON bytes.
    ///
    /// # Errors
    /// As [`from_json_str`](Self::from_json_str); [`Error::TooLarge`] over 16 MiB.
    pub fn from_slice(bytes: &[u8]) -> Result<Scenario, Error> {
        if bytes.len() as u64 > MAX_SCENARIO_BYTES {
            return Err(Error::TooLarge {
                what: "the scenario file (bytes)",
                found: bytes.len() as u64,
                limit: MAX_SCENARIO_BYTES,
                how: "splitting the scenario",
            });
        }
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            let message = e.to_string();
            let position = format!(" at line {} column {}", e.line(), e.column());
            let message = message
                .strip_suffix(&position)
                .unwrap_or(&message)
                .to_string();
            document_issue(
                None,
                format!(
                    "not valid JSON: {message} (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        Self::from_value(value)
    }

    /// Reads a scenario file.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read; otherwise as
    /// [`from_json_str`](Self::from_json_str).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Scenario, Error> {
        let path = path.as_ref();
        let io = |source| Error::Io {
            path: Some(path.to_path_buf()),
            source,
        };
        // Read at most one byte over the limit, so a huge file is refused by
        // `from_slice` without being read whole.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(
                std::fs::File::open(path).map_err(io)?,
                MAX_SCENARIO_BYTES + 1,
            ),
            &mut bytes,
        )
        .map_err(io)?;
        Self::from_slice(&bytes)
    }

    fn from_value(value: Value) -> Result<Scenario, Error> {
        let Value::Object(mut top) = value else {
            return Err(document_issue(None, "a scenario is a JSON object"));
        };
        match (top.remove("format"), top.remove("format_version")) {
            (Some(Value::String(f)), Some(v))
                if f == SCENARIO_FORMAT_NAME && v.as_u64() == Some(SCENARIO_FORMAT_VERSION) => {}
            (Some(Value::String(f)), v) if f == SCENARIO_FORMAT_NAME => {
                return Err(document_issue(
                    Some("format_version"),
                    format!(
                        "unsupported scenario format version {}: this library reads version {SCENARIO_FORMAT_VERSION}",
                        v.map(|v| v.to_string())
                            .unwrap_or_else(|| "(missing)".into())
                    ),
                ));
            }
            (f, _) => {
                return Err(document_issue(
                    Some("format"),
                    format!(
                        "expected \"format\": \"{SCENARIO_FORMAT_NAME}\" with \"format_version\": {SCENARIO_FORMAT_VERSION}, found {}",
                        f.map(|f| f.to_string())
                            .unwrap_or_else(|| "no `format`".into())
                    ),
                ));
            }
        }
        let mut issues = Issues::default();
        let doc = |field: &str| Location::new("document", None).field(field);
        let string = |top: &mut Map<String, Value>, field: &str, issues: &mut Issues| -> String {
            match top.remove(field) {
                Some(Value::String(s)) if !s.trim().is_empty() => s,
                Some(Value::String(_)) => {
                    issues.push(doc(field), format!("`{field}` is empty"));
                    String::new()
                }
                Some(other) => {
                    issues.push(doc(field), format!("expected a string, found {other}"));
                    String::new()
                }
                None => {
                    issues.push(doc(field), format!("missing `{field}`"));
                    String::new()
                }
            }
        };
        let id = string(&mut top, "id", &mut issues);
        if !id.is_empty() && !is_valid_id(&id) {
            issues.push(
                doc("id"),
                format!("invalid id \"{id}\": use lowercase ASCII letters, digits and '-'"),
            );
        }
        let name = string(&mut top, "name", &mut issues);
        let description = string(&mut top, "description", &mut issues);
        let mut sources = Vec::new();
        match top.remove("sources") {
            Some(Value::Array(items)) => {
                let mut seen = HashSet::new();
                for (i, v) in items.into_iter().enumerate() {
                    let loc = Location::new("sources", Some(i));
                    match typed::<Source>(v) {
                        Ok(s) => {
                            let loc = loc.id(s.id.as_str());
                            if !is_valid_id(s.id.as_str()) {
                                issues.push(
                                    loc.clone().field("id"),
                                    "ids use lowercase ASCII letters, digits and '-'",
                                );
                            }
                            if !seen.insert(s.id.clone()) {
                                issues.push(
                                    loc.clone().field("id"),
                                    format!("duplicate source id \"{}\"", s.id),
                                );
                            }
                            if s.title.trim().is_empty() {
                                issues.push(loc.clone().field("title"), "empty title");
                            }
                            if !(1800..=2100).contains(&s.year) {
                                issues.push(
                                    loc.field("year"),
                                    format!("implausible year {}", s.year),
                                );
                            }
                            sources.push(s);
                        }
                        Err((path, msg)) => {
                            let loc = match path {
                                Some(p) => loc.field(p),
                                None => loc,
                            };
                            issues.push(loc, msg);
                        }
                    }
                }
            }
            Some(other) => issues.push(doc("sources"), format!("expected an array, found {other}")),
            None => issues.push(
                doc("sources"),
                "missing `sources` (an empty array if the scenario cites none)",
            ),
        }
        let mut changes = Vec::new();
        match top.remove("changes") {
            Some(Value::Array(items)) => {
                if items.is_empty() {
                    issues.push(doc("changes"), "a scenario needs at least one change");
                }
                for (k, v) in items.into_iter().enumerate() {
                    if let Some(step) = parse_change(k, v, &mut issues) {
                        changes.push(step);
                    }
                }
            }
            Some(other) => issues.push(doc("changes"), format!("expected an array, found {other}")),
            None => issues.push(doc("changes"), "missing `changes`"),
        }
        for key in top.keys() {
            issues.push(doc(key), format!("unknown top-level member \"{key}\""));
        }
        if !issues.0.is_empty() {
            return Err(invalid(issues.0));
        }
        Ok(Scenario {
            id,
            name,
            description,
            sources,
            changes,
        })
    }

    /// A built-in scenario by id, or `None`.
    ///
    /// ```
    /// let s = silkroute_core::Scenario::builtin("avoid-russia-belarus").expect("built in");
    /// assert_eq!(s.id(), "avoid-russia-belarus");
    /// assert!(!s.sources().is_empty());
    /// ```
    pub fn builtin(id: &str) -> Option<Scenario> {
        BUILTINS
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, text)| parse_builtin(text))
    }

    /// Every built-in scenario, in a fixed order.
    pub fn builtins() -> Vec<Scenario> {
        BUILTINS
            .iter()
            .map(|(_, text)| parse_builtin(text))
            .collect()
    }

    /// The ids of the built-in scenarios.
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTINS.iter().map(|(k, _)| *k)
    }

    /// Resolves a scenario as a command line or a request names it: a
    /// built-in id, inline JSON (text starting with `{`), or the path of a
    /// scenario file.
    ///
    /// # Errors
    /// [`Error::UnknownScenario`] with the closest built-in ids when the
    /// name is neither a built-in nor an existing file (a name over 80
    /// characters is quoted shortened, without suggestions); the errors of
    /// [`from_path`](Self::from_path) and [`from_json_str`](Self::from_json_str).
    pub fn resolve(name: &str) -> Result<Scenario, Error> {
        let path = Path::new(name);
        if Self::builtin(name).is_none() && !name.trim_start().starts_with('{') && path.is_file() {
            return Self::from_path(path);
        }
        Self::resolve_inline(name)
    }

    /// Like [`resolve`](Self::resolve) but never touches the file system: a
    /// built-in id or inline JSON only. This is what the API engine uses, so
    /// that a request from an untrusted caller cannot make it read files.
    ///
    /// # Errors
    /// [`Error::UnknownScenario`], or the errors of
    /// [`from_json_str`](Self::from_json_str).
    pub fn resolve_inline(name: &str) -> Result<Scenario, Error> {
        if let Some(s) = Self::builtin(name) {
            return Ok(s);
        }
        if name.trim_start().starts_with('{') {
            return Self::from_json_str(name);
        }
        // A name longer than any id is not a typo: no suggestions, and only
        // its start in the error, so a stray megabyte is not echoed back.
        let long = name.chars().count() > MAX_NAME_CHARS;
        Err(Error::UnknownScenario {
            query: if long {
                format!("{}…", name.chars().take(MAX_NAME_CHARS).collect::<String>())
            } else {
                name.to_string()
            },
            suggestions: if long {
                Vec::new()
            } else {
                suggest(name, Self::builtin_ids())
            },
        })
    }

    /// The scenario's stable id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its display name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What it assumes and why.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The publications its changes rest on.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// One line per change, in order, saying what it does.
    pub fn summaries(&self) -> Vec<String> {
        self.changes
            .iter()
            .map(|s| match &s.note {
                Some(n) => format!("{}: {n}", s.change),
                None => s.change.to_string(),
            })
            .collect()
    }

    /// Applies the changes, in order, to a network and returns the new,
    /// validated network; `net` is not modified.
    ///
    /// Closing removes: legs closed by id, passage or corridor tag, and
    /// terminals closed by id or country together with every leg touching
    /// them. Corridor definitions whose required tags no longer exist on any
    /// leg are dropped (no route could satisfy them). Scaled figures keep
    /// their provenance entry with a note naming the scenario; scaled
    /// emissions use a derived emission factor (`rail-diesel-x0.5`). The
    /// scenario's sources are added to the network's, except ids the network
    /// already has (its record stands).
    ///
    /// # Errors
    /// [`Error::InvalidScenario`] with every problem found, each located at
    /// the change that causes it: unknown leg, terminal or tag names (with
    /// suggestions), a selection that matches nothing, and anything that
    /// makes the resulting network invalid (a new leg faster than its mode
    /// allows, an unknown source, a gauge missing at an end, …).
    ///
    /// # Complexity
    /// O(changes × (legs + terminals)) plus one network build.
    pub fn apply(&self, net: &Network) -> Result<Network, Error> {
        let mut w = Work::new(self, net);
        for (k, step) in self.changes.iter().enumerate() {
            w.apply(k, &step.change);
        }
        // A change with problems was skipped; the network built from the
        // others is still validated, so that every problem is reported.
        let mut issues = std::mem::take(&mut w.issues.0);
        match w.build(net) {
            Ok(n) if issues.is_empty() => Ok(n),
            Ok(_) => Err(invalid(issues)),
            Err(Error::InvalidScenario { issues: more }) => {
                issues.extend(more);
                Err(invalid(issues))
            }
            Err(other) => Err(other),
        }
    }
}

fn parse_builtin(text: &str) -> Scenario {
    match Scenario::from_json_str(text) {
        Ok(s) => s,
        // invariant: every built-in is parsed and applied by the test suite
        Err(e) => panic!("a built-in scenario is invalid: {e}"),
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(items: &[T]) -> String {
            items
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
        match self {
            Change::Close(c) => {
                let mut parts = Vec::new();
                for (what, items) in [
                    ("legs", list(&c.legs)),
                    ("terminals", list(&c.terminals)),
                    ("countries", list(&c.countries)),
                    ("passages", list(&c.passages)),
                    ("corridor tags", list(&c.corridors)),
                ] {
                    if !items.is_empty() {
                        parts.push(format!("{what} {items}"));
                    }
                }
                write!(f, "close {}", parts.join("; "))
            }
            Change::Scale(s) => {
                write!(f, "scale {} ×{}", s.what.as_str(), s.factor)?;
                if s.add_h != 0.0 {
                    write!(f, " + {} h", s.add_h)?;
                }
                let sel = &s.select;
                let mut parts = Vec::new();
                if !sel.modes.is_empty() {
                    parts.push(format!("mode {}", list(&sel.modes)));
                }
                if !sel.tags.is_empty() {
                    parts.push(format!("tag {}", list(&sel.tags)));
                }
                if !sel.countries.is_empty() {
                    parts.push(format!("touching {}", list(&sel.countries)));
                }
                if !sel.legs.is_empty() {
                    parts.push(format!("leg {}", list(&sel.legs)));
                }
                write!(f, " on legs with {}", parts.join(" and "))
            }
            Change::AddDwell(d) => {
                write!(
                    f,
                    "add {} h and {}/{} USD (20ft/40ft) of dwell at",
                    d.hours, d.cost.twenty, d.cost.forty
                )?;
                if !d.terminals.is_empty() {
                    write!(f, " terminals {}", list(&d.terminals))?;
                }
                if !d.countries.is_empty() {
                    write!(f, " terminals with handling in {}", list(&d.countries))?;
                }
                Ok(())
            }
            Change::AddTerminal(t) => {
                write!(f, "add terminal {} ({}, {})", t.id, t.name, t.country)
            }
            Change::AddLeg(l) => write!(
                f,
                "add {} leg {} ({} – {}, {} km)",
                l.mode,
                l.id,
                l.from,
                l.to,
                l.distance.get()
            ),
            Change::AddGauges { terminal, gauges } => {
                write!(f, "add gauge {} at terminal {terminal}", list(gauges))
            }
        }
    }
}

// --- Application ----------------------------------------------------------------

/// Where an item of the network being built came from, to locate the
/// problems the final validation finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Base,
    Added(usize),
    Changed(usize),
}

impl Origin {
    fn touch(&mut self, k: usize) {
        if !matches!(self, Origin::Added(_)) {
            *self = Origin::Changed(k);
        }
    }
}

struct Work<'a> {
    scenario: &'a Scenario,
    sources: Vec<Source>,
    efs: Vec<(EmissionFactor, Origin)>,
    terminals: Vec<(Terminal, Origin)>,
    legs: Vec<(Leg, Origin)>,
    /// The last change to each field: (`leg:ID` or `terminal:ID`, field
    /// prefix) → change number, to blame the right change for a problem.
    touched: HashMap<(String, &'static str), usize>,
    issues: Issues,
}

impl<'a> Work<'a> {
    fn new(scenario: &'a Scenario, net: &Network) -> Self {
        let mut sources = net.sources().to_vec();
        for s in &scenario.sources {
            if !sources.iter().any(|x| x.id == s.id) {
                sources.push(s.clone());
            }
        }
        Work {
            scenario,
            sources,
            efs: net
                .emission_factors()
                .iter()
                .map(|e| (e.clone(), Origin::Base))
                .collect(),
            terminals: net
                .terminals()
                .iter()
                .map(|t| (t.clone(), Origin::Base))
                .collect(),
            legs: net
                .legs()
                .iter()
                .map(|l| (l.clone(), Origin::Base))
                .collect(),
            touched: HashMap::new(),
            issues: Issues::default(),
        }
    }

    fn note(&self, k: usize) -> String {
        format!("scenario {}, change {k}", self.scenario.id)
    }

    fn has_leg(&self, id: &str) -> bool {
        self.legs.iter().any(|(l, _)| l.id.as_str() == id)
    }

    fn has_terminal(&self, id: &str) -> bool {
        self.terminals.iter().any(|(t, _)| t.id.as_str() == id)
    }

    fn has_tag(&self, tag: &str) -> bool {
        self.legs.iter().any(|(l, _)| l.has_tag(tag))
    }

    fn unknown_leg(&mut self, loc: Location, id: &str) {
        let s = suggest(id, self.legs.iter().map(|(l, _)| l.id.as_str()));
        self.issues
            .push(loc, format!("unknown leg \"{id}\"{}", did_you_mean_id(&s)));
    }

    fn unknown_terminal(&mut self, loc: Location, id: &str) {
        let mut names: Vec<&str> = self.terminals.iter().map(|(t, _)| t.id.as_str()).collect();
        let by_name = self.terminals.iter().find(|(t, _)| {
            t.names()
                .any(|n| crate::names::normalize_name(n) == crate::names::normalize_name(id))
        });
        let msg = match by_name {
            Some((t, _)) => format!(
                "unknown terminal id \"{id}\": did you mean \"{}\" ({})?",
                t.id, t.name
            ),
            None => {
                names.sort_unstable();
                format!(
                    "unknown terminal id \"{id}\"{}",
                    did_you_mean_id(&suggest(id, names))
                )
            }
        };
        self.issues.push(loc, msg);
    }

    fn unknown_tag(&mut self, loc: Location, tag: &str) {
        let mut tags: Vec<&str> = self
            .legs
            .iter()
            .flat_map(|(l, _)| l.corridors.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        let s = suggest(tag, tags);
        self.issues.push(
            loc,
            format!(
                "no leg carries the corridor tag \"{tag}\"{}",
                did_you_mean_id(&s)
            ),
        );
    }

    fn country_without_terminal(&mut self, loc: Location, c: CountryCode) {
        self.issues
            .push(loc, format!("no terminal of the network is in {c}"));
    }

    fn apply(&mut self, k: usize, change: &Change) {
        match change {
            Change::Close(c) => self.close(k, c),
            Change::Scale(s) => self.scale(k, s),
            Change::AddDwell(d) => self.add_dwell(k, d),
            Change::AddTerminal(t) => {
                if self.has_terminal(t.id.as_str()) {
                    self.issues.push(
                        change_loc(k)
                            .id(t.id.as_str())
                            .field("terminal.properties.id"),
                        format!("terminal id \"{}\" already exists in the network", t.id),
                    );
                } else {
                    self.terminals.push(((**t).clone(), Origin::Added(k)));
                }
            }
            Change::AddLeg(l) => {
                if self.has_leg(l.id.as_str()) {
                    self.issues.push(
                        change_loc(k).id(l.id.as_str()).field("leg.properties.id"),
                        format!("leg id \"{}\" already exists in the network", l.id),
                    );
                } else {
                    self.legs.push(((**l).clone(), Origin::Added(k)));
                }
            }
            Change::AddGauges { terminal, gauges } => {
                match self
                    .terminals
                    .iter_mut()
                    .find(|(t, _)| t.id.as_str() == terminal)
                {
                    Some((t, origin)) => {
                        for g in gauges {
                            if !t.gauges.contains(g) {
                                t.gauges.push(*g);
                            }
                        }
                        origin.touch(k);
                        self.touched
                            .insert((format!("terminal:{}", t.id), "gauges"), k);
                    }
                    None => self.unknown_terminal(change_loc(k).field("terminal"), terminal),
                }
            }
        }
    }

    fn close(&mut self, k: usize, c: &Close) {
        let before = self.issues.0.len();
        let loc = change_loc(k);
        for (j, id) in c.legs.iter().enumerate() {
            if !self.has_leg(id) {
                self.unknown_leg(loc.clone().field(format!("legs[{j}]")), id);
            }
        }
        for (j, id) in c.terminals.iter().enumerate() {
            if !self.has_terminal(id) {
                self.unknown_terminal(loc.clone().field(format!("terminals[{j}]")), id);
            }
        }
        for (j, &cc) in c.countries.iter().enumerate() {
            if !self.terminals.iter().any(|(t, _)| t.country == cc) {
                self.country_without_terminal(loc.clone().field(format!("countries[{j}]")), cc);
            }
        }
        for (j, p) in c.passages.iter().enumerate() {
            if !self.legs.iter().any(|(l, _)| l.passages.contains(p)) {
                self.issues.push(
                    loc.clone().field(format!("passages[{j}]")),
                    format!("no leg passes {p}"),
                );
            }
        }
        for (j, tag) in c.corridors.iter().enumerate() {
            if !self.has_tag(tag) {
                self.unknown_tag(loc.clone().field(format!("corridors[{j}]")), tag);
            }
        }
        if self.issues.0.len() > before {
            return;
        }
        let closed: HashSet<String> = self
            .terminals
            .iter()
            .filter(|(t, _)| {
                c.terminals.iter().any(|id| id == t.id.as_str()) || c.countries.contains(&t.country)
            })
            .map(|(t, _)| t.id.to_string())
            .collect();
        self.terminals
            .retain(|(t, _)| !closed.contains(t.id.as_str()));
        self.legs.retain(|(l, _)| {
            !(c.legs.iter().any(|id| id == l.id.as_str())
                || l.passages.iter().any(|p| c.passages.contains(p))
                || l.corridors.iter().any(|t| c.corridors.contains(t))
                || closed.contains(l.from.as_str())
                || closed.contains(l.to.as_str()))
        });
    }

    /// The positions of the legs a selector matches; `None` (with issues)
    /// when it names something unknown or matches nothing.
    fn select(&mut self, k: usize, sel: &Selector) -> Option<Vec<usize>> {
        let before = self.issues.0.len();
        let loc = change_loc(k);
        for (j, id) in sel.legs.iter().enumerate() {
            if !self.has_leg(id) {
                self.unknown_leg(loc.clone().field(format!("where.legs[{j}]")), id);
            }
        }
        for (j, tag) in sel.tags.iter().enumerate() {
            if !self.has_tag(tag) {
                self.unknown_tag(loc.clone().field(format!("where.tags[{j}]")), tag);
            }
        }
        for (j, &cc) in sel.countries.iter().enumerate() {
            if !self.terminals.iter().any(|(t, _)| t.country == cc) {
                self.country_without_terminal(
                    loc.clone().field(format!("where.countries[{j}]")),
                    cc,
                );
            }
        }
        if self.issues.0.len() > before {
            return None;
        }
        let country: HashMap<&str, CountryCode> = self
            .terminals
            .iter()
            .map(|(t, _)| (t.id.as_str(), t.country))
            .collect();
        let touches = |l: &Leg| {
            [&l.from, &l.to].iter().any(|id| {
                country
                    .get(id.as_str())
                    .is_some_and(|c| sel.countries.contains(c))
            })
        };
        let matched: Vec<usize> = self
            .legs
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| {
                (sel.modes.is_empty() || sel.modes.contains(&l.mode))
                    && (sel.tags.is_empty() || l.corridors.iter().any(|t| sel.tags.contains(t)))
                    && (sel.countries.is_empty() || touches(l))
                    && (sel.legs.is_empty() || sel.legs.iter().any(|id| id == l.id.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        if matched.is_empty() {
            self.issues.push(
                loc.field("where"),
                "selects no leg of the network (every list given must match)",
            );
            return None;
        }
        Some(matched)
    }

    fn scale(&mut self, k: usize, s: &Scale) {
        let Some(selected) = self.select(k, &s.select) else {
            return;
        };
        let who = self.note(k);
        let text = |old: String| {
            let add = if s.add_h != 0.0 {
                format!(" + {} h", s.add_h)
            } else {
                String::new()
            };
            format!("{who}: {} ×{}{add} (was {old})", s.what.as_str(), s.factor)
        };
        for i in selected {
            let (leg, origin) = &mut self.legs[i];
            origin.touch(k);
            let note = match s.what {
                Measure::Cost => {
                    let old = format!("{}/{} USD", leg.cost.twenty.get(), leg.cost.forty.get());
                    leg.cost =
                        PerContainer::new(leg.cost.twenty * s.factor, leg.cost.forty * s.factor);
                    text(old)
                }
                Measure::Time => {
                    let old = format!("{} h", leg.time.get());
                    leg.time = leg.time * s.factor;
                    text(old)
                }
                Measure::Wait => {
                    let old = format!("{} h", leg.wait.get());
                    leg.wait = leg.wait * s.factor + Hours(s.add_h);
                    text(old)
                }
                Measure::Emissions => {
                    let old = leg.emission_factor.to_string();
                    let derived = EmissionFactorId::new(format!("{old}-x{}", s.factor));
                    leg.emission_factor = derived.clone();
                    if !self.efs.iter().any(|(e, _)| e.id == derived) {
                        if let Some((base, _)) = self.efs.iter().find(|(e, _)| e.id.as_str() == old)
                        {
                            let mut e = base.clone();
                            e.id = derived;
                            e.value = base.value * s.factor;
                            e.note = Some(format!(
                                "{}{who}: factor \"{old}\" ×{}",
                                e.note
                                    .as_deref()
                                    .map(|n| format!("{n}; "))
                                    .unwrap_or_default(),
                                s.factor
                            ));
                            self.efs.push((e, Origin::Added(k)));
                        }
                    }
                    text(format!("emission factor \"{old}\""))
                }
            };
            let (leg, _) = &mut self.legs[i];
            note_provenance(&mut leg.provenance, s.what.field(), note);
            self.touched
                .insert((format!("leg:{}", leg.id), s.what.field()), k);
        }
    }

    fn add_dwell(&mut self, k: usize, d: &AddDwell) {
        let before = self.issues.0.len();
        let loc = change_loc(k);
        for (j, id) in d.terminals.iter().enumerate() {
            match self.terminals.iter().find(|(t, _)| t.id.as_str() == id) {
                None => self.unknown_terminal(loc.clone().field(format!("terminals[{j}]")), id),
                Some((t, _)) if t.handling.is_none() => self.issues.push(
                    loc.clone().field(format!("terminals[{j}]")),
                    format!(
                        "terminal \"{id}\" has no `handling`: containers cannot change mode there, so a dwell would never apply"
                    ),
                ),
                Some(_) => {}
            }
        }
        for (j, &cc) in d.countries.iter().enumerate() {
            if !self
                .terminals
                .iter()
                .any(|(t, _)| t.country == cc && t.handling.is_some())
            {
                self.issues.push(
                    loc.clone().field(format!("countries[{j}]")),
                    format!("no terminal with `handling` in {cc}"),
                );
            }
        }
        if self.issues.0.len() > before {
            return;
        }
        let who = self.note(k);
        for (t, origin) in &mut self.terminals {
            let chosen = d.terminals.iter().any(|id| id == t.id.as_str())
                || d.countries.contains(&t.country);
            let Some(h) = t.handling.as_mut().filter(|_| chosen) else {
                continue;
            };
            let old = *h;
            h.time_h += Hours(d.hours);
            h.cost_usd = PerContainer::new(
                h.cost_usd.twenty + Usd(d.cost.twenty),
                h.cost_usd.forty + Usd(d.cost.forty),
            );
            origin.touch(k);
            self.touched
                .insert((format!("terminal:{}", t.id), "handling"), k);
            if d.hours != 0.0 {
                note_provenance(
                    &mut t.provenance,
                    "handling.time_h",
                    format!("{who}: + {} h dwell (was {} h)", d.hours, old.time_h.get()),
                );
            }
            if d.cost.twenty != 0.0 || d.cost.forty != 0.0 {
                note_provenance(
                    &mut t.provenance,
                    "handling.cost_usd",
                    format!(
                        "{who}: + {}/{} USD dwell (was {}/{} USD)",
                        d.cost.twenty,
                        d.cost.forty,
                        old.cost_usd.twenty.get(),
                        old.cost_usd.forty.get()
                    ),
                );
            }
        }
    }

    /// Builds the network, locating its validation problems at the changes
    /// that caused them.
    fn build(self, net: &Network) -> Result<Network, Error> {
        let meta = net.meta();
        let mut b = NetworkBuilder::new().assumptions(meta.assumptions);
        let id = &self.scenario.id;
        b = b.name(match &meta.name {
            Some(n) => format!("{n} + {id}"),
            None => id.clone(),
        });
        if let Some(v) = &meta.dataset_version {
            b = b.dataset_version(v.clone());
        }
        for s in &self.sources {
            b = b.source(s.clone());
        }
        for (e, _) in &self.efs {
            b = b.emission_factor(e.clone());
        }
        // Corridor rules keep only tags that still exist; a rule left with
        // none could never be satisfied and is dropped.
        let tags: HashSet<&str> = self
            .legs
            .iter()
            .flat_map(|(l, _)| l.corridors.iter().map(String::as_str))
            .collect();
        for c in net.corridors() {
            let mut c = c.clone();
            if !c.rule.require_tags.is_empty() {
                c.rule.require_tags.retain(|t| tags.contains(t.as_str()));
                if c.rule.require_tags.is_empty() {
                    continue;
                }
            }
            b = b.corridor(c);
        }
        for (t, _) in &self.terminals {
            b = b.terminal(t.clone());
        }
        for (l, _) in &self.legs {
            b = b.leg(l.clone());
        }
        match b.build() {
            Ok(n) => Ok(n),
            Err(Error::Invalid { issues }) => Err(invalid(
                issues.into_iter().map(|i| self.locate(i)).collect(),
            )),
            Err(other) => Err(other),
        }
    }

    /// Moves an issue of the built network to the change that caused it.
    fn locate(&self, issue: Issue) -> Issue {
        let loc = &issue.location;
        let (origin, kind) = match (loc.table, loc.index) {
            ("legs", Some(i)) => (self.legs.get(i).map(|x| x.1), "leg"),
            ("terminals", Some(i)) => (self.terminals.get(i).map(|x| x.1), "terminal"),
            ("emission_factors", Some(i)) => (self.efs.get(i).map(|x| x.1), "emission factor"),
            _ => (None, ""),
        };
        let id = loc.id.clone().unwrap_or_default();
        match origin {
            Some(Origin::Added(k)) => {
                let mut l = change_loc(k).id(id);
                if let Some(f) = &loc.field {
                    l = l.field(match (kind, f.as_str()) {
                        ("leg", "geometry") => "leg.geometry".to_string(),
                        ("terminal", "coordinates") => "terminal.geometry".to_string(),
                        ("leg" | "terminal", f) => format!("{kind}.properties.{f}"),
                        (_, f) => f.to_string(),
                    });
                }
                Issue {
                    location: l,
                    message: issue.message,
                }
            }
            Some(Origin::Changed(last)) => {
                let kind_key = if kind == "leg" { "leg" } else { "terminal" };
                let k = loc
                    .field
                    .as_deref()
                    .and_then(|f| {
                        self.touched
                            .iter()
                            .filter(|((item, prefix), _)| {
                                *item == format!("{kind_key}:{id}") && f.starts_with(prefix)
                            })
                            .map(|(_, &k)| k)
                            .max()
                    })
                    .unwrap_or(last);
                let mut l = change_loc(k).id(id.clone());
                if let Some(f) = &loc.field {
                    l = l.field(f.clone());
                }
                Issue {
                    location: l,
                    message: format!("{} \"{id}\" after this change: {}", kind, issue.message),
                }
            }
            _ => issue,
        }
    }
}

/// Records a scenario change in a field's provenance: the method becomes
/// `estimate` (the value is now an assumption), the source stays, and the
/// note says what was done.
fn note_provenance(p: &mut ProvenanceMap, field: &str, text: String) {
    match p.get_mut(field) {
        Some(entry) => {
            entry.note = Some(match entry.note.take() {
                Some(n) => format!("{text}; before: {n}"),
                None => text,
            });
            entry.method = Method::Estimate;
        }
        None => {
            let mut entry = Provenance::new(Method::Estimate, None);
            entry.note = Some(text);
            p.insert(field.to_string(), entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_notes_accumulate() {
        let mut p = ProvenanceMap::new();
        note_provenance(&mut p, "wait_h", "first".into());
        note_provenance(&mut p, "wait_h", "second".into());
        assert_eq!(p["wait_h"].note.as_deref(), Some("second; before: first"));
        assert_eq!(p["wait_h"].method, Method::Estimate);
    }

    #[test]
    fn every_builtin_parses_and_has_sources() {
        for s in Scenario::builtins() {
            assert!(!s.sources().is_empty(), "{} has no sources", s.id());
            assert!(Scenario::builtin(s.id()).is_some());
        }
        assert_eq!(Scenario::builtins().len(), BUILTINS.len());
        for (k, text) in BUILTINS {
            assert_eq!(
                Scenario::from_json_str(text).map(|s| s.id).ok().as_deref(),
                Some(k)
            );
        }
    }
}
