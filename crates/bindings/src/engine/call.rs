//! [`Engine::call`]: API v1 as JSON text in, JSON text out.

use super::Engine;
use crate::format::{error_json, to_json};
use crate::v1::{self, ErrorBody, ErrorKind, Request};

/// Parses a request, naming the member at fault (`cargo_tonnes`,
/// `via[2]`) when a value has the wrong type.
fn parse<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, ErrorBody> {
    let de = &mut serde_json::Deserializer::from_str(s);
    serde_path_to_error::deserialize(&mut *de)
        .map_err(|e| {
            let path = e.path().to_string();
            let at = if path == "." {
                String::new()
            } else {
                format!(" at `{path}`")
            };
            ErrorBody::new(
                ErrorKind::InvalidRequest,
                format!("invalid request JSON{at}: {}", e.into_inner()),
            )
        })
        .and_then(|v| {
            // Trailing characters after the request are an error too.
            de.end().map_err(|e| {
                ErrorBody::new(
                    ErrorKind::InvalidRequest,
                    format!("invalid request JSON: {e}"),
                )
            })?;
            Ok(v)
        })
}

/// A route request as JSON, parsed once into typed values.
fn request(s: &str) -> Result<Request, ErrorBody> {
    Request::try_from(&parse::<v1::RouteRequest>(s)?)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Search {
    #[serde(default)]
    search: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Find {
    query: String,
}

impl Engine {
    /// Runs an operation on a JSON request and returns the JSON response
    /// text; failures come back as an API v1 error response. This is the
    /// one entry point of the C and Python bindings.
    ///
    /// Operations: `route`, `compare`, `pareto`, `emissions` (request: a
    /// [`v1::RouteRequest`]), `terminals` (request: `{"search": ".."}` or
    /// `{}`), `find` (`{"query": ".."}`), `version` (`{}`).
    ///
    /// # Errors
    /// The API v1 error response as JSON text.
    pub fn call(&self, operation: &str, request_json: &str) -> Result<String, String> {
        if request_json.len() > self.max_request_bytes {
            return Err(error_json(&ErrorBody::new(
                ErrorKind::TooLarge,
                format!(
                    "the request is {} bytes, over the limit of {} (max_request_bytes); raise it with Engine::max_request_bytes if the input is trusted",
                    request_json.len(),
                    self.max_request_bytes
                ),
            )));
        }
        let result: Result<String, ErrorBody> = match operation {
            "route" => request(request_json)
                .and_then(|r| self.route(&r))
                .map(|v| to_json(&v1::RouteResponse::from_routes(&v))),
            "compare" => request(request_json)
                .and_then(|r| self.compare(&r))
                .map(|v| to_json(&v1::CompareResponse::from_options(&v))),
            "pareto" => request(request_json)
                .and_then(|r| self.pareto(&r))
                .map(|v| to_json(&v1::RouteResponse::from_routes(&v))),
            "emissions" => request(request_json)
                .and_then(|r| self.emissions(&r))
                .map(|v| to_json(&v)),
            "terminals" => {
                let text = if request_json.trim().is_empty() {
                    "{}"
                } else {
                    request_json
                };
                parse::<Search>(text).map(|s| {
                    let list: Vec<v1::TerminalInfo> = self
                        .terminals(s.search.as_deref())
                        .into_iter()
                        .map(v1::TerminalInfo::from)
                        .collect();
                    to_json(&list)
                })
            }
            "find" => parse::<Find>(request_json)
                .and_then(|f| self.find(&f.query).map(v1::TerminalInfo::from))
                .map(|v| to_json(&v)),
            "version" => Ok(to_json(&self.version())),
            other => Err(ErrorBody::new(
                ErrorKind::UnknownOperation,
                format!(
                    "unknown operation \"{other}\": expected route, compare, pareto, emissions, terminals, find or version"
                ),
            )),
        };
        result.map_err(|e| error_json(&e))
    }
}
