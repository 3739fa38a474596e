//! Costs: the named rates of costs.toml, the rail paths some of them are
//! spread over, and the choice and evaluation of a leg's cost rule.

use crate::error::{Error, Location};
use crate::expr::{self, Rate};
use crate::index::{Distances, Index, Scope, provenance};
use crate::tables::{Condition, CostRule};
use petgraph::graph::{NodeIndex, UnGraph};
use silkroute_core::{Mode, Provenance};
use std::collections::{BTreeMap, HashMap};

/// The dataset's own rail legs as a graph, for distances along them.
pub(crate) struct RailGraph {
    graph: UnGraph<(), f64>,
    node: HashMap<String, NodeIndex>,
}

impl RailGraph {
    pub fn new(ix: &Index<'_>, dist: &Distances) -> Self {
        let mut graph = UnGraph::new_undirected();
        let node: HashMap<String, NodeIndex> =
            ix.t.terminals
                .iter()
                .map(|t| (t.data.id.clone(), graph.add_node(())))
                .collect();
        for (i, l) in ix.t.legs.iter().enumerate() {
            if l.data.mode == Mode::Rail {
                graph.add_edge(node[&l.data.from], node[&l.data.to], dist.km[i]);
            }
        }
        RailGraph { graph, node }
    }

    /// Shortest rail distance from `from` to `to`, km (sums along the path
    /// from `from`).
    pub fn km(&self, from: &str, to: &str) -> Result<f64, String> {
        let end = |id: &str| {
            self.node
                .get(id)
                .copied()
                .ok_or_else(|| format!("unknown terminal \"{id}\""))
        };
        let (a, b) = (end(from)?, end(to)?);
        petgraph::algo::dijkstra(&self.graph, a, Some(b), |e| *e.weight())
            .get(&b)
            .copied()
            .ok_or_else(|| format!("no rail path from {from} to {to} over the dataset's legs"))
    }
}

/// Computes every rate of costs.toml.
///
/// # Errors
/// [`Error::Table`] naming the rate that cannot be computed.
pub(crate) fn rates(
    ix: &Index<'_>,
    dist: &Distances,
    rail: &RailGraph,
) -> Result<BTreeMap<String, Rate>, Error> {
    let mut out = BTreeMap::new();
    for (id, spec) in &ix.t.costs.rate {
        let mut env = Scope::new(ix, dist);
        env.rail = Some(rail);
        let at = || Location::file("costs.toml").field(format!("rate.{id}.value"));
        let rate = match expr::spread_rate(&spec.value.expr, &mut env) {
            Ok(Some(r)) => r,
            Ok(None) => Rate {
                per_km: spec
                    .value
                    .number(&mut env)
                    .map_err(|m| Error::table(at(), m))?,
                km: None,
            },
            Err(m) => return Err(Error::table(at(), format!("`{}`: {m}", spec.value))),
        };
        out.insert(id.clone(), rate);
    }
    Ok(out)
}

/// What a leg looks like to a cost rule's conditions.
pub(crate) struct LegFacts<'a> {
    pub mode: Mode,
    pub gauge: Option<u16>,
    pub countries: [&'a str; 2],
}

fn holds(c: &Condition, leg: &LegFacts<'_>) -> bool {
    let mode = c.modes.is_empty() || c.modes.contains(&leg.mode);
    let gauge = c.gauge.is_none() || c.gauge == leg.gauge;
    let has =
        |list: &Vec<silkroute_core::CountryCode>, k: &str| list.iter().any(|x| x.as_str() == k);
    let within = c
        .countries_within
        .as_ref()
        .is_none_or(|l| leg.countries.iter().all(|k| has(l, k)));
    let outside = c
        .countries_outside
        .as_ref()
        .is_none_or(|l| !leg.countries.iter().any(|k| has(l, k)));
    mode && gauge && within && outside
}

/// The cost rule of a leg: the one it names, or the first whose condition
/// holds.
pub(crate) fn rule_for<'c>(
    rules: &'c [CostRule],
    named: Option<&str>,
    leg: &LegFacts<'_>,
    at: Location,
) -> Result<&'c CostRule, Error> {
    match named {
        Some(id) => rules.iter().find(|r| r.id == id).ok_or_else(|| {
            Error::table(
                at,
                format!(
                    "unknown cost rule \"{id}\": the rules of costs.toml are {}",
                    rules
                        .iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        }),
        None => rules
            .iter()
            .find(|r| r.when.iter().any(|c| holds(c, leg)))
            .ok_or_else(|| {
                Error::table(
                    at,
                    "no cost rule of costs.toml applies to this leg: name one",
                )
            }),
    }
}

/// A leg's cost per container (rounded to whole dollars) and its provenance.
pub(crate) struct Cost {
    pub twenty: f64,
    pub forty: f64,
    pub provenance: Provenance,
}

/// Evaluates a cost rule for a leg of `distance_km`.
///
/// # Errors
/// [`Error::Table`] at the rule's key that cannot be computed.
pub(crate) fn cost(
    rule: &CostRule,
    index: usize,
    mut env: Scope<'_, '_>,
    distance_km: f64,
) -> Result<Cost, Error> {
    let at = |key: &str| Location::file("costs.toml").field(format!("rule[{index}].{key}"));
    let leg_at = |key: &str, m: String| Error::table(at(key), m);
    env.set("distance_km", distance_km);
    let forty = rule
        .forty
        .number(&mut env)
        .map_err(|m| leg_at("forty", m))?;
    env.set("forty", forty);
    let twenty = rule
        .twenty
        .number(&mut env)
        .map_err(|m| leg_at("twenty", m))?;
    let range = match &rule.range {
        Some([lo, hi]) => Some([
            lo.number(&mut env).map_err(|m| leg_at("range", m))?,
            hi.number(&mut env).map_err(|m| leg_at("range", m))?,
        ]),
        None => None,
    };
    let note = expr::render(&rule.note, &mut env).map_err(|m| leg_at("note", m))?;
    Ok(Cost {
        // whole dollars, round half to even like the first builder
        twenty: twenty.round_ties_even(),
        forty: forty.round_ties_even(),
        provenance: provenance(rule.method, &rule.source, Some(note), range),
    })
}
