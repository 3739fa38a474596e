//! The JSON Schema of API v1, generated from the [`v1`](crate::v1) types.

use crate::v1;
use schemars::generate::SchemaSettings;

/// The JSON Schema (draft 2020-12) of API v1: one document whose `$defs`
/// hold `RouteRequest`, `RouteResponse`, `CompareResponse`,
/// `ErrorResponse`, `TerminalInfo`, `VersionInfo`, `MatrixResponse`,
/// `EmissionsResponse` and the
/// types they use.
///
/// The request is described as callers may write it (optional fields may
/// be omitted), the responses as silkroute writes them (every field that
/// is always present is `required`). The committed copy is
/// `crates/bindings/schema/api-v1.schema.json`; a test keeps the two equal.
///
/// # Examples
/// ```
/// let schema = silkroute_bindings::api_v1_schema();
/// assert!(schema["$defs"]["RouteRequest"]["properties"]["from"].is_object());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn api_v1_schema() -> serde_json::Value {
    let mut requests = SchemaSettings::draft2020_12()
        .for_deserialize()
        .into_generator();
    requests.subschema_for::<v1::RouteRequest>();
    let mut responses = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    responses.subschema_for::<v1::RouteResponse>();
    responses.subschema_for::<v1::CompareResponse>();
    responses.subschema_for::<v1::ErrorResponse>();
    responses.subschema_for::<v1::TerminalInfo>();
    responses.subschema_for::<v1::VersionInfo>();
    responses.subschema_for::<v1::MatrixResponse>();
    responses.subschema_for::<v1::EmissionsResponse>();
    let mut defs = requests.take_definitions(true);
    for (name, schema) in responses.take_definitions(true) {
        // invariant: request and response types are disjoint
        debug_assert!(
            !defs.contains_key(&name),
            "{name} is both a request and a response type"
        );
        defs.insert(name, schema);
    }
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/silkroute/silkroute/blob/main/crates/bindings/schema/api-v1.schema.json",
        "title": "silkroute API v1",
        "description": "Requests and responses of the silkroute API, version 1. Operations: route, compare and pareto take a RouteRequest and return a RouteResponse (compare: a CompareResponse); emissions takes a RouteRequest and returns an EmissionsResponse; terminals returns an array of TerminalInfo; find returns a TerminalInfo; version returns a VersionInfo; any failure returns an ErrorResponse. Within version 1, new optional fields and new values of string enumerations (error kinds, modes, passages) may appear: ignore what you do not know.",
        "$defs": defs,
    })
}
