//! Errors of silkroute-routing.

use silkroute_core::did_you_mean;

/// The error type of silkroute-routing.
///
/// Every variant says what is wrong and, where it can, how to fix it;
/// [`kind`](RoutingError::kind) gives a stable machine-readable name.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RoutingError {
    /// No terminal matches a query.
    #[error("unknown terminal \"{query}\"{}", did_you_mean(suggestions))]
    UnknownTerminal {
        /// The query as given.
        query: String,
        /// The closest names, best first.
        suggestions: Vec<String>,
    },
    /// Not an ISO 3166-1 alpha-2 code.
    #[error(
        "unknown country code \"{code}\": expected an ISO 3166-1 alpha-2 code such as RU, BY or IR"
    )]
    UnknownCountry {
        /// The rejected code.
        code: String,
    },
    /// An unknown mode, passage or container size.
    #[error("unknown {what} \"{value}\": expected one of {}", expected.join(", "))]
    UnknownName {
        /// What kind of name ("mode", "passage", "container size", "objective").
        what: &'static str,
        /// The rejected input.
        value: String,
        /// The accepted names.
        expected: Vec<String>,
    },
    /// An unknown corridor or corridor tag.
    #[error("unknown corridor \"{name}\"{}", did_you_mean(suggestions))]
    UnknownCorridor {
        /// The rejected name.
        name: String,
        /// Known corridors and tags that are close.
        suggestions: Vec<String>,
    },
    /// An unknown leg id.
    #[error("unknown leg \"{id}\"{}", did_you_mean(suggestions))]
    UnknownLeg {
        /// The rejected id.
        id: String,
        /// Close leg ids.
        suggestions: Vec<String>,
    },
    /// A coordinate could not be snapped to a terminal.
    #[error("cannot use position \"{input}\": {reason}")]
    BadPosition {
        /// The input.
        input: String,
        /// Why.
        reason: String,
    },
    /// Origin and destination are the same terminal.
    #[error("origin and destination are both {terminal}: nothing to route")]
    SameOriginDestination {
        /// The terminal's name.
        terminal: String,
    },
    /// The request contradicts itself.
    #[error("contradictory request: {reason}")]
    Contradictory {
        /// What contradicts what.
        reason: String,
    },
    /// A number in the request is NaN, infinite, negative or absurd.
    #[error("invalid {field}: {value} ({reason})")]
    InvalidNumber {
        /// The field.
        field: &'static str,
        /// The value as given.
        value: String,
        /// What is accepted.
        reason: String,
    },
    /// No route satisfies the request.
    #[error("no route from {from} to {to}: {reason}")]
    NoRoute {
        /// Origin name.
        from: String,
        /// Destination name.
        to: String,
        /// What cuts it off, as far as the search could tell.
        reason: String,
    },
    /// The network could not answer (an error of silkroute-core other than
    /// an unknown terminal, such as an invalid scenario network).
    #[error("{message}")]
    Network {
        /// What the network reported.
        message: String,
    },
    /// A request exceeds a limit that keeps memory and time bounded.
    #[error("{what} is {found}, over the limit of {limit}{}", hint.map(|h| format!(": {h}")).unwrap_or_default())]
    TooLarge {
        /// What was measured.
        what: &'static str,
        /// The size found.
        found: u64,
        /// The limit.
        limit: u64,
        /// How to stay within it or raise it.
        hint: Option<&'static str>,
    },
}

impl RoutingError {
    /// A stable snake_case name of the error kind, used by the JSON API.
    pub fn kind(&self) -> &'static str {
        match self {
            RoutingError::UnknownTerminal { .. } => "unknown_terminal",
            RoutingError::UnknownCountry { .. } => "unknown_country",
            RoutingError::UnknownName { .. } => "unknown_name",
            RoutingError::UnknownCorridor { .. } => "unknown_corridor",
            RoutingError::UnknownLeg { .. } => "unknown_leg",
            RoutingError::BadPosition { .. } => "bad_position",
            RoutingError::SameOriginDestination { .. } => "same_origin_destination",
            RoutingError::Contradictory { .. } => "contradictory_constraints",
            RoutingError::InvalidNumber { .. } => "invalid_number",
            RoutingError::NoRoute { .. } => "no_route",
            RoutingError::TooLarge { .. } => "too_large",
            RoutingError::Network { .. } => "invalid_network",
        }
    }

    /// Suggestions that may fix the error (closest names), best first.
    pub fn suggestions(&self) -> &[String] {
        match self {
            RoutingError::UnknownTerminal { suggestions, .. }
            | RoutingError::UnknownCorridor { suggestions, .. }
            | RoutingError::UnknownLeg { suggestions, .. } => suggestions,
            _ => &[],
        }
    }
}

impl From<silkroute_core::Error> for RoutingError {
    fn from(e: silkroute_core::Error) -> Self {
        match e {
            silkroute_core::Error::UnknownTerminal { query, suggestions } => {
                RoutingError::UnknownTerminal { query, suggestions }
            }
            other => RoutingError::Network {
                message: other.to_string(),
            },
        }
    }
}
