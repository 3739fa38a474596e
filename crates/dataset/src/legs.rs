//! A leg's figures once every distance and rate is known: moving time,
//! wait, cost, capacity, sailings, passages, border and sources.

use crate::costs::{self, LegFacts, RailGraph};
use crate::error::{Error, Location};
use crate::expr::{self, Formula, Rate};
use crate::index::{Distances, Index, Scope, provenance, r1};
use crate::tables::{DistanceRule, Figure, LegField, LegValueRow, Row, range_pair};
use silkroute_core::{
    Capacity, EmissionFactorId, Gauge, Hours, Km, Leg, Method, Passage, PerContainer, Provenance,
    SourceId, Usd,
};
use std::collections::BTreeMap;

/// A speed of rules.toml, computed.
pub(crate) struct Speed {
    pub value: f64,
    pub method: Method,
    pub source: String,
    pub note: String,
}

/// Computes every speed of rules.toml.
///
/// # Errors
/// [`Error::Table`] naming the speed that cannot be computed.
pub(crate) fn speeds(ix: &Index<'_>, dist: &Distances) -> Result<BTreeMap<String, Speed>, Error> {
    let mut out = BTreeMap::new();
    for (key, f) in &ix.t.rules.speed {
        let at = |k: &str| Location::file("rules.toml").field(format!("speed.{key}.{k}"));
        let mut env = Scope::new(ix, dist);
        let value = f
            .value
            .number(&mut env)
            .map_err(|m| Error::table(at("value"), m))?;
        env.set("value", value);
        let note = expr::render(&f.note, &mut env).map_err(|m| Error::table(at("note"), m))?;
        out.insert(
            key.clone(),
            Speed {
                value,
                method: f.method,
                source: f.source.clone(),
                note,
            },
        );
    }
    Ok(out)
}

/// Everything computed before the legs: distances, speeds, rates.
pub(crate) struct Frame<'a> {
    pub ix: &'a Index<'a>,
    pub dist: &'a Distances,
    pub speeds: &'a BTreeMap<String, Speed>,
    pub rates: &'a BTreeMap<String, Rate>,
    pub rail: &'a RailGraph,
}

impl<'a> Frame<'a> {
    fn scope(&self) -> Scope<'a, 'a> {
        let mut s = Scope::new(self.ix, self.dist);
        s.rates = Some(self.rates);
        s.rail = Some(self.rail);
        s
    }
}

/// A figure from a row of leg_values.csv or from a rule, evaluated with the
/// leg's variables; the note sees the figure as `value`.
pub(crate) struct Evaluated {
    pub value: f64,
    pub provenance: Provenance,
}

pub(crate) fn eval_figure(
    value: &Formula,
    range: Option<[&Formula; 2]>,
    note: Option<&str>,
    (method, source): (Method, &str),
    mut env: Scope<'_, '_>,
    at: &dyn Fn(&str) -> Location,
) -> Result<Evaluated, Error> {
    let x = value
        .number(&mut env)
        .map_err(|m| Error::table(at("value"), m))?;
    env.set("value", x);
    let range = match range {
        Some([lo, hi]) => Some([
            lo.number(&mut env)
                .map_err(|m| Error::table(at("range_low"), m))?,
            hi.number(&mut env)
                .map_err(|m| Error::table(at("range_high"), m))?,
        ]),
        None => None,
    };
    let note = note
        .map(|n| expr::render(n, &mut env))
        .transpose()
        .map_err(|m| Error::table(at("note"), m))?;
    Ok(Evaluated {
        value: x,
        provenance: provenance(method, source, note, range),
    })
}

fn from_row(row: &Row<LegValueRow>, env: Scope<'_, '_>) -> Result<Evaluated, Error> {
    let d = &row.data;
    let range = range_pair(row, &d.range_low, &d.range_high)?;
    eval_figure(
        &d.value,
        range,
        d.note.as_deref(),
        (d.method, &d.source),
        env,
        &|c| row.at(c),
    )
}

fn from_rule(f: &Figure, key: &str, env: Scope<'_, '_>) -> Result<Evaluated, Error> {
    let range = f.range.as_ref().map(|[lo, hi]| [lo, hi]);
    eval_figure(
        &f.value,
        range,
        Some(&f.note),
        (f.method, &f.source),
        env,
        &|k| {
            let k = match k {
                "range_low" | "range_high" => "range",
                other => other,
            };
            Location::file("rules.toml").field(format!("{key}.{k}"))
        },
    )
}

/// The figures of a leg's provenance in the order their sources are listed.
struct Figures(Vec<(&'static str, Provenance)>);

impl Figures {
    fn push(&mut self, field: &'static str, p: Provenance) {
        self.0.push((field, p));
    }
}

/// Builds leg `i`.
///
/// # Errors
/// [`Error::Table`] at the row, column or rule that cannot be computed.
pub(crate) fn leg(frame: &Frame<'_>, i: usize) -> Result<Leg, Error> {
    let ix = frame.ix;
    let t = ix.t;
    let row = &t.legs[i];
    let l = &row.data;
    let d = frame.dist.km[i];
    let mut figures = Figures(vec![("distance_km", frame.dist.prov[i].clone())]);
    let dist_method = frame.dist.prov[i].method;

    // moving time
    let time = match (ix.value(i, LegField::TimeH), &l.speed) {
        (Some(v), None) => {
            let mut env = frame.scope();
            env.set("distance_km", d);
            from_row(v, env)?
        }
        (None, Some(key)) => {
            let s = frame.speeds.get(key).ok_or_else(|| {
                Error::table(
                    row.at("speed"),
                    format!(
                        "unknown speed \"{key}\": the speeds of rules.toml are {}",
                        frame.speeds.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            let mut env = frame.scope();
            env.set("speed", s.value)
                .set_text("speed_note", s.note.clone());
            let note = expr::render(&t.rules.time.note, &mut env)
                .map_err(|m| Error::table(Location::file("rules.toml").field("time.note"), m))?;
            // a distance estimate makes the time an estimate too
            let method = if dist_method == Method::Estimate {
                Method::Estimate
            } else {
                s.method
            };
            Evaluated {
                value: d / s.value,
                provenance: provenance(method, &s.source, Some(note), None),
            }
        }
        (Some(v), Some(_)) => {
            return Err(Error::table(
                row.at("speed"),
                format!(
                    "leg_values.csv line {} gives this leg's time: leave the speed empty",
                    v.line
                ),
            ));
        }
        (None, None) => {
            return Err(Error::table(
                row.at("speed"),
                "no time: name a speed of rules.toml or add a time_h row to leg_values.csv",
            ));
        }
    };
    figures.push("time_h", time.provenance);

    // sailings (feed the headway waits)
    let sailings = ix
        .value(i, LegField::SailingsPerWeek)
        .map(|v| from_row(v, frame.scope()))
        .transpose()?;

    // wait: a row, a named rule, or the default rule `none`, whose
    // provenance comes after the cost's (so its source is listed after it)
    let wait_scope = || {
        let mut env = frame.scope();
        env.set("distance_km", d).set("time_h", time.value);
        if let Some(s) = &sailings {
            env.set("sailings_per_week", s.value);
        }
        env
    };
    let wait_row = ix.value(i, LegField::WaitH);
    if let (Some(v), Some(_)) = (wait_row, &l.wait) {
        return Err(Error::table(
            row.at("wait"),
            format!(
                "leg_values.csv line {} gives this leg's wait: leave the rule empty",
                v.line
            ),
        ));
    }
    let wait_rule = l.wait.as_deref().unwrap_or("none");
    let wait = match wait_row {
        Some(v) => from_row(v, wait_scope())?,
        None => {
            let f = t.rules.wait.get(wait_rule).ok_or_else(|| {
                Error::table(
                    row.at("wait"),
                    format!(
                        "unknown wait rule \"{wait_rule}\": the rules of rules.toml are {}",
                        t.rules.wait.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
            })?;
            from_rule(f, &format!("wait.{wait_rule}"), wait_scope())?
        }
    };
    let wait_last = wait_row.is_none() && wait_rule == "none";
    let wait_prov = wait.provenance.clone();
    if !wait_last {
        figures.push("wait_h", wait.provenance);
    }

    // cost
    let from = &t.terminals[ix.terminal[l.from.as_str()]].data;
    let to = &t.terminals[ix.terminal[l.to.as_str()]].data;
    let facts = LegFacts {
        mode: l.mode,
        gauge: l.gauge,
        countries: [from.country.as_str(), to.country.as_str()],
    };
    let rules = &t.costs.rule;
    let rule = costs::rule_for(rules, l.cost.as_deref(), &facts, row.at("cost"))?;
    let rule_index = rules
        .iter()
        .position(|r| std::ptr::eq(r, rule))
        .unwrap_or_default();
    let cost = costs::cost(rule, rule_index, frame.scope(), d)?;
    figures.push("cost_usd", cost.provenance);
    if wait_last {
        figures.push("wait_h", wait_prov);
    }

    let mut leg = Leg::new(
        l.id.as_str(),
        l.from.as_str(),
        l.to.as_str(),
        l.mode,
        Km(r1(d)),
        Hours(r1(time.value)),
    );
    leg.gauge = l.gauge.map(Gauge);
    leg.wait = Hours(r1(wait.value));
    leg.cost = PerContainer::new(Usd(cost.twenty), Usd(cost.forty));
    leg.emission_factor = EmissionFactorId::new(l.emission_factor.as_str());

    if let Some(v) = ix.value(i, LegField::Capacity) {
        let unit = v
            .data
            .unit
            .ok_or_else(|| Error::table(v.at("unit"), "a capacity row needs a unit"))?;
        let c = from_row(v, frame.scope())?;
        leg.capacity = Some(Capacity::new(c.value, unit));
        figures.push("capacity", c.provenance);
    }
    // a frequency is written only where a source states one
    if let Some(s) = sailings.filter(|s| s.provenance.method != Method::Estimate) {
        leg.sailings_per_week = Some(s.value);
        figures.push("sailings_per_week", s.provenance);
    }
    leg.corridors = l.tags();
    leg.passages = passages(ix, i)?;
    if from.country != to.country {
        leg.border = Some((from.country, to.country));
    }
    let mut sources: Vec<SourceId> = Vec::new();
    let extra = t
        .leg_sources
        .iter()
        .filter(|s| s.data.leg == l.id)
        .map(|s| s.data.source.as_str());
    let figure_sources = figures
        .0
        .iter()
        .filter_map(|(_, p)| p.source.as_ref().map(SourceId::as_str));
    for s in figure_sources.chain(extra) {
        if !sources.iter().any(|x| x.as_str() == s) {
            sources.push(SourceId::new(s));
        }
    }
    leg.sources = sources;
    leg.provenance = figures
        .0
        .into_iter()
        .map(|(f, p)| (f.to_string(), p))
        .collect();
    Ok(leg)
}

/// The passages of a sea leg, from its measured path, with the Marmara rule
/// of rules.toml applied; sorted by name.
fn passages(ix: &Index<'_>, i: usize) -> Result<Vec<Passage>, Error> {
    let l = &ix.t.legs[i].data;
    let rule = &ix.t.rules.passages;
    let mut names: Vec<&str> = Vec::new();
    if l.distance == Some(DistanceRule::MeasuredSea)
        && let Some(m) = ix.measured.get(l.id.as_str())
        && m.data.status == crate::tables::MeasureStatus::Ok
    {
        names = crate::distances::measured_passages(&m.data.note);
    }
    let marmara = |id: &str| rule.marmara_ports.iter().any(|p| p == id);
    let ends = [l.from.as_str(), l.to.as_str()];
    if ends.iter().any(|e| marmara(e)) {
        let others: Vec<&str> = ends.iter().copied().filter(|e| !marmara(e)).collect();
        let others = if others.is_empty() {
            ends.to_vec()
        } else {
            others
        };
        let to_black_sea = others
            .iter()
            .all(|e| rule.black_sea_ports.iter().any(|p| p == e));
        let drop = if to_black_sea {
            "dardanelles"
        } else {
            "bosporus"
        };
        names.retain(|n| *n != drop);
    }
    let mut out: Vec<Passage> = Vec::new();
    for n in names {
        let p: Passage = n.parse().map_err(|e: silkroute_core::UnknownName| {
            let m = ix.measured[l.id.as_str()];
            Error::table(m.at("note"), e.to_string())
        })?;
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out.sort_by_key(|p| p.as_str());
    Ok(out)
}
