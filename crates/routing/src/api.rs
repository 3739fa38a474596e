//! The public queries of a [`Router`]: best route, alternatives, and the
//! explanation of why no route exists.

use crate::RouteRequest;
use crate::error::RoutingError;
use crate::route::Route;
use crate::router::{Query, Router, or_list};
use crate::search::Algorithm;
use silkroute_core::{CorridorRule, Mode};
use std::collections::BTreeSet;

impl Router {
    /// The best route for a request (alternatives are not computed).
    ///
    /// # Errors
    /// Unknown names, invalid numbers, contradictory constraints, or
    /// [`RoutingError::NoRoute`] saying what cuts the route off.
    ///
    /// # Complexity
    /// A* on the product of the virtual network with the request's state
    /// (waypoint stage × transfers used × requirements met):
    /// O((V + E) log V) in that product.
    pub fn best(&self, req: &RouteRequest) -> Result<Route, RoutingError> {
        self.best_using(req, Algorithm::AStar)
    }

    /// Like [`best`](Self::best) with a chosen algorithm; both give routes of
    /// equal objective value.
    ///
    /// # Errors
    /// As [`best`](Self::best).
    pub fn best_using(
        &self,
        req: &RouteRequest,
        algorithm: Algorithm,
    ) -> Result<Route, RoutingError> {
        self.best_in(req, None, algorithm)
    }

    /// The objective value of the best route, without building the
    /// itinerary: for benchmark suites and large matrices that need the
    /// number only. Equal to `best(req)?.objective_value`.
    ///
    /// # Errors
    /// As [`best`](Self::best).
    pub fn best_value(&self, req: &RouteRequest) -> Result<f64, RoutingError> {
        let q = self.compile(req, None)?;
        match self.best_path(&q, Algorithm::AStar) {
            Some(p) => Ok(p.cost),
            None => Err(self.no_route(req, None, &q)),
        }
    }

    /// The lower bound A* uses for a request at its origin: the straight-line
    /// (chord) distance through the remaining waypoints to the destination times the
    /// smallest objective per great-circle km of any allowed leg. It never
    /// exceeds the objective of any route the request admits (this is what
    /// makes A* exact; a property test checks it on random networks).
    ///
    /// # Errors
    /// As [`best`](Self::best), except that no search is run.
    pub fn lower_bound(&self, req: &RouteRequest) -> Result<f64, RoutingError> {
        let q = self.compile(req, None)?;
        Ok(q.heuristic(&self.xyz[q.endpoints[0].index()], 0))
    }

    pub(crate) fn best_in(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
        algorithm: Algorithm,
    ) -> Result<Route, RoutingError> {
        let q = self.compile(req, rule)?;
        match self.best_path(&q, algorithm) {
            Some(p) => Ok(self.build_route(&q, &p)),
            None => Err(self.no_route(req, rule, &q)),
        }
    }

    /// The best route followed by up to `req.alternatives(k)` meaningfully
    /// different alternatives, best first.
    ///
    /// Alternatives come from Yen's k-shortest loopless paths (Yen 1971) and
    /// are kept only if they differ: an alternative is dropped when more
    /// than [`MAX_SHARED_FRACTION`](crate::MAX_SHARED_FRACTION) of its
    /// objective value lies on legs it shares with a route already kept.
    ///
    /// # Errors
    /// As [`best`](Self::best).
    pub fn route(&self, req: &RouteRequest) -> Result<Vec<Route>, RoutingError> {
        self.route_in(req, None)
    }

    pub(crate) fn route_in(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
    ) -> Result<Vec<Route>, RoutingError> {
        let q = self.compile(req, rule)?;
        let Some(best) = self.best_path(&q, Algorithm::AStar) else {
            return Err(self.no_route(req, rule, &q));
        };
        if req.alternatives == 0 {
            return Ok(vec![self.build_route(&q, &best)]);
        }
        let paths = self.yen(&q, best, req.alternatives + 1);
        Ok(paths.iter().map(|p| self.build_route(&q, p)).collect())
    }

    /// Explains why a compiled query has no route, by relaxing its
    /// constraints one at a time and looking at what the relaxed route needs.
    pub(crate) fn no_route(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
        q: &Query,
    ) -> RoutingError {
        let net = &*self.net;
        let from = net
            .terminal_at(q.endpoints[0])
            .expect("index from this network")
            .name
            .clone();
        let to = net
            .terminal_at(q.endpoints[q.endpoints.len() - 1])
            .expect("index from this network")
            .name
            .clone();
        let mut ctx = Vec::new();
        if !q.modes.is_empty() {
            ctx.push(format!("by {} only", or_list(&q.modes)));
        }
        let ctx = if ctx.is_empty() {
            String::new()
        } else {
            format!(" {}", ctx.join(" "))
        };
        let found = |req: &RouteRequest, rule: Option<&CorridorRule>| -> Option<Route> {
            let q = self.compile(req, rule).ok()?;
            self.best_path(&q, Algorithm::AStar)
                .map(|p| self.build_route(&q, &p))
        };
        let no = |reason: String| RoutingError::NoRoute {
            from: from.clone(),
            to: to.clone(),
            reason,
        };
        // 1. Countries.
        if !q.avoid_countries.is_empty() {
            let mut r = req.clone();
            r.avoid_countries.clear();
            let mut rl = rule.cloned();
            if let Some(rl) = rl.as_mut() {
                rl.avoid_countries.clear();
            }
            if found(&r, rl.as_ref()).is_some() {
                return no(format!(
                    "every path{ctx} crosses {}",
                    or_list(&q.avoid_countries)
                ));
            }
        }
        // 2. Passages.
        if !q.avoid_passages.is_empty() {
            let mut r = req.clone();
            r.avoid_passages.clear();
            let mut rl = rule.cloned();
            if let Some(rl) = rl.as_mut() {
                rl.avoid_passages.clear();
            }
            if found(&r, rl.as_ref()).is_some() {
                return no(format!(
                    "every path{ctx} passes {}",
                    or_list(&q.avoid_passages)
                ));
            }
        }
        // 3. Modes.
        if !q.modes.is_empty() {
            let mut r = req.clone();
            r.modes.clear();
            let mut rl = rule.cloned();
            if let Some(rl) = rl.as_mut() {
                rl.modes.clear();
            }
            if let Some(route) = found(&r, rl.as_ref()) {
                let needed: BTreeSet<Mode> = route
                    .legs
                    .iter()
                    .map(|l| l.mode)
                    .filter(|m| !q.modes.contains(m))
                    .collect();
                let needed: Vec<Mode> = needed.into_iter().collect();
                return no(format!(
                    "no path uses {} only; the best without that limit also needs {}",
                    or_list(&q.modes),
                    needed
                        .iter()
                        .map(|m| m.to_string())
                        .collect::<Vec<_>>()
                        .join(" and ")
                ));
            }
        }
        // 4. Avoided terminals, legs, corridors.
        if !q.avoided_names.is_empty() {
            let mut r = req.clone();
            r.avoid_terminals.clear();
            r.avoid_legs.clear();
            r.avoid_corridors.clear();
            if found(&r, rule).is_some() {
                return no(format!(
                    "every path{ctx} uses {}",
                    or_list(&q.avoided_names)
                ));
            }
        }
        // 5. Transfers.
        if let Some(max) = q.max_transfers {
            let mut r = req.clone();
            r.max_transfers = None;
            if let Some(route) = found(&r, rule) {
                return no(format!(
                    "every path{ctx} needs more than {max} transfer{} (the best has {})",
                    if max == 1 { "" } else { "s" },
                    route.totals.transfers
                ));
            }
        }
        // 6. Corridor requirements.
        if !q.requirements.is_empty() {
            let needs: Vec<String> = q.requirements.iter().map(|r| r.describe()).collect();
            return no(format!("no path{ctx} {}", needs.join(" and ")));
        }
        let via = if q.endpoints.len() > 2 {
            " through the waypoints"
        } else {
            ""
        };
        no(format!(
            "{to} cannot be reached from {from}{via} in this network{ctx}"
        ))
    }
}
