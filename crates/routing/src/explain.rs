//! Why no route exists: constraints relaxed one at a time, and what the
//! relaxed route needs.

use crate::error::RoutingError;
use crate::query::{Query, or_list};
use crate::request::RouteRequest;
use crate::route::{Route, build_route};
use crate::router::Router;
use crate::search::{Algorithm, best_path};
use silkroute_core::{CorridorRule, Mode};
use std::collections::BTreeSet;

/// Explains why a compiled query has no route, by relaxing its
/// constraints one at a time and looking at what the relaxed route needs.
pub(crate) fn no_route(
    router: &Router,
    req: &RouteRequest,
    rule: Option<&CorridorRule>,
    q: &Query,
) -> RoutingError {
    let net = router.network();
    let from = net[q.endpoints[0]].name.clone();
    let to = net[q.endpoints[q.endpoints.len() - 1]].name.clone();
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
        let q = router.compile(req, rule).ok()?;
        best_path(&router.graph, &q, Algorithm::AStar).map(|p| build_route(&router.graph, &q, &p))
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
