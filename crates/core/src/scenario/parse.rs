//! Reading a `silkroute-scenario` v1 document: the JSON shapes (serde), and
//! their validation into the typed [`model`](super::model), with every
//! problem located (`changes[3]`, field `factor`).

use super::model::{AddDwell, Change, Close, Measure, Scale, Selector, SetGrid, Step};
use super::{SCENARIO_FORMAT_NAME, SCENARIO_FORMAT_VERSION, Scenario};
use crate::country::CountryCode;
use crate::error::{Error, Issue, Location};
use crate::model::*;
use crate::network::{Issues, MAX_GRID_G, MAX_HOURS, MAX_USD};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::collections::HashSet;

/// Largest scenario file accepted, in bytes.
pub(super) const MAX_SCENARIO_BYTES: u64 = 16 * 1024 * 1024;
/// Largest scaling factor accepted: beyond it a figure is no longer a scenario
/// but a typo.
const MAX_FACTOR: f64 = 1000.0;

// --- JSON shapes --------------------------------------------------------------

/// A change as written: the `op` member picks the variant, the other
/// members fill it.
#[derive(Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum RawChange {
    Close(Located<RawClose>),
    Scale(Located<RawScale>),
    AddDwell(Located<RawDwell>),
    AddLeg(Located<RawAddLeg>),
    AddTerminal(Located<RawAddTerminal>),
    AddGauges(Located<RawAddGauges>),
    SetGridIntensity(Located<RawSetGrid>),
}

impl RawChange {
    /// The `op` of every variant, in order (checked against serde's own
    /// list by a test).
    const OPS: [&'static str; 7] = [
        "close",
        "scale",
        "add_dwell",
        "add_leg",
        "add_terminal",
        "add_gauges",
        "set_grid_intensity",
    ];
}

/// The members of a change, or the first problem with them and its path
/// inside the change (`where.modes[0]`; `None` for the change itself).
///
/// Serde reads an internally tagged enum from a buffer that forgets where
/// it is, so the variant's contents are read here, under a path tracker,
/// and a problem is kept as data for [`parse_change`] to locate.
struct Located<T>(Result<T, (Option<String>, String)>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Located(serde_path_to_error::deserialize(d).map_err(|e| {
            let path = e.path().to_string();
            let path = (path != ".").then_some(path);
            (path, e.into_inner().to_string())
        })))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClose {
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
    #[serde(default)]
    note: Option<String>,
    leg: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddTerminal {
    #[serde(default)]
    note: Option<String>,
    terminal: Value,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAddGauges {
    #[serde(default)]
    note: Option<String>,
    terminal: String,
    gauges: Vec<u16>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSetGrid {
    #[serde(default)]
    note: Option<String>,
    countries: Vec<String>,
    g_per_kwh: f64,
    year: u16,
    source: String,
}

// --- The document -------------------------------------------------------------

pub(super) fn change_loc(k: usize) -> Location {
    Location::new("changes", Some(k))
}

fn doc_loc(field: &str) -> Location {
    Location::new("document", None).field(field)
}

pub(super) fn invalid(issues: Vec<Issue>) -> Error {
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

/// Reads a scenario from JSON bytes (at most [`MAX_SCENARIO_BYTES`]).
pub(super) fn from_slice(bytes: &[u8]) -> Result<Scenario, Error> {
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
        let message = message.strip_suffix(&position).unwrap_or(&message);
        document_issue(
            None,
            format!(
                "not valid JSON: {message} (line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    from_value(value)
}

/// Checks `format` and `format_version`.
fn check_format(top: &mut Map<String, Value>) -> Result<(), Error> {
    match (top.remove("format"), top.remove("format_version")) {
        (Some(Value::String(f)), Some(v))
            if f == SCENARIO_FORMAT_NAME && v.as_u64() == Some(SCENARIO_FORMAT_VERSION) =>
        {
            Ok(())
        }
        (Some(Value::String(f)), v) if f == SCENARIO_FORMAT_NAME => Err(document_issue(
            Some("format_version"),
            format!(
                "unsupported scenario format version {}: this library reads version {SCENARIO_FORMAT_VERSION}",
                v.map(|v| v.to_string())
                    .unwrap_or_else(|| "(missing)".into())
            ),
        )),
        (f, _) => Err(document_issue(
            Some("format"),
            format!(
                "expected \"format\": \"{SCENARIO_FORMAT_NAME}\" with \"format_version\": {SCENARIO_FORMAT_VERSION}, found {}",
                f.map(|f| f.to_string())
                    .unwrap_or_else(|| "no `format`".into())
            ),
        )),
    }
}

/// A required non-empty string member of the document (empty if it is not).
fn string_member(top: &mut Map<String, Value>, field: &str, issues: &mut Issues) -> String {
    match top.remove(field) {
        Some(Value::String(s)) if !s.trim().is_empty() => s,
        Some(Value::String(_)) => {
            issues.push(doc_loc(field), format!("`{field}` is empty"));
            String::new()
        }
        Some(other) => {
            issues.push(doc_loc(field), format!("expected a string, found {other}"));
            String::new()
        }
        None => {
            issues.push(doc_loc(field), format!("missing `{field}`"));
            String::new()
        }
    }
}

/// Deserialises a value, naming the path of the failing field.
fn typed<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, (Option<String>, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = (path != ".").then_some(path);
        (path, e.into_inner().to_string())
    })
}

fn sources(value: Option<Value>, issues: &mut Issues) -> Vec<Source> {
    let items = match value {
        Some(Value::Array(items)) => items,
        Some(other) => {
            issues.push(
                doc_loc("sources"),
                format!("expected an array, found {other}"),
            );
            return Vec::new();
        }
        None => {
            issues.push(
                doc_loc("sources"),
                "missing `sources` (an empty array if the scenario cites none)",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (i, v) in items.into_iter().enumerate() {
        let loc = Location::new("sources", Some(i));
        match typed::<Source>(v) {
            Ok(s) => {
                issues.source(loc.id(s.id.as_str()), &s, &mut seen);
                out.push(s);
            }
            Err((path, msg)) => issues.push(with_field(loc, path), msg),
        }
    }
    out
}

fn changes(value: Option<Value>, issues: &mut Issues) -> Vec<Step> {
    match value {
        Some(Value::Array(items)) => {
            if items.is_empty() {
                issues.push(doc_loc("changes"), "a scenario needs at least one change");
            }
            items
                .into_iter()
                .enumerate()
                .filter_map(|(k, v)| parse_change(k, v, issues))
                .collect()
        }
        Some(other) => {
            issues.push(
                doc_loc("changes"),
                format!("expected an array, found {other}"),
            );
            Vec::new()
        }
        None => {
            issues.push(doc_loc("changes"), "missing `changes`");
            Vec::new()
        }
    }
}

fn from_value(value: Value) -> Result<Scenario, Error> {
    let Value::Object(mut top) = value else {
        return Err(document_issue(None, "a scenario is a JSON object"));
    };
    check_format(&mut top)?;
    let mut issues = Issues::default();
    let id = string_member(&mut top, "id", &mut issues);
    if !id.is_empty() && !is_valid_id(&id) {
        issues.push(
            doc_loc("id"),
            format!("invalid id \"{id}\": use lowercase ASCII letters, digits and '-'"),
        );
    }
    let name = string_member(&mut top, "name", &mut issues);
    let description = string_member(&mut top, "description", &mut issues);
    let sources = sources(top.remove("sources"), &mut issues);
    let changes = changes(top.remove("changes"), &mut issues);
    for key in top.keys() {
        issues.push(doc_loc(key), format!("unknown top-level member \"{key}\""));
    }
    if issues.len() > 0 {
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

// --- Changes ------------------------------------------------------------------

fn with_field(loc: Location, field: Option<String>) -> Location {
    match field {
        Some(f) => loc.field(f),
        None => loc,
    }
}

fn joined(parent: &str, child: &str) -> String {
    if child.is_empty() || child == "." {
        parent.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// Checks that a change is an object with a known `op`, with today's
/// messages (serde's would not list the operations, or locate them).
fn check_op(loc: &Location, value: &Value, issues: &mut Issues) -> bool {
    let expected = RawChange::OPS.join(", ");
    let problem = match value.get("op") {
        Some(Value::String(op)) if RawChange::OPS.contains(&op.as_str()) => return true,
        Some(Value::String(op)) => (
            Some("op"),
            format!("unknown operation \"{op}\": expected one of {expected}"),
        ),
        Some(other) => (Some("op"), format!("expected a string, found {other}")),
        None if value.is_object() => (
            Some("op"),
            format!("missing `op`: expected one of {expected}"),
        ),
        None => (None, "a change is a JSON object with an `op`".to_string()),
    };
    issues.push(
        with_field(loc.clone(), problem.0.map(String::from)),
        problem.1,
    );
    false
}

/// Parses names with `FromStr`, reporting each bad one at `field[j]`.
fn parse_all<T: std::str::FromStr>(
    loc: &Location,
    field: &str,
    raw: &[String],
    issues: &mut Issues,
) -> Vec<T>
where
    T::Err: std::fmt::Display,
{
    let mut out = Vec::new();
    for (j, s) in raw.iter().enumerate() {
        match s.parse::<T>() {
            Ok(t) => out.push(t),
            Err(e) => issues.push(loc.clone().field(format!("{field}[{j}]")), e.to_string()),
        }
    }
    out
}

fn parse_change(k: usize, value: Value, issues: &mut Issues) -> Option<Step> {
    let loc = change_loc(k);
    if !check_op(&loc, &value, issues) {
        return None;
    }
    let raw = match serde_json::from_value::<RawChange>(value) {
        Ok(raw) => raw,
        // invariant: `check_op` passed and `Located` keeps member problems
        // as data, so serde has nothing left to refuse; report it anyway
        Err(e) => {
            issues.push(loc, e.to_string());
            return None;
        }
    };
    let before = issues.len();
    let (change, note) = match raw {
        RawChange::Close(r) => {
            let r = members(r, &loc, issues)?;
            (close(&loc, &r, before, issues), r.note)
        }
        RawChange::Scale(r) => {
            let r = members(r, &loc, issues)?;
            (scale(&loc, &r, issues), r.note)
        }
        RawChange::AddDwell(r) => {
            let r = members(r, &loc, issues)?;
            (add_dwell(&loc, &r, issues), r.note)
        }
        RawChange::AddLeg(r) => {
            let r: RawAddLeg = members(r, &loc, issues)?;
            let leg = leg_feature(r.leg, &loc, issues)?;
            (Change::AddLeg(Box::new(leg)), r.note)
        }
        RawChange::AddTerminal(r) => {
            let r: RawAddTerminal = members(r, &loc, issues)?;
            let t = terminal_feature(r.terminal, &loc, issues)?;
            (Change::AddTerminal(Box::new(t)), r.note)
        }
        RawChange::AddGauges(r) => {
            let r = members(r, &loc, issues)?;
            (add_gauges(&loc, &r, issues), r.note)
        }
        RawChange::SetGridIntensity(r) => {
            let r = members(r, &loc, issues)?;
            (set_grid(&loc, &r, issues), r.note)
        }
    };
    (issues.len() == before).then_some(Step { change, note })
}

/// The members of a change, or `None` with their problem reported.
fn members<T>(l: Located<T>, loc: &Location, issues: &mut Issues) -> Option<T> {
    match l.0 {
        Ok(r) => Some(r),
        Err((path, msg)) => {
            issues.push(with_field(loc.clone(), path), msg);
            None
        }
    }
}

fn close(loc: &Location, r: &RawClose, before: usize, issues: &mut Issues) -> Change {
    let c = Close {
        countries: parse_all::<CountryCode>(loc, "countries", &r.countries, issues),
        passages: parse_all::<Passage>(loc, "passages", &r.passages, issues),
        legs: r.legs.clone(),
        terminals: r.terminals.clone(),
        corridors: r.corridors.clone(),
    };
    let empty = c.legs.is_empty()
        && c.terminals.is_empty()
        && c.countries.is_empty()
        && c.passages.is_empty()
        && c.corridors.is_empty();
    if empty && issues.len() == before {
        issues.push(
            loc.clone(),
            "a `close` change names nothing to close: give `legs`, `terminals`, `countries`, `passages` or `corridors`",
        );
    }
    Change::Close(c)
}

fn scale(loc: &Location, r: &RawScale, issues: &mut Issues) -> Change {
    let what = Measure::parse(&r.what);
    if what.is_none() {
        let names = Measure::ALL.map(Measure::as_str);
        issues.push(
            loc.clone().field("what"),
            format!(
                "unknown measure \"{}\": expected one of {}",
                r.what,
                names.join(", ")
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
    let positive = !matches!(what, Some(Measure::Cost | Measure::Wait));
    if r.factor.is_some() {
        issues.number(loc, "factor", factor, positive, MAX_FACTOR);
    }
    let add_h = r.add_h.unwrap_or(0.0);
    if r.add_h.is_some() {
        if what.is_some() && what != Some(Measure::Wait) {
            issues.push(
                loc.clone().field("add_h"),
                "`add_h` only applies to `\"what\": \"wait\"`",
            );
        } else {
            issues.number(loc, "add_h", add_h, false, MAX_HOURS);
        }
    }
    let s = &r.select;
    let select = Selector {
        modes: parse_all::<Mode>(loc, "where.modes", &s.modes, issues),
        countries: parse_all::<CountryCode>(loc, "where.countries", &s.countries, issues),
        tags: s.tags.clone(),
        legs: s.legs.clone(),
    };
    if s.modes.is_empty() && s.tags.is_empty() && s.countries.is_empty() && s.legs.is_empty() {
        issues.push(
            loc.clone().field("where"),
            "`where` selects every leg: give at least one of `modes`, `tags`, `countries`, `legs`",
        );
    }
    Change::Scale(Scale {
        what: what.unwrap_or(Measure::Cost),
        factor,
        add_h,
        select,
    })
}

fn add_dwell(loc: &Location, r: &RawDwell, issues: &mut Issues) -> Change {
    let countries = parse_all::<CountryCode>(loc, "countries", &r.countries, issues);
    if r.terminals.is_empty() && r.countries.is_empty() {
        issues.push(
            loc.clone(),
            "an `add_dwell` change needs `terminals` or `countries`",
        );
    }
    issues.number(loc, "hours", r.hours, false, MAX_HOURS);
    let cost = r.cost_usd.unwrap_or_default();
    issues.number(loc, "cost_usd.20", cost.twenty, false, MAX_USD);
    issues.number(loc, "cost_usd.40", cost.forty, false, MAX_USD);
    Change::AddDwell(AddDwell {
        terminals: r.terminals.clone(),
        countries,
        hours: r.hours,
        cost,
    })
}

fn add_gauges(loc: &Location, r: &RawAddGauges, issues: &mut Issues) -> Change {
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
    Change::AddGauges {
        terminal: r.terminal.clone(),
        gauges,
    }
}

fn set_grid(loc: &Location, r: &RawSetGrid, issues: &mut Issues) -> Change {
    let countries = parse_all::<CountryCode>(loc, "countries", &r.countries, issues);
    if r.countries.is_empty() {
        issues.push(
            loc.clone().field("countries"),
            "a `set_grid_intensity` change needs `countries`",
        );
    }
    issues.number(loc, "g_per_kwh", r.g_per_kwh, false, MAX_GRID_G);
    if !(1990..=2100).contains(&r.year) {
        issues.push(
            loc.clone().field("year"),
            format!("implausible year {}", r.year),
        );
    }
    if r.source.trim().is_empty() {
        issues.push(
            loc.clone().field("source"),
            "`source` is empty: name a source of the scenario or the network",
        );
    }
    Change::SetGrid(SetGrid {
        countries,
        g_per_kwh: r.g_per_kwh,
        year: r.year,
        source: r.source.clone(),
    })
}

// --- Features -----------------------------------------------------------------

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
        let field = joined(what, field.as_deref().unwrap_or("properties"));
        issues.push(loc.clone().field(field), msg);
    }
}

fn terminal_feature(value: Value, loc: &Location, issues: &mut Issues) -> Option<Terminal> {
    let (geometry, props) = feature_parts(value, loc, "terminal", issues)?;
    crate::format::terminal_from(props, &geometry)
        .map_err(|found| feature_issues(loc, "terminal", found, issues))
        .ok()
}

/// A leg may leave its geometry out (null): it is drawn as a straight line.
fn leg_feature(value: Value, loc: &Location, issues: &mut Issues) -> Option<Leg> {
    let (geometry, props) = feature_parts(value, loc, "leg", issues)?;
    crate::format::leg_from(props, &geometry, true)
        .map_err(|found| feature_issues(loc, "leg", found, issues))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ops_are_the_variants_of_the_change_enum() {
        // serde lists the variants it knows when it meets an unknown one.
        let e = serde_json::from_value::<RawChange>(serde_json::json!({"op": "?"}))
            .err()
            .map(|e| e.to_string());
        let listed: Vec<String> = RawChange::OPS.iter().map(|op| format!("`{op}`")).collect();
        assert_eq!(
            e.as_deref(),
            Some(format!("unknown variant `?`, expected one of {}", listed.join(", ")).as_str())
        );
    }

    #[test]
    fn member_problems_keep_their_path() {
        let v = serde_json::json!({"op": "scale", "what": "cost", "where": {"modes": [1]}});
        let Ok(RawChange::Scale(Located(Err((path, msg))))) = serde_json::from_value(v) else {
            panic!("expected a located problem");
        };
        assert_eq!(path.as_deref(), Some("where.modes[0]"));
        assert!(msg.contains("invalid type"), "{msg}");
    }
}
