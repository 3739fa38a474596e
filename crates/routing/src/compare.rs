//! Corridor comparison: the best route under each corridor definition.

use crate::RouteRequest;
use crate::error::RoutingError;
use crate::route::Route;
use crate::router::Router;
use crate::search::Algorithm;
use silkroute_core::Corridor;

/// The outcome for one corridor of a comparison.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CorridorOption {
    /// The corridor definition.
    pub corridor: Corridor,
    /// Its best route, or why it has none.
    pub result: Result<Route, RoutingError>,
}

impl Router {
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
        // Validate the request once, without any corridor.
        self.compile(req, None)?;
        Ok(self
            .net
            .corridors()
            .iter()
            .map(|c| {
                let result = self
                    .best_in(req, Some(&c.rule), Algorithm::AStar)
                    .map(|mut r| {
                        r.corridor = Some(c.id.clone());
                        r.corridor_name = Some(c.name.clone());
                        r
                    });
                CorridorOption {
                    corridor: c.clone(),
                    result,
                }
            })
            .collect())
    }
}
