//! Formatters over the engine's typed results: API v1 JSON text, GeoJSON
//! and CSV. Every front end prints through these, so they cannot disagree.

use crate::v1::{self, ErrorBody, ErrorKind};
use serde::Serialize;
use serde_json::{Value, json};
use silkroute_routing::{MatrixTable, Route};

/// The canonical JSON text of a response: compact, fields in declaration
/// order. Every front-end prints exactly this.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // invariant: the API types hold only strings, finite numbers, and
    // sequences, so serialisation cannot fail
    serde_json::to_string(value).unwrap_or_else(|e| {
        error_json(&ErrorBody::new(
            ErrorKind::Internal,
            format!("cannot serialise the response: {e}"),
        ))
    })
}

/// The canonical JSON text of an error response.
pub fn error_json(e: &ErrorBody) -> String {
    serde_json::to_string(&v1::ErrorResponse::from(e.clone())).unwrap_or_else(|_| {
        "{\"api_version\":1,\"error\":{\"kind\":\"internal\",\"message\":\"unserialisable error\",\"suggestions\":[]}}"
            .to_string()
    })
}

/// Routes as a GeoJSON FeatureCollection.
pub fn routes_geojson(routes: &[Route]) -> serde_json::Value {
    let mut features = Vec::new();
    for (i, r) in routes.iter().enumerate() {
        let coords: Vec<[f64; 2]> = r.geometry().iter().map(|&(lat, lon)| [lon, lat]).collect();
        features.push(serde_json::json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": coords},
            "properties": {
                "kind": "route",
                "rank": i,
                "corridor": r.corridor.as_ref().map(|c| c.to_string()),
                "from": r.origin.name, "to": r.destination.name,
                "distance_km": r.totals.distance.get(),
                "time_h": r.totals.time.get(),
                "time_days": r.totals.time.get() / 24.0,
                "cost_usd": r.totals.cost.get(),
                "co2e_kg": r.totals.co2e.get(),
                "transfers": r.totals.transfers,
            }
        }));
        for l in &r.legs {
            let coords: Vec<[f64; 2]> = l.geometry.iter().map(|&(lat, lon)| [lon, lat]).collect();
            features.push(serde_json::json!({
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": coords},
                "properties": {
                    "kind": "leg", "rank": i, "id": l.leg.to_string(), "mode": l.mode.to_string(),
                    "from": l.from.name, "to": l.to.name,
                    "distance_km": l.distance.get(), "time_h": l.time.get(), "wait_h": l.wait.get(),
                    "cost_usd": l.cost.get(), "co2e_kg": l.co2e.get(),
                }
            }));
        }
    }
    serde_json::json!({"type": "FeatureCollection", "features": features})
}

/// The columns of a matrix as CSV (and of the Python matrix records).
pub const MATRIX_CSV_HEADER: [&str; 9] = [
    "origin",
    "destination",
    "corridor",
    "distance_km",
    "time_h",
    "cost_usd",
    "co2e_kg",
    "transfers",
    "status",
];

fn fixed(v: Option<f64>, decimals: usize) -> String {
    v.map(|v| format!("{v:.decimals$}")).unwrap_or_default()
}

/// A matrix as CSV text: [`MATRIX_CSV_HEADER`], then one row per pair in
/// input order; a pair without a route has empty figures and its status.
///
/// # Errors
/// Only if writing to memory fails (it does not, short of allocation).
pub fn matrix_csv(table: &MatrixTable) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(MATRIX_CSV_HEADER)?;
    for r in table.cells.iter().map(v1::MatrixRow::from) {
        w.write_record([
            r.origin.as_str(),
            r.destination.as_str(),
            r.corridor.as_deref().unwrap_or(""),
            &fixed(r.distance_km, 1),
            &fixed(r.time_h, 1),
            &fixed(r.cost_usd, 0),
            &fixed(r.co2e_kg, 1),
            &r.transfers.map(|t| t.to_string()).unwrap_or_default(),
            r.status.as_str(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

/// A matrix as API v1 JSON: `{"api_version": 1, "rows": [...]}`, each row
/// with the CSV's columns in order.
pub fn matrix_json(table: &MatrixTable) -> String {
    to_json(&v1::MatrixResponse::from_table(table))
}

/// A matrix as GeoJSON: one Feature per pair, its route as a LineString
/// (no geometry when the pair has no route), its row as properties.
pub fn matrix_geojson(table: &MatrixTable) -> Value {
    let features: Vec<Value> = table
        .cells
        .iter()
        .map(|c| {
            let geometry = c.route().map(|r| {
                let coords: Vec<[f64; 2]> =
                    r.geometry().iter().map(|&(lat, lon)| [lon, lat]).collect();
                json!({"type": "LineString", "coordinates": coords})
            });
            json!({"type": "Feature", "geometry": geometry, "properties": v1::MatrixRow::from(c)})
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// The stops of a route by name: the first leg's origin, then every leg's
/// end.
pub fn stop_names(r: &Route) -> Vec<String> {
    let mut s: Vec<String> = r
        .legs
        .first()
        .map(|l| l.from.name.clone())
        .into_iter()
        .collect();
    s.extend(r.legs.iter().map(|l| l.to.name.clone()));
    s
}

fn diff_side_json(side: &crate::DiffSide) -> Value {
    match (side.route(), side.error()) {
        (Some(r), _) => json!({
            "time_h": r.totals.time.get(), "cost_usd": r.totals.cost.get(),
            "co2e_kg": r.totals.co2e.get(), "distance_km": r.totals.distance.get(),
            "transfers": r.totals.transfers,
            "countries": r.countries.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
            "passages": r.passages.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            "stops": stop_names(r),
        }),
        (None, e) => json!({ "error": e }),
    }
}

fn diff_row_json(row: &crate::DiffRow) -> Value {
    let delta = row
        .delta()
        .map(|(t, c, e, d)| json!({"time_h": t, "cost_usd": c, "co2e_kg": e, "distance_km": d}));
    json!({
        "corridor": row.corridor, "corridor_name": row.name, "status": row.status().as_str(),
        "baseline": diff_side_json(&row.baseline), "scenario": diff_side_json(&row.scenario),
        "delta": delta,
    })
}

/// A diff as API v1 JSON; `from` and `to` are the endpoints as given.
pub fn diff_json(diff: &crate::Diff, from: &str, to: &str) -> Value {
    json!({
        "api_version": v1::API_VERSION,
        "from": from, "to": to, "objective": diff.objective.as_str(),
        "scenarios": diff.scenarios.iter().map(|(id, name)| json!({"id": id, "name": name})).collect::<Vec<_>>(),
        "best": diff.rows.first().map(diff_row_json),
        "corridors": diff.rows.iter().skip(1).map(diff_row_json).collect::<Vec<_>>(),
    })
}

/// One scenario as `silkroute scenarios --json` lists it (and the server's
/// `GET /v1/scenarios`): id, name, description, sources, changes, and its
/// effect on the network, or why it does not apply.
pub fn scenario_json(
    s: &silkroute_core::Scenario,
    applied: &Result<crate::ScenarioEffect, silkroute_core::Error>,
) -> Value {
    let mut item = json!({
        "id": s.id(), "name": s.name(), "description": s.description(),
        "sources": serde_json::to_value(s.sources()).unwrap_or(Value::Null),
        "changes": s.summaries(),
    });
    match applied {
        Ok(effect) => item["effect"] = serde_json::to_value(effect).unwrap_or(Value::Null),
        Err(e) => {
            item["error"] = json!(e.to_string());
            item["issues"] = json!(e.issues().iter().map(|i| i.to_string()).collect::<Vec<_>>());
        }
    }
    item
}
