//! `silkroute route`, `compare` and `pareto`: the routing commands.
//!
//! The flags are parsed once, by clap, into typed values (objective, modes,
//! countries, passages, container size) and a [`Request`]; the command hands
//! it to the same [`Engine`] the C and Python bindings call and formats the
//! typed result, so `--json` output is byte-identical to theirs.

use crate::output::{CliError, NetworkArgs, Out, fig, write_table};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use silkroute_bindings::v1::{self, ErrorBody, ErrorKind, Request, Scenarios};
use silkroute_bindings::{Engine, error_json, routes_geojson, to_json};
use silkroute_core::{ContainerSize, CountryCode, Mode, Passage};
use silkroute_routing::{Endpoint, Objective, ParetoOptions, Route, RouteRequest, RouterLimits};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table: totals in days, USD and t CO2e, then one line per leg.
    Table,
    /// API v1 JSON.
    Json,
    /// GeoJSON FeatureCollection (routes and their legs as LineStrings).
    Geojson,
}

/// A clap parser of one of `names` into the library type `T` (whose
/// `FromStr` accepts them all): clap lists the names in help and errors.
fn named<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    PossibleValuesParser::new(names).try_map(|s| s.parse::<T>())
}

/// A clap parser through the library type's `FromStr`, whose error says
/// what is accepted (countries, passages with their aliases).
fn parsed<T>(s: &str) -> Result<T, String>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    s.parse::<T>().map_err(|e| e.to_string())
}

const OBJECTIVES: &[&str] = &["cost", "time", "distance", "co2e", "generalized"];
const MODES: &[&str] = &["rail", "road", "sea", "ferry"];
const CONTAINERS: &[&str] = &["20", "40"];

/// The route filters shared by `route`, `compare`, `pareto`, `diff`: the
/// endpoints, the waypoints, the output format and the [`RouteOptions`].
#[derive(Debug, Clone, Args)]
pub struct RouteFilters {
    /// Origin: a terminal name, alias or id, or LAT,LON to snap to the nearest terminal.
    #[arg(long, value_name = "TERMINAL", allow_hyphen_values = true)]
    pub from: String,
    /// Destination, like --from.
    #[arg(long, value_name = "TERMINAL", allow_hyphen_values = true)]
    pub to: String,
    /// Waypoint, visited in order; repeatable.
    #[arg(long, value_name = "TERMINAL")]
    pub via: Vec<String>,
    #[command(flatten)]
    pub options: RouteOptions,
    /// Print API v1 JSON (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// The route options of every command that routes (`route`, `compare`,
/// `pareto`, `diff`, `matrix`, `map`): what to minimise, what to avoid,
/// scenarios and the network.
#[derive(Debug, Clone, Args)]
pub struct RouteOptions {
    /// What to minimise.
    #[arg(long, value_name = "OBJECTIVE", default_value = "cost", value_parser = named::<Objective>(OBJECTIVES))]
    pub objective: Objective,
    /// Value of time for the generalized cost, USD per container-hour [default: 1.5].
    #[arg(long, value_name = "USD_PER_H", allow_negative_numbers = true)]
    pub value_of_time: Option<f64>,
    /// Carbon price for the generalized cost, USD per tonne CO2e [default: 90].
    #[arg(long, value_name = "USD_PER_T", allow_negative_numbers = true)]
    pub carbon_price: Option<f64>,
    /// Allowed modes, comma-separated: rail,road,sea,ferry (transfers always allowed).
    #[arg(long, value_name = "MODES", value_delimiter = ',', value_parser = named::<Mode>(MODES))]
    pub modes: Vec<Mode>,
    /// Countries to avoid, ISO 3166-1 alpha-2, comma-separated.
    #[arg(long, value_name = "ISO2,...", value_delimiter = ',', value_parser = parsed::<CountryCode>)]
    pub avoid_country: Vec<CountryCode>,
    /// Passages to avoid, comma-separated: suez, bab-el-mandeb, bosporus, hormuz, …
    #[arg(long, value_name = "PASSAGE,...", value_delimiter = ',', value_parser = parsed::<Passage>)]
    pub avoid_passage: Vec<Passage>,
    /// Terminals to avoid, comma-separated.
    #[arg(long, value_name = "T,...", value_delimiter = ',')]
    pub avoid_terminal: Vec<String>,
    /// Legs to avoid, by id, comma-separated.
    #[arg(long, value_name = "LEG,...", value_delimiter = ',')]
    pub avoid_leg: Vec<String>,
    /// Corridors (ids or leg tags) to avoid, comma-separated.
    #[arg(long, value_name = "CORRIDOR,...", value_delimiter = ',')]
    pub avoid_corridor: Vec<String>,
    /// Most mode or gauge changes.
    #[arg(long, value_name = "N")]
    pub max_transfers: Option<u32>,
    /// Container size.
    #[arg(long, value_name = "20|40", default_value = "40", value_parser = named::<ContainerSize>(CONTAINERS))]
    pub container: ContainerSize,
    /// What-if scenario applied to the network first: a built-in id (see
    /// `silkroute scenarios`) or a scenario file; repeatable, applied in order.
    #[arg(long, value_name = "NAME|FILE")]
    pub scenario: Vec<String>,
    /// Cargo tonnes in the container, for emission factors per tonne-km
    /// [default: 10 per 20ft, 20 per 40ft].
    #[arg(long, value_name = "T", allow_negative_numbers = true)]
    pub cargo_tonnes: Option<f64>,
    #[command(flatten)]
    pub network: NetworkArgs,
}

impl RouteOptions {
    /// The typed request the options describe, from `from` to `to` through
    /// `via`, with scenario files read and passed inline (the engine itself
    /// reads no files).
    ///
    /// # Errors
    /// An unreadable or invalid scenario file, an unknown scenario.
    pub fn request(&self, from: &str, to: &str, via: &[String]) -> Result<Request, ErrorBody> {
        let mut r = RouteRequest::new(Endpoint::parse(from), Endpoint::parse(to))
            .objective(self.objective)
            .container(self.container);
        for v in via {
            r = r.via(Endpoint::parse(v));
        }
        if let Some(v) = self.value_of_time {
            r = r.value_of_time(v);
        }
        if let Some(v) = self.carbon_price {
            r = r.carbon_price(v);
        }
        for &m in &self.modes {
            r = r.mode(m);
        }
        for &c in &self.avoid_country {
            r = r.avoid_country(c);
        }
        for &p in &self.avoid_passage {
            r = r.avoid_passage(p);
        }
        for t in self.avoid_terminal.iter().filter(|s| !s.trim().is_empty()) {
            r = r.avoid_terminal(t.trim());
        }
        for l in self.avoid_leg.iter().filter(|s| !s.trim().is_empty()) {
            r = r.avoid_leg(l.trim());
        }
        for c in self.avoid_corridor.iter().filter(|s| !s.trim().is_empty()) {
            r = r.avoid_corridor(c.trim());
        }
        if let Some(m) = self.max_transfers {
            r = r.max_transfers(m);
        }
        let mut request = Request::new(r);
        request.scenarios = self.scenarios()?;
        Ok(request)
    }

    /// The scenarios named, with scenario files read and passed inline.
    ///
    /// # Errors
    /// As [`request`](Self::request).
    pub fn scenarios(&self) -> Result<Scenarios, ErrorBody> {
        let s = Scenarios::parse(&silkroute_bindings::inline_scenario_files(&self.scenario)?)?;
        match self.cargo_tonnes {
            Some(t) => s.with_cargo_tonnes(self.container, t),
            None => Ok(s),
        }
    }

    /// The engine over the network the options name, under `limits`.
    ///
    /// # Errors
    /// A network that cannot be read or is invalid.
    pub fn engine(&self, limits: RouterLimits) -> Result<Engine, CliError> {
        Ok(Engine::with_limits(self.network.load()?, limits))
    }
}

impl RouteFilters {
    fn format(&self) -> Format {
        if self.json { Format::Json } else { self.format }
    }

    /// The typed request the filters describe.
    ///
    /// # Errors
    /// As [`RouteOptions::request`].
    pub fn request(&self) -> Result<Request, ErrorBody> {
        self.options.request(&self.from, &self.to, &self.via)
    }

    /// The engine and the request, or the error to report.
    fn prepare(&self) -> Result<(Engine, Result<Request, ErrorBody>), CliError> {
        Ok((
            self.options.engine(RouterLimits::default())?,
            self.request(),
        ))
    }
}

/// Arguments of `silkroute route`.
#[derive(Debug, Clone, Args)]
pub struct RouteArgs {
    #[command(flatten)]
    pub filters: RouteFilters,
    /// Also list up to K meaningfully different alternatives.
    #[arg(long, value_name = "K", default_value_t = 0)]
    pub alternatives: usize,
}

/// Arguments of `silkroute compare`.
#[derive(Debug, Clone, Args)]
pub struct CompareArgs {
    #[command(flatten)]
    pub filters: RouteFilters,
}

/// Arguments of `silkroute pareto`.
#[derive(Debug, Clone, Args)]
pub struct ParetoArgs {
    #[command(flatten)]
    pub filters: RouteFilters,
    /// Relative tolerance that thins the set (0: exact).
    #[arg(long, value_name = "EPS", default_value_t = 0.0)]
    pub epsilon: f64,
}

/// Reports an API error: JSON on stdout with `--json`, always a message on
/// stderr, and the exit code of its kind.
pub(crate) fn fail(out: Out<'_>, json: bool, e: ErrorBody) -> Result<(), CliError> {
    if json {
        writeln!(out, "{}", error_json(&e))?;
    }
    let mut msg = e.message.clone();
    if e.kind == ErrorKind::InvalidNetwork && !e.suggestions.is_empty() {
        msg = format!("{msg}\n  {}", e.suggestions.join("\n  "));
    }
    Err(if e.kind == ErrorKind::NoRoute {
        CliError::NoResult(msg)
    } else {
        CliError::Usage(msg)
    })
}

/// Runs `silkroute route`.
///
/// # Errors
/// A usage error for a bad request, a no-result error when no route exists.
pub fn route(args: &RouteArgs, out: Out<'_>) -> Result<(), CliError> {
    let f = &args.filters;
    let format = f.format();
    let (engine, request) = f.prepare()?;
    let result = request.and_then(|mut r| {
        r.route = r.route.alternatives(args.alternatives);
        engine.route(&r)
    });
    print_routes(out, format, result, |out, routes| {
        writeln!(
            out,
            "{} → {}   objective: {}, {} container",
            routes[0].origin.name,
            routes[0].destination.name,
            f.options.objective,
            routes[0].container
        )?;
        for (i, r) in routes.iter().enumerate() {
            let title = if i == 0 {
                "Best route".to_string()
            } else {
                format!("Alternative {i}")
            };
            write_route(out, &title, r)?;
        }
        Ok(())
    })
}

/// Prints routes (or the error) as JSON, GeoJSON or, with `table`, a table.
fn print_routes(
    out: Out<'_>,
    format: Format,
    result: Result<Vec<Route>, ErrorBody>,
    table: impl FnOnce(Out<'_>, &[Route]) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let routes = match result {
        Ok(routes) => routes,
        Err(e) => return fail(out, format == Format::Json, e),
    };
    match format {
        Format::Json => writeln!(out, "{}", to_json(&v1::RouteResponse::from_routes(&routes)))?,
        Format::Geojson => writeln!(out, "{}", routes_geojson(&routes))?,
        Format::Table => table(out, &routes)?,
    }
    Ok(())
}

/// Runs `silkroute compare`.
///
/// # Errors
/// A usage error for a bad request.
pub fn compare(args: &CompareArgs, out: Out<'_>) -> Result<(), CliError> {
    let f = &args.filters;
    let format = f.format();
    let (engine, request) = f.prepare()?;
    let options = match request.and_then(|r| engine.compare(&r)) {
        Ok(o) => o,
        Err(e) => return fail(out, format == Format::Json, e),
    };
    match format {
        Format::Json => writeln!(
            out,
            "{}",
            to_json(&v1::CompareResponse::from_options(&options))
        )?,
        Format::Geojson => {
            let routes: Vec<Route> = options
                .iter()
                .filter_map(|o| o.result.as_ref().ok().cloned())
                .collect();
            writeln!(out, "{}", routes_geojson(&routes))?;
        }
        Format::Table => {
            let (from, to) = match options.iter().find_map(|o| o.result.as_ref().ok()) {
                Some(r) => (r.origin.name.clone(), r.destination.name.clone()),
                None => (f.from.clone(), f.to.clone()),
            };
            writeln!(
                out,
                "{from} → {to} by corridor   objective: {}, {} container",
                f.options.objective, f.options.container
            )?;
            let rows: Vec<Vec<String>> = options
                .iter()
                .map(|o| match &o.result {
                    Ok(r) => vec![
                        o.corridor.name.clone(),
                        fig(r.totals.time.get() / 24.0, 1),
                        fig(r.totals.cost.get(), 0),
                        format!(
                            "{} ({})",
                            fig(r.totals.co2e.get() / 1000.0, 2),
                            fig(r.totals.co2e_ttw.get() / 1000.0, 2)
                        ),
                        fig(r.totals.distance.get(), 0),
                        r.totals.transfers.to_string(),
                        countries(r),
                    ],
                    Err(e) => {
                        let mut row = vec![o.corridor.name.clone()];
                        row.extend(std::iter::repeat_n("—".to_string(), 5));
                        row.push(format!("no route: {}", short_reason(e)));
                        row
                    }
                })
                .collect();
            write_table(
                out,
                &[
                    "CORRIDOR",
                    "DAYS",
                    "USD",
                    "T CO2E (TTW)",
                    "KM",
                    "TRANSFERS",
                    "COUNTRIES",
                ],
                &rows,
            )?;
        }
    }
    Ok(())
}

fn countries(r: &Route) -> String {
    r.countries
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn short_reason(e: &silkroute_routing::RoutingError) -> String {
    match e {
        silkroute_routing::RoutingError::NoRoute { reason, .. }
        | silkroute_routing::RoutingError::Contradictory { reason } => reason.clone(),
        other => other.to_string(),
    }
}

/// Runs `silkroute pareto`.
///
/// # Errors
/// A usage error for a bad request, a no-result error when no route exists.
pub fn pareto(args: &ParetoArgs, out: Out<'_>) -> Result<(), CliError> {
    let f = &args.filters;
    let format = f.format();
    let (engine, request) = f.prepare()?;
    let result = request.and_then(|mut r| {
        r.pareto = ParetoOptions::default().epsilon(args.epsilon);
        engine.pareto(&r)
    });
    print_routes(out, format, result, |out, routes| {
        writeln!(
            out,
            "{} → {}: {} routes no other beats on cost, time and CO2e at once",
            routes[0].origin.name,
            routes[0].destination.name,
            routes.len()
        )?;
        let rows: Vec<Vec<String>> = routes
            .iter()
            .map(|r| {
                vec![
                    fig(r.totals.cost.get(), 0),
                    fig(r.totals.time.get() / 24.0, 1),
                    fig(r.totals.co2e.get() / 1000.0, 2),
                    r.corridor_name.clone().unwrap_or_else(|| "—".into()),
                    r.stops().join(" › "),
                ]
            })
            .collect();
        write_table(out, &["USD", "DAYS", "T CO2E", "CORRIDOR", "VIA"], &rows)?;
        Ok(())
    })
}

/// Runs `silkroute emissions`: the best route's ISO 14083 breakdown.
///
/// # Errors
/// A usage error for a bad request, a no-result error when no route exists.
pub fn emissions(args: &CompareArgs, out: Out<'_>) -> Result<(), CliError> {
    let f = &args.filters;
    let format = f.format();
    let (engine, request) = f.prepare()?;
    let report = match request.and_then(|r| engine.emissions(&r)) {
        Ok(r) => r,
        Err(e) => return fail(out, format == Format::Json, e),
    };
    if format == Format::Json {
        writeln!(out, "{}", to_json(&report))?;
        return Ok(());
    }
    let r = &report.route;
    let (from, to) = match (r.legs.first(), r.legs.last()) {
        (Some(a), Some(b)) => (a.from.name.clone(), b.to.name.clone()),
        _ => (f.from.clone(), f.to.clone()),
    };
    writeln!(
        out,
        "{from} → {to}: emissions of the best route ({}), {}ft container, {} t cargo",
        r.objective,
        r.container,
        fig(report.cargo_tonnes, 1)
    )?;
    writeln!(
        out,
        "ISO 14083 / GLEC: well-to-wheel (WTW) = well-to-tank (WTT) + tank-to-wheel (TTW); hubs are mode and gauge changes"
    )?;
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let unit = match e.activity_unit.as_str() {
                "t_km" => "t-km",
                "teu_km" => "TEU-km",
                other => other,
            };
            let intensity_unit = match e.intensity_unit.as_str() {
                "g_per_tkm" => "g/t-km",
                "g_per_teu_km" => "g/TEU-km",
                "kg_per_teu" => "kg/TEU",
                other => other,
            };
            vec![
                format!("{}", i + 1),
                e.element.clone(),
                if e.to.is_empty() {
                    e.from.clone()
                } else {
                    format!("{} → {}", e.from, e.to)
                },
                e.mode.clone(),
                format!("{} {unit}", fig(e.activity, 0)),
                e.factor.clone(),
                format!("{} {intensity_unit}", fig(e.intensity, 1)),
                e.source.clone(),
                fig(e.wtt_kg, 1),
                fig(e.ttw_kg, 1),
                fig(e.co2e_kg, 1),
            ]
        })
        .collect();
    write_table(
        out,
        &[
            "#",
            "ELEMENT",
            "WHERE",
            "MODE",
            "ACTIVITY",
            "FACTOR",
            "WTW FACTOR",
            "SOURCE",
            "WTT KG",
            "TTW KG",
            "WTW KG",
        ],
        &rows,
    )?;
    let t = &r.totals;
    writeln!(
        out,
        "Total: {} kg WTT + {} kg TTW = {} kg CO2e WTW ({} kg at hubs)",
        fig(t.co2e_wtt_kg, 1),
        fig(t.co2e_ttw_kg, 1),
        fig(t.co2e_kg, 1),
        fig(t.co2e_hubs_kg, 1)
    )?;
    Ok(())
}

/// Writes one route: totals, then one line per leg with transfers between.
fn write_route(out: Out<'_>, title: &str, r: &Route) -> Result<(), CliError> {
    let t = &r.totals;
    writeln!(out)?;
    writeln!(
        out,
        "{title}: {}",
        r.corridor_name.as_deref().unwrap_or("no named corridor")
    )?;
    writeln!(
        out,
        "  {} days   {} USD   {} t CO2e WTW ({} TTW)   {} km   {} transfers   {} borders",
        fig(t.time.get() / 24.0, 1),
        fig(t.cost.get(), 0),
        fig(t.co2e.get() / 1000.0, 2),
        fig(t.co2e_ttw.get() / 1000.0, 2),
        fig(t.distance.get(), 0),
        t.transfers,
        t.border_crossings
    )?;
    writeln!(
        out,
        "  time: {} h moving + {} h waiting + {} h transfers   countries: {}   passages: {}",
        fig(t.moving_time.get(), 0),
        fig(t.wait_time.get(), 0),
        fig(t.transfer_time.get(), 0),
        countries(r),
        if r.passages.is_empty() {
            "none".to_string()
        } else {
            r.passages
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        }
    )?;
    for s in r.snaps.iter().flatten() {
        let name = r
            .legs
            .iter()
            .flat_map(|l| [&l.from, &l.to])
            .find(|x| x.idx == s.terminal)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        writeln!(
            out,
            "  {},{} snapped to {name}, {:.1} km away",
            s.lat,
            s.lon,
            s.distance.get()
        )?;
    }
    let mut rows = Vec::new();
    let mut transfers = r.transfers.iter().peekable();
    for (i, l) in r.legs.iter().enumerate() {
        while let Some(tr) = transfers.next_if(|tr| tr.after_legs == i) {
            rows.push(transfer_row(tr));
        }
        let mode = match l.gauge {
            Some(g) => format!("{} {}", l.mode, g.0),
            None => l.mode.to_string(),
        };
        rows.push(vec![
            format!("{}", i + 1),
            l.from.name.clone(),
            l.to.name.clone(),
            mode,
            fig(l.distance.get(), 0),
            fig(l.time.get(), 1),
            fig(l.wait.get(), 1),
            fig(l.cost.get(), 0),
            fig(l.co2e.get(), 0),
            l.border
                .map(|(a, b)| format!("{a}→{b}"))
                .unwrap_or_default(),
        ]);
    }
    for tr in transfers {
        rows.push(transfer_row(tr));
    }
    let mut buf = Vec::new();
    write_table(
        &mut buf,
        &[
            "#", "FROM", "TO", "MODE", "KM", "MOVE H", "WAIT H", "USD", "KG CO2E", "BORDER",
        ],
        &rows,
    )?;
    for line in String::from_utf8_lossy(&buf).lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

fn transfer_row(tr: &silkroute_routing::Transfer) -> Vec<String> {
    let layer = |m: silkroute_core::Mode, g: Option<silkroute_core::Gauge>| match g {
        Some(g) => format!("{m} {}", g.0),
        None => m.to_string(),
    };
    vec![
        "·".into(),
        format!("transfer at {}", tr.at.name),
        String::new(),
        format!(
            "{} → {}",
            layer(tr.from_mode, tr.from_gauge),
            layer(tr.to_mode, tr.to_gauge)
        ),
        String::new(),
        String::new(),
        fig(tr.time.get(), 1),
        fig(tr.cost.get(), 0),
        fig(tr.co2e.get(), 0),
        String::new(),
    ]
}
