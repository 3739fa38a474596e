//! Every failure as an HTTP status and the API v1 error body.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use silkroute_bindings::error_json;
use silkroute_bindings::v1::{ErrorBody, ErrorKind};

/// The HTTP status of an API error kind: 422 for a request the engine
/// understood and refused (unknown names, contradictions, no route, a
/// value over a limit), 404 for an unknown operation, 429 when busy, 503 while
/// shutting down or past the time limit, 500 for faults of silkroute.
pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::UnknownTerminal
        | ErrorKind::UnknownCountry
        | ErrorKind::UnknownName
        | ErrorKind::UnknownCorridor
        | ErrorKind::UnknownLeg
        | ErrorKind::BadPosition
        | ErrorKind::SameOriginDestination
        | ErrorKind::ContradictoryConstraints
        | ErrorKind::InvalidNumber
        | ErrorKind::NoRoute
        | ErrorKind::InvalidRequest
        | ErrorKind::UnknownScenario
        | ErrorKind::InvalidScenario
        | ErrorKind::CorridorClosed
        // A value over a limit (alternatives, waypoints, scenarios, search
        // states); a body or matrix over the server's limits is answered
        // 413 where it is checked.
        | ErrorKind::TooLarge => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorKind::UnknownOperation => StatusCode::NOT_FOUND,
        ErrorKind::InvalidArgument => StatusCode::BAD_REQUEST,
        ErrorKind::Overloaded => StatusCode::TOO_MANY_REQUESTS,
        ErrorKind::Unavailable | ErrorKind::Timeout => StatusCode::SERVICE_UNAVAILABLE,
        // Io, InvalidNetwork, Panic, Internal and kinds added later: a
        // request never makes the engine read a file or load a network.
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// An API error with the status it is answered with.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The v1 error body.
    pub body: ErrorBody,
}

impl ApiError {
    /// An error of `kind` with its usual status.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        ApiError::from(ErrorBody::new(kind, message))
    }

    /// The same error answered with another status (400 for malformed
    /// JSON, 405, 408, 415, whose kinds are shared with other statuses).
    #[must_use]
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl From<ErrorBody> for ApiError {
    fn from(body: ErrorBody) -> Self {
        ApiError {
            status: status_of(body.kind),
            body,
        }
    }
}

/// The canonical JSON text (as `silkroute … --json` prints it: one line)
/// as a response with a status.
pub fn json_response(status: StatusCode, text: String, content_type: &'static str) -> Response {
    let mut r = (status, format!("{text}\n")).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = json_response(self.status, error_json(&self.body), "application/json");
        match self.body.kind {
            ErrorKind::Overloaded => {
                r.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            ErrorKind::Unavailable => {
                r.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            _ => {}
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_never_a_server_error() {
        for kind in [
            ErrorKind::UnknownTerminal,
            ErrorKind::NoRoute,
            ErrorKind::InvalidRequest,
            ErrorKind::InvalidNumber,
            ErrorKind::TooLarge,
            ErrorKind::UnknownScenario,
            ErrorKind::InvalidScenario,
            ErrorKind::Overloaded,
        ] {
            assert!(status_of(kind).is_client_error(), "{kind}");
        }
        assert_eq!(
            status_of(ErrorKind::Panic),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
