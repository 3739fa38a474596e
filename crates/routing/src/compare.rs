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

/// The best route under each corridor rule of the router's network (see
/// [`Router::compare`]).
pub(crate) fn compare(
    router: &Router,
    req: &RouteRequest,
) -> Result<Vec<CorridorOption>, RoutingError> {
    // Validate the request once, without any corridor.
    router.compile(req, None)?;
    Ok(router
        .network()
        .corridors()
        .iter()
        .map(|c| {
            let result = router
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
