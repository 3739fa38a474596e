//! Integration tests of silkroute-bindings.
