//! API v1: request and response types.
//!
//! Field names and units are part of the contract: distances in km, times
//! in hours, money in USD per container, emissions in kg CO2e per
//! container. Optional request fields may be omitted.
//!
//! The request is parsed once into typed values ([`Request`], see
//! `request.rs`); responses are built from the routing types
//! (`convert.rs`); errors carry an [`ErrorKind`] (`error.rs`).

mod convert;
mod error;
mod request;

pub use error::{ErrorBody, ErrorKind, ErrorResponse};
pub(crate) use request::scenario_error;
pub use request::{MAX_CARGO_TONNES, MAX_SCENARIOS, Request, Scenarios};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The API version these types implement.
pub const API_VERSION: u32 = 1;

pub(crate) fn one() -> u32 {
    API_VERSION
}

/// A route request.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RouteRequest {
    /// Origin: a terminal id, name or alias, or `"LAT,LON"`.
    #[schemars(length(min = 1), extend("examples" = ["Xi'an"]))]
    pub from: String,
    /// Destination, as `from`.
    #[schemars(length(min = 1), extend("examples" = ["Duisburg"]))]
    pub to: String,
    /// Ordered waypoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 16))]
    pub via: Vec<String>,
    /// `cost` (default), `time`, `distance`, `co2e` or `generalized`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
    /// USD per container-hour, for `generalized` (default 1.5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1_000_000))]
    pub value_of_time: Option<f64>,
    /// USD per tonne CO2e, for `generalized` (default 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 1_000_000))]
    pub carbon_price: Option<f64>,
    /// Allowed modes (`rail`, `road`, `sea`, `ferry`); empty: all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<String>,
    /// Countries to avoid (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_countries: Vec<String>,
    /// Passages to avoid (`suez`, `bab-el-mandeb`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_passages: Vec<String>,
    /// Terminals to avoid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_terminals: Vec<String>,
    /// Legs to avoid, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_legs: Vec<String>,
    /// Corridors (ids or corridor tags of legs) to avoid.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid_corridors: Vec<String>,
    /// Most mode or gauge changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_transfers: Option<u32>,
    /// `20` or `40` (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = [20, 40, null]))]
    pub container: Option<u32>,
    /// Alternatives besides the best route (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 20))]
    pub alternatives: Option<usize>,
    /// Pareto ε (default 0: the exact set). Used by `pareto` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 10))]
    pub epsilon: Option<f64>,
    /// What-if scenarios applied to the network before routing, in order:
    /// built-in ids (`red-sea-closure`), scenario file paths, or inline
    /// scenario JSON (see `docs/SCENARIOS.md`). Empty: the network as loaded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = 16))]
    pub scenarios: Vec<String>,
    /// Cargo tonnes in the container, for emission factors per tonne-km
    /// (default: the network's assumption, 10 t per 20ft and 20 t per 40ft
    /// under IMO MEPC.1/Circ.684). More than 0 and at most the container's
    /// payload: 28.18 t for a 20ft box, 26.68 t for a 40ft box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0), range(max = 28.18))]
    pub cargo_tonnes: Option<f64>,
}

impl RouteRequest {
    /// A request from `from` to `to` with every option at its default.
    pub fn new(from: impl Into<String>, to: impl Into<String>) -> Self {
        RouteRequest {
            from: from.into(),
            to: to.into(),
            ..Default::default()
        }
    }
}

/// A terminal in a response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Stop {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// Latitude, WGS84.
    pub lat: f64,
    /// Longitude, WGS84.
    pub lon: f64,
}

/// Totals of a route: legs plus transfers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Totals {
    /// Kilometres.
    pub distance_km: f64,
    /// Door-to-door hours: moving, waiting and transfers.
    pub time_h: f64,
    /// USD per container, transfers included.
    pub cost_usd: f64,
    /// kg CO2e per container (well-to-wheel), legs plus hubs (transfers).
    pub co2e_kg: f64,
    /// The tank-to-wheel part of `co2e_kg`, kg.
    pub co2e_ttw_kg: f64,
    /// The well-to-tank part of `co2e_kg`, kg.
    pub co2e_wtt_kg: f64,
    /// The part of `co2e_kg` emitted at hubs (transfers), kg.
    pub co2e_hubs_kg: f64,
    /// Mode or gauge changes.
    pub transfers: u32,
    /// Borders crossed.
    pub border_crossings: u32,
    /// Moving hours only.
    pub moving_h: f64,
    /// Waiting hours only.
    pub wait_h: f64,
    /// Transfer (handling) hours only.
    pub transfer_h: f64,
}

/// One leg of a route, in the direction travelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Leg {
    /// The leg's id in the network.
    pub id: String,
    /// Start.
    pub from: Stop,
    /// End.
    pub to: Stop,
    /// `rail`, `road`, `sea` or `ferry`.
    pub mode: String,
    /// Track gauge in mm, for rail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gauge_mm: Option<u16>,
    /// Kilometres.
    pub distance_km: f64,
    /// Moving hours.
    pub time_h: f64,
    /// Expected waiting hours.
    pub wait_h: f64,
    /// USD per container.
    pub cost_usd: f64,
    /// kg CO2e per container (well-to-wheel).
    pub co2e_kg: f64,
    /// The tank-to-wheel part of `co2e_kg`, kg.
    pub co2e_ttw_kg: f64,
    /// The well-to-tank part of `co2e_kg`, kg.
    pub co2e_wtt_kg: f64,
    /// The emission factor's id (see `emission_factors` of the network).
    pub emission_factor: String,
    /// Corridor tags.
    pub corridors: Vec<String>,
    /// Passages.
    pub passages: Vec<String>,
    /// Border crossed `[from, to]`, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub border: Option<[String; 2]>,
    /// Source ids (see `sources` of the network).
    pub sources: Vec<String>,
}

/// A change of mode or gauge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Transfer {
    /// Where.
    pub at: Stop,
    /// Mode arrived on.
    pub from_mode: String,
    /// Mode left on.
    pub to_mode: String,
    /// Gauge arrived on, mm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_gauge_mm: Option<u16>,
    /// Gauge left on, mm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_gauge_mm: Option<u16>,
    /// Handling hours.
    pub time_h: f64,
    /// Handling USD per container.
    pub cost_usd: f64,
    /// Hub emissions of the change, kg CO2e per container (well-to-wheel),
    /// counted in the totals.
    pub co2e_kg: f64,
    /// The tank-to-wheel part of `co2e_kg`, kg.
    pub co2e_ttw_kg: f64,
    /// The well-to-tank part of `co2e_kg`, kg.
    pub co2e_wtt_kg: f64,
    /// The transfer happens after this many legs.
    pub after_legs: usize,
}

/// How a position endpoint was snapped to a terminal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Snap {
    /// `origin`, `via` or `destination`.
    pub role: String,
    /// Latitude given.
    pub lat: f64,
    /// Longitude given.
    pub lon: f64,
    /// Terminal chosen.
    pub terminal: String,
    /// Great-circle km from the position to the terminal.
    pub distance_km: f64,
}

/// A route.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Route {
    /// Corridor id: the one asked for in a comparison, else the first whose
    /// rule the route satisfies; `null` if none.
    pub corridor: Option<String>,
    /// Corridor display name.
    pub corridor_name: Option<String>,
    /// The objective minimised.
    pub objective: String,
    /// Its value (USD, hours, km, kg CO2e or generalized USD).
    pub objective_value: f64,
    /// `20` or `40`.
    pub container: u32,
    /// Totals.
    pub totals: Totals,
    /// Countries with a terminal on the route, in order.
    pub countries: Vec<String>,
    /// Passages used, in order.
    pub passages: Vec<String>,
    /// Legs, in order.
    pub legs: Vec<Leg>,
    /// Transfers, in order.
    pub transfers: Vec<Transfer>,
    /// Snapped position endpoints, if any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub snaps: Vec<Snap>,
}

/// The response of `route` and `pareto`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct RouteResponse {
    /// Always 1.
    #[serde(default = "one")]
    pub api_version: u32,
    /// Best first; then alternatives (route) or the rest of the Pareto set.
    pub routes: Vec<Route>,
}

/// A corridor that has no route for a comparison, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct Unavailable {
    /// Corridor id.
    pub corridor: String,
    /// Corridor display name.
    pub corridor_name: String,
    /// Why.
    pub error: ErrorBody,
}

/// The response of `compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct CompareResponse {
    /// Always 1.
    #[serde(default = "one")]
    pub api_version: u32,
    /// The best route of each corridor that has one, in the network's order.
    pub routes: Vec<Route>,
    /// Corridors without a route, with the reason.
    pub unavailable: Vec<Unavailable>,
}

/// A terminal in a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct TerminalInfo {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Country.
    pub country: String,
    /// Kind of place (`sea_port`, `rail_terminal`, …).
    pub kind: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Versions of the library, the API and the dataset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct VersionInfo {
    /// Always 1.
    pub api_version: u32,
    /// The library's version.
    pub library_version: String,
    /// The network's dataset version, if it has one.
    pub dataset_version: Option<String>,
    /// The network's name, if it has one.
    pub network: Option<String>,
}

/// One origin–destination pair of a matrix: the columns of the CSV, in
/// order, plus `message`. A pair without a route has `null` figures and a
/// `status` saying why (never 0 or a sentinel).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MatrixRow {
    /// The origin's terminal name, or the origin as given if unknown.
    pub origin: String,
    /// The destination's terminal name, or the destination as given.
    pub destination: String,
    /// The corridor of the best route, if it has one.
    pub corridor: Option<String>,
    /// Kilometres.
    pub distance_km: Option<f64>,
    /// Hours door to door.
    pub time_h: Option<f64>,
    /// USD per container.
    pub cost_usd: Option<f64>,
    /// kg CO2e per container.
    pub co2e_kg: Option<f64>,
    /// Mode or gauge changes.
    pub transfers: Option<u32>,
    /// `ok`, or the error kind that explains the missing route.
    pub status: String,
    /// The error message when there is no route.
    pub message: Option<String>,
}

/// The response to a matrix: one row per pair, origins major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct MatrixResponse {
    /// Always 1.
    #[serde(default = "one")]
    pub api_version: u32,
    /// The rows, in input order (origins major).
    pub rows: Vec<MatrixRow>,
}

/// One line of an emissions report (ISO 14083 transport chain element): a
/// leg (transport operation) or a hub (a mode or gauge change).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct EmissionsRow {
    /// `leg` or `hub`.
    pub element: String,
    /// The leg's id, or the terminal's id for a hub.
    pub id: String,
    /// Where the leg starts, or where the hub is (terminal name).
    pub from: String,
    /// Where the leg ends (terminal name); empty for a hub.
    pub to: String,
    /// `rail`, `road`, `sea`, `ferry`, or for a hub the change (`rail 1435 → rail 1520`).
    pub mode: String,
    /// Transport activity: tonne-km, TEU-km, or TEU handled at a hub.
    pub activity: f64,
    /// `t_km`, `teu_km` or `teu`.
    pub activity_unit: String,
    /// The factor's id (emission factor of a leg, hub factor of a hub).
    pub factor: String,
    /// The factor applied, well-to-wheel: g CO2e per t-km or TEU-km for a
    /// leg (the electric part at the grid of the leg's countries), kg CO2e
    /// per TEU for a hub.
    pub intensity: f64,
    /// `g_per_tkm`, `g_per_teu_km` or `kg_per_teu`.
    pub intensity_unit: String,
    /// Share of the activity hauled by electric traction.
    pub electric_share: f64,
    /// Grid intensity used for the electric part, g CO2e per kWh (mean of
    /// the leg's end countries); `null` without an electric part.
    pub grid_g_per_kwh: Option<f64>,
    /// The factor's source id.
    pub source: String,
    /// How the factor was obtained (`published`, `derived`, `estimate`).
    pub method: Option<String>,
    /// Well-to-tank kg CO2e.
    pub wtt_kg: f64,
    /// Tank-to-wheel kg CO2e.
    pub ttw_kg: f64,
    /// Well-to-wheel kg CO2e (`wtt_kg + ttw_kg`).
    pub co2e_kg: f64,
}

/// The response of `emissions`: the best route's ISO 14083 breakdown, leg
/// by leg and hub by hub, in the order travelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct EmissionsResponse {
    /// Always 1.
    #[serde(default = "one")]
    pub api_version: u32,
    /// The route the breakdown is of.
    pub route: Route,
    /// Cargo tonnes in the container, as used by per-tonne-km factors.
    pub cargo_tonnes: f64,
    /// Legs and hubs, in the order travelled.
    pub rows: Vec<EmissionsRow>,
}
