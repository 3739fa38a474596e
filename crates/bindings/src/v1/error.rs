//! API v1 errors: a stable kind, a sentence, suggestions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use silkroute_routing as routing;

/// The stable, machine-readable kind of an API error, serialised in
/// snake_case (`"unknown_terminal"`). New kinds may be added in a minor
/// version: match with a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// No terminal matches a name.
    UnknownTerminal,
    /// Not an ISO 3166-1 alpha-2 country code.
    UnknownCountry,
    /// An unknown mode, passage, objective or container size.
    UnknownName,
    /// An unknown corridor or corridor tag.
    UnknownCorridor,
    /// An unknown leg id.
    UnknownLeg,
    /// A position that cannot be used or snapped.
    BadPosition,
    /// Origin and destination are the same terminal.
    SameOriginDestination,
    /// The request contradicts itself.
    ContradictoryConstraints,
    /// A number is NaN, infinite, negative or absurd.
    InvalidNumber,
    /// No route satisfies the request.
    NoRoute,
    /// A request or file over a limit.
    TooLarge,
    /// The request is not valid JSON of the expected shape.
    InvalidRequest,
    /// The operation named does not exist.
    UnknownOperation,
    /// No built-in scenario of that id.
    UnknownScenario,
    /// A scenario that is invalid or does not apply to the network.
    InvalidScenario,
    /// A network file that is invalid.
    InvalidNetwork,
    /// A file could not be read.
    Io,
    /// A scenario closed every leg a corridor requires (diff only).
    CorridorClosed,
    /// A C caller passed NULL or invalid UTF-8 (C ABI only).
    InvalidArgument,
    /// silkroute panicked; the panic was caught at the C ABI (please report it).
    Panic,
    /// A fault of silkroute itself; please report it.
    Internal,
    /// The server is busy: too many requests at once (HTTP 429); retry later.
    Overloaded,
    /// The server is shutting down (HTTP 503); retry on another instance.
    Unavailable,
    /// The request took longer than the server's time limit.
    Timeout,
}

impl ErrorKind {
    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::UnknownTerminal => "unknown_terminal",
            ErrorKind::UnknownCountry => "unknown_country",
            ErrorKind::UnknownName => "unknown_name",
            ErrorKind::UnknownCorridor => "unknown_corridor",
            ErrorKind::UnknownLeg => "unknown_leg",
            ErrorKind::BadPosition => "bad_position",
            ErrorKind::SameOriginDestination => "same_origin_destination",
            ErrorKind::ContradictoryConstraints => "contradictory_constraints",
            ErrorKind::InvalidNumber => "invalid_number",
            ErrorKind::NoRoute => "no_route",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::UnknownOperation => "unknown_operation",
            ErrorKind::UnknownScenario => "unknown_scenario",
            ErrorKind::InvalidScenario => "invalid_scenario",
            ErrorKind::InvalidNetwork => "invalid_network",
            ErrorKind::Io => "io",
            ErrorKind::CorridorClosed => "corridor_closed",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::Panic => "panic",
            ErrorKind::Internal => "internal",
            ErrorKind::Overloaded => "overloaded",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Timeout => "timeout",
        }
    }

    /// Whether the error says "this trip cannot be made on this network"
    /// rather than "the request is wrong".
    pub fn is_infeasible(self) -> bool {
        matches!(
            self,
            ErrorKind::NoRoute
                | ErrorKind::UnknownTerminal
                | ErrorKind::ContradictoryConstraints
                | ErrorKind::BadPosition
        )
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&routing::RoutingError> for ErrorKind {
    fn from(e: &routing::RoutingError) -> Self {
        use routing::RoutingError as E;
        match e {
            E::UnknownTerminal { .. } => ErrorKind::UnknownTerminal,
            E::UnknownCountry { .. } => ErrorKind::UnknownCountry,
            E::UnknownName { .. } => ErrorKind::UnknownName,
            E::UnknownCorridor { .. } => ErrorKind::UnknownCorridor,
            E::UnknownLeg { .. } => ErrorKind::UnknownLeg,
            E::BadPosition { .. } => ErrorKind::BadPosition,
            E::SameOriginDestination { .. } => ErrorKind::SameOriginDestination,
            E::Contradictory { .. } => ErrorKind::ContradictoryConstraints,
            E::InvalidNumber { .. } => ErrorKind::InvalidNumber,
            E::NoRoute { .. } => ErrorKind::NoRoute,
            E::TooLarge { .. } => ErrorKind::TooLarge,
            E::Network { .. } => ErrorKind::InvalidNetwork,
            // A kind added to routing later and not yet mapped here.
            _ => ErrorKind::Internal,
        }
    }
}

/// An error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ErrorBody {
    /// Stable snake_case kind: `unknown_terminal`, `no_route`,
    /// `invalid_request`, `contradictory_constraints`, … (new kinds may be added).
    pub kind: ErrorKind,
    /// A sentence for people.
    pub message: String,
    /// Closest names, for unknown names.
    pub suggestions: Vec<String>,
}

impl ErrorBody {
    /// An error of a kind with a message and no suggestions.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ErrorBody {
            kind,
            message: message.into(),
            suggestions: Vec::new(),
        }
    }
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ErrorBody {}

impl From<&routing::RoutingError> for ErrorBody {
    fn from(e: &routing::RoutingError) -> Self {
        ErrorBody {
            kind: ErrorKind::from(e),
            message: e.to_string(),
            suggestions: e.suggestions().to_vec(),
        }
    }
}

/// The response to a failed request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ErrorResponse {
    /// Always 1.
    #[serde(default = "super::one")]
    pub api_version: u32,
    /// What went wrong.
    pub error: ErrorBody,
}

impl From<ErrorBody> for ErrorResponse {
    fn from(error: ErrorBody) -> Self {
        ErrorResponse {
            api_version: super::API_VERSION,
            error,
        }
    }
}
