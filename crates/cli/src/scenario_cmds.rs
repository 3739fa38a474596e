//! `silkroute scenarios` and `silkroute diff`: the what-if scenarios.
//!
//! `scenarios` lists the built-in scenarios (or shows and checks scenario
//! files against a network); `diff` compares the corridors of a trip on the
//! network as loaded (the baseline) and with scenarios applied.

use crate::output::{CliError, NetworkArgs, Out, write_table};
use crate::route_cmds::{Format, RouteFilters};
use clap::Args;
use serde_json::{Value, json};
use silkroute_bindings::{Engine, error_json, v1};
use silkroute_core::{Network, Scenario};
use std::collections::BTreeMap;

/// Arguments of `silkroute scenarios`.
#[derive(Debug, Clone, Args)]
pub struct ScenariosArgs {
    /// Scenarios to show and check against the network: built-in ids or
    /// scenario files [default: every built-in scenario].
    #[arg(value_name = "NAME|FILE")]
    pub scenarios: Vec<String>,
    #[command(flatten)]
    pub network: NetworkArgs,
    /// Print JSON: an array of {id, name, description, sources, changes, effect}.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `silkroute diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub filters: RouteFilters,
}

/// What a scenario does to a network, counted by id.
#[derive(Debug, Default)]
struct Effect {
    legs_closed: usize,
    legs_added: usize,
    legs_changed: usize,
    terminals_closed: usize,
    terminals_added: usize,
    terminals_changed: usize,
    corridors_dropped: usize,
}

fn effect(before: &Network, after: &Network) -> Effect {
    let legs_b: BTreeMap<&str, _> = before.legs().iter().map(|l| (l.id.as_str(), l)).collect();
    let legs_a: BTreeMap<&str, _> = after.legs().iter().map(|l| (l.id.as_str(), l)).collect();
    let terms_b: BTreeMap<&str, _> = before
        .terminals()
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let terms_a: BTreeMap<&str, _> = after
        .terminals()
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    Effect {
        legs_closed: legs_b.keys().filter(|k| !legs_a.contains_key(*k)).count(),
        legs_added: legs_a.keys().filter(|k| !legs_b.contains_key(*k)).count(),
        legs_changed: legs_b
            .iter()
            .filter(|(k, l)| legs_a.get(*k).is_some_and(|a| a != *l))
            .count(),
        terminals_closed: terms_b.keys().filter(|k| !terms_a.contains_key(*k)).count(),
        terminals_added: terms_a.keys().filter(|k| !terms_b.contains_key(*k)).count(),
        terminals_changed: terms_b
            .iter()
            .filter(|(k, t)| terms_a.get(*k).is_some_and(|a| a != *t))
            .count(),
        corridors_dropped: before
            .corridors()
            .len()
            .saturating_sub(after.corridors().len()),
    }
}

impl Effect {
    fn to_json(&self) -> Value {
        json!({
            "legs_closed": self.legs_closed, "legs_added": self.legs_added, "legs_changed": self.legs_changed,
            "terminals_closed": self.terminals_closed, "terminals_added": self.terminals_added,
            "terminals_changed": self.terminals_changed, "corridors_dropped": self.corridors_dropped,
        })
    }

    fn sentence(&self) -> String {
        let mut parts = Vec::new();
        for (n, what, done) in [
            (self.legs_closed, "leg", "closed"),
            (self.legs_added, "leg", "added"),
            (self.legs_changed, "leg", "changed"),
            (self.terminals_closed, "terminal", "closed"),
            (self.terminals_added, "terminal", "added"),
            (self.terminals_changed, "terminal", "changed"),
            (self.corridors_dropped, "corridor definition", "dropped"),
        ] {
            if n > 0 {
                parts.push(format!(
                    "{n} {what}{} {done}",
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        if parts.is_empty() {
            "no change".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Wraps text at `width` characters, each line indented by `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    wrap_hanging(text, width, indent, indent)
}

/// Wraps text at `width` characters: the first line indented by `first`,
/// the others by `rest`.
fn wrap_hanging(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            let indent = if lines.is_empty() { first } else { rest };
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let indent = if lines.is_empty() { first } else { rest };
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}

/// Runs `silkroute scenarios`.
///
/// # Errors
/// A usage error for an unknown scenario name; a no-result error (exit 1)
/// when a scenario is invalid or does not apply to the network, after
/// every problem has been printed.
pub fn list(args: &ScenariosArgs, out: Out<'_>) -> Result<(), CliError> {
    let net = args.network.load()?;
    let scenarios: Vec<(String, Result<Scenario, silkroute_core::Error>)> =
        if args.scenarios.is_empty() {
            Scenario::builtins()
                .into_iter()
                .map(|s| (s.id().to_string(), Ok(s)))
                .collect()
        } else {
            let mut v = Vec::new();
            for name in &args.scenarios {
                match Scenario::resolve(name) {
                    Err(e @ silkroute_core::Error::UnknownScenario { .. }) => {
                        return Err(CliError::Usage(e.to_string()));
                    }
                    r => v.push((name.clone(), r)),
                }
            }
            v
        };
    let mut failed = 0;
    let mut items = Vec::new();
    for (name, parsed) in scenarios {
        let s = match parsed {
            Ok(s) => s,
            Err(e) => {
                failed += 1;
                if args.json {
                    items.push(
                        json!({"id": name, "error": e.to_string(), "issues": issue_strings(&e)}),
                    );
                } else {
                    writeln!(
                        out,
                        "{name}: invalid\n  {}\n",
                        e.to_string().replace('\n', "\n  ")
                    )?;
                }
                continue;
            }
        };
        let applied = s.apply(&net);
        if applied.is_err() {
            failed += 1;
        }
        if args.json {
            let mut item = json!({
                "id": s.id(), "name": s.name(), "description": s.description(),
                "sources": serde_json::to_value(s.sources()).unwrap_or(Value::Null),
                "changes": s.summaries(),
            });
            match &applied {
                Ok(after) => item["effect"] = effect(&net, after).to_json(),
                Err(e) => {
                    item["error"] = json!(e.to_string());
                    item["issues"] = json!(issue_strings(e));
                }
            }
            items.push(item);
            continue;
        }
        writeln!(out, "{}  {}", s.id(), s.name())?;
        writeln!(out, "{}", wrap(s.description(), 86, "    "))?;
        writeln!(out, "  changes:")?;
        for c in s.summaries() {
            writeln!(
                out,
                "{}",
                wrap_hanging(&format!("- {c}"), 84, "    ", "      ")
            )?;
        }
        match &applied {
            Ok(after) => writeln!(
                out,
                "  effect on {}: {}",
                network_name(&net),
                effect(&net, after).sentence()
            )?,
            Err(e) => writeln!(
                out,
                "  does not apply to {}:\n    {}",
                network_name(&net),
                e.to_string().replace('\n', "\n    ")
            )?,
        }
        writeln!(out, "  sources:")?;
        for src in s.sources() {
            let url = src
                .url
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let grade = serde_json::to_value(src.grade)
                .ok()
                .and_then(|g| g.as_str().map(str::to_string))
                .unwrap_or_default();
            writeln!(
                out,
                "{}",
                wrap_hanging(
                    &format!(
                        "- [{}] {}. {}, {} (grade {grade}){url}",
                        src.id, src.title, src.publisher, src.year
                    ),
                    84,
                    "    ",
                    "      "
                )
            )?;
        }
        writeln!(out)?;
    }
    if args.json {
        writeln!(out, "{}", Value::Array(items))?;
    }
    if failed > 0 {
        return Err(CliError::NoResult(format!(
            "{failed} scenario{} invalid or not applicable to {}",
            if failed == 1 { " is" } else { "s are" },
            network_name(&net)
        )));
    }
    Ok(())
}

fn issue_strings(e: &silkroute_core::Error) -> Vec<String> {
    e.issues().iter().map(|i| i.to_string()).collect()
}

fn network_name(net: &Network) -> String {
    net.meta()
        .name
        .clone()
        .unwrap_or_else(|| "the network".into())
}

/// One side (baseline or scenario) of a comparison row.
enum Side {
    Route(Box<v1::Route>),
    NoRoute(v1::ErrorBody),
    /// The corridor definition is gone: the scenario closed every leg
    /// carrying one of its required tags.
    Dropped,
}

impl Side {
    fn route(&self) -> Option<&v1::Route> {
        match self {
            Side::Route(r) => Some(r),
            _ => None,
        }
    }

    fn reason(&self) -> String {
        match self {
            Side::Route(_) => String::new(),
            Side::NoRoute(e) => e.message.clone(),
            Side::Dropped => "the scenario closed every leg the corridor requires".into(),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            Side::Route(r) => json!({
                "time_h": r.totals.time_h, "cost_usd": r.totals.cost_usd, "co2e_kg": r.totals.co2e_kg,
                "distance_km": r.totals.distance_km, "transfers": r.totals.transfers,
                "countries": r.countries, "passages": r.passages, "stops": stops(r),
            }),
            Side::NoRoute(e) => json!({"error": e}),
            Side::Dropped => json!({"error": v1::ErrorBody::new("corridor_closed", self.reason())}),
        }
    }
}

fn stops(r: &v1::Route) -> Vec<String> {
    let mut s: Vec<String> = r
        .legs
        .first()
        .map(|l| l.from.name.clone())
        .into_iter()
        .collect();
    s.extend(r.legs.iter().map(|l| l.to.name.clone()));
    s
}

struct Row {
    id: Option<String>,
    name: String,
    base: Side,
    scen: Side,
}

impl Row {
    fn status(&self) -> &'static str {
        match (self.base.route(), self.scen.route()) {
            (Some(a), Some(b)) => {
                let same_legs = a
                    .legs
                    .iter()
                    .map(|l| &l.id)
                    .eq(b.legs.iter().map(|l| &l.id));
                if same_legs && a.totals == b.totals {
                    "unchanged"
                } else {
                    "changed"
                }
            }
            (Some(_), None) => "now_infeasible",
            (None, Some(_)) => "now_feasible",
            (None, None) => "infeasible",
        }
    }

    fn delta(&self) -> Option<(f64, f64, f64, f64)> {
        let (a, b) = (self.base.route()?, self.scen.route()?);
        Some((
            b.totals.time_h - a.totals.time_h,
            b.totals.cost_usd - a.totals.cost_usd,
            b.totals.co2e_kg - a.totals.co2e_kg,
            b.totals.distance_km - a.totals.distance_km,
        ))
    }

    fn to_json(&self) -> Value {
        let delta = self.delta().map(
            |(t, c, e, d)| json!({"time_h": t, "cost_usd": c, "co2e_kg": e, "distance_km": d}),
        );
        json!({
            "corridor": self.id, "corridor_name": self.name, "status": self.status(),
            "baseline": self.base.to_json(), "scenario": self.scen.to_json(), "delta": delta,
        })
    }

    fn cells(&self) -> Vec<String> {
        let pair = |f: &dyn Fn(&v1::Route) -> String| match (self.base.route(), self.scen.route()) {
            (Some(a), Some(b)) => format!("{} → {}", f(a), f(b)),
            (Some(a), None) => format!("{} → —", f(a)),
            (None, Some(b)) => format!("— → {}", f(b)),
            (None, None) => "—".into(),
        };
        let (dt, dc, de) = match self.delta() {
            Some((t, c, e, _)) => (
                format!("{:+.1}", t / 24.0),
                format!("{:+.0}", c),
                format!("{:+.2}", e / 1000.0),
            ),
            None => ("".into(), "".into(), "".into()),
        };
        let status = match self.status() {
            "now_infeasible" => format!("now infeasible: {}", self.scen.reason()),
            "now_feasible" => "now feasible".into(),
            "infeasible" => format!("infeasible: {}", self.scen.reason()),
            "changed" => {
                let ids = |r: Option<&v1::Route>| {
                    r.map(|r| r.legs.iter().map(|l| l.id.clone()).collect::<Vec<_>>())
                };
                if ids(self.base.route()) == ids(self.scen.route()) {
                    "changed (same legs)".into()
                } else {
                    "changed (other legs)".into()
                }
            }
            other => other.into(),
        };
        vec![
            self.name.clone(),
            pair(&|r| format!("{:.1}", r.totals.time_h / 24.0)),
            dt,
            pair(&|r| format!("{:.0}", r.totals.cost_usd)),
            dc,
            pair(&|r| format!("{:.2}", r.totals.co2e_kg / 1000.0)),
            de,
            status,
        ]
    }
}

/// Error kinds that mean "the trip cannot be made on this network" rather
/// than "the request is wrong", on the scenario side: a scenario may close
/// the origin itself.
const SCENARIO_INFEASIBLE: [&str; 4] = [
    "unknown_terminal",
    "no_route",
    "contradictory_constraints",
    "bad_position",
];

/// Reports an API error as `route` does: JSON on stdout with `--json`, a
/// message on stderr, exit 1 for no route and 2 otherwise.
fn fail(out: Out<'_>, json_out: bool, e: v1::ErrorBody) -> Result<(), CliError> {
    if json_out {
        writeln!(out, "{}", error_json(&e))?;
    }
    // The message of an invalid scenario already lists its problems.
    let msg = e.message.clone();
    Err(if e.kind == "no_route" {
        CliError::NoResult(msg)
    } else {
        CliError::Usage(msg)
    })
}

/// Runs `silkroute diff`.
///
/// # Errors
/// A usage error without `--scenario`, for an unknown or invalid scenario
/// or a bad request; a no-result error when the trip has no route even on
/// the baseline.
pub fn diff(args: &DiffArgs, out: Out<'_>) -> Result<(), CliError> {
    let f = &args.filters;
    let json_out = f.json || f.format == Format::Json;
    if f.format == Format::Geojson {
        return Err(CliError::Usage(
            "diff writes a table or JSON (--json), not GeoJSON".into(),
        ));
    }
    if f.options.scenario.is_empty() {
        return Err(CliError::Usage(
            "diff compares the baseline with scenarios: give at least one --scenario NAME|FILE (see `silkroute scenarios`)".into(),
        ));
    }
    let base = Engine::new(f.options.network.load()?);
    let mut req = f.request()?;
    req.scenarios.clear();
    if let Err(e) = base.request(&req) {
        return fail(out, json_out, e);
    }
    let scen = match base.scenario_network(&f.options.scenarios()?) {
        Ok(n) => Engine::new(n),
        Err(e) => return fail(out, json_out, e),
    };
    let names: Vec<(String, String)> = f
        .options
        .scenario
        .iter()
        .map(|n| {
            Scenario::resolve(n)
                .map(|s| (s.id().to_string(), s.name().to_string()))
                .unwrap_or((n.clone(), n.clone()))
        })
        .collect();
    // The best route overall.
    let best_base = match base.route(&req) {
        Ok(r) => r
            .routes
            .into_iter()
            .next()
            .map(|r| Side::Route(Box::new(r))),
        Err(e) if e.kind == "no_route" => Some(Side::NoRoute(e)),
        Err(e) => return fail(out, json_out, e),
    };
    let best_scen = match scen.route(&req) {
        Ok(r) => r
            .routes
            .into_iter()
            .next()
            .map(|r| Side::Route(Box::new(r))),
        Err(e) if SCENARIO_INFEASIBLE.contains(&e.kind.as_str()) => Some(Side::NoRoute(e)),
        Err(e) => return fail(out, json_out, e),
    };
    let base_cmp = match base.compare(&req) {
        Ok(c) => c,
        Err(e) => return fail(out, json_out, e),
    };
    let scen_cmp = match scen.compare(&req) {
        Ok(c) => Ok(c),
        Err(e) if SCENARIO_INFEASIBLE.contains(&e.kind.as_str()) => Err(e),
        Err(e) => return fail(out, json_out, e),
    };
    let side_of = |cmp: &v1::CompareResponse, id: &str| -> Option<Side> {
        if let Some(r) = cmp
            .routes
            .iter()
            .find(|r| r.corridor.as_deref() == Some(id))
        {
            return Some(Side::Route(Box::new(r.clone())));
        }
        cmp.unavailable
            .iter()
            .find(|u| u.corridor == id)
            .map(|u| Side::NoRoute(u.error.clone()))
    };
    let objective = f.options.objective.clone();
    let mut rows = vec![Row {
        id: None,
        name: format!("best route ({objective})"),
        base: best_base.unwrap_or(Side::Dropped),
        scen: best_scen.unwrap_or(Side::Dropped),
    }];
    for c in base.network().corridors() {
        let id = c.id.as_str();
        let b = side_of(&base_cmp, id).unwrap_or(Side::Dropped);
        let s = match &scen_cmp {
            Ok(cmp) => side_of(cmp, id).unwrap_or(Side::Dropped),
            Err(e) => Side::NoRoute(e.clone()),
        };
        rows.push(Row {
            id: Some(id.to_string()),
            name: c.name.clone(),
            base: b,
            scen: s,
        });
    }
    if json_out {
        let doc = json!({
            "api_version": v1::API_VERSION,
            "from": f.from, "to": f.to, "objective": objective,
            "scenarios": names.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
            "best": rows[0].to_json(),
            "corridors": rows[1..].iter().map(Row::to_json).collect::<Vec<_>>(),
        });
        writeln!(out, "{doc}")?;
        return Ok(());
    }
    let endpoints = rows
        .iter()
        .find_map(|r| r.base.route().or(r.scen.route()))
        .and_then(|r| {
            Some((
                r.legs.first()?.from.name.clone(),
                r.legs.last()?.to.name.clone(),
            ))
        })
        .unwrap_or_else(|| (f.from.clone(), f.to.clone()));
    writeln!(
        out,
        "{} → {}: baseline → with {}   objective: {objective}, {}ft container",
        endpoints.0,
        endpoints.1,
        names
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        f.options.container
    )?;
    for (id, name) in &names {
        if id != name {
            writeln!(out, "  {id}: {name}")?;
        }
    }
    writeln!(out)?;
    let cells: Vec<Vec<String>> = rows.iter().map(Row::cells).collect();
    write_table(
        out,
        &[
            "CORRIDOR",
            "DAYS",
            "Δ DAYS",
            "USD",
            "Δ USD",
            "T CO2E",
            "Δ T CO2E",
            "STATUS",
        ],
        &cells,
    )?;
    let best = &rows[0];
    for (label, side) in [("baseline", &best.base), ("scenario", &best.scen)] {
        if let Some(r) = side.route() {
            writeln!(
                out,
                "\nBest route, {label}: {}\n{}",
                r.corridor_name.as_deref().unwrap_or("no named corridor"),
                wrap(&stops(r).join(" › "), 96, "  ")
            )?;
        }
    }
    Ok(())
}
