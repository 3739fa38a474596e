//! Measuring (in progress).
use crate::error::Error;
use std::path::Path;

/// Measures.
///
/// # Errors
/// Always, for now.
pub fn measure_tables(_dir: &Path, shared: &Path) -> Result<String, Error> {
    Err(Error::Measure {
        path: shared.to_path_buf(),
        message: "not yet".into(),
    })
}
