//! Errors of silkroute-core.

use crate::names::did_you_mean;
use std::fmt;
use std::path::PathBuf;

/// Where in a network file or model a problem sits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Location {
    /// Index of the feature in `features`, or of the row in a top-level table.
    pub index: Option<usize>,
    /// The table the index refers to (`features`, `sources`, `corridors`, …).
    pub table: &'static str,
    /// The id of the terminal, leg, source or corridor, when known.
    pub id: Option<String>,
    /// The field, when the problem is in one field.
    pub field: Option<String>,
}

impl Location {
    pub(crate) fn new(table: &'static str, index: Option<usize>) -> Self {
        Location {
            index,
            table,
            id: None,
            field: None,
        }
    }

    pub(crate) fn id(mut self, id: impl Into<String>) -> Self {
        let id = id.into();
        if !id.is_empty() {
            self.id = Some(id);
        }
        self
    }

    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.table)?;
        if let Some(i) = self.index {
            write!(f, "[{i}]")?;
        }
        if let Some(id) = &self.id {
            write!(f, " (id \"{id}\")")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        Ok(())
    }
}

/// One problem found while validating a network.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Issue {
    /// Where it is.
    pub location: Location,
    /// What is wrong, and how to fix it where that is clear.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The error type of silkroute-core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "input".into()))]
    Io {
        /// The file, when there is one.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not JSON, or not a JSON object of the expected shape.
    #[error("not a valid network file: {message} (line {line}, column {column})")]
    Json {
        /// What the parser said.
        message: String,
        /// 1-based line, 0 if unknown.
        line: usize,
        /// 1-based column, 0 if unknown.
        column: usize,
    },
    /// The file is JSON but not a silkroute network, or a version this
    /// library does not read.
    #[error(
        "unsupported network format: {found}; expected \"format\": \"silkroute-network\" with \"format_version\": 1"
    )]
    UnsupportedFormat {
        /// What the file declared.
        found: String,
    },
    /// The network has problems; every one found is listed.
    #[error("{} problem{} in the network:\n{}", issues.len(), if issues.len() == 1 { "" } else { "s" },
        issues.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// Every problem found.
        issues: Vec<Issue>,
    },
    /// An input exceeds a limit that protects memory and time.
    #[error(
        "{what} is {found}, over the limit of {limit}; raise it with {how} if the input is trusted"
    )]
    TooLarge {
        /// What was measured.
        what: &'static str,
        /// The size found (at least).
        found: u64,
        /// The limit.
        limit: u64,
        /// How to raise the limit.
        how: &'static str,
    },
    /// A scenario has problems (in the file, or when applied to a network);
    /// every one found is listed.
    #[error("{} problem{} in the scenario:\n{}", issues.len(), if issues.len() == 1 { "" } else { "s" },
        issues.iter().map(|i| format!("  - {i}")).collect::<Vec<_>>().join("\n"))]
    InvalidScenario {
        /// Every problem found.
        issues: Vec<Issue>,
    },
    /// No built-in scenario has this name and no file exists at this path.
    #[error(
        "unknown scenario \"{query}\"{}: give a built-in scenario id (`silkroute scenarios` lists them) or a scenario file",
        did_you_mean(suggestions)
    )]
    UnknownScenario {
        /// The name as given.
        query: String,
        /// The closest built-in ids, best first.
        suggestions: Vec<String>,
    },
    /// No terminal matches a query.
    #[error("unknown terminal \"{query}\"{}", did_you_mean(suggestions))]
    UnknownTerminal {
        /// The query as given.
        query: String,
        /// The closest names, best first.
        suggestions: Vec<String>,
    },
}

impl Error {
    /// The suggestions carried by the error (closest terminal names), if any.
    pub fn suggestions(&self) -> &[String] {
        match self {
            Error::UnknownTerminal { suggestions, .. }
            | Error::UnknownScenario { suggestions, .. } => suggestions,
            _ => &[],
        }
    }

    /// The validation problems carried by the error, if any.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::Invalid { issues } | Error::InvalidScenario { issues } => issues,
            _ => &[],
        }
    }
}
