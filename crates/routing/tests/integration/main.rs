//! Integration tests of silkroute-routing.
