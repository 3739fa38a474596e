//! Integration tests of silkroute-core.
