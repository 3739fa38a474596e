//! The C ABI: an opaque engine handle and one call that takes and returns
//! API v1 JSON.
//!
//! The header is `crates/bindings/include/silkroute.h`, generated from this
//! module by cbindgen (a test keeps it current). Link against
//! `libsilkroute_bindings.a` or `libsilkroute_bindings.so`; see
//! `examples/c/`.
//!
//! ```c
//! SilkrouteEngine *engine = NULL;
//! char *json = NULL;
//! if (silkroute_engine_new_eurasia(&engine, &json) != SILKROUTE_STATUS_OK) { ... }
//! SilkrouteStatus s = silkroute_call(engine, "route",
//!     "{\"from\": \"Xi'an\", \"to\": \"Duisburg\"}", &json);
//! puts(json);  /* the response, or an error response when s is ERROR */
//! silkroute_string_free(json);
//! silkroute_engine_free(engine);
//! ```
//!
//! # Contract
//! - Every function returns a [`SilkrouteStatus`]. Callers must treat a
//!   status they do not know (a later version may add some) as a failure.
//! - Every failure that has an output string fills it with an API v1 error
//!   response (`{"api_version":1,"error":{"kind":..,"message":..,"suggestions":[..]}}`),
//!   so no separate "last error" function is needed. Kinds of the C layer
//!   itself: `invalid_argument` (a NULL pointer or text that is not UTF-8)
//!   and `panic` (a bug in silkroute, caught before it reaches C).
//! - Strings passed in are NUL-terminated UTF-8 and only read during the
//!   call. Strings returned belong to the caller, who frees them with
//!   [`silkroute_string_free`] (never with `free`).
//! - No panic crosses the boundary: each function catches it and returns
//!   [`SilkrouteStatus::Panic`].
//!
//! # Threads
//! An engine is immutable once built: any number of threads may call
//! [`silkroute_call`] on the same engine at once. [`silkroute_engine_free`]
//! must not race with any other use of that engine. The constructors,
//! [`silkroute_string_free`] (on distinct strings) and
//! [`silkroute_version`] may be called from any thread at any time.
#![allow(unsafe_code)] // the C ABI is raw pointers; every block says why it is sound

use crate::Engine;
use crate::v1::{ErrorBody, ErrorKind};
use std::ffi::{CStr, CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The API version the JSON follows (the `api_version` field).
// A literal so that cbindgen can write it into the header; a test checks it
// equals `v1::API_VERSION`.
pub const SILKROUTE_API_VERSION: u32 = 1;

/// The outcome of a C API call.
///
/// New values may be added in a minor version: treat unknown values as
/// failures.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SilkrouteStatus {
    /// Success: the output holds the result.
    Ok = 0,
    /// A required pointer was NULL, or a string was not valid UTF-8. The
    /// output string, if its pointer was given, holds an error response of
    /// kind `invalid_argument`.
    InvalidArgument = 1,
    /// The request failed: the output holds an API v1 error response
    /// (`unknown_terminal`, `no_route`, `invalid_request`, `io`, …).
    Error = 2,
    /// silkroute panicked (a bug); the panic was caught. The output holds
    /// an error response of kind `panic`. The engine remains usable.
    Panic = 3,
}

/// A loaded network with its router. Opaque: create it with one of the
/// `silkroute_engine_*` constructors and release it with
/// [`silkroute_engine_free`].
#[derive(Debug)]
pub struct SilkrouteEngine {
    engine: Engine,
}

/// Why an argument was refused.
struct InvalidArgument(String);

fn invalid(what: &str, problem: &str) -> InvalidArgument {
    InvalidArgument(format!("{what} {problem}"))
}

/// Turns a JSON text into a caller-owned C string.
fn c_string(json: String) -> *mut c_char {
    // invariant: serde_json escapes control characters, so API JSON holds no
    // NUL; the fallback only guards against a future bug
    CString::new(json)
        .unwrap_or_else(|_| {
            CString::from(c"{\"api_version\":1,\"error\":{\"kind\":\"internal\",\"message\":\"response contained a NUL byte\",\"suggestions\":[]}}")
        })
        .into_raw()
}

fn error_string(kind: ErrorKind, message: impl Into<String>) -> *mut c_char {
    c_string(crate::error_json(&ErrorBody::new(kind, message)))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("silkroute panicked (a bug, please report it): {detail}")
}

/// Reads a NUL-terminated UTF-8 string.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for reads for the
/// lifetime `'a`.
unsafe fn read_str<'a>(p: *const c_char, what: &str) -> Result<&'a str, InvalidArgument> {
    if p.is_null() {
        return Err(invalid(what, "is NULL"));
    }
    // SAFETY: `p` is not NULL and, by this function's contract, points to a
    // NUL-terminated string that outlives 'a.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str()
        .map_err(|e| invalid(what, &format!("is not valid UTF-8: {e}")))
}

/// Stores `value` in `*out` if `out` is not NULL.
///
/// # Safety
/// `out` is NULL or valid for writes.
unsafe fn store<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: `out` is not NULL and, by contract, valid for writes.
        unsafe { out.write(value) };
    }
}

/// Runs a constructor body: argument checks, panics caught, outputs set.
///
/// # Safety
/// `out_engine` and `out_error` are NULL or valid for writes.
unsafe fn construct(
    out_engine: *mut *mut SilkrouteEngine,
    out_error: *mut *mut c_char,
    build: impl FnOnce() -> Result<Result<Engine, ErrorBody>, InvalidArgument>,
) -> SilkrouteStatus {
    // SAFETY: the caller guarantees both pointers are NULL or writable.
    unsafe {
        store(out_engine, std::ptr::null_mut());
        store(out_error, std::ptr::null_mut());
    }
    if out_engine.is_null() {
        // The string is made only when it has somewhere to go: made and
        // dropped on the floor it would leak (found by Miri).
        if !out_error.is_null() {
            // SAFETY: as above.
            unsafe {
                store(
                    out_error,
                    error_string(ErrorKind::InvalidArgument, "out_engine is NULL"),
                )
            };
        }
        return SilkrouteStatus::InvalidArgument;
    }
    let (status, engine, error) = match catch_unwind(AssertUnwindSafe(build)) {
        Ok(Ok(Ok(engine))) => (
            SilkrouteStatus::Ok,
            Box::into_raw(Box::new(SilkrouteEngine { engine })),
            None,
        ),
        Ok(Ok(Err(e))) => (
            SilkrouteStatus::Error,
            std::ptr::null_mut(),
            Some(crate::error_json(&e)),
        ),
        Ok(Err(InvalidArgument(m))) => (
            SilkrouteStatus::InvalidArgument,
            std::ptr::null_mut(),
            Some(crate::error_json(&ErrorBody::new(
                ErrorKind::InvalidArgument,
                m,
            ))),
        ),
        Err(p) => (
            SilkrouteStatus::Panic,
            std::ptr::null_mut(),
            Some(crate::error_json(&ErrorBody::new(
                ErrorKind::Panic,
                panic_message(&*p),
            ))),
        ),
    };
    // SAFETY: as above; `out_engine` is not NULL.
    unsafe {
        out_engine.write(engine);
        if let Some(e) = error.filter(|_| !out_error.is_null()) {
            store(out_error, c_string(e));
        }
    }
    status
}

/// Creates an engine over the embedded Eurasian network.
///
/// On success `*out_engine` is the engine (free it with
/// [`silkroute_engine_free`]) and `*out_error` is NULL. On failure
/// `*out_engine` is NULL and `*out_error`, if `out_error` is not NULL, is
/// an error response (free it with [`silkroute_string_free`]).
///
/// Returns `OK`, `INVALID_ARGUMENT` (`out_engine` is NULL) or `PANIC`.
///
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `out_engine` and `out_error` are each NULL or valid for writing one
/// pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_engine_new_eurasia(
    out_engine: *mut *mut SilkrouteEngine,
    out_error: *mut *mut c_char,
) -> SilkrouteStatus {
    // SAFETY: forwarded from this function's contract.
    unsafe { construct(out_engine, out_error, || Ok(Ok(Engine::eurasia()))) }
}

/// Creates an engine over a network file (GeoJSON, plain or gzip).
///
/// `path` is a NUL-terminated UTF-8 path. Outputs as
/// [`silkroute_engine_new_eurasia`]. Returns `OK`, `INVALID_ARGUMENT`
/// (a NULL pointer or a path that is not UTF-8), `ERROR` (kinds `io`,
/// `too_large`, `invalid_network`; the suggestions list the problems
/// found) or `PANIC`.
///
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `path` is NULL or a NUL-terminated string; `out_engine` and `out_error`
/// are each NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_engine_from_path(
    path: *const c_char,
    out_engine: *mut *mut SilkrouteEngine,
    out_error: *mut *mut c_char,
) -> SilkrouteStatus {
    // SAFETY: forwarded from this function's contract; `path` is only read
    // during the call.
    unsafe {
        construct(out_engine, out_error, || {
            Ok(Engine::from_path(read_str(path, "path")?))
        })
    }
}

/// Creates an engine over the bytes of a network file (GeoJSON, plain or
/// gzip). The bytes are copied; the caller keeps ownership.
///
/// Outputs and statuses as [`silkroute_engine_from_path`]; `bytes` may be
/// NULL only when `len` is 0.
///
/// Thread safety: may be called from any thread.
///
/// # Safety
/// `bytes` is NULL or valid for reading `len` bytes; `out_engine` and
/// `out_error` are each NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_engine_from_bytes(
    bytes: *const u8,
    len: usize,
    out_engine: *mut *mut SilkrouteEngine,
    out_error: *mut *mut c_char,
) -> SilkrouteStatus {
    let data: Result<&[u8], InvalidArgument> = if bytes.is_null() {
        if len == 0 {
            Ok(&[])
        } else {
            Err(invalid("bytes", "is NULL"))
        }
    } else {
        // SAFETY: `bytes` is not NULL and, by contract, valid for `len`
        // bytes, which are only read during the call.
        Ok(unsafe { std::slice::from_raw_parts(bytes, len) })
    };
    // SAFETY: forwarded from this function's contract.
    unsafe { construct(out_engine, out_error, || Ok(Engine::from_bytes(data?))) }
}

/// Frees an engine. NULL is ignored.
///
/// Thread safety: must not race with any other call that uses this engine;
/// the engine must not be used afterwards.
///
/// # Safety
/// `engine` is NULL or a pointer from a `silkroute_engine_*` constructor
/// that has not been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_engine_free(engine: *mut SilkrouteEngine) {
    if engine.is_null() {
        return;
    }
    // SAFETY: by contract `engine` came from `Box::into_raw` in `construct`
    // and is freed once, with no other use in flight.
    let engine = unsafe { Box::from_raw(engine) };
    // A panic in a destructor must not unwind into C; the engine holds only
    // plain data, so this is belt and braces.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(engine)));
}

/// Runs an API v1 operation on a JSON request.
///
/// Operations: `route`, `compare`, `pareto`, `emissions` (request: a `RouteRequest`),
/// `terminals` (`{"search": "..."}` or `{}`), `find` (`{"query": "..."}`)
/// and `version` (`{}`). The JSON returned is byte-identical to
/// `silkroute ... --json` and to the Rust `Engine::call`.
///
/// On return `*out_json` holds the response (`OK`) or an error response
/// (every other status); free it with [`silkroute_string_free`]. Returns
/// `OK`, `INVALID_ARGUMENT` (a NULL pointer or a string that is not UTF-8;
/// `*out_json` is set only if `out_json` is not NULL), `ERROR` (the request
/// failed: an unknown terminal, no route, invalid JSON, an unknown
/// operation, …) or `PANIC`.
///
/// Thread safety: any number of threads may call this on the same engine
/// at once.
///
/// # Safety
/// `engine` is NULL or a live engine; `operation` and `request_json` are
/// NULL or NUL-terminated strings; `out_json` is NULL or valid for writing
/// one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_call(
    engine: *const SilkrouteEngine,
    operation: *const c_char,
    request_json: *const c_char,
    out_json: *mut *mut c_char,
) -> SilkrouteStatus {
    // SAFETY: `out_json` is NULL or writable by contract.
    unsafe { store(out_json, std::ptr::null_mut()) };
    let run = || -> Result<Result<String, String>, InvalidArgument> {
        if out_json.is_null() {
            return Err(invalid("out_json", "is NULL"));
        }
        // SAFETY: by contract `engine` is NULL or a live engine that is not
        // freed during this call; `Engine` is Sync, so shared use is sound.
        let engine = unsafe { engine.as_ref() }.ok_or_else(|| invalid("engine", "is NULL"))?;
        // SAFETY: by contract both are NULL or NUL-terminated strings that
        // stay valid during the call.
        let (operation, request) = unsafe {
            (
                read_str(operation, "operation")?,
                read_str(request_json, "request_json")?,
            )
        };
        Ok(engine.engine.call(operation, request))
    };
    let (status, json) = match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(Ok(json))) => (SilkrouteStatus::Ok, c_string(json)),
        Ok(Ok(Err(json))) => (SilkrouteStatus::Error, c_string(json)),
        Ok(Err(InvalidArgument(m))) => (
            SilkrouteStatus::InvalidArgument,
            error_string(ErrorKind::InvalidArgument, m),
        ),
        Err(p) => (
            SilkrouteStatus::Panic,
            error_string(ErrorKind::Panic, panic_message(&*p)),
        ),
    };
    if out_json.is_null() {
        // SAFETY: `json` came from `CString::into_raw` just above and was
        // not handed out.
        drop(unsafe { CString::from_raw(json) });
    } else {
        // SAFETY: `out_json` is not NULL and writable by contract.
        unsafe { out_json.write(json) };
    }
    status
}

/// Frees a string returned by silkroute. NULL is ignored.
///
/// Thread safety: may be called from any thread, once per string.
///
/// # Safety
/// `s` is NULL or a string returned by a silkroute function that has not
/// been freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn silkroute_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: by contract `s` came from `CString::into_raw` in this
        // module and is freed once.
        drop(unsafe { CString::from_raw(s) });
    }
}

/// The library version, e.g. `"0.1.0"`: a static NUL-terminated string
/// that must not be freed.
///
/// Thread safety: may be called from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn silkroute_version() -> *const c_char {
    const VERSION: &CStr =
        match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
            Ok(v) => v,
            Err(_) => c"unknown",
        };
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr::{null, null_mut};

    fn take(s: *mut c_char) -> String {
        assert!(!s.is_null());
        // SAFETY: `s` came from this module and is freed right after.
        let out = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
        // SAFETY: as above, freed once.
        unsafe { silkroute_string_free(s) };
        out
    }

    #[test]
    fn null_arguments_are_invalid_not_crashes() {
        let mut err = null_mut();
        // SAFETY: NULL out_engine is part of the contract; `err` is writable.
        let s = unsafe { silkroute_engine_new_eurasia(null_mut(), &mut err) };
        assert_eq!(s, SilkrouteStatus::InvalidArgument);
        assert!(take(err).contains("invalid_argument"));

        let mut engine = null_mut();
        // SAFETY: pointers valid or NULL.
        let s = unsafe { silkroute_engine_from_path(null(), &mut engine, null_mut()) };
        assert_eq!(s, SilkrouteStatus::InvalidArgument);
        assert!(engine.is_null());

        let mut json = null_mut();
        // SAFETY: NULL engine is allowed; `json` is writable.
        let s = unsafe { silkroute_call(null(), c"version".as_ptr(), c"{}".as_ptr(), &mut json) };
        assert_eq!(s, SilkrouteStatus::InvalidArgument);
        assert!(take(json).contains("engine is NULL"));
        // SAFETY: NULL out_json is allowed.
        let s = unsafe { silkroute_call(null(), null(), null(), null_mut()) };
        assert_eq!(s, SilkrouteStatus::InvalidArgument);
        // SAFETY: NULL is ignored.
        unsafe {
            silkroute_engine_free(null_mut());
            silkroute_string_free(null_mut());
        }
    }

    #[test]
    fn bytes_call_and_invalid_utf8() {
        let mut engine = null_mut();
        let mut err = null_mut();
        let garbage = b"{not a network";
        // SAFETY: `garbage` is readable for its length; outputs writable.
        let s = unsafe {
            silkroute_engine_from_bytes(garbage.as_ptr(), garbage.len(), &mut engine, &mut err)
        };
        assert_eq!(s, SilkrouteStatus::Error);
        assert!(engine.is_null());
        assert!(take(err).contains("\"kind\":\"invalid_network\""));

        // SAFETY: outputs writable.
        let s = unsafe { silkroute_engine_new_eurasia(&mut engine, &mut err) };
        assert_eq!(s, SilkrouteStatus::Ok);
        assert!(err.is_null());
        let mut json = null_mut();
        let bad = [0x7b_u8, 0xff, 0x7d, 0];
        // SAFETY: `bad` is NUL-terminated; `engine` is live.
        let s =
            unsafe { silkroute_call(engine, c"route".as_ptr(), bad.as_ptr().cast(), &mut json) };
        assert_eq!(s, SilkrouteStatus::InvalidArgument);
        assert!(take(json).contains("request_json is not valid UTF-8"));
        // SAFETY: as above.
        let s = unsafe { silkroute_call(engine, c"version".as_ptr(), c"{}".as_ptr(), &mut json) };
        assert_eq!(s, SilkrouteStatus::Ok);
        assert_eq!(take(json), Engine::eurasia().call("version", "{}").unwrap());
        // SAFETY: `engine` is live and freed once.
        unsafe { silkroute_engine_free(engine) };
    }

    #[test]
    fn api_version_matches() {
        assert_eq!(SILKROUTE_API_VERSION, crate::v1::API_VERSION);
    }

    #[test]
    fn version_is_static() {
        // SAFETY: a static NUL-terminated string.
        let v = unsafe { CStr::from_ptr(silkroute_version()) };
        assert_eq!(v.to_str().unwrap(), env!("CARGO_PKG_VERSION"));
    }
}
