//! The C entry points on arbitrary bytes: `silkroute_call` with arbitrary
//! NUL-terminated operation and request strings (invalid UTF-8 included),
//! and `silkroute_engine_from_bytes` on arbitrary network bytes.
//!
//! Invariants: no crash; every status has its documented output: `OK` a JSON
//! response, any other status an API v1 error response, never `PANIC`;
//! `INVALID_ARGUMENT` exactly when a string is not UTF-8.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use silkroute_bindings::capi::*;
use std::ffi::{CStr, CString, c_char};
use std::ptr::null_mut;

/// An engine over the embedded network, built once through the C API and
/// kept for the process (the fuzzer never frees it).
struct Shared(*mut SilkrouteEngine);
// SAFETY: the C API documents an engine as usable from any thread at once;
// the pointer is never freed.
unsafe impl Send for Shared {}
// SAFETY: as above.
unsafe impl Sync for Shared {}

fn engine() -> *const SilkrouteEngine {
    static ENGINE: std::sync::OnceLock<Shared> = std::sync::OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let mut engine = null_mut();
            // SAFETY: `engine` is writable; NULL `out_error` is allowed.
            let s = unsafe { silkroute_engine_new_eurasia(&mut engine, null_mut()) };
            assert_eq!(s, SilkrouteStatus::Ok);
            Shared(engine)
        })
        .0
}

/// Takes ownership of a returned string and parses it.
fn take_json(s: *mut c_char) -> Value {
    assert!(!s.is_null(), "a status without its output string");
    // SAFETY: `s` is a NUL-terminated string returned by silkroute.
    let text = unsafe { CStr::from_ptr(s) }
        .to_str()
        .expect("output is UTF-8")
        .to_string();
    // SAFETY: returned by silkroute and freed once.
    unsafe { silkroute_string_free(s) };
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("output is not JSON ({e}): {text}"))
}

fn check_error(v: &Value, expected_kind: Option<&str>) {
    assert_eq!(v["api_version"], 1, "{v}");
    let kind = v["error"]["kind"].as_str().expect("error.kind");
    if let Some(k) = expected_kind {
        assert_eq!(kind, k, "{v}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode % 4 == 0 {
        // Network bytes through the constructor.
        let mut out = null_mut();
        let mut err = null_mut();
        // SAFETY: `rest` is readable for its length; outputs writable.
        let s =
            unsafe { silkroute_engine_from_bytes(rest.as_ptr(), rest.len(), &mut out, &mut err) };
        match s {
            SilkrouteStatus::Ok => {
                assert!(err.is_null() && !out.is_null());
                // SAFETY: a live engine, freed once.
                unsafe { silkroute_engine_free(out) };
            }
            SilkrouteStatus::Error => {
                assert!(out.is_null());
                check_error(&take_json(err), None);
            }
            other => panic!("unexpected status {other:?}"),
        }
        return;
    }
    // Operation and request: split at the first NUL; each is a C string.
    let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
    let op_bytes = &rest[..cut];
    let req_bytes: Vec<u8> = rest
        .get(cut + 1..)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|&b| b != 0)
        .collect();
    let op_bytes: Vec<u8> = if mode % 4 == 1 {
        // Mostly real operations, so the request parser gets exercised.
        ["route", "compare", "pareto", "terminals", "find", "version"]
            [usize::from(op_bytes.first().copied().unwrap_or(0)) % 6]
            .as_bytes()
            .to_vec()
    } else {
        op_bytes.to_vec()
    };
    let utf8 = std::str::from_utf8(&op_bytes).is_ok() && std::str::from_utf8(&req_bytes).is_ok();
    let op = CString::new(op_bytes).expect("no interior NUL");
    let req = CString::new(req_bytes).expect("no interior NUL");
    let mut json = null_mut();
    // SAFETY: a live engine, NUL-terminated strings, a writable output.
    let s = unsafe { silkroute_call(engine(), op.as_ptr(), req.as_ptr(), &mut json) };
    let v = take_json(json);
    match s {
        SilkrouteStatus::Ok => {
            assert!(utf8);
            // An API v1 response, the `terminals` array or the `find` terminal.
            assert!(
                v.is_array() || v["api_version"] == 1 || v["id"].is_string(),
                "{v}"
            );
            assert!(v.get("error").is_none(), "{v}");
        }
        SilkrouteStatus::Error => {
            assert!(utf8);
            check_error(&v, None);
        }
        SilkrouteStatus::InvalidArgument => {
            assert!(!utf8, "valid UTF-8 refused: {v}");
            check_error(&v, Some("invalid_argument"));
        }
        other => panic!("unexpected status {other:?}: {v}"),
    }
});
