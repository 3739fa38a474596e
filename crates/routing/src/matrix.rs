//! Origin–destination matrices: the best route for every pair of a list of
//! origins and a list of destinations, computed in parallel.

use crate::error::RoutingError;
use crate::query::{Template, check_request, resolve_endpoint, same_endpoints};
use crate::request::{Endpoint, RouteRequest};
use crate::route::Route;
use crate::router::Router;
use crate::search::Algorithm;
use rayon::prelude::*;

/// One origin–destination pair of a [`MatrixTable`] and its outcome.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MatrixCell {
    /// Position of the origin in the list given.
    pub origin_index: usize,
    /// Position of the destination in the list given.
    pub destination_index: usize,
    /// The origin as given.
    pub origin: Endpoint,
    /// The destination as given.
    pub destination: Endpoint,
    /// The origin's terminal name, or the origin as given if it does not resolve.
    pub origin_name: String,
    /// The destination's terminal name, or the destination as given if it does not resolve.
    pub destination_name: String,
    /// The best route, or why there is none.
    pub result: Result<Route, RoutingError>,
}

impl MatrixCell {
    /// `ok`, or the [`kind`](RoutingError::kind) of the error: `no_route`,
    /// `same_origin_destination`, `unknown_terminal`, …
    pub fn status(&self) -> &'static str {
        match &self.result {
            Ok(_) => "ok",
            Err(e) => e.kind(),
        }
    }

    /// The route, if the pair has one.
    pub fn route(&self) -> Option<&Route> {
        self.result.as_ref().ok()
    }
}

/// The outcome of [`Router::matrix`]: one cell per origin–destination pair,
/// origins major (all destinations of the first origin, then of the second…).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MatrixTable {
    /// The origins, as given.
    pub origins: Vec<Endpoint>,
    /// The destinations, as given.
    pub destinations: Vec<Endpoint>,
    /// The cells, `origins.len() × destinations.len()`, origins major.
    pub cells: Vec<MatrixCell>,
}

impl MatrixTable {
    /// The cell of origin `i` and destination `j`.
    pub fn get(&self, i: usize, j: usize) -> Option<&MatrixCell> {
        if i < self.origins.len() && j < self.destinations.len() {
            self.cells.get(i * self.destinations.len() + j)
        } else {
            None
        }
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether there are no pairs (no origins or no destinations).
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }
}

impl Router {
    /// The best route for every pair of `origins` × `destinations`.
    ///
    /// # Arguments
    /// - `origins`, `destinations`: terminal queries (`&str`) or [`Endpoint`]s.
    /// - `template`: the options of every search (objective, avoidances,
    ///   waypoints, container…); its origin and destination are replaced
    ///   (see [`RouteRequest::with_endpoints`]) and alternatives are not
    ///   computed.
    ///
    /// # Returns
    /// A [`MatrixTable`] with a cell for every pair, in input order
    /// (origins major) whatever the number of threads. Pairs without a route
    /// are kept, with the reason: `no_route`, `same_origin_destination`,
    /// `unknown_terminal`, …
    ///
    /// # Complexity
    /// One [`best`](Self::best) search per pair, run on the current rayon
    /// thread pool (use `ThreadPool::install` to choose the threads).
    ///
    /// # Examples
    /// ```
    /// use silkroute_routing::{Objective, RouteRequest, Router};
    /// let router = Router::new(silkroute_core::Network::eurasia());
    /// let template = RouteRequest::new("Xi'an", "Duisburg").objective(Objective::Time);
    /// let m = router.matrix(&["Xi'an", "Chongqing"], &["Duisburg", "Xi'an"], &template);
    /// assert_eq!(m.len(), 4);
    /// assert_eq!(m.get(0, 1).unwrap().status(), "same_origin_destination");
    /// assert!(m.get(1, 1).unwrap().route().is_some());
    /// ```
    pub fn matrix<E>(
        &self,
        origins: &[E],
        destinations: &[E],
        template: &RouteRequest,
    ) -> MatrixTable
    where
        E: Clone + Into<Endpoint>,
    {
        self.matrix_with(origins, destinations, template, |_| {})
    }

    /// The errors of a matrix template that every pair would meet, found
    /// once and without a search: invalid numbers, limits, unknown
    /// waypoints, avoided legs or corridors, a search space over the limit.
    /// Errors that depend on the pair (an unknown origin, no route) are not
    /// reported here.
    ///
    /// # Errors
    /// The template's error.
    pub fn check_template(&self, template: &RouteRequest) -> Result<(), RoutingError> {
        let template = template.clone().alternatives(0);
        check_request(&self.limits(), &template)?;
        let via = template
            .via
            .iter()
            .map(|v| resolve_endpoint(self.network(), v))
            .collect::<Result<Vec<_>, _>>()?;
        Template::new(&self.graph, self.base(), &template, None, via)?
            .check_any_pair(&self.graph, &self.limits())
    }

    /// Like [`matrix`](Self::matrix), but refuses more pairs than
    /// [`RouterLimits::max_matrix_pairs`](crate::RouterLimits) before doing any
    /// work: use it when the lists come from outside.
    ///
    /// # Errors
    /// [`RoutingError::TooLarge`] naming the limit.
    pub fn try_matrix<E>(
        &self,
        origins: &[E],
        destinations: &[E],
        template: &RouteRequest,
    ) -> Result<MatrixTable, RoutingError>
    where
        E: Clone + Into<Endpoint>,
    {
        self.try_matrix_with(origins, destinations, template, |_| {})
    }

    /// Like [`matrix_with`](Self::matrix_with) under the pair limit of
    /// [`try_matrix`](Self::try_matrix).
    ///
    /// # Errors
    /// [`RoutingError::TooLarge`] naming the limit.
    pub fn try_matrix_with<E, F>(
        &self,
        origins: &[E],
        destinations: &[E],
        template: &RouteRequest,
        on_cell: F,
    ) -> Result<MatrixTable, RoutingError>
    where
        E: Clone + Into<Endpoint>,
        F: Fn(&MatrixCell) + Sync,
    {
        self.check_matrix_size(origins.len(), destinations.len())?;
        Ok(self.matrix_with(origins, destinations, template, on_cell))
    }

    /// Like [`matrix`](Self::matrix), calling `on_cell` as each pair is
    /// done (from the worker threads, in completion order): for progress
    /// reports.
    pub fn matrix_with<E, F>(
        &self,
        origins: &[E],
        destinations: &[E],
        template: &RouteRequest,
        on_cell: F,
    ) -> MatrixTable
    where
        E: Clone + Into<Endpoint>,
        F: Fn(&MatrixCell) + Sync,
    {
        let origins: Vec<Endpoint> = origins.iter().cloned().map(Into::into).collect();
        let destinations: Vec<Endpoint> = destinations.iter().cloned().map(Into::into).collect();
        let net = self.network();
        let name = |e: &Endpoint| match resolve_endpoint(net, e) {
            Ok((t, _)) => net[t].name.clone(),
            Err(_) => e.to_string(),
        };
        let origin_names: Vec<String> = origins.iter().map(name).collect();
        let destination_names: Vec<String> = destinations.iter().map(name).collect();
        // The template is compiled once: the tables, the waypoints and the
        // avoidances are the same for every pair.
        let template = template.clone().alternatives(0);
        let checked = check_request(&self.limits(), &template);
        let via: Result<Vec<_>, RoutingError> = template
            .via
            .iter()
            .map(|v| resolve_endpoint(net, v))
            .collect();
        let compiled = via
            .clone()
            .and_then(|v| Template::new(&self.graph, self.base(), &template, None, v));
        let cell_result = |o: &Endpoint, d: &Endpoint| -> Result<Route, RoutingError> {
            checked.clone()?;
            let from = resolve_endpoint(net, o)?;
            let via = via.as_ref().map_err(Clone::clone)?;
            let to = resolve_endpoint(net, d)?;
            let mut all = vec![from.0];
            all.extend(via.iter().map(|v| v.0));
            all.push(to.0);
            same_endpoints(net, &all)?;
            let q = compiled.as_ref().map_err(Clone::clone)?.query(
                &self.graph,
                &self.limits(),
                from,
                to,
            )?;
            let req = template.with_endpoints(o.clone(), d.clone());
            self.best_of(&req, None, &q, Algorithm::AStar)
        };
        let n = destinations.len();
        // An indexed parallel iterator collects in index order, so the
        // result does not depend on the number of threads or their timing.
        let cells = (0..origins.len() * n)
            .into_par_iter()
            .map(|k| {
                let (i, j) = (k / n, k % n);
                let cell = MatrixCell {
                    origin_index: i,
                    destination_index: j,
                    origin: origins[i].clone(),
                    destination: destinations[j].clone(),
                    origin_name: origin_names[i].clone(),
                    destination_name: destination_names[j].clone(),
                    result: cell_result(&origins[i], &destinations[j]),
                };
                on_cell(&cell);
                cell
            })
            .collect();
        MatrixTable {
            origins,
            destinations,
            cells,
        }
    }
}
