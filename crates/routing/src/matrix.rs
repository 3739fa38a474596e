//! Origin–destination matrices: the best route for every pair of a list of
//! origins and a list of destinations, computed in parallel.

use crate::error::RoutingError;
use crate::request::{Endpoint, RouteRequest};
use crate::route::Route;
use crate::router::Router;
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

    /// The cell as a flat row of totals.
    pub fn row(&self) -> MatrixRow {
        let route = self.route();
        MatrixRow {
            origin: self.origin_name.clone(),
            destination: self.destination_name.clone(),
            corridor: route.and_then(|r| r.corridor.as_ref().map(|c| c.to_string())),
            distance_km: route.map(|r| r.totals.distance.get()),
            time_h: route.map(|r| r.totals.time.get()),
            cost_usd: route.map(|r| r.totals.cost.get()),
            co2e_kg: route.map(|r| r.totals.co2e.get()),
            transfers: route.map(|r| r.totals.transfers),
            status: self.status(),
            message: self.result.as_ref().err().map(|e| e.to_string()),
        }
    }
}

/// The totals of one pair, flat, for tables and CSV files.
///
/// The figures are `None` when the pair has no route; [`status`](Self::status)
/// then says why.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct MatrixRow {
    /// The origin's terminal name (the input as given if it does not resolve).
    pub origin: String,
    /// The destination's terminal name (the input as given if it does not resolve).
    pub destination: String,
    /// The corridor id of the route, if it belongs to one.
    pub corridor: Option<String>,
    /// Kilometres.
    pub distance_km: Option<f64>,
    /// Door-to-door hours.
    pub time_h: Option<f64>,
    /// USD per container.
    pub cost_usd: Option<f64>,
    /// kg CO2e per container.
    pub co2e_kg: Option<f64>,
    /// Mode or gauge changes.
    pub transfers: Option<u32>,
    /// `ok` or the error kind (see [`MatrixCell::status`]).
    pub status: &'static str,
    /// The error message, for pairs without a route.
    pub message: Option<String>,
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

    /// The flat rows, in the cells' order.
    pub fn rows(&self) -> impl Iterator<Item = MatrixRow> + '_ {
        self.cells.iter().map(MatrixCell::row)
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
        let name = |e: &Endpoint| match self.resolve_endpoint(e) {
            Ok((t, _)) => self
                .net
                .terminal_at(t)
                .expect("index from this network")
                .name
                .clone(),
            Err(_) => e.to_string(),
        };
        let origin_names: Vec<String> = origins.iter().map(name).collect();
        let destination_names: Vec<String> = destinations.iter().map(name).collect();
        let n = destinations.len();
        // An indexed parallel iterator collects in index order, so the
        // result does not depend on the number of threads or their timing.
        let cells = (0..origins.len() * n)
            .into_par_iter()
            .map(|k| {
                let (i, j) = (k / n, k % n);
                let req = template
                    .with_endpoints(origins[i].clone(), destinations[j].clone())
                    .alternatives(0);
                let cell = MatrixCell {
                    origin_index: i,
                    destination_index: j,
                    origin: origins[i].clone(),
                    destination: destinations[j].clone(),
                    origin_name: origin_names[i].clone(),
                    destination_name: destination_names[j].clone(),
                    result: self.best(&req),
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
