//! Integration tests of silkroute-routing.
mod netgen;
mod golden;
mod large;
mod oracle;
mod props;
