//! The router: the thin facade over a compiled graph and the searches.
//!
//! [`Router`] holds the [`Graph`] (the network's virtual graph in compact
//! form), the shared tables of unrestricted queries and the limits; each
//! public query compiles the request ([`crate::query`]) and hands the
//! compiled [`Query`] to an algorithm module (`search`, `alternatives`,
//! `pareto`, `compare`, `matrix`, `explain`).

use crate::alternatives::yen;
use crate::compare::{self, CorridorOption};
use crate::error::RoutingError;
use crate::explain::no_route;
use crate::fixed::from_units;
use crate::graph::Graph;
use crate::pareto::{ParetoOptions, pareto_paths};
use crate::query::{BaseTables, Query, check_matrix_size, compile};
use crate::request::RouteRequest;
use crate::route::{Route, build_route};
use crate::search::{Algorithm, best_path};
use silkroute_core::{CorridorRule, Network};
use std::sync::Arc;

/// Limits that keep one request from exhausting memory or time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RouterLimits {
    /// Most alternatives one request may ask for (default 20).
    pub max_alternatives: usize,
    /// Most waypoints (default 16).
    pub max_via: usize,
    /// Most search states (places × stages × transfer counts × requirement
    /// combinations) of one search (default 4,000,000: about 100 MB of
    /// search memory per thread).
    pub max_states: u64,
    /// Most labels a Pareto search may create (default 500,000).
    pub max_pareto_labels: usize,
    /// Most origin–destination pairs of one matrix (origins × destinations,
    /// default 100,000), checked by [`Router::try_matrix`].
    pub max_matrix_pairs: usize,
}

impl Default for RouterLimits {
    fn default() -> Self {
        RouterLimits {
            max_alternatives: 20,
            max_via: 16,
            max_states: 4_000_000,
            max_pareto_labels: 500_000,
            max_matrix_pairs: 100_000,
        }
    }
}

impl RouterLimits {
    /// Sets the alternatives limit.
    pub fn max_alternatives(mut self, n: usize) -> Self {
        self.max_alternatives = n;
        self
    }
    /// Sets the waypoint limit.
    pub fn max_via(mut self, n: usize) -> Self {
        self.max_via = n;
        self
    }
    /// Sets the search-state limit.
    pub fn max_states(mut self, n: u64) -> Self {
        self.max_states = n;
        self
    }
    /// Sets the Pareto label limit.
    pub fn max_pareto_labels(mut self, n: usize) -> Self {
        self.max_pareto_labels = n;
        self
    }
    /// Sets the matrix pair limit.
    pub fn max_matrix_pairs(mut self, n: usize) -> Self {
        self.max_matrix_pairs = n;
        self
    }
}

/// Routes containers over a [`Network`].
///
/// Building a router copies the virtual network into compact arrays once;
/// the router is then immutable, `Send + Sync`, cheap to clone (the graph
/// is shared), and answers any number of queries from any number of
/// threads.
///
/// ```
/// use silkroute_routing::{Objective, RouteRequest, Router};
/// let router = Router::new(silkroute_core::Network::eurasia());
/// let route = router.best(&RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Time))?;
/// assert!(route.totals.time.get() > 24.0 * 5.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Router {
    pub(crate) graph: Arc<Graph>,
    base: Arc<BaseTables>,
    limits: RouterLimits,
}

impl Router {
    /// Builds a router over a network.
    pub fn new(network: impl Into<Arc<Network>>) -> Router {
        Self::with_limits(network, RouterLimits::default())
    }

    /// Builds a router with explicit limits.
    pub fn with_limits(network: impl Into<Arc<Network>>, limits: RouterLimits) -> Router {
        let graph = Graph::new(network.into());
        let base = BaseTables::new(&graph);
        Router {
            graph: Arc::new(graph),
            base: Arc::new(base),
            limits,
        }
    }

    /// The same network and graph under other limits (nothing is rebuilt).
    #[must_use]
    pub fn with_router_limits(&self, limits: RouterLimits) -> Router {
        Router {
            limits,
            ..self.clone()
        }
    }

    /// The network routed on.
    pub fn network(&self) -> &Network {
        &self.graph.net
    }

    /// The shared network.
    pub fn network_arc(&self) -> &Arc<Network> {
        &self.graph.net
    }

    /// The limits in force.
    pub fn limits(&self) -> RouterLimits {
        self.limits
    }

    /// Checks a matrix of `origins` × `destinations` pairs against
    /// [`RouterLimits::max_matrix_pairs`] before any work is done.
    ///
    /// # Errors
    /// [`RoutingError::TooLarge`] naming the limit.
    pub fn check_matrix_size(
        &self,
        origins: usize,
        destinations: usize,
    ) -> Result<(), RoutingError> {
        check_matrix_size(&self.limits, origins, destinations)
    }

    /// Compiles a request, optionally intersected with a corridor rule.
    pub(crate) fn compile(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
    ) -> Result<Query, RoutingError> {
        compile(&self.graph, &self.base, &self.limits, req, rule)
    }

    /// The shared tables of unrestricted queries.
    pub(crate) fn base(&self) -> &BaseTables {
        &self.base
    }

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
        match best_path(&self.graph, &q, Algorithm::AStar) {
            Some(p) => Ok(from_units(p.cost)),
            None => Err(no_route(self, req, None, &q)),
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
        Ok(from_units(
            q.heuristic(&self.graph.xyz[q.endpoints[0].index()], 0),
        ))
    }

    /// The best route of a compiled query, or why there is none.
    pub(crate) fn best_in(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
        algorithm: Algorithm,
    ) -> Result<Route, RoutingError> {
        let q = self.compile(req, rule)?;
        self.best_of(req, rule, &q, algorithm)
    }

    /// The best route of an already compiled query.
    pub(crate) fn best_of(
        &self,
        req: &RouteRequest,
        rule: Option<&CorridorRule>,
        q: &Query,
        algorithm: Algorithm,
    ) -> Result<Route, RoutingError> {
        match best_path(&self.graph, q, algorithm) {
            Some(p) => Ok(build_route(&self.graph, q, &p)),
            None => Err(no_route(self, req, rule, q)),
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
        let q = self.compile(req, None)?;
        let Some(best) = best_path(&self.graph, &q, Algorithm::AStar) else {
            return Err(no_route(self, req, None, &q));
        };
        let paths = if req.alternatives == 0 {
            vec![best]
        } else {
            yen(&self.graph, &q, best, req.alternatives + 1)
        };
        Ok(paths
            .iter()
            .map(|p| build_route(&self.graph, &q, p))
            .collect())
    }

    /// Every route that no other route beats on all of cost, time and
    /// CO2e at once, cheapest first.
    ///
    /// Multi-criteria label setting (Martins 1984); with
    /// [`ParetoOptions::epsilon`] > 0, ε-dominance bounds the size of the set.
    ///
    /// # Errors
    /// As [`best`](Self::best); [`RoutingError::InvalidNumber`] for an ε
    /// outside [0, 10]; [`RoutingError::TooLarge`] when more than
    /// [`RouterLimits::max_pareto_labels`] labels would be needed.
    ///
    /// # Complexity
    /// Exponential in the worst case (the Pareto set itself can be); small
    /// on corridor networks.
    pub fn pareto(
        &self,
        req: &RouteRequest,
        options: ParetoOptions,
    ) -> Result<Vec<Route>, RoutingError> {
        options.check()?;
        let q = self.compile(req, None)?;
        let paths = pareto_paths(
            &self.graph,
            &q,
            options.epsilon,
            self.limits.max_pareto_labels,
        )?;
        if paths.is_empty() {
            return Err(no_route(self, req, None, &q));
        }
        Ok(paths
            .iter()
            .map(|p| build_route(&self.graph, &q, p))
            .collect())
    }

    /// The best route under each corridor definition of the network, in the
    /// network's order, including corridors without a feasible route (with
    /// the reason).
    ///
    /// # Errors
    /// Errors of the request itself (unknown names, invalid numbers,
    /// contradictions not caused by a corridor) are returned for the whole
    /// comparison; a corridor that cannot serve the request gets its own
    /// error in [`CorridorOption::result`].
    pub fn compare(&self, req: &RouteRequest) -> Result<Vec<CorridorOption>, RoutingError> {
        compare::compare(self, req)
    }
}

impl crate::objective::Objective {
    /// Whether the objective's unit is money (used for display).
    pub fn is_monetary(self) -> bool {
        matches!(self, Self::Cost | Self::Generalized)
    }
}
