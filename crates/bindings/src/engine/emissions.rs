//! The `emissions` operation: the best route's ISO 14083 breakdown, one row
//! per transport operation (leg) and per hub operation (transfer), each with
//! its activity, factor, source and well-to-tank / tank-to-wheel split.

use super::{Engine, routing};
use crate::v1::{self, EmissionsResponse, EmissionsRow, ErrorBody, ErrorKind, Request};
use silkroute_core::{EmissionUnit, Network};
use silkroute_routing::{Route, RouteLeg, Transfer};

fn leg_row(net: &Network, r: &Route, l: &RouteLeg) -> EmissionsRow {
    let data = net.leg(l.leg.as_str());
    let factor = data.and_then(|d| net.emission_factor(&d.emission_factor));
    let (unit, payload) = match factor.map(|f| f.unit) {
        Some(EmissionUnit::GPerTeuKm) => ("teu_km", r.container.teu()),
        _ => ("t_km", net.meta().assumptions.cargo_tonnes(r.container)),
    };
    let activity = l.distance.get() * payload;
    let share = factor.map_or(0.0, |f| f.electric_share);
    let grid = (share > 0.0).then(|| {
        let g = |c| net.grid_intensity(c).map_or(0.0, |g| g.g_per_kwh);
        (g(l.from.country) + g(l.to.country)) / 2.0
    });
    EmissionsRow {
        element: "leg".into(),
        id: l.leg.to_string(),
        from: l.from.name.clone(),
        to: l.to.name.clone(),
        mode: l.mode.to_string(),
        activity,
        activity_unit: unit.into(),
        factor: l.emission_factor.to_string(),
        intensity: if activity > 0.0 {
            l.co2e.get() * 1000.0 / activity
        } else {
            0.0
        },
        intensity_unit: factor.map_or("g_per_tkm", |f| f.unit.as_str()).into(),
        electric_share: share,
        grid_g_per_kwh: grid,
        source: factor.map(|f| f.source.to_string()).unwrap_or_default(),
        method: factor.and_then(|f| f.method).map(|m| m.to_string()),
        wtt_kg: l.co2e_wtt.get(),
        ttw_kg: l.co2e_ttw.get(),
        co2e_kg: l.co2e.get(),
    }
}

fn hub_row(net: &Network, r: &Route, t: &Transfer) -> EmissionsRow {
    let layer = |m: silkroute_core::Mode, g: Option<silkroute_core::Gauge>| match g {
        Some(g) => format!("{m} {}", g.0),
        None => m.to_string(),
    };
    let hub = net[t.at.idx]
        .hub_factor
        .as_ref()
        .and_then(|id| net.hub_factor(id));
    let teu = r.container.teu();
    EmissionsRow {
        element: "hub".into(),
        id: t.at.id.to_string(),
        from: t.at.name.clone(),
        to: String::new(),
        mode: format!(
            "{} → {}",
            layer(t.from_mode, t.from_gauge),
            layer(t.to_mode, t.to_gauge)
        ),
        activity: teu,
        activity_unit: "teu".into(),
        factor: hub.map(|h| h.id.to_string()).unwrap_or_default(),
        intensity: t.co2e.get() / teu,
        intensity_unit: "kg_per_teu".into(),
        electric_share: 0.0,
        grid_g_per_kwh: None,
        source: hub.map(|h| h.source.to_string()).unwrap_or_default(),
        method: hub.and_then(|h| h.method).map(|m| m.to_string()),
        wtt_kg: t.co2e_wtt.get(),
        ttw_kg: t.co2e_ttw.get(),
        co2e_kg: t.co2e.get(),
    }
}

/// The best route for `r` and its breakdown.
pub(super) fn emissions(engine: &Engine, r: &Request) -> Result<EmissionsResponse, ErrorBody> {
    let router = engine.router_for(&r.scenarios)?;
    let mut request = r.route.clone();
    request = request.alternatives(0);
    let routes = router.route(&request).map_err(routing)?;
    let Some(best) = routes.first() else {
        return Err(ErrorBody::new(ErrorKind::NoRoute, "no route"));
    };
    let net = router.network();
    let mut rows = Vec::with_capacity(best.legs.len() + best.transfers.len());
    let mut transfers = best.transfers.iter().peekable();
    for (i, l) in best.legs.iter().enumerate() {
        while let Some(t) = transfers.next_if(|t| t.after_legs == i) {
            rows.push(hub_row(net, best, t));
        }
        rows.push(leg_row(net, best, l));
    }
    rows.extend(transfers.map(|t| hub_row(net, best, t)));
    Ok(EmissionsResponse {
        api_version: v1::API_VERSION,
        route: v1::Route::from(best),
        cargo_tonnes: net.meta().assumptions.cargo_tonnes(best.container),
        rows,
    })
}
