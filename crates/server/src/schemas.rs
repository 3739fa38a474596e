//! The schemas of the responses that API v1 has no Rust type for (the
//! diff and the scenario list are JSON built by the bindings' formatters),
//! and of the health check.
//!
//! The integration tests parse real responses into these types, which
//! refuse unknown fields: a field added to the formatters and not here
//! fails a test.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde::{Deserialize, Serialize};
use silkroute_bindings::v1::ErrorBody;

/// The response of `POST /v1/diff`: the best route and each corridor, on
/// the network as loaded (baseline) and with the request's scenarios.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffResponse {
    /// Always 1.
    pub api_version: u32,
    /// The origin as given.
    pub from: String,
    /// The destination as given.
    pub to: String,
    /// The objective minimised.
    pub objective: String,
    /// The scenarios applied, in order.
    pub scenarios: Vec<DiffScenario>,
    /// The best route overall.
    pub best: Option<DiffRow>,
    /// One row per corridor of the baseline network, in its order.
    pub corridors: Vec<DiffRow>,
}

/// A scenario applied by a diff.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffScenario {
    /// Scenario id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// One row of a diff.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffRow {
    /// Corridor id; `null` for the best route overall.
    pub corridor: Option<String>,
    /// A label for people.
    pub corridor_name: String,
    /// `unchanged`, `changed`, `now_infeasible`, `now_feasible` or `infeasible`.
    pub status: String,
    /// The baseline side.
    pub baseline: DiffSide,
    /// The side with the scenarios applied.
    pub scenario: DiffSide,
    /// Scenario minus baseline, when both sides have a route.
    pub delta: Option<DiffDelta>,
}

/// One side of a diff row: the totals of its route, or why it has none.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum DiffSide {
    /// The route's totals.
    Route(DiffTotals),
    /// No route on this side.
    NoRoute(DiffNoRoute),
}

/// The totals of one side's route.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffTotals {
    /// Hours door to door.
    pub time_h: f64,
    /// USD per container.
    pub cost_usd: f64,
    /// kg CO2e per container (well-to-wheel).
    pub co2e_kg: f64,
    /// Kilometres.
    pub distance_km: f64,
    /// Mode or gauge changes.
    pub transfers: u32,
    /// Countries with a terminal on the route (ISO 3166-1 alpha-2), in order.
    pub countries: Vec<String>,
    /// Passages used, in order.
    pub passages: Vec<String>,
    /// The stops by name.
    pub stops: Vec<String>,
}

/// Why a side has no route.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffNoRoute {
    /// The reason.
    pub error: ErrorBody,
}

/// Scenario minus baseline.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiffDelta {
    /// Hours.
    pub time_h: f64,
    /// USD per container.
    pub cost_usd: f64,
    /// kg CO2e per container.
    pub co2e_kg: f64,
    /// Kilometres.
    pub distance_km: f64,
}

/// A built-in what-if scenario, as `silkroute scenarios --json` lists it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInfo {
    /// Scenario id, for `scenarios` in requests.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the scenario models.
    pub description: String,
    /// The publications the scenario rests on.
    pub sources: Vec<ScenarioSource>,
    /// The changes, in words.
    pub changes: Vec<String>,
    /// What it does to the served network (absent when it does not apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<ScenarioEffect>,
    /// Why it does not apply to the served network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The problems found, when it does not apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issues: Option<Vec<String>>,
}

/// A source of a scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSource {
    /// Stable id.
    pub id: String,
    /// Title of the publication or page.
    pub title: String,
    /// Publisher or author.
    pub publisher: String,
    /// Year of publication.
    pub year: u16,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `A` (official) to `D` (this project's estimation rule).
    pub grade: String,
}

/// What a scenario does to the network, counted by id.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioEffect {
    /// Legs removed.
    pub legs_closed: u32,
    /// Legs added.
    pub legs_added: u32,
    /// Legs whose figures change.
    pub legs_changed: u32,
    /// Terminals removed.
    pub terminals_closed: u32,
    /// Terminals added.
    pub terminals_added: u32,
    /// Terminals changed.
    pub terminals_changed: u32,
    /// Corridor definitions left without the legs they require.
    pub corridors_dropped: u32,
}

/// The answer of `GET /health`.
#[derive(Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// The API version served (1).
    pub api_version: u32,
    /// The library's version.
    pub library_version: String,
    /// The network's dataset version, if it has one.
    pub dataset_version: Option<String>,
    /// The network's name, if it has one.
    pub network: Option<String>,
    /// The what-if scenarios the served network was built with (`silkroute
    /// serve --scenario`), in order.
    pub scenarios: Vec<String>,
}

/// A GeoJSON FeatureCollection (RFC 7946), as `--format geojson` prints
/// it: one LineString Feature per route (`kind: route`) followed by its
/// legs (`kind: leg`); for a matrix, one Feature per pair. Coordinates are
/// `[longitude, latitude]` in WGS84.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct FeatureCollection {
    /// `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The features.
    pub features: Vec<Feature>,
}

/// A GeoJSON Feature.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Feature {
    /// `Feature`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A LineString, or `null` for a matrix pair without a route.
    pub geometry: Option<serde_json::Map<String, serde_json::Value>>,
    /// The figures of the route, leg or pair: km, hours, USD, kg CO2e.
    pub properties: serde_json::Map<String, serde_json::Value>,
}

/// The definitions of these schemas (and of the v1 types they use), for
/// the OpenAPI document's components.
pub fn definitions() -> serde_json::Map<String, serde_json::Value> {
    let mut g = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    g.subschema_for::<DiffResponse>();
    g.subschema_for::<ScenarioInfo>();
    g.subschema_for::<Health>();
    g.subschema_for::<FeatureCollection>();
    g.take_definitions(true)
}
