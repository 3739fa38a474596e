//! # silkroute-dataset
//!
//! Builds silkroute's embedded network, `crates/core/data/eurasia.geojson`,
//! from the sourced tables in `crates/core/data/tables/` (see the README
//! there): one fact per CSV row with its source, estimation and cost rules
//! in TOML, derived figures as named formulas ([`expr`]). The network goes
//! through silkroute-core's [`NetworkBuilder`](silkroute_core::NetworkBuilder),
//! the one validator, and is written with its one writer
//! ([`Network::write_geojson`](silkroute_core::Network::write_geojson)).
//!
//! ```no_run
//! let built = silkroute_dataset::build(&silkroute_dataset::default_tables_dir())?;
//! assert!(built.network.legs().len() > 100);
//! # Ok::<(), silkroute_dataset::Error>(())
//! ```
#![warn(missing_docs)]

mod assemble;
mod check;
mod costs;
mod distances;
mod error;
pub mod expr;
mod index;
mod legs;
pub mod measure;
pub mod tables;

pub use assemble::{Built, build_tables};
pub use check::diff_summary;
pub use error::{Error, Location, NetworkIssue};

use std::path::{Path, PathBuf};

/// `crates/core/data` of this repository.
fn core_data_dir() -> PathBuf {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new(".."));
    crates.join("core").join("data")
}

/// The tables of the embedded dataset in this repository.
pub fn default_tables_dir() -> PathBuf {
    core_data_dir().join("tables")
}

/// The embedded dataset's GeoJSON file in this repository.
pub fn default_geojson_path() -> PathBuf {
    core_data_dir().join("eurasia.geojson")
}

/// Reads the tables in `dir` and builds the network.
///
/// # Errors
/// As [`tables::Tables::read`] and [`build_tables`].
pub fn build(dir: &Path) -> Result<Built, Error> {
    build_tables(&tables::Tables::read(dir)?)
}

/// Builds the network from `dir` and compares it, byte for byte, with the
/// file at `committed`.
///
/// # Errors
/// [`Error::Differs`] with a summary when they differ; otherwise as
/// [`build`], or [`Error::Io`] when the file cannot be read.
pub fn check(dir: &Path, committed: &Path) -> Result<Built, Error> {
    let built = build(dir)?;
    let bytes = built.geojson()?;
    let old = std::fs::read(committed).map_err(|source| Error::Io {
        path: committed.to_path_buf(),
        source,
    })?;
    match diff_summary(&old, &bytes) {
        None => Ok(built),
        Some(summary) => Err(Error::Differs {
            path: committed.to_path_buf(),
            summary,
        }),
    }
}
