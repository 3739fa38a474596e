//! Request bodies and query strings, refused with the v1 error body:
//! 415 without a JSON content type, 413 over the body limit, 408 when the
//! body is too slow to arrive, 400 for malformed JSON, 422 for JSON of the
//! wrong shape.

use crate::error::ApiError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use silkroute_bindings::v1::ErrorKind;

/// A JSON request body parsed into `T`.
#[derive(Debug)]
pub struct JsonBody<T>(pub T);

fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// A serde error as an API error: 400 when the text is not JSON, 422 when
/// it is JSON of the wrong shape.
pub fn json_error(e: &serde_json::Error) -> ApiError {
    let status = match e.classify() {
        serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::BAD_REQUEST,
    };
    ApiError::new(
        ErrorKind::InvalidRequest,
        format!("invalid request JSON: {e}"),
    )
    .with_status(status)
}

impl<T: DeserializeOwned> FromRequest<AppState> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !is_json(content_type) {
            let given = if content_type.is_empty() {
                "none".to_string()
            } else {
                format!("\"{content_type}\"")
            };
            return Err(ApiError::new(
                ErrorKind::InvalidRequest,
                format!("the request body must be JSON (Content-Type: application/json); the Content-Type given is {given}"),
            )
            .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE));
        }
        let limit = state.config.max_body_bytes;
        let bytes = match tokio::time::timeout(
            state.config.body_timeout,
            Bytes::from_request(req, state),
        )
        .await
        {
            Err(_) => {
                state.metrics.reject("timeout");
                return Err(ApiError::new(
                    ErrorKind::Timeout,
                    format!(
                        "the request body did not arrive within {} ms (--body-timeout)",
                        state.config.body_timeout.as_millis()
                    ),
                )
                .with_status(StatusCode::REQUEST_TIMEOUT));
            }
            Ok(Err(rejection)) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(ApiError::new(
                    ErrorKind::TooLarge,
                    format!(
                        "the request body is over the server's limit of {limit} bytes (--max-body-bytes)"
                    ),
                )
                .with_status(StatusCode::PAYLOAD_TOO_LARGE));
            }
            Ok(Err(rejection)) => {
                return Err(ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("cannot read the request body: {}", rejection.body_text()),
                )
                .with_status(StatusCode::BAD_REQUEST));
            }
            Ok(Ok(bytes)) => bytes,
        };
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|e| json_error(&e))
    }
}

/// A query string parsed into `T` (422 for unknown or malformed parameters).
#[derive(Debug)]
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|q| QueryParams(q.0))
            .map_err(|e| {
                ApiError::new(
                    ErrorKind::InvalidRequest,
                    format!("invalid query string: {}", e.body_text()),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types() {
        assert!(is_json("application/json"));
        assert!(is_json("application/json; charset=utf-8"));
        assert!(is_json("Application/JSON"));
        assert!(is_json("application/merge-patch+json"));
        assert!(!is_json("text/plain"));
        assert!(!is_json(""));
        assert!(!is_json("application/x-www-form-urlencoded"));
    }

    #[test]
    fn syntax_is_400_and_shape_is_422() {
        let syntax = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        assert_eq!(json_error(&syntax).status, StatusCode::BAD_REQUEST);
        let shape = serde_json::from_str::<silkroute_bindings::v1::RouteRequest>("{\"from\": 1}")
            .unwrap_err();
        assert_eq!(json_error(&shape).status, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
