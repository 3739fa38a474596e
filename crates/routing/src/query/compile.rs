//! Compiling a request: endpoints resolved, the corridor rule merged in,
//! avoidances resolved, contradictions found, tables chosen or built.

use super::tables::{BaseTables, Filters, Tables};
use super::{Query, Requirement, Snap, or_list};
use crate::RouterLimits;
use crate::error::RoutingError;
use crate::graph::{Graph, chord, size_index};
use crate::objective::Weighting;
use crate::request::{Endpoint, RouteRequest};
use silkroute_core::{CorridorRule, CountryCode, Mode, Network, Passage, TerminalIdx, suggest};
use std::sync::Arc;

/// Most requirements one query may carry (each doubles the state space).
const MAX_REQUIREMENTS: usize = 12;

fn check_number(field: &'static str, v: f64, max: f64) -> Result<(), RoutingError> {
    if !v.is_finite() || v < 0.0 || v > max {
        return Err(RoutingError::InvalidNumber {
            field,
            value: v.to_string(),
            reason: format!("expected a finite number between 0 and {max}"),
        });
    }
    Ok(())
}

/// Checks a matrix of `origins` × `destinations` pairs against the limit.
pub(crate) fn check_matrix_size(
    limits: &RouterLimits,
    origins: usize,
    destinations: usize,
) -> Result<(), RoutingError> {
    let pairs = (origins as u64).saturating_mul(destinations as u64);
    if pairs > limits.max_matrix_pairs as u64 {
        return Err(RoutingError::TooLarge {
            what: "the number of matrix pairs (origins × destinations)",
            found: pairs,
            limit: limits.max_matrix_pairs as u64,
            hint: Some("split the matrix, or raise RouterLimits::max_matrix_pairs"),
        });
    }
    Ok(())
}

/// Resolves an endpoint to a terminal: a name, alias or id, or a position
/// snapped to the nearest terminal some leg serves.
pub(crate) fn resolve_endpoint(
    net: &Network,
    e: &Endpoint,
) -> Result<(TerminalIdx, Option<Snap>), RoutingError> {
    match e {
        Endpoint::Terminal(q) => Ok((net.find_idx(q)?, None)),
        Endpoint::Position { lat, lon } => {
            let bad = |reason: &str| RoutingError::BadPosition {
                input: format!("{lat},{lon}"),
                reason: reason.into(),
            };
            if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0) {
                return Err(bad(
                    "latitude must be within [-90, 90] and longitude within [-180, 180]",
                ));
            }
            let (t, d) = net
                .nearest(*lat, *lon, |t| {
                    net.terminal_idx(t.id.as_str())
                        .is_some_and(|i| !net.places_of(i).is_empty())
                })
                .ok_or_else(|| bad("the network has no terminal served by a leg"))?;
            let idx = net
                .terminal_idx(t.id.as_str())
                .ok_or_else(|| bad("internal index mismatch"))?;
            Ok((
                idx,
                Some(Snap {
                    lat: *lat,
                    lon: *lon,
                    terminal: idx,
                    distance: d,
                }),
            ))
        }
    }
}

/// Adds the items of `extra` that `list` lacks.
fn merge<T: PartialEq + Copy>(list: &mut Vec<T>, extra: &[T]) {
    for x in extra {
        if !list.contains(x) {
            list.push(*x);
        }
    }
}

/// The modes a request allows under a corridor rule: the intersection.
fn merge_modes(req: &[Mode], rule: Option<&CorridorRule>) -> Result<Vec<Mode>, RoutingError> {
    let Some(rule) = rule.filter(|r| !r.modes.is_empty()) else {
        return Ok(req.to_vec());
    };
    if req.is_empty() {
        return Ok(rule.modes.clone());
    }
    let both: Vec<Mode> = req
        .iter()
        .copied()
        .filter(|m| rule.modes.contains(m))
        .collect();
    if both.is_empty() {
        return Err(RoutingError::Contradictory {
            reason: format!(
                "the corridor allows only {} but the request allows only {}",
                or_list(&rule.modes),
                or_list(req)
            ),
        });
    }
    Ok(both)
}

/// The part of a compiled request that does not depend on its origin and
/// destination: compiled once for every pair of a matrix.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    via: Vec<(TerminalIdx, Option<Snap>)>,
    weighting: Weighting,
    size: silkroute_core::ContainerSize,
    tables: Arc<Tables>,
    requirements: Vec<Requirement>,
    max_transfers: Option<u32>,
    modes: Vec<Mode>,
    /// Countries avoided by the request itself (the rest come from the rule).
    requested_countries: Vec<CountryCode>,
    avoid_countries: Vec<CountryCode>,
    avoid_passages: Vec<Passage>,
    avoid_terminal: Vec<bool>,
    avoided_names: Vec<String>,
}

impl Template {
    /// Compiles everything but the origin and destination. `via` are the
    /// request's waypoints, already resolved.
    pub(crate) fn new(
        g: &Graph,
        base: &BaseTables,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
        via: Vec<(TerminalIdx, Option<Snap>)>,
    ) -> Result<Template, RoutingError> {
        let net = &*g.net;
        let modes = merge_modes(&req.modes, rule)?;
        let mut avoid_countries = req.avoid_countries.clone();
        let mut avoid_passages = req.avoid_passages.clone();
        if let Some(rule) = rule {
            merge(&mut avoid_countries, &rule.avoid_countries);
            merge(&mut avoid_passages, &rule.avoid_passages);
        }
        let mut avoided_names = Vec::new();
        let mut avoid_terminal = vec![false; net.terminals().len()];
        for q in &req.avoid_terminals {
            let t = net.find_idx(q.trim())?;
            avoid_terminal[t.index()] = true;
            avoided_names.push(net[t].name.clone());
        }
        let mut avoid_leg = vec![false; net.legs().len()];
        for id in &req.avoid_legs {
            let id = id.trim();
            let Some(l) = net.leg_idx(id) else {
                return Err(RoutingError::UnknownLeg {
                    id: id.to_string(),
                    suggestions: suggest(id, net.legs().iter().map(|l| l.id.as_str())),
                });
            };
            avoid_leg[l.index()] = true;
            avoided_names.push(format!("leg {id}"));
        }
        let mut avoid_tags: Vec<String> = Vec::new();
        for name in &req.avoid_corridors {
            let name = name.trim();
            let corridor_ids = || net.corridors().iter().map(|c| c.id.as_str());
            if !g.tags.iter().any(|t| t == name) && !corridor_ids().any(|c| c == name) {
                let names = g.tags.iter().map(String::as_str).chain(corridor_ids());
                return Err(RoutingError::UnknownCorridor {
                    name: name.to_string(),
                    suggestions: suggest(name, names),
                });
            }
            avoid_tags.push(name.to_string());
            avoided_names.push(format!("corridor {name}"));
        }
        let requirements = requirements(rule, &avoid_countries, &avoid_passages)?;
        let weighting = Weighting {
            objective: req.objective,
            value_of_time: req.value_of_time,
            carbon_price: req.carbon_price,
        };
        let si = size_index(req.container);
        let filters = Filters {
            modes: &modes,
            avoid_countries: &avoid_countries,
            avoid_passages: &avoid_passages,
            avoid_tags: &avoid_tags,
            avoid_terminal: &avoid_terminal,
            avoid_leg: &avoid_leg,
            requirements: &requirements,
        };
        let tables = base
            .get(&weighting, si, &filters)
            .unwrap_or_else(|| Arc::new(Tables::build(g, &weighting, si, &filters)));
        Ok(Template {
            via,
            weighting,
            size: req.container,
            tables,
            requirements,
            max_transfers: req.max_transfers,
            modes,
            requested_countries: req.avoid_countries.clone(),
            avoid_countries,
            avoid_passages,
            avoid_terminal,
            avoided_names,
        })
    }

    /// The query from `from` to `to` through the template's waypoints.
    pub(crate) fn query(
        &self,
        g: &Graph,
        limits: &RouterLimits,
        from: (TerminalIdx, Option<Snap>),
        to: (TerminalIdx, Option<Snap>),
    ) -> Result<Query, RoutingError> {
        let net = &*g.net;
        let (endpoints, snaps): (Vec<TerminalIdx>, Vec<Option<Snap>>) = std::iter::once(from)
            .chain(self.via.iter().cloned())
            .chain(std::iter::once(to))
            .unzip();
        same_endpoints(net, &endpoints)?;
        self.contradictions(net, &endpoints)?;
        let n_masks = 1u32 << self.requirements.len();
        let n_places = net.place_count();
        let n_tr = self.transfer_counts(n_places);
        let max_transfers = if n_tr == 1 && self.max_transfers != Some(0) {
            None
        } else {
            self.max_transfers
        };
        let mut rest = vec![0.0; endpoints.len() + 1];
        for s in (0..endpoints.len().saturating_sub(1)).rev() {
            rest[s] = rest[s + 1]
                + chord(
                    &g.xyz[endpoints[s].index()],
                    &g.xyz[endpoints[s + 1].index()],
                );
        }
        let mut endpoint_xyz: Vec<[f64; 3]> = endpoints.iter().map(|e| g.xyz[e.index()]).collect();
        endpoint_xyz.push([0.0; 3]);
        let q = Query {
            n_stages: (endpoints.len() - 1) as u32,
            endpoints,
            snaps,
            weighting: self.weighting,
            size: self.size,
            tables: self.tables.clone(),
            requirements: self.requirements.clone(),
            full_mask: n_masks - 1,
            n_masks,
            n_tr,
            max_transfers,
            rest,
            endpoint_xyz,
            modes: self.modes.clone(),
            avoid_countries: self.avoid_countries.clone(),
            avoid_passages: self.avoid_passages.clone(),
            avoided_names: self.avoided_names.clone(),
        };
        self.check_states(n_places, q.n_stages, q.n_tr, q.n_masks, limits)?;
        Ok(q)
    }

    /// The number of transfer counts a search tracks: the limit + 1, or 1
    /// when there is no (binding) limit.
    fn transfer_counts(&self, n_places: usize) -> u32 {
        match self.max_transfers {
            Some(m) if (m as usize) < n_places => m + 1,
            _ => 1,
        }
    }

    /// Refuses a search space over the state limit.
    fn check_states(
        &self,
        n_places: usize,
        n_stages: u32,
        n_tr: u32,
        n_masks: u32,
        limits: &RouterLimits,
    ) -> Result<(), RoutingError> {
        let states = n_places as u64 * n_stages as u64 * n_tr as u64 * n_masks as u64;
        if states > limits.max_states || states > u32::MAX as u64 / 2 {
            return Err(RoutingError::TooLarge {
                what: "the search space (states)",
                found: states,
                limit: limits.max_states,
                hint: Some(
                    "use fewer waypoints, a lower max_transfers, or raise RouterLimits::max_states",
                ),
            });
        }
        Ok(())
    }

    /// The errors every pair of a matrix would meet, found without a search:
    /// the size of the search space (it does not depend on the endpoints).
    pub(crate) fn check_any_pair(
        &self,
        g: &Graph,
        limits: &RouterLimits,
    ) -> Result<(), RoutingError> {
        let n_places = g.net.place_count();
        let n_stages = self.via.len() as u32 + 1;
        let n_masks = 1u32 << self.requirements.len();
        self.check_states(
            n_places,
            n_stages,
            self.transfer_counts(n_places),
            n_masks,
            limits,
        )
    }

    /// An endpoint that is avoided, or lies in an avoided country.
    fn contradictions(&self, net: &Network, endpoints: &[TerminalIdx]) -> Result<(), RoutingError> {
        for (k, &t) in endpoints.iter().enumerate() {
            let term = &net[t];
            let role = if k == 0 {
                "the origin"
            } else if k == endpoints.len() - 1 {
                "the destination"
            } else {
                "a waypoint"
            };
            if self.avoid_terminal[t.index()] {
                return Err(RoutingError::Contradictory {
                    reason: format!("{} is {role} and also avoided", term.name),
                });
            }
            if self.avoid_countries.contains(&term.country) {
                let reason = if self.requested_countries.contains(&term.country) {
                    format!(
                        "{} is {role} but its country {} is avoided",
                        term.name, term.country
                    )
                } else {
                    format!(
                        "the corridor keeps out of {}, the country of {} ({role})",
                        term.country, term.name
                    )
                };
                return Err(RoutingError::Contradictory { reason });
            }
        }
        Ok(())
    }
}

/// Every endpoint the same terminal (`X via X to X` included) would be an
/// empty route: an error, not a route of no legs.
pub(crate) fn same_endpoints(net: &Network, endpoints: &[TerminalIdx]) -> Result<(), RoutingError> {
    let o = endpoints[0];
    if endpoints.iter().all(|&e| e == o) {
        return Err(RoutingError::SameOriginDestination {
            terminal: net[o].name.clone(),
        });
    }
    Ok(())
}

/// The requirements of a corridor rule, checked against the avoidances.
fn requirements(
    rule: Option<&CorridorRule>,
    avoid_countries: &[CountryCode],
    avoid_passages: &[Passage],
) -> Result<Vec<Requirement>, RoutingError> {
    let mut requirements = Vec::new();
    let Some(rule) = rule else {
        return Ok(requirements);
    };
    for p in &rule.require_passages {
        if avoid_passages.contains(p) {
            return Err(RoutingError::Contradictory {
                reason: format!("the corridor requires passing {p}, which the request avoids"),
            });
        }
        requirements.push(Requirement::Passage(*p));
    }
    for c in &rule.require_countries {
        if avoid_countries.contains(c) {
            return Err(RoutingError::Contradictory {
                reason: format!("the corridor crosses {c}, which the request avoids"),
            });
        }
        requirements.push(Requirement::Country(*c));
    }
    if !rule.require_tags.is_empty() {
        requirements.push(Requirement::AnyTag(rule.require_tags.clone()));
    }
    if requirements.len() > MAX_REQUIREMENTS {
        return Err(RoutingError::TooLarge {
            what: "the number of route requirements",
            found: requirements.len() as u64,
            limit: MAX_REQUIREMENTS as u64,
            hint: None,
        });
    }
    Ok(requirements)
}

/// Checks the request's numbers and sizes against the limits: the part of
/// compiling shared by single queries and matrices.
pub(crate) fn check_request(limits: &RouterLimits, req: &RouteRequest) -> Result<(), RoutingError> {
    check_number("value of time (USD per hour)", req.value_of_time, 1e6)?;
    check_number("carbon price (USD per tonne)", req.carbon_price, 1e6)?;
    if req.via.len() > limits.max_via {
        return Err(RoutingError::TooLarge {
            what: "the number of waypoints",
            found: req.via.len() as u64,
            limit: limits.max_via as u64,
            hint: Some("raise RouterLimits::max_via"),
        });
    }
    if req.alternatives > limits.max_alternatives {
        return Err(RoutingError::TooLarge {
            what: "the number of alternatives",
            found: req.alternatives as u64,
            limit: limits.max_alternatives as u64,
            hint: Some("ask for fewer, or raise RouterLimits::max_alternatives"),
        });
    }
    Ok(())
}

/// Compiles a request, optionally intersected with a corridor rule.
pub(crate) fn compile(
    g: &Graph,
    base: &BaseTables,
    limits: &RouterLimits,
    req: &RouteRequest,
    rule: Option<&CorridorRule>,
) -> Result<Query, RoutingError> {
    let net = &*g.net;
    check_request(limits, req)?;
    let from = resolve_endpoint(net, &req.from)?;
    let via = req
        .via
        .iter()
        .map(|v| resolve_endpoint(net, v))
        .collect::<Result<Vec<_>, _>>()?;
    let to = resolve_endpoint(net, &req.to)?;
    let mut all = vec![from.0];
    all.extend(via.iter().map(|v| v.0));
    all.push(to.0);
    same_endpoints(net, &all)?;
    Template::new(g, base, req, rule, via)?.query(g, limits, from, to)
}
