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
//! let resp = engine.route(&req).map_err(|e| e.message)?;
//! assert_eq!(resp.api_version, 1);
//! assert!(resp.routes[0].legs.iter().any(|l| l.to.name == "Alat"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Versioning
//! The JSON carries `"api_version": 1`. Within version 1, a minor release
//! may add optional request fields, response fields and enum values
//! (error kinds, modes, passages); callers must ignore fields they do not
//! know and tolerate new values. Removing or renaming a field, changing a
//! type or a unit, or changing the meaning of a value needs API v2.
#![warn(missing_docs)]

mod engine;
pub mod v1;

pub use engine::{error_json, routes_geojson, to_json, Engine};
