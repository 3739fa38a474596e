//! Reading the tables: one typed struct per CSV row (with its line) and per
//! TOML file.

use crate::error::{Error, Location};
use crate::expr::Formula;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use silkroute_core::{
    CapacityUnit, Corridor, CountryCode, EmissionScope, EmissionUnit, EnergyCarrier, Grade, Method,
    Mode, TerminalKind,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A CSV row and the line it is on (the header is line 1).
#[derive(Debug, Clone)]
pub struct Row<T> {
    /// The file the row is in.
    pub file: &'static str,
    /// The row's line.
    pub line: usize,
    /// The row.
    pub data: T,
}

impl<T> Row<T> {
    /// The location of one of the row's columns.
    pub fn at(&self, column: &str) -> Location {
        Location::line(self.file, self.line).field(column)
    }
}

/// The two ends of a row's range: both or neither.
///
/// # Errors
/// [`Error::Table`] at `range_high` when only one end is given.
pub fn range_pair<'r, T>(
    row: &Row<T>,
    low: &'r Option<Formula>,
    high: &'r Option<Formula>,
) -> Result<Option<[&'r Formula; 2]>, Error> {
    match (low, high) {
        (Some(lo), Some(hi)) => Ok(Some([lo, hi])),
        (None, None) => Ok(None),
        _ => Err(Error::table(
            row.at("range_high"),
            "give both ends of the range or neither",
        )),
    }
}

/// A row of sources.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRow {
    /// Source id.
    pub id: String,
    /// Title, with the figures taken from it.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Year of publication.
    pub year: u16,
    /// Address, if any.
    pub url: Option<String>,
    /// Grade: A official, B trade press, C blog, D this project's rule.
    pub grade: Grade,
}

/// A row of emission_factors.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmissionFactorRow {
    /// Factor id.
    pub id: String,
    /// Unit of the grams.
    pub unit: EmissionUnit,
    /// Scope (well-to-wheel).
    pub scope: EmissionScope,
    /// Energy carrier of the fuel-powered part.
    pub energy: Option<EnergyCarrier>,
    /// Tank-to-wheel g CO2e per unit of the fuel-powered part.
    pub ttw: f64,
    /// Well-to-tank g CO2e per unit of the fuel-powered part.
    pub wtt: f64,
    /// Share hauled electrically (empty: none).
    pub electric_share: Option<f64>,
    /// kWh per unit of the electric part.
    pub kwh_per_unit: Option<f64>,
    /// Low end of the published range, g per unit.
    pub low: Option<f64>,
    /// High end of the published range.
    pub high: Option<f64>,
    /// How the factor was made.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// What the factor stands for and how it was made.
    pub note: Option<String>,
}

/// A row of grid_intensities.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridIntensityRow {
    /// Country.
    pub country: CountryCode,
    /// g CO2e per kWh.
    pub g_per_kwh: f64,
    /// The year described.
    pub year: u16,
    /// How the figure was made.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Note.
    pub note: Option<String>,
}

/// A row of hub_factors.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HubFactorRow {
    /// Factor id.
    pub id: String,
    /// Tank-to-wheel kg CO2e per TEU.
    pub ttw_kg_per_teu: f64,
    /// Well-to-tank kg CO2e per TEU.
    pub wtt_kg_per_teu: f64,
    /// Low end of the published range.
    pub low: Option<f64>,
    /// High end of the published range.
    pub high: Option<f64>,
    /// How the figure was made.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Note.
    pub note: Option<String>,
}

/// A row of terminals.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalRow {
    /// Terminal id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO country code.
    pub country: CountryCode,
    /// Kind of terminal.
    pub kind: TerminalKind,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
    /// Handling class of rules.toml (`[handling.*]`), if any.
    pub handling: Option<String>,
    /// What the point stands for (not written to the network).
    pub note: Option<String>,
}

/// A row of aliases.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRow {
    /// Terminal id.
    pub terminal: String,
    /// Another name of the terminal.
    pub alias: String,
}

/// A row of terminal_sources.csv: a source of a terminal beyond those of its
/// figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalSourceRow {
    /// Terminal id.
    pub terminal: String,
    /// Source id.
    pub source: String,
    /// What the source gives.
    pub about: Option<String>,
}

/// A figure of a terminal that overrides its handling rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum TerminalField {
    /// Handling time, h.
    #[serde(rename = "handling.time_h")]
    HandlingTime,
}

/// A row of terminal_values.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalValueRow {
    /// Terminal id.
    pub terminal: String,
    /// Which figure.
    pub field: TerminalField,
    /// The figure: a number or a formula.
    pub value: Formula,
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// How the figure was made.
    pub note: Option<String>,
    /// Low end of the range where sources disagree.
    pub range_low: Option<Formula>,
    /// High end of that range.
    pub range_high: Option<Formula>,
}

/// The distance rules a leg can name (legs.csv column `distance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DistanceRule {
    /// Great circle x circuity.
    Circuity,
    /// Measured on the shared rail network.
    MeasuredRail,
    /// Measured on the shared sea network.
    MeasuredSea,
}

/// A row of legs.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegRow {
    /// Leg id.
    pub id: String,
    /// Terminal id of one end.
    pub from: String,
    /// Terminal id of the other end.
    pub to: String,
    /// Mode.
    pub mode: Mode,
    /// Track gauge of a rail leg, mm.
    pub gauge: Option<u16>,
    /// Emission factor id.
    pub emission_factor: String,
    /// Corridor tags, separated by spaces.
    pub corridors: Option<String>,
    /// Distance rule, when leg_values.csv gives no distance.
    pub distance: Option<DistanceRule>,
    /// marnet passages removed when measuring (space-separated).
    pub measure_avoid: Option<String>,
    /// Speed of rules.toml (`[speed.*]`), when leg_values.csv gives no time.
    pub speed: Option<String>,
    /// Wait rule of rules.toml (`[wait.*]`); empty: `none`, unless
    /// leg_values.csv gives the wait.
    pub wait: Option<String>,
    /// Cost rule of costs.toml; empty: the first rule whose condition holds.
    pub cost: Option<String>,
}

impl LegRow {
    /// The corridor tags.
    pub fn tags(&self) -> Vec<String> {
        words(self.corridors.as_deref())
    }

    /// The passages removed when measuring.
    pub fn avoid(&self) -> Vec<String> {
        words(self.measure_avoid.as_deref())
    }
}

fn words(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A figure of a leg in leg_values.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegField {
    /// Distance, km.
    DistanceKm,
    /// Moving time, h.
    TimeH,
    /// Wait, h.
    WaitH,
    /// Capacity (with `unit`).
    Capacity,
    /// Sailings per week.
    SailingsPerWeek,
}

impl LegField {
    /// The field's name in the network's provenance.
    pub fn as_str(self) -> &'static str {
        match self {
            LegField::DistanceKm => "distance_km",
            LegField::TimeH => "time_h",
            LegField::WaitH => "wait_h",
            LegField::Capacity => "capacity",
            LegField::SailingsPerWeek => "sailings_per_week",
        }
    }
}

/// A row of leg_values.csv: one figure of one leg and its source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegValueRow {
    /// Leg id.
    pub leg: String,
    /// Which figure.
    pub field: LegField,
    /// The figure: a number or a formula.
    pub value: Formula,
    /// Unit (capacity only).
    pub unit: Option<CapacityUnit>,
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// How the figure was made (a template).
    pub note: Option<String>,
    /// Low end of the range where sources disagree.
    pub range_low: Option<Formula>,
    /// High end of that range.
    pub range_high: Option<Formula>,
}

/// A row of leg_sources.csv: a source of a leg beyond those of its figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegSourceRow {
    /// Leg id.
    pub leg: String,
    /// Source id.
    pub source: String,
}

/// Outcome of a network measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    /// Accepted.
    Ok,
    /// No path found.
    Failed,
    /// A path found but rejected (a detour through a gap).
    Rejected,
}

impl MeasureStatus {
    /// The word written to the CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            MeasureStatus::Ok => "ok",
            MeasureStatus::Failed => "failed",
            MeasureStatus::Rejected => "rejected",
        }
    }
}

/// A row of measured_distances.csv.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuredRow {
    /// Leg id.
    pub leg_id: String,
    /// Measured km (with snap connectors), if a path was found.
    pub km: Option<f64>,
    /// Outcome.
    pub status: MeasureStatus,
    /// How it was measured.
    pub note: String,
}

/// dataset.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetToml {
    /// Network name.
    pub name: String,
    /// Dataset version.
    pub version: String,
    /// Per-container assumptions.
    pub assumptions: AssumptionsToml,
}

/// `[assumptions]` of dataset.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssumptionsToml {
    /// Cargo per 20ft container, t.
    pub cargo_tonnes_20ft: f64,
    /// Cargo per 40ft container, t.
    pub cargo_tonnes_40ft: f64,
    /// Source id of the figures.
    pub source: String,
}

/// A figure made by a rule: value, provenance and note template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// The value: a number or a formula.
    pub value: Formula,
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Note template.
    pub note: String,
    /// Range where sources disagree.
    pub range: Option<[Formula; 2]>,
}

/// `[distance.circuity]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CircuityRule {
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Circuity factor by mode.
    pub factor: BTreeMap<Mode, f64>,
    /// Note template.
    pub note: String,
    /// Note template when a network measurement was unusable.
    pub note_unusable: String,
}

/// `[distance.measured-*]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasuredRule {
    /// Provenance method.
    pub method: Method,
    /// Source id (the network).
    pub source: String,
    /// Which shared network: `rail` or `sea`.
    pub network: String,
}

/// `[distance]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistanceRules {
    /// Great circle x circuity.
    pub circuity: CircuityRule,
    /// Measured on the rail network.
    #[serde(rename = "measured-rail")]
    pub measured_rail: MeasuredRule,
    /// Measured on the sea network.
    #[serde(rename = "measured-sea")]
    pub measured_sea: MeasuredRule,
}

/// `[time]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRule {
    /// Note template of a time from a speed.
    pub note: String,
}

/// `[handling.*]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandlingRule {
    /// USD per 20ft move.
    pub cost_usd_20: f64,
    /// USD per 40ft move.
    pub cost_usd_40: f64,
    /// Hours per move.
    pub time_h: f64,
    /// The hub factor (hub_factors.csv) of a move.
    pub hub_factor: String,
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Note.
    pub note: String,
}

/// `[passages]` of rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassageRules {
    /// Ports on the Sea of Marmara.
    pub marmara_ports: Vec<String>,
    /// Ports on the Black Sea.
    pub black_sea_ports: Vec<String>,
}

/// `[measure]` of rules.toml: how distances are measured on the shared
/// networks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRules {
    /// Nearest rail nodes looked at per end.
    pub rail_candidates: usize,
    /// Longest accepted snap to the rail network, km.
    pub rail_max_snap_km: f64,
    /// No rail path is looked for beyond this factor x great circle...
    pub rail_search_factor: f64,
    /// ... plus this, km.
    pub rail_search_slack_km: f64,
    /// Longer rail paths (x great circle) are rejected.
    pub rail_max_detour: f64,
    /// Nearest sea nodes looked at per end.
    pub sea_candidates: usize,
    /// Longest accepted snap to the sea network, km.
    pub sea_max_snap_km: f64,
    /// marnet passages every sea measurement avoids.
    pub sea_always_avoid: Vec<String>,
    /// marnet passage names mapped to the format's.
    pub passage_names: BTreeMap<String, String>,
}

/// rules.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Distance rules.
    pub distance: DistanceRules,
    /// Time rule.
    pub time: TimeRule,
    /// Speeds by network.
    pub speed: BTreeMap<String, Figure>,
    /// Wait rules.
    pub wait: BTreeMap<String, Figure>,
    /// Handling classes.
    pub handling: BTreeMap<String, HandlingRule>,
    /// Passage rules.
    pub passages: PassageRules,
    /// Measurement rules.
    pub measure: MeasureRules,
}

/// A rate of costs.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSpec {
    /// USD per container-km: a number or a formula.
    pub value: Formula,
    /// Unit, for the reader.
    pub unit: String,
    /// Source id.
    pub source: String,
}

/// A condition of a cost rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The leg's mode is one of these.
    #[serde(default)]
    pub modes: Vec<Mode>,
    /// The leg's gauge.
    pub gauge: Option<u16>,
    /// Both ends are in these countries.
    pub countries_within: Option<Vec<CountryCode>>,
    /// Neither end is in these countries.
    pub countries_outside: Option<Vec<CountryCode>>,
}

/// A cost rule of costs.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostRule {
    /// Rule id, named by legs.csv column `cost`.
    pub id: String,
    /// Conditions, any of which makes the rule apply to a leg that names no rule.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// 40ft cost, USD.
    pub forty: Formula,
    /// 20ft cost, USD (`forty` is the 40ft cost).
    pub twenty: Formula,
    /// Range of the 40ft cost.
    pub range: Option<[Formula; 2]>,
    /// Provenance method.
    pub method: Method,
    /// Source id.
    pub source: String,
    /// Note template.
    pub note: String,
}

/// costs.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Costs {
    /// Named rates.
    pub rate: BTreeMap<String, RateSpec>,
    /// Cost rules, in priority order.
    pub rule: Vec<CostRule>,
}

/// corridors.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct CorridorsToml {
    corridor: Vec<Corridor>,
}

/// Every table of the dataset.
#[derive(Debug, Clone)]
pub struct Tables {
    /// The directory read.
    pub dir: PathBuf,
    /// dataset.toml.
    pub dataset: DatasetToml,
    /// sources.csv.
    pub sources: Vec<Row<SourceRow>>,
    /// emission_factors.csv.
    pub emission_factors: Vec<Row<EmissionFactorRow>>,
    /// grid_intensities.csv.
    pub grid_intensities: Vec<Row<GridIntensityRow>>,
    /// hub_factors.csv.
    pub hub_factors: Vec<Row<HubFactorRow>>,
    /// corridors.toml.
    pub corridors: Vec<Corridor>,
    /// terminals.csv.
    pub terminals: Vec<Row<TerminalRow>>,
    /// aliases.csv.
    pub aliases: Vec<Row<AliasRow>>,
    /// terminal_sources.csv.
    pub terminal_sources: Vec<Row<TerminalSourceRow>>,
    /// terminal_values.csv.
    pub terminal_values: Vec<Row<TerminalValueRow>>,
    /// legs.csv.
    pub legs: Vec<Row<LegRow>>,
    /// leg_values.csv.
    pub leg_values: Vec<Row<LegValueRow>>,
    /// leg_sources.csv.
    pub leg_sources: Vec<Row<LegSourceRow>>,
    /// measured_distances.csv.
    pub measured: Vec<Row<MeasuredRow>>,
    /// rules.toml.
    pub rules: Rules,
    /// costs.toml.
    pub costs: Costs,
}

/// The file that measurement writes.
pub const MEASURED_FILE: &str = "measured_distances.csv";

impl Tables {
    /// Reads every table in `dir`.
    ///
    /// # Errors
    /// [`Error::Io`] when a file cannot be read, [`Error::Table`] at the
    /// first malformed row or value.
    pub fn read(dir: &Path) -> Result<Tables, Error> {
        let corridors: CorridorsToml = read_toml(dir, "corridors.toml")?;
        Ok(Tables {
            dir: dir.to_path_buf(),
            dataset: read_toml(dir, "dataset.toml")?,
            sources: read_csv(dir, "sources.csv")?,
            emission_factors: read_csv(dir, "emission_factors.csv")?,
            grid_intensities: read_csv(dir, "grid_intensities.csv")?,
            hub_factors: read_csv(dir, "hub_factors.csv")?,
            corridors: corridors.corridor,
            terminals: read_csv(dir, "terminals.csv")?,
            aliases: read_csv(dir, "aliases.csv")?,
            terminal_sources: read_csv(dir, "terminal_sources.csv")?,
            terminal_values: read_csv(dir, "terminal_values.csv")?,
            legs: read_csv(dir, "legs.csv")?,
            leg_values: read_csv(dir, "leg_values.csv")?,
            leg_sources: read_csv(dir, "leg_sources.csv")?,
            measured: read_csv(dir, MEASURED_FILE)?,
            rules: read_toml(dir, "rules.toml")?,
            costs: read_toml(dir, "costs.toml")?,
        })
    }
}

fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads a TOML file into `T`, locating a syntax or type error by line.
fn read_toml<T: DeserializeOwned>(dir: &Path, file: &'static str) -> Result<T, Error> {
    let text = read_text(&dir.join(file))?;
    toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        Error::table(
            Location {
                file: file.to_string(),
                line,
                field: None,
            },
            e.message().trim_end().to_string(),
        )
    })
}

/// Reads a CSV file with a header row into typed rows.
fn read_csv<T: DeserializeOwned>(dir: &Path, file: &'static str) -> Result<Vec<Row<T>>, Error> {
    let path = dir.join(file);
    let text = read_text(&path)?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::table(Location::line(file, 1), e.to_string()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Error::table(Location::line(file, line), e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let data = record.deserialize(Some(&headers)).map_err(|e| {
            let mut at = Location::line(file, line);
            let mut message = e.to_string();
            if let csv::ErrorKind::Deserialize { err, .. } = e.kind() {
                message = err.kind().to_string();
                let column = match err.field() {
                    Some(i) => headers.get(i as usize),
                    // serde's own errors (unknown variants...) carry no
                    // column: find the cell the message quotes
                    None => headers.iter().zip(record.iter()).find_map(|(h, cell)| {
                        let quoted = !cell.is_empty()
                            && (message.contains(&format!("`{cell}`"))
                                || message.contains(&format!("\"{cell}\"")));
                        quoted.then_some(h)
                    }),
                };
                if let Some(column) = column {
                    at = at.field(column);
                }
            }
            Error::table(at, message)
        })?;
        rows.push(Row { file, line, data });
    }
    Ok(rows)
}
