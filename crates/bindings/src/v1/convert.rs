//! API v1 responses built from the routing types.

use super::*;
use silkroute_routing as routing;

fn stop(s: &routing::Stop) -> Stop {
    Stop {
        id: s.id.to_string(),
        name: s.name.clone(),
        country: s.country.to_string(),
        lat: s.lat,
        lon: s.lon,
    }
}

impl From<&routing::Route> for Route {
    fn from(r: &routing::Route) -> Self {
        let n = r.snaps.len();
        Route {
            corridor: r.corridor.as_ref().map(|c| c.to_string()),
            corridor_name: r.corridor_name.clone(),
            objective: r.objective.as_str().to_string(),
            objective_value: r.objective_value,
            container: r.container.feet().into(),
            totals: Totals {
                distance_km: r.totals.distance.get(),
                time_h: r.totals.time.get(),
                cost_usd: r.totals.cost.get(),
                co2e_kg: r.totals.co2e.get(),
                co2e_ttw_kg: r.totals.co2e_ttw.get(),
                co2e_wtt_kg: r.totals.co2e_wtt.get(),
                co2e_hubs_kg: r.totals.co2e_hubs.get(),
                transfers: r.totals.transfers,
                border_crossings: r.totals.border_crossings,
                moving_h: r.totals.moving_time.get(),
                wait_h: r.totals.wait_time.get(),
                transfer_h: r.totals.transfer_time.get(),
            },
            countries: r.countries.iter().map(|c| c.to_string()).collect(),
            passages: r.passages.iter().map(|p| p.to_string()).collect(),
            legs: r
                .legs
                .iter()
                .map(|l| Leg {
                    id: l.leg.to_string(),
                    from: stop(&l.from),
                    to: stop(&l.to),
                    mode: l.mode.to_string(),
                    gauge_mm: l.gauge.map(|g| g.0),
                    distance_km: l.distance.get(),
                    time_h: l.time.get(),
                    wait_h: l.wait.get(),
                    cost_usd: l.cost.get(),
                    co2e_kg: l.co2e.get(),
                    co2e_ttw_kg: l.co2e_ttw.get(),
                    co2e_wtt_kg: l.co2e_wtt.get(),
                    emission_factor: l.emission_factor.to_string(),
                    corridors: l.corridors.clone(),
                    passages: l.passages.iter().map(|p| p.to_string()).collect(),
                    border: l.border.map(|(a, b)| [a.to_string(), b.to_string()]),
                    sources: l.sources.iter().map(|s| s.to_string()).collect(),
                })
                .collect(),
            transfers: r
                .transfers
                .iter()
                .map(|t| Transfer {
                    at: stop(&t.at),
                    from_mode: t.from_mode.to_string(),
                    to_mode: t.to_mode.to_string(),
                    from_gauge_mm: t.from_gauge.map(|g| g.0),
                    to_gauge_mm: t.to_gauge.map(|g| g.0),
                    time_h: t.time.get(),
                    cost_usd: t.cost.get(),
                    co2e_kg: t.co2e.get(),
                    co2e_ttw_kg: t.co2e_ttw.get(),
                    co2e_wtt_kg: t.co2e_wtt.get(),
                    after_legs: t.after_legs,
                })
                .collect(),
            snaps: r
                .snaps
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    s.as_ref().map(|s| Snap {
                        role: if i == 0 {
                            "origin".into()
                        } else if i + 1 == n {
                            "destination".into()
                        } else {
                            "via".into()
                        },
                        lat: s.lat,
                        lon: s.lon,
                        terminal: r
                            .legs
                            .iter()
                            .flat_map(|l| [&l.from, &l.to])
                            .chain([&r.origin, &r.destination])
                            .find(|st| st.idx == s.terminal)
                            .map(|st| st.id.to_string())
                            .unwrap_or_default(),
                        distance_km: s.distance.get(),
                    })
                })
                .collect(),
        }
    }
}

impl RouteResponse {
    /// The response for routes found by the router (best first).
    pub fn from_routes(routes: &[routing::Route]) -> Self {
        RouteResponse {
            api_version: API_VERSION,
            routes: routes.iter().map(Route::from).collect(),
        }
    }
}

impl CompareResponse {
    /// The response for a comparison: routes of the corridors that have one,
    /// and the others with their reason, in the network's order.
    pub fn from_options(options: &[routing::CorridorOption]) -> Self {
        let mut routes = Vec::new();
        let mut unavailable = Vec::new();
        for o in options {
            match &o.result {
                Ok(route) => routes.push(Route::from(route)),
                Err(e) => unavailable.push(Unavailable {
                    corridor: o.corridor.id.to_string(),
                    corridor_name: o.corridor.name.clone(),
                    error: ErrorBody::from(e),
                }),
            }
        }
        CompareResponse {
            api_version: API_VERSION,
            routes,
            unavailable,
        }
    }
}

impl From<&silkroute_core::Terminal> for TerminalInfo {
    fn from(t: &silkroute_core::Terminal) -> Self {
        TerminalInfo {
            id: t.id.to_string(),
            name: t.name.clone(),
            aliases: t.aliases.clone(),
            country: t.country.to_string(),
            kind: t.kind.to_string(),
            lat: t.lat,
            lon: t.lon,
        }
    }
}

impl From<&routing::MatrixCell> for MatrixRow {
    fn from(c: &routing::MatrixCell) -> Self {
        let route = c.route();
        MatrixRow {
            origin: c.origin_name.clone(),
            destination: c.destination_name.clone(),
            corridor: route.and_then(|r| r.corridor.as_ref().map(|c| c.to_string())),
            distance_km: route.map(|r| r.totals.distance.get()),
            time_h: route.map(|r| r.totals.time.get()),
            cost_usd: route.map(|r| r.totals.cost.get()),
            co2e_kg: route.map(|r| r.totals.co2e.get()),
            transfers: route.map(|r| r.totals.transfers),
            status: c.status().to_string(),
            message: c.result.as_ref().err().map(|e| e.to_string()),
        }
    }
}

impl MatrixResponse {
    /// The response for a matrix table.
    pub fn from_table(table: &routing::MatrixTable) -> Self {
        MatrixResponse {
            api_version: API_VERSION,
            rows: table.cells.iter().map(MatrixRow::from).collect(),
        }
    }
}
