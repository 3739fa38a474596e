//! `silkroute scenarios` and `silkroute diff`: the what-if scenarios.
//!
//! `scenarios` lists the built-in scenarios (or shows and checks scenario
//! files against a network); `diff` compares the corridors of a trip on the
//! network as loaded (the baseline) and with scenarios applied.

use crate::output::{CliError, NetworkArgs, Out, fig, write_table};
use crate::route_cmds::{Format, RouteFilters, fail};
use clap::Args;
use serde_json::{Value, json};
use silkroute_bindings::format::{diff_json, scenario_json, stop_names};
use silkroute_bindings::{DiffRow, DiffStatus, Engine, ScenarioEffect};
use silkroute_core::{Network, Scenario};
use silkroute_routing::{Route, RouterLimits};

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

/// The effect of a scenario in words: "8 legs closed, 1 terminal closed".
fn sentence(e: &ScenarioEffect) -> String {
    let mut parts = Vec::new();
    for (n, what, done) in [
        (e.legs_closed, "leg", "closed"),
        (e.legs_added, "leg", "added"),
        (e.legs_changed, "leg", "changed"),
        (e.terminals_closed, "terminal", "closed"),
        (e.terminals_added, "terminal", "added"),
        (e.terminals_changed, "terminal", "changed"),
        (e.corridors_dropped, "corridor definition", "dropped"),
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
    let engine = Engine::new(args.network.load()?);
    let net = engine.network();
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
        let applied = engine.scenario_effect(&s);
        if applied.is_err() {
            failed += 1;
        }
        if args.json {
            items.push(scenario_json(&s, &applied));
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
            Ok(effect) => writeln!(
                out,
                "  effect on {}: {}",
                network_name(net),
                sentence(effect)
            )?,
            Err(e) => writeln!(
                out,
                "  does not apply to {}:\n    {}",
                network_name(net),
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
            network_name(net)
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

/// The table cells of one diff row.
fn cells(row: &DiffRow) -> Vec<String> {
    let pair = |f: &dyn Fn(&Route) -> String| match (row.baseline.route(), row.scenario.route()) {
        (Some(a), Some(b)) => format!("{} → {}", f(a), f(b)),
        (Some(a), None) => format!("{} → —", f(a)),
        (None, Some(b)) => format!("— → {}", f(b)),
        (None, None) => "—".into(),
    };
    let (dt, dc, de) = match row.delta() {
        Some((t, c, e, _)) => (
            format!("{:+.1}", t / 24.0),
            format!("{:+.0}", c),
            format!("{:+.2}", e / 1000.0),
        ),
        None => ("".into(), "".into(), "".into()),
    };
    let status = match row.status() {
        DiffStatus::NowInfeasible => format!("now infeasible: {}", row.scenario.reason()),
        DiffStatus::NowFeasible => "now feasible".into(),
        DiffStatus::Infeasible => format!("infeasible: {}", row.scenario.reason()),
        DiffStatus::Changed => {
            let (a, b) = (row.baseline.route(), row.scenario.route());
            if a.map(Route::leg_ids) == b.map(Route::leg_ids) {
                "changed (same legs)".into()
            } else {
                "changed (other legs)".into()
            }
        }
        other => other.as_str().into(),
    };
    vec![
        row.name.clone(),
        pair(&|r| fig(r.totals.time.get() / 24.0, 1)),
        dt,
        pair(&|r| fig(r.totals.cost.get(), 0)),
        dc,
        pair(&|r| fig(r.totals.co2e.get() / 1000.0, 2)),
        de,
        status,
    ]
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
    let engine = f.options.engine(RouterLimits::default())?;
    let diff = match f.request().and_then(|r| engine.diff(&r)) {
        Ok(d) => d,
        Err(e) => return fail(out, json_out, e),
    };
    if json_out {
        writeln!(out, "{}", diff_json(&diff, &f.from, &f.to))?;
        return Ok(());
    }
    let endpoints = diff
        .rows
        .iter()
        .find_map(|r| r.baseline.route().or(r.scenario.route()))
        .and_then(|r| {
            Some((
                r.legs.first()?.from.name.clone(),
                r.legs.last()?.to.name.clone(),
            ))
        })
        .unwrap_or_else(|| (f.from.clone(), f.to.clone()));
    writeln!(
        out,
        "{} → {}: baseline → with {}   objective: {}, {} container",
        endpoints.0,
        endpoints.1,
        diff.scenarios
            .iter()
            .map(|(id, _)| id.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
        diff.objective,
        f.options.container
    )?;
    for (id, name) in &diff.scenarios {
        if id != name {
            writeln!(out, "  {id}: {name}")?;
        }
    }
    writeln!(out)?;
    let cells: Vec<Vec<String>> = diff.rows.iter().map(cells).collect();
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
    if let Some(best) = diff.rows.first() {
        for (label, side) in [("baseline", &best.baseline), ("scenario", &best.scenario)] {
            if let Some(r) = side.route() {
                writeln!(
                    out,
                    "\nBest route, {label}: {}\n{}",
                    r.corridor_name.as_deref().unwrap_or("no named corridor"),
                    wrap(&stop_names(r).join(" › "), 96, "  ")
                )?;
            }
        }
    }
    Ok(())
}
