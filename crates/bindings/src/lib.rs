//! # silkroute-bindings
//!
//! The stable, versioned API of silkroute: the **API v1** request and
//! response types (the JSON the CLI prints with `--json`) and the
//! [`Engine`] that every front-end (Rust, the command line, C, Python)
//! calls, so that the same request gives byte-identical JSON everywhere.
//!
//! ```
//! use silkroute_bindings::{Engine, v1};
//! let engine = Engine::eurasia();
//! let req: v1::RouteRequest = serde_json::from_str(
//!     r#"{"from": "Xi'an", "to": "Duisburg", "objective": "time", "avoid_countries": ["RU", "BY"]}"#,
//! )?;
//! // Parsed once into typed values, routed, formatted as API v1.
//! let request = v1::Request::try_from(&req).map_err(|e| e.message)?;
//! let routes = engine.route(&request).map_err(|e| e.message)?;
//! let resp = v1::RouteResponse::from_routes(&routes);
//! assert_eq!(resp.api_version, 1);
//! assert!(resp.routes[0].legs.iter().any(|l| l.to.name == "Alat"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Front-ends
//! - Rust: [`Engine`] and the [`v1`] types.
//! - Command line: `silkroute route --from .. --to .. --json` prints
//!   exactly [`Engine::call`]'s text.
//! - C: the [`capi`] module, header `include/silkroute.h`, example in
//!   `examples/c/`.
//! - Python: the `silkroute-python` crate (`import silkroute`).
//! - Any language: the JSON Schema [`api_v1_schema`], committed as
//!   `schema/api-v1.schema.json`.
//!
//! ## Versioning
//! The JSON carries `"api_version": 1`; [`v1::API_VERSION`] and the C
//! constant `SILKROUTE_API_VERSION` say which version a build speaks. The
//! API version is separate from the crate version: a release may go from
//! 0.1 to 0.2 and still speak API v1.
//!
//! **A minor release may** (and callers must tolerate it):
//! - add optional request fields, whose absence keeps today's behaviour
//!   (for example `scenarios`);
//! - add response fields, anywhere: ignore fields you do not know;
//! - add values to string enumerations: error `kind`s (treat an unknown
//!   kind as a generic failure), modes, passages, terminal kinds, corridor
//!   ids, snap roles;
//! - add operations to [`Engine::call`], C statuses ([`capi::SilkrouteStatus`]:
//!   treat an unknown one as a failure) and C functions;
//! - change numbers that come from the data (a new dataset version) and
//!   messages meant for people (`message`), never the `kind`.
//!
//! **API v2 is needed to**: remove or rename a field, operation, error
//! kind or C function; make an optional request field required; change a
//! field's type, unit or meaning; change the defaults of a request (for
//! example the objective or container size); change a C signature or
//! the value of a status. v2 types would live beside [`v1`], and both
//! would be served for at least one minor release.
//!
//! The Rust types are `#[non_exhaustive]` so that adding a field is not a
//! breaking change for Rust callers either: build requests with
//! [`v1::RouteRequest::new`] and set fields, or deserialize them.
#![warn(missing_docs)]

pub mod capi;
mod engine;
pub mod format;
mod schema;
pub mod v1;

pub use engine::{
    DEFAULT_MAX_REQUEST_BYTES, Diff, DiffRow, DiffSide, DiffStatus, Engine, ScenarioEffect,
    inline_scenario_files,
};
pub use format::{error_json, routes_geojson, to_json};
pub use schema::api_v1_schema;
