//! Errors of the dataset build, each located in a table.

use std::fmt;
use std::path::PathBuf;

/// Where in the tables a problem is: the file, the line (CSV: the row's line,
/// the header being line 1; TOML: the line of a syntax error) and the column
/// or key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Table file name, e.g. `legs.csv`.
    pub file: String,
    /// Line in the file, when known.
    pub line: Option<usize>,
    /// Column (CSV) or key path (TOML), when known.
    pub field: Option<String>,
}

impl Location {
    /// A location in `file`.
    pub fn file(file: &str) -> Self {
        Location {
            file: file.to_string(),
            line: None,
            field: None,
        }
    }

    /// A location at `line` of `file`.
    pub fn line(file: &str, line: usize) -> Self {
        Location {
            line: Some(line),
            ..Location::file(file)
        }
    }

    /// The same location narrowed to a column or key.
    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, " line {l}")?;
        }
        match (&self.field, self.file.ends_with(".csv")) {
            (Some(c), true) => write!(f, ", column `{c}`"),
            (Some(k), false) => write!(f, ", `{k}`"),
            (None, _) => Ok(()),
        }
    }
}

/// A problem reported by the network validator of silkroute-core, with the
/// table row it comes from when it can be traced back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkIssue {
    /// The validator's issue.
    pub issue: silkroute_core::Issue,
    /// The row of terminals.csv or legs.csv that made the terminal or leg.
    pub row: Option<Location>,
}

impl fmt::Display for NetworkIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.issue)?;
        if let Some(r) = &self.row {
            write!(f, " [{r}]")?;
        }
        Ok(())
    }
}

/// Why the dataset could not be built, checked or measured.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A table is malformed or one of its values is wrong.
    #[error("{at}: {message}")]
    Table {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// The network built from the tables fails silkroute-core's validation.
    #[error("{} problem{} in the built network:\n{}", issues.len(), if issues.len() == 1 { "" } else { "s" },
        issues.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n"))]
    Network {
        /// Every problem found.
        issues: Vec<NetworkIssue>,
    },
    /// silkroute-core failed otherwise (reading or writing GeoJSON).
    #[error(transparent)]
    Core(#[from] silkroute_core::Error),
    /// `check`: the committed file is not what the tables build.
    #[error("{} differs from what the tables build:\n{summary}\nrun `cargo run -p silkroute-dataset -- build` and commit the result", path.display())]
    Differs {
        /// The committed file.
        path: PathBuf,
        /// What differs, feature by feature.
        summary: String,
    },
    /// `measure`: a shared network could not be loaded or searched.
    #[error("measuring on {}: {message}", path.display())]
    Measure {
        /// The network file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// A table error at `at`.
    pub fn table(at: Location, message: impl Into<String>) -> Self {
        Error::Table {
            at,
            message: message.into(),
        }
    }
}
