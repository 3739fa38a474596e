//! Integration tests of silkroute-core: validation of broken files, export
//! round trips, the embedded dataset's invariants and name look-up.
//!
//! One binary (`autotests = false`) so the crate links once.

mod common;
mod dataset;
mod emissions;
mod find;
mod limits;
mod roundtrip;
mod scenario;
mod validation;
