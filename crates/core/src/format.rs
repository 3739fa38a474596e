//! The `silkroute-network` v1 file format: a GeoJSON FeatureCollection of
//! terminal Points and leg LineStrings plus sources, emission factors and
//! corridors tables. See `docs/FORMAT.md`.

use crate::country::CountryCode;
use crate::error::{Error, Issue, Location};
use crate::model::*;
use crate::network::{Network, NetworkBuilder};
use crate::units::{Hours, Km, Usd};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use silkroute_netgraph::io::{ReadError, ReadOptions, read_bytes, read_from, read_path};
use std::io::{Read, Write};
use std::path::Path;

/// The value of the `format` member.
pub const FORMAT_NAME: &str = "silkroute-network";
/// The format version this library reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// Limits that keep a hostile or broken file from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest accepted file, in bytes, after decompression (default 256 MiB).
    pub max_bytes: u64,
    /// Largest accepted number of features (default 1,000,000).
    pub max_features: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 * 1024 * 1024,
            max_features: 1_000_000,
        }
    }
}

impl Limits {
    /// Sets the byte limit.
    pub fn max_bytes(mut self, n: u64) -> Self {
        self.max_bytes = n;
        self
    }

    /// Sets the feature limit.
    pub fn max_features(mut self, n: usize) -> Self {
        self.max_features = n;
        self
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TerminalProps {
    kind: String,
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    country: String,
    terminal_kind: TerminalKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    gauges: Vec<Gauge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    handling: Option<Handling>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hub_factor: Option<HubFactorId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceId>,
    #[serde(default, skip_serializing_if = "ProvenanceMap::is_empty")]
    provenance: ProvenanceMap,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LegProps {
    kind: String,
    id: String,
    from: String,
    to: String,
    mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gauge: Option<Gauge>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    bidirectional: bool,
    distance_km: f64,
    time_h: f64,
    #[serde(default)]
    wait_h: f64,
    cost_usd: PerContainer<f64>,
    emission_factor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    capacity: Option<Capacity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sailings_per_week: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    corridors: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    passages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    border: Option<[String; 2]>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceId>,
    #[serde(default, skip_serializing_if = "ProvenanceMap::is_empty")]
    provenance: ProvenanceMap,
}

/// The read options of a network file under `limits`.
fn read_options(limits: Limits) -> ReadOptions {
    ReadOptions::new(limits.max_bytes)
}

/// A bounded-read error as a network-loading error.
fn read_error(e: ReadError) -> Error {
    match e {
        ReadError::TooLarge { found, limit, .. } => too_large(found, limit),
        ReadError::Gzip { source, .. } => Error::Json {
            message: format!("corrupt gzip data: {source}"),
            line: 0,
            column: 0,
        },
        ReadError::Io { path, source } => Error::Io { path, source },
        // A kind added to the reader later is still an I/O failure.
        other => Error::Io {
            path: other.path().map(Path::to_path_buf),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

fn too_large(found: u64, limit: u64) -> Error {
    Error::TooLarge {
        what: "the network file (bytes)",
        found,
        limit,
        how: "Limits::max_bytes",
    }
}

fn json_error(e: serde_json::Error) -> Error {
    // serde_json's message ends with the position, which `Error::Json`
    // prints itself.
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    Error::Json {
        message: message
            .strip_suffix(&position)
            .map(str::to_string)
            .unwrap_or(message),
        line: e.line(),
        column: e.column(),
    }
}

impl Network {
    /// The embedded default network of the Eurasian corridors.
    ///
    /// Parsed once per process on first use; every call returns a handle on
    /// that one network (a reference-count increment, no copy).
    ///
    /// ```
    /// let net = silkroute_core::Network::eurasia();
    /// assert!(net.terminals().len() >= 80);
    /// assert_eq!(net.find("Alat")?.country.as_str(), "AZ");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn eurasia() -> Network {
        crate::eurasia::network().clone()
    }

    /// Loads a network file from a path (plain or gzip-compressed JSON).
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be read, [`Error::Json`] when it is
    /// not JSON, [`Error::UnsupportedFormat`], [`Error::TooLarge`], or
    /// [`Error::Invalid`] with every problem found.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Network, Error> {
        Self::from_path_with(path, Limits::default())
    }

    /// Like [`from_path`](Self::from_path) with explicit limits.
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_path_with(path: impl AsRef<Path>, limits: Limits) -> Result<Network, Error> {
        let bytes = read_path(path.as_ref(), read_options(limits)).map_err(read_error)?;
        Self::parse_plain(&bytes, limits)
    }

    /// Loads a network from a reader (plain or gzip-compressed JSON).
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_reader(reader: impl Read) -> Result<Network, Error> {
        Self::from_reader_with(reader, Limits::default())
    }

    /// Like [`from_reader`](Self::from_reader) with explicit limits: at most
    /// `limits.max_bytes` are read (one more, to tell that there are more).
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_reader_with(reader: impl Read, limits: Limits) -> Result<Network, Error> {
        let bytes = read_from(reader, read_options(limits)).map_err(read_error)?;
        Self::parse_plain(&bytes, limits)
    }

    /// Loads a network from bytes (plain or gzip-compressed JSON).
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_slice(bytes: &[u8]) -> Result<Network, Error> {
        Self::from_slice_with(bytes, Limits::default())
    }

    /// Like [`from_slice`](Self::from_slice) with explicit limits.
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_slice_with(bytes: &[u8], limits: Limits) -> Result<Network, Error> {
        let bytes = read_bytes(bytes, read_options(limits)).map_err(read_error)?;
        Self::parse_plain(&bytes, limits)
    }

    /// Parses decompressed JSON already within the byte limit.
    fn parse_plain(bytes: &[u8], limits: Limits) -> Result<Network, Error> {
        let value: Value = serde_json::from_slice(bytes).map_err(json_error)?;
        parse_value(value, limits)?.build()
    }

    /// Loads a network from a JSON string.
    ///
    /// # Errors
    /// As [`from_path`](Self::from_path).
    pub fn from_json_str(s: &str) -> Result<Network, Error> {
        Self::from_slice(s.as_bytes())
    }

    /// The network as a `silkroute-network` v1 GeoJSON document, loadable
    /// again with [`from_slice`](Self::from_slice).
    pub fn to_geojson(&self) -> Value {
        let mut top = Map::new();
        top.insert("type".into(), "FeatureCollection".into());
        top.insert("format".into(), FORMAT_NAME.into());
        top.insert("format_version".into(), FORMAT_VERSION.into());
        if let Some(n) = &self.meta().name {
            top.insert("name".into(), n.clone().into());
        }
        if let Some(v) = &self.meta().dataset_version {
            top.insert("dataset_version".into(), v.clone().into());
        }
        top.insert("assumptions".into(), to_value(&self.meta().assumptions));
        top.insert(
            "sources".into(),
            Value::Array(self.sources().iter().map(to_value).collect()),
        );
        top.insert(
            "emission_factors".into(),
            Value::Array(self.emission_factors().iter().map(to_value).collect()),
        );
        if !self.grid_intensities().is_empty() {
            top.insert(
                "grid_intensities".into(),
                Value::Array(self.grid_intensities().iter().map(to_value).collect()),
            );
        }
        if !self.hub_factors().is_empty() {
            top.insert(
                "hub_factors".into(),
                Value::Array(self.hub_factors().iter().map(to_value).collect()),
            );
        }
        top.insert(
            "corridors".into(),
            Value::Array(self.corridors().iter().map(to_value).collect()),
        );
        let mut features = Vec::with_capacity(self.terminals().len() + self.legs().len());
        for t in self.terminals() {
            let props = TerminalProps {
                kind: "terminal".into(),
                id: t.id.to_string(),
                name: t.name.clone(),
                aliases: t.aliases.clone(),
                country: t.country.to_string(),
                terminal_kind: t.kind,
                gauges: t.gauges.clone(),
                handling: t.handling,
                hub_factor: t.hub_factor.clone(),
                sources: t.sources.clone(),
                provenance: t.provenance.clone(),
            };
            features.push(feature(
                serde_json::json!({"type": "Point", "coordinates": [t.lon, t.lat]}),
                to_value(&props),
            ));
        }
        for l in self.legs() {
            let props = LegProps {
                kind: "leg".into(),
                id: l.id.to_string(),
                from: l.from.to_string(),
                to: l.to.to_string(),
                mode: l.mode,
                gauge: l.gauge,
                bidirectional: l.bidirectional,
                distance_km: l.distance.0,
                time_h: l.time.0,
                wait_h: l.wait.0,
                cost_usd: PerContainer::new(l.cost.twenty.0, l.cost.forty.0),
                emission_factor: l.emission_factor.to_string(),
                capacity: l.capacity,
                sailings_per_week: l.sailings_per_week,
                corridors: l.corridors.clone(),
                passages: l.passages.iter().map(|p| p.as_str().to_string()).collect(),
                border: l.border.map(|(a, b)| [a.to_string(), b.to_string()]),
                sources: l.sources.clone(),
                provenance: l.provenance.clone(),
            };
            let coords: Vec<Value> = l
                .geometry
                .iter()
                .map(|&(lat, lon)| serde_json::json!([lon, lat]))
                .collect();
            features.push(feature(
                serde_json::json!({"type": "LineString", "coordinates": coords}),
                to_value(&props),
            ));
        }
        top.insert("features".into(), Value::Array(features));
        Value::Object(top)
    }

    /// Writes the network as GeoJSON, one table row or feature per line so
    /// that changes diff well.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_geojson(&self, mut w: impl Write) -> Result<(), Error> {
        let io = |source| Error::Io { path: None, source };
        let doc = self.to_geojson();
        let Value::Object(map) = doc else {
            unreachable!("to_geojson returns an object")
        };
        let order = [
            "type",
            "format",
            "format_version",
            "name",
            "dataset_version",
            "assumptions",
            "sources",
            "emission_factors",
            "grid_intensities",
            "hub_factors",
            "corridors",
            "features",
        ];
        writeln!(w, "{{").map_err(io)?;
        let present: Vec<&str> = order
            .iter()
            .copied()
            .filter(|k| map.contains_key(*k))
            .collect();
        for (i, key) in present.iter().enumerate() {
            let comma = if i + 1 < present.len() { "," } else { "" };
            let value = &map[*key];
            match value {
                Value::Array(items) => {
                    writeln!(w, "\"{key}\": [").map_err(io)?;
                    for (j, item) in items.iter().enumerate() {
                        let c = if j + 1 < items.len() { "," } else { "" };
                        writeln!(w, "  {item}{c}").map_err(io)?;
                    }
                    writeln!(w, "]{comma}").map_err(io)?;
                }
                other => writeln!(w, "\"{key}\": {other}{comma}").map_err(io)?,
            }
        }
        writeln!(w, "}}").map_err(io)?;
        Ok(())
    }
}

fn to_value<T: Serialize>(t: &T) -> Value {
    // invariant: the model's types serialise to JSON without failure (no
    // non-string map keys, no non-finite floats after validation)
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn feature(geometry: Value, properties: Value) -> Value {
    serde_json::json!({"type": "Feature", "geometry": geometry, "properties": properties})
}

/// Deserialises a value, naming the path of the failing field.
fn typed<T: DeserializeOwned>(value: Value) -> Result<T, (Option<String>, String)> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { None } else { Some(path) };
        (path, e.into_inner().to_string())
    })
}

fn parse_value(value: Value, limits: Limits) -> Result<NetworkBuilder, Error> {
    let Value::Object(mut top) = value else {
        return Err(Error::UnsupportedFormat {
            found: "a JSON value that is not an object".into(),
        });
    };
    let format = top.get("format").cloned();
    let version = top.get("format_version").cloned();
    match (&format, &version) {
        (Some(Value::String(f)), Some(v))
            if f == FORMAT_NAME && v.as_u64() == Some(FORMAT_VERSION) => {}
        (Some(Value::String(f)), v) if f == FORMAT_NAME => {
            return Err(Error::UnsupportedFormat {
                found: format!(
                    "{FORMAT_NAME} version {}",
                    v.as_ref()
                        .map(|v| v.to_string())
                        .unwrap_or_else(|| "(missing)".into())
                ),
            });
        }
        (Some(f), _) => {
            return Err(Error::UnsupportedFormat {
                found: format!("format {f}"),
            });
        }
        (None, _) => {
            return Err(Error::UnsupportedFormat {
                found: "no \"format\" member".into(),
            });
        }
    }
    let mut b = NetworkBuilder::new();
    let mut issues: Vec<Issue> = Vec::new();
    let mut push = |location: Location, message: String| issues.push(Issue { location, message });
    match top.remove("type") {
        Some(Value::String(t)) if t == "FeatureCollection" => {}
        other => push(
            Location::new("document", None).field("type"),
            format!(
                "expected \"FeatureCollection\", found {}",
                other
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "nothing".into())
            ),
        ),
    }
    top.remove("format");
    top.remove("format_version");
    top.remove("bbox");
    let name = top.remove("name");
    let dataset_version = top.remove("dataset_version");
    let assumptions = top.remove("assumptions");
    let sources = top.remove("sources");
    let efs = top.remove("emission_factors");
    let grids = top.remove("grid_intensities");
    let hubs = top.remove("hub_factors");
    let corridors = top.remove("corridors");
    let features = top.remove("features");
    for key in top.keys() {
        push(
            Location::new("document", None).field(key.clone()),
            format!("unknown top-level member \"{key}\" (it would be lost on export)"),
        );
    }
    let string_member =
        |v: Option<Value>, field: &str, push: &mut dyn FnMut(Location, String)| -> Option<String> {
            match v {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s),
                Some(other) => {
                    push(
                        Location::new("document", None).field(field),
                        format!("expected a string, found {other}"),
                    );
                    None
                }
            }
        };
    if let Some(n) = string_member(name, "name", &mut push) {
        b.meta_mut().name = Some(n);
    }
    if let Some(v) = string_member(dataset_version, "dataset_version", &mut push) {
        b.meta_mut().dataset_version = Some(v);
    }
    if let Some(a) = assumptions {
        match typed::<Assumptions>(a) {
            Ok(a) => {
                for (field, v) in [
                    ("cargo_tonnes_20ft", a.cargo_tonnes_20ft),
                    ("cargo_tonnes_40ft", a.cargo_tonnes_40ft),
                ] {
                    if !(v.is_finite() && v > 0.0 && v <= 40.0) {
                        push(
                            Location::new("assumptions", None).field(field),
                            format!(
                                "{v} t is not a plausible cargo mass for a container (0 < t ≤ 40)"
                            ),
                        );
                    }
                }
                b.meta_mut().assumptions = a;
            }
            Err((path, msg)) => push(
                Location::new("assumptions", None).field(path.unwrap_or_default()),
                msg,
            ),
        }
    }
    let table = |v: Option<Value>,
                 name: &'static str,
                 push: &mut dyn FnMut(Location, String)|
     -> Vec<(usize, Value)> {
        match v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.into_iter().enumerate().collect(),
            Some(other) => {
                push(
                    Location::new(name, None),
                    format!("expected an array, found {}", kind_of(&other)),
                );
                Vec::new()
            }
        }
    };
    let sources = table(sources, "sources", &mut push);
    let efs = table(efs, "emission_factors", &mut push);
    let grids = table(grids, "grid_intensities", &mut push);
    let hubs = table(hubs, "hub_factors", &mut push);
    let corridors = table(corridors, "corridors", &mut push);
    let features = match features {
        Some(Value::Array(items)) => items,
        Some(other) => {
            push(
                Location::new("features", None),
                format!("expected an array, found {}", kind_of(&other)),
            );
            Vec::new()
        }
        None => {
            push(
                Location::new("features", None),
                "missing `features` array".into(),
            );
            Vec::new()
        }
    };
    if features.len() > limits.max_features {
        return Err(Error::TooLarge {
            what: "the number of features",
            found: features.len() as u64,
            limit: limits.max_features as u64,
            how: "Limits::max_features",
        });
    }
    for (i, v) in sources {
        match typed::<Source>(v) {
            Ok(s) => b.sources_mut().push(s),
            Err((path, msg)) => push(with_field(Location::new("sources", Some(i)), path), msg),
        }
    }
    for (i, v) in efs {
        match typed::<EmissionFactor>(v) {
            Ok(e) => b.emission_factors_mut().push(e),
            Err((path, msg)) => push(
                with_field(Location::new("emission_factors", Some(i)), path),
                msg,
            ),
        }
    }
    for (i, v) in grids {
        match typed::<GridIntensity>(v) {
            Ok(g) => b.grid_intensities_mut().push(g),
            Err((path, msg)) => push(
                with_field(Location::new("grid_intensities", Some(i)), path),
                msg,
            ),
        }
    }
    for (i, v) in hubs {
        match typed::<HubFactor>(v) {
            Ok(h) => b.hub_factors_mut().push(h),
            Err((path, msg)) => push(with_field(Location::new("hub_factors", Some(i)), path), msg),
        }
    }
    for (i, v) in corridors {
        match typed::<Corridor>(v) {
            Ok(c) => b.corridors_mut().push(c),
            Err((path, msg)) => push(with_field(Location::new("corridors", Some(i)), path), msg),
        }
    }
    for (i, f) in features.into_iter().enumerate() {
        parse_feature(i, f, &mut b, &mut push);
    }
    b.issues.extend(issues);
    Ok(b)
}

fn with_field(loc: Location, path: Option<String>) -> Location {
    match path {
        Some(p) => loc.field(p),
        None => loc,
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a GeoJSON position `[lon, lat(, alt)]` as `(lat, lon)`.
fn position(v: &Value) -> Option<(f64, f64)> {
    let a = v.as_array()?;
    if !(2..=3).contains(&a.len()) {
        return None;
    }
    Some((a[1].as_f64()?, a[0].as_f64()?))
}

/// A problem in one feature: the field, relative to the feature
/// (`properties.time_h`, `country`, `geometry`), and what is wrong.
pub(crate) type FeatureIssue = (Option<String>, String);

/// Reads a terminal from a feature's properties and geometry, reporting
/// every problem found.
pub(crate) fn terminal_from(props: Value, geometry: &Value) -> Result<Terminal, Vec<FeatureIssue>> {
    let p: TerminalProps =
        typed(props).map_err(|(path, msg)| vec![(path.map(|p| format!("properties.{p}")), msg)])?;
    let mut issues = Vec::new();
    if p.kind != "terminal" {
        issues.push((
            Some("properties.kind".to_string()),
            "expected \"kind\": \"terminal\"".to_string(),
        ));
    }
    let position = match (
        geometry.get("type").and_then(Value::as_str),
        geometry.get("coordinates").and_then(position),
    ) {
        (Some("Point"), Some(p)) => Some(p),
        _ => {
            issues.push((
                Some("geometry".to_string()),
                "a terminal needs a Point geometry with coordinates [longitude, latitude]"
                    .to_string(),
            ));
            None
        }
    };
    let country = p
        .country
        .parse::<CountryCode>()
        .map_err(|e| issues.push((Some("country".to_string()), e.to_string())))
        .ok();
    let (Some((lat, lon)), Some(country), true) = (position, country, issues.is_empty()) else {
        return Err(issues);
    };
    Ok(Terminal {
        id: TerminalId::new(p.id),
        name: p.name,
        aliases: p.aliases,
        country,
        kind: p.terminal_kind,
        lat,
        lon,
        gauges: p.gauges,
        handling: p.handling,
        hub_factor: p.hub_factor,
        hub_co2e: PerContainer::default(),
        sources: p.sources,
        provenance: p.provenance,
    })
}

/// Reads a leg from a feature's properties and geometry, reporting every
/// problem found. With `straight_if_null`, a `null` geometry is allowed and
/// the leg is drawn as a straight line.
pub(crate) fn leg_from(
    props: Value,
    geometry: &Value,
    straight_if_null: bool,
) -> Result<Leg, Vec<FeatureIssue>> {
    let p: LegProps =
        typed(props).map_err(|(path, msg)| vec![(path.map(|p| format!("properties.{p}")), msg)])?;
    let mut issues: Vec<FeatureIssue> = Vec::new();
    if p.kind != "leg" {
        issues.push((
            Some("properties.kind".to_string()),
            "expected \"kind\": \"leg\"".to_string(),
        ));
    }
    let geometry: Vec<(f64, f64)> = match (
        geometry,
        geometry.get("type").and_then(Value::as_str),
        geometry.get("coordinates").and_then(Value::as_array),
    ) {
        (Value::Null, _, _) if straight_if_null => Vec::new(),
        (_, Some("LineString"), Some(pts)) if pts.len() >= 2 => {
            match pts.iter().map(position).collect() {
                Some(g) => g,
                None => {
                    issues.push((
                        Some("geometry".to_string()),
                        "a LineString position is not [longitude, latitude]".to_string(),
                    ));
                    Vec::new()
                }
            }
        }
        _ => {
            issues.push((
                Some("geometry".to_string()),
                "a leg needs a LineString geometry with at least two positions".to_string(),
            ));
            Vec::new()
        }
    };
    let mut passages = Vec::new();
    for (k, name) in p.passages.iter().enumerate() {
        match name.parse::<Passage>() {
            Ok(x) => passages.push(x),
            Err(e) => issues.push((Some(format!("passages[{k}]")), e.to_string())),
        }
    }
    let border = match &p.border {
        None => None,
        Some([a, c]) => match (a.parse::<CountryCode>(), c.parse::<CountryCode>()) {
            (Ok(a), Ok(c)) => Some((a, c)),
            (Err(e), _) | (_, Err(e)) => {
                issues.push((Some("border".to_string()), e.to_string()));
                None
            }
        },
    };
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(Leg {
        id: LegId::new(p.id),
        from: TerminalId::new(p.from),
        to: TerminalId::new(p.to),
        mode: p.mode,
        gauge: p.gauge,
        bidirectional: p.bidirectional,
        distance: Km(p.distance_km),
        time: Hours(p.time_h),
        wait: Hours(p.wait_h),
        cost: PerContainer::new(Usd(p.cost_usd.twenty), Usd(p.cost_usd.forty)),
        emission_factor: EmissionFactorId::new(p.emission_factor),
        co2e: PerContainer::default(),
        co2e_split: PerContainer::default(),
        capacity: p.capacity,
        sailings_per_week: p.sailings_per_week,
        corridors: p.corridors,
        passages,
        border,
        sources: p.sources,
        provenance: p.provenance,
        geometry,
    })
}

fn parse_feature(
    i: usize,
    f: Value,
    b: &mut NetworkBuilder,
    push: &mut dyn FnMut(Location, String),
) {
    let loc = Location::new("features", Some(i));
    let Value::Object(mut f) = f else {
        push(
            loc,
            format!("expected a Feature object, found {}", kind_of(&f)),
        );
        return;
    };
    if f.get("type").and_then(Value::as_str) != Some("Feature") {
        push(
            loc.clone().field("type"),
            "expected \"type\": \"Feature\"".into(),
        );
        return;
    }
    let geometry = f.remove("geometry").unwrap_or(Value::Null);
    let Some(Value::Object(props)) = f.remove("properties") else {
        push(
            loc.field("properties"),
            "missing `properties` object".into(),
        );
        return;
    };
    let id = props
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let loc = loc.id(id);
    let mut report = |issues: Vec<FeatureIssue>| {
        for (field, msg) in issues {
            push(with_field(loc.clone(), field), msg);
        }
    };
    match props.get("kind").and_then(Value::as_str) {
        Some("terminal") => match terminal_from(Value::Object(props), &geometry) {
            Ok(t) => b.push_terminal(t, Some(i)),
            Err(issues) => report(issues),
        },
        Some("leg") => match leg_from(Value::Object(props), &geometry, false) {
            Ok(l) => b.push_leg(l, Some(i)),
            Err(issues) => report(issues),
        },
        Some(other) => report(vec![(
            Some("properties.kind".to_string()),
            format!("unknown feature kind \"{other}\": expected \"terminal\" or \"leg\""),
        )]),
        None => report(vec![(
            Some("properties.kind".to_string()),
            "missing `kind`: expected \"terminal\" or \"leg\"".to_string(),
        )]),
    }
}
